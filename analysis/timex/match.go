package timex

import (
	"fmt"
	"strings"
)

// matcher proposes a candidate starting at token i, or nil.
type matcher func(i int) *cand

func (tg *tagger) matchers() []matcher {
	return []matcher{tg.matchTime, tg.matchDate, tg.matchWeekday, tg.matchYear, tg.matchQuarter,
		tg.matchRelative, tg.matchDuration, tg.matchSet, tg.matchHoliday, tg.matchNumeric, tg.matchModified, tg.matchMore}
}

// tokAt returns token k or nil.
func (tg *tagger) tokAt(k int) *tok {
	if k < 0 || k >= len(tg.toks) {
		return nil
	}
	return &tg.toks[k]
}

// --- numbers -------------------------------------------------------------

// count reads a count at k: digits, number words ("twenty-four"), "a"/"an"
// when allowA, or a vague count ("several", "a few": n = -1). It returns the
// token index after it.
func (tg *tagger) count(k int, allowA bool) (n, next int, ok bool) {
	t := tg.tokAt(k)
	if t == nil {
		return 0, k, false
	}
	if t.kind == tNum {
		if t.colon || t.decimal || t.plural || t.short || t.n < 0 {
			return 0, k, false
		}
		return t.n, k + 1, true
	}
	if t.kind != tWord {
		return 0, k, false
	}
	w := t.l
	switch w {
	case "a", "an":
		switch tg.word(k + 1) {
		case "few":
			return -1, k + 2, true
		case "couple":
			if tg.word(k+2) == "of" {
				return 2, k + 3, true
			}
			return 2, k + 2, true
		case "dozen":
			return 12, k + 2, true
		case "hundred":
			return 100, k + 2, true
		case "thousand":
			return 1000, k + 2, true
		}
		if allowA {
			return 1, k + 1, true
		}
		return 0, k, false
	case "several", "few", "many", "numerous":
		return -1, k + 1, true
	case "couple":
		if tg.word(k+1) == "of" {
			return 2, k + 2, true
		}
	}
	v, found := smallNumbers[w]
	if !found {
		return 0, k, false
	}
	next = k + 1
	if v >= 20 && v%10 == 0 && v < 100 {
		j := next
		if tg.punct(j, "-") && tg.glued(j) {
			j++
		}
		if u := smallNumbers[tg.word(j)]; u >= 1 && u <= 9 {
			v += u
			next = j + 1
		}
	}
	switch tg.word(next) {
	case "hundred":
		v *= 100
		next++
	case "thousand":
		v *= 1000
		next++
	}
	return v, next, true
}

// unitAt reads a unit word at k.
func (tg *tagger) unitAt(k int) (u unit, plural bool) {
	w := tg.word(k)
	u = units[w]
	if u == uNone {
		return uNone, false
	}
	return u, strings.HasSuffix(w, "s") && w != "hrs" || w == "centuries"
}

// ordAt reads an ordinal (word or "3rd") at k.
func (tg *tagger) ordAt(k int) (n int, ok bool) {
	t := tg.tokAt(k)
	if t == nil {
		return 0, false
	}
	if t.kind == tOrd {
		return t.n, t.n > 0
	}
	if t.kind == tWord {
		n = ordinals[t.l]
		return n, n > 0
	}
	return 0, false
}

// --- months, days, years -------------------------------------------------

// monthAt reads a capitalized month name at k; it returns the month, the
// index after it (and after an abbreviation's period) and whether it is an
// abbreviation written without a period.
func (tg *tagger) monthAt(k int) (m, next int, bareAbbr bool) {
	w := tg.word(k)
	m = months[w]
	if m == 0 || !tg.capital(k) {
		return 0, k, false
	}
	next = k + 1
	if monthAbbr[w] {
		if tg.punct(next, ".") && tg.glued(next) {
			return m, next + 1, false
		}
		return m, next, true
	}
	return m, next, false
}

// dayAt reads a day of month (digits or "6th") at k.
func (tg *tagger) dayAt(k int) (d int, ok bool) {
	t := tg.tokAt(k)
	if t == nil || (t.kind != tNum && t.kind != tOrd) || t.colon || t.comma || t.decimal || t.plural || t.short {
		return 0, false
	}
	if t.digits > 2 || t.n < 1 || t.n > 31 {
		return 0, false
	}
	if nt := tg.tokAt(k + 1); nt != nil && !nt.sp && (nt.s == "%" || nt.s == "-" && tg.tokAt(k+2) != nil && tg.toks[k+2].kind == tWord) {
		return 0, false
	}
	if u, _ := tg.unitAt(k + 1); u != uNone {
		return 0, false
	}
	return t.n, true
}

// yearAt reads a four-digit year at k.
func (tg *tagger) yearAt(k int) (y int, ok bool) {
	t := tg.tokAt(k)
	if t == nil || t.kind != tNum || t.comma || t.colon || t.decimal || t.plural || t.short || t.digits != 4 {
		return 0, false
	}
	if t.n < 1000 || t.n > 2999 {
		return 0, false
	}
	if nt := tg.tokAt(k + 1); nt != nil && (nt.s == "%" || nt.l == "percent") {
		return 0, false
	}
	return t.n, true
}

// monthDay reads "August 6[, 2025]", "6 August [2025]", "the 6th of
// August", "August 2025" and "August of 2025" at k. d is 0 for a month and
// y is unknownYear when absent.
func (tg *tagger) monthDay(k int) (y, m, d, next int, ok bool) {
	y = unknownYear
	if m, n, _ := tg.monthAt(k); m > 0 {
		if dd, ok := tg.dayAt(n); ok && tg.sameSentence(k, n) {
			d, next = dd, n+1
			if tg.punct(next, ",") {
				if yy, ok := tg.yearAt(next + 1); ok {
					return yy, m, d, next + 2, true
				}
			} else if yy, ok := tg.yearAt(next); ok {
				return yy, m, d, next + 1, true
			}
			return y, m, d, next, true
		}
		j := n
		if tg.punct(j, ",") || tg.word(j) == "of" {
			j++
		}
		if yy, ok := tg.yearAt(j); ok {
			return yy, m, 0, j + 1, true
		}
		if yy, next, ok := tg.spelledYear(j); ok {
			return yy, m, 0, next, true
		}
		return y, 0, 0, k, false
	}
	// day first
	j := k
	if tg.word(j) == "the" {
		j++
	}
	dd := 0
	if n, ok := tg.ordAt(j); ok && n <= 31 {
		dd = n
	} else if t := tg.tokAt(j); t != nil && t.kind == tNum && j == k {
		dd, _ = tg.dayAtLoose(j)
	}
	if dd == 0 {
		return y, 0, 0, k, false
	}
	j++
	hasOf := false
	if tg.word(j) == "of" {
		j++
		hasOf = true
	}
	mm, n, bare := tg.monthAt(j)
	if mm == 0 || bare || (tg.word(k) == "the" && !hasOf && tg.tokAt(k+1).kind != tOrd) {
		return y, 0, 0, k, false
	}
	if dd > daysIn(2000, mm) {
		return y, 0, 0, k, false
	}
	if tg.punct(n, ",") {
		if yy, ok := tg.yearAt(n + 1); ok {
			return yy, mm, dd, n + 2, true
		}
	} else if yy, ok := tg.yearAt(n); ok {
		return yy, mm, dd, n + 1, true
	}
	return y, mm, dd, n, true
}

// dayAtLoose reads a plain day number 1..31 without looking at what follows.
func (tg *tagger) dayAtLoose(k int) (int, bool) {
	t := tg.tokAt(k)
	if t == nil || t.kind != tNum || t.colon || t.comma || t.decimal || t.plural || t.short || t.digits > 2 || t.n < 1 || t.n > 31 {
		return 0, false
	}
	return t.n, true
}

// monthContext are words before a bare month name that make it a month.
var monthContext = toSet(`in of since until till by early late mid last next this through throughout during
from to before after between and or end beginning start middle for each every that in-between`)

// resolveMonthDay returns a resolver for a month-day(-year) date.
func resolveMonthDay(y, m, d, wd int) func(r *rctx) (string, point, bool) {
	return func(r *rctx) (string, point, bool) {
		anch := false
		yy := y
		if yy == unknownYear {
			yy = r.yearFor(m, d, wd)
			anch = true
		}
		if d > 0 {
			if yy != unknownYear && d > daysIn(yy, m) || d > 31 {
				return "", point{}, false
			}
			p := point{g: gDay, y: yy, m: m, d: d}
			return p.String(), p, anch
		}
		p := point{g: gMonth, y: yy, m: m}
		return p.String(), p, anch
	}
}

