package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
)

const (
	testToken    = "987654321:AAF-veryS3cretTokenValue_xyz"
	testUsername = "briefbot_test_bot"
)

// apiCall is one request the fake Bot API received.
type apiCall struct {
	Method string
	Params url.Values
	At     time.Time
	Status int // the HTTP status answered
	// Files are the files of a multipart request (sendPhoto,
	// sendDocument), by form field.
	Files map[string]upload
}

// upload is one file of a multipart request.
type upload struct {
	Filename    string
	ContentType string
	Data        []byte
}

// fault is an answer the fake gives instead of the normal one.
type fault struct {
	status     int    // HTTP status; 0 with drop
	retryAfter int    // for 429
	html       bool   // answer with an HTML page, not the Bot API's JSON
	drop       bool   // close the connection without an answer
	desc       string // error description
}

// fakeAPI is a fake Telegram Bot API on 127.0.0.1: it routes
// /bot<token>/<method>, answers getMe, getUpdates (long polling, with
// offsets, keeping every update so that an offset going back gets them
// again), sendMessage, sendPhoto, answerCallbackQuery, setMyCommands,
// setWebhook and deleteWebhook, injects faults on demand, and records every
// call.
type fakeAPI struct {
	srv   *httptest.Server
	token string

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every change
	closed  chan struct{}
	updates []json.RawMessage
	ids     []int64
	nextID  int64
	calls   []apiCall
	faults  map[string][]fault
	polls   int // getUpdates requests waiting
	msgID   int64
	pushed  map[int64]time.Time // update id → when it was made available
	// down, while set, makes every call of these methods fail: 502 pages,
	// 500s and dropped connections in turn (an outage).
	down  map[string]bool
	downN int
}

func newFakeAPI(t testing.TB) *fakeAPI {
	t.Helper()
	f := &fakeAPI{
		token:   testToken,
		changed: make(chan struct{}),
		closed:  make(chan struct{}),
		nextID:  1000,
		faults:  make(map[string][]fault),
		msgID:   500,
		pushed:  make(map[int64]time.Time),
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(func() {
		close(f.closed)
		f.srv.Close()
	})
	return f
}

// URL is the base URL to give as APIEndpoint.
func (f *fakeAPI) URL() string { return f.srv.URL }

// notify wakes waiters. Call with f.mu held.
func (f *fakeAPI) notify() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// push queues updates, giving each the next update_id, and returns the ids.
func (f *fakeAPI) push(ups ...map[string]any) []int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	var ids []int64
	for _, u := range ups {
		f.nextID++
		u["update_id"] = f.nextID
		b, err := json.Marshal(u)
		if err != nil {
			panic(err)
		}
		f.updates = append(f.updates, b)
		f.ids = append(f.ids, f.nextID)
		f.pushed[f.nextID] = time.Now()
		ids = append(ids, f.nextID)
	}
	f.notify()
	return ids
}

// fail makes the next n calls of method fail with ft.
func (f *fakeAPI) fail(method string, n int, ft fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for range n {
		f.faults[method] = append(f.faults[method], ft)
	}
}

// outage starts (true) or ends (false) an outage of methods.
func (f *fakeAPI) outage(on bool, methods ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !on {
		f.down = nil
		return
	}
	f.down = make(map[string]bool)
	for _, m := range methods {
		f.down[m] = true
	}
}

// pushedAt returns when update id was made available.
func (f *fakeAPI) pushedAt(id int64) time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.pushed[id]
}

// callsOf returns the calls of method; with okOnly, only those answered 200.
func (f *fakeAPI) callsOf(method string, okOnly bool) []apiCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []apiCall
	for _, c := range f.calls {
		if c.Method == method && (!okOnly || c.Status == http.StatusOK) {
			out = append(out, c)
		}
	}
	return out
}

// sent returns the text of the messages delivered to chatID, in order.
func (f *fakeAPI) sent(chatID int64) []string {
	var out []string
	for _, c := range f.callsOf("sendMessage", true) {
		if c.Params.Get("chat_id") == strconv.FormatInt(chatID, 10) {
			out = append(out, c.Params.Get("text"))
		}
	}
	return out
}

