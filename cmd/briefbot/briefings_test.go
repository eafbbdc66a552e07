package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/schedule"
)

type recordSender struct {
	mu   sync.Mutex
	sent map[string][]*bot.Reply
}

func (r *recordSender) Send(_ context.Context, chat string, rep *bot.Reply) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent[chat] = append(r.sent[chat], rep)
	return nil
}

// The scheduler's deliver function sends the briefing of what arrived since
// the last one through the platform's sender; a platform not running here
// is a permanent failure for the day.
func TestDeliverBriefing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	var errb bytes.Buffer
	env := &environment{g: &globals{}, stderr: &errb, getenv: func(k string) string {
		return map[string]string{"BRIEFBOT_DB": db}[k]
	}}
	a, err := env.setup(true)
	if err != nil {
		t.Fatal(err)
	}
	defer closeDB(a.lg, a.db)
	ctx := context.Background()
	if err := loadSamples(ctx, a.lg, a.db, a.bot); err != nil {
		t.Fatal(err)
	}
	rec := &recordSender{sent: map[string][]*bot.Reply{}}
	a.senders.set("slack", rec)
	now := time.Now()
	sub := schedule.Subscription{Platform: "slack", ChatID: "C9", At: "08:00", Zone: "Europe/Berlin", Filter: []string{"laskaris"}}
	if err := a.deliverBriefing(ctx, sub, now.Add(-time.Hour), now); err != nil {
		t.Fatal(err)
	}
	got := rec.sent["C9"]
	if len(got) != 1 {
		t.Fatalf("%d replies sent, want 1", len(got))
	}
	r := got[0]
	if !strings.HasPrefix(r.Title, "Daily briefing — ") || !strings.HasSuffix(r.Title, " — laskaris") || len(r.Items) == 0 {
		t.Errorf("briefing = %q, %d items", r.Title, len(r.Items))
	}
	if !strings.Contains(r.Text, "8 new articles") {
		t.Errorf("headline = %q", r.Text)
	}
	// nothing new since then: one line, still delivered
	if err := a.deliverBriefing(ctx, sub, now, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if r := rec.sent["C9"][1]; len(r.Items) != 0 || !strings.HasPrefix(r.Text, "No new articles since") {
		t.Errorf("empty briefing = %+v", r)
	}
	sub.Platform = "telegram"
	if err := a.deliverBriefing(ctx, sub, now, now); err == nil || !schedule.IsPermanent(err) {
		t.Errorf("telegram not running: err = %v, want a permanent error", err)
	}
}