// matchDate: "[Friday, ]Aug. 8[, 2025]", "6 August", "August 2025", "in
// August".
func (tg *tagger) matchDate(i int) *cand {
	k, wd := i, 0
	if w := weekdays[tg.word(i)]; w > 0 && tg.capital(i) {
		wd, k = w, i+1
	} else if w := weekdayAbbr[tg.word(i)]; w > 0 && tg.capital(i) {
		wd, k = w, i+1
		if tg.punct(k, ".") {
			k++
		}
	}
	if wd > 0 && tg.punct(k, ",") {
		k++
	}
	if y, m, d, next, ok := tg.monthDay(k); ok {
		if wd > 0 && d == 0 {
			return nil
		}
		c := &cand{i: i, j: next, typ: Date, res: resolveMonthDay(y, m, d, wd)}
		if y == unknownYear {
			tg.withRelYear(c, m, d)
		}
		return c
	}
	if wd > 0 {
		return nil
	}
	// a month alone
	m, next, bare := tg.monthAt(i)
	if m == 0 || bare {
		return nil
	}
	w := tg.word(i)
	if nt := tg.tokAt(next); nt != nil && nt.kind == tWord && tg.capital(next) && tg.sameSentence(i, next) &&
		months[nt.l] == 0 && weekdays[nt.l] == 0 {
		return nil // "April Smith"
	}
	prev := tg.word(i - 1)
	if tg.punct(i-1, "-") && tg.word(i-2) == "mid" {
		prev = "mid"
	}
	if (w == "may" || w == "march") && !monthContext[prev] {
		return nil
	}
	if tg.tokAt(i) != nil && tg.toks[i].s == strings.ToUpper(tg.toks[i].s) && len(tg.toks[i].s) > 1 && !monthContext[prev] {
		return nil // all-caps headline word
	}
	c := &cand{i: i, j: next, typ: Date, res: resolveMonthDay(unknownYear, m, 0, 0)}
	tg.withRelYear(c, m, 0)
	return c
}

// withRelYear extends a month(-day) candidate over a following "this year",
// "last year" or "next year", which then gives its year.
func (tg *tagger) withRelYear(c *cand, m, d int) {
	off, ok := relYear[tg.word(c.j)]
	if !ok || tg.word(c.j+1) != "year" {
		return
	}
	c.j += 2
	c.res = func(r *rctx) (string, point, bool) {
		y := r.deictic(off, uYear).y
		if d > 0 && y != unknownYear && d > daysIn(y, m) {
			return "", point{}, true
		}
		p := point{g: gMonth, y: y, m: m, d: d}
		if d > 0 {
			p.g = gDay
		}
		return p.String(), p, true
	}
}

// matchWeekday: "Wednesday", "Wednesday night".
func (tg *tagger) matchWeekday(i int) *cand {
	wd := weekdays[tg.word(i)]
	if wd == 0 || !tg.capital(i) {
		return nil
	}
	if tg.word(i-1) == "the" && tg.capital(i+1) && tg.sameSentence(i, i+1) && months[tg.word(i+1)] == 0 {
		return nil // a name: "The Sunday Times", "the Monday Club"
	}
	j := i + 1
	part := ""
	if p, ok := partsOfDay[tg.word(j)]; ok && tg.sameSentence(i, j) {
		part = p
		j++
	}
	c := &cand{i: i, j: j, typ: Date}
	if part != "" {
		c.typ = Time
	}
	c.res = func(r *rctx) (string, point, bool) {
		p := r.weekday(wd, "")
		v := weekdayValue(p, wd)
		if part != "" {
			v += "T" + part
		}
		return v, p, true
	}
	return c
}

// yearContext are words before a bare year that make it a year.
var yearContext = toSet(`in since during until till through throughout early late mid fiscal year calendar of before
after by from between spring summer autumn fall winter circa`)

// yearFollow are words after a bare year that suggest a year.
var yearFollow = toSet(`and or when as was were is had has the with after before but compared versus vs that while
which where to through until against because election elections census season`)

// countBefore are words before a number that make it a count.
var countBefore = toSet(`about some nearly than over under approximately roughly almost around only just total
to at of number no`)

// matchYear: "2025", "fiscal 2025", "the 1990s", "the '90s", "the 20th
// century".
func (tg *tagger) matchYear(i int) *cand {
	k := i
	hasThe := tg.word(k) == "the"
	if hasThe {
		k++
	}
	t := tg.tokAt(k)
	if t == nil {
		return nil
	}
	// decades
	if t.kind == tNum && t.plural && t.digits == 4 && t.n%100 == 0 && t.n < 2000 {
		// "the 1800s" is the century
		p := point{g: gCentury, cent: t.n / 100}
		return &cand{i: i, j: k + 1, typ: Date, res: func(*rctx) (string, point, bool) { return p.String(), p, false }}
	}
	if t.kind == tNum && t.plural && (t.digits == 4 && t.n%10 == 0 || t.short && t.n%10 == 0) {
		dec := t.n / 10
		if t.short {
			dec = 190 + t.n/10
			if t.n < 30 {
				dec = 200 + t.n/10
			}
		}
		p := point{g: gDecade, cent: dec}
		return &cand{i: i, j: k + 1, typ: Date, res: func(*rctx) (string, point, bool) { return p.String(), p, false }}
	}
	// "the nineties"
	if hasThe {
		if d, ok := decadeWords[tg.word(k)]; ok {
			p := point{g: gDecade, cent: 190 + d}
			return &cand{i: i, j: k + 1, typ: Date, res: func(*rctx) (string, point, bool) { return p.String(), p, false }}
		}
	}
	// "an 11th century temple"
	if !hasThe && t.kind == tOrd && t.n >= 1 && t.n <= 30 {
		c := k + 1
		if tg.punct(c, "-") && tg.glued(c) && tg.glued(c+1) {
			c++ // "a 19th-century church"
		}
		if tg.word(c) == "century" {
			p := point{g: gCentury, cent: t.n - 1}
			return &cand{i: i, j: c + 1, typ: Date, res: func(*rctx) (string, point, bool) { return p.String(), p, false }}
		}
	}
	// centuries
	if hasThe {
		if n, ok := tg.ordAt(k); ok && tg.word(k+1) == "century" && n >= 1 && n <= 30 {
			p := point{g: gCentury, cent: n - 1}
			return &cand{i: i, j: k + 2, typ: Date, res: func(*rctx) (string, point, bool) { return p.String(), p, false }}
		}
		if tg.word(k) == "year" {
			if y, ok := tg.yearAt(k + 1); ok {
				return yearCand(i, k+2, y)
			}
			if y, j, ok := tg.spelledYear(k + 1); ok {
				return yearCand(i, j, y)
			}
			if n, j, ok := tg.count(k+1, false); ok && n >= 1000 && n <= 2999 {
				return yearCand(i, j, n)
			}
		}
		return nil
	}
	if y, j, ok := tg.spelledYear(i); ok {
		return yearCand(i, j, y)
	}
	if tg.word(i) == "fiscal" {
		j := i + 1
		if tg.word(j) == "year" {
			j++
		}
		if y, ok := tg.yearAt(j); ok {
			return yearCand(i, j+1, y)
		}
		return nil
	}
	y, ok := tg.yearAt(i)
	if !ok {
		return nil
	}
	prev := tg.word(i - 1)
	pt := tg.tokAt(i - 1)
	if pt != nil && (pt.s == "$" || pt.s == "#" || pt.s == "£" || pt.s == "€" || pt.kind == tNum) {
		return nil
	}
	if yearContext[prev] || tg.punct(i-1, "-") && tg.word(i-2) == "mid" {
		return yearCand(i, i+1, y)
	}
	// ranges: "2019-2020", "between 2019 and 2025", "from 2019 to 2025"
	if (tg.punct(i-1, "-") || tg.punct(i-1, "–") || prev == "to" || prev == "and") && i >= 2 {
		if _, ok := tg.yearAt(i - 2); ok {
			return yearCand(i, i+1, y)
		}
	}
	if countBefore[prev] {
		return nil
	}
	nt := tg.tokAt(i + 1)
	if y >= 1900 && y <= 2100 {
		if nt == nil || nt.nl || !tg.sameSentence(i, i+1) {
			return yearCand(i, i+1, y)
		}
		if nt.kind == tPunct && strings.Contains(".,;:)!?\"'”’]", nt.s) {
			return yearCand(i, i+1, y)
		}
		if nt.kind == tPunct && (nt.s == "-" || nt.s == "–") {
			if _, ok := tg.yearAt(i + 2); ok {
				return yearCand(i, i+1, y)
			}
			if t2 := tg.tokAt(i + 2); t2 != nil && t2.kind == tNum && t2.digits == 2 {
				return yearCand(i, i+1, y)
			}
		}
		if yearFollow[tg.word(i+1)] {
			return yearCand(i, i+1, y)
		}
		if y >= 1950 && (prev == "the" || prev == "its" || prev == "his" || prev == "her" || prev == "their" || prev == "our" || prev == "this" || prev == "that") {
			return yearCand(i, i+1, y)
		}
		// "a 1996 law", "the company's 1989 results"
		if y >= 1950 && (prev == "a" || prev == "s" && tg.possessive(i-2)) && nt.kind == tWord &&
			!isFunctionWord(nt.l) && units[nt.l] == uNone {
			return yearCand(i, i+1, y)
		}
	}
	return nil
}

// spelledYear reads "nineteen ninety-six" at k.
func (tg *tagger) spelledYear(k int) (y, next int, ok bool) {
	hi := smallNumbers[tg.word(k)]
	if hi < 11 || hi > 20 || hi == 12 && tg.word(k) == "dozen" {
		return 0, k, false
	}
	lo, j, ok := tg.count(k+1, false)
	if !ok || lo < 10 || lo > 99 || tg.tokAt(k+1).kind != tWord {
		return 0, k, false
	}
	return hi*100 + lo, j, true
}

var decadeWords = map[string]int{"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
	"seventies": 7, "eighties": 8, "nineties": 9}

func yearCand(i, j, y int) *cand {
	p := point{g: gYear, y: y}
	return &cand{i: i, j: j, typ: Date, res: func(*rctx) (string, point, bool) { return p.String(), p, false }}
}

// --- quarters and halves -------------------------------------------------

