package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/storage"
)

func TestNew_ChecksOptions(t *testing.T) {
	h := newFakeHandler()
	tests := []struct {
		name string
		opts Options
		want string // in the error; "" = no error
	}{
		{"socket mode", Options{BotToken: testBotToken, AppToken: testAppToken}, ""},
		{"http mode", Options{BotToken: testBotToken, SigningSecret: testSecret, Listen: "127.0.0.1:0"}, ""},
		{"no bot token", Options{AppToken: testAppToken}, "SLACK_BOT_TOKEN is missing"},
		{"app token as bot token", Options{BotToken: testAppToken, AppToken: testAppToken}, "SLACK_BOT_TOKEN holds an app-level token"},
		{"user token", Options{BotToken: "xoxp-123-secretuser", AppToken: testAppToken}, "does not start with xoxb-"},
		{"no app token", Options{BotToken: testBotToken}, "SLACK_APP_TOKEN is missing"},
		{"bot token as app token", Options{BotToken: testBotToken, AppToken: testBotToken}, "SLACK_APP_TOKEN holds a bot token"},
		{"odd app token", Options{BotToken: testBotToken, AppToken: "abc-secretapp"}, "does not start with xapp-"},
		{"http without secret", Options{BotToken: testBotToken, Listen: ":0"}, "SLACK_SIGNING_SECRET is missing"},
		{"bad api url", Options{BotToken: testBotToken, AppToken: testAppToken, APIURL: "ftp://x/"}, "SLACK_API_URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(nil, h, tt.opts)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("New error = %v, want it to contain %q", err, tt.want)
			}
			checkNoSecrets(t, err.Error())
			if strings.Contains(err.Error(), "secretuser") || strings.Contains(err.Error(), "secretapp") {
				t.Errorf("error shows a token: %v", err)
			}
		})
	}
}

func TestNew_APIURLGetsSlash(t *testing.T) {
	a, err := New(nil, newFakeHandler(), Options{BotToken: testBotToken, AppToken: testAppToken, APIURL: "http://127.0.0.1:9/api"})
	if err != nil {
		t.Fatal(err)
	}
	if a.opts.APIURL != "http://127.0.0.1:9/api/" {
		t.Errorf("APIURL = %q", a.opts.APIURL)
	}
}

