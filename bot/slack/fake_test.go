package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/briefbot/briefbot/bot"
)

const (
	testBotToken = "xoxb-1111-2222-botsecretvalue"
	testAppToken = "xapp-1-A111-3333-appsecretvalue"
	testSecret   = "signing-secret-value-8f2e"
	botUser      = "UBOT"
)

// call is one request the fake Slack received on a Web API method or a
// response_url.
type call struct {
	Method       string          `json:"method"`
	Channel      string          `json:"channel,omitempty"`
	User         string          `json:"user,omitempty"`
	ThreadTS     string          `json:"thread_ts,omitempty"`
	ResponseType string          `json:"response_type,omitempty"`
	Text         string          `json:"text"`
	Blocks       json.RawMessage `json:"blocks,omitempty"`
	TS           string          `json:"ts,omitempty"` // the ts the fake answered
	// file uploads: files.getUploadURLExternal (Filename, Length, AltTxt),
	// the POST to the upload URL ("upload": FileID, Filename, Data) and
	// files.completeUploadExternal (Channel, ThreadTS, Files)
	FileID   string          `json:"file_id,omitempty"`
	Filename string          `json:"filename,omitempty"`
	Length   string          `json:"length,omitempty"`
	AltTxt   string          `json:"alt_txt,omitempty"`
	Files    json.RawMessage `json:"files,omitempty"`
	Data     []byte          `json:"-"`
	Failed   bool            `json:"-"` // answered with a failure
	At       time.Time       `json:"-"`
	Token    string          `json:"-"`
}

// failure is how the fake answers a call instead of succeeding.
type failure struct {
	status     int    // HTTP status (429, 500…)
	retryAfter string // Retry-After header with 429
	slackErr   string // {"ok":false,"error":slackErr} with status 200
	drop       bool   // close the connection without an answer
	pass       bool   // no failure: answer this call normally
}

type ack struct {
	EnvelopeID string          `json:"envelope_id"`
	Payload    json.RawMessage `json:"payload,omitempty"`
}

// fakeSlack is Slack's Web API, Socket Mode websocket and response_url on
// 127.0.0.1. It records what it receives and fails on demand.
type fakeSlack struct {
	t   testing.TB
	srv *httptest.Server

	mu         sync.Mutex
	calls      []call
	acks       []ack
	opens      int    // apps.connections.open calls
	openCalls  []call // the same, with their times and outcomes
	conns      int    // websockets accepted
	cur        *websocket.Conn
	queue      [][]byte // envelopes waiting for a connection
	fail       map[string][]failure
	failAlways map[string]failure
	tsN        int
	fileN      int
	uploaded   map[string]bool // file ids whose bytes were posted
	authErr    string
	unexpected []string
	down       bool              // an outage: every request fails, the websocket is refused
	downN      int               // requests failed during outages
	inflight   map[string][]byte // envelopes written on cur and not yet acknowledged

	writeMu sync.Mutex // serialises writes on cur
}

func newFakeSlack(t testing.TB) *fakeSlack {
	t.Helper()
	f := &fakeSlack{t: t, fail: map[string][]failure{}, failAlways: map[string]failure{}, uploaded: map[string]bool{}, inflight: map[string][]byte{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/auth.test", f.authTest)
	mux.HandleFunc("/api/apps.connections.open", f.connectionsOpen)
	mux.HandleFunc("/ws", f.websocket)
	mux.HandleFunc("/api/chat.postMessage", f.chat)
	mux.HandleFunc("/api/chat.postEphemeral", f.chat)
	mux.HandleFunc("/api/users.info", f.usersInfo)
	mux.HandleFunc("/api/files.getUploadURLExternal", f.getUploadURL)
	mux.HandleFunc("/upload/", f.uploadBytes)
	mux.HandleFunc("/api/files.completeUploadExternal", f.completeUpload)
	mux.HandleFunc("/hooks/", f.responseURL)
	mux.HandleFunc("/files/", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+testBotToken {
			http.Error(w, "not authed", http.StatusUnauthorized)
			return
		}
		io.WriteString(w, fakeSnippet)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.unexpected = append(f.unexpected, r.URL.Path)
		f.mu.Unlock()
		http.NotFound(w, r)
	})
	f.srv = httptest.NewServer(f.outageGate(mux))
	t.Cleanup(func() {
		f.mu.Lock()
		c := f.cur
		f.cur = nil
		unexpected := f.unexpected
		f.mu.Unlock()
		if c != nil {
			c.Close()
		}
		f.srv.CloseClientConnections()
		f.srv.Close()
		if len(unexpected) > 0 {
			t.Errorf("fake Slack got calls it does not know: %v", unexpected)
		}
	})
	return f
}

// outageGate fails every request while f is down, as Slack does in an
// outage: in turn a 503, a dropped connection and a 502.
func (f *fakeSlack) outageGate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		down := f.down
		n := f.downN
		if down {
			f.downN++
			if r.URL.Path == "/api/apps.connections.open" {
				f.openCalls = append(f.openCalls, call{Method: "apps.connections.open", Failed: true, At: time.Now()})
			}
		}
		f.mu.Unlock()
		if !down {
			next.ServeHTTP(w, r)
			return
		}
		switch n % 3 {
		case 0:
			http.Error(w, "<html>service unavailable</html>", http.StatusServiceUnavailable)
		case 1:
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					conn.Close()
					return
				}
			}
			http.Error(w, "down", http.StatusServiceUnavailable)
		default:
			http.Error(w, "<html>bad gateway</html>", http.StatusBadGateway)
		}
	})
}

