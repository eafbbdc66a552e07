package schedule

import (
	"fmt"
	"time"
)

// dateLayout is the layout of LastSent.
const dateLayout = "2006-01-02"

// day is a local calendar date, kept as noon UTC so that AddDate is exact.
type day struct{ t time.Time }

func dayOf(t time.Time) day {
	y, m, d := t.Date()
	return day{time.Date(y, m, d, 12, 0, 0, 0, time.UTC)}
}

func parseDay(s string) (day, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return day{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	return dayOf(t), nil
}

func (d day) String() string      { return d.t.Format(dateLayout) }
func (d day) add(n int) day       { return day{d.t.AddDate(0, 0, n)} }
func (d day) after(s string) bool { return s == "" || d.String() > s }

// localInstant returns the instant of wall time hh:mm on date d in loc.
// A wall time that does not exist (skipped by a spring-forward change)
// gives the first instant after it, the moment of the change; one that
// occurs twice (fall-back) gives the first occurrence.
func localInstant(d day, hh, mm int, loc *time.Location) time.Time {
	y, m, dd := d.t.Date()
	want := time.Date(y, m, dd, hh, mm, 0, 0, time.UTC) // the wall time, as if UTC
	t := time.Date(y, m, dd, hh, mm, 0, 0, loc)
	if wall(t).Equal(want) {
		// Valid. time.Date may have picked the second of two occurrences:
		// try the offset in force before t's zone period began.
		start, _ := t.ZoneBounds()
		if !start.IsZero() {
			_, off := t.Zone()
			_, prev := start.Add(-time.Second).Zone()
			if prev != off {
				cand := want.Add(-time.Duration(prev) * time.Second).In(loc)
				if cand.Before(start) && wall(cand).Equal(want) {
					return cand
				}
			}
		}
		return t
	}
	// A gap: the wall time was skipped. time.Date read it with the offset
	// of one side of the change; the change itself is the answer.
	start, end := t.ZoneBounds()
	if wall(t).After(want) {
		return start
	}
	return end
}

// wall returns t's wall clock in its own location, as if it were UTC.
func wall(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// NextRun returns the first instant strictly after `after` at which s's
// daily time occurs on a local day later than s.LastSent and, when
// s.Changed is set, strictly after s.Changed: when the next briefing is due
// if every delivery succeeds. (The scheduler also sends a briefing whose
// time has just passed on the same local day; NextRun does not look back.)
// Errors: an At that is not "HH:MM", an unknown Zone, a bad LastSent.
func NextRun(s Subscription, after time.Time) (time.Time, error) {
	hh, mm, loc, err := s.parsed()
	if err != nil {
		return time.Time{}, err
	}
	_, at := nextRun(s, hh, mm, loc, after, s.LastSent)
	return at, nil
}

// parsed checks and parses At, Zone and LastSent.
func (s Subscription) parsed() (hh, mm int, loc *time.Location, err error) {
	return s.parsedWith(nil)
}

// zoneCache keeps loaded zones (time.LoadLocation reads a file each time).
// A nil zoneCache loads every time; unknown names are cached as nil.
type zoneCache map[string]*time.Location

func (z zoneCache) load(name string) (*time.Location, error) {
	if loc, ok := z[name]; ok {
		if loc == nil {
			return nil, fmt.Errorf("%q is not a time zone", name)
		}
		return loc, nil
	}
	loc, err := LoadZone(name)
	if z != nil {
		z[name] = loc // nil when unknown
	}
	return loc, err
}

// parsedWith is parsed, loading the zone through zones.
func (s Subscription) parsedWith(zones zoneCache) (hh, mm int, loc *time.Location, err error) {
	if hh, mm, err = clockOf(s.At); err != nil {
		return 0, 0, nil, err
	}
	if loc, err = zones.load(s.Zone); err != nil {
		return 0, 0, nil, fmt.Errorf("zone %q: unknown time zone", s.Zone)
	}
	if s.LastSent != "" {
		if _, err = parseDay(s.LastSent); err != nil {
			return 0, 0, nil, fmt.Errorf("last sent: %w", err)
		}
	}
	return hh, mm, loc, nil
}

// nextRun is NextRun with the parts parsed and lastSent possibly later than
// s.LastSent (sent but not yet stored). It returns the local day and instant.
func nextRun(s Subscription, hh, mm int, loc *time.Location, after time.Time, lastSent string) (day, time.Time) {
	// Start the search at the latest of the day before after's, the day
	// after lastSent and the day before Changed's, so that it ends within
	// a few days.
	d := dayOf(after.In(loc)).add(-1)
	if ls, err := parseDay(lastSent); err == nil && !d.after(lastSent) {
		d = ls.add(1)
	}
	if !s.Changed.IsZero() {
		if c := dayOf(s.Changed.In(loc)).add(-1); c.t.After(d.t) {
			d = c
		}
	}
	var r time.Time
	for range 8 {
		r = localInstant(d, hh, mm, loc)
		if r.After(after) && d.after(lastSent) && (s.Changed.IsZero() || r.After(s.Changed)) {
			break
		}
		d = d.add(1)
	}
	return d, r
}

// plan returns the local day whose briefing s is owed next and its instant,
// which is at or before now when the briefing is due now: today's time has
// passed and today's briefing is owed and not sent.
func plan(s Subscription, hh, mm int, loc *time.Location, now time.Time, lastSent string) (day, time.Time) {
	today := dayOf(now.In(loc))
	r := localInstant(today, hh, mm, loc)
	if !r.After(now) && today.after(lastSent) && (s.Changed.IsZero() || r.After(s.Changed)) {
		return today, r
	}
	return nextRun(s, hh, mm, loc, now, lastSent)
}
