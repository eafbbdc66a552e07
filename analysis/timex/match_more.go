package timex

import (
	"fmt"
	"time"
)

// More matchers: parts of the day, weeks and days named by a date, plural
// weekdays, holidays with a computed date.

// matchMore returns the longest candidate of this file's matchers at i
// (one method value instead of several keeps newTagger cheap).
func (tg *tagger) matchMore(i int) *cand {
	t := &tg.toks[i]
	var cs [3]*cand
	switch {
	case t.kind == tNum || t.kind == tOrd:
		cs[0] = tg.matchSecondDay(i)
	case t.l == "the":
		cs[0], cs[1], cs[2] = tg.matchDayPart(i), tg.matchWeekOf(i), tg.matchAhead(i)
	case t.l == "a" || t.l == "as":
		cs[0] = tg.matchAhead(i)
	case units[t.l] != uNone:
		cs[0] = tg.matchUnitLong(i)
	case tg.capital(i):
		cs[0], cs[1], cs[2] = tg.matchWeekdaySet(i), tg.matchMovableFeast(i), tg.matchDayPart(i)
	default:
		cs[0] = tg.matchDayPart(i)
	}
	var best *cand
	for _, c := range cs {
		if c != nil && (best == nil || c.j > best.j) {
			best = c
		}
	}
	return best
}

// dayPartBefore are the words before "the morning" (afternoon, evening,
// night) that make it the time of day of the story's day.
var dayPartBefore = toSet(`in during by until till through throughout since before after`)

// partMods are the words that narrow a part of the day ("mid-afternoon",
// "early morning") and their TIMEX3 mods.
var partMods = map[string]string{"mid": "MID", "early": "START", "late": "END"}

// oneWordParts are parts of the day written as one word with their mod.
var oneWordParts = map[string][2]string{
	"midmorning": {"MO", "MID"}, "midafternoon": {"AF", "MID"},
}

// storyDay is the day a time of day without a date belongs to: the latest
// day-precision DATE before it in the document, else the DCT.
func (r *rctx) storyDay() point {
	p, _ := r.anchorFor(uDay)
	return p
}

// matchDayPart: "mid-afternoon [yesterday]", "early morning", "in the
// afternoon" (the story's day). "The night of Oct. 23" is left to the date
// alone, as TimeBank marks it.
func (tg *tagger) matchDayPart(i int) *cand {
	w := tg.word(i)
	if w == "the" {
		part, ok := partsOfDay[tg.word(i+1)]
		if !ok || tg.word(i+1) == "overnight" {
			return nil
		}
		if tg.word(i+2) == "of" {
			return nil // "the night of Oct. 23": TimeBank marks the date alone
		}
		if !dayPartBefore[tg.word(i-1)] || !tg.sameSentence(i-1, i+1) {
			return nil
		}
		if nt := tg.tokAt(i + 2); nt != nil && nt.kind == tWord && !isFunctionWord(nt.l) && tg.sameSentence(i, i+2) &&
			dayOff[nt.l] == 0 && nt.l != "today" && weekdays[nt.l] == 0 {
			return nil // "in the morning papers"
		}
		return tg.partCand(i, i+2, part, "")
	}
	if p, ok := oneWordParts[w]; ok {
		return tg.partCand(i, i+1, p[0], p[1])
	}
	mod, ok := partMods[w]
	if !ok {
		return nil
	}
	k := i + 1
	if tg.punct(k, "-") && tg.glued(k) {
		k++
	}
	part, ok := partsOfDay[tg.word(k)]
	if !ok || tg.word(k) == "overnight" || !tg.sameSentence(i, k) {
		return nil
	}
	return tg.partCand(i, k+1, part, mod)
}

// partCand is a part of the day over tokens [i, j), optionally followed by
// the day it belongs to ("mid-afternoon yesterday", "early morning
// Friday"); without one it is the story's day.
func (tg *tagger) partCand(i, j int, part, mod string) *cand {
	var day *cand
	if w := tg.word(j); (dayOff[w] != 0 || w == "today") && tg.sameSentence(i, j) {
		day = tg.matchRelative(j)
	} else if weekdays[w] > 0 && tg.capital(j) && tg.sameSentence(i, j) {
		day = tg.matchWeekday(j)
	}
	if day != nil && (day.i != j || day.typ != Date) {
		day = nil
	}
	if day != nil {
		j = day.j
	}
	return &cand{i: i, j: j, typ: Time, mod: mod, noAnchor: day == nil, res: func(r *rctx) (string, point, bool) {
		p := r.storyDay()
		v := p.String()
		if day != nil {
			var a bool
			v, p, a = day.res(r)
			if v == "" {
				return "", p, a
			}
		}
		return v + "T" + part, p, true
	}}
}

