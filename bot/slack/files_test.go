package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	slackapi "github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
)

// testPNG draws a small chart-like picture and returns it as PNG bytes.
func testPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for x := range 40 {
		img.Set(x, 10+x%7, color.RGBA{R: 200, A: 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// chartReply answers every request with a short reply, one PNG and a
// "Chart" button.
func chartReply(data []byte) func(*bot.Request) *bot.Reply {
	return func(req *bot.Request) *bot.Reply {
		return &bot.Reply{
			Command: "timeline", Title: "Timeline: Talia Brennick", Items: []bot.Item{},
			Attachments: []bot.Attachment{{Name: "timeline-brennick.png", MIME: "image/png", Alt: "Chart of 12 events about Talia Brennick, March to May 2026", Data: data}},
			Actions:     []bot.Action{{Label: "Sources", Command: "sources brennick"}},
		}
	}
}

// methods lists the methods of calls, in order, leaving out those in skip.
func methods(calls []call, skip ...string) []string {
	var out []string
	for _, c := range calls {
		if !contains(skip, c.Method) {
			out = append(out, c.Method)
		}
	}
	return out
}

func TestUpload_FlowAndPlacement(t *testing.T) {
	data := testPNG(t)
	const alt = "Chart of 12 events about Talia Brennick, March to May 2026"
	tests := []struct {
		name   string
		http   bool
		send   func(t *testing.T, hs *harness, base string)
		thread string // where the file must be shared
	}{
		{"mention: in the thread", false, func(t *testing.T, hs *harness, _ string) {
			hs.fake.send(eventEnv("env-1", "Ev1", mentionEvent("CNEWS", "UALICE", "<@UBOT> timeline brennick", "1700000100.000100")))
		}, "1700000100.000100"},
		{"slash command: in the channel", false, func(t *testing.T, hs *harness, _ string) {
			hs.fake.send(slashEnv("env-1", "trig-1", "CNEWS", "UALICE", "/timeline", "brennick", hs.fake.hookURL("r")))
		}, ""},
		{"Send: in the channel", false, func(t *testing.T, hs *harness, _ string) {
			if err := hs.ad.Send(context.Background(), "CNEWS", chartReply(data)(nil)); err != nil {
				t.Error(err)
			}
		}, ""},
		{"HTTP mode mention: in the thread", true, func(t *testing.T, hs *harness, base string) {
			ev, _ := json.Marshal(eventEnv("", "EvH1", mentionEvent("CNEWS", "UALICE", "<@UBOT> timeline brennick", "1700000400.000100"))["payload"])
			if status, body := (signedReq{path: "/slack/events", contentType: "application/json", body: string(ev)}).do(t, base); status != 200 {
				t.Fatalf("event: %d %s", status, body)
			}
		}, "1700000400.000100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hs *harness
			base := ""
			if tt.http {
				hs, base = startHTTP(t, nil)
			} else {
				hs = startSocket(t, nil, nil)
			}
			hs.h.reply = chartReply(data)
			tt.send(t, hs, base)
			f := hs.fake
			waitFor(t, "the upload", func() bool { return len(f.delivered("files.completeUploadExternal")) == 1 })
			calls, _, _, _ := f.snapshot()
			want := []string{"chat.postMessage", "files.getUploadURLExternal", "upload", "files.completeUploadExternal"}
			if diff := cmp.Diff(want, methods(calls, "auth.test")); diff != "" {
				t.Errorf("calls (-want +got):\n%s", diff)
			}
			post := f.delivered("chat.postMessage")[0]
			if post.Channel != "CNEWS" || post.ThreadTS != tt.thread {
				t.Errorf("reply posted in %s thread %q, want CNEWS thread %q", post.Channel, post.ThreadTS, tt.thread)
			}
			get := f.delivered("files.getUploadURLExternal")[0]
			if get.Filename != "timeline-brennick.png" || get.Length != strconv.Itoa(len(data)) || get.AltTxt != alt {
				t.Errorf("getUploadURLExternal = filename %q length %q alt %q", get.Filename, get.Length, get.AltTxt)
			}
			up := f.delivered("upload")[0]
			if up.FileID != get.FileID || !bytes.Equal(up.Data, data) || up.Filename != "timeline-brennick.png" {
				t.Errorf("upload of %s %q: %d bytes, equal to the PNG: %v", up.FileID, up.Filename, len(up.Data), bytes.Equal(up.Data, data))
			}
			done := f.delivered("files.completeUploadExternal")[0]
			if done.Channel != "CNEWS" || done.ThreadTS != tt.thread {
				t.Errorf("shared in %s thread %q, want CNEWS thread %q", done.Channel, done.ThreadTS, tt.thread)
			}
			var files []struct{ ID, Title string }
			if err := json.Unmarshal(done.Files, &files); err != nil || len(files) != 1 || files[0].ID != get.FileID || files[0].Title != alt {
				t.Errorf("completeUploadExternal files = %s (%v)", done.Files, err)
			}
		})
	}
}

func TestUpload_Failures_TextStillGoesOutWithNote(t *testing.T) {
	data := testPNG(t)
	tests := []struct {
		name     string
		fail     func(f *fakeSlack)
		attempts map[string]int // calls per method, failed ones included
		logged   string
	}{
		{"upload URL refused", func(f *fakeSlack) {
			f.failEvery("files.getUploadURLExternal", failure{slackErr: "not_allowed_token_type"})
		}, map[string]int{"files.getUploadURLExternal": 1}, "not_allowed_token_type"},
		{"upload keeps failing with 500", func(f *fakeSlack) {
			f.failEvery("upload", failure{status: 500})
		}, map[string]int{"files.getUploadURLExternal": 1, "upload": 4}, "gave up after 4 attempts"},
		{"share refused", func(f *fakeSlack) {
			f.failEvery("files.completeUploadExternal", failure{slackErr: "not_in_channel"})
		}, map[string]int{"files.getUploadURLExternal": 1, "upload": 1, "files.completeUploadExternal": 1}, "not_in_channel"},
		{"empty file", nil, map[string]int{}, "empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs := startSocket(t, nil, nil)
			f := hs.fake
			pic := data
			if tt.fail != nil {
				tt.fail(f)
			} else {
				pic = nil
			}
			hs.h.reply = chartReply(pic)
			f.send(eventEnv("env-1", "Ev1", mentionEvent("CNEWS", "UALICE", "<@UBOT> timeline brennick", "1700000100.000100")))
			waitFor(t, "the reply and the note", func() bool { return len(f.delivered("chat.postMessage")) == 2 })
			posts := f.delivered("chat.postMessage")
			if posts[0].Text != "Timeline: Talia Brennick" || posts[0].ThreadTS != "1700000100.000100" {
				t.Errorf("reply = %+v", posts[0])
			}
			if posts[1].Text != "Sorry, the chart could not be uploaded." || posts[1].ThreadTS != "1700000100.000100" || posts[1].Channel != "CNEWS" {
				t.Errorf("note = %+v", posts[1])
			}
			calls, _, _, _ := f.snapshot()
			got := map[string]int{}
			for _, c := range calls {
				if c.Method != "auth.test" && c.Method != "chat.postMessage" {
					got[c.Method]++
				}
			}
			if diff := cmp.Diff(tt.attempts, got); diff != "" {
				t.Errorf("upload calls (-want +got):\n%s", diff)
			}
			logs := hs.logs.String()
			if !strings.Contains(logs, "slack file upload failed") || !strings.Contains(logs, tt.logged) || !strings.Contains(logs, "channel=CNEWS") {
				t.Errorf("no log line with the cause %q:\n%s", tt.logged, logs)
			}
		})
	}
}

func TestUpload_TransientFailureRetried(t *testing.T) {
	data := testPNG(t)
	hs := startSocket(t, nil, nil)
	f := hs.fake
	hs.h.reply = chartReply(data)
	f.failNext("upload", failure{status: 503}, failure{drop: true})
	f.failNext("files.completeUploadExternal", failure{status: 429, retryAfter: "0"})
	f.send(slashEnv("env-1", "trig-1", "CNEWS", "UALICE", "/timeline", "brennick", f.hookURL("r")))
	waitFor(t, "the upload", func() bool { return len(f.delivered("files.completeUploadExternal")) == 1 })
	ups := f.delivered("upload")
	if len(ups) != 1 || !bytes.Equal(ups[0].Data, data) {
		t.Errorf("%d successful uploads; bytes equal: %v", len(ups), len(ups) == 1 && bytes.Equal(ups[0].Data, data))
	}
	time.Sleep(20 * time.Millisecond)
	if n := len(f.delivered("chat.postMessage")); n != 1 {
		t.Errorf("%d messages posted, want the reply only (no note)", n)
	}
}

func TestUpload_NoShareWherePrivate(t *testing.T) {
	data := testPNG(t)
	t.Run("shortcut answer is ephemeral", func(t *testing.T) {
		hs := startSocket(t, nil, nil)
		f := hs.fake
		hs.h.reply = chartReply(data)
		f.send(interactiveEnv("env-1", shortcutPayload("trig-1", "CNEWS", "newsroom", "UBOB", "UALICE", "Some text", "1772712345.000100", f.hookURL("a"))))
		waitFor(t, "the reply and the note", func() bool { return len(f.delivered("chat.postEphemeral")) == 2 })
		if n := len(f.delivered("files.getUploadURLExternal")); n != 0 {
			t.Errorf("%d uploads for an ephemeral answer", n)
		}
		if e := f.delivered("chat.postEphemeral")[1]; e.Text != "Sorry, the chart could not be uploaded." || e.User != "UBOB" {
			t.Errorf("note = %+v", e)
		}
	})
	t.Run("answered through response_url", func(t *testing.T) {
		hs := startSocket(t, nil, nil)
		f := hs.fake
		hs.h.reply = chartReply(data)
		f.failNext("chat.postMessage", failure{slackErr: "not_in_channel"})
		f.send(slashEnv("env-1", "trig-1", "D0OTHER", "UALICE", "/timeline", "brennick", f.hookURL("r")))
		waitFor(t, "the reply and the note", func() bool { return len(f.delivered("response_url")) == 2 })
		if n := len(f.delivered("files.getUploadURLExternal")); n != 0 {
			t.Errorf("%d uploads where the bot cannot post", n)
		}
		if c := f.delivered("response_url")[1]; c.Text != "Sorry, the chart could not be uploaded." || c.ResponseType != "in_channel" {
			t.Errorf("note = %+v", c)
		}
	})
}

// actionsOf returns the buttons of a posted message's actions blocks.
func actionsOf(t *testing.T, blocks json.RawMessage) []map[string]any {
	t.Helper()
	var bs []struct {
		Type     string           `json:"type"`
		BlockID  string           `json:"block_id"`
		Elements []map[string]any `json:"elements"`
	}
	if err := json.Unmarshal(blocks, &bs); err != nil {
		t.Fatalf("blocks: %v", err)
	}
	var out []map[string]any
	for _, b := range bs {
		if b.Type == "actions" {
			out = append(out, b.Elements...)
		}
	}
	return out
}

func TestButton_ClickRunsCommand(t *testing.T) {
	h := newFakeHandler()
	h.reply = func(req *bot.Request) *bot.Reply {
		r := &bot.Reply{Title: "Echo: " + req.Text, Items: []bot.Item{}}
		if req.Text == "/timeline brennick" {
			r.Actions = []bot.Action{{Label: "Chart", Command: "timeline brennick chart"}}
		}
		return r
	}
	tests := []struct {
		name  string
		http  bool
		allow []string
		user  string
		want  bool // the command runs; else it is refused
	}{
		{"socket mode", false, nil, "UALICE", true},
		{"HTTP mode", true, nil, "UALICE", true},
		{"socket mode, user not on the allowlist", false, []string{"UALICE"}, "USTRANGER", false},
		{"HTTP mode, user not on the allowlist", true, []string{"UALICE"}, "USTRANGER", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mod := func(o *Options) { o.AllowedUsers = tt.allow }
			var hs *harness
			base := ""
			if tt.http {
				hs, base = startHTTP(t, mod)
				hs.h.reply = h.reply
			} else {
				hs = startSocket(t, nil, mod)
				hs.h.reply = h.reply
			}
			f := hs.fake
			// The reply with a button, in the mention's thread.
			ev := eventEnv("env-1", "Ev1", mentionEvent("CNEWS", "UALICE", "<@UBOT> timeline brennick", "1700000100.000100"))
			if tt.http {
				b, _ := json.Marshal(ev["payload"])
				if status, body := (signedReq{path: "/slack/events", contentType: "application/json", body: string(b)}).do(t, base); status != 200 {
					t.Fatalf("event: %d %s", status, body)
				}
			} else {
				f.send(ev)
			}
			waitFor(t, "the reply", func() bool { return len(f.delivered("chat.postMessage")) == 1 })
			post := f.delivered("chat.postMessage")[0]
			buttons := actionsOf(t, post.Blocks)
			if len(buttons) != 1 || buttons[0]["action_id"] != ActionIDPrefix+":0" || buttons[0]["value"] != "timeline brennick chart" {
				t.Fatalf("buttons = %v", buttons)
			}
			// The click: the button's message is in the mention's thread.
			payload := buttonPayload("trig-b", "CNEWS", tt.user, buttons[0]["action_id"].(string), buttons[0]["value"].(string), post.TS, post.ThreadTS, f.hookURL("b"))
			for range 2 { // a repeated delivery runs once
				if tt.http {
					b, _ := json.Marshal(payload)
					form := url.Values{"payload": {string(b)}}.Encode()
					if status, body := (signedReq{path: "/slack/interactive", contentType: formType, body: form}).do(t, base); status != 200 {
						t.Fatalf("click: %d %s", status, body)
					}
				} else {
					f.send(interactiveEnv("env-2", payload))
					waitFor(t, "the ack", func() bool { _, ok := f.ackOf("env-2"); return ok })
				}
			}
			if !tt.want {
				waitFor(t, "the refusal", func() bool { return len(f.delivered("chat.postEphemeral")) == 1 })
				if e := f.delivered("chat.postEphemeral")[0]; e.Text != refusalText || e.User != "USTRANGER" {
					t.Errorf("refusal = %+v", e)
				}
				if n := len(hs.h.requests()); n != 1 {
					t.Errorf("%d requests reached the bot, want the mention only", n)
				}
				return
			}
			waitFor(t, "the answer to the click", func() bool { return len(f.delivered("chat.postMessage")) == 2 })
			time.Sleep(20 * time.Millisecond)
			reqs := hs.h.requests()
			want := []bot.Request{
				{Platform: "slack", ChatID: "CNEWS", UserID: "UALICE", Text: "/timeline brennick"},
				{Platform: "slack", ChatID: "CNEWS", UserID: tt.user, Text: "/timeline brennick chart"},
			}
			if diff := cmp.Diff(want, reqs); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			ans := f.delivered("chat.postMessage")[1]
			if ans.Channel != "CNEWS" || ans.ThreadTS != "1700000100.000100" || ans.Text != "Echo: /timeline brennick chart" {
				t.Errorf("answer = %+v", ans)
			}
		})
	}
}

