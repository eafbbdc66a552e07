package telegram

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/bot"
)

// allowPath is one way an update reaches the adapter, for a chat.
type allowPath struct {
	name    string
	private bool // the update comes from a private chat, else a group or channel
	upd     func(chat int64) map[string]any
	// want is the request the Handler gets in an allowed chat (ChatID
	// filled in by the test); nil when the path reaches no handler even
	// there.
	want *bot.Request
}

func allowPaths() []allowPath {
	user := map[string]any{"id": 7001, "is_bot": false, "first_name": "Mira"}
	msg := func(ch map[string]any, extra map[string]any) map[string]any {
		m := map[string]any{"message_id": 40, "from": user, "chat": ch, "date": 1754500000}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	channel := func(id int64) map[string]any {
		return map[string]any{"id": id, "type": "channel", "title": "Quay Notes"}
	}
	return []allowPath{
		{"private command", true, func(c int64) map[string]any {
			return map[string]any{"message": msg(privateChat(c), map[string]any{"text": "/echo hi"})}
		}, &bot.Request{UserID: "7001", Text: "/echo hi"}},
		{"group command", false, func(c int64) map[string]any {
			return map[string]any{"message": msg(groupChat(c), map[string]any{"text": "/echo@" + testUsername + " hi"})}
		}, &bot.Request{UserID: "7001", Text: "/echo@" + testUsername + " hi"}},
		{"anonymous group admin", false, func(c int64) map[string]any {
			m := msg(groupChat(c), map[string]any{"text": "/echo hi", "sender_chat": groupChat(c)})
			delete(m, "from")
			return map[string]any{"message": m}
		}, &bot.Request{UserID: "<chat>", Text: "/echo hi"}},
		{"private article", true, func(c int64) map[string]any {
			return map[string]any{"message": msg(privateChat(c), map[string]any{"text": forwardedArticle})}
		}, &bot.Request{UserID: "7001", Text: forwardedArticle}},
		{"forwarded article", true, func(c int64) map[string]any {
			return map[string]any{"message": msg(privateChat(c), map[string]any{"text": forwardedArticle,
				"forward_origin": map[string]any{"type": "hidden_user", "date": 1754386200, "sender_user_name": "Anon Reader"}})}
		}, &bot.Request{UserID: "7001", Text: forwardedArticle, Forward: &bot.Origin{Name: "Anon Reader", Date: "2025-08-05T09:30:00Z"}}},
		{"photo caption command", true, func(c int64) map[string]any {
			return map[string]any{"message": msg(privateChat(c), map[string]any{"caption": "/echo pic", "photo": []any{}})}
		}, &bot.Request{UserID: "7001", Text: "/echo pic"}},
		{"channel post article", false, func(c int64) map[string]any {
			return map[string]any{"channel_post": map[string]any{"message_id": 41, "chat": channel(c), "sender_chat": channel(c), "date": 1754386200, "text": forwardedArticle}}
		}, &bot.Request{UserID: "<chat>", Text: forwardedArticle, Forward: &bot.Origin{Name: "Quay Notes", Date: "2025-08-05T09:30:00Z"}}},
		{"channel post command without sender", false, func(c int64) map[string]any {
			return map[string]any{"channel_post": map[string]any{"message_id": 42, "chat": channel(c), "date": 1754386200, "text": "/echo chan"}}
		}, &bot.Request{UserID: "", Text: "/echo chan"}},
		{"command button", true, func(c int64) map[string]any {
			return callbackIn("cq-cmd", privateChat(c), 43, "cmd:echo pressed")
		}, &bot.Request{UserID: "7001", Text: "/echo pressed"}},
		{"edited message (not handled)", true, func(c int64) map[string]any {
			return map[string]any{"edited_message": msg(privateChat(c), map[string]any{"text": "/echo edited", "edit_date": 1754500100})}
		}, nil},
		{"edited channel post (not handled)", false, func(c int64) map[string]any {
			return map[string]any{"edited_channel_post": map[string]any{"message_id": 44, "chat": channel(c), "date": 1754386200, "text": "/echo edited"}}
		}, nil},
	}
}

// TestAllowlist_EveryPath: on each path, by long polling and by webhook,
// an update from a chat on the allowlist reaches the Handler with
// Platform, ChatID and UserID set, and one from a chat not on it gets
// nothing handled (a refusal at most).
func TestAllowlist_EveryPath(t *testing.T) {
	allowedChats := []int64{5101, -1001500}
	for _, mode := range []string{"polling", "webhook"} {
		for _, p := range allowPaths() {
			allowed, refused := int64(-1001500), int64(-1001600)
			if p.private {
				allowed, refused = 5101, 5202
			}
			for _, chat := range []int64{allowed, refused} {
				name := mode + "/" + p.name + "/allowed"
				if chat == refused {
					name = mode + "/" + p.name + "/refused"
				}
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					f := newFakeAPI(t)
					h := &fakeHandler{}
					opts := fastOptions(f)
					opts.AllowedChats = allowedChats
					upd := p.upd(chat)
					if mode == "polling" {
						start(t, h, newMemStore(), opts, nil)
						f.push(upd)
						f.waitFor(t, "the update fetched and done", func() bool {
							gu := f.callsOf("getUpdates", false)
							return len(gu) >= 2 && gu[len(gu)-1].Params.Get("offset") != ""
						})
					} else {
						postWebhook(t, f, h, opts, upd)
					}
					time.Sleep(30 * time.Millisecond) // room for a late reply
					reqs := h.requests()
					if chat == refused || p.want == nil {
						if len(reqs) != 0 {
							t.Errorf("handled %+v, want nothing", reqs)
						}
						for _, c := range f.callsOf("sendMessage", false) {
							if txt := c.Params.Get("text"); txt != refusalText {
								t.Errorf("sent %q, want at most a refusal", txt)
							}
						}
						for _, c := range f.callsOf("answerCallbackQuery", false) {
							if txt := c.Params.Get("text"); chat == refused && txt != refusalText {
								t.Errorf("button answered %q, want %q", txt, refusalText)
							}
						}
						return
					}
					want := *p.want
					want.Platform, want.ChatID = "telegram", strconv.FormatInt(allowed, 10)
					if want.UserID == "<chat>" {
						want.UserID = want.ChatID
					}
					if len(reqs) != 1 {
						t.Fatalf("handled %d requests, want 1", len(reqs))
					}
					if diff := cmp.Diff(want, reqs[0]); diff != "" {
						t.Errorf("request (-want +got):\n%s", diff)
					}
				})
			}
		}
	}
}

