package timex

import (
	"fmt"
	"strings"
	"time"
)

// Resolution helpers. Every function copes with an unknown DCT by returning
// an underspecified point (y == unknownYear).

// deictic returns the DCT coarsened to u and shifted by n units of u.
func (r *rctx) deictic(n int, u unit) point {
	if !r.hasDCT {
		return point{g: granOf(u), y: unknownYear}
	}
	if u == uDay {
		return shift(r.dct, n, uDay)
	}
	return shift(coarsen(r.dct, u), n, u)
}

// anchorFor returns the anchor of an anaphoric expression counted in units
// of u: the latest earlier DATE fine enough for u, else the DCT.
// fromDCT tells which.
func (r *rctx) anchorFor(u unit) (p point, fromDCT bool) {
	for k := len(r.anchors) - 1; k >= 0; k-- {
		a := r.anchors[k]
		ok := false
		switch u {
		case uDay, uHour, uMinute, uSecond:
			ok = a.g == gDay
		case uWeek, uWeekend:
			ok = a.g == gDay || a.g == gWeek
		case uMonth:
			ok = a.g == gDay || a.g == gMonth
		case uQuarter:
			ok = a.g == gDay || a.g == gMonth || a.g == gQuarter
		case uYear:
			ok = a.g >= gYear
		case uDecade, uCentury:
			ok = a.g >= gYear || a.g == gDecade
		}
		if ok {
			return a, false
		}
	}
	return r.dct, true
}

// anaphoric shifts the anchor for u by n units. The value keeps the
// anchor's granularity when it is between the unit's and a day (a quarter
// shifted by a year stays a quarter); a day anchor shifted by months or
// years gives a month or a year.
func (r *rctx) anaphoric(n int, u unit, keepDay bool) point {
	a, fromDCT := r.anchorFor(u)
	if a.y == unknownYear {
		g := granOf(u)
		if keepDay {
			g = gDay
		}
		return point{g: g, y: unknownYear}
	}
	switch u {
	case uDay:
		return shift(a, n, uDay)
	case uWeek, uWeekend:
		if keepDay && a.g == gDay {
			return shift(a, n, uWeek)
		}
		return shift(coarsen(a, uWeek), n, uWeek)
	case uYear:
		if a.g == gWeek || fromDCT {
			return shift(coarsen(a, uYear), n, uYear)
		}
		return shift(a, n, uYear)
	case uQuarter:
		return shift(coarsen(a, uQuarter), n, uQuarter)
	case uMonth:
		return shift(coarsen(a, uMonth), n, uMonth)
	}
	return shift(coarsen(a, u), n, u)
}

// yearFor chooses the year of a month (and day, when d > 0) given without
// one, as the package documentation describes. wd > 0 prefers a year in
// which the date falls on that ISO weekday.
func (r *rctx) yearFor(m, d, wd int) int {
	if !r.hasDCT {
		return unknownYear
	}
	dctT := r.dct.time()
	type c struct {
		y    int
		diff int // days from the DCT (months when d == 0)
	}
	var cs []c
	for y := r.dct.y - 1; y <= r.dct.y+1; y++ {
		if d > 0 {
			if d > daysIn(y, m) {
				continue
			}
			t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
			if wd > 0 && isoWeekday(t) != wd {
				continue
			}
			cs = append(cs, c{y, int(t.Sub(dctT).Hours() / 24)})
		} else {
			cs = append(cs, c{y, (y*12 + m) - (r.dct.y*12 + r.dct.m)})
		}
	}
	if len(cs) == 0 {
		if wd > 0 {
			return r.yearFor(m, d, 0)
		}
		return r.dct.y
	}
	// the nearest candidate, unless the tense contradicts it by more than
	// thr; then the nearest on the tense's side (with a little slack).
	// slack: how far on the wrong side of the DCT a date may still be
	// read; thr (past) and fthr (future): how far the nearest candidate may
	// contradict the tense before the tense wins
	slack, thr, fthr := 7, 100, 14
	if d == 0 {
		slack, thr, fthr = 0, 3, 0
	}
	best, bd, bdiff := 0, 1<<30, 0
	for _, x := range cs {
		a := x.diff
		if a < 0 {
			a = -a
		}
		if a < bd {
			bd, best, bdiff = a, x.y, x.diff
		}
	}

	if r.strict {
		thr, fthr = slack, slack
	}
	switch {
	case r.tense == "past" && bdiff > thr:
		for _, x := range cs {
			if x.diff <= slack {
				best = x.y // latest
			}
		}
	case r.tense == "future" && bdiff < -fthr:
		for k := len(cs) - 1; k >= 0; k-- {
			if cs[k].diff >= -slack {
				best = cs[k].y // earliest
			}
		}
	}
	return best
}

