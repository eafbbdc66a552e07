package schedule

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestStore_RoundTrip(t *testing.T) {
	ctx := context.Background()
	for _, backend := range []string{"mem", "bbolt"} {
		t.Run(backend, func(t *testing.T) {
			var st Store = newMemStore()
			if backend == "bbolt" {
				st = mustOpen(t)
			}
			berlin := mustZone(t, "Europe/Berlin")
			a := Subscription{Platform: "telegram", ChatID: "-100123", At: "08:00", Zone: "Europe/Berlin",
				Filter: []string{"Anna Kowalski", "varga"}, LastSent: "2026-03-29",
				LastAt:  time.Date(2026, 3, 29, 8, 0, 1, 500, berlin),
				Changed: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
			b := Subscription{Platform: "slack", ChatID: "C0123:x", At: "23:59", Zone: "UTC"}
			for _, s := range []Subscription{a, b} {
				if err := Save(ctx, st, s); err != nil {
					t.Fatal(err)
				}
			}
			got, ok, err := Load(ctx, st, "telegram", "-100123")
			if err != nil || !ok {
				t.Fatalf("Load = %v, %v", ok, err)
			}
			if diff := cmp.Diff(a, got, timeEqual); diff != "" {
				t.Errorf("Load (-want +got):\n%s", diff)
			}
			if _, ok, err := Load(ctx, st, "telegram", "nobody"); ok || err != nil {
				t.Errorf("Load of an absent chat = %v, %v", ok, err)
			}
			all, err := List(ctx, st)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]Subscription{b, a}, all, timeEqual); diff != "" {
				t.Errorf("List (-want +got):\n%s", diff)
			}
			if existed, err := Delete(ctx, st, "slack", "C0123:x"); !existed || err != nil {
				t.Errorf("Delete = %v, %v", existed, err)
			}
			if existed, err := Delete(ctx, st, "slack", "C0123:x"); existed || err != nil {
				t.Errorf("second Delete = %v, %v", existed, err)
			}
			if all, _ := List(ctx, st); len(all) != 1 {
				t.Errorf("List after Delete: %d", len(all))
			}
		})
	}
}

var timeEqual = cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })

func TestSave_Invalid(t *testing.T) {
	ctx := context.Background()
	st := newMemStore()
	for _, s := range []Subscription{
		{Platform: "", ChatID: "c", At: "08:00", Zone: "UTC"},
		{Platform: "a:b", ChatID: "c", At: "08:00", Zone: "UTC"},
		{Platform: "console", ChatID: "", At: "08:00", Zone: "UTC"},
		{Platform: "console", ChatID: "c", At: "8am", Zone: "UTC"},
		{Platform: "console", ChatID: "c", At: "08:00", Zone: "Mars/Base"},
		{Platform: "console", ChatID: "c", At: "08:00", Zone: "UTC", LastSent: "29/03/2026"},
	} {
		if err := Save(ctx, st, s); err == nil {
			t.Errorf("Save(%+v) = nil error", s)
		}
	}
	if len(st.m) != 0 {
		t.Errorf("invalid subscriptions were stored: %v", st.m)
	}
}

func TestStore_Errors(t *testing.T) {
	ctx := context.Background()
	st := newMemStore()
	st.failGet = errors.New("disk on fire")
	if _, _, err := Load(ctx, st, "console", "c"); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("Load error = %v", err)
	}
	if _, err := List(ctx, st); err == nil || errors.Is(err, ErrBadRecord) {
		t.Errorf("List error = %v, want the store's", err)
	}
}

// Subscribe keeps the last delivery and sets Changed only when the time or
// zone change.
func TestSubscribe_CarriesOver(t *testing.T) {
	ctx := context.Background()
	st := newMemStore()
	t0 := time.Date(2026, 6, 1, 6, 0, 0, 0, time.UTC)
	t1 := t0.Add(3 * time.Hour)
	s := Subscription{Platform: "console", ChatID: "c", At: "08:00", Zone: "UTC"}
	got, err := Subscribe(ctx, st, s, t0)
	if err != nil || !got.Changed.Equal(t0) || got.LastSent != "" {
		t.Fatalf("first Subscribe = %+v, %v", got, err)
	}
	sent := got
	sent.LastSent, sent.LastAt = "2026-06-01", t0.Add(2*time.Hour)
	if err := Save(ctx, st, sent); err != nil {
		t.Fatal(err)
	}
	// Same time, new filter: Changed stays, so nothing owed is dropped.
	s.Filter = []string{"varga"}
	got, err = Subscribe(ctx, st, s, t1)
	if err != nil || !got.Changed.Equal(t0) || got.LastSent != "2026-06-01" || !got.LastAt.Equal(sent.LastAt) {
		t.Errorf("Subscribe with a new filter = %+v, %v", got, err)
	}
	// New time: Changed moves, the last delivery stays.
	s.At = "20:00"
	got, err = Subscribe(ctx, st, s, t1)
	if err != nil || !got.Changed.Equal(t1) || got.LastSent != "2026-06-01" {
		t.Errorf("Subscribe with a new time = %+v, %v", got, err)
	}
	if stored, _, _ := Load(ctx, st, "console", "c"); !cmp.Equal(stored, got, timeEqual) {
		t.Errorf("stored %+v, returned %+v", stored, got)
	}
	// A bad stored record is replaced, not an obstacle.
	_ = st.PutState(ctx, Bucket, "console:bad", []byte("{"))
	if _, err := Subscribe(ctx, st, Subscription{Platform: "console", ChatID: "bad", At: "08:00", Zone: "UTC"}, t1); err != nil {
		t.Errorf("Subscribe over a bad record: %v", err)
	}
}

func TestDescribe(t *testing.T) {
	now := time.Date(2025, 11, 23, 12, 0, 0, 0, time.UTC) // a Sunday
	tests := []struct {
		s    Subscription
		want string
	}{
		{
			Subscription{At: "08:00", Zone: "Europe/Berlin", Filter: []string{"kowalski", "varga"}, LastSent: "2025-11-23"},
			"Daily briefing at 08:00 Europe/Berlin (next: Mon 24 Nov 08:00 CET), limited to: kowalski, varga",
		},
		{
			Subscription{At: "18:30", Zone: "Asia/Kolkata"},
			"Daily briefing at 18:30 Asia/Kolkata (next: Sun 23 Nov 18:30 IST)",
		},
		{
			Subscription{At: "08:00", Zone: "UTC", Changed: now.Add(-24 * time.Hour)},
			"Daily briefing at 08:00 UTC (next: now)",
		},
		{
			Subscription{At: "08:00", Zone: "UTC", LastSent: "2025-11-23"},
			"Daily briefing at 08:00 UTC (next: Mon 24 Nov 08:00 UTC)",
		},
		{
			Subscription{At: "08:00", Zone: "Mars/Base"},
			"Daily briefing at 08:00 Mars/Base",
		},
	}
	for _, tt := range tests {
		if got := Describe(tt.s, now); got != tt.want {
			t.Errorf("Describe(%+v)\n got %q\nwant %q", tt.s, got, tt.want)
		}
	}
}