// dayAt2 reads a day-precision date at k: a month and day, a weekday or a
// holiday.
func (tg *tagger) dayAt2(k int) *cand {
	if c := tg.matchDate(k); c != nil {
		return c
	}
	if c := tg.matchWeekday(k); c != nil && c.typ == Date {
		return c
	}
	if w := tg.word(k); w == "today" || w == "yesterday" || w == "tomorrow" {
		return tg.matchRelative(k)
	}
	return tg.matchHoliday(k)
}

// matchWeekOf: "the week of March 6" is the ISO week of that day.
func (tg *tagger) matchWeekOf(i int) *cand {
	if tg.word(i) != "the" || tg.word(i+1) != "week" || tg.word(i+2) != "of" {
		return nil
	}
	inner := tg.dayAt2(i + 3)
	if inner == nil || inner.typ != Date {
		return nil
	}
	res := inner.res
	return &cand{i: i, j: inner.j, typ: Date, res: func(r *rctx) (string, point, bool) {
		v, p, a := res(r)
		if v == "" || p.g != gDay {
			if v != "" {
				return "XXXX-WXX", point{}, true
			}
			return "", p, a
		}
		w := weekPoint(p.time())
		return w.String(), w, a
	}}
}

// matchSecondDay: the second day of "March 6 and 7" ("or", "to",
// "through"), in the first one's month and year.
func (tg *tagger) matchSecondDay(i int) *cand {
	d, ok := tg.dayAt(i)
	if !ok || tg.tokAt(i).kind != tNum && tg.tokAt(i).kind != tOrd {
		return nil
	}
	switch tg.word(i - 1) {
	case "and", "or", "to", "through":
	default:
		return nil
	}
	if w := tg.word(i + 1); w == "percent" || w == "cents" || months[w] > 0 || w == "of" {
		return nil
	}
	if t := tg.tokAt(i + 1); t != nil && t.kind == tNum {
		return nil
	}
	// the first day: "March 6" ending at i-1
	for k := i - 3; k >= i-4 && k >= 0; k-- {
		y, m, d0, next, ok := tg.monthDay(k)
		if !ok || next != i-1 || d0 == 0 || d0 >= d || months[tg.word(k)] == 0 || !tg.sameSentence(k, i) {
			continue
		}
		first := resolveMonthDay(y, m, d0, 0)
		return &cand{i: i, j: i + 1, typ: Date, res: func(r *rctx) (string, point, bool) {
			_, p, a := first(r)
			if p.g != gDay {
				return point{g: gDay, y: unknownYear, m: m, d: d}.String(), point{}, true
			}
			if d > daysIn(p.y, m) {
				return "", point{}, a
			}
			q := point{g: gDay, y: p.y, m: m, d: d}
			return q.String(), q, a
		}}
	}
	return nil
}

// pluralWeekdays are weekdays in the plural, a set ("on Tuesdays").
var pluralWeekdays = map[string]int{
	"mondays": 1, "tuesdays": 2, "wednesdays": 3, "thursdays": 4, "fridays": 5, "saturdays": 6, "sundays": 7,
}

// pluralParts are parts of the day in the plural ("Tuesday nights").
var pluralParts = map[string]string{"mornings": "MO", "afternoons": "AF", "evenings": "EV", "nights": "NI"}

// matchWeekdaySet: "Tuesdays", "Tuesday nights", "weekends" after "on".
func (tg *tagger) matchWeekdaySet(i int) *cand {
	if !tg.capital(i) {
		return nil
	}
	if wd, ok := pluralWeekdays[tg.word(i)]; ok {
		return setCand(i, i+1, fmt.Sprintf("XXXX-WXX-%d", wd))
	}
	if wd := weekdays[tg.word(i)]; wd > 0 {
		if p, ok := pluralParts[tg.word(i+1)]; ok && tg.sameSentence(i, i+1) {
			return setCand(i, i+2, fmt.Sprintf("XXXX-WXX-%dT%s", wd, p))
		}
	}
	return nil
}