var quarterDets = map[string]int{
	"latest": 100, "current": 0, "this": 0, "last": -1, "past": -1, "previous": -1, "prior": -1,
	"next": 1, "coming": 1, "same": 100, "recent": 100, "final": 99, "fourth": 99,
}

// matchQuarter: "the third quarter [of 2025]", "third-quarter", "the first
// half", "the latest quarter", "the year-earlier quarter", "Q3 2025".
func (tg *tagger) matchQuarter(i int) *cand {
	k := i
	hasThe := tg.word(k) == "the"
	if hasThe {
		k++
	}
	// "this year's third quarter", "last year's quarter"
	if off, ok := relYear[tg.word(k)]; ok && !hasThe && tg.word(k+1) == "year" && tg.possessive(k+2) {
		return tg.relYearQuarter(i, k+4, off)
	}
	for tg.word(k) == "comparable" || tg.word(k) == "corresponding" || tg.word(k) == "same" && tg.punct(k+2, "-") {
		k++
	}
	if tg.word(k) == "fiscal" {
		k++
	}
	// "the 1988 second quarter"
	if y, ok := tg.yearAt(k); ok && hasThe {
		if n, ok := tg.ordAt(k + 1); ok && n <= 4 && tg.word(k+2) == "quarter" {
			return quarterCand(i, k+3, n, y, gQuarter)
		}
	}
	// Q3
	if tg.word(k) == "q" && tg.capital(k) {
		if t := tg.tokAt(k + 1); t != nil && t.kind == tNum && !t.sp && t.n >= 1 && t.n <= 4 && t.digits == 1 {
			q := t.n
			j := k + 2
			y := unknownYear
			if yy, ok := tg.yearAt(j); ok {
				y, j = yy, j+1
			}
			return quarterCand(i, j, q, y, gQuarter)
		}
	}
	if n, ok := tg.ordAt(k); ok {
		j := k + 1
		adj := false
		if tg.punct(j, "-") && tg.glued(j) {
			j++
			adj = true
		}
		w := tg.word(j)
		g := gQuarter
		switch {
		case w == "quarter" && n <= 4:
		case w == "half" && n <= 2:
			g = gHalf
			if !hasThe && !adj && tg.word(j+1) != "of" {
				return nil
			}
		default:
			return nil
		}
		j++
		y := unknownYear
		if tg.word(j) == "of" || tg.word(j) == "in" {
			jj := j + 1
			if tg.word(jj) == "fiscal" {
				jj++
			}
			if yy, ok := tg.yearAt(jj); ok {
				y, j = yy, jj+1
			} else if tg.word(jj) == "the" && tg.word(jj+1) == "year" && !tg.punct(jj+2, "-") {
				// "the first half of the year": the story's year
				c := quarterCand(i, jj+2, n, unknownYear, g)
				c.res = func(r *rctx) (string, point, bool) {
					a, _ := r.anchorFor(uYear)
					if a.y == unknownYear {
						return point{g: g, y: unknownYear, sub: n}.String(), point{}, true
					}
					q := point{g: g, y: a.y, sub: n}
					return q.String(), q, true
				}
				return c
			} else if off, ok := relYear[tg.word(jj)]; ok && tg.word(jj+1) == "year" {
				c := quarterCand(i, jj+2, n, unknownYear, g)
				c.res = func(r *rctx) (string, point, bool) {
					p := r.deictic(off, uYear)
					if p.y == unknownYear {
						return point{g: g, y: unknownYear, sub: n}.String(), point{}, true
					}
					q := point{g: g, y: p.y, sub: n}
					return q.String(), q, true
				}
				return c
			}
		} else if tg.word(j) == "fiscal" {
			if yy, ok := tg.yearAt(j + 1); ok {
				y, j = yy, j+2
			}
		} else if yy, ok := tg.yearAt(j); ok {
			y, j = yy, j+1
		}
		return quarterCand(i, j, n, y, g)
	}
	// determiners
	det := tg.word(k)
	j := k + 1
	yearAgo := false
	if (det == "year" || det == "prior") && tg.punct(k+1, "-") && (tg.word(k+2) == "earlier" || tg.word(k+2) == "ago" || tg.word(k+2) == "year") {
		yearAgo = true
		j = k + 3
		// "the year-earlier third quarter"
		if n, ok := tg.ordAt(j); ok && n <= 4 && hasThe {
			jj := j + 1
			if tg.punct(jj, "-") && tg.glued(jj) {
				jj++
			}
			if tg.word(jj) == "quarter" {
				return &cand{i: i, j: jj + 1, typ: Date, noAnchor: true, res: func(r *rctx) (string, point, bool) {
					saved := r.tense
					r.tense = "past"
					p := shift(r.quarterFor(n), -1, uYear)
					r.tense = saved
					return p.String(), p, true
				}}
			}
		}
	} else if det == "quarter" && hasThe {
		j = k
		// "the quarter a year ago"
		if tg.word(k+1) == "a" && tg.word(k+2) == "year" && (tg.word(k+3) == "ago" || tg.word(k+3) == "earlier") {
			return &cand{i: i, j: k + 4, typ: Date, noAnchor: true, res: func(r *rctx) (string, point, bool) {
				p := r.lastQ
				if p.g != gQuarter {
					if !r.hasDCT {
						return "XXXX-QX", point{}, true
					}
					p = shift(coarsen(r.dct, uQuarter), -1, uQuarter)
				}
				p = shift(p, -1, uYear)
				return p.String(), p, true
			}}
		}
	} else if _, ok := quarterDets[det]; !ok {
		return nil
	}
	w := tg.word(j)
	if w != "quarter" && !((yearAgo || det == "latest") && w == "period") {
		return nil
	}
	if !hasThe && (det == "latest" || det == "same" || det == "recent" || det == "quarter" || yearAgo) {
		return nil
	}
	if det == "final" || det == "fourth" {
		return nil
	}
	off := quarterDets[det]
	return &cand{i: i, j: j + 1, typ: Date, noAnchor: yearAgo, res: func(r *rctx) (string, point, bool) {
		var p point
		switch {
		case yearAgo || det == "quarter" || off == 100:
			if r.lastQ.g == gQuarter {
				p = r.lastQ
			} else if !r.hasDCT {
				p = point{g: gQuarter, y: unknownYear}
			} else if r.tense != "future" || yearAgo {
				p = shift(coarsen(r.dct, uQuarter), -1, uQuarter)
			} else {
				p = coarsen(r.dct, uQuarter)
			}
			if yearAgo {
				p = shift(p, -1, uYear)
			}
		default:
			p = r.deictic(off, uQuarter)
		}
		if p.g == gNone {
			return "", p, true
		}
		return p.String(), p, true
	}}
}

var relYear = map[string]int{"this": 0, "last": -1, "next": 1}

// possessive reports whether tokens k, k+1 are "'s" (or "’s").
func (tg *tagger) possessive(k int) bool {
	return (tg.punct(k, "'") || tg.punct(k, "’")) && tg.glued(k) && tg.word(k+1) == "s" && tg.glued(k+1)
}

// relYearQuarter reads the quarter after "this year's", "last year's" or
// "next year's" (k is the index after the "'s"): "[fiscal] third
// quarter", "first half", or "quarter" alone (the latest quarter's number).
func (tg *tagger) relYearQuarter(i, k, off int) *cand {
	if tg.word(k) == "fiscal" {
		k++
	}
	n, g := 0, gQuarter
	if o, ok := tg.ordAt(k); ok {
		k++
		if tg.punct(k, "-") && tg.glued(k) {
			k++
		}
		switch {
		case tg.word(k) == "quarter" && o <= 4:
		case tg.word(k) == "half" && o <= 2:
			g = gHalf
		default:
			return nil
		}
		n = o
	} else if tg.word(k) != "quarter" {
		return nil
	}
	return &cand{i: i, j: k + 1, typ: Date, res: func(r *rctx) (string, point, bool) {
		q := n
		if q == 0 {
			if r.lastQ.g != gQuarter {
				return "", point{}, true
			}
			q = r.lastQ.sub
		}
		y := r.deictic(off, uYear).y
		p := point{g: g, y: y, sub: q}
		if y == unknownYear {
			return p.String(), point{}, true
		}
		return p.String(), p, true
	}}
}

func quarterCand(i, j, q, y int, g gran) *cand {
	return &cand{i: i, j: j, typ: Date, res: func(r *rctx) (string, point, bool) {
		if y != unknownYear {
			p := point{g: g, y: y, sub: q}
			return p.String(), p, false
		}
		if g == gHalf {
			if !r.hasDCT {
				return "XXXX-H" + fmt.Sprint(q), point{}, true
			}
			yy := r.dct.y
			h := (r.dct.m-1)/6 + 1
			if r.tense == "past" && q > h {
				yy--
			}
			if r.tense == "future" && q < h {
				yy++
			}
			p := point{g: gHalf, y: yy, sub: q}
			return p.String(), p, true
		}
		p := r.quarterFor(q)
		return p.String(), p, true
	}}
}

// --- relative expressions -------------------------------------------------

// dayOff are the days named relative to the DCT.
var dayOff = map[string]int{"today": 0, "yesterday": -1, "tomorrow": 1}

// edgeMods are the TIMEX3 mods of "the end/start/middle of".
var edgeMods = map[string]string{"end": "END", "close": "END", "beginning": "START", "start": "START", "middle": "MID"}

