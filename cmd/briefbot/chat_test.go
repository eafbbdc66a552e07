package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// fakePlatforms is a minimal Slack Web API and Telegram Bot API on
// 127.0.0.1: enough for briefbot to start both adapters, answer one
// command on each, and stop.
type fakePlatforms struct {
	slack, tg *httptest.Server

	mu        sync.Mutex
	acks      []string     // Socket Mode envelope acks
	posted    []url.Values // Slack chat.postMessage forms
	sent      []url.Values // Telegram sendMessage forms
	polls     int
	delivered bool
}

const tgToken = "123456:TEST-token-abc"

func newFakePlatforms(t *testing.T) *fakePlatforms {
	f := &fakePlatforms{}
	f.slack = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/api/auth.test":
			io.WriteString(w, `{"ok":true,"url":"https://example.slack.com/","team":"T","user":"briefbot","team_id":"T1","user_id":"UBOT","bot_id":"B1"}`)
		case "/api/apps.connections.open":
			if r.Header.Get("Authorization") != "Bearer xapp-test-token" {
				io.WriteString(w, `{"ok":false,"error":"invalid_auth"}`)
				return
			}
			io.WriteString(w, `{"ok":true,"url":"ws://`+r.Host+`/ws"}`)
		case "/ws":
			f.socket(w, r)
		case "/api/chat.postMessage":
			f.mu.Lock()
			f.posted = append(f.posted, r.PostForm)
			f.mu.Unlock()
			io.WriteString(w, `{"ok":true,"channel":"C1","ts":"1700000000.000100"}`)
		default:
			io.WriteString(w, `{"ok":true}`)
		}
	}))
	t.Cleanup(f.slack.Close)
	f.tg = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		method := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
		if !strings.HasPrefix(r.URL.Path, "/bot"+tgToken+"/") {
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"ok":false,"error_code":404,"description":"Not Found"}`)
			return
		}
		switch method {
		case "getMe":
			io.WriteString(w, `{"ok":true,"result":{"id":42,"is_bot":true,"first_name":"briefbot","username":"briefbot_test_bot"}}`)
		case "getUpdates":
			f.mu.Lock()
			f.polls++
			first := !f.delivered
			f.delivered = true
			f.mu.Unlock()
			if first {
				io.WriteString(w, `{"ok":true,"result":[{"update_id":7,"message":{"message_id":1,"date":1700000000,"chat":{"id":99,"type":"private","first_name":"Ana"},"from":{"id":99,"is_bot":false,"first_name":"Ana"},"text":"/help","entities":[{"type":"bot_command","offset":0,"length":5}]}}]}`)
				return
			}
			// a long poll: wait until the client gives up
			select {
			case <-r.Context().Done():
			case <-time.After(30 * time.Second):
			}
			io.WriteString(w, `{"ok":true,"result":[]}`)
		case "sendMessage":
			f.mu.Lock()
			f.sent = append(f.sent, r.PostForm)
			f.mu.Unlock()
			io.WriteString(w, `{"ok":true,"result":{"message_id":2,"date":1700000001,"chat":{"id":99,"type":"private"}}}`)
		default:
			io.WriteString(w, `{"ok":true,"result":true}`)
		}
	}))
	t.Cleanup(f.tg.Close)
	return f
}

// socket is the Socket Mode websocket: hello, then one slash command
// envelope; it records the acks until the client goes away.
func (f *fakePlatforms) socket(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	c, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer c.Close()
	c.WriteMessage(websocket.TextMessage, []byte(`{"type":"hello","num_connections":1,"connection_info":{"app_id":"A1"}}`))
	c.WriteMessage(websocket.TextMessage, []byte(`{"envelope_id":"env-1","type":"slash_commands","accepts_response_payload":true,"payload":{"command":"/sources","text":"","channel_id":"C1","user_id":"U1","team_id":"T1","response_url":"http://`+r.Host+`/response","trigger_id":"trig-1"}}`))
	for {
		_, msg, err := c.ReadMessage()
		if err != nil {
			return
		}
		f.mu.Lock()
		f.acks = append(f.acks, string(msg))
		f.mu.Unlock()
	}
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func signSlack(secret, body string, ts time.Time) (string, string) {
	stamp := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:%s", stamp, body)
	return stamp, "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// TestChat_SideBySide runs briefbot with Slack (Socket Mode or HTTP mode)
// and/or Telegram configured against local fakes, answers a command on each,
// and checks that a shutdown signal stops everything within 2 s.
func TestChat_SideBySide(t *testing.T) {
	for _, mode := range []string{"telegram only", "slack socket mode + telegram", "slack http + telegram", "slack socket mode only"} {
		t.Run(mode, func(t *testing.T) { testChat(t, mode) })
	}
}

func testChat(t *testing.T, mode string) {
	f := newFakePlatforms(t)
	listen := freeAddr(t)
	withSlack, withTG := strings.Contains(mode, "slack"), strings.Contains(mode, "telegram")
	env := map[string]string{"BRIEFBOT_DB": filepath.Join(t.TempDir(), "chat.db")}
	// every log line, debug included, is searched for the secrets below
	args := []string{"--log-level", "debug"}
	if withSlack {
		env["SLACK_BOT_TOKEN"] = "xoxb-test-token"
		env["SLACK_API_URL"] = f.slack.URL + "/api/"
		if strings.Contains(mode, "http") {
			env["SLACK_SIGNING_SECRET"] = "signing-secret"
			args = append(args, "--slack-listen", listen)
		} else {
			env["SLACK_APP_TOKEN"] = "xapp-test-token"
		}
	}
	if withTG {
		env["TELEGRAM_BOT_TOKEN"] = tgToken
		env["TELEGRAM_API_ENDPOINT"] = f.tg.URL
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr := &syncWriter{w: &bytes.Buffer{}}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, args, strings.NewReader(""), io.Discard, stderr, func(k string) string { return env[k] })
	}()

	if withSlack && strings.Contains(mode, "http") {
		postSlashCommand(t, listen, f, stderr)
	}
	waitFor(t, "the replies", func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		return (!withSlack || len(f.posted) > 0) && (!withTG || len(f.sent) > 0)
	})
	f.mu.Lock()
	if withSlack && !strings.Contains(f.posted[0].Get("text")+f.posted[0].Get("blocks"), "Sources") {
		t.Errorf("Slack reply = %v", f.posted[0])
	}
	if withSlack && !strings.Contains(mode, "http") && (len(f.acks) == 0 || !strings.Contains(f.acks[0], "env-1")) {
		t.Errorf("Socket Mode acks = %q", f.acks)
	}
	if withTG && !strings.Contains(f.sent[0].Get("text"), "briefbot") {
		t.Errorf("Telegram reply = %v", f.sent[0])
	}
	f.mu.Unlock()
	if withTG {
		waitFor(t, "a pending long poll", func() bool {
			f.mu.Lock()
			defer f.mu.Unlock()
			return f.polls >= 2
		})
	}

	// a shutdown signal (ctx ends) stops everything within 2 s
	start := time.Now()
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d:\n%s", code, stderr.String())
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("shutdown took %v", d)
		}
	case <-time.After(3 * time.Second):
		t.Fatalf("briefbot did not stop within 3 s of the signal")
	}
	if !strings.Contains(stderr.String(), "DEBUG") {
		t.Errorf("no debug lines logged: the secret search below would miss them")
	}
	for _, secret := range []string{"xoxb-test-token", "xapp-test-token", tgToken, "signing-secret"} {
		if strings.Contains(stderr.String(), secret) {
			t.Errorf("a secret was logged: %s", secret)
		}
	}
}

// postSlashCommand sends a signed /sources to briefbot's Slack HTTP endpoint.
func postSlashCommand(t *testing.T, listen string, f *fakePlatforms, stderr *syncWriter) {
	t.Helper()
	body := url.Values{"command": {"/sources"}, "text": {""}, "channel_id": {"C1"}, "user_id": {"U1"},
		"response_url": {f.slack.URL + "/response"}, "trigger_id": {"T1"}}.Encode()
	deadline := time.Now().Add(5 * time.Second)
	for {
		stamp, sig := signSlack("signing-secret", body, time.Now())
		req, _ := http.NewRequest("POST", "http://"+listen+"/slack/commands", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Slack-Request-Timestamp", stamp)
		req.Header.Set("X-Slack-Signature", sig)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("slash command: status %d", resp.StatusCode)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("Slack HTTP mode never listened: %v\n%s", err, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// syncWriter serializes writes from the adapters' goroutines.
type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.String()
}
