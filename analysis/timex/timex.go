// Package timex finds time expressions in English news text and normalizes
// them to TIMEX3 values (TimeML 1.2.1, as used by TempEval-3).
//
// Tag is rule-based: a tokenizer, a set of pattern matchers that propose
// candidate spans (the longest candidate at each position wins, so the
// returned expressions never overlap), and a resolver that turns each
// candidate into a value.
//
// # Resolution rules
//
// Deictic expressions ("today", "last week", "two days ago", "this summer")
// are computed from the document creation time (DCT).
//
// Weekdays are resolved against the DCT using the tense of the clause: the
// verb or auxiliary nearest before the expression in its sentence (else the
// nearest after it). In a past-tense clause "on Wednesday" is the latest
// Wednesday on or before the DCT (the DCT itself when it is a Wednesday); in
// a future clause (will, may, expected, scheduled…) it is the first
// Wednesday on or after the DCT; otherwise the nearer of the two, ties going
// to the past. "next to", "the ground" (a determiner before a past form) and
// "could not" do not mark a future or past clause as their words otherwise
// would. After "by", "until" or "till" the clause is future, unless a past
// perfect tells it ("had filed reports by Wednesday", "Until Thursday, they
// had not…"). "last Wednesday" is the latest one strictly before the DCT,
// "next Wednesday" the first strictly after, "this Wednesday" the one in the
// DCT's ISO week. A weekday shortly after a week in the same sentence
// ("next week, on Wednesday or Thursday"; at most 8 tokens after it, and
// not after "the weekend") is that week's day.
//
// A month and day without a year ("August 6") takes the year (DCT's, the
// one before or the one after) that puts the date nearest the DCT, unless
// the tense contradicts that by far: in a past clause a date more than 100
// days after the DCT moves to the latest such date not more than a week
// after it; in a future clause a date more than two weeks before the DCT
// moves to the earliest not more than a week before it. A weekday next to
// the date ("Friday, Aug. 8") picks the year in which the weekday matches,
// when one does.
//
// A quarter without a year ("the first quarter") is the latest DCT-year
// instance: in a past clause not after the DCT's quarter; in a future
// clause not before the quarter just ended (companies "expect to report"
// it). A quarter repeats the document's latest reporting quarter (one not
// after the DCT's) when the numbers agree; "the year-earlier third
// quarter", "the quarter a year ago" and "a year ago" after a quarter are
// a year before it; "this year's third quarter" takes the DCT's year.
//
// Anaphoric expressions — "a day earlier", "the day before", "the next day",
// "the following week", "that day", "a year earlier", "the year-earlier
// quarter" — are computed from the most recent preceding DATE expression in
// the document (pasted news puts every paragraph on its own line, and the
// anchor is often a paragraph up) whose granularity is fine enough for the unit (a day
// for day and week offsets, a month for month offsets, a quarter or finer
// for quarter offsets, any known year for year offsets); when there is none,
// from the DCT. Their value keeps the anchor's granularity when that is
// coarser than a day ("a year earlier" after "the third quarter" of 2025 is
// 2024-Q3).
//
// "For the year", "the fiscal year" and "the end of the month" take the
// year (month) of the latest DATE before them, else the DCT's; "the current
// (fiscal) year" is always the DCT's. The adjective "current" ("its
// current chief") is PRESENT_REF.
//
// A zero DCT leaves anchored values underspecified in TIMEX3 style:
// "XXXX-08-06", "XXXX-WXX-3" for a bare weekday, "XXXX-XX-XX" for "today",
// "XXXX" for "last year".
//
// A part of the day without a date ("in the morning", "mid-afternoon",
// "early morning") belongs to the story's day: the most recent preceding
// day-precision DATE, else the DCT; one followed by a day ("mid-afternoon
// yesterday") to that day. "The week of March 10" is that day's ISO week;
// in "July 14 and 15" the second day is its own DATE in the first one's
// month and year; "the previous Friday" is the Friday before the story's
// day. "This past weekend" is "last weekend". Plural weekdays ("on
// Tuesdays", "Friday nights") are SETs. Easter, Good Friday and US
// Election Day are computed for the year the tense and DCT choose. As
// TimeBank marks them, "the night of Oct. 23" is the date alone and rates
// ("$5 million a year") are not marked.
//
// A clock time without a day of its own ("8 p.m.") takes the day named
// just after it ("8 p.m. on Monday", "10:30 a.m. ET (1430 GMT)
// Thursday"), else the story's day. "Plan", "hope", "want" and "aims"
// after a determiner or a possessive are nouns, no future markers ("the
// plan was rejected on Tuesday").
//
// Bare plural units are vague durations after "for", "within", "just",
// "only" ("just hours after the vote", "within hours of", "over the
// years", "the years that followed"); "in the weeks before the vote" is
// a DATE, the month of the story's latest date. "A day after it was
// rejected" is a DURATION, as "two days after" is; so is "a few days"
// in "a few days later" (a definite "three days later" stays a DATE
// anchored on the story's latest day). "Over" before a count is "more
// than" only after "for", "in", "lasted"… ("for over a decade"); else it
// is the preposition and stays out of the span ("$5 million over three
// years"). "The first half of
// the year" and "the end of the decade" (week, century) take the story's
// year (decade…); "the 1800s" is a century, "the 2000s" a decade.
// Quarter durations are written in quarters ("P2Q"), as TimeBank does.
//
// Durations of hours, minutes and seconds use the ISO 8601 "PT" form
// ("three-hour" is PT3H); vague counts use X ("several days" is PXD); a
// half goes to the next smaller unit where there is one ("5 1/2 hours" is
// PT5H30M, "a year and a half" P1Y6M). A range ("two to three weeks",
// "12 to 18 months") is one DURATION valued by its lower bound, except
// after "between" ("between two and six days" is two expressions, as
// TimeBank marks it). "Decades-long" and "day-long" are durations.
//
// # Evaluation
//
// Evaluate scores the tagger on TempEval-3 (see its documentation for the
// measures).
package timex