func TestSocket_SlashCommand_AckedAtOnceAndAnswered(t *testing.T) {
	h := newFakeHandler()
	h.slow = 400 * time.Millisecond
	hs := startSocket(t, h, nil)
	sent := time.Now()
	hs.fake.send(slashEnv("env-1", "trig-1", "CNEWS", "UALICE", "/timeline", "witkoff since 2025-08", hs.fake.hookURL("r1")))

	waitFor(t, "the ack", func() bool { _, ok := hs.fake.ackOf("env-1"); return ok })
	if took := time.Since(sent); took > 300*time.Millisecond {
		t.Errorf("ack took %v while the handler is slow; want well under 3 s and before the answer", took)
	}
	if n := len(hs.fake.delivered("chat.postMessage")); n != 0 {
		t.Fatalf("answer posted before the slow handler finished (%d posts)", n)
	}
	a, _ := hs.fake.ackOf("env-1")
	if len(a.Payload) != 0 {
		t.Errorf("ack payload = %s, want none", a.Payload)
	}

	waitFor(t, "the answer", func() bool { return len(hs.fake.delivered("chat.postMessage")) == 1 })
	got := hs.fake.delivered("chat.postMessage")[0]
	if got.Channel != "CNEWS" || got.ThreadTS != "" || got.Text != "Echo: /timeline witkoff since 2025-08" || len(got.Blocks) == 0 {
		t.Errorf("posted %+v", got)
	}
	want := []bot.Request{{Platform: "slack", ChatID: "CNEWS", UserID: "UALICE", Text: "/timeline witkoff since 2025-08"}}
	if diff := cmp.Diff(want, h.requests()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

func TestSocket_MentionsAndDMs_AnsweredInThread(t *testing.T) {
	article := strings.Repeat("Harbor Minister Talia Brennick met Governor Osric Valdane in Meridian City on Tuesday. ", 3)
	tests := []struct {
		name   string
		event  map[string]any
		text   string // want the bot to get this; "" = ignored
		thread string
	}{
		{"mention with command word", mentionEvent("CNEWS", "UALICE", "<@UBOT> timeline witkoff", "1700000100.000100"), "/timeline witkoff", "1700000100.000100"},
		{"mention with slash", mentionEvent("CNEWS", "UALICE", "<@UBOT> /who Brennick", "1700000100.000200"), "/who Brennick", "1700000100.000200"},
		{"mention with alias form", mentionEvent("CNEWS", "UALICE", "<@UBOT|briefbot>   Sources:  harbor", "1700000100.000300"), "/sources harbor", "1700000100.000300"},
		{"mention in a thread", map[string]any{"type": "app_mention", "channel": "CNEWS", "user": "UALICE", "text": "<@UBOT> help", "ts": "1700000100.000400", "thread_ts": "1700000000.000009"}, "/help", "1700000000.000009"},
		{"mention with article", mentionEvent("CNEWS", "UALICE", "<@UBOT> "+article, "1700000100.000500"), strings.TrimSpace(article), "1700000100.000500"},
		{"dm command", dmEvent("DALICE", "UALICE", "brief 2026-03-04", "1700000100.000600"), "/brief 2026-03-04", "1700000100.000600"},
		{"dm article opening with a command word", dmEvent("DALICE", "UALICE", "Who "+article, "1700000100.000700"), "Who " + strings.TrimSpace(article), "1700000100.000700"},
		{"dm with markup", dmEvent("DALICE", "UALICE", "quotes &lt;Brennick&gt; &amp; <https://example.org/a|the link>", "1700000100.000800"), "/quotes <Brennick> & the link", "1700000100.000800"},
		{"dm edit", map[string]any{"type": "message", "subtype": "message_changed", "channel": "DALICE", "channel_type": "im", "ts": "1700000100.000900", "message": map[string]any{"user": "UALICE", "text": "help"}}, "", ""},
		{"dm from a bot", map[string]any{"type": "message", "subtype": "bot_message", "bot_id": "BOTHER", "channel": "DALICE", "channel_type": "im", "text": "help", "ts": "1700000100.001000"}, "", ""},
		{"dm from ourselves", map[string]any{"type": "message", "bot_id": "BBOT", "user": "UBOT", "channel": "DALICE", "channel_type": "im", "text": "Echo", "ts": "1700000100.001100"}, "", ""},
		{"channel message", map[string]any{"type": "message", "channel": "CNEWS", "channel_type": "channel", "user": "UALICE", "text": "help", "ts": "1700000100.001200"}, "", ""},
		{"mention by a bot", map[string]any{"type": "app_mention", "channel": "CNEWS", "user": "UOTHER", "bot_id": "BOTHER", "text": "<@UBOT> help", "ts": "1700000100.001300"}, "", ""},
	}
	hs := startSocket(t, nil, nil)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(hs.h.requests())
			beforePosts := len(hs.fake.delivered("chat.postMessage"))
			env := fmt.Sprintf("env-%d", i)
			hs.fake.send(eventEnv(env, fmt.Sprintf("Ev%d", i), tt.event))
			waitFor(t, "the ack", func() bool { _, ok := hs.fake.ackOf(env); return ok })
			if tt.text == "" {
				time.Sleep(30 * time.Millisecond)
				if n := len(hs.h.requests()); n != before {
					t.Fatalf("ignored event reached the bot: %+v", hs.h.requests()[n-1])
				}
				return
			}
			waitFor(t, "the answer", func() bool { return len(hs.fake.delivered("chat.postMessage")) == beforePosts+1 })
			req := hs.h.requests()[before]
			if req.Text != tt.text {
				t.Errorf("bot got %q, want %q", req.Text, tt.text)
			}
			post := hs.fake.delivered("chat.postMessage")[beforePosts]
			if post.ThreadTS != tt.thread || post.Channel != tt.event["channel"] {
				t.Errorf("posted in %s thread %q, want %s thread %q", post.Channel, post.ThreadTS, tt.event["channel"], tt.thread)
			}
		})
	}
}

