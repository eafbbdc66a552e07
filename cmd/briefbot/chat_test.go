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
)

// fakePlatforms is a minimal Slack Web API and Telegram Bot API on
// 127.0.0.1: enough for briefbot to start both adapters, answer one
// command on each, and stop.
type fakePlatforms struct {
	slack, tg *httptest.Server

	mu        sync.Mutex
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

// TestChat_SlackAndTelegramSideBySide runs briefbot with Slack (HTTP mode)
// and Telegram configured against local fakes, answers a command on each,
// and checks that a shutdown signal stops both within 2 s.
func TestChat_SlackAndTelegramSideBySide(t *testing.T) {
	f := newFakePlatforms(t)
	listen := freeAddr(t)
	env := map[string]string{
		"BRIEFBOT_DB":           filepath.Join(t.TempDir(), "chat.db"),
		"SLACK_BOT_TOKEN":       "xoxb-test-token",
		"SLACK_SIGNING_SECRET":  "signing-secret",
		"SLACK_API_URL":         f.slack.URL + "/api/",
		"TELEGRAM_BOT_TOKEN":    tgToken,
		"TELEGRAM_API_ENDPOINT": f.tg.URL,
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"--slack-listen", listen}, strings.NewReader(""), io.Discard, &syncWriter{w: &stderr}, func(k string) string { return env[k] })
	}()

	// Slack: a signed slash command
	body := url.Values{"command": {"/sources"}, "text": {""}, "channel_id": {"C1"}, "user_id": {"U1"},
		"response_url": {f.slack.URL + "/response"}, "trigger_id": {"T1"}}.Encode()
	var resp *http.Response
	deadline := time.Now().Add(5 * time.Second)
	for {
		stamp, sig := signSlack("signing-secret", body, time.Now())
		req, _ := http.NewRequest("POST", "http://"+listen+"/slack/commands", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Slack-Request-Timestamp", stamp)
		req.Header.Set("X-Slack-Signature", sig)
		var err error
		resp, err = http.DefaultClient.Do(req)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Slack HTTP mode never listened: %v\n%s", err, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("slash command: status %d", resp.StatusCode)
	}

	// both answers arrive
	waitFor(t, "a Slack reply and a Telegram reply", func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		return len(f.posted) > 0 && len(f.sent) > 0
	})
	f.mu.Lock()
	if !strings.Contains(f.posted[0].Get("text")+f.posted[0].Get("blocks"), "Sources") {
		t.Errorf("Slack reply = %v", f.posted[0])
	}
	if !strings.Contains(f.sent[0].Get("text"), "briefbot") {
		t.Errorf("Telegram reply = %v", f.sent[0])
	}
	f.mu.Unlock()

	// a shutdown signal (ctx ends) stops both within 2 s, with a long poll pending
	waitFor(t, "a pending long poll", func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.polls >= 2
	})
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
	for _, secret := range []string{"xoxb-test-token", tgToken, "signing-secret"} {
		if strings.Contains(stderr.String(), secret) {
			t.Errorf("a secret was logged: %s", secret)
		}
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
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
