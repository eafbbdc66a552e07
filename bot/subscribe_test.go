package bot

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/storage"
)

// storeSubs is Subscriptions over a schedule.Store, without a running
// scheduler.
type storeSubs struct {
	st  schedule.Store
	now func() time.Time
}

func (s storeSubs) Subscribe(ctx context.Context, sub schedule.Subscription) (schedule.Subscription, error) {
	return schedule.Subscribe(ctx, s.st, sub, s.now())
}

func (s storeSubs) Unsubscribe(ctx context.Context, platform, chat string) (bool, error) {
	return schedule.Delete(ctx, s.st, platform, chat)
}

func (s storeSubs) Current(ctx context.Context, platform, chat string) (schedule.Subscription, bool, error) {
	return schedule.Load(ctx, s.st, platform, chat)
}

func TestSubscribe(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "s.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	b := New(slog.New(slog.NewTextHandler(io.Discard, nil)), db, WithClock(clock), WithSubscriptions(storeSubs{db, clock}))
	ctx := context.Background()
	say := func(platform, chat, text string) *Reply {
		t.Helper()
		r, err := b.Handle(ctx, &Request{Platform: platform, ChatID: chat, UserID: "U1", Text: text})
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		return r
	}
	steps := []struct {
		platform, chat, text string
		wantErr              bool
		want                 string
	}{
		{"slack", "C1", "/subscribe", false, "No daily briefing in this chat"},
		{"slack", "C1", "/subscribe 08:00 Europe/Berlin ostra dam", false, "Daily briefing at 08:00 Europe/Berlin (next: Sun 22 Nov 08:00 CET), limited to: ostra, dam"},
		{"slack", "C1", "/subscribe", false, "Daily briefing at 08:00 Europe/Berlin"},
		{"telegram", "42", "/subscribe", false, "No daily briefing in this chat"},
		{"telegram", "42", "/subscribe 25:00 Europe/Berlin", true, "not a time"},
		{"telegram", "42", "/subscribe 08:00 Mars/Base", true, "Mars/Base"},
		{"cli", "", "/subscribe 08:00 UTC", true, "go to a chat"},
		{"slack", "C1", "/unsubscribe", false, "Stopped"},
		{"slack", "C1", "/unsubscribe", false, "had no daily briefing"},
		{"slack", "C1", "/subscribe", false, "No daily briefing in this chat"},
	}
	for _, s := range steps {
		r := say(s.platform, s.chat, s.text)
		text := r.Title + "\n" + r.Text
		if r.Error != s.wantErr || !strings.Contains(text, s.want) {
			t.Errorf("%s %s %q: error=%v\n%s\nwant error=%v and %q", s.platform, s.chat, s.text, r.Error, text, s.wantErr, s.want)
		}
	}
	subs, err := schedule.List(ctx, db)
	if err != nil || len(subs) != 0 {
		t.Errorf("after unsubscribing: %+v, %v", subs, err)
	}
}

func TestSubscribe_NotEnabled(t *testing.T) {
	b, _ := briefingBot(t)
	r, err := b.Handle(context.Background(), &Request{Platform: "slack", ChatID: "C1", Text: "/subscribe 08:00 UTC"})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Error || !strings.Contains(r.Title, "not enabled") {
		t.Errorf("reply = %+v", r)
	}
}
