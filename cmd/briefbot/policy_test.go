package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/feeds"
	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/config"
)

func TestPolicyFrom(t *testing.T) {
	env := map[string]string{
		"SLACK_ALLOWED_CHANNELS": "C1, C2", "SLACK_ALLOWED_USERS": "U9",
		"TELEGRAM_ALLOWED_CHATS": "-100, 0042", "BRIEFBOT_ADMINS": "slack:U1, Telegram:042",
	}
	cfg, err := config.Load("", func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	got := policyFrom(cfg)
	want := bot.Policy{
		Admins:       map[string]bool{"slack:U1": true, "telegram:42": true},
		AllowedChats: map[string][]string{"slack": {"C1", "C2"}, "telegram": {"-100", "42"}},
		AllowedUsers: map[string][]string{"slack": {"U9"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("policyFrom (-want +got):\n%s", diff)
	}
}

// The policy built from the configuration is enforced by the bot and on
// the paths that send unasked: briefings and feed announcements.
func TestPolicy_Wired(t *testing.T) {
	env := map[string]string{
		"BRIEFBOT_DB":            filepath.Join(t.TempDir(), "p.db"),
		"TELEGRAM_ALLOWED_CHATS": "-100",
		"BRIEFBOT_ADMINS":        "telegram:7",
	}
	var errb bytes.Buffer
	e := &environment{g: &globals{}, stderr: &errb, getenv: func(k string) string { return env[k] }}
	a, err := e.setup(false)
	if err != nil {
		t.Fatal(err)
	}
	defer closeDB(a.lg, a.db)
	ctx := context.Background()

	for _, tc := range []struct {
		req   bot.Request
		title string
	}{
		{bot.Request{Platform: "telegram", ChatID: "-100", UserID: "8", Text: "/forget 1"}, "for admins only"},
		{bot.Request{Platform: "telegram", ChatID: "-100", UserID: "8", Text: "/follow https://example.org/rss"}, "for admins only"},
		{bot.Request{Platform: "telegram", ChatID: "-200", UserID: "7", Text: "/help"}, "not allowed"},
		{bot.Request{Platform: "telegram", ChatID: "-100", UserID: "7", Text: "/forget 1"}, "no article #1"},
	} {
		r, err := a.bot.Handle(ctx, &tc.req)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(r.Title, tc.title) {
			t.Errorf("%s from %s/%s: title %q, want %q", tc.req.Text, tc.req.ChatID, tc.req.UserID, r.Title, tc.title)
		}
	}

	rec := &recordSender{sent: map[string][]*bot.Reply{}}
	a.senders.set("telegram", rec)
	now := time.Now()
	sub := schedule.Subscription{Platform: "telegram", ChatID: "-200", At: "08:00", Zone: "UTC"}
	if err := a.deliverBriefing(ctx, sub, now.Add(-time.Hour), now); !schedule.IsPermanent(err) {
		t.Errorf("briefing to a chat off the allowlist: err = %v, want a permanent error", err)
	}
	f := feeds.Feed{URL: "https://example.org/rss", Title: "Example"}
	items := []feeds.Item{{Title: "Envoy returns", URL: "https://example.org/1", ArticleID: 1}}
	for _, chat := range []string{"-200", "-100"} {
		if err := a.announce(ctx, feeds.Subscriber{Platform: "telegram", ChatID: chat, Announce: true}, f, items); err != nil {
			t.Errorf("announce to %s: %v", chat, err)
		}
	}
	if len(rec.sent["-200"]) != 0 {
		t.Errorf("sent to a chat off the allowlist: %+v", rec.sent["-200"])
	}
	if len(rec.sent["-100"]) != 1 {
		t.Errorf("announcement to the listed chat: %d sent, want 1", len(rec.sent["-100"]))
	}
	if !strings.Contains(errb.String(), "not on the allowlist") {
		t.Errorf("refused deliveries not logged: %s", errb.String())
	}
}