// outage starts (true) or ends (false) an outage: while it lasts, every
// Web API call, response_url and websocket request fails (outageGate), the
// open websocket is dropped, and envelopes sent wait for the next
// connection.
func (f *fakeSlack) outage(on bool) {
	f.mu.Lock()
	f.down = on
	f.mu.Unlock()
	if on {
		f.drop()
	}
}

func (f *fakeSlack) apiURL() string { return f.srv.URL + "/api/" }

func (f *fakeSlack) hookURL(id string) string { return f.srv.URL + "/hooks/" + id }

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func (f *fakeSlack) authTest(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	f.mu.Lock()
	authErr := f.authErr
	f.mu.Unlock()
	if r.PostForm.Get("token") != testBotToken || authErr != "" {
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	writeJSON(w, map[string]any{"ok": true, "user_id": botUser, "bot_id": "BBOT", "team": "Fictional Newsroom", "team_id": "T1", "user": "briefbot"})
}

func (f *fakeSlack) connectionsOpen(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+testAppToken {
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	failed := f.answerFailure(w, "apps.connections.open")
	f.mu.Lock()
	f.opens++
	f.openCalls = append(f.openCalls, call{Method: "apps.connections.open", Failed: failed, At: time.Now()})
	f.mu.Unlock()
	if failed {
		return
	}
	writeJSON(w, map[string]any{"ok": true, "url": "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/ws"})
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

func (f *fakeSlack) websocket(w http.ResponseWriter, r *http.Request) {
	c, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	f.writeMu.Lock()
	err = c.WriteJSON(map[string]any{"type": "hello", "num_connections": 1, "connection_info": map[string]string{"app_id": "A1"}})
	f.writeMu.Unlock()
	if err != nil {
		c.Close()
		return
	}
	f.mu.Lock()
	if f.cur != nil {
		f.cur.Close()
	}
	f.cur = c
	f.conns++
	queue := f.queue
	f.queue = nil
	f.mu.Unlock()
	for _, env := range queue {
		f.writeEnvelope(c, env)
	}
	done := make(chan struct{})
	go func() { // Slack pings every few seconds; the client expects it.
		tk := time.NewTicker(50 * time.Millisecond)
		defer tk.Stop()
		for {
			select {
			case <-done:
				return
			case <-tk.C:
				f.writeMu.Lock()
				err := c.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(time.Second))
				f.writeMu.Unlock()
				if err != nil {
					return
				}
			}
		}
	}()
	defer close(done)
	for {
		_, data, err := c.ReadMessage()
		if err != nil {
			f.mu.Lock()
			if f.cur == c {
				f.cur = nil
			}
			// Slack delivers again what was not acknowledged, with
			// a new envelope id
			var again [][]byte
			for id, env := range f.inflight {
				delete(f.inflight, id)
				again = append(again, redelivery(env))
			}
			f.mu.Unlock()
			for _, env := range again {
				f.sendRaw(env)
			}
			return
		}
		var a ack
		if err := json.Unmarshal(data, &a); err == nil && a.EnvelopeID != "" {
			f.mu.Lock()
			f.acks = append(f.acks, a)
			delete(f.inflight, a.EnvelopeID)
			f.mu.Unlock()
		}
	}
}

// writeEnvelope writes env on c and remembers it until it is
// acknowledged.
func (f *fakeSlack) writeEnvelope(c *websocket.Conn, env []byte) {
	var e struct {
		EnvelopeID string `json:"envelope_id"`
	}
	_ = json.Unmarshal(env, &e)
	f.mu.Lock()
	if e.EnvelopeID != "" {
		f.inflight[e.EnvelopeID] = env
	}
	f.mu.Unlock()
	f.writeMu.Lock()
	defer f.writeMu.Unlock()
	_ = c.WriteMessage(websocket.TextMessage, env)
}

// redelivery is env as Slack sends it again: a new envelope id, and
// retry_attempt counted up.
func redelivery(env []byte) []byte {
	var m map[string]any
	if json.Unmarshal(env, &m) != nil {
		return env
	}
	id, _ := m["envelope_id"].(string)
	n, _ := m["retry_attempt"].(float64)
	m["envelope_id"] = id + "-again"
	m["retry_attempt"] = n + 1
	m["retry_reason"] = "timeout"
	b, err := json.Marshal(m)
	if err != nil {
		return env
	}
	return b
}

// send delivers an envelope over the websocket, or queues it until the
// client connects again.
func (f *fakeSlack) send(env map[string]any) {
	b, err := json.Marshal(env)
	if err != nil {
		f.t.Fatal(err)
	}
	f.sendRaw(b)
}

func (f *fakeSlack) sendRaw(b []byte) {
	f.mu.Lock()
	c := f.cur
	if c == nil {
		f.queue = append(f.queue, b)
	}
	f.mu.Unlock()
	if c != nil {
		f.writeEnvelope(c, b)
	}
}

// drop closes the websocket abruptly (no close frame), as a network failure.
func (f *fakeSlack) drop() {
	f.mu.Lock()
	c := f.cur
	f.cur = nil
	f.mu.Unlock()
	if c != nil {
		_ = c.UnderlyingConn().Close()
	}
}

// failNext makes the next calls of method (or "response_url") fail as
// given, one failure per call.
func (f *fakeSlack) failNext(method string, fs ...failure) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fail[method] = append(f.fail[method], fs...)
}

func (f *fakeSlack) failEvery(method string, fl failure) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failAlways[method] = fl
}

