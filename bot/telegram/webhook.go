package telegram

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// maxUpdateBytes bounds a webhook request's body.
const maxUpdateBytes = 1 << 20

// serveWebhook listens on Listen, registers WebhookURL with its secret
// (setWebhook), and serves updates until ctx ends; then it stops the server,
// waiting at most a second for requests being handled.
func (a *Adapter) serveWebhook(ctx context.Context) error {
	ln, err := net.Listen("tcp", a.opts.Listen)
	if err != nil {
		return fmt.Errorf("telegram webhook: listen: %w", err)
	}
	if a.listening != nil {
		a.listening(ln.Addr())
	}
	srv := &http.Server{
		Handler:           a.webhookHandler(ctx),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		ErrorLog:          slog.NewLogLogger(a.lg.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	if err := a.setWebhook(); err != nil {
		_ = srv.Close()
		<-errc
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	a.lg.Info("telegram: serving the webhook", "bot", a.username, "listen", ln.Addr().String())
	select {
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			_ = srv.Close()
		}
		<-errc
		return nil
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return fmt.Errorf("telegram webhook: serve: %w", err)
	}
}

// setWebhook registers the webhook with its secret token, for the update
// types the adapter handles.
func (a *Adapter) setWebhook() error {
	_, err := a.call.MakeRequest("setWebhook", tgbotapi.Params{
		"url":             a.opts.WebhookURL,
		"secret_token":    a.opts.Secret,
		"allowed_updates": `["message","channel_post","callback_query"]`,
	})
	if ae := a.red.wrap("setWebhook", err); ae != nil {
		if ae.fatal() {
			return fmt.Errorf("telegram: the Bot API refused the token (%w): check TELEGRAM_BOT_TOKEN", ae)
		}
		return fmt.Errorf("telegram: register the webhook: %w", ae)
	}
	return nil
}

// webhookHandler accepts updates posted by Telegram. A request without the
// right X-Telegram-Bot-Api-Secret-Token (compared in constant time) gets
// 401 and a log line. Updates are handled before the response, so
// Telegram delivers again what was not handled: up to Workers at once,
// those of one chat one at a time (in the order they arrive). An update id
// seen recently is acknowledged without being handled twice. When ctx has
// ended the answer is 503 (Telegram retries later).
func (a *Adapter) webhookHandler(ctx context.Context) http.Handler {
	want := []byte(a.opts.Secret)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if subtle.ConstantTimeCompare([]byte(got), want) != 1 {
			a.lg.Warn("telegram webhook: request refused: wrong or missing secret token", "remote", r.RemoteAddr, "missing", got == "")
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxUpdateBytes))
		if err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		u, ok := decodeUpdate(body)
		if !ok {
			a.lg.Warn("telegram webhook: undecodable update refused", "bytes", len(body))
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		a.hookMu.Lock()
		fresh := a.rememberUpdate(u.UpdateID)
		a.hookMu.Unlock()
		if !fresh {
			w.WriteHeader(http.StatusOK)
			return
		}
		unlock := a.lockChat(u.chatKey())
		a.hookSem <- struct{}{}
		done := a.handleUpdate(ctx, u)
		<-a.hookSem
		unlock()
		if !done {
			a.hookMu.Lock()
			a.forgetUpdate(u.UpdateID)
			a.hookMu.Unlock()
			http.Error(w, "shutting down", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