func daysIn(y, m int) int {
	if m < 1 || m > 12 {
		return 0
	}
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// weekday resolves an ISO weekday wd. how is "last", "next", "this" or ""
// (use the tense).
func (r *rctx) weekday(wd int, how string) point {
	if !r.hasDCT {
		return point{g: gDay, y: unknownYear}
	}
	t := r.dct.time()
	w0 := isoWeekday(t)
	back := (w0 - wd + 7) % 7
	fwd := (wd - w0 + 7) % 7
	var delta int
	switch how {
	case "last":
		if back == 0 {
			back = 7
		}
		delta = -back
	case "next":
		if fwd == 0 {
			fwd = 7
		}
		delta = fwd
	case "this":
		delta = wd - w0
	default:
		if pw := r.sentWeek; pw.g == gWeek && pw.y != unknownYear {
			// "next week, on Wednesday": that week's Wednesday
			return dayPoint(monday(pw.y, pw.sub).AddDate(0, 0, wd-1))
		}
		switch r.tense {
		case "past":
			delta = -back
		case "future":
			delta = fwd
		default:
			if back <= fwd+1 {
				delta = -back
			} else {
				delta = fwd
			}
		}
	}
	return dayPoint(t.AddDate(0, 0, delta))
}

// weekdayValue is the TIMEX3 value of a weekday point.
func weekdayValue(p point, wd int) string {
	if p.y == unknownYear {
		return fmt.Sprintf("XXXX-WXX-%d", wd)
	}
	return p.String()
}

// weekend returns the ISO week whose weekend is meant by "the weekend"
// (how "") or "this/last/next weekend".
func (r *rctx) weekend(how string) point {
	if !r.hasDCT {
		return point{g: gWeek, y: unknownYear}
	}
	t := r.dct.time()
	w0 := isoWeekday(t)
	n := 0
	switch how {
	case "last":
		n = -1
	case "next":
		n = 1
	case "this":
		n = 0
	default:
		switch {
		case w0 >= 6:
			n = 0
		case r.tense == "past" || (r.tense != "future" && w0 <= 2):
			n = -1
		}
	}
	return weekPoint(t.AddDate(0, 0, 7*n))
}

var seasonStart = map[string]int{"SP": 3, "SU": 6, "FA": 9, "WI": 12}

// season resolves a season code; how is "this", "last", "next" or "".
func (r *rctx) season(code, how string) point {
	if !r.hasDCT {
		return point{g: gSeason, y: unknownYear, ssn: code}
	}
	st := seasonStart[code]
	now := r.dct.y*12 + r.dct.m - 1
	idx := func(y int) int { return y*12 + st - 1 } // first month of the season in year y
	y := r.dct.y
	switch how {
	case "this":
		if code == "WI" && r.dct.m <= 2 {
			y--
		}
	case "last":
		for y = r.dct.y + 1; idx(y)+3 > now; y-- {
		}
	case "next":
		for y = r.dct.y - 1; idx(y) <= now; y++ {
		}
	default:
		switch r.tense {
		case "past":
			for y = r.dct.y + 1; idx(y) > now; y-- {
			}
		case "future":
			for y = r.dct.y - 1; idx(y)+3 <= now; y++ {
			}
		default:
			if code == "WI" && r.dct.m <= 2 {
				y--
			}
		}
	}
	return point{g: gSeason, y: y, ssn: code}
}

// quarterFor picks the year of quarter q given without one.
func (r *rctx) quarterFor(q int) point {
	if r.lastQ.g == gQuarter && r.lastQ.sub == q {
		return r.lastQ
	}
	if !r.hasDCT {
		return point{g: gQuarter, y: unknownYear, sub: q}
	}
	// the nearest, unless the tense contradicts it: a past clause takes
	// the latest not after the DCT's quarter ("earnings fell in the first
	// quarter"), a future clause the earliest not before the previous one
	now := r.dct.y*4 + (r.dct.m-1)/3
	best, bd, bdiff := r.dct.y, 1<<30, 0
	for y := r.dct.y - 1; y <= r.dct.y+1; y++ {
		diff := y*4 + q - 1 - now
		a := diff
		if a < 0 {
			a = -a
		}
		if a < bd {
			best, bd, bdiff = y, a, diff
		}
	}
	switch {
	case r.tense == "past" && bdiff > 0:
		best--
	case r.tense == "future" && bdiff < -1:
		best++ // not -1: results of the quarter just ended are "expected"
	}
	return point{g: gQuarter, y: best, sub: q}
}

// nthWeekday returns the day of the nth (n > 0) or last (n < 0) ISO weekday
// wd of month m of year y.
func nthWeekday(y, m, wd, n int) int {
	if n > 0 {
		first := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		off := (wd - isoWeekday(first) + 7) % 7
		return 1 + off + 7*(n-1)
	}
	last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC)
	off := (isoWeekday(last) - wd + 7) % 7
	return last.Day() - off
}