// answerFailure writes the failure planned for method, if any.
func (f *fakeSlack) answerFailure(w http.ResponseWriter, method string) bool {
	f.mu.Lock()
	fl, ok := f.failAlways[method]
	if !ok && len(f.fail[method]) > 0 {
		fl, ok = f.fail[method][0], true
		f.fail[method] = f.fail[method][1:]
	}
	f.mu.Unlock()
	if !ok || fl.pass {
		return false
	}
	switch {
	case fl.drop:
		hj, ok := w.(http.Hijacker)
		if !ok {
			f.t.Error("cannot hijack")
			return true
		}
		conn, _, err := hj.Hijack()
		if err == nil {
			conn.Close()
		}
	case fl.slackErr != "":
		writeJSON(w, map[string]any{"ok": false, "error": fl.slackErr})
	default:
		if fl.retryAfter != "" {
			w.Header().Set("Retry-After", fl.retryAfter)
		}
		http.Error(w, "<html>busy</html>", fl.status)
	}
	return true
}

func (f *fakeSlack) chat(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	c := call{
		Method: method, Channel: r.PostForm.Get("channel"), User: r.PostForm.Get("user"),
		ThreadTS: r.PostForm.Get("thread_ts"), Text: r.PostForm.Get("text"), At: time.Now(), Token: r.PostForm.Get("token"),
	}
	if b := r.PostForm.Get("blocks"); b != "" {
		c.Blocks = json.RawMessage(b)
	}
	failed := f.answerFailure(w, method)
	f.mu.Lock()
	if !failed {
		f.tsN++
		c.TS = fmt.Sprintf("1700000000.%06d", f.tsN)
	}
	c.Failed = failed
	f.calls = append(f.calls, c)
	f.mu.Unlock()
	if failed {
		return
	}
	if c.Token != testBotToken {
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	if method == "chat.postEphemeral" {
		writeJSON(w, map[string]any{"ok": true, "message_ts": c.TS})
		return
	}
	writeJSON(w, map[string]any{"ok": true, "channel": c.Channel, "ts": c.TS})
}

// getUploadURLExternal: the first step of a file upload. Answers an upload
// URL on the fake and a new file id.
func (f *fakeSlack) getUploadURL(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	const method = "files.getUploadURLExternal"
	c := call{Method: method, Filename: r.PostForm.Get("filename"), Length: r.PostForm.Get("length"),
		AltTxt: r.PostForm.Get("alt_txt"), At: time.Now(), Token: r.PostForm.Get("token")}
	failed := f.answerFailure(w, method)
	f.mu.Lock()
	if !failed {
		f.fileN++
		c.FileID = fmt.Sprintf("F%04d", f.fileN)
	}
	c.Failed = failed
	f.calls = append(f.calls, c)
	f.mu.Unlock()
	switch {
	case failed:
	case c.Token != testBotToken:
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
	case c.Filename == "" || c.Length == "" || c.Length == "0":
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_arguments"})
	default:
		writeJSON(w, map[string]any{"ok": true, "upload_url": f.srv.URL + "/upload/" + c.FileID, "file_id": c.FileID})
	}
}

// uploadBytes is the upload URL: a multipart POST with the file in the
// field "file", authorized with the bot token. It records the bytes.
func (f *fakeSlack) uploadBytes(w http.ResponseWriter, r *http.Request) {
	c := call{Method: "upload", FileID: strings.TrimPrefix(r.URL.Path, "/upload/"), At: time.Now(),
		Token: strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")}
	if r.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	if file, hdr, err := r.FormFile("file"); err == nil {
		c.Data, _ = io.ReadAll(file)
		c.Filename = hdr.Filename
		file.Close()
	}
	failed := f.answerFailure(w, "upload")
	c.Failed = failed
	f.mu.Lock()
	f.calls = append(f.calls, c)
	if !failed && c.Token == testBotToken && c.Data != nil {
		f.uploaded[c.FileID] = true
	}
	f.mu.Unlock()
	switch {
	case failed:
	case c.Token != testBotToken:
		http.Error(w, "not authed", http.StatusUnauthorized)
	case c.Data == nil:
		http.Error(w, "no file", http.StatusBadRequest)
	default:
		fmt.Fprintf(w, "OK - %d", len(c.Data))
	}
}

// completeUploadExternal shares uploaded files into a channel (and thread).
func (f *fakeSlack) completeUpload(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	const method = "files.completeUploadExternal"
	c := call{Method: method, Channel: r.PostForm.Get("channel_id"), ThreadTS: r.PostForm.Get("thread_ts"),
		Files: json.RawMessage(r.PostForm.Get("files")), At: time.Now(), Token: r.PostForm.Get("token")}
	var files []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	_ = json.Unmarshal(c.Files, &files)
	failed := f.answerFailure(w, method)
	f.mu.Lock()
	c.Failed = failed
	f.calls = append(f.calls, c)
	missing := len(files) == 0
	for _, fl := range files {
		if !f.uploaded[fl.ID] {
			missing = true
		}
	}
	f.mu.Unlock()
	switch {
	case failed:
	case c.Token != testBotToken:
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
	case missing:
		writeJSON(w, map[string]any{"ok": false, "error": "file_not_found"})
	default:
		writeJSON(w, map[string]any{"ok": true, "files": files})
	}
}

func (f *fakeSlack) usersInfo(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	id := r.PostForm.Get("user")
	if id != "UALICE" {
		writeJSON(w, map[string]any{"ok": false, "error": "user_not_found"})
		return
	}
	writeJSON(w, map[string]any{"ok": true, "user": map[string]any{
		"id": id, "name": "alice", "real_name": "Alice Example",
		"profile": map[string]any{"real_name": "Alice Example", "display_name": "Alice Example"},
	}})
}

func (f *fakeSlack) responseURL(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var m struct {
		Text         string          `json:"text"`
		Blocks       json.RawMessage `json:"blocks"`
		ResponseType string          `json:"response_type"`
	}
	_ = json.Unmarshal(body, &m)
	failed := f.answerFailure(w, "response_url")
	f.mu.Lock()
	f.calls = append(f.calls, call{Method: "response_url", Text: m.Text, Blocks: m.Blocks, ResponseType: m.ResponseType, Failed: failed, At: time.Now()})
	f.mu.Unlock()
	if !failed {
		w.WriteHeader(http.StatusOK)
	}
}

// snapshot returns copies of what was recorded.
func (f *fakeSlack) snapshot() (calls []call, acks []ack, conns, opens int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]call(nil), f.calls...), append([]ack(nil), f.acks...), f.conns, f.opens
}