// A fictional article, written for these tests.
const testArticle = `MERIDIAN CITY — Harbor Minister Talia Brennick met Governor Osric Valdane in Meridian City on Tuesday for three hours of talks on the Corran Bridge tolls, her office said.
"We will not let the tolls choke the harbor," Brennick told reporters after the meeting.
Valdane said the two sides would meet again in April. The talks were the first since the bridge reopened in January, according to the Harbor Ministry.`

func openBot(t testing.TB) *bot.Bot {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "slack.db"), storage.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	now := time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)
	return bot.New(slog.New(slog.DiscardHandler), db, bot.WithClock(func() time.Time { return now }))
}

// allText returns the fallback texts and block texts of calls, joined.
func allText(calls []call) string {
	var b strings.Builder
	for _, c := range calls {
		b.WriteString(c.Text)
		b.WriteString("\n")
		b.Write(c.Blocks)
		b.WriteString("\n")
	}
	return b.String()
}

func TestSocket_EndToEnd_RealBot(t *testing.T) {
	hs := startSocket(t, openBot(t), nil)
	f := hs.fake

	// A pasted article in a DM is ingested and answered in its thread.
	f.send(eventEnv("env-dm", "EvDM", dmEvent("DALICE", "UALICE", testArticle, "1772700000.000100")))
	waitFor(t, "the ingest reply", func() bool { return len(f.delivered("chat.postMessage")) >= 1 })
	p := f.delivered("chat.postMessage")
	if p[0].ThreadTS != "1772700000.000100" || !strings.HasPrefix(p[0].Text, "Added #1") {
		t.Fatalf("ingest reply = %+v", p[0])
	}

	// The message shortcut ingests another message with its origin, and
	// answers the user alone.
	msg := strings.ReplaceAll(testArticle, "Tuesday", "Wednesday")
	msg = strings.ReplaceAll(msg, "three hours", "five hours")
	f.send(interactiveEnv("env-sc", shortcutPayload("trig-sc", "CNEWS", "newsroom", "UBOB", "UALICE", msg, "1772700000.000200", f.hookURL("sc"))))
	waitFor(t, "the shortcut reply", func() bool { return len(f.delivered("chat.postEphemeral")) >= 1 })
	e := f.delivered("chat.postEphemeral")[0]
	if e.User != "UBOB" || e.Channel != "CNEWS" || !strings.HasPrefix(e.Text, "Added #2") {
		t.Fatalf("shortcut reply = %+v", e)
	}

	// /sources lists both, the second under its Slack origin.
	f.send(slashEnv("env-src", "trig-src", "CNEWS", "UALICE", "/sources", "", f.hookURL("src")))
	waitFor(t, "the /sources reply", func() bool { return len(f.delivered("chat.postMessage")) >= 2 })
	src := allText(f.delivered("chat.postMessage")[1:])
	for _, want := range []string{"Slack #newsroom / Alice Example", "2026-03-05"} {
		if !strings.Contains(src, want) {
			t.Errorf("/sources reply lacks %q:\n%s", want, src)
		}
	}
}