import (
	"sort"
	"strings"
	"time"

	"github.com/briefbot/briefbot/analysis/textseg"
)

// Expr is one time expression in text.
type Expr struct {
	Start, End int    // byte offsets into the text given to Tag
	Text       string // text[Start:End]
	Type       string // DATE, TIME, DURATION, SET
	Value      string // TIMEX3 value
	Mod        string // TIMEX3 mod ("APPROX", "MORE_THAN", "LESS_THAN", "START", "END", "MID", "EQUAL_OR_MORE"...) or ""
	// Anchored is true when the value was computed relative to the DCT or
	// another expression ("on Wednesday", "a day earlier", "last year");
	// false when the text states it fully ("August 6, 2025").
	Anchored bool
	// Tense is the tense of the clause as used for resolution: "past",
	// "future", "present" or "".
	Tense string
}

// TIMEX3 types.
const (
	Date     = "DATE"
	Time     = "TIME"
	Duration = "DURATION"
	Set      = "SET"
)

// Tag finds and normalizes the time expressions of text, an English news
// article whose document creation time (publication date) is dct. Only the
// calendar date of dct (in its own location) is used. A zero dct leaves
// anchored values underspecified ("XXXX-08-06", "XXXX-WXX-3"). The result is
// sorted by Start and its spans do not overlap. Tag never panics.
func Tag(text string, dct time.Time) []Expr {
	return tag(text, dct, false)
}

func tag(text string, dct time.Time, noFilter bool) []Expr {
	tg := newTagger(text)
	tg.noFilter = noFilter
	cands := tg.scan()
	return tg.resolveAll(cands, dct)
}

// tagger holds one text's tokens and sentences.
type tagger struct {
	text  string
	toks  []tok
	sents []textseg.Sentence
	sent  []int // sentence index of each token (-1 when outside any)
	ms    []matcher
	// noFilter turns off the canStart shortcut (tests check that it
	// changes nothing).
	noFilter bool
}

// canStart reports whether a candidate may start at token i: a number, or
// a word some matcher looks for first. It only saves time: best would find
// nothing elsewhere.
func (tg *tagger) canStart(i int) bool {
	t := &tg.toks[i]
	switch t.kind {
	case tNum, tOrd:
		return true
	case tWord:
		return startWords[t.l]
	}
	return false
}