// delivered returns the successful calls of method ("" = any).
func (f *fakeSlack) delivered(method string) []call {
	calls, _, _, _ := f.snapshot()
	var out []call
	for _, c := range calls {
		if !c.Failed && (method == "" || c.Method == method) {
			out = append(out, c)
		}
	}
	return out
}

func (f *fakeSlack) ackOf(envelopeID string) (ack, bool) {
	_, acks, _, _ := f.snapshot()
	for _, a := range acks {
		if a.EnvelopeID == envelopeID {
			return a, true
		}
	}
	return ack{}, false
}

// waitFor polls cond until it holds, failing the test after 5 s.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// Envelopes, as Slack sends them over Socket Mode.

func slashEnv(envID, trigger, channel, user, command, text, responseURL string) map[string]any {
	return map[string]any{
		"envelope_id": envID, "type": "slash_commands", "accepts_response_payload": true,
		"payload": map[string]any{
			"token": "deprecated", "team_id": "T1", "channel_id": channel, "channel_name": "newsroom", "user_id": user,
			"user_name": "someone", "command": command, "text": text, "response_url": responseURL, "trigger_id": trigger, "api_app_id": "A1",
		},
	}
}

func eventEnv(envID, eventID string, inner map[string]any) map[string]any {
	return map[string]any{
		"envelope_id": envID, "type": "events_api", "accepts_response_payload": false,
		"payload": map[string]any{
			"token": "deprecated", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
			"event_id": eventID, "event_time": 1700000000, "event": inner,
		},
	}
}