// howOf names an offset of 0, -1 or 1 for weekday and season resolution.
func howOf(off int) string {
	switch off {
	case -1:
		return "last"
	case 1:
		return "next"
	}
	return "this"
}

// tenseOf is the tense an offset implies ("last Oct. 23" is past).
func tenseOf(off int) string {
	switch {
	case off < 0:
		return "past"
	case off > 0:
		return "future"
	}
	return ""
}

// refWords are single words with a reference value.
var refWords = map[string]string{
	"now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF", "presently": "PRESENT_REF",
	"recently": "PAST_REF", "lately": "PAST_REF",
}

// matchRelative: today, yesterday, last week, two days ago, a day earlier,
// the following week, this summer, the future…
func (tg *tagger) matchRelative(i int) *cand {
	w := tg.word(i)
	if off, ok := dayOff[w]; ok {
		j := i + 1
		part := ""
		if p, ok := partsOfDay[tg.word(j)]; ok {
			part, j = p, j+1
		}
		c := &cand{i: i, j: j, typ: Date}
		if part != "" {
			c.typ = Time
		}
		c.res = func(r *rctx) (string, point, bool) {
			p := r.deictic(off, uDay)
			v := p.String()
			if part != "" {
				v += "T" + part
			}
			return v, p, true
		}
		return c
	}
	if w == "tonight" {
		return &cand{i: i, j: i + 1, typ: Time, res: func(r *rctx) (string, point, bool) {
			p := r.deictic(0, uDay)
			return p.String() + "TNI", p, true
		}}
	}
	if w == "more" && tg.word(i+1) == "recently" {
		return refCand(i, i+2, "PAST_REF")
	}
	if ref, ok := refWords[w]; ok {
		if w == "soon" && (tg.word(i-1) == "as" || tg.word(i+1) == "as" || tg.word(i+1) == "after" || tg.word(i+1) == "before") {
			return nil
		}
		if w == "now" && tg.punct(i+1, "-") && tg.glued(i+1) {
			return nil
		}
		j := i + 1
		return refCand(i, j, ref)
	}
	if w == "at" && tg.word(i+1) == "present" {
		return refCand(i, i+2, "PRESENT_REF")
	}
	if w == "these" && tg.word(i+1) == "days" {
		return refCand(i, i+2, "PRESENT_REF")
	}
	if w == "recent" {
		if u, pl := tg.unitAt(i + 1); pl && u >= uDay && u <= uDecade {
			return refCand(i, i+2, "PAST_REF")
		}
		return nil
	}
	if w == "current" && tg.adjectiveAt(i) {
		return refCand(i, i+1, "PRESENT_REF") // "its current position"
	}
	if w == "the" {
		switch tg.word(i + 1) {
		case "future":
			return refCand(i, i+2, "FUTURE_REF")
		case "past":
			if _, _, ok := tg.count(i+2, false); ok {
				return nil
			}
			if u, _ := tg.unitAt(i + 2); u != uNone {
				return nil
			}
			if tg.tokAt(i+2) != nil && tg.toks[i+2].kind == tWord && tg.word(i+2) != "and" && tg.word(i+2) != "or" && !tg.capital(i+2) && tg.sameSentence(i, i+2) && tg.tokAt(i+2).sp && !isFunctionWord(tg.word(i+2)) {
				return nil // "the past decision"…
			}
			return refCand(i, i+2, "PAST_REF")
		case "coming":
			if u, pl := tg.unitAt(i + 2); pl && u >= uDay && u <= uDecade {
				return refCand(i, i+3, "FUTURE_REF")
			}
		case "near":
			switch tg.word(i + 2) {
			case "future", "term":
				return refCand(i, i+3, "FUTURE_REF")
			}
		case "short", "long":
			// "in the short term"
			if pw := tg.word(i - 1); tg.word(i+2) == "term" && !tg.punct(i+3, "-") && (dayPartBefore[pw] || pw == "for" || pw == "over") {
				return refCand(i, i+3, "FUTURE_REF")
			}
		case "weekend":
			return &cand{i: i, j: i + 2, typ: Date, res: func(r *rctx) (string, point, bool) {
				p := r.weekend("")
				return p.String() + "-WE", p, true
			}}
		case "summer", "winter", "spring", "autumn", "fall":
			code := seasons[tg.word(i+1)]
			switch tg.word(i - 1) {
			case "in", "during", "over", "by", "until", "through", "since", "for", "into", "throughout":
				if tg.word(i+2) == "of" {
					y, ok := tg.yearAt(i + 3)
					end := i + 4
					if !ok {
						y, end, ok = tg.spelledYear(i + 3)
					}
					if ok {
						p := point{g: gSeason, y: y, ssn: code}
						return &cand{i: i, j: end, typ: Date, res: func(*rctx) (string, point, bool) { return p.String(), p, false }}
					}
				}
				return &cand{i: i, j: i + 2, typ: Date, res: func(r *rctx) (string, point, bool) {
					p := r.season(code, "")
					return p.String(), p, true
				}}
			}
		}
	}
	// "summer 2025", "summer of 2025"
	if code, ok := seasons[w]; ok {
		j := i + 1
		if tg.word(j) == "of" {
			j++
		}
		if y, ok := tg.yearAt(j); ok {
			p := point{g: gSeason, y: y, ssn: code}
			return &cand{i: i, j: j + 1, typ: Date, res: func(*rctx) (string, point, bool) { return p.String(), p, false }}
		}
	}
	// "coming weeks", "months ago"
	if w == "coming" {
		if u, pl := tg.unitAt(i + 1); pl && u >= uDay && u <= uDecade && tg.word(i-1) != "the" {
			return refCand(i, i+2, "FUTURE_REF")
		}
	}
	if u, pl := tg.unitAt(i); pl && u >= uDay && tg.word(i+1) == "ago" {
		return refCand(i, i+2, "PAST_REF")
	}
	if w == "last" && tg.word(i+1) == "night" {
		return &cand{i: i, j: i + 2, typ: Time, res: func(r *rctx) (string, point, bool) {
			p := r.deictic(-1, uDay)
			return p.String() + "TNI", p, true
		}}
	}
	if c := tg.matchTheYear(i); c != nil {
		return c
	}
	if c := tg.matchDetUnit(i); c != nil {
		return c
	}
	if c := tg.matchAgo(i); c != nil {
		return c
	}
	return nil
}

// adjectiveAt reports whether the word at k modifies a lower-case word
// after it in the same sentence ("recent declines", "current market
// conditions").
func (tg *tagger) adjectiveAt(k int) bool {
	nt := tg.tokAt(k + 1)
	if nt == nil || nt.kind != tWord || !tg.sameSentence(k, k+1) || tg.capital(k+1) && !tg.capital(k) {
		return false
	}
	return !isFunctionWord(nt.l) && !tg.capital(k+1)
}

func isFunctionWord(w string) bool {
	switch w {
	case "and", "or", "but", "the", "a", "an", "to", "of", "in", "on", "at", "for", "with", "is", "was", "has", "had",
		"have", "we", "he", "she", "they", "it", "i", "you", "that", "this", "there", "when", "as", "by", "from":
		return true
	}
	return false
}

func refCand(i, j int, ref string) *cand {
	return &cand{i: i, j: j, typ: Date, res: func(*rctx) (string, point, bool) { return ref, point{}, true }}
}

// dets of "det + unit" expressions: the offset and whether it is anaphoric.
type detInfo struct {
	off       int
	anaphoric bool
	needThe   bool // only after "the"
	noThe     bool // never after "the"
}

var dets = map[string]detInfo{
	"this":      {off: 0, noThe: true},
	"current":   {off: 0},
	"last":      {off: -1, noThe: true},
	"next":      {off: 1},
	"coming":    {off: 1, needThe: true},
	"following": {off: 1, anaphoric: true},
	"previous":  {off: -1, anaphoric: true},
	"prior":     {off: -1, anaphoric: true},
	"preceding": {off: -1, anaphoric: true},
	"same":      {off: 0, anaphoric: true, needThe: true},
	"that":      {off: 0, anaphoric: true, noThe: true},
}

