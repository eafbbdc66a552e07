package telegram

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// endpointFormat turns TELEGRAM_API_ENDPOINT into the SDK's Sprintf format
// (token, method): "" is Telegram's own; a base URL such as
// "http://127.0.0.1:8081" gets "/bot%s/%s" appended; a value in the SDK's
// format ("http://host/bot%s/%s", exactly two %s) is kept. The value is not
// quoted in errors.
func endpointFormat(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return tgbotapi.APIEndpoint, nil
	}
	check := s
	sdk := strings.Contains(s, "%s")
	if sdk {
		if strings.Count(s, "%s") != 2 || strings.Count(s, "%") != 2 {
			return "", errors.New("API endpoint in the SDK's format needs exactly two %s, for the token and the method (http://host/bot%s/%s)")
		}
		check = strings.ReplaceAll(s, "%s", "x")
	}
	u, err := url.Parse(check)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", errors.New("API endpoint is not an absolute http(s) URL such as http://127.0.0.1:8081")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", errors.New("API endpoint must have no query or fragment")
	}
	if sdk {
		return s, nil
	}
	return strings.ReplaceAll(strings.TrimRight(s, "/"), "%", "%%") + "/bot%s/%s", nil
}

// redactor hides secrets (the bot token, its secret half, the webhook
// secret, and their URL-escaped forms) in text bound for logs and errors.
type redactor struct{ secrets []string }

func newRedactor(secrets ...string) *redactor {
	r := &redactor{}
	add := func(s string) {
		if len(s) >= 6 && !slices.Contains(r.secrets, s) {
			r.secrets = append(r.secrets, s)
		}
	}
	for _, s := range secrets {
		if s == "" {
			continue
		}
		for _, v := range []string{s, url.PathEscape(s), url.QueryEscape(s)} {
			add(v)
		}
		if _, after, ok := strings.Cut(s, ":"); ok {
			add(after)
		}
	}
	// Longest first, so a secret's part is never replaced before the whole.
	slices.SortFunc(r.secrets, func(a, b string) int { return len(b) - len(a) })
	return r
}

// String returns s with every secret replaced by "<redacted>".
func (r *redactor) String(s string) string {
	for _, sec := range r.secrets {
		s = strings.ReplaceAll(s, sec, "<redacted>")
	}
	return s
}

// apiError is a failed Bot API call, with its message redacted. It keeps
// no reference to the SDK's error, whose text (a URL) may hold the token.
type apiError struct {
	method     string
	code       int           // Bot API error_code or HTTP status; 0: network or decoding error
	retryAfter time.Duration // from a 429's parameters.retry_after
	migrateTo  int64         // from parameters.migrate_to_chat_id
	msg        string
	canceled   bool // the call was aborted by its context
}

func (e *apiError) Error() string {
	if e.code != 0 {
		return fmt.Sprintf("telegram %s: %d %s", e.method, e.code, e.msg)
	}
	return fmt.Sprintf("telegram %s: %s", e.method, e.msg)
}

// retryable reports whether the call may succeed when repeated: network
// errors, 5xx and 429.
func (e *apiError) retryable() bool { return e.code == 0 || e.code >= 500 || e.code == 429 }

// fatal reports whether the token is refused (401 Unauthorized, or 404
// which the Bot API returns for a malformed token).
func (e *apiError) fatal() bool { return e.code == 401 || e.code == 404 }

// wrap turns an error of the SDK or of the HTTP client into an *apiError
// with the secrets redacted; nil stays nil.
func (r *redactor) wrap(method string, err error) *apiError {
	if err == nil {
		return nil
	}
	e := &apiError{method: method}
	var te *tgbotapi.Error
	var se *statusError
	switch {
	case errors.As(err, &te):
		e.code, e.msg = te.Code, te.Message
		e.retryAfter = time.Duration(te.RetryAfter) * time.Second
		e.migrateTo = te.MigrateToChatID
		if e.code == 0 {
			e.code = 400 // ok:false without an error_code: the request was refused
		}
	case errors.As(err, &se):
		e.code, e.msg = se.code, http.StatusText(se.code)
	default:
		e.msg = err.Error()
		e.canceled = errors.Is(err, context.Canceled)
	}
	e.msg = r.String(e.msg)
	return e
}

// statusError is an HTTP error response whose body is not the Bot API's
// JSON (a proxy's 502 page, say).
type statusError struct{ code int }

func (e *statusError) Error() string { return "HTTP " + strconv.Itoa(e.code) }

// ctxClient is the HTTP client given to the SDK, which knows no
// context.Context: every request is bound to ctx (so ending ctx aborts a
// pending long poll) and to a deadline, the long poll's plus timeout for
// getUpdates.
type ctxClient struct {
	hc      *http.Client
	ctx     context.Context
	timeout time.Duration
	poll    time.Duration
}

func (c *ctxClient) Do(req *http.Request) (*http.Response, error) {
	d := c.timeout
	if strings.HasSuffix(req.URL.Path, "/getUpdates") {
		d += c.poll
	}
	ctx, cancel := context.WithTimeout(c.ctx, d)
	resp, err := c.hc.Do(req.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	if resp.StatusCode >= 400 {
		mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
		if mt != "application/json" {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
			cancel()
			return nil, &statusError{code: resp.StatusCode}
		}
	}
	resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// cancelBody releases the request's context when the SDK closes the body.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
