package timex

import (
	"fmt"
	"time"
)

// gran is the granularity of a calendar point.
type gran uint8

const (
	gNone gran = iota
	gCentury
	gDecade
	gYear
	gHalf
	gQuarter
	gSeason
	gMonth
	gWeek
	gDay
)

// point is a calendar point at some granularity. Fields finer than g are
// ignored. y == unknownYear means the year is not known.
type point struct {
	g    gran
	y    int
	sub  int    // half 1-2, quarter 1-4, ISO week 1-53
	m, d int    // month, day
	ssn  string // season code
	cent int    // century (19 for the 1900s) or decade (199 for the 1990s)
}

const unknownYear = -1 << 30

func dayPoint(t time.Time) point {
	return point{g: gDay, y: t.Year(), m: int(t.Month()), d: t.Day()}
}

func (p point) time() time.Time {
	m, d := p.m, p.d
	if m == 0 {
		m = 1
	}
	if d == 0 {
		d = 1
	}
	return time.Date(p.y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

func weekPoint(t time.Time) point {
	y, w := t.ISOWeek()
	return point{g: gWeek, y: y, sub: w}
}

func unknownStr(p point) string {
	switch p.g {
	case gCentury:
		return "XX"
	case gDecade:
		return "XXX"
	case gYear:
		return "XXXX"
	case gHalf:
		return "XXXX-HX"
	case gQuarter:
		if p.sub > 0 {
			return fmt.Sprintf("XXXX-Q%d", p.sub)
		}
		return "XXXX-QX"
	case gSeason:
		return "XXXX-" + p.ssn
	case gMonth:
		if p.m > 0 {
			return fmt.Sprintf("XXXX-%02d", p.m)
		}
		return "XXXX-XX"
	case gWeek:
		return "XXXX-WXX"
	case gDay:
		if p.m > 0 && p.d > 0 {
			return fmt.Sprintf("XXXX-%02d-%02d", p.m, p.d)
		}
		return "XXXX-XX-XX"
	}
	return ""
}

func yearStr(y int) string {
	if y == unknownYear {
		return "XXXX"
	}
	if y < 0 || y > 9999 {
		return "XXXX"
	}
	return fmt.Sprintf("%04d", y)
}

// String is the TIMEX3 value of p.
func (p point) String() string {
	if p.y == unknownYear {
		return unknownStr(p)
	}
	switch p.g {
	case gCentury:
		return fmt.Sprintf("%02d", p.cent)
	case gDecade:
		return fmt.Sprintf("%03d", p.cent)
	case gYear:
		return yearStr(p.y)
	case gHalf:
		return fmt.Sprintf("%s-H%d", yearStr(p.y), p.sub)
	case gQuarter:
		return fmt.Sprintf("%s-Q%d", yearStr(p.y), p.sub)
	case gSeason:
		return yearStr(p.y) + "-" + p.ssn
	case gMonth:
		return fmt.Sprintf("%s-%02d", yearStr(p.y), p.m)
	case gWeek:
		if p.y == unknownYear {
			return "XXXX-WXX"
		}
		return fmt.Sprintf("%s-W%02d", yearStr(p.y), p.sub)
	case gDay:
		return fmt.Sprintf("%s-%02d-%02d", yearStr(p.y), p.m, p.d)
	}
	return ""
}

// monday returns the Monday of ISO week w of year y.
func monday(y, w int) time.Time {
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
	wd := int(jan4.Weekday())
	if wd == 0 {
		wd = 7
	}
	return jan4.AddDate(0, 0, 1-wd+7*(w-1))
}

// shift moves p by n units of u, keeping p's granularity where it is
// coarser than u, and taking u's granularity otherwise.
func shift(p point, n int, u unit) point {
	if p.y == unknownYear {
		if u == uYear {
			return p
		}
		return point{g: granOf(u), y: unknownYear}
	}
	switch u {
	case uDay:
		if p.g == gDay {
			return dayPoint(p.time().AddDate(0, 0, n))
		}
	case uWeek, uWeekend:
		switch p.g {
		case gDay:
			return dayPoint(p.time().AddDate(0, 0, 7*n))
		case gWeek:
			return weekPoint(monday(p.y, p.sub).AddDate(0, 0, 7*n))
		}
	case uMonth:
		switch p.g {
		case gDay:
			t := p.time()
			return point{g: gMonth, y: t.AddDate(0, n, 1-t.Day()).Year(), m: int(t.AddDate(0, n, 1-t.Day()).Month())}
		case gMonth:
			t := time.Date(p.y, time.Month(p.m)+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
			return point{g: gMonth, y: t.Year(), m: int(t.Month())}
		}
	case uQuarter:
		switch p.g {
		case gQuarter:
			q := p.y*4 + p.sub - 1 + n
			return point{g: gQuarter, y: floorDiv(q, 4), sub: q - 4*floorDiv(q, 4) + 1}
		case gMonth, gDay:
			q := p.y*4 + (p.m-1)/3 + n
			return point{g: gQuarter, y: floorDiv(q, 4), sub: q - 4*floorDiv(q, 4) + 1}
		}
	case uYear:
		switch p.g {
		case gDay, gMonth, gQuarter, gHalf, gSeason, gYear:
			p.y += n
			if p.g == gDay {
				return dayPoint(time.Date(p.y, time.Month(p.m), p.d, 0, 0, 0, 0, time.UTC))
			}
			return p
		case gWeek:
			return point{g: gYear, y: p.y + n}
		}
	case uDecade:
		if p.g >= gYear {
			return point{g: gDecade, cent: floorDiv(p.y, 10) + n}
		}
		if p.g == gDecade {
			p.cent += n
			return p
		}
	case uCentury:
		if p.g >= gYear {
			return point{g: gCentury, cent: floorDiv(p.y, 100) + n}
		}
		if p.g == gCentury {
			p.cent += n
			return p
		}
	}
	// coarsen p to u, then shift
	c := coarsen(p, u)
	if c.g != granOf(u) || c == p {
		return point{}
	}
	return shift(c, n, u)
}

// coarsen returns p at the granularity of u (or p when p is already that
// coarse or cannot be coarsened).
func coarsen(p point, u unit) point {
	want := granOf(u)
	if p.g == want {
		return p
	}
	t := p.time()
	switch want {
	case gDay:
		return p // cannot refine
	case gWeek:
		if p.g == gDay {
			return weekPoint(t)
		}
	case gMonth:
		if p.g == gDay || p.g == gWeek {
			if p.g == gWeek {
				t = monday(p.y, p.sub)
			}
			return point{g: gMonth, y: t.Year(), m: int(t.Month())}
		}
	case gQuarter:
		if p.g == gDay || p.g == gMonth {
			return point{g: gQuarter, y: p.y, sub: (p.m-1)/3 + 1}
		}
	case gYear:
		if p.g > gYear {
			return point{g: gYear, y: p.y}
		}
	case gDecade:
		if p.g >= gYear {
			return point{g: gDecade, cent: floorDiv(p.y, 10)}
		}
	case gCentury:
		if p.g >= gYear {
			return point{g: gCentury, cent: floorDiv(p.y, 100)}
		}
	}
	return point{} // incompatible: no value
}

func granOf(u unit) gran {
	switch u {
	case uDay:
		return gDay
	case uWeek, uWeekend:
		return gWeek
	case uMonth:
		return gMonth
	case uQuarter:
		return gQuarter
	case uYear:
		return gYear
	case uDecade:
		return gDecade
	case uCentury:
		return gCentury
	}
	return gNone
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// isoWeekday returns 1 (Monday) … 7 (Sunday).
func isoWeekday(t time.Time) int {
	wd := int(t.Weekday())
	if wd == 0 {
		return 7
	}
	return wd
}