// matchDetUnit: "this week", "last year", "next Wednesday", "the following
// day", "last November", "this summer", "this morning", "that day".
func (tg *tagger) matchDetUnit(i int) *cand {
	k := i
	hasThe := tg.word(k) == "the"
	if hasThe {
		k++
	}
	det := tg.word(k)
	info, ok := dets[det]
	if !ok || (info.needThe && !hasThe) || (info.noThe && hasThe) {
		return nil
	}
	if det == "this" && tg.word(k+1) == "coming" {
		info, k = detInfo{off: 1}, k+1 // "this coming Sunday"
	}
	if det == "this" && tg.word(k+1) == "past" {
		info, k = dets["last"], k+1 // "this past weekend"
	}
	if det == "that" && tg.word(k+1) == "same" {
		k++ // "that same day"
	}
	if tg.capital(k+1) && tg.capital(k) && k > 0 && tg.sameSentence(k-1, k) && weekdays[tg.word(k+1)] == 0 && months[tg.word(k+1)] == 0 {
		return nil // a title: ABC's "This Week"
	}
	if det == "next" && hasThe {
		info = detInfo{off: 1, anaphoric: true}
	}
	j := k + 1
	w := tg.word(j)
	if !tg.sameSentence(k, j) {
		return nil
	}
	// weekdays
	if wd := weekdays[w]; wd > 0 && tg.capital(j) {
		if info.anaphoric {
			if !hasThe || info.off == 0 || tg.partOfDayAt(j+1) {
				return nil
			}
			// "the previous Friday": the one before the story's day
			off := info.off
			return &cand{i: i, j: j + 1, typ: Date, res: func(r *rctx) (string, point, bool) {
				a := r.storyDay()
				if a.y == unknownYear {
					return fmt.Sprintf("XXXX-WXX-%d", wd), point{}, true
				}
				t := a.time()
				delta := (wd - isoWeekday(t) + 7) % 7
				if off < 0 {
					delta = -((isoWeekday(t) - wd + 7) % 7)
				}
				if delta == 0 {
					delta = 7 * off
				}
				p := dayPoint(t.AddDate(0, 0, delta))
				return p.String(), p, true
			}}
		}
		how := howOf(info.off)
		end := j + 1
		part := ""
		if p, ok := partsOfDay[tg.word(end)]; ok {
			part, end = p, end+1
		}
		c := &cand{i: i, j: end, typ: Date}
		if part != "" {
			c.typ = Time
		}
		c.res = func(r *rctx) (string, point, bool) {
			p := r.weekday(wd, how)
			v := weekdayValue(p, wd)
			if part != "" {
				v += "T" + part
			}
			return v, p, true
		}
		return c
	}
	// months: "last Oct. 23", "last October"
	if y, m, d, next, ok := tg.monthDay(j); ok && d > 0 && y == unknownYear && !info.anaphoric {
		res := resolveMonthDay(y, m, d, 0)
		tense := tenseOf(info.off)
		return &cand{i: i, j: next, typ: Date, res: func(r *rctx) (string, point, bool) {
			saved := r.tense
			r.tense, r.strict = tense, true
			defer func() { r.tense, r.strict = saved, false }()
			return res(r)
		}}
	}
	if m, next, bare := tg.monthAt(j); m > 0 && !bare && !info.anaphoric {
		off := info.off
		return &cand{i: i, j: next, typ: Date, res: func(r *rctx) (string, point, bool) {
			if !r.hasDCT {
				p := point{g: gMonth, y: unknownYear, m: m}
				return p.String(), point{}, true
			}
			y := r.dct.y
			switch {
			case off < 0 && m >= r.dct.m:
				y--
			case off > 0 && m <= r.dct.m:
				y++
			}
			p := point{g: gMonth, y: y, m: m}
			return p.String(), p, true
		}}
	}
	// seasons
	if code, ok := seasons[w]; ok && !info.anaphoric {
		how := howOf(info.off)
		return &cand{i: i, j: j + 1, typ: Date, res: func(r *rctx) (string, point, bool) {
			p := r.season(code, how)
			return p.String(), p, true
		}}
	}
	// parts of day: "this morning", "that night", "the next morning"
	if part, ok := partsOfDay[w]; ok {
		if det == "last" || det == "previous" || det == "current" || det == "coming" || det == "prior" {
			if det != "previous" {
				return nil
			}
		}
		c := &cand{i: i, j: j + 1, typ: Time}
		off, ana := info.off, info.anaphoric
		c.res = func(r *rctx) (string, point, bool) {
			var p point
			if ana {
				p = r.anaphoric(off, uDay, true)
			} else {
				p = r.deictic(off, uDay)
			}
			return p.String() + "T" + part, p, true
		}
		return c
	}
	u, plural := tg.unitAt(j)
	if u == uNone || plural || u == uQuarter || u < uDay {
		return nil
	}
	if u == uDay && !info.anaphoric {
		return nil // "this day", "next day" without "the"
	}
	off, ana := info.off, info.anaphoric
	c := &cand{i: i, j: j + 1, typ: Date}
	if u == uWeekend {
		how := howOf(off)
		c.res = func(r *rctx) (string, point, bool) {
			var p point
			if ana {
				p = r.anaphoric(off, uWeek, false)
			} else {
				p = r.weekend(how)
			}
			return p.String() + "-WE", p, true
		}
		return c
	}
	c.res = func(r *rctx) (string, point, bool) {
		var p point
		if ana {
			p = r.anaphoric(off, u, false)
		} else {
			p = r.deictic(off, u)
		}
		if p.g == gNone {
			return "", p, true
		}
		return p.String(), p, true
	}
	return c
}

// matchAgo: "two days ago", "a day earlier", "a week later", "the day
// before", "the next day", "three years from now", "year-earlier".
func (tg *tagger) matchAgo(i int) *cand {
	w := tg.word(i)
	// "the day before/after", "the day before yesterday"
	if w == "the" && tg.word(i+1) == "day" && (tg.word(i+2) == "before" || tg.word(i+2) == "after") {
		sign := -1
		if tg.word(i+2) == "after" {
			sign = 1
		}
		j := i + 3
		switch nw := tg.word(j); nw {
		case "yesterday", "tomorrow":
			base := dayOff[nw]
			return &cand{i: i, j: j + 1, typ: Date, res: func(r *rctx) (string, point, bool) {
				p := r.deictic(base+sign, uDay)
				return p.String(), p, true
			}}
		case "":
		default:
			if !isFunctionWord(nw) || nw == "the" || nw == "a" || nw == "an" || nw == "his" {
				return nil // "the day before the vote"
			}
		}
		return &cand{i: i, j: j, typ: Date, res: func(r *rctx) (string, point, bool) {
			p := r.anaphoric(sign, uDay, true)
			return p.String(), p, true
		}}
	}
	// year-earlier, year-ago (adjectives)
	if w == "year" && tg.punct(i+1, "-") && tg.glued(i+1) && (tg.word(i+2) == "earlier" || tg.word(i+2) == "ago") {
		return &cand{i: i, j: i + 3, typ: Date, noAnchor: true, res: func(r *rctx) (string, point, bool) {
			p := r.anaphoric(-1, uYear, false)
			return p.String(), p, true
		}}
	}
	// [mod] N units ago|earlier|later|before|after|from now
	k := i
	mod, mk := tg.modAt(k)
	k = mk
	n, j, ok := tg.count(k, true)
	if !ok {
		return nil
	}
	u, _ := tg.unitAt(j)
	if u == uNone || u == uQuarter && n == 1 && tg.word(k) == "a" {
		return nil
	}
	j++
	if tg.word(j) == "or" && tg.word(j+1) == "so" {
		j += 2
		if mod == "" {
			mod = "APPROX"
		}
	}
	sign := 0
	ana := false
	switch tg.word(j) {
	case "ago":
		sign = -1
	case "earlier", "later":
		if n < 0 && u <= uWeek && u != uWeekend {
			// "a few days later": TimeBank marks the duration and leaves
			// the adverb out. A definite count ("three days later") stays
			// a DATE: the bot dates facts by it.
			return durCand(i, j, mod, durValue(n, u))
		}
		sign, ana = -1, true
		if tg.word(j) == "later" {
			sign = 1
		}
	case "before", "after":
		nw := tg.word(j + 1)
		nt := tg.tokAt(j + 1)
		if nt != nil && nt.kind == tWord && nw != "that" && !nt.nl {
			return nil // "two days before the vote": a duration and a preposition
		}
		sign, ana = -1, true
		if tg.word(j) == "after" {
			sign = 1
		}
	case "from":
		if tg.word(j+1) != "now" {
			return nil
		}
		sign = 1
		j++
	case "hence":
		sign = 1
	default:
		return nil
	}
	j++
	c := &cand{i: i, j: j, typ: Date, mod: mod, noAnchor: u == uYear && n == 1}
	c.res = func(r *rctx) (string, point, bool) {
		if n < 0 {
			if sign < 0 {
				return "PAST_REF", point{}, true
			}
			return "FUTURE_REF", point{}, true
		}
		var p point
		switch {
		case u < uDay:
			// hours: the day of the anchor
			if ana {
				p, _ = r.anchorFor(uDay)
			} else {
				p = r.dct
			}
		case ana:
			p = r.anaphoric(sign*n, u, true)
		case u == uWeekend:
			p = r.deictic(sign*n, uWeek)
		case u == uYear && n == 1 && len(r.anchors) > 0 && r.anchors[len(r.anchors)-1].g == gQuarter:
			// "profit rose in the third quarter from $5 a year ago"
			p = shift(r.anchors[len(r.anchors)-1], sign, uYear)
		default:
			p = r.deictic(sign*n, u)
		}
		if p.g == gNone {
			return "", p, true
		}
		return p.String(), p, true
	}
	return c
}

// modAt reads a quantity modifier at k ("more than", "about", "nearly", "at
// least"); it returns the TIMEX3 mod and the index after it.
func (tg *tagger) modAt(k int) (string, int) {
	w, w2 := tg.word(k), tg.word(k+1)
	switch {
	case w == "more" && w2 == "than", w == "longer" && w2 == "than", w == "upwards" && w2 == "of":
		return "MORE_THAN", k + 2
	case w == "less" && w2 == "than", w == "fewer" && w2 == "than", w == "under" && tg.isCountAt(k+1):
		return "LESS_THAN", k + 2 - btoi(w == "under")
	case w == "just" && (w2 == "over" || w2 == "under"):
		if w2 == "over" {
			return "MORE_THAN", k + 2
		}
		return "LESS_THAN", k + 2
	case w == "over" && tg.isCountAt(k+1):
		if !overAsMore[tg.word(k-1)] {
			return "", k // "evolved over three years", "$5 billion over 10 years"
		}
		return "MORE_THAN", k + 1
	case w == "at" && w2 == "least", w == "no" && w2 == "less" && tg.word(k+2) == "than":
		if w == "no" {
			return "EQUAL_OR_MORE", k + 3
		}
		return "EQUAL_OR_MORE", k + 2
	case w == "at" && w2 == "most", w == "up" && w2 == "to":
		return "EQUAL_OR_LESS", k + 2
	case w == "no" && w2 == "more" && tg.word(k+2) == "than":
		return "EQUAL_OR_LESS", k + 3
	case w == "nearly" || w == "almost":
		return "LESS_THAN", k + 1
	case w == "about" || w == "around" || w == "approximately" || w == "roughly" || w == "some" && tg.isNumberAt(k+1):
		return "APPROX", k + 1
	}
	return "", k
}