func mentionEvent(channel, user, text, ts string) map[string]any {
	return map[string]any{"type": "app_mention", "channel": channel, "user": user, "text": text, "ts": ts, "event_ts": ts}
}

func dmEvent(channel, user, text, ts string) map[string]any {
	return map[string]any{"type": "message", "channel": channel, "channel_type": "im", "user": user, "text": text, "ts": ts, "event_ts": ts}
}

func shortcutPayload(trigger, channel, channelName, user, author, text, ts, responseURL string) map[string]any {
	return map[string]any{
		"type": "message_action", "callback_id": ShortcutCallbackID, "trigger_id": trigger, "response_url": responseURL,
		"team":    map[string]any{"id": "T1", "domain": "fictional"},
		"channel": map[string]any{"id": channel, "name": channelName},
		"user":    map[string]any{"id": user, "name": "bob"},
		"message": map[string]any{"type": "message", "user": author, "text": text, "ts": ts},
	}
}

// buttonPayload is a block_actions interaction: user clicked the button
// actionID with value on message msgTS (in thread threadTS when not "") of
// channel.
func buttonPayload(trigger, channel, user, actionID, value, msgTS, threadTS, responseURL string) map[string]any {
	container := map[string]any{"type": "message", "message_ts": msgTS, "channel_id": channel, "is_ephemeral": false}
	msg := map[string]any{"type": "message", "user": botUser, "text": "Reply", "ts": msgTS}
	if threadTS != "" {
		container["thread_ts"] = threadTS
		msg["thread_ts"] = threadTS
	}
	return map[string]any{
		"type": "block_actions", "trigger_id": trigger, "response_url": responseURL, "api_app_id": "A1",
		"team":      map[string]any{"id": "T1", "domain": "fictional"},
		"user":      map[string]any{"id": user, "name": "someone"},
		"channel":   map[string]any{"id": channel, "name": "newsroom"},
		"container": container,
		"message":   msg,
		"actions": []map[string]any{{
			"type": "button", "action_id": actionID, "block_id": actionsBlockID, "value": value,
			"text": map[string]any{"type": "plain_text", "text": "Chart"}, "action_ts": "1700000999." + trigger,
		}},
	}
}

