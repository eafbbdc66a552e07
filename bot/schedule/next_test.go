package schedule

import (
	"fmt"
	"testing"
	"time"
)

func mustZone(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return loc
}

// utc parses "2006-01-02 15:04" as UTC.
func utc(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func TestNextRun(t *testing.T) {
	// 2026 changes: Berlin Mar 29 02:00→03:00 and Oct 25 03:00→02:00 (01:00Z);
	// New York Mar 8 02:00→03:00 (07:00Z) and Nov 1 02:00→01:00 (06:00Z);
	// Sydney Apr 5 03:00→02:00 (Apr 4 16:00Z) and Oct 4 02:00→03:00
	// (Oct 3 16:00Z); Lord Howe Oct 4 02:00→02:30.
	tests := []struct {
		name     string
		at, zone string
		lastSent string
		changed  string // UTC "2006-01-02 15:04" or ""
		after    string // UTC
		want     string // UTC
	}{
		{"berlin plain", "08:00", "Europe/Berlin", "", "", "2026-03-27 09:00", "2026-03-28 07:00"},
		{"berlin day of change", "08:00", "Europe/Berlin", "", "", "2026-03-28 09:00", "2026-03-29 06:00"},
		{"berlin same day later", "08:00", "Europe/Berlin", "", "", "2026-03-28 06:59", "2026-03-28 07:00"},
		{"strictly after", "08:00", "Europe/Berlin", "", "", "2026-03-28 07:00", "2026-03-29 06:00"},
		{"berlin gap start", "02:00", "Europe/Berlin", "", "", "2026-03-28 23:00", "2026-03-29 01:00"},
		{"berlin gap middle", "02:30", "Europe/Berlin", "", "", "2026-03-28 23:00", "2026-03-29 01:00"},
		{"berlin gap end", "02:59", "Europe/Berlin", "", "", "2026-03-28 23:00", "2026-03-29 01:00"},
		{"berlin after gap", "03:00", "Europe/Berlin", "", "", "2026-03-28 23:00", "2026-03-29 01:00"},
		{"berlin gap next day normal", "02:30", "Europe/Berlin", "2026-03-29", "", "2026-03-29 01:00", "2026-03-30 00:30"},
		{"berlin overlap first", "02:30", "Europe/Berlin", "", "", "2026-10-24 12:00", "2026-10-25 00:30"},
		{"berlin overlap once", "02:30", "Europe/Berlin", "2026-10-25", "", "2026-10-25 00:30", "2026-10-26 01:30"},
		{"berlin overlap strict", "02:30", "Europe/Berlin", "2026-10-24", "", "2026-10-25 00:30", "2026-10-26 01:30"},
		{"berlin overlap before", "02:00", "Europe/Berlin", "", "", "2026-10-24 12:00", "2026-10-25 00:00"},
		{"berlin after overlap", "03:00", "Europe/Berlin", "", "", "2026-10-24 12:00", "2026-10-25 02:00"},
		{"new york gap", "02:30", "America/New_York", "", "", "2026-03-08 00:00", "2026-03-08 07:00"},
		{"new york overlap", "01:30", "America/New_York", "", "", "2026-10-31 12:00", "2026-11-01 05:30"},
		{"new york overlap once", "01:30", "America/New_York", "2026-11-01", "", "2026-11-01 05:30", "2026-11-02 06:30"},
		{"new york morning after fall back", "08:00", "America/New_York", "", "", "2026-11-01 00:00", "2026-11-01 13:00"},
		{"kolkata", "08:00", "Asia/Kolkata", "", "", "2026-03-28 00:00", "2026-03-28 02:30"},
		{"kolkata late", "23:45", "Asia/Kolkata", "", "", "2026-03-28 18:14", "2026-03-28 18:15"},
		{"sydney gap", "02:30", "Australia/Sydney", "", "", "2026-10-03 12:00", "2026-10-03 16:00"},
		{"sydney overlap", "02:30", "Australia/Sydney", "", "", "2026-04-04 12:00", "2026-04-04 15:30"},
		{"lord howe half-hour gap", "02:15", "Australia/Lord_Howe", "", "", "2026-10-03 12:00", "2026-10-03 15:30"},
		{"midnight", "00:00", "Europe/Berlin", "", "", "2026-01-10 22:59", "2026-01-10 23:00"},
		{"utc", "00:00", "UTC", "", "", "2026-01-10 23:59", "2026-01-11 00:00"},
		{"last sent in the future", "08:00", "Europe/Berlin", "2026-03-30", "", "2026-03-29 10:00", "2026-03-31 06:00"},
		{"changed after today's time", "08:00", "Europe/Berlin", "", "2026-03-28 08:00", "2026-03-28 06:00", "2026-03-29 06:00"},
		{"changed before today's time", "08:00", "Europe/Berlin", "", "2026-03-28 06:00", "2026-03-28 06:00", "2026-03-28 07:00"},
		{"changed far ahead", "08:00", "Europe/Berlin", "", "2027-01-05 12:00", "2026-03-28 06:00", "2027-01-06 07:00"},
		{"year end", "08:00", "Asia/Kolkata", "2026-12-31", "", "2026-12-31 03:00", "2027-01-01 02:30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Subscription{Platform: "console", ChatID: "c", At: tt.at, Zone: tt.zone, LastSent: tt.lastSent}
			if tt.changed != "" {
				s.Changed = utc(t, tt.changed)
			}
			got, err := NextRun(s, utc(t, tt.after))
			if err != nil {
				t.Fatal(err)
			}
			if want := utc(t, tt.want); !got.Equal(want) {
				t.Errorf("NextRun(%s %s, after %s) = %s, want %s", tt.at, tt.zone, tt.after,
					got.UTC().Format(time.DateTime), want.Format(time.DateTime))
			}
		})
	}
}