func TestSocket_Shortcut_Origin(t *testing.T) {
	hs := startSocket(t, nil, nil)
	f := hs.fake
	f.send(interactiveEnv("env-1", shortcutPayload("trig-1", "CNEWS", "newsroom", "UBOB", "UALICE", "Some &amp; text", "1772712345.000100", f.hookURL("a"))))
	f.send(interactiveEnv("env-2", shortcutPayload("trig-2", "D0DM", "directmessage", "UBOB", "UNOBODY", "Other text", "1772712399.000100", f.hookURL("b"))))
	// Another interaction (a button) is acknowledged and ignored.
	f.send(interactiveEnv("env-3", map[string]any{"type": "block_actions", "trigger_id": "trig-3", "user": map[string]any{"id": "UBOB"}}))
	waitFor(t, "two replies", func() bool { return len(f.delivered("chat.postEphemeral")) == 2 })
	waitFor(t, "acks", func() bool { _, ok := f.ackOf("env-3"); return ok })
	reqs := hs.h.requests()
	byText := map[string]bot.Request{}
	for _, r := range reqs {
		byText[r.Text] = r
	}
	want := map[string]bot.Request{
		"Some & text": {Platform: "slack", ChatID: "CNEWS", UserID: "UBOB", Text: "Some & text",
			Forward: &bot.Origin{Name: "Slack #newsroom / Alice Example", Date: "2026-03-05T12:05:45Z"}},
		"Other text": {Platform: "slack", ChatID: "D0DM", UserID: "UBOB", Text: "Other text",
			Forward: &bot.Origin{Name: "Slack D0DM / UNOBODY", Date: "2026-03-05T12:06:39Z"}},
	}
	if diff := cmp.Diff(want, byText); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

// longTimeline is a reply too long for one Slack message.
func longTimeline() *bot.Reply {
	r := &bot.Reply{Command: "timeline", Query: "brennick", Title: "Timeline: Talia Brennick", Text: "60 happenings from 120 articles.", Footer: "Fictional fixture."}
	for i := range 60 {
		day := fmt.Sprintf("2026-%02d-%02d", 1+i/28, 1+i%28)
		r.Items = append(r.Items, bot.Item{
			Date: day,
			Text: fmt.Sprintf("Talia Brennick met harbor pilots (meeting number %d), discussing the Corran Bridge tolls, the dredging of the north channel and the night ferry timetable at length, with the minutes published the next morning.", i+1),
			Sources: []bot.Source{
				{Article: fmt.Sprint(2*i + 1), Outlet: "Meridian Ledger", URL: fmt.Sprintf("https://ledger.example/a/%d", 2*i+1), Published: day},
				{Article: fmt.Sprint(2*i + 2), Outlet: "Harbor Wire", URL: fmt.Sprintf("https://wire.example/b/%d", 2*i+2), Published: day},
			},
		})
	}
	return r
}

func TestSocket_LongReply_SplitInThread_Golden(t *testing.T) {
	h := newFakeHandler()
	h.reply = func(*bot.Request) *bot.Reply { return longTimeline() }
	hs := startSocket(t, h, nil)
	f := hs.fake
	want := Render(*longTimeline())
	if len(want) < 2 {
		t.Fatalf("fixture renders as %d message; want a split", len(want))
	}
	f.send(slashEnv("env-1", "trig-1", "CNEWS", "UALICE", "/timeline", "brennick", f.hookURL("r")))
	waitFor(t, "all parts", func() bool { return len(f.delivered("chat.postMessage")) == len(want) })
	posts := f.delivered("chat.postMessage")
	for i, p := range posts {
		if p.Text == "" {
			t.Errorf("message %d has no fallback text", i)
		}
		wantThread := posts[0].TS
		if i == 0 {
			wantThread = ""
		}
		if p.ThreadTS != wantThread {
			t.Errorf("message %d thread_ts = %q, want %q", i, p.ThreadTS, wantThread)
		}
	}
	text := allText(posts)
	for _, it := range longTimeline().Items {
		for _, s := range it.Sources {
			if strings.Count(text, s.URL+"|") != 1 {
				t.Errorf("citation %s appears %d times, want once", s.URL, strings.Count(text, s.URL+"|"))
			}
		}
	}
	checkGolden(t, filepath.Join("testdata", "posted", "long_timeline.json"), posts)
}

// checkGolden compares calls (normalized: indented blocks) with a golden
// file; go test -update rewrites it.
func checkGolden(t *testing.T, path string, calls []call) {
	t.Helper()
	type posted struct {
		call
		Blocks any `json:"blocks,omitempty"`
	}
	var ps []posted
	for _, c := range calls {
		p := posted{call: c}
		p.call.Blocks = nil
		if len(c.Blocks) > 0 {
			if err := json.Unmarshal(c.Blocks, &p.Blocks); err != nil {
				t.Fatalf("blocks of %s: %v", c.Method, err)
			}
		}
		ps = append(ps, p)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(ps); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run go test -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), buf.String()); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

func TestDelivery_RateLimited_WaitsRetryAfter(t *testing.T) {
	hs := startSocket(t, nil, nil)
	f := hs.fake
	f.failNext("chat.postMessage", failure{status: 429, retryAfter: "1"})
	f.send(slashEnv("env-1", "trig-1", "CNEWS", "UALICE", "/help", "", f.hookURL("r")))
	waitFor(t, "the answer", func() bool { return len(f.delivered("chat.postMessage")) == 1 })
	calls, _, _, _ := f.snapshot()
	if len(calls) != 2 || !calls[0].Failed {
		t.Fatalf("calls = %+v, want one 429 then one success", calls)
	}
	if gap := calls[1].At.Sub(calls[0].At); gap < time.Second || gap > 1500*time.Millisecond {
		t.Errorf("retried after %v, want the Retry-After of 1 s", gap)
	}
}

func TestDelivery_TransientFailures_Retried(t *testing.T) {
	for _, fl := range []failure{{status: 500}, {status: 503}, {drop: true}, {slackErr: "internal_error"}, {status: 429}} {
		t.Run(fmt.Sprintf("%+v", fl), func(t *testing.T) {
			hs := startSocket(t, nil, nil)
			f := hs.fake
			f.failNext("chat.postMessage", fl, fl)
			f.send(slashEnv("env-1", "trig-1", "CNEWS", "UALICE", "/help", "", f.hookURL("r")))
			waitFor(t, "the answer", func() bool { return len(f.delivered("chat.postMessage")) == 1 })
			if !strings.Contains(hs.logs.String(), "retrying") {
				t.Errorf("no retry logged:\n%s", hs.logs)
			}
		})
	}
}

func TestDelivery_ServerErrors_GivesUpAndTellsUser(t *testing.T) {
	hs := startSocket(t, nil, func(o *Options) { o.HoldFor = time.Nanosecond }) // no holding
	f := hs.fake
	f.failEvery("chat.postMessage", failure{status: 500})
	f.send(eventEnv("env-1", "Ev1", mentionEvent("CNEWS", "UALICE", "<@UBOT> help", "1700000100.000100")))
	waitFor(t, "the apology", func() bool { return len(f.delivered("chat.postEphemeral")) == 1 })
	calls, _, _, _ := f.snapshot()
	tries := 0
	for _, c := range calls {
		if c.Method == "chat.postMessage" {
			tries++
		}
	}
	if tries != 4 {
		t.Errorf("chat.postMessage tried %d times, want 1 + MaxRetries (3)", tries)
	}
	e := f.delivered("chat.postEphemeral")[0]
	if e.User != "UALICE" || e.Channel != "CNEWS" || e.Text != failedText {
		t.Errorf("apology = %+v", e)
	}
	logs := hs.logs.String()
	if !strings.Contains(logs, "slack reply not delivered") || !strings.Contains(logs, "channel=CNEWS") || !strings.Contains(logs, "gave up after 4 attempts") {
		t.Errorf("no give-up log line with the channel:\n%s", logs)
	}
}

func TestDelivery_NotInChannel_UsesResponseURL(t *testing.T) {
	h := newFakeHandler()
	h.reply = func(*bot.Request) *bot.Reply { return longTimeline() }
	hs := startSocket(t, h, nil)
	f := hs.fake
	f.failNext("chat.postMessage", failure{slackErr: "not_in_channel"})
	f.send(slashEnv("env-1", "trig-1", "D0OTHER", "UALICE", "/timeline", "brennick", f.hookURL("r")))
	n := len(Render(*longTimeline()))
	waitFor(t, "the response_url posts", func() bool { return len(f.delivered("response_url")) == n })
	for _, c := range f.delivered("response_url") {
		if c.ResponseType != "in_channel" || c.Text == "" || len(c.Blocks) == 0 {
			t.Errorf("response_url post = %+v", c)
		}
	}
}

func TestSocket_Reconnect_NoCommandLostOrAnsweredTwice(t *testing.T) {
	hs := startSocket(t, nil, nil)
	f := hs.fake
	f.send(slashEnv("env-a", "trig-a", "CNEWS", "UALICE", "/who", "a", f.hookURL("a")))
	waitFor(t, "answer a", func() bool { return len(f.delivered("chat.postMessage")) == 1 })

	f.drop()
	// Sent while the websocket is down: Slack keeps it for the next one.
	f.send(slashEnv("env-b", "trig-b", "CNEWS", "UALICE", "/who", "b", f.hookURL("b")))
	waitFor(t, "the reconnection", func() bool { _, _, n, _ := f.snapshot(); return n >= 2 })
	// Slack redelivers a (same trigger, new envelope), and an event twice.
	redelivered := slashEnv("env-a2", "trig-a", "CNEWS", "UALICE", "/who", "a", f.hookURL("a"))
	redelivered["retry_attempt"] = 1
	f.send(redelivered)
	f.send(eventEnv("env-c", "EvC", mentionEvent("CNEWS", "UALICE", "<@UBOT> who c", "1700000200.000100")))
	f.send(eventEnv("env-c2", "EvC", mentionEvent("CNEWS", "UALICE", "<@UBOT> who c", "1700000200.000100")))
	f.send(eventEnv("env-c", "EvC", mentionEvent("CNEWS", "UALICE", "<@UBOT> who c", "1700000200.000100")))

	waitFor(t, "acks", func() bool {
		for _, id := range []string{"env-b", "env-a2", "env-c", "env-c2"} {
			if _, ok := f.ackOf(id); !ok {
				return false
			}
		}
		return true
	})
	waitFor(t, "answers b and c", func() bool { return len(f.delivered("chat.postMessage")) >= 3 })
	time.Sleep(50 * time.Millisecond) // room for a wrong extra answer
	count := map[string]int{}
	for _, r := range hs.h.requests() {
		count[r.Text]++
	}
	if diff := cmp.Diff(map[string]int{"/who a": 1, "/who b": 1, "/who c": 1}, count); diff != "" {
		t.Errorf("requests answered (-want +got):\n%s", diff)
	}
	if n := len(f.delivered("chat.postMessage")); n != 3 {
		t.Errorf("%d answers posted, want 3", n)
	}
	if !strings.Contains(hs.logs.String(), "slack reconnected") {
		t.Errorf("reconnection not logged:\n%s", hs.logs)
	}
}

func TestSocket_NoPings_Reconnects(t *testing.T) {
	hs := startSocket(t, nil, func(o *Options) { o.PingInterval = 30 * time.Millisecond })
	// The fake pings every 50 ms: slower than the 30 ms the client
	// expects, so it gives up on the websocket and opens a new one.
	waitFor(t, "a reconnection", func() bool { _, _, n, _ := hs.fake.snapshot(); return n >= 2 })
}

func TestAllowlist(t *testing.T) {
	hs := startSocket(t, nil, func(o *Options) {
		o.AllowedChannels = []string{"CALLOWED"}
		o.AllowedUsers = []string{"UALLOWED"}
	})
	f := hs.fake
	f.send(slashEnv("env-1", "trig-1", "CALLOWED", "USTRANGER", "/help", "", f.hookURL("1")))
	f.send(slashEnv("env-2", "trig-2", "COTHER", "UALLOWED", "/help", "", f.hookURL("2")))
	f.send(slashEnv("env-3", "trig-3", "COTHER", "USTRANGER", "/help", "", f.hookURL("3")))
	f.send(eventEnv("env-4", "Ev4", mentionEvent("COTHER", "USTRANGER", "<@UBOT> help", "1700000300.000100")))
	f.send(eventEnv("env-5", "Ev5", dmEvent("DSTRANGER", "USTRANGER", "help", "1700000300.000200")))

	waitFor(t, "two answers and two refusals", func() bool {
		return len(f.delivered("chat.postMessage")) == 2 && len(f.delivered("chat.postEphemeral")) == 2
	})
	a, _ := f.ackOf("env-3")
	var p map[string]string
	if err := json.Unmarshal(a.Payload, &p); err != nil || p["response_type"] != "ephemeral" || p["text"] != refusalText {
		t.Errorf("refusing ack payload = %s (%v)", a.Payload, err)
	}
	for _, e := range f.delivered("chat.postEphemeral") {
		if e.User != "USTRANGER" || e.Text != refusalText {
			t.Errorf("refusal = %+v", e)
		}
	}
	for _, r := range hs.h.requests() {
		if r.ChatID != "CALLOWED" && r.UserID != "UALLOWED" {
			t.Errorf("refused request reached the bot: %+v", r)
		}
	}
	if n := strings.Count(hs.logs.String(), "not on the allowlist"); n != 3 {
		t.Errorf("%d refusal log lines, want 3:\n%s", n, hs.logs)
	}
}

func TestRun_ShutdownWithin2s(t *testing.T) {
	h := newFakeHandler()
	h.block = make(chan struct{}) // a request that ignores its context
	defer close(h.block)
	hs := startSocket(t, h, nil)
	hs.fake.send(slashEnv("env-1", "trig-1", "CNEWS", "UALICE", "/help", "", hs.fake.hookURL("r")))
	waitFor(t, "the request", func() bool { return len(h.requests()) == 1 })
	if took := hs.stop(t); took > 2*time.Second {
		t.Errorf("Run took %v to return", took)
	}
}

func TestRun_BadTokens(t *testing.T) {
	t.Run("bot token refused", func(t *testing.T) {
		f := newFakeSlack(t)
		f.authErr = "invalid_auth"
		a, err := New(nil, newFakeHandler(), testOptions(f))
		if err != nil {
			t.Fatal(err)
		}
		err = a.Run(context.Background())
		if err == nil || !strings.Contains(err.Error(), "SLACK_BOT_TOKEN") || !strings.Contains(err.Error(), "invalid_auth") {
			t.Fatalf("Run = %v", err)
		}
		checkNoSecrets(t, err.Error())
	})
	t.Run("app token refused", func(t *testing.T) {
		f := newFakeSlack(t)
		opts := testOptions(f)
		opts.AppToken = "xapp-1-A111-9999-wrongsecret"
		a, err := New(nil, newFakeHandler(), opts)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err = a.Run(ctx)
		if err == nil || !strings.Contains(err.Error(), "SLACK_APP_TOKEN") || strings.Contains(err.Error(), "wrongsecret") {
			t.Fatalf("Run = %v", err)
		}
	})
}

func TestDedupe(t *testing.T) {
	d := newDedupe(50 * time.Millisecond)
	if !d.firstTime([]string{"envelope:1", "trigger:a"}) {
		t.Error("first delivery seen as duplicate")
	}
	if d.firstTime([]string{"envelope:2", "trigger:a"}) {
		t.Error("same trigger, new envelope: not seen as duplicate")
	}
	if !d.firstTime([]string{"envelope:3", "event:"}) || !d.firstTime([]string{"envelope:4", "event:"}) {
		t.Error("empty ids must not match each other")
	}
	time.Sleep(60 * time.Millisecond)
	if !d.firstTime([]string{"trigger:a"}) {
		t.Error("key remembered past its time")
	}
}

func TestSocket_UnknownEventAcked(t *testing.T) {
	hs := startSocket(t, nil, nil)
	hs.fake.send(eventEnv("env-x", "EvX", map[string]any{"type": "no_such_event", "ts": "1.2"}))
	waitFor(t, "the ack of an event the SDK cannot parse", func() bool { _, ok := hs.fake.ackOf("env-x"); return ok })
	if n := len(hs.h.requests()); n != 0 {
		t.Errorf("%d requests from an unknown event", n)
	}
}

func TestSocket_HandlerPanicLoggedNotFatal(t *testing.T) {
	h := newFakeHandler()
	h.reply = func(req *bot.Request) *bot.Reply {
		if req.Text == "/who boom" {
			panic("boom")
		}
		return &bot.Reply{Title: "fine", Items: []bot.Item{}}
	}
	hs := startSocket(t, h, nil)
	hs.fake.send(slashEnv("env-1", "trig-1", "CNEWS", "UALICE", "/who", "boom", hs.fake.hookURL("r")))
	hs.fake.send(slashEnv("env-2", "trig-2", "CNEWS", "UALICE", "/who", "calm", hs.fake.hookURL("r")))
	waitFor(t, "the other answer", func() bool { return len(hs.fake.delivered("chat.postMessage")) == 1 })
	waitFor(t, "the panic log", func() bool { return strings.Contains(hs.logs.String(), "slack request panicked") })
}

// fakeSnippet is what the fake serves for any file download.
const fakeSnippet = "MERIDIAN CITY — Harbor Minister Talia Brennick met Governor Osric Valdane in Meridian City on Tuesday for three hours of talks on the Corran Bridge tolls, her office said."

// A snippet sent in a DM is read as the article (files:read); a file that
// is not text is answered with what to do instead. Neither is ignored.
func TestSocket_FileShare(t *testing.T) {
	hs := startSocket(t, nil, nil)
	snippet := map[string]any{"type": "message", "subtype": "file_share", "channel": "DALICE", "channel_type": "im", "user": "UALICE", "text": "from this morning", "ts": "1700000200.000100",
		"files": []any{map[string]any{"id": "F1", "filetype": "text", "mimetype": "text/plain", "size": len(fakeSnippet), "url_private_download": hs.fake.srv.URL + "/files/F1/download/snippet.txt"}}}
	hs.fake.send(eventEnv("env-snippet", "EvSnippet", snippet))
	waitFor(t, "the answer", func() bool { return len(hs.fake.delivered("chat.postMessage")) == 1 })
	reqs := hs.h.requests()
	if len(reqs) != 1 || !strings.Contains(reqs[0].Text, "from this morning") || !strings.Contains(reqs[0].Text, "Harbor Minister Talia Brennick") {
		t.Fatalf("the bot got %+v", reqs)
	}
	if post := hs.fake.delivered("chat.postMessage")[0]; post.ThreadTS != "1700000200.000100" {
		t.Errorf("answer not in the thread: %+v", post)
	}

	image := map[string]any{"type": "message", "subtype": "file_share", "channel": "DALICE", "channel_type": "im", "user": "UALICE", "text": "", "ts": "1700000200.000200",
		"files": []any{map[string]any{"id": "F2", "filetype": "png", "mimetype": "image/png", "size": 1000, "url_private_download": hs.fake.srv.URL + "/files/F2/download/photo.png"}}}
	hs.fake.send(eventEnv("env-image", "EvImage", image))
	waitFor(t, "the notice", func() bool { return len(hs.fake.delivered("chat.postMessage")) == 2 })
	if post := hs.fake.delivered("chat.postMessage")[1]; !strings.Contains(post.Text, "text snippets and plain-text files only") {
		t.Errorf("notice = %+v", post)
	}
	if n := len(hs.h.requests()); n != 1 {
		t.Errorf("the image reached the bot (%d requests)", n)
	}
}