// durValue is the TIMEX3 value of n units (n < 0: an unknown count).
func durValue(n int, u unit) string {
	num := func(k int) string {
		if n < 0 {
			return "X"
		}
		return fmt.Sprint(k)
	}
	switch u {
	case uSecond:
		return "PT" + num(n) + "S"
	case uMinute:
		return "PT" + num(n) + "M"
	case uHour:
		return "PT" + num(n) + "H"
	case uDay:
		return "P" + num(n) + "D"
	case uWeekend:
		return "P" + num(2*n) + "D"
	case uWeek:
		return "P" + num(n) + "W"
	case uMonth:
		return "P" + num(n) + "M"
	case uQuarter:
		return "P" + num(n) + "Q" // as TimeBank writes them ("P2Q", "PXQ")
	case uYear:
		return "P" + num(n) + "Y"
	case uDecade:
		if n < 0 {
			return "PXDE"
		}
		return "P" + num(10*n) + "Y"
	case uCentury:
		if n < 0 {
			return "PXCE"
		}
		return "P" + num(100*n) + "Y"
	}
	return ""
}

// halfMoreValue is the value of n and a half units ("two and a half
// years" is P2Y6M): the half in the next smaller unit where ISO 8601 has
// one, else a decimal ("P2.5W").
func halfMoreValue(n int, u unit) string {
	switch u {
	case uSecond:
		return fmt.Sprintf("PT%d.5S", n)
	case uMinute:
		return fmt.Sprintf("PT%dM30S", n)
	case uHour:
		return fmt.Sprintf("PT%dH30M", n)
	case uDay:
		return fmt.Sprintf("P%dDT12H", n)
	case uMonth:
		return fmt.Sprintf("P%d.5M", n)
	case uQuarter:
		return fmt.Sprintf("P%d.5M", 3*n+1)
	case uYear:
		return fmt.Sprintf("P%dY6M", n)
	}
	v := durValue(n, u)
	return strings.Replace(v, fmt.Sprint(n), fmt.Sprint(n)+".5", 1)
}

// halfValue is the value of half a unit ("half an hour").
func halfValue(u unit) string {
	switch u {
	case uMinute:
		return "PT30S"
	case uHour:
		return "PT30M"
	case uDay:
		return "PT12H"
	case uWeek:
		return "P3.5D"
	case uMonth:
		return "P0.5M"
	case uYear:
		return "P6M"
	case uDecade:
		return "P5Y"
	case uCentury:
		return "P50Y"
	}
	return ""
}
