package slack

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/bot"
)

// inbound is one way a request reaches the adapter: it makes the Socket
// Mode envelope, or the HTTP request, of a request from user in channel;
// id makes its ids unique.
type inbound struct {
	name string
	env  func(f *fakeSlack, id, channel, user string) map[string]any
	http func(f *fakeSlack, id, channel, user string) signedReq
	text string // what the bot gets
}

func inbounds() []inbound {
	ts := func(id string) string { return "1700000500." + id }
	return []inbound{
		{
			name: "slash command",
			env: func(f *fakeSlack, id, ch, u string) map[string]any {
				return slashEnv("env-"+id, "trig-"+id, ch, u, "/help", "", f.hookURL(id))
			},
			http: func(f *fakeSlack, id, ch, u string) signedReq {
				return signedReq{path: "/slack/commands", contentType: formType, body: slashForm("trig-"+id, ch, u, "/help", "")}
			},
			text: "/help",
		},
		{
			name: "app mention",
			env: func(f *fakeSlack, id, ch, u string) map[string]any {
				return eventEnv("env-"+id, "Ev"+id, mentionEvent(ch, u, "<@UBOT> help", ts(id)))
			},
			text: "/help",
		},
		{
			name: "direct message",
			env: func(f *fakeSlack, id, ch, u string) map[string]any {
				return eventEnv("env-"+id, "Ev"+id, dmEvent(ch, u, "help", ts(id)))
			},
			text: "/help",
		},
		{
			name: "message shortcut",
			env: func(f *fakeSlack, id, ch, u string) map[string]any {
				return interactiveEnv("env-"+id, shortcutPayload("trig-"+id, ch, "newsroom", u, "UNOBODY", "Some text "+id, ts(id), f.hookURL(id)))
			},
		},
		{
			name: "button click",
			env: func(f *fakeSlack, id, ch, u string) map[string]any {
				return interactiveEnv("env-"+id, buttonPayload("trig-"+id, ch, u, ActionIDPrefix+":0", "sources", ts(id), "", f.hookURL(id)))
			},
			text: "/sources",
		},
	}
}

// httpReq turns in's Socket Mode envelope into the HTTP request Slack
// would make instead: the payload of an event as JSON on /slack/events, of
// an interaction as the form field "payload" on /slack/interactive.
func (in inbound) httpReq(t *testing.T, f *fakeSlack, id, ch, u string) signedReq {
	if in.http != nil {
		return in.http(f, id, ch, u)
	}
	env := in.env(f, id, ch, u)
	b, err := json.Marshal(env["payload"])
	if err != nil {
		t.Fatal(err)
	}
	if env["type"] == "interactive" {
		return signedReq{path: "/slack/interactive", contentType: formType, body: url.Values{"payload": {string(b)}}.Encode()}
	}
	return signedReq{path: "/slack/events", contentType: "application/json", body: string(b)}
}

// Every way in (slash commands, mentions, DMs, the message shortcut,
// button clicks; over Socket Mode and over HTTP) goes through the
// allowlist: a request from a channel and a user both unlisted reaches
// the bot on none of them, and one from a listed channel or user reaches
// it with its ChatID, UserID and Platform set. A request without a user
// reaches it on none.
func TestAllowlist_EveryPath(t *testing.T) {
	allow := func(o *Options) {
		o.AllowedChannels = []string{"CALLOWED"}
		o.AllowedUsers = []string{"UALLOWED"}
	}
	cases := []struct {
		name          string
		channel, user string
		pass          bool
	}{
		{"refused", "COTHER", "USTRANGER", false},
		{"refused in a DM", "DSTRANGER", "USTRANGER", false},
		{"listed channel", "CALLOWED", "USTRANGER", true},
		{"listed user", "COTHER", "UALLOWED", true},
		{"listed user in a DM", "DALLOWED", "UALLOWED", true},
		{"no user", "CALLOWED", "", false},
	}
	modes := []struct {
		name  string
		start func(t *testing.T) (*harness, func(t *testing.T, in inbound, id, ch, u string))
	}{
		{"socket mode", func(t *testing.T) (*harness, func(t *testing.T, in inbound, id, ch, u string)) {
			hs := startSocket(t, nil, allow)
			return hs, func(t *testing.T, in inbound, id, ch, u string) {
				hs.fake.send(in.env(hs.fake, id, ch, u))
				waitFor(t, "the ack", func() bool { _, ok := hs.fake.ackOf("env-" + id); return ok })
			}
		}},
		{"http", func(t *testing.T) (*harness, func(t *testing.T, in inbound, id, ch, u string)) {
			hs, base := startHTTP(t, allow)
			return hs, func(t *testing.T, in inbound, id, ch, u string) {
				if status, body := in.httpReq(t, hs.fake, id, ch, u).do(t, base); status != 200 {
					t.Fatalf("%s: %d %s", in.name, status, body)
				}
			}
		}},
	}
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			hs, deliver := mode.start(t)
			n := 0
			for _, in := range inbounds() {
				for _, c := range cases {
					t.Run(in.name+"/"+c.name, func(t *testing.T) {
						n++
						id := fmt.Sprintf("%03d", n)
						before := len(hs.h.requests())
						refusals := strings.Count(hs.logs.String(), "not on the allowlist")
						deliver(t, in, id, c.channel, c.user)
						switch {
						case c.pass:
							waitFor(t, "the request", func() bool { return len(hs.h.requests()) > before })
						case c.user != "":
							waitFor(t, "the refusal", func() bool { return strings.Count(hs.logs.String(), "not on the allowlist") > refusals })
						}
						time.Sleep(20 * time.Millisecond) // room for a wrong request
						got := hs.h.requests()[before:]
						if !c.pass {
							if len(got) != 0 {
								t.Fatalf("refused request reached the bot: %+v", got)
							}
							return
						}
						if len(got) != 1 {
							t.Fatalf("%d requests reached the bot, want 1: %+v", len(got), got)
						}
						want := bot.Request{Platform: "slack", ChatID: c.channel, UserID: c.user, Text: in.text}
						if in.text == "" { // the shortcut ingests the message
							want.Text, want.Forward = got[0].Text, got[0].Forward
						}
						if diff := cmp.Diff(want, got[0]); diff != "" {
							t.Errorf("request (-want +got):\n%s", diff)
						}
					})
				}
			}
		})
	}
}
