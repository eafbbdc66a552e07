package slack

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// startHTTP runs the adapter in HTTP mode on 127.0.0.1 and returns its base
// URL.
func startHTTP(t *testing.T, mod func(*Options)) (*harness, string) {
	t.Helper()
	addr := make(chan string, 1)
	hs := startSocketless(t, func(o *Options) {
		o.AppToken = ""
		o.SigningSecret = testSecret
		o.Listen = "127.0.0.1:0"
		if mod != nil {
			mod(o)
		}
	}, func(a *Adapter) { a.onListen = func(s string) { addr <- s } })
	select {
	case a := <-addr:
		return hs, "http://" + a
	case <-time.After(5 * time.Second):
		t.Fatal("HTTP mode did not start")
	}
	return nil, ""
}

// startSocketless is startSocket for HTTP mode, with a hook on the adapter
// before Run.
func startSocketless(t *testing.T, mod func(*Options), hook func(*Adapter)) *harness {
	t.Helper()
	hs := &harness{fake: newFakeSlack(t), logs: &syncBuffer{}, h: newFakeHandler()}
	opts := testOptions(hs.fake)
	mod(&opts)
	ad, err := New(newTestLogger(hs.logs), hs.h, opts)
	if err != nil {
		t.Fatal(err)
	}
	hook(ad)
	hs.ad = ad
	hs.run(t)
	return hs
}

func sign(secret, ts string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("v0:" + ts + ":"))
	m.Write(body)
	return "v0=" + hex.EncodeToString(m.Sum(nil))
}

type signedReq struct {
	path, contentType, body string
	ts                      time.Time
	secret                  string // "" = testSecret
	tamper                  bool   // change the body after signing
	unsigned                bool
}

func (s signedReq) do(t *testing.T, base string) (int, string) {
	t.Helper()
	ts := strconv.FormatInt(s.ts.Unix(), 10)
	if s.ts.IsZero() {
		ts = strconv.FormatInt(time.Now().Unix(), 10)
	}
	secret := s.secret
	if secret == "" {
		secret = testSecret
	}
	sig := sign(secret, ts, []byte(s.body))
	body := s.body
	if s.tamper {
		body = strings.Replace(body, "help", "sources", 1)
	}
	req, err := http.NewRequest(http.MethodPost, base+s.path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", s.contentType)
	if !s.unsigned {
		req.Header.Set("X-Slack-Request-Timestamp", ts)
		req.Header.Set("X-Slack-Signature", sig)
	}
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if took := time.Since(start); took > time.Second {
		t.Errorf("%s answered in %v; Slack wants an answer within 3 s", s.path, took)
	}
	return resp.StatusCode, string(b)
}

func slashForm(trigger, channel, user, command, text string) string {
	return url.Values{
		"token": {"deprecated"}, "team_id": {"T1"}, "channel_id": {channel}, "user_id": {user}, "command": {command},
		"text": {text}, "trigger_id": {trigger}, "response_url": {"http://127.0.0.1:1/unused"},
	}.Encode()
}

const formType = "application/x-www-form-urlencoded"

func TestHTTP_Signatures(t *testing.T) {
	hs, base := startHTTP(t, nil)
	hs.h.slow = 300 * time.Millisecond
	tests := []struct {
		name   string
		req    signedReq
		status int
		log    string
	}{
		{"valid", signedReq{body: slashForm("t1", "CNEWS", "UALICE", "/help", "")}, 200, ""},
		{"tampered", signedReq{body: slashForm("t2", "CNEWS", "UALICE", "/help", ""), tamper: true}, 401, "bad signature"},
		{"wrong secret", signedReq{body: slashForm("t3", "CNEWS", "UALICE", "/help", ""), secret: "other"}, 401, "bad signature"},
		{"stale", signedReq{body: slashForm("t4", "CNEWS", "UALICE", "/help", ""), ts: time.Now().Add(-6 * time.Minute)}, 401, "stale timestamp"},
		{"from the future", signedReq{body: slashForm("t5", "CNEWS", "UALICE", "/help", ""), ts: time.Now().Add(6 * time.Minute)}, 401, "stale timestamp"},
		{"missing", signedReq{body: slashForm("t6", "CNEWS", "UALICE", "/help", ""), unsigned: true}, 401, "missing signature"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.path, tt.req.contentType = "/slack/commands", formType
			before := strings.Count(hs.logs.String(), "slack request refused")
			status, body := tt.req.do(t, base)
			if status != tt.status {
				t.Fatalf("status %d (%s), want %d", status, body, tt.status)
			}
			if tt.log != "" {
				logs := hs.logs.String()
				if strings.Count(logs, "slack request refused") != before+1 || !strings.Contains(logs, tt.log) {
					t.Errorf("want a log line with %q:\n%s", tt.log, logs)
				}
			}
		})
	}
	waitFor(t, "the valid command's answer", func() bool { return len(hs.fake.delivered("chat.postMessage")) == 1 })
	time.Sleep(20 * time.Millisecond)
	if reqs := hs.h.requests(); len(reqs) != 1 || reqs[0].Text != "/help" {
		t.Errorf("requests = %+v, want the valid one only", reqs)
	}
}

func TestHTTP_EventsAndShortcut(t *testing.T) {
	hs, base := startHTTP(t, func(o *Options) { o.AllowedUsers = []string{"UALICE", "UBOB"} })
	f := hs.fake

	status, body := signedReq{path: "/slack/events", contentType: "application/json",
		body: `{"token":"x","challenge":"chal-123","type":"url_verification"}`}.do(t, base)
	if status != 200 || body != "chal-123" {
		t.Errorf("url_verification = %d %q", status, body)
	}

	ev, _ := json.Marshal(eventEnv("", "EvH1", mentionEvent("CNEWS", "UALICE", "<@UBOT> timeline brennick", "1700000400.000100"))["payload"])
	for range 2 { // Slack retries; answered once
		if status, body := (signedReq{path: "/slack/events", contentType: "application/json", body: string(ev)}).do(t, base); status != 200 {
			t.Fatalf("event: %d %s", status, body)
		}
	}
	waitFor(t, "the mention answer", func() bool { return len(f.delivered("chat.postMessage")) == 1 })
	if p := f.delivered("chat.postMessage")[0]; p.ThreadTS != "1700000400.000100" || p.Text != "Echo: /timeline brennick" {
		t.Errorf("mention answer = %+v", p)
	}

	sc, _ := json.Marshal(shortcutPayload("trig-h", "CNEWS", "newsroom", "UBOB", "UALICE", "An article", "1772712345.000100", f.hookURL("h")))
	form := url.Values{"payload": {string(sc)}}.Encode()
	if status, body := (signedReq{path: "/slack/interactive", contentType: formType, body: form}).do(t, base); status != 200 {
		t.Fatalf("shortcut: %d %s", status, body)
	}
	waitFor(t, "the shortcut answer", func() bool { return len(f.delivered("chat.postEphemeral")) == 1 })

	// A slash command from outside the allowlist: refused in the response.
	status, body = signedReq{path: "/slack/commands", contentType: formType, body: slashForm("t9", "CNEWS", "USTRANGER", "/help", "")}.do(t, base)
	var p map[string]string
	if status != 200 || json.Unmarshal([]byte(body), &p) != nil || p["text"] != refusalText || p["response_type"] != "ephemeral" {
		t.Errorf("refusal = %d %q", status, body)
	}
	time.Sleep(20 * time.Millisecond)
	if n := len(hs.h.requests()); n != 2 {
		t.Errorf("%d requests reached the bot, want 2: %+v", n, hs.h.requests())
	}
}