// overAsMore are the words after which "over" + count means "more than"
// ("for over a decade", "spent over a week"); elsewhere "over" is the
// preposition ("evolved over three years") and stays out of the span.
var overAsMore = toSet(`for in after of within than just lasted last lasts took take takes spent spend spends is was be been are were`)

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// isCountAt reports whether a count starts at k.
func (tg *tagger) isCountAt(k int) bool {
	_, _, ok := tg.count(k, true)
	return ok
}

// isNumberAt reports whether a definite number starts at k.
func (tg *tagger) isNumberAt(k int) bool {
	n, _, ok := tg.count(k, false)
	return ok && n >= 0
}

// --- durations -------------------------------------------------------------

// allowABefore are words after which "a"/"an" + unit is a duration.
var allowABefore = toSet(`for in within than after over about nearly almost only just least most around lasted
last lasts takes took take spent spend spends roughly approximately barely once another up half under`)

// durDets follow "the" in "the past three years".
var durDets = toSet(`past last next first coming previous final initial latest following remaining ensuing`)

// thePluralAfter are the words after "the" + plural unit that make it a
// period ("the weeks before the vote").
var thePluralAfter = toSet(`before after since following that leading preceding`)

// thePluralOver are the words before "the" + plural unit that make it a
// period ("over the years").
var thePluralOver = toSet(`over during through throughout`)

// hedgeBefore are words that, before a bare plural unit, make it a vague
// duration ("just hours after", "mere days before").
var hedgeBefore = toSet(`just only mere merely barely`)

// barePluralBefore are words after which a bare plural unit is a duration.
var barePluralBefore = toSet(`for in within over after took take takes lasted last lasting than spent`)

// matchDuration: "three hours", "three-hour", "the past three years",
// "several days", "more than a year", "half an hour", "for years".
func (tg *tagger) matchDuration(i int) *cand {
	mod, k := tg.modAt(i)
	start := i
	hasThe := false
	if tg.word(k) == "the" {
		hasThe = true
		k++
	}
	det := ""
	if durDets[tg.word(k)] && (hasThe || tg.word(k) == "past") {
		det = tg.word(k)
		k++
	}
	// half an hour
	if tg.word(k) == "half" && (tg.word(k+1) == "an" || tg.word(k+1) == "a") {
		if u, _ := tg.unitAt(k + 2); u != uNone {
			if v := halfValue(u); v != "" {
				return durCand(start, k+3, mod, v)
			}
		}
	}
	prevW := tg.word(k - 1)
	allowA := allowABefore[prevW] || det != "" || mod != "" || tg.aUnitBefore(k)
	n, j, ok := tg.count(k, allowA)
	if !ok {
		if det == "" || mod != "" {
			return tg.matchBarePlural(i)
		}
		// "the past year", "the past week"
		u, plural := tg.unitAt(k)
		if u == uNone || plural || u == uDay || u < uDay || u == uWeekend || u == uQuarter || det != "past" && det != "last" {
			if plural && (det == "past" || det == "last" || det == "next" || det == "coming") && u >= uDay && u != uWeekend {
				return nil
			}
			return nil
		}
		return durCand(start, k+1, mod, durValue(1, u))
	}
	if n == 1 && tg.word(k) != "one" && tg.tokAt(k).kind != tNum && !allowA {
		return nil
	}
	// ranges: "two to three weeks", "12 to 18 months", "two or three days"
	// are one duration, valued by the lower bound
	if w := tg.word(j); (w == "to" || w == "or") && n > 0 && tg.word(k-1) != "between" {
		if n2, j2, ok := tg.count(j+1, false); ok && n2 > n {
			if u, _ := tg.unitAt(j2); u != uNone {
				j = j2
			}
		}
	}
	fraction := false
	if t := tg.tokAt(j); t != nil && t.kind == tNum && t.n == 1 && tg.punct(j+1, "/") && !tg.toks[j+1].sp {
		if t2 := tg.tokAt(j + 2); t2 != nil && t2.kind == tNum && t2.n == 2 && !t2.sp {
			fraction, j = true, j+3 // "5 1/2 hours"
		}
	}
	if w := tg.word(j); w == "more" || w == "additional" || w == "full" || (w == "consecutive" || w == "straight" || w == "successive") && n > 1 {
		j++
	}
	adj := false
	if tg.punct(j, "-") && tg.glued(j) {
		j++
		adj = true
		if hasThe && det == "" && mod == "" {
			start = i + 1 // "the [14-day] period"
		}
	}
	u, plural := tg.unitAt(j)
	if u == uNone || u == uWeekend {
		return nil
	}
	if (tg.word(k) == "a" || tg.word(k) == "an") && plural && j == k+1 {
		return nil // "a decades-long feud"
	}
	if adj && (tg.punct(j+1, "-") && tg.glued(j+1) && tg.word(j+2) == "old") {
		return nil // "three-year-old"
	}
	if u == uSecond && !plural && !adj {
		return nil // "a second", "the 1988 second quarter"
	}
	if !plural && !adj && n > 1 && tg.tokAt(k).kind == tNum && tg.tokAt(k).digits == 4 {
		return nil // "the 1988 period"
	}
	if u == uQuarter && adj {
		return nil // "three-quarters"
	}
	if u == uQuarter && !plural && tg.word(k) != "one" {
		return nil // "a quarter of"
	}
	if !tg.sameSentence(i, j) {
		return nil
	}
	end := j + 1
	// "two and a half years", "a year and a half"
	half := false
	if tg.word(end) == "and" && tg.word(end+1) == "a" && tg.word(end+2) == "half" {
		half, end = true, end+3
	} else if tg.word(j-1) != "" && tg.word(j) != "" && tg.word(j+1) == "and" && tg.word(j+2) == "a" && tg.word(j+3) == "half" {
		half, end = true, j+4
	}
	if tg.word(end) == "or" && tg.word(end+1) == "so" {
		end += 2
		if mod == "" {
			mod = "APPROX"
		}
	}
	if tg.word(end) == "old" || tg.word(end) == "olds" {
		return nil // "three years old"
	}
	v := durValue(n, u)
	half = half || fraction
	if half && n >= 0 {
		v = halfMoreValue(n, u)
	}
	return durCand(start, end, mod, v)
}

// aUnitBefore reports whether "a"/"an" + unit at k is followed by "after"
// or "before" and a clause or noun phrase: "a day after the vote" is a
// duration, as "two days after" is ("a day after that" is matchAgo's).
func (tg *tagger) aUnitBefore(k int) bool {
	if w := tg.word(k); w != "a" && w != "an" {
		return false
	}
	if u, plural := tg.unitAt(k + 1); u < uMinute || plural || u == uQuarter || u == uWeekend {
		return false
	}
	if w := tg.word(k + 2); w != "after" && w != "before" {
		return false
	}
	if t := tg.tokAt(k - 1); t != nil && (t.kind == tNum || t.s == "$" || t.s == "£" || t.s == "€") {
		return false // "$5 a year before taxes"
	}
	nt := tg.tokAt(k + 3)
	return nt != nil && nt.kind == tWord && tg.sameSentence(k, k+3) && nt.l != "that"
}

// matchBarePlural: "for years" (the span is "years"), "decades"; also "for
// some time" and "for a while" (PXX, TimeBank's unknown-unit duration).
func (tg *tagger) matchBarePlural(i int) *cand {
	if p := tg.word(i - 1); p == "for" || p == "in" || p == "after" {
		if tg.word(i) == "some" && tg.word(i+1) == "time" || tg.word(i) == "a" && tg.word(i+1) == "while" {
			return durCand(i, i+2, "", "PXX")
		}
	}
	u, plural := tg.unitAt(i)
	if !plural || u == uNone || u == uWeekend || u == uQuarter {
		return nil
	}
	prev, nw := tg.word(i-1), tg.word(i+1)
	switch {
	case barePluralBefore[prev]:
		if nw == "of" && prev != "within" || nw == "ago" || nw == "earlier" || nw == "later" {
			return nil // "for years of war": the count is "years of"
		}
	case prev == "the":
		// "in the weeks before the vote", "the years that followed",
		// "over the years"
		switch {
		case thePluralAfter[nw] && tg.sameSentence(i, i+1):
			if nw != "that" && nw != "following" && u >= uDay && u <= uMonth {
				return periodBefore(i, u)
			}
		case thePluralOver[tg.word(i-2)] && nw != "of" && !tg.adjectiveAt(i):
		default:
			return nil
		}
	case hedgeBefore[prev]:
		// "just hours after the vote", "only days earlier"
		if nw == "of" || nw == "ago" || nw == "old" || nw == "apart" {
			return nil
		}
	default:
		return nil
	}
	return durCand(i, i+1, "", durValue(-1, u))
}