func interactiveEnv(envID string, payload map[string]any) map[string]any {
	return map[string]any{"envelope_id": envID, "type": "interactive", "accepts_response_payload": false, "payload": payload}
}

// fakeHandler is a Handler that records requests and answers an echo, or
// what reply says; slow delays each answer.
type fakeHandler struct {
	mu    sync.Mutex
	reqs  []bot.Request
	cmds  []bot.Command
	slow  time.Duration
	block chan struct{} // when set, Respond waits for it to close (ignoring ctx)
	reply func(req *bot.Request) *bot.Reply
}

func newFakeHandler() *fakeHandler {
	return &fakeHandler{cmds: bot.New(slog.New(slog.DiscardHandler), nil).Commands()}
}

func (h *fakeHandler) Commands() []bot.Command { return h.cmds }

func (h *fakeHandler) Respond(ctx context.Context, req *bot.Request) *bot.Reply {
	h.mu.Lock()
	r := *req
	if req.Forward != nil {
		o := *req.Forward
		r.Forward = &o
	}
	h.reqs = append(h.reqs, r)
	slow, block, reply := h.slow, h.block, h.reply
	h.mu.Unlock()
	if block != nil {
		<-block
	}
	if slow > 0 {
		select {
		case <-time.After(slow):
		case <-ctx.Done():
		}
	}
	if reply != nil {
		return reply(req)
	}
	return &bot.Reply{Title: "Echo: " + req.Text, Items: []bot.Item{}}
}

func (h *fakeHandler) requests() []bot.Request {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]bot.Request(nil), h.reqs...)
}

// syncBuffer is a log sink safe for concurrent writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// harness runs an Adapter against a fake Slack.
type harness struct {
	fake   *fakeSlack
	h      *fakeHandler
	ad     *Adapter
	logs   *syncBuffer
	cancel context.CancelFunc
	done   chan error
}

func testOptions(f *fakeSlack) Options {
	return Options{
		BotToken: testBotToken, AppToken: testAppToken, APIURL: f.apiURL(),
		RetryBase: 5 * time.Millisecond, MaxRetries: 3, HTTPTimeout: 2 * time.Second,
	}
}

// startSocket starts Run in Socket Mode with h (a fakeHandler when nil) and
// waits for the websocket. mod may change the options.
func startSocket(t testing.TB, h Handler, mod func(*Options)) *harness {
	t.Helper()
	hs := &harness{fake: newFakeSlack(t), logs: &syncBuffer{}}
	if h == nil {
		hs.h = newFakeHandler()
		h = hs.h
	}
	opts := testOptions(hs.fake)
	if mod != nil {
		mod(&opts)
	}
	ad, err := New(newTestLogger(hs.logs), h, opts)
	if err != nil {
		t.Fatal(err)
	}
	hs.ad = ad
	hs.run(t)
	if opts.Listen == "" {
		waitFor(t, "the websocket", func() bool { _, _, n, _ := hs.fake.snapshot(); return n >= 1 })
	}
	return hs
}

func (hs *harness) run(t testing.TB) {
	ctx, cancel := context.WithCancel(context.Background())
	hs.cancel = cancel
	hs.done = make(chan error, 1)
	go func() { hs.done <- hs.ad.Run(ctx) }()
	t.Cleanup(func() {
		hs.stop(t)
		checkNoSecrets(t, hs.logs.String())
	})
}

// stop cancels Run and checks it returns nil within 2 s; it returns how long
// that took.
func (hs *harness) stop(t testing.TB) time.Duration {
	t.Helper()
	start := time.Now()
	hs.cancel()
	select {
	case err, ok := <-hs.done:
		if ok && err != nil {
			t.Errorf("Run returned %v after cancel, want nil", err)
		}
		if ok {
			close(hs.done)
		}
	case <-time.After(2 * time.Second):
		t.Fatalf("Run did not return within 2 s of cancel")
	}
	return time.Since(start)
}

func newTestLogger(w *syncBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func checkNoSecrets(t testing.TB, logs string) {
	t.Helper()
	for _, s := range []string{testBotToken, testAppToken, testSecret, "botsecretvalue", "appsecretvalue"} {
		if strings.Contains(logs, s) {
			t.Errorf("a secret (%.9s…) appears in the logs:\n%s", s, logs)
		}
	}
}