// startWords are the words a candidate may start with: every lexicon
// entry and every word the matchers compare with.
var startWords = func() map[string]bool {
	m := toSet(`a a.m a.m. about additional after ago almost am an and approximately are around as at autumn be been before beginning being but by calendar centuries century clock close coming comparable corresponding could couldn couple current currently d daily day days decades did dozen due during each earlier early ed eighties end ended ending entire every fall few fewer fifties final fiscal fmt following for forties fourth from full future going had half has have he hence her here high his hrs hundred i in is it its just last late lately later latest least less ll local longer m many march may mid midday middle midnight might more most n near nearly next night nineties no noon not now nowadays numerous o of old olds on once one or other our over p.m p.m. past per percent period pm preceding present presently previous prior q quarter re recent recently roughly s same set seventies several she since sixties so some soon sort spring start strings summer term than that the their then there these they third-quarter thirties this thousand three-hour three-quarters three-year-old thrice through till time times to today tomorrow tonight twenties twenty-four twice under until up upwards ve w was we weekend were what when while who whole winter with year year's year-earlier year-end years yesterday you `)
	for _, tbl := range []map[string]int{months, weekdays, weekdayAbbr, smallNumbers, ordinals, decadeWords, quarterDets, relYear} {
		for w := range tbl {
			m[w] = true
		}
	}
	for _, tbl := range []map[string]string{partsOfDay, seasons, setAdverbs, refWords} {
		for w := range tbl {
			m[w] = true
		}
	}
	for w := range units {
		m[w] = true
	}
	for w := range dets {
		m[w] = true
	}
	for w := range fuzzyNumbers {
		m[w] = true
	}
	for w := range durDets {
		m[w] = true
	}
	for _, h := range holidays {
		m[h.words[0]] = true
	}
	for _, h := range movableFeasts {
		m[h.words[0]] = true
	}
	for w := range oneWordParts {
		m[w] = true
	}
	for w := range pluralWeekdays {
		m[w] = true
	}
	return m
}()

func newTagger(text string) *tagger {
	tg := &tagger{text: text, toks: tokenize(text), sents: textseg.Split(text)}
	tg.ms = tg.matchers()
	tg.sent = make([]int, len(tg.toks))
	s := 0
	for i, t := range tg.toks {
		for s < len(tg.sents) && tg.sents[s].End <= t.start {
			s++
		}
		if s < len(tg.sents) && tg.sents[s].Start <= t.start {
			tg.sent[i] = s
		} else {
			tg.sent[i] = -1
		}
	}
	return tg
}

// cand is a candidate expression over tokens [i, j).
type cand struct {
	i, j int
	typ  string
	mod  string
	// noAnchor keeps the value out of the anchors of later anaphoric
	// expressions (comparisons such as "a year earlier" are not where the
	// story moves to).
	noAnchor bool
	// res computes the value. It returns "" to drop the candidate.
	res func(r *rctx) (value string, pt point, anchored bool)
}

// bound reports whether the expression starting at token i is a bound
// ("since the March 4 meeting", "until May"): it refers to another time
// than the one the story is at, so it anchors nothing.
func (tg *tagger) bound(i int) bool {
	for k, back := i-1, 0; k >= 0 && back < 2; k, back = k-1, back+1 {
		switch tg.toks[k].l {
		case "the":
			continue
		case "since", "until", "till", "before", "after":
			return true
		}
		return false
	}
	return false
}

// rctx is what a resolver may use.
type rctx struct {
	dct     point // gDay, or y == unknownYear when the DCT is unknown
	hasDCT  bool
	tense   string
	anchors []point // DATE values earlier in the document, oldest first
	// sentWeek is the latest week-precision DATE of the current sentence
	// ("next week, on Wednesday or Thursday") when it ended at most
	// weekReach tokens before the current expression, else the zero point.
	sentWeek point
	strict   bool  // yearFor: the tense side is required ("last Oct. 23")
	lastQ    point // most recent quarter-precision DATE in the document not after the DCT's quarter
}

// scan proposes candidates left to right, taking the longest at each
// position.
func (tg *tagger) scan() []cand {
	var out []cand
	for i := 0; i < len(tg.toks); {
		c := tg.best(i)
		if c == nil {
			i++
			continue
		}
		out = append(out, *c)
		i = c.j
	}
	return out
}

// best returns the longest candidate starting at token i, or nil.
func (tg *tagger) best(i int) *cand {
	if !tg.noFilter && !tg.canStart(i) {
		return nil
	}
	var best *cand
	for _, m := range tg.ms {
		c := m(i)
		if c == nil || c.j <= c.i {
			continue
		}
		if best == nil || c.j > best.j {
			best = c
		}
	}
	return best
}