// periodBefore is "the weeks" in "in the weeks before the vote": a
// DATE, the vague period around the story's latest date, valued by its
// month (its year for "the months before").
func periodBefore(i int, u unit) *cand {
	return &cand{i: i, j: i + 1, typ: Date, noAnchor: true, res: func(r *rctx) (string, point, bool) {
		g := uMonth
		if u == uMonth {
			g = uYear
		}
		a, _ := r.anchorFor(g)
		p := coarsen(a, g)
		if p.g == gNone || a.y == unknownYear {
			p = r.deictic(0, g)
		}
		return p.String(), p, true
	}}
}

func durCand(i, j int, mod, v string) *cand {
	return &cand{i: i, j: j, typ: Duration, mod: mod, res: func(*rctx) (string, point, bool) { return v, point{}, false }}
}

// --- sets -------------------------------------------------------------------

// matchSet: "every day", "daily", "every Monday", "twice a year", "per
// week", "every other week".
func (tg *tagger) matchSet(i int) *cand {
	w := tg.word(i)
	if v, ok := setAdverbs[w]; ok && !tg.capital(i) || ok && tg.word(i-1) == "" && tg.tokAt(i-1) == nil {
		return setCand(i, i+1, v)
	}
	if w == "every" || w == "each" {
		k := i + 1
		mult := 1
		if tg.word(k) == "other" {
			mult, k = 2, k+1
		}
		n, j, ok := tg.count(k, false)
		if ok && n > 0 {
			k = j
			mult *= n
		}
		if wd := weekdays[tg.word(k)]; wd > 0 {
			return setCand(i, k+1, fmt.Sprintf("XXXX-WXX-%d", wd))
		}
		if p, ok := partsOfDay[tg.word(k)]; ok {
			return setCand(i, k+1, "XXXX-XX-XXT"+p)
		}
		if code, ok := seasons[tg.word(k)]; ok {
			return setCand(i, k+1, "XXXX-"+code)
		}
		if m, next, bare := tg.monthAt(k); m > 0 && !bare {
			return setCand(i, next, fmt.Sprintf("XXXX-%02d", m))
		}
		if u, _ := tg.unitAt(k); u != uNone && u != uWeekend {
			if w == "each" && tg.word(k+1) == "of" {
				return nil
			}
			return setCand(i, k+1, durValue(mult, u))
		}
		if tg.word(k) == "weekend" {
			return setCand(i, k+1, "XXXX-WXX-WE")
		}
		return nil
	}
	// once a week, twice a year, three times a day
	k := i
	switch w {
	case "once", "twice", "thrice":
		k = i + 1
	default:
		if _, j, ok := tg.count(i, false); ok && tg.word(j) == "times" {
			k = j + 1
		} else if w == "per" {
			k = i
		} else {
			return nil
		}
	}
	if w != "per" {
		if tg.word(k) != "a" && tg.word(k) != "an" && tg.word(k) != "per" && tg.word(k) != "each" && tg.word(k) != "every" {
			return nil
		}
	}
	u, plural := tg.unitAt(k + 1)
	if u == uNone || plural || u == uWeekend || u == uQuarter {
		return nil
	}
	return setCand(i, k+2, durValue(1, u))
}

func setCand(i, j int, v string) *cand {
	return &cand{i: i, j: j, typ: Set, res: func(*rctx) (string, point, bool) { return v, point{}, false }}
}

// --- times of day -------------------------------------------------------------

var zones = toSet(`GMT UTC EST EDT CST CDT MST MDT PST PDT BST CET CEST EET EEST MSK ET PT CT IST JST`)

// ampmAt reads "a.m."/"p.m."/"am"/"pm" at k: 0 none, 1 am, 2 pm.
func (tg *tagger) ampmAt(k int) int {
	switch tg.word(k) {
	case "a.m.", "a.m", "am":
		if tg.word(k) == "am" && tg.toks[k].s != "am" && tg.toks[k].s != "AM" {
			return 0
		}
		return 1
	case "p.m.", "p.m", "pm":
		return 2
	}
	return 0
}

// matchTime: "10 a.m.", "3:30 p.m. Moscow time", "noon", "9 a.m. Tuesday".
func (tg *tagger) matchTime(i int) *cand {
	mod := ""
	k := i
	switch tg.word(i) {
	case "around", "about", "approximately", "roughly":
		mod, k = "APPROX", i+1
	}
	t := tg.tokAt(k)
	if t == nil {
		return nil
	}
	h, m := -1, 0
	j := k + 1
	switch {
	case t.kind == tNum && t.colon:
		parts := strings.Split(t.s, ":")
		if len(parts) != 2 || len(parts[1]) != 2 || len(parts[0]) > 2 {
			return nil
		}
		hh, mm := atoi(parts[0]), atoi(parts[1])
		if hh > 24 || mm > 59 {
			return nil
		}
		h, m = hh, mm
		ap := tg.ampmAt(j)
		if ap > 0 {
			j++
			h = to24(h, ap)
		} else {
			prev := tg.word(k - 1)
			if prev != "at" && prev != "by" && prev != "until" && prev != "from" && prev != "before" && prev != "after" && prev != "around" && prev != "about" && !zones[tg.tokAt(j).sOrEmpty()] {
				return nil
			}
		}
	case t.kind == tNum && !t.comma && !t.decimal && t.digits <= 2 && t.n >= 1 && t.n <= 12:
		ap := tg.ampmAt(j)
		if ap == 0 {
			if tg.word(j) == "o" && tg.punct(j+1, "'") && tg.word(j+2) == "clock" {
				h, j = t.n, j+3
				break
			}
			if ap, next := tg.dayPartAMPM(j); ap > 0 {
				h, j = to24(t.n, ap), next
				break
			}
			return nil
		}
		h, j = to24(t.n, ap), j+1
	case t.kind == tWord && (t.l == "noon" || t.l == "midday"):
		if tg.word(k-1) == "high" || t.s[0] == 'N' && tg.sameSentence(k-1, k) {
			return nil // "High Noon"
		}
		h = 12
	case t.kind == tWord && t.l == "midnight":
		h = 24
	case t.kind == tWord && smallNumbers[t.l] >= 1 && smallNumbers[t.l] <= 12:
		if tg.word(j) == "o" && (tg.punct(j+1, "'") || tg.punct(j+1, "’")) && tg.word(j+2) == "clock" {
			h, j = smallNumbers[t.l], j+3
			if ap := tg.ampmAt(j); ap > 0 {
				h, j = to24(h, ap), j+1
			}
		} else if ap := tg.ampmAt(j); ap > 0 {
			h, j = to24(smallNumbers[t.l], ap), j+1
		} else if ap, next := tg.dayPartAMPM(j); ap > 0 {
			h, j = to24(smallNumbers[t.l], ap), next
		} else {
			return nil
		}
	default:
		return nil
	}
	if h < 0 {
		return nil
	}
	// zone
	if nt := tg.tokAt(j); nt != nil && zones[nt.s] {
		j++
	} else if tg.word(j) == "local" && tg.word(j+1) == "time" {
		j += 2
	} else if tg.capital(j) && tg.word(j+1) == "time" && weekdays[tg.word(j)] == 0 {
		j += 2
	}
	// day
	dayStart := j
	var dayC *cand
	if c := tg.matchDate(j); c != nil {
		dayC = c
	} else if c := tg.matchWeekday(j); c != nil && c.typ == Date {
		dayC = c
	} else if w := tg.word(j); w == "today" || w == "yesterday" || w == "tomorrow" {
		dayC = tg.matchRelative(j)
	}
	if dayC != nil && dayC.i == dayStart && tg.sameSentence(i, j) {
		j = dayC.j
	} else {
		dayC = nil
	}
	// a day told after the time but not part of it: "8 p.m. on Monday",
	// "10:30 a.m. ET (1430 GMT) on Thursday"
	dayRef := (*cand)(nil)
	if dayC == nil {
		dayRef = tg.dayAfterTime(j)
	}
	hh, mm := h, m
	return &cand{i: i, j: j, typ: Time, mod: mod, res: func(r *rctx) (string, point, bool) {
		day := r.storyDay()
		anch := true
		if dayC == nil && dayRef != nil {
			if _, p, _ := dayRef.res(r); p.g == gDay {
				day = p
			}
		}
		if dayC != nil {
			v, p, a := dayC.res(r)
			if v == "" || p.g != gDay {
				if strings.HasPrefix(v, "XXXX") {
					return fmt.Sprintf("%sT%02d:%02d", v, hh, mm), point{}, true
				}
				return "", point{}, false
			}
			day, anch = p, a
		}
		return fmt.Sprintf("%sT%02d:%02d", day.String(), hh, mm), day, anch
	}}
}

// dayAfterTime returns the day named just after a time of day ending at
// token k: "on Monday", "on March 4", or a day after a parenthesis
// ("(1430 GMT) on Thursday", "(0735 GMT) Friday"); or nil.
func (tg *tagger) dayAfterTime(k int) *cand {
	paren := false
	if tg.punct(k, "(") {
		for e := k + 1; e < k+6 && e < len(tg.toks); e++ {
			if tg.punct(e, ")") {
				k, paren = e+1, true
				break
			}
		}
	}
	if tg.word(k) == "on" {
		k++
	} else if !paren {
		return nil
	}
	if !tg.sameSentence(k-1, k) {
		return nil
	}
	c := tg.dayAt2(k)
	if c == nil || c.i != k || c.typ != Date {
		return nil
	}
	return c
}