// waitFor waits until cond holds, at most 5 s.
func (f *fakeAPI) waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		f.mu.Lock()
		ch := f.changed
		f.mu.Unlock()
		if cond() {
			return
		}
		select {
		case <-ch:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// waitSent waits until chatID got n messages and returns them.
func (f *fakeAPI) waitSent(t testing.TB, chatID int64, n int) []string {
	t.Helper()
	f.waitFor(t, fmt.Sprintf("%d messages to chat %d", n, chatID), func() bool { return len(f.sent(chatID)) >= n })
	return f.sent(chatID)
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	tok, method, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 {
		f.answer(w, r, "?", nil, http.StatusNotFound, map[string]any{"ok": false, "error_code": 404, "description": "Not Found"})
		return
	}
	params := url.Values{}
	var files map[string]upload
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var m map[string]any
		_ = json.NewDecoder(r.Body).Decode(&m)
		for k, v := range m {
			if s, ok := v.(string); ok {
				params.Set(k, s)
			} else {
				b, _ := json.Marshal(v)
				params.Set(k, string(b))
			}
		}
	} else if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(64 << 20); err == nil {
			params = url.Values(r.MultipartForm.Value)
			files = make(map[string]upload)
			for field, fhs := range r.MultipartForm.File {
				for _, fh := range fhs {
					rd, err := fh.Open()
					if err != nil {
						continue
					}
					data, _ := io.ReadAll(rd)
					rd.Close()
					files[field] = upload{Filename: fh.Filename, ContentType: fh.Header.Get("Content-Type"), Data: data}
				}
			}
		}
	} else if err := r.ParseForm(); err == nil {
		params = r.PostForm
	}
	if files != nil { // recorded with the call
		r = r.WithContext(context.WithValue(r.Context(), filesKey{}, files))
	}
	if tok != f.token {
		f.answer(w, r, method, params, http.StatusUnauthorized, map[string]any{"ok": false, "error_code": 401, "description": "Unauthorized"})
		return
	}
	f.mu.Lock()
	if f.down[method] {
		f.downN++
		ft := []fault{{status: 502, html: true}, {status: 500, desc: "Internal Server Error"}, {drop: true}}[f.downN%3]
		f.mu.Unlock()
		f.injectFault(w, r, method, params, ft)
		return
	}
	if fs := f.faults[method]; len(fs) > 0 {
		ft := fs[0]
		f.faults[method] = fs[1:]
		f.mu.Unlock()
		f.injectFault(w, r, method, params, ft)
		return
	}
	f.mu.Unlock()

	switch method {
	case "getMe":
		f.answer(w, r, method, params, 200, okResult(map[string]any{"id": 4242, "is_bot": true, "first_name": "Brief", "username": testUsername}))
	case "getUpdates":
		f.getUpdates(w, r, params)
	case "sendMessage", "sendPhoto", "sendDocument":
		chatID, _ := strconv.ParseInt(params.Get("chat_id"), 10, 64)
		f.mu.Lock()
		f.msgID++
		id := f.msgID
		f.mu.Unlock()
		f.answer(w, r, method, params, 200, okResult(map[string]any{
			"message_id": id, "date": time.Now().Unix(), "text": params.Get("text"),
			"chat": map[string]any{"id": chatID, "type": chatType(chatID)},
		}))
	case "answerCallbackQuery", "setMyCommands", "setWebhook", "deleteWebhook":
		f.answer(w, r, method, params, 200, okResult(true))
	default:
		f.answer(w, r, method, params, http.StatusNotFound, map[string]any{"ok": false, "error_code": 404, "description": "Not Found: method not found"})
	}
}

func (f *fakeAPI) injectFault(w http.ResponseWriter, r *http.Request, method string, params url.Values, ft fault) {
	switch {
	case ft.drop:
		f.record(r, method, params, 0)
		hj, ok := w.(http.Hijacker)
		if !ok {
			panic("no hijacker")
		}
		conn, _, err := hj.Hijack()
		if err == nil {
			conn.Close()
		}
	case ft.html:
		f.record(r, method, params, ft.status)
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(ft.status)
		fmt.Fprint(w, "<html><body>Bad Gateway</body></html>")
	default:
		desc := ft.desc
		if desc == "" {
			desc = http.StatusText(ft.status)
		}
		body := map[string]any{"ok": false, "error_code": ft.status, "description": desc}
		if ft.retryAfter > 0 {
			body["parameters"] = map[string]any{"retry_after": ft.retryAfter}
			body["description"] = fmt.Sprintf("Too Many Requests: retry after %d", ft.retryAfter)
		}
		f.answer(w, r, method, params, ft.status, body)
	}
}

func chatType(id int64) string {
	if id < 0 {
		return "supergroup"
	}
	return "private"
}

func okResult(v any) map[string]any { return map[string]any{"ok": true, "result": v} }

// filesKey is the request context key of the files of a multipart request.
type filesKey struct{}

func (f *fakeAPI) record(r *http.Request, method string, params url.Values, status int) {
	files, _ := r.Context().Value(filesKey{}).(map[string]upload)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, apiCall{Method: method, Params: params, At: time.Now(), Status: status, Files: files})
	f.notify()
}

func (f *fakeAPI) answer(w http.ResponseWriter, r *http.Request, method string, params url.Values, status int, body any) {
	f.record(r, method, params, status)
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// getUpdates answers the updates with ids from offset on (at most limit,
// 100 by default, as Telegram does), waiting up to the request's timeout
// for some to be pushed.
func (f *fakeAPI) getUpdates(w http.ResponseWriter, r *http.Request, params url.Values) {
	offset, _ := strconv.ParseInt(params.Get("offset"), 10, 64)
	limit, _ := strconv.Atoi(params.Get("limit"))
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(params.Get("timeout"))
	deadline := time.After(time.Duration(timeout) * time.Second)
	f.record(r, "getUpdates", params, http.StatusOK) // recorded when it starts
	f.mu.Lock()
	f.polls++
	f.notify()
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.polls--
		f.notify()
		f.mu.Unlock()
	}()
	for {
		f.mu.Lock()
		var out []json.RawMessage
		for i, id := range f.ids {
			if id >= offset && len(out) < limit {
				out = append(out, f.updates[i])
			}
		}
		ch := f.changed
		f.mu.Unlock()
		if len(out) > 0 {
			writeJSON(w, 200, okResult(out))
			return
		}
		select {
		case <-ch:
		case <-deadline:
			writeJSON(w, 200, okResult([]json.RawMessage{}))
			return
		case <-r.Context().Done():
			return
		case <-f.closed:
			return
		}
	}
}