// matchUnitLong: "day-long", "decades-long", "a month-long strike",
// "a decades-old feud".
func (tg *tagger) matchUnitLong(i int) *cand {
	u, plural := tg.unitAt(i)
	if u < uHour || u == uWeekend || u == uQuarter || !tg.punct(i+1, "-") || !tg.glued(i+1) || !tg.glued(i+2) {
		return nil
	}
	switch tg.word(i + 2) {
	case "long":
	case "old":
		if !plural {
			return nil // "a year-old child" is an age
		}
	default:
		return nil
	}
	if tg.punct(i-1, "-") && tg.glued(i) {
		return nil // "three-day-long" is matchDuration's
	}
	n := 1
	if plural {
		n = -1
	}
	return durCand(i, i+3, "", durValue(n, u))
}

// easter returns the month and day of Western Easter Sunday in year y
// (the anonymous Gregorian algorithm).
func easter(y int) (m, d int) {
	a, b, c := y%19, y/100, y%100
	dd, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - dd - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	mm := (a + 11*h + 22*l) / 451
	m = (h + l - 7*mm + 114) / 31
	d = (h+l-7*mm+114)%31 + 1
	return m, d
}

// movableFeasts are holidays whose date is computed per year: the offset
// in days from Easter Sunday, or (easter false) a US rule.
var movableFeasts = []struct {
	words  []string
	easter bool
	off    int
}{
	{words: []string{"good", "friday"}, easter: true, off: -2},
	{words: []string{"easter", "sunday"}, easter: true},
	{words: []string{"easter", "monday"}, easter: true, off: 1},
	{words: []string{"easter"}, easter: true},
	{words: []string{"election", "day"}}, // first Tuesday after the first Monday in November
}

// matchMovableFeast: "Easter", "Good Friday", "Election Day".
func (tg *tagger) matchMovableFeast(i int) *cand {
	if !tg.capital(i) {
		return nil
	}
	for _, h := range movableFeasts {
		j, ok := tg.wordsAt(i, h.words)
		if !ok || len(h.words) > 1 && !tg.capital(i+1) {
			continue
		}
		if len(h.words) == 1 && (tg.capital(j) && tg.sameSentence(i, j) || tg.word(j) == "week") {
			return nil // "Easter Island", "Easter week"
		}
		h := h
		date := func(y int) time.Time {
			if h.easter {
				m, d := easter(y)
				return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).AddDate(0, 0, h.off)
			}
			return time.Date(y, 11, nthWeekday(y, 11, 1, 1)+1, 0, 0, 0, 0, time.UTC)
		}
		return &cand{i: i, j: j, typ: Date, res: func(r *rctx) (string, point, bool) {
			if !r.hasDCT {
				return "XXXX-XX-XX", point{}, true
			}
			approx := date(r.dct.y)
			y := r.yearFor(int(approx.Month()), approx.Day(), 0)
			p := dayPoint(date(y))
			return p.String(), p, true
		}}
	}
	return nil
}

// partOfDayAt reports whether token k is a part of the day ("night").
func (tg *tagger) partOfDayAt(k int) bool {
	_, ok := partsOfDay[tg.word(k)]
	return ok
}

// dayPartAMPM reads "in the morning" (1, like a.m.), "in the afternoon",
// "in the evening" or "at night" (2, like p.m.) after a clock hour at k,
// and returns the index after it.
func (tg *tagger) dayPartAMPM(k int) (ap, next int) {
	switch {
	case tg.word(k) == "in" && tg.word(k+1) == "the":
		switch tg.word(k + 2) {
		case "morning":
			return 1, k + 3
		case "afternoon", "evening":
			return 2, k + 3
		}
	case tg.word(k) == "at" && tg.word(k+1) == "night":
		return 2, k + 2
	}
	return 0, k
}

// matchAhead: "the weeks ahead" is a duration of an unknown count;
// "a later date" and "as soon as possible" point to the future.
func (tg *tagger) matchAhead(i int) *cand {
	switch tg.word(i) {
	case "the":
		if u, plural := tg.unitAt(i + 1); plural && u >= uDay && u != uWeekend && u != uQuarter && tg.word(i+2) == "ahead" {
			return durCand(i, i+3, "", durValue(-1, u))
		}
	case "a":
		if (tg.word(i+1) == "later" || tg.word(i+1) == "future") && tg.word(i+2) == "date" {
			return refCand(i, i+3, "FUTURE_REF")
		}
	case "as":
		if tg.word(i+1) == "soon" && tg.word(i+2) == "as" && tg.word(i+3) == "possible" {
			return refCand(i, i+4, "FUTURE_REF")
		}
	}
	return nil
}