func (t *tok) sOrEmpty() string {
	if t == nil {
		return ""
	}
	return t.s
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func to24(h, ap int) int {
	switch {
	case ap == 1 && h == 12:
		return 0
	case ap == 2 && h < 12:
		return h + 12
	}
	return h
}

// --- holidays, numeric dates, modifiers ------------------------------------

// matchHoliday: "Christmas", "New Year's Day", "Thanksgiving".
func (tg *tagger) matchHoliday(i int) *cand {
	if !tg.capital(i) {
		return nil
	}
	for _, h := range holidays {
		j, ok := tg.wordsAt(i, h.words)
		if !ok {
			continue
		}
		h := h
		return &cand{i: i, j: j, typ: Date, res: func(r *rctx) (string, point, bool) {
			d := h.day
			if d == 0 {
				d = 25 // approximate, to choose the year
			}
			y := r.yearFor(h.month, d, 0)
			if y == unknownYear {
				if h.day == 0 {
					return fmt.Sprintf("XXXX-%02d-XX", h.month), point{}, true
				}
				p := point{g: gDay, y: unknownYear, m: h.month, d: h.day}
				return p.String(), point{}, true
			}
			if h.day == 0 {
				d = nthWeekday(y, h.month, h.wday, h.nth)
			}
			p := point{g: gDay, y: y, m: h.month, d: d}
			return p.String(), p, true
		}}
	}
	return nil
}

// wordsAt matches lower-case words (with "'s" written as "year's") at k.
func (tg *tagger) wordsAt(k int, words []string) (int, bool) {
	for _, w := range words {
		if strings.HasSuffix(w, "'s") {
			if tg.word(k) != strings.TrimSuffix(w, "'s") || !(tg.punct(k+1, "'") || tg.punct(k+1, "’")) || tg.word(k+2) != "s" {
				return k, false
			}
			k += 3
			continue
		}
		if tg.word(k) != w {
			return k, false
		}
		k++
	}
	return k, true
}

// matchNumeric: "2025-08-06", "2025-W32", "8/6/2025".
func (tg *tagger) matchNumeric(i int) *cand {
	t := tg.tokAt(i)
	if t == nil || t.kind != tNum || t.comma || t.colon || t.decimal || t.plural || t.short {
		return nil
	}
	num := func(k, digits int) (int, bool) {
		x := tg.tokAt(k)
		if x == nil || x.kind != tNum || x.sp || x.comma || x.colon || x.decimal || x.plural || (digits > 0 && x.digits != digits) {
			return 0, false
		}
		return x.n, true
	}
	if t.digits == 4 && tg.punct(i+1, "-") && !tg.toks[i+1].sp {
		if tg.word(i+2) == "w" && !tg.toks[i+2].sp {
			if w, ok := num(i+3, 2); ok && w >= 1 && w <= 53 {
				p := point{g: gWeek, y: t.n, sub: w}
				return &cand{i: i, j: i + 4, typ: Date, res: func(*rctx) (string, point, bool) { return p.String(), p, false }}
			}
		}
		if m, ok := num(i+2, 2); ok && m >= 1 && m <= 12 && tg.punct(i+3, "-") && !tg.toks[i+3].sp {
			if d, ok := num(i+4, 2); ok && d >= 1 && d <= daysIn(t.n, m) {
				p := point{g: gDay, y: t.n, m: m, d: d}
				return &cand{i: i, j: i + 5, typ: Date, res: func(*rctx) (string, point, bool) { return p.String(), p, false }}
			}
		}
	}
	if t.digits <= 2 && tg.punct(i+1, "/") && !tg.toks[i+1].sp {
		if b, ok := num(i+2, 0); ok && tg.punct(i+3, "/") && !tg.toks[i+3].sp {
			if y, ok := num(i+4, 0); ok && (tg.toks[i+4].digits == 4 || tg.toks[i+4].digits == 2) {
				if tg.toks[i+4].digits == 2 {
					y += 2000
					if y > 2050 {
						y -= 100
					}
				}
				m, d := t.n, b
				if m > 12 {
					m, d = d, m
				}
				if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
					return nil
				}
				p := point{g: gDay, y: y, m: m, d: d}
				return &cand{i: i, j: i + 5, typ: Date, res: func(*rctx) (string, point, bool) { return p.String(), p, false }}
			}
		}
	}
	return nil
}

// matchModified: "mid-August", "early next year", "late 2024", "the end
// of March", "earlier this year", "the early 1990s".
func (tg *tagger) matchModified(i int) *cand {
	w := tg.word(i)
	mod := ""
	k := i + 1
	needDigit := false
	switch w {
	case "early":
		mod = "START"
		if tg.punct(k, "-") && tg.glued(k) {
			k++
		}
	case "late":
		mod = "END"
		if tg.punct(k, "-") && tg.glued(k) {
			k++
		}
	case "mid":
		mod = "MID"
		if tg.punct(k, "-") && tg.glued(k) {
			k++
		}
	case "earlier", "later":
	case "the":
		switch tg.word(i + 1) {
		case "early":
			mod, k, needDigit = "START", i+2, true
		case "late":
			mod, k, needDigit = "END", i+2, true
		case "mid":
			mod, k, needDigit = "MID", i+2, true
			if tg.punct(k, "-") && tg.glued(k) {
				k++
			}
		case "end", "beginning", "start", "middle", "close":
			if tg.word(i+2) != "of" {
				return nil
			}
			mod = edgeMods[tg.word(i+1)]
			k = i + 3
		default:
			return nil
		}
	default:
		return nil
	}
	var inner *cand
	for _, m := range []matcher{tg.matchDate, tg.matchYear, tg.matchRelative, tg.matchQuarter, tg.matchWeekday} {
		c := m(k)
		if c != nil && c.i == k && (inner == nil || c.j > inner.j) && c.typ != Duration && c.typ != Set {
			inner = c
		}
	}
	if inner == nil || inner.mod != "" {
		return nil
	}
	if needDigit && tg.tokAt(k).kind != tNum {
		return nil
	}
	nw := tg.word(k)
	deicticStart := nw == "this" || nw == "today" || nw == "tonight" || nw == "yesterday" || nw == "tomorrow" ||
		nw == "that" || weekdays[nw] > 0
	if (w == "earlier" || w == "later") && !deicticStart {
		return nil
	}
	if mod == "END" && w == "late" && tg.tokAt(k).kind == tWord && months[nw] == 0 && !deicticStart &&
		nw != "last" && nw != "next" {
		return nil
	}
	res := inner.res
	return &cand{i: i, j: inner.j, typ: inner.typ, mod: mod, res: func(r *rctx) (string, point, bool) {
		v, p, a := res(r)
		if strings.HasSuffix(v, "_REF") {
			return "", p, a
		}
		return v, p, a
	}}
}

// theYearBefore are words before "the year" that make it a time.
var theYearBefore = toSet(`for in of during through throughout by until since`)

// matchTheYear: "for the year", "the fiscal year", "the current fiscal
// year", "year-end", "the end of the year" (with the modifier matcher), "the
// month" after "end of". The year is the latest earlier year, else the
// DCT's; "the year ended June 30" is a duration of a year.
func (tg *tagger) matchTheYear(i int) *cand {
	w := tg.word(i)
	if w == "year" {
		// "year-end", "year end"
		j := i + 1
		if tg.punct(j, "-") && tg.glued(j) {
			j++
		}
		if tg.possessive(j) && tg.word(j+2) == "end" {
			j += 2 // "by year's end"
		}
		if tg.word(j) == "end" && tg.word(i-1) != "the" && tg.word(i-1) != "a" {
			return &cand{i: i, j: j + 1, typ: Date, mod: "END", res: func(r *rctx) (string, point, bool) {
				p := r.deictic(0, uYear)
				return p.String(), p, true
			}}
		}
		return nil
	}
	if w != "the" || !theYearBefore[tg.word(i-1)] {
		return nil
	}
	k := i + 1
	current := false
	for {
		switch tg.word(k) {
		case "current":
			current = true
			k++
			continue
		case "full", "latest", "fiscal", "calendar", "entire", "whole":
			k++
			continue
		}
		break
	}
	u := units[tg.word(k)]
	if strings.HasSuffix(tg.word(k), "s") {
		return nil
	}
	switch {
	case u == uYear:
	case u == uMonth && k == i+1 && tg.word(i-1) == "of":
	case (u == uWeek || u == uDecade || u == uCentury) && k == i+1 && tg.word(i-1) == "of" && edgeMods[tg.word(i-2)] != "":
		// "the end of the decade", "the start of the week"
	default:
		return nil
	}
	if nt := tg.tokAt(k + 1); nt != nil && nt.kind == tNum {
		return nil // "the year 2000" is matchYear's
	}
	if tg.punct(k+1, "-") && tg.glued(k+1) {
		return nil // "the year-earlier quarter"
	}
	if tg.word(k+1) == "ended" || tg.word(k+1) == "ending" {
		return durCand(i, k+1, "", durValue(1, u))
	}
	c := &cand{i: i, j: k + 1, typ: Date}
	c.res = func(r *rctx) (string, point, bool) {
		if current {
			p := r.deictic(0, u) // "the current fiscal year"
			return p.String(), p, true
		}
		a, _ := r.anchorFor(u)
		p := coarsen(a, u)
		if p.g == gNone || a.y == unknownYear {
			p = r.deictic(0, u)
		}
		return p.String(), p, true
	}
	return c
}
