package analysis

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision is how much of a Date is known.
type Precision uint8

// Precisions, coarsest first.
const (
	NoDate Precision = iota
	Year
	Month
	Day
)

// Date is a calendar date known to a precision: 2025, 2025-08 or 2025-08-06.
// The zero Date means undated.
type Date struct {
	Year  int
	Month int // 0 when Precision < Month
	Day   int // 0 when Precision < Day
	Prec  Precision
}

// DayOf returns the day-precision Date of t (in t's location).
func DayOf(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Prec: Day}
}

// IsZero reports whether d is undated.
func (d Date) IsZero() bool { return d.Prec == NoDate }

// String returns ISO 8601 at the precision known: "2025-08-06", "2025-08",
// "2025", or "" when undated. It is also the date's sortable key.
func (d Date) String() string {
	switch d.Prec {
	case Year:
		return fmt.Sprintf("%04d", d.Year)
	case Month:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case Day:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return ""
}

// Time returns the first instant of d in UTC (zero time when undated).
func (d Date) Time() time.Time {
	switch d.Prec {
	case Year:
		return time.Date(d.Year, 1, 1, 0, 0, 0, 0, time.UTC)
	case Month:
		return time.Date(d.Year, time.Month(d.Month), 1, 0, 0, 0, 0, time.UTC)
	case Day:
		return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

// End returns the first instant after d (zero time when undated).
func (d Date) End() time.Time {
	switch d.Prec {
	case Year:
		return d.Time().AddDate(1, 0, 0)
	case Month:
		return d.Time().AddDate(0, 1, 0)
	case Day:
		return d.Time().AddDate(0, 0, 1)
	}
	return time.Time{}
}

// Contains reports whether e lies within d (a day within its month, say).
func (d Date) Contains(e Date) bool {
	if d.IsZero() || e.IsZero() || e.Prec < d.Prec || d.Year != e.Year {
		return false
	}
	return (d.Prec < Month || d.Month == e.Month) && (d.Prec < Day || d.Day == e.Day)
}

// Compatible reports whether d and e may denote the same time: equal, or one
// contains the other.
func (d Date) Compatible(e Date) bool {
	return d == e || d.Contains(e) || e.Contains(d)
}

// ParseDate reads "2025", "2025-08" or "2025-08-06" (and a TIMEX3 value that
// starts with one of those, such as "2025-08-06T10:00"). It reports false for
// anything else, including TIMEX3 values with unknown parts ("XXXX-08-06").
func ParseDate(s string) (Date, bool) {
	if i := strings.IndexByte(s, 'T'); i >= 0 {
		s = s[:i]
	}
	parts := strings.Split(s, "-")
	if len(parts) == 0 || len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, false
	}
	y, err := strconv.Atoi(parts[0])
	if err != nil || y < 1 {
		return Date{}, false
	}
	d := Date{Year: y, Prec: Year}
	if len(parts) >= 2 {
		if len(parts[1]) != 2 {
			return Date{}, false
		}
		m, err := strconv.Atoi(parts[1])
		if err != nil || m < 1 || m > 12 {
			return Date{}, false
		}
		d.Month, d.Prec = m, Month
	}
	if len(parts) == 3 {
		if len(parts[2]) != 2 {
			return Date{}, false
		}
		dd, err := strconv.Atoi(parts[2])
		if err != nil || dd < 1 || dd > 31 {
			return Date{}, false
		}
		t := time.Date(y, time.Month(d.Month), dd, 0, 0, 0, 0, time.UTC)
		if t.Day() != dd {
			return Date{}, false
		}
		d.Day, d.Prec = dd, Day
	}
	return d, true
}

// ParseUserDate reads a date a user typed: ISO ("2025-08-06", "2025-08",
// "2025"), "6 August 2025", "August 6, 2025", "Aug 2025". It returns a clear
// error for anything else.
func ParseUserDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if d, ok := ParseDate(s); ok {
		return d, nil
	}
	for _, layout := range []string{"2 January 2006", "January 2, 2006", "January 2 2006", "2 Jan 2006", "Jan 2, 2006", "Jan 2 2006", "2006/01/02", "02.01.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return DayOf(t), nil
		}
	}
	for _, layout := range []string{"January 2006", "Jan 2006", "2006/01"} {
		if t, err := time.Parse(layout, s); err == nil {
			return Date{Year: t.Year(), Month: int(t.Month()), Prec: Month}, nil
		}
	}
	return Date{}, fmt.Errorf("%q is not a date I can read: use YYYY-MM-DD, YYYY-MM or YYYY", s)
}