func (tg *tagger) resolveAll(cands []cand, dct time.Time) []Expr {
	r := &rctx{hasDCT: !dct.IsZero()}
	if r.hasDCT {
		r.dct = point{g: gDay, y: dct.Year(), m: int(dct.Month()), d: dct.Day()}
	} else {
		r.dct = point{g: gDay, y: unknownYear}
	}
	var out []Expr
	prevSent, weekEnd := -1, -1
	for _, c := range cands {
		r.tense = tg.tense(c.i, c.j)
		if tg.sent[c.i] != prevSent || prevSent < 0 || c.i-weekEnd > weekReach {
			r.sentWeek = point{}
		}
		v, pt, anch := c.res(r)
		prevSent = tg.sent[c.i]
		if pt.g == gWeek && c.typ == Date && !strings.HasSuffix(v, "-WE") {
			r.sentWeek, weekEnd = pt, c.j
		}
		if v == "" {
			continue
		}
		start, end := tg.toks[c.i].start, tg.toks[c.j-1].end
		out = append(out, Expr{Start: start, End: end, Text: tg.text[start:end], Type: c.typ, Value: v,
			Mod: c.mod, Anchored: anch, Tense: r.tense})
		if (c.typ == Date || c.typ == Time) && pt.g != gNone && pt.y != unknownYear && !c.noAnchor && !tg.bound(c.i) {
			r.anchors = append(r.anchors, pt)
			if pt.g == gQuarter && (!r.hasDCT || pt.y*4+pt.sub-1 <= r.dct.y*4+(r.dct.m-1)/3) {
				r.lastQ = pt // a reporting period, not a forecast
			}
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	return out
}

// weekReach is how many tokens after a week expression a weekday may be
// read as a day of that week ("next week, on Wednesday or Thursday").
const weekReach = 8

// tense returns the tense of the clause around tokens [i, j): the marker
// nearest before i in the same sentence, else the nearest after j.
func (tg *tagger) tense(i, j int) string {
	s := tg.sent[i]
	switch tg.word(i - 1) {
	case "until", "till", "by":
		// a deadline is ahead, unless a past perfect sets it in the past
		// ("had filed reports by Wednesday", "Until Thursday, they had
		// not…", "But by Monday, officials hardened…")
		if tg.deadlinePassed(i, j) {
			return "past"
		}
		return "future"
	}
	if tg.word(i-1) == "as" && tg.word(i-3) == "as" {
		switch tg.word(i - 2) {
		case "soon", "early", "late":
			return "future"
		}
	}
	for k := i - 1; k >= 0 && tg.sent[k] == s; k-- {
		if t := tg.tenseAt(k); t != "" {
			if t == "past" && tg.passive(k) {
				continue // "will be held": the auxiliary decides
			}
			return t
		}
	}
	for k := j; k < len(tg.toks) && tg.sent[k] == s; k++ {
		if t := tg.tenseAt(k); t != "" {
			return t
		}
	}
	return ""
}

// deadlinePassed reports whether "by/until X" at tokens [i, j) is told
// as past: the nearest tense marker before it in the sentence is "had", or
// the phrase opens the sentence (after "but"/"and") and the nearest marker
// after it is past.
func (tg *tagger) deadlinePassed(i, j int) bool {
	s := tg.sent[i]
	for k := i - 2; k >= 0 && tg.sent[k] == s; k-- {
		if t := tg.tenseAt(k); t != "" {
			return tg.word(k) == "had" || t == "past" && tg.word(k-1) == "had"
		}
	}
	k := i - 2
	if w := tg.word(k); w == "but" || w == "and" || w == "then" {
		k--
	}
	if k >= 0 && tg.sent[k] == s && !tg.punct(k, "``") && !tg.punct(k, "\"") {
		return false
	}
	for k := j; k < len(tg.toks) && tg.sent[k] == s; k++ {
		if t := tg.tenseAt(k); t != "" {
			return t == "past" && !tg.passive(k)
		}
	}
	return false
}

// passive reports whether the past form at k follows a form of "be".
func (tg *tagger) passive(k int) bool {
	switch tg.word(k - 1) {
	case "be", "been", "being", "is", "are", "was", "were":
		return !irregularPastAux[tg.word(k)]
	}
	return false
}

// irregularPastAux are past forms that are themselves auxiliaries.
var irregularPastAux = map[string]bool{"was": true, "were": true, "had": true, "did": true, "been": true}

// tenseAt returns the tense token k marks, or "".
func (tg *tagger) tenseAt(k int) string {
	t := &tg.toks[k]
	if t.kind != tWord {
		return ""
	}
	w := t.l
	if k > 0 && (tg.toks[k-1].s == "'" || tg.toks[k-1].s == "’") && !t.sp {
		switch w {
		case "ll":
			return "future"
		case "s":
			switch tg.word(k - 1) {
			case "it", "he", "she", "that", "there", "what", "who", "here":
				return "present"
			}
			return ""
		case "re", "m":
			return "present"
		case "d":
			return "future"
		case "ve":
			return "past"
		}
		return ""
	}
	switch {
	case w == "may" || w == "might":
		if t.s[0] == 'M' && k > 0 && tg.sent[k-1] == tg.sent[k] {
			return "" // the month, not the modal
		}
		return "future"
	case w == "next":
		if tg.word(k+1) == "to" {
			return "" // "next to the embassy"
		}
		return "future"
	case w == "couldn":
		return "past"
	case w == "could":
		// "could not be reached Monday", "could be located Wednesday"
		switch nw := tg.word(k + 1); {
		case nw == "not" || nw == "n":
			return "past"
		case nw == "be" && strings.HasSuffix(tg.word(k+2), "ed"):
			return "past"
		}
		return "future"
	case w == "going":
		if tg.word(k+1) == "to" {
			return "future"
		}
		return ""
	case w == "set" && tg.word(k+1) == "to":
		return "future"
	case (w == "is" || w == "are") && tg.word(k+1) == "to":
		return "future"
	case w == "due":
		if tg.word(k+1) == "to" {
			return ""
		}
		return "future"
	case futureWords[w]:
		if nounFuture[w] && (determiners[tg.word(k-1)] || tg.word(k-1) == "s" && tg.possessive(k-2)) {
			return "" // "the plan", "the company's plans"
		}
		return "future"
	case w == "has" || w == "have" || w == "had":
		return "past"
	case irregularPast[w]:
		if determiners[tg.word(k-1)] {
			return "" // "the ground", "its cost"
		}
		return "past"
	case presentWords[w]:
		return "present"
	case len(w) > 4 && strings.HasSuffix(w, "ed") && !notPastED[w] && t.s[0] >= 'a' && t.s[0] <= 'z':
		if determiners[tg.word(k-1)] {
			return "" // "the alleged", "a planned"
		}
		return "past"
	case w == "ago":
		return "past"
	}
	return ""
}

// nounFuture are future markers that are also nouns.
var nounFuture = toSet(`plan plans hope hopes want wants aims`)

// determiners before a word make it a noun or an adjective, not a verb.
var determiners = toSet(`the a an his her its their our my your this that these those`)

// word returns the lower-case word at token k, or "" when k is out of range
// or not a word.
func (tg *tagger) word(k int) string {
	if k < 0 || k >= len(tg.toks) || tg.toks[k].kind != tWord {
		return ""
	}
	return tg.toks[k].l
}

// punct reports whether token k is the punctuation p.
func (tg *tagger) punct(k int, p string) bool {
	return k >= 0 && k < len(tg.toks) && tg.toks[k].kind == tPunct && tg.toks[k].s == p
}

// glued reports whether token k follows token k-1 with no space.
func (tg *tagger) glued(k int) bool {
	return k > 0 && k < len(tg.toks) && !tg.toks[k].sp
}

// capital reports whether token k starts with an upper-case letter.
func (tg *tagger) capital(k int) bool {
	if k < 0 || k >= len(tg.toks) {
		return false
	}
	s := tg.toks[k].s
	return s != "" && s[0] >= 'A' && s[0] <= 'Z'
}

// sameSentence reports whether tokens a and b are in one sentence.
func (tg *tagger) sameSentence(a, b int) bool {
	return a >= 0 && b >= 0 && a < len(tg.toks) && b < len(tg.toks) && tg.sent[a] == tg.sent[b]
}
