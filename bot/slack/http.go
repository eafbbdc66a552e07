package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	slackapi "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// HTTPHandler serves Slack's HTTP requests, as Run does in HTTP mode:
//
//	POST /slack/commands     slash commands (form-encoded)
//	POST /slack/events       the Events API, including the url_verification challenge
//	POST /slack/interactive  shortcuts and button clicks (form field "payload")
//
// Every request must carry a valid X-Slack-Signature for its
// X-Slack-Request-Timestamp, no more than 5 minutes off; otherwise it gets
// 401 and a log line. Valid requests are answered 200 at once (a refusal
// text for a slash command from outside the allowlist, else an empty body)
// and handled in the background. Use it only after Run has started, or
// mount it in another server with Run serving Socket Mode.
func (a *Adapter) HTTPHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /slack/commands", a.verified(a.serveCommand))
	mux.HandleFunc("POST /slack/events", a.verified(a.serveEvents))
	mux.HandleFunc("POST /slack/interactive", a.verified(a.serveInteractive))
	return mux
}

func (a *Adapter) runHTTP(ctx context.Context) error {
	ln, err := net.Listen("tcp", a.opts.Listen)
	if err != nil {
		return fmt.Errorf("slack: listen on %s: %w", a.opts.Listen, err)
	}
	srv := &http.Server{
		Handler:           a.HTTPHandler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
	}
	a.lg.Info("slack serving HTTP", "addr", ln.Addr().String(), "paths", "/slack/commands /slack/events /slack/interactive")
	if a.onListen != nil {
		a.onListen(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("slack: serve HTTP: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		_ = srv.Close()
	}
	return nil
}

// verified reads the body and checks its signature before calling next with
// the body (also left readable in r.Body).
func (a *Adapter) verified(next func(w http.ResponseWriter, r *http.Request, body []byte)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		if err != nil {
			a.lg.Warn("slack request refused: unreadable body", "path", r.URL.Path, "remote", r.RemoteAddr, "err", err)
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		if reason := a.checkSignature(r.Header, body); reason != "" {
			a.lg.Warn("slack request refused: "+reason, "path", r.URL.Path, "remote", r.RemoteAddr)
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next(w, r, body)
	}
}

// checkSignature returns "" for a valid signature, else why not.
func (a *Adapter) checkSignature(h http.Header, body []byte) string {
	sv, err := slackapi.NewSecretsVerifier(h, a.opts.SigningSecret)
	switch {
	case errors.Is(err, slackapi.ErrMissingHeaders):
		return "missing signature"
	case errors.Is(err, slackapi.ErrExpiredTimestamp):
		return "stale timestamp (more than 5 minutes off)"
	case err != nil:
		return "bad signature"
	}
	if _, err := sv.Write(body); err != nil {
		return "bad signature"
	}
	if sv.Ensure() != nil {
		return "bad signature"
	}
	return ""
}

func (a *Adapter) serveCommand(w http.ResponseWriter, r *http.Request, _ []byte) {
	cmd, err := slackapi.SlashCommandParse(r)
	if err != nil || cmd.Command == "" {
		http.Error(w, "not a slash command", http.StatusBadRequest)
		return
	}
	writeAck(w, a.accept(a.fromSlash(cmd)))
}

func (a *Adapter) serveEvents(w http.ResponseWriter, _ *http.Request, body []byte) {
	// The signature proves the request came from Slack, so the deprecated
	// verification token is not checked.
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		a.lg.Warn("slack event not understood", "err", err)
		w.WriteHeader(http.StatusOK) // do not make Slack retry what we cannot read
		return
	}
	switch ev.Type {
	case slackevents.URLVerification:
		var ch slackevents.EventsAPIURLVerificationEvent
		if err := json.Unmarshal(body, &ch); err != nil {
			http.Error(w, "bad challenge", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, ch.Challenge)
		return
	case slackevents.CallbackEvent:
		if in := a.fromEvent(ev); in != nil {
			a.accept(in)
		}
	}
	w.WriteHeader(http.StatusOK)
}

func (a *Adapter) serveInteractive(w http.ResponseWriter, r *http.Request, _ []byte) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	var cb slackapi.InteractionCallback
	if err := json.Unmarshal([]byte(r.PostForm.Get("payload")), &cb); err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	if in := a.fromInteraction(cb); in != nil {
		a.accept(in)
	}
	w.WriteHeader(http.StatusOK)
}

func writeAck(w http.ResponseWriter, payload any) {
	if payload == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(payload)
}