func TestFromButton(t *testing.T) {
	parse := func(p map[string]any) *incoming {
		b, _ := json.Marshal(p)
		a := &Adapter{}
		var ic slackapi.InteractionCallback
		if err := json.Unmarshal(b, &ic); err != nil {
			t.Fatal(err)
		}
		return a.fromInteraction(ic)
	}
	tests := []struct {
		name    string
		payload map[string]any
		want    *incoming // nil: ignored
	}{
		{"top-level message: its thread", buttonPayload("t1", "CNEWS", "UALICE", "briefbot_cmd:2", "timeline  brennick", "1700000001.000100", "", "http://h/1"),
			&incoming{kind: "button", keys: []string{"trigger:t1", "action:CNEWS/1700000999.t1"}, channel: "CNEWS", user: "UALICE", text: "/timeline brennick", threadTS: "1700000001.000100", responseURL: "http://h/1"}},
		{"message in a thread: that thread", buttonPayload("t2", "CNEWS", "UALICE", "briefbot_cmd", "/who Brennick", "1700000001.000300", "1700000001.000100", ""),
			&incoming{kind: "button", keys: []string{"trigger:t2", "action:CNEWS/1700000999.t2"}, channel: "CNEWS", user: "UALICE", text: "/who Brennick", threadTS: "1700000001.000100"}},
		{"another app's button", buttonPayload("t3", "CNEWS", "UALICE", "approve", "yes", "1700000001.000100", "", ""), nil},
		{"empty value", buttonPayload("t4", "CNEWS", "UALICE", "briefbot_cmd:0", "  ", "1700000001.000100", "", ""), nil},
		{"value too long", buttonPayload("t5", "CNEWS", "UALICE", "briefbot_cmd:0", "timeline "+strings.Repeat("x", 2000), "1700000001.000100", "", ""), nil},
		{"no actions", map[string]any{"type": "block_actions", "trigger_id": "t6", "user": map[string]any{"id": "UALICE"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parse(tt.payload)
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(incoming{})); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestButton_RealBot_ChartRoundTrip runs the real bot: an ingested article,
// /timeline with its "Chart" button, a click, and the chart uploaded as a
// PNG into the thread.
func TestButton_RealBot_ChartRoundTrip(t *testing.T) {
	hs := startSocket(t, openBot(t), nil)
	f := hs.fake
	f.send(eventEnv("env-dm", "EvDM", dmEvent("DALICE", "UALICE", testArticle, "1772700000.000100")))
	waitFor(t, "the ingest reply", func() bool { return len(f.delivered("chat.postMessage")) == 1 })

	f.send(slashEnv("env-tl", "trig-tl", "CNEWS", "UALICE", "/timeline", "brennick", f.hookURL("tl")))
	waitFor(t, "the timeline", func() bool { return len(f.delivered("chat.postMessage")) == 2 })
	post := f.delivered("chat.postMessage")[1]
	buttons := actionsOf(t, post.Blocks)
	if len(buttons) != 1 || buttons[0]["value"] != "timeline brennick chart" {
		t.Fatalf("timeline buttons = %v (reply %q)", buttons, post.Text)
	}
	f.send(interactiveEnv("env-click", buttonPayload("trig-click", "CNEWS", "UBOB", buttons[0]["action_id"].(string), buttons[0]["value"].(string), post.TS, "", f.hookURL("c"))))
	waitFor(t, "the chart", func() bool { return len(f.delivered("files.completeUploadExternal")) == 1 })
	up := f.delivered("upload")[0]
	if _, err := png.DecodeConfig(bytes.NewReader(up.Data)); err != nil {
		t.Errorf("uploaded %q is no PNG: %v", up.Filename, err)
	}
	done := f.delivered("files.completeUploadExternal")[0]
	if done.Channel != "CNEWS" || done.ThreadTS != post.TS {
		t.Errorf("chart shared in %s thread %q, want CNEWS thread %q", done.Channel, done.ThreadTS, post.TS)
	}
	if n := len(f.delivered("chat.postMessage")); n != 3 {
		t.Errorf("%d messages, want ingest, timeline, chart reply", n)
	}
}
