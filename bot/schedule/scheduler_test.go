package schedule

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// at returns the instant of wall time hh:mm on the date in zone, for days
// with no clock change (time.Date is then unambiguous).
func at(tb testing.TB, date, hhmm, zone string) time.Time {
	tb.Helper()
	t, err := time.ParseInLocation("2006-01-02 15:04", date+" "+hhmm, mustZone(tb, zone))
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

type want struct {
	Key string
	Day string
	Now time.Time
}

func (w want) String() string {
	return fmt.Sprintf("%s %s %s", w.Key, w.Day, w.Now.UTC().Format(time.DateTime))
}

func gotWants(ds []delivery) []string {
	var out []string
	for _, d := range ds {
		out = append(out, want{d.Key, d.Day, d.Now}.String())
	}
	return out
}

// TestScheduler_Week is the done-when test: a fake clock drives
// nine days (Sat 28 Mar – Sun 5 Apr 2026, which hold Berlin's spring-forward
// on 29 Mar and Sydney's fall-back on 5 Apr) of subscriptions in four zones,
// with a restart in the middle of a day, a delivery that fails three times
// and one that panics. Every chat gets exactly one briefing per local day,
// none is lost, each at the right instant, and each covers the time since
// the one before.
func TestScheduler_Week(t *testing.T) {
	for _, backend := range []string{"mem", "bbolt"} {
		t.Run(backend, func(t *testing.T) {
			var st Store = newMemStore()
			if backend == "bbolt" {
				st = mustOpen(t)
			}
			testWeek(t, st)
		})
	}
}

func testWeek(t *testing.T, st Store) {
	start := time.Date(2026, 3, 28, 0, 0, 0, 0, time.UTC)
	h := newHarness(t, st, start)
	h.subscribe("telegram", "berlin", "08:00", "Europe/Berlin", "kowalski")
	h.subscribe("telegram", "berlin-night", "02:30", "Europe/Berlin")
	h.subscribe("slack", "ny", "07:30", "America/New_York")
	h.subscribe("console", "kolkata", "09:15", "Asia/Kolkata")
	h.subscribe("slack", "sydney", "02:30", "Australia/Sydney")

	h.del.fail = func(s Subscription, now time.Time, attempt int) error {
		switch {
		case s.ChatID == "ny" && now.In(mustZone(t, s.Zone)).Format(dateLayout) == "2026-04-02" && attempt <= 3:
			return errors.New("slack: service unavailable")
		case s.ChatID == "kolkata" && now.In(mustZone(t, s.Zone)).Format(dateLayout) == "2026-03-30" && attempt == 1:
			panic("renderer bug")
		}
		return nil
	}

	h.start()
	// Stop at 07:00 Berlin summer time on Tue 31 Mar, start again at 09:10:
	// Berlin's 08:00 briefing is sent at once on start-up.
	stop := time.Date(2026, 3, 31, 5, 0, 0, 0, time.UTC)
	restart := time.Date(2026, 3, 31, 7, 10, 0, 0, time.UTC)
	h.clk.run(t, stop)
	h.stop()
	h.clk.set(restart)
	h.start()
	end := time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC)
	h.clk.run(t, end)
	h.stop()

	var wants []want
	add := func(key, day string, now time.Time) { wants = append(wants, want{key, day, now}) }
	for _, day := range []string{"2026-03-28", "2026-03-29", "2026-03-30", "2026-03-31", "2026-04-01", "2026-04-02", "2026-04-03", "2026-04-04", "2026-04-05", "2026-04-06"} {
		switch day {
		case "2026-03-29":
			// 02:30 does not exist in Berlin today: the first instant after it, 03:00 CEST.
			add("telegram:berlin-night", day, time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC))
		default:
			add("telegram:berlin-night", day, at(t, day, "02:30", "Europe/Berlin"))
		}
		if day == "2026-03-31" {
			add("telegram:berlin", day, restart) // missed while down, sent on start-up
		} else {
			add("telegram:berlin", day, at(t, day, "08:00", "Europe/Berlin"))
		}
		if day == "2026-04-02" {
			// 07:30 EDT fails, so do the retries 30 s and 1 m later; the
			// one 2 m after that succeeds.
			add("slack:ny", day, at(t, day, "07:30", "America/New_York").Add(3*time.Minute+30*time.Second))
		} else {
			add("slack:ny", day, at(t, day, "07:30", "America/New_York"))
		}
		if day == "2026-03-30" {
			add("console:kolkata", day, at(t, day, "09:15", "Asia/Kolkata").Add(30*time.Second)) // after a panic
		} else {
			add("console:kolkata", day, at(t, day, "09:15", "Asia/Kolkata"))
		}
		switch day {
		case "2026-03-28":
			// Subscribed at 11:00 Sydney time: today's 02:30 is not owed.
		case "2026-04-05":
			// 02:30 happens twice in Sydney today: the first, 02:30 AEDT.
			add("slack:sydney", day, time.Date(2026, 4, 4, 15, 30, 0, 0, time.UTC))
		default:
			add("slack:sydney", day, at(t, day, "02:30", "Australia/Sydney"))
		}
	}
	// Only Sydney's Monday 6 Apr is before the end.
	var wantStr []string
	for _, w := range wants {
		if w.Now.Before(end) {
			wantStr = append(wantStr, w.String())
		}
	}
	wantSorted := sortedStrings(wantStr)
	got := h.del.delivered()
	if diff := cmp.Diff(wantSorted, sortedStrings(gotWants(got))); diff != "" {
		t.Errorf("deliveries (-want +got):\n%s", diff)
	}

	// Each briefing covers the time since the chat's previous one; the
	// first, the 24 hours before it.
	last := map[string]time.Time{}
	for _, d := range got {
		wantSince := d.Now.Add(-24 * time.Hour)
		if l, ok := last[d.Key]; ok {
			wantSince = l
		}
		if !d.Since.Equal(wantSince) {
			t.Errorf("%s %s: since %s, want %s", d.Key, d.Day, d.Since.UTC(), wantSince.UTC())
		}
		last[d.Key] = d.Now
	}

	// The failed attempts: three for New York, one panic for Kolkata.
	var failed []string
	for _, d := range h.del.all() {
		if !d.OK {
			failed = append(failed, want{d.Key, d.Day, d.Now}.String())
		}
	}
	ny := at(t, "2026-04-02", "07:30", "America/New_York")
	wantFailed := []string{
		want{"console:kolkata", "2026-03-30", at(t, "2026-03-30", "09:15", "Asia/Kolkata")}.String(),
		want{"slack:ny", "2026-04-02", ny}.String(),
		want{"slack:ny", "2026-04-02", ny.Add(30 * time.Second)}.String(),
		want{"slack:ny", "2026-04-02", ny.Add(90 * time.Second)}.String(),
	}
	if diff := cmp.Diff(wantFailed, failed); diff != "" {
		t.Errorf("failed attempts (-want +got):\n%s", diff)
	}

	// The store holds each chat's last day and delivery.
	subs, err := List(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range subs {
		l := last[s.Key()]
		loc := mustZone(t, s.Zone)
		if s.LastSent != l.In(loc).Format(dateLayout) || !s.LastAt.Equal(l) {
			t.Errorf("%s stored last sent %s at %s, want %s at %s", s.Key(), s.LastSent, s.LastAt, l.In(loc).Format(dateLayout), l)
		}
	}
	if logs := h.logs.String(); !strings.Contains(logs, "deliver panicked") || !strings.Contains(logs, "will retry") {
		t.Errorf("logs lack the panic or the retry:\n%s", logs)
	}
	if logs := h.logs.String(); strings.Contains(logs, "skipped") {
		t.Errorf("logs report a skipped briefing, want none:\n%s", logs)
	}
}

func sortedStrings(s []string) []string {
	out := append([]string(nil), s...)
	// Sort by the time field, then the whole line.
	sortBy(out, func(x string) string {
		f := strings.Fields(x)
		return f[2] + " " + f[3] + " " + x
	})
	return out
}

func sortBy(s []string, key func(string) string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && key(s[j]) < key(s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