func (f *fakeAPI) pendingPolls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.polls
}

// Updates shaped like today's Bot API.

func privateChat(id int64) map[string]any {
	return map[string]any{"id": id, "type": "private", "first_name": "Mira"}
}

func groupChat(id int64) map[string]any {
	return map[string]any{"id": id, "type": "supergroup", "title": "Newsroom"}
}

func textMessage(ch map[string]any, msgID int64, text string) map[string]any {
	return map[string]any{"message": map[string]any{
		"message_id": msgID,
		"from":       map[string]any{"id": 7001, "is_bot": false, "first_name": "Mira", "username": "mira_k"},
		"chat":       ch,
		"date":       1754500000,
		"text":       text,
	}}
}

func callbackUpdate(id string, chatID, msgID int64, data string) map[string]any {
	return map[string]any{"callback_query": map[string]any{
		"id":            id,
		"from":          map[string]any{"id": 7001, "is_bot": false, "first_name": "Mira"},
		"chat_instance": "42",
		"message":       map[string]any{"message_id": msgID, "chat": privateChat(chatID), "date": 1754500000, "text": "…"},
		"data":          data,
	}}
}

// fakeHandler records requests and answers them with reply, or with a
// title echoing the request.
type fakeHandler struct {
	mu    sync.Mutex
	reqs  []bot.Request
	reply func(req *bot.Request) *bot.Reply
}

func (h *fakeHandler) Commands() []bot.Command {
	return []bot.Command{
		{Name: "help", Summary: "What briefbot can do"},
		{Name: "timeline", Aliases: []string{"tl"}, Summary: "Dated, sourced chronology", NeedsArg: true},
		{Name: "echo", Summary: "Says it back"},
		{Name: "bad-name", Summary: "Not a valid Telegram command name"},
	}
}

func (h *fakeHandler) Respond(_ context.Context, req *bot.Request) *bot.Reply {
	h.mu.Lock()
	h.reqs = append(h.reqs, *req)
	h.mu.Unlock()
	if h.reply != nil {
		return h.reply(req)
	}
	return &bot.Reply{Title: "ok: " + req.Text, Items: []bot.Item{}}
}

func (h *fakeHandler) requests() []bot.Request {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]bot.Request(nil), h.reqs...)
}

// memStore is a StateStore in memory.
type memStore struct {
	mu sync.Mutex
	m  map[string][]byte
}

func newMemStore() *memStore { return &memStore{m: make(map[string][]byte)} }

func (s *memStore) GetState(_ context.Context, bucket, key string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]byte(nil), s.m[bucket+"/"+key]...), nil
}

func (s *memStore) PutState(_ context.Context, bucket, key string, val []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[bucket+"/"+key] = append([]byte(nil), val...)
	return nil
}

// syncBuffer is a log destination safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func newLogger(buf *syncBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// fastOptions are Options for tests: short delays, a 1 s long poll.
func fastOptions(f *fakeAPI) Options {
	return Options{
		Token:          testToken,
		APIEndpoint:    f.URL(),
		PollTimeout:    time.Second,
		RequestTimeout: 5 * time.Second,
		RetryBase:      10 * time.Millisecond,
		RetryMax:       50 * time.Millisecond,
		MaxAttempts:    3,
		ChatInterval:   time.Millisecond,
		DrainTimeout:   300 * time.Millisecond,
		MaxUnpaged:     100,
	}
}

// harness runs an adapter against a fake API.
type harness struct {
	a      *Adapter
	logs   *syncBuffer
	cancel context.CancelFunc
	done   chan error
	once   sync.Once
	err    error
}

// start creates an adapter and runs it until the test ends (or stop);
// setup, when not nil, is called before Run.
func start(t testing.TB, h Handler, st StateStore, opts Options, setup func(*Adapter)) *harness {
	t.Helper()
	logs := &syncBuffer{}
	a, err := New(newLogger(logs), h, st, opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if setup != nil {
		setup(a)
	}
	ctx, cancel := context.WithCancel(context.Background())
	hs := &harness{a: a, logs: logs, cancel: cancel, done: make(chan error, 1)}
	go func() { hs.done <- a.Run(ctx) }()
	t.Cleanup(func() { hs.stop(t) })
	return hs
}

// stop ends Run and returns its error, failing the test when Run takes
// more than 2 s to return.
func (hs *harness) stop(t testing.TB) error {
	t.Helper()
	hs.once.Do(func() {
		hs.cancel()
		select {
		case hs.err = <-hs.done:
		case <-time.After(2 * time.Second):
			t.Errorf("Run did not return within 2 s of shutdown")
		}
	})
	return hs.err
}