// postWebhook runs the adapter in webhook mode and posts upd to it with
// the right secret, expecting 200.
func postWebhook(t *testing.T, f *fakeAPI, h Handler, opts Options, upd map[string]any) {
	t.Helper()
	upd["update_id"] = 9001
	if code := startWebhook(t, f, h, opts)(upd); code != http.StatusOK {
		t.Fatalf("webhook answered %d", code)
	}
}

// startWebhook runs the adapter in webhook mode and returns a function
// that posts an update (with its update_id set) to it with the right
// secret and returns the HTTP status.
func startWebhook(t *testing.T, f *fakeAPI, h Handler, opts Options) func(map[string]any) int {
	t.Helper()
	opts.WebhookURL, opts.Listen, opts.Secret = "https://bot.example/hook", "127.0.0.1:0", "hook-secret_9"
	addr := make(chan net.Addr, 1)
	start(t, h, newMemStore(), opts, func(a *Adapter) { a.listening = func(ad net.Addr) { addr <- ad } })
	var base string
	select {
	case ad := <-addr:
		base = "http://" + ad.String() + "/hook"
	case <-time.After(3 * time.Second):
		t.Fatal("webhook server did not start")
	}
	f.waitFor(t, "setWebhook", func() bool { return len(f.callsOf("setWebhook", true)) == 1 })
	return func(upd map[string]any) int {
		t.Helper()
		b, err := json.Marshal(upd)
		if err != nil {
			t.Fatal(err)
		}
		req, err := http.NewRequest(http.MethodPost, base, bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", opts.Secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
}