func TestNextRun_Errors(t *testing.T) {
	for _, s := range []Subscription{
		{At: "8:00", Zone: "UTC"},
		{At: "24:00", Zone: "UTC"},
		{At: "08:00", Zone: "Mars/Base"},
		{At: "08:00", Zone: ""},
		{At: "08:00", Zone: "UTC", LastSent: "yesterday"},
	} {
		if _, err := NextRun(s, time.Now()); err == nil {
			t.Errorf("NextRun(%+v) = nil error", s)
		}
	}
}

// TestLocalInstant_Brute checks localInstant for every day of 2026 in zones
// with and without changes: the wall time itself when it exists, and on the
// days around a change the first instant whose wall time is at or after the
// wanted one, found by stepping through the day in 15-minute steps.
func TestLocalInstant_Brute(t *testing.T) {
	zones := []string{"Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney",
		"Australia/Lord_Howe", "America/Santiago", "Asia/Tehran", "Pacific/Chatham", "UTC"}
	clocks := [][2]int{{0, 0}, {0, 30}, {1, 0}, {1, 30}, {2, 0}, {2, 15}, {2, 30}, {2, 45}, {3, 0}, {8, 0}, {23, 45}}
	for _, zn := range zones {
		loc := mustZone(t, zn)
		t.Run(zn, func(t *testing.T) {
			d0 := dayOf(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
			for i := range 365 {
				d := d0.add(i)
				y, m, dd := d.t.Date()
				_, o1 := time.Date(y, m, dd, 0, 0, 0, 0, loc).Add(-24 * time.Hour).Zone()
				_, o2 := time.Date(y, m, dd, 0, 0, 0, 0, loc).Add(48 * time.Hour).Zone()
				nearChange := o1 != o2
				for _, c := range clocks {
					got := localInstant(d, c[0], c[1], loc)
					want := time.Date(y, m, dd, c[0], c[1], 0, 0, time.UTC)
					if !nearChange {
						if !wall(got).Equal(want) {
							t.Fatalf("%s %02d:%02d: got %s", d, c[0], c[1], got)
						}
						continue
					}
					// The first instant (on a 15-minute grid, which all
					// these zones' changes are on) whose wall time is ≥ want.
					u := want.Add(-16 * time.Hour)
					for wall(u.In(loc)).Before(want) {
						u = u.Add(15 * time.Minute)
					}
					if !got.Equal(u) {
						t.Errorf("%s %02d:%02d: got %s, want %s", d, c[0], c[1], got, u.In(loc))
					}
				}
			}
		})
	}
}

// TestNextRun_OnePerDay follows a year of daily runs, each marked sent, and
// checks that every local day gets exactly one, in order.
func TestNextRun_OnePerDay(t *testing.T) {
	for _, zn := range []string{"Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe"} {
		for _, at := range []string{"00:00", "01:30", "02:30", "08:00", "23:59"} {
			t.Run(fmt.Sprintf("%s %s", zn, at), func(t *testing.T) {
				loc := mustZone(t, zn)
				s := Subscription{Platform: "console", ChatID: "c", At: at, Zone: zn}
				now := time.Date(2026, 1, 1, 0, 0, 0, 0, loc).Add(-time.Minute)
				want := dayOf(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
				for range 365 {
					next, err := NextRun(s, now)
					if err != nil {
						t.Fatal(err)
					}
					if !next.After(now) {
						t.Fatalf("NextRun after %s = %s, not later", now, next)
					}
					if got := dayOf(next.In(loc)); got != want {
						t.Fatalf("run at %s is on %s, want %s", next.In(loc), got, want)
					}
					s.LastSent, now, want = want.String(), next, want.add(1)
				}
			})
		}
	}
}
