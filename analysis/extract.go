package analysis

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot/analysis/entity"
	"github.com/briefbot/briefbot/analysis/quote"
	"github.com/briefbot/briefbot/analysis/textseg"
)

// extractor turns the stages' output for one document into facts.
type extractor struct {
	a      *Analysis
	doc    Document
	text   string
	sents  []textseg.Sentence
	ents   entity.Result
	quotes []quote.Quote
}

// sentenceAt returns the index of the sentence containing byte offset off.
func (x *extractor) sentenceAt(off int) int {
	for i, s := range x.sents {
		if off >= s.Start && off < s.End {
			return i
		}
	}
	return -1
}

func (x *extractor) fact(kind FactKind, si int) Fact {
	s := x.sents[si]
	ev := x.text[s.Start:s.End]
	return Fact{Kind: kind, Span: Span{s.Start, s.End}, Evidence: ev, Text: ev}
}

// roleClaims records each title or role given to an entity as a claim.
func (x *extractor) roleClaims() {
	for _, r := range x.ents.Roles {
		si := r.Sentence
		if si < 0 || si >= len(x.sents) {
			continue
		}
		f := x.fact(Claim, si)
		id := uint64(r.Cluster + 1)
		f.Subject, f.Entities = id, []uint64{id}
		f.Attribute, f.Value = "role", r.Text
		x.a.Facts = append(x.a.Facts, f)
	}
}

// quoteFacts records each direct quote with its speaker.
func (x *extractor) quoteFacts() {
	for _, q := range x.quotes {
		si := q.Sentence
		if si < 0 || si >= len(x.sents) {
			continue
		}
		f := x.fact(Quote, si)
		// the citation covers every sentence the quote runs through
		if end := x.sentenceAt(q.End - 1); end > si {
			f.Span.End = x.sents[end].End
			f.Evidence = x.text[f.Span.Start:f.Span.End]
			f.Text = f.Evidence
		}
		f.Quote, f.Cue = q.Text, q.Cue
		if q.Speaker >= 0 {
			f.Speaker = uint64(q.Speaker + 1)
			f.Entities = []uint64{f.Speaker}
		}
		x.a.Facts = append(x.a.Facts, f)
	}
}

// trigger is a word or phrase in a sentence that names a happening.
type trigger struct {
	start, end int // byte offsets in the text
	word       string
	class      string
}

var (
	negatedRE         = regexp.MustCompile(`\b(no|not|without|never|nor)\s+(\w+\s+)?$`)
	aggregateBeforeRE = regexp.MustCompile(`\b(\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|numerous|multiple|dozens of|a series of)\s+([a-z]+\s+)?$`)
	aggregateAfterRE  = regexp.MustCompile(`^[^,.;]{0,25}\b(\d+|two|three|four|five|six|seven|eight|nine|ten|several|many) times\b`)
	spentWithRE       = regexp.MustCompile(`^[^,.;]{0,40}\bwith\b`)
)

// calledWhomRE: "called" is a phone call when somebody is called.
var calledWhomRE = regexp.MustCompile(`^\s+(him|her|them|several|his|their|[A-Z][a-z]+\s+[A-Z]|[A-Z][a-z]+[,.]|[A-Z][a-z]+$|the (president|prime minister|leader|chancellor|king)\b)`)

// letterWords returns the [start, end) offsets of the words of s: runs of
// ASCII letters, joined by single hyphens ("three-hour", "re-elected").
func letterWords(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		if !isLetterByte(s[i]) {
			i++
			continue
		}
		j := i
		for {
			for j < len(s) && isLetterByte(s[j]) {
				j++
			}
			if j+1 < len(s) && s[j] == '-' && isLetterByte(s[j+1]) {
				j++
				continue
			}
			break
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

func isLetterByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// asciiLower lower-cases the ASCII letters of s only, so that byte offsets
// into the result are offsets into s (strings.ToLower may change lengths).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// multiword triggers, tried before single words.
var phraseTriggers = []string{"news conference", "press conference", "spoke by phone", "spoke by telephone", "phone call", "phone conversation", "phone conversations", "telephone conversation", "phone talks", "sat down"}

// findTriggers returns the happening words in text[start:end], outside
// quotations.
func (x *extractor) findTriggers(start, end int) []trigger {
	s := x.text[start:end]
	lower := asciiLower(s) // same byte offsets as s
	var out []trigger
	taken := make([]bool, len(s))
	for _, p := range phraseTriggers {
		for off := 0; ; {
			i := strings.Index(lower[off:], p)
			if i < 0 {
				break
			}
			i += off
			if (i == 0 || !isWordByte(lower[i-1])) && (i+len(p) == len(lower) || !isWordByte(lower[i+len(p)])) {
				out = append(out, trigger{start + i, start + i + len(p), s[i : i+len(p)], ActionClass(p)})
				for k := i; k < i+len(p); k++ {
					taken[k] = true
				}
			}
			off = i + len(p)
		}
	}
	for _, loc := range letterWords(s) {
		if taken[loc[0]] {
			continue
		}
		w := lower[loc[0]:loc[1]]
		class := actionClasses[w]
		if (w == "spent" || w == "spends" || w == "spend") && spentWithRE.MatchString(lower[loc[1]:]) {
			class = "meet" // "spent six hours with the president"
		}
		if w == "called" && !calledWhomRE.MatchString(s[loc[1]:]) {
			continue // "called the talks useful", "called for calm": no phone call
		}
		if class == "" {
			continue
		}
		if x.inQuote(start + loc[0]) {
			continue
		}
		before := lower[max(0, loc[0]-24):loc[0]]
		after := lower[loc[1]:min(len(lower), loc[1]+40)]
		if negatedRE.MatchString(before) || aggregateBeforeRE.MatchString(before) || aggregateAfterRE.MatchString(after) {
			continue // "no deal", "four meetings", "visited Russia four times"
		}
		out = append(out, trigger{start + loc[0], start + loc[1], s[loc[0]:loc[1]], class})
	}
	sortTriggers(out)
	return out
}

func sortTriggers(ts []trigger) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j].start < ts[j-1].start; j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

func (x *extractor) inQuote(off int) bool {
	for _, q := range x.quotes {
		if off >= q.Start && off < q.End {
			return true
		}
	}
	return false
}

// strongClasses are the happenings worth a timeline entry on their own;
// weaker ones ("announced", "statement") only when a date is attached.
var strongClasses = map[string]bool{
	"meet": true, "summit": true, "call": true, "visit": true, "deadline": true, "sign": true,
	"agree": true, "attack": true, "elect": true, "vote": true, "resign": true, "appoint": true,
	"dismiss": true, "arrest": true, "charge": true, "sentence": true, "release": true,
	"protest": true, "ceasefire": true, "hearing": true, "conference": true, "launch": true, "decide": true,
}

// Words and phrases that make a sentence speak of what is planned or
// expected rather than what happened.
var (
	plannedWords = map[string]bool{
		"will": true, "would": true, "shall": true, "expects": true, "expect": true, "planned": true,
		"planning": true, "scheduled": true, "may": true, "might": true, "could": true, "upcoming": true,
		"forthcoming": true, "proposed": true, "possible": true, "possibility": true, "preparation": true,
		"preparations": true, "prepare": true,
	}
	plannedPhrases = [][]string{
		{"is", "expected"}, {"are", "expected"}, {"was", "expected"}, {"plan", "to"}, {"plans", "to"},
		{"is", "set", "to"}, {"are", "set", "to"}, {"set", "for"}, {"to", "hold"}, {"to", "meet"},
		{"to", "visit"}, {"not", "ruled", "out"}, {"intend", "to"}, {"intends", "to"}, {"aim", "to"},
		{"aims", "to"}, {"agreed", "to", "hold"}, {"agreed", "to", "arrange"}, {"agreed", "to", "meet"},
		{"next", "week"}, {"coming", "days"}, {"in", "the", "near", "future"},
	}
)

// isPlanned reports whether a sentence speaks of a plan: one of
// plannedWords, or one of plannedPhrases with single spaces between its
// words (case ignored).
func isPlanned(sentence string) bool {
	type tok struct {
		w       string
		spaceBf bool // preceded by exactly one space after the previous word
	}
	var toks []tok
	prevEnd := -1
	for i := 0; i < len(sentence); {
		if !isWordByte(sentence[i]) && sentence[i] != '_' {
			i++
			continue
		}
		j := i
		for j < len(sentence) && (isWordByte(sentence[j]) || sentence[j] == '_') {
			j++
		}
		w := asciiLower(sentence[i:j])
		if plannedWords[w] {
			return true
		}
		toks = append(toks, tok{w, prevEnd >= 0 && i == prevEnd+1 && sentence[prevEnd] == ' '})
		prevEnd = j
		i = j
	}
	for k := range toks {
	phrases:
		for _, p := range plannedPhrases {
			if k+len(p) > len(toks) {
				continue
			}
			for n, w := range p {
				if toks[k+n].w != w || n > 0 && !toks[k+n].spaceBf {
					continue phrases
				}
			}
			return true
		}
	}
	return false
}

// events finds the happenings each sentence tells: a trigger word, the time
// expressions near it, its participants, place and numbers. A sentence that
// refers back to a happening just told ("The talks lasted five hours", "He
// arrived with a 12-member delegation") adds a fact about that happening,
// with its date, citing its own sentence.
func (x *extractor) events() {
	var prevSubject uint64
	var carry carried
	var more []Fact
	for si := range x.sents {
		n := len(x.a.Facts)
		used := x.sentenceEvents(si, &prevSubject)
		more = x.moreEvents(si, used, x.a.Facts[n:], &carry, more)
	}
	// after the loop: what a sentence refers back to ("the talks") is
	// looked for among the main happenings only
	x.a.Facts = append(x.a.Facts, more...)
	x.carryNarrativeDate()
}

// narrativeWindow is how long before its publication a dated happening may
// be for the article's next sentences to be taken as telling it.
const narrativeWindow = 7 * 24 * time.Hour

// carryNarrativeDate dates the reports of what happened that have no date
// of their own by the article's main happening: the first one it dates to
// a day of the week before publication. An article about "Friday's press
// conference" goes on telling it ("Jobs also said…", "He showed videos…")
// without repeating the day. Only what is told after that happening's
// sentence is dated so, and a plan is not; an article whose first dated
// happening lies further back ("in 1976") has no such main happening.
func (x *extractor) carryNarrativeDate() {
	pub := DayOf(x.doc.Published)
	if pub.IsZero() {
		return
	}
	var main Fact
	found := false
	for _, f := range x.a.Facts {
		if f.Kind != Event || f.Date.IsZero() || f.How == Publication || f.Planned {
			continue
		}
		if !found || f.Span.Start < main.Span.Start {
			main, found = f, true
		}
	}
	if !found || main.Date.Prec != Day || main.Date.Time().After(pub.Time()) || pub.Time().Sub(main.Date.Time()) > narrativeWindow {
		return
	}
	for i := range x.a.Facts {
		f := &x.a.Facts[i]
		if f.Kind != Event || f.Planned || !f.Date.IsZero() && f.How != Publication || f.Span.Start <= main.Span.Start {
			continue
		}
		f.Date, f.DateText, f.How = main.Date, main.DateText, main.How
	}
}

// sentenceEvents adds the main happenings sentence si tells (see events) and
// returns the offsets of the trigger words it used.
func (x *extractor) sentenceEvents(si int, prevSubject *uint64) map[int]bool {
	s := x.sents[si]
	{
		trigs := x.findTriggers(s.Start, s.End)
		parts, source, place := x.participants(si)
		subject := x.firstPerson(si)
		if len(trigs) > 0 && startsWithPronoun(x.text[s.Start:s.End]) && *prevSubject != 0 && !containsID(parts, *prevSubject) {
			parts = append(parts, *prevSubject)
		}
		if subject != 0 {
			*prevSubject = subject
		}
		nums := x.numbersIn(s.Start, s.End)
		if len(trigs) == 0 && len(nums) == 0 || !endsSentence(x.text[s.Start:s.End]) {
			return nil // nothing told, or a headline: it only announces what the body tells
		}
		dates := x.datesIn(s.Start, s.End)
		sentence := x.text[s.Start:s.End]
		planned := isPlanned(sentence)
		ante, hasAnte := x.antecedent(si, planned)

		type cand struct {
			f      Fact
			anchor [2]int // the trigger's and the date's offsets, for nearness
		}
		var cands []cand
		used := map[int]bool{}
		emitted := map[string]bool{}
		// one event per date (per coordinated date in a list), told by the
		// trigger nearest to it
		for _, grp := range coordinate(x.text, dates) {
			t := nearestTrigger(trigs, grp[0])
			if t == nil {
				continue
			}
			used[t.start] = true
			for _, d := range grp {
				f := x.fact(Event, si)
				f.Action, f.Trigger = t.class, t.word
				f.Date, f.DateText, f.How = d.date, d.text, d.how
				if d.alt {
					// "August 6 or 7": only the month is sure
					f.Date = Date{Year: d.date.Year, Month: d.date.Month, Prec: Month}
					f.DateText = d.fullText
				}
				f.Planned = planned || d.future
				f.Entities = append([]uint64(nil), parts...)
				key := f.Date.String() + "|" + f.Action
				if emitted[key] {
					continue
				}
				emitted[key] = true
				cands = append(cands, cand{f, [2]int{t.start, d.start}})
				if d.alt {
					break
				}
			}
		}
		// "the talks", "that meeting": the happening just told, or else the
		// article's main happening of that kind
		for _, t := range trigs {
			if used[t.start] || !definiteRE.MatchString(strings.ToLower(x.text[max(s.Start, t.start-20):t.start])) {
				continue
			}
			ref, ok := ante, hasAnte && compatibleActions(ante.Action, t.class)
			if !ok {
				ref, ok = x.mainEvent(t.class, planned)
			}
			if !ok {
				continue
			}
			used[t.start] = true
			cands = append(cands, cand{x.continuation(si, ref, t.word), [2]int{t.start, t.start}})
		}
		if len(cands) == 0 {
			// no date: the first strong happening; when it goes on with the
			// one just told ("Dorenko arrived with a delegation"), it shares
			// that one's time, else it is placed at publication
			for _, t := range trigs {
				if used[t.start] || !strongClasses[t.class] {
					continue
				}
				if hasAnte && compatibleActions(ante.Action, t.class) && si-x.sentenceAt(ante.Span.Start) <= 2 &&
					(len(parts) == 0 || sharedCount(ante.Entities, parts) > 0) {
					f := x.continuation(si, ante, t.word)
					f.Entities = union(f.Entities, parts)
					used[t.start] = true
					cands = append(cands, cand{f, [2]int{t.start, t.start}})
					break
				}
				if len(parts) == 0 && !x.continuesEvent(t.class) {
					break
				}
				f := x.fact(Event, si)
				f.Action, f.Trigger = t.class, t.word
				f.How = Publication
				f.Planned = planned
				f.Entities = append([]uint64(nil), parts...)
				used[t.start] = true
				cands = append(cands, cand{f, [2]int{t.start, t.start}})
				break
			}
		}
		if len(cands) == 0 && len(nums) > 0 && hasAnte && sharedCount(ante.Entities, parts) > 0 && si-x.sentenceAt(ante.Span.Start) <= 2 {
			// numbers about the happening just told ("Dorenko was
			// accompanied by 15 delegates")
			cands = append(cands, cand{x.continuation(si, ante, ""), [2]int{s.Start, s.Start}})
		}
		if len(cands) == 0 {
			return used
		}
		// numbers and the place go to the nearest event of the sentence
		nearest := func(at int) int {
			best, bestD := 0, 1<<30
			for k, c := range cands {
				for _, a := range c.anchor {
					if dd := abs(a - at); dd < bestD {
						best, bestD = k, dd
					}
				}
			}
			return best
		}
		for k := range cands {
			cands[k].f.Speaker = source
		}
		for _, n := range nums {
			k := nearest(n.at)
			cands[k].f.Numbers = append(cands[k].f.Numbers, n.q)
		}
		if place.text != "" {
			k := nearest(place.at)
			// where it happened is told next to the telling word: "met …
			// in the Kremlin", "In Moscow, the two met"
			if d := place.at - cands[k].anchor[0]; d > -40 && d < 120 || place.at-s.Start < 12 {
				cands[k].f.Place = place.text
			}
		}
		for _, c := range cands {
			x.a.Facts = append(x.a.Facts, c.f)
		}
		return used
	}
}

// definiteRE matches what precedes a trigger that refers back: "the
// talks", "that meeting", "the two-hour session".
var definiteRE = regexp.MustCompile(`\b(the|that|this|those|these|their|the same)\s+([a-z-]+\s+)?$`)

// antecedent returns the article's most recent event fact told in the five
// sentences before sentence si; a plan only when the sentence speaks of plans
// itself.
func (x *extractor) antecedent(si int, planned bool) (Fact, bool) {
	from := x.sents[max(0, si-5)].Start
	for k := len(x.a.Facts) - 1; k >= 0; k-- {
		f := x.a.Facts[k]
		if f.Kind != Event || f.Planned && !planned {
			continue
		}
		if f.Span.Start < from {
			break
		}
		return f, true
	}
	return Fact{}, false
}

// mainEvent returns the article's first happening of a compatible class
// with a date of its own and participants (a plan only if planned).
func (x *extractor) mainEvent(class string, planned bool) (Fact, bool) {
	for _, f := range x.a.Facts {
		if f.Kind == Event && compatibleActions(f.Action, class) && f.How != Publication &&
			len(f.Entities) > 0 && (!f.Planned || planned) {
			return f, true
		}
	}
	return Fact{}, false
}

// endsSentence reports whether s ends like a sentence (not a headline).
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \t\"'”’»)]")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "…")
}

// continuation is a fact of sentence si about the happening ante told: same
// action, time and participants, its own citation.
func (x *extractor) continuation(si int, ante Fact, word string) Fact {
	f := x.fact(Event, si)
	f.Action, f.Trigger = ante.Action, word
	if word == "" {
		f.Trigger = ante.Trigger
	}
	f.Date, f.DateText, f.How, f.Planned = ante.Date, ante.DateText, ante.How, ante.Planned
	f.Entities = append([]uint64(nil), ante.Entities...)
	return f
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// continuesEvent reports whether the article already told a happening of
// this class, so that "The talks lasted five hours." adds to it.
func (x *extractor) continuesEvent(class string) bool {
	for _, f := range x.a.Facts {
		if f.Kind == Event && compatibleActions(f.Action, class) {
			return true
		}
	}
	return false
}

func startsWithPronoun(s string) bool {
	w := strings.ToLower(strings.Trim(strings.SplitN(s, " ", 2)[0], ",;:\"“"))
	switch w {
	case "he", "she", "his", "her", "during", "there":
		return true
	}
	lower := strings.ToLower(s)
	return strings.Contains(lower, " he ") || strings.Contains(lower, " she ") || strings.Contains(lower, " his ")
}

// firstPerson returns the first person named in sentence si, or 0.
func (x *extractor) firstPerson(si int) uint64 {
	s := x.sents[si]
	for _, m := range x.ents.Mentions {
		if m.Start >= s.Start && m.End <= s.End && m.Type == "PER" && !x.inRole(m) {
			return uint64(m.Cluster + 1)
		}
	}
	return 0
}

// inRole reports whether a mention lies inside another entity's role
// phrase ("US President Donald Trump's special envoy"): it then describes
// somebody else and is no participant.
func (x *extractor) inRole(m entity.Mention) bool {
	for _, r := range x.ents.Roles {
		if r.Cluster != m.Cluster && m.Start >= r.Start && m.End <= r.End {
			return true
		}
	}
	return false
}

// participants returns the people and organisations taking part in what
// sentence si tells, who is given as its source ("according to X", "X
// said"), and where it happened. Mentions inside somebody else's title and
// places are left out; a place after "in" or "at" becomes the place.
func (x *extractor) participants(si int) (ids []uint64, source uint64, place placeAt) {
	s := x.sents[si]
	for _, q := range x.quotes {
		if q.Sentence == si && q.Speaker >= 0 {
			source = uint64(q.Speaker + 1)
			break
		}
	}
	for _, m := range x.ents.Mentions {
		if m.Start < s.Start || m.End > s.End {
			continue
		}
		before := strings.ToLower(x.text[max(s.Start, m.Start-40):m.Start])
		if isPlaceMention(m, before) {
			if place.text == "" {
				place = placeAt{placePhrase(x.text, m, before), m.Start}
			}
			continue
		}
		if m.Type != "PER" && m.Type != "ORG" {
			continue
		}
		if x.inRole(m) || x.inQuote(m.Start) {
			continue
		}
		id := uint64(m.Cluster + 1)
		after := x.text[m.End:min(s.End, m.End+80)]
		if isSourceMention(before) || speechAfterRE.MatchString(after) {
			if source == 0 {
				source = id
			}
			continue
		}
		if id != source && !containsID(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids, source, place
}

// speechAfterRE matches what follows a speaker: "X said", "X, who ..., told",
// "X recently announced".
var speechAfterRE = regexp.MustCompile(`^(?:’s|'s)?\s*(?:,[^,]{1,60},\s*)?(?:[a-z]+ly\s+)?(?:has\s+|had\s+|have\s+)?(?:said|says|added|adds|noted|notes|told|tells|stated|states|stressed|emphasized|emphasised|explained|warned|confirmed|clarified|described|announced|claimed|insisted|argued|wrote|tweeted|posted|remarked|reiterated|recalled|declared|commented|acknowledged|admitted|suggested|indicated|revealed|reported|believes|thinks)\b`)

// placeAt is a place phrase and where it is in the text.
type placeAt struct {
	text string
	at   int
}

var placePrepRE = regexp.MustCompile(`\b(in|at|inside|to|from)\s+(the\s+)?$`)

// isPlaceMention reports whether mention m names where something happened:
// a location, or a seat of power after "in"/"at" ("at the Kremlin").
func isPlaceMention(m entity.Mention, before string) bool {
	prep := placePrepRE.FindStringSubmatch(before)
	if prep == nil {
		return false
	}
	if m.Type == "LOC" {
		return prep[1] == "in" || prep[1] == "at" || prep[1] == "inside"
	}
	if m.Type == "ORG" {
		_, known := placeParent[PlaceKey(m.Text)]
		return known && (prep[1] == "in" || prep[1] == "at" || prep[1] == "inside")
	}
	return false
}

func placePhrase(text string, m entity.Mention, before string) string {
	if strings.HasSuffix(before, "the ") {
		return text[m.Start-4 : m.End]
	}
	return m.Text
}

var sourceRE = regexp.MustCompile(`(according to|as quoted by|quoted by|told|reported by|cited by|via|said|says)\s+(the\s+)?([a-z-]+\s+){0,4}$`)

func isSourceMention(before string) bool {
	return sourceRE.MatchString(before)
}

// datedExpr is a DATE expression resolved to a Date.
type datedExpr struct {
	start, end int
	text       string
	fullText   string // with an alternative: "August 6 or 7"
	date       Date
	how        Known
	future     bool // after the publication date
	alt        bool // followed by "or <another date>"
}

// datesIn returns the dated time expressions in text[start:end].
func (x *extractor) datesIn(start, end int) []datedExpr {
	var out []datedExpr
	pub := DayOf(x.doc.Published)
	for _, t := range x.a.Times {
		if t.Span.Start < start || t.Span.End > end || (t.Type != "DATE" && t.Type != "TIME") {
			continue
		}
		d, ok := ParseDate(t.Value)
		if !ok || d.Year < 1000 {
			continue
		}
		if boundRE.MatchString(x.text[max(start, t.Span.Start-12):t.Span.Start]) {
			continue // "since January", "until May": a bound, not when it happened
		}
		how := Stated
		if t.Anchor != "" {
			how = Resolved
		}
		de := datedExpr{start: t.Span.Start, end: t.Span.End, text: t.Text, fullText: t.Text, date: d, how: how}
		if !pub.IsZero() && d.Time().After(pub.End()) {
			de.future = true
		}
		// "August 6 or 7", "Wednesday or Thursday": an alternative
		rest := x.text[t.Span.End:min(end, t.Span.End+20)]
		if m := altRE.FindStringSubmatch(rest); m != nil {
			de.alt = true
			de.fullText = x.text[t.Span.Start : t.Span.End+len(m[0])]
		}
		out = append(out, de)
	}
	// drop expressions swallowed by an alternative, and years that only
	// frame a precise date ("on Wednesday for the fourth time this year")
	hasDay := false
	for _, d := range out {
		if d.date.Prec == Day {
			hasDay = true
		}
	}
	var kept []datedExpr
	for i, d := range out {
		if i > 0 && out[i-1].alt && d.start < out[i-1].start+len(out[i-1].fullText) {
			continue
		}
		if d.date.Prec == Year && (hasDay || d.how == Resolved) {
			continue // "this year" frames happenings; it does not date one
		}
		kept = append(kept, d)
	}
	if len(kept) == 0 {
		if d, ok := x.laterDate(start, end); ok {
			kept = append(kept, d)
		}
	}
	return kept
}

// laterRE matches a time told from the one just told: "one year later",
// "two years later", "the following year", "a month later".
var laterRE = regexp.MustCompile(`(?i)\b(?:(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(year|month)s?\s+later|the\s+(following|next)\s+(year|month))\b`)

// laterDate resolves, in a sentence with no date of its own, a time told
// from the last date the article told before it ("He founded the firm in
// 1984. One year later he left it." → 1985), at that date's precision or
// coarser: a year for "years later", a month for "months later".
func (x *extractor) laterDate(start, end int) (datedExpr, bool) {
	s := x.text[start:end]
	if !strings.Contains(s, "later") && !strings.Contains(s, "following") && !strings.Contains(s, "next") {
		return datedExpr{}, false
	}
	m := laterRE.FindStringSubmatchIndex(s)
	if m == nil {
		return datedExpr{}, false
	}
	var prev Date
	prevAt := -1
	for _, t := range x.a.Times {
		if t.Span.End > start || t.Type != "DATE" || t.Span.Start < prevAt {
			continue
		}
		if d, ok := ParseDate(t.Value); ok && d.Year >= 1000 && d.Prec >= Year {
			prev, prevAt = d, t.Span.Start
		}
	}
	if prev.IsZero() {
		return datedExpr{}, false
	}
	n, unit := 1, ""
	if m[2] >= 0 {
		if v, ok := numberValue(strings.ToLower(s[m[2]:m[3]])); ok {
			n = int(v)
		}
		unit = strings.ToLower(s[m[4]:m[5]])
	} else {
		unit = strings.ToLower(s[m[8]:m[9]])
	}
	d := Date{Year: prev.Year + n, Prec: Year}
	if unit == "month" {
		if prev.Prec < Month {
			return datedExpr{}, false
		}
		mo := prev.Month - 1 + n
		d = Date{Year: prev.Year + mo/12, Month: mo%12 + 1, Prec: Month}
	}
	return datedExpr{start: start + m[0], end: start + m[1], text: s[m[0]:m[1]], fullText: s[m[0]:m[1]], date: d, how: Resolved}, true
}

var boundRE = regexp.MustCompile(`(?i)\b(since|until|till|through|after|before)\s+(the\s+)?$`)

var altRE = regexp.MustCompile(`^\s+or\s+(\d{1,2}\b|[A-Z][a-z]+day\b|[A-Z][a-z]+ \d{1,2}\b)`)

// coordinate splits the sentence's dates into groups: dates joined only by
// commas and "and" ("on February 11, March 13, April 11, and April 25") form
// one group, told by the same trigger; others stand alone.
func coordinate(text string, dates []datedExpr) [][]datedExpr {
	var out [][]datedExpr
	for i, d := range dates {
		if i > 0 {
			gap := strings.TrimSpace(text[dates[i-1].end:d.start])
			gap = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(gap, ","), " "))
			if gap == "" || gap == "and" || gap == ", and" || gap == "," {
				out[len(out)-1] = append(out[len(out)-1], d)
				continue
			}
		}
		out = append(out, []datedExpr{d})
	}
	return out
}

// nearestTrigger returns the trigger closest to a date expression, preferring
// one in the same clause (no comma or semicolon between them).
func nearestTrigger(ts []trigger, d datedExpr) *trigger {
	var best *trigger
	bestDist := 1 << 30
	for i := range ts {
		t := &ts[i]
		dist := t.start - d.end
		if t.end <= d.start {
			dist = d.start - t.end
		}
		if dist < 0 {
			dist = 0
		}
		if !strongClasses[t.class] {
			dist += 60
		}
		if dist < bestDist {
			best, bestDist = t, dist
		}
	}
	return best
}

// numbers: durations come from the time expressions; counts from "<number>
// <noun>" phrases.
// The modifier is looked for before the number (countModRE) rather than
// inside countRE: an optional leading group makes the pattern slow to try
// at every position.
var (
	countRE    = regexp.MustCompile(`(?i)\b(\d{1,3}(?:,\d{3})*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty|forty|fifty|dozen|a dozen)\s+((?:[a-z]+[- ]){0,2}?)(times|[a-z]{3,}s)\b`)
	countModRE = regexp.MustCompile(`(?i)\b(about|around|roughly|nearly|almost|over|more than|at least|some|up to|under|fewer than|less than)\s*$`)
)

var numberWords = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "dozen": 12, "a dozen": 12,
}

var timeUnits = map[string]bool{
	"seconds": true, "minutes": true, "hours": true, "days": true, "weeks": true, "months": true,
	"years": true, "decades": true, "centuries": true, "nights": true, "mornings": true,
}

var modWords = map[string]string{
	"about": "about", "around": "about", "roughly": "about", "nearly": "about", "almost": "about", "some": "about",
	"over": "over", "more than": "over", "at least": "at least", "up to": "up to", "under": "under",
	"fewer than": "under", "less than": "under",
}

// lengthCueRE matches what comes before the length of a happening.
var lengthCueRE = regexp.MustCompile(`\b(lasted|lasting|last|for|spent|spend|spends|took|of|after|ran|running)\s+((about|around|nearly|almost|over|more than|less than|just|some|roughly|at least|a full|an?)\s+)*$`)

// quantityAt is a number the text states and where.
type quantityAt struct {
	q  Quantity
	at int
}

func (x *extractor) numbersIn(start, end int) []quantityAt {
	var out []quantityAt
	for _, t := range x.a.Times {
		if t.Type != "DURATION" || t.Span.Start < start || t.Span.End > end {
			continue
		}
		secs, ok := durationSeconds(t.Value)
		if !ok {
			continue
		}
		// a happening's own length: "a three-hour meeting", "lasted five
		// hours", "for two hours", "spent six hours" — not "within two
		// weeks" or "in the past three years"
		if !strings.Contains(t.Text, "-") && !lengthCueRE.MatchString(strings.ToLower(x.text[max(start, t.Span.Start-30):t.Span.Start])) {
			continue
		}
		out = append(out, quantityAt{Quantity{Text: t.Text, Kind: "duration", Value: secs, Unit: "s", Mod: modOf(t.Mod)}, t.Span.Start})
	}
	s := x.text[start:end]
	if !hasNumber(s) {
		return out
	}
	for _, m := range memberRE.FindAllStringSubmatchIndex(s, -1) {
		v, ok := numberValue(strings.ToLower(s[m[2]:m[3]]))
		if !ok {
			continue
		}
		out = append(out, quantityAt{Quantity{Text: s[m[0]:m[1]], Kind: "count", Value: v, Unit: "member"}, start + m[0]})
	}
	for _, m := range countRE.FindAllStringSubmatchIndex(s, -1) {
		unit := strings.ToLower(s[m[6]:m[7]])
		if timeUnits[unit] {
			continue
		}
		numText := strings.ToLower(s[m[2]:m[3]])
		v, ok := numberValue(numText)
		if !ok {
			continue
		}
		// a year ("in 2019 talks") is no count
		if v >= 1900 && v <= 2100 && !strings.Contains(numText, ",") {
			continue
		}
		mod := ""
		textStart := m[2]
		if mm := countModRE.FindStringSubmatchIndex(s[max(0, m[2]-12):m[2]]); mm != nil {
			off := max(0, m[2]-12)
			mod = modWords[strings.ToLower(s[off+mm[2]:off+mm[3]])]
			textStart = off + mm[0]
		}
		out = append(out, quantityAt{Quantity{Text: s[textStart:m[1]], Kind: "count", Value: v, Unit: unit, Mod: mod}, start + textStart})
	}
	return out
}

// memberRE matches "a 12-member delegation", "the five-member team".
var memberRE = regexp.MustCompile(`(?i)\b(\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty|forty|fifty)-(?:member|strong|person)\s+[a-z]+`)

// hasNumber reports whether s has a digit or a number word: the count
// patterns cannot match without one, and they are slow to try.
func hasNumber(s string) bool {
	if strings.ContainsAny(s, "0123456789") {
		return true
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r < 'a' || r > 'z' }) {
		if _, ok := numberWords[w]; ok {
			return true
		}
	}
	return false
}

func numberValue(s string) (float64, bool) {
	if v, ok := numberWords[s]; ok {
		return v, true
	}
	n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
	if err != nil {
		return 0, false
	}
	return float64(n), true
}

func modOf(timexMod string) string {
	switch timexMod {
	case "APPROX":
		return "about"
	case "MORE_THAN":
		return "over"
	case "EQUAL_OR_MORE":
		return "at least"
	case "LESS_THAN":
		return "under"
	case "EQUAL_OR_LESS":
		return "up to"
	}
	return ""
}

// durationSeconds converts a TIMEX3 duration ("P3H", "PT30M", "P2D") to
// seconds; false for vague ones ("PXD").
func durationSeconds(v string) (float64, bool) {
	if !strings.HasPrefix(v, "P") || len(v) < 3 {
		return 0, false
	}
	inTime := false
	total := 0.0
	num := ""
	for _, r := range v[1:] {
		switch {
		case r == 'T':
			inTime = true
		case r >= '0' && r <= '9' || r == '.':
			num += string(r)
		default:
			n, err := strconv.ParseFloat(num, 64)
			if err != nil {
				return 0, false
			}
			num = ""
			var unit float64
			switch r {
			case 'Y':
				unit = 365 * 86400
			case 'M':
				if inTime {
					unit = 60
				} else {
					unit = 30 * 86400
				}
			case 'W':
				unit = 7 * 86400
			case 'D':
				unit = 86400
			case 'H':
				unit = 3600
			case 'S':
				unit = 1
			default:
				return 0, false
			}
			total += n * unit
		}
	}
	return total, num == "" && total > 0
}

// carried is who the previous sentences were about, for sentences that go
// on with a pronoun or a description ("He", "It", "The company").
type carried struct {
	person uint64 // the last person named first in a sentence
	thing  uint64 // the last organisation or product named first
}

// moreEvents adds, for sentence si, a fact for each other word that tells a
// happening (see eventWord) besides the triggers sentenceEvents used:
// "Apple launched the store in 2003 and sold a million songs" tells two.
// Its participants are the people and organisations of the sentence and
// the products or other names next to the word (its subject or object);
// a sentence that starts with a pronoun or a description adds whom the
// previous sentence was about. Its date is the nearest date of the
// sentence, preferring one in the same clause, else it is placed at
// publication. Words that only report speech ("said") make no fact: the
// quote is the fact.
func (x *extractor) moreEvents(si int, used map[int]bool, told []Fact, c *carried, out []Fact) []Fact {
	s := x.sents[si]
	sent := x.text[s.Start:s.End]
	mlo, mhi := x.sentenceMentions(si)
	defer x.carryOn(mlo, mhi, c)
	if !endsSentence(sent) {
		return out
	}
	lower := asciiLower(sent)
	var parts []uint64
	var source uint64
	var dates []datedExpr
	var planned, ready bool
	prev := ""
	for _, loc := range letterWords(sent) {
		w := lower[loc[0]:loc[1]]
		before := prev
		prev = w
		start := s.Start + loc[0]
		if used[start] {
			continue
		}
		action, ok := eventWord(w, before, sent, loc)
		if !ok || x.inMention(start, mlo, mhi) || x.inQuote(start) {
			continue
		}
		if lightVerbs[w] && PhrasalParticle(wordsAfter(lower[loc[1]:], 5)) == "" || negatedRE.MatchString(lower[max(0, loc[0]-24):loc[0]]) {
			continue // "gave a keynote": the noun tells it ("took six months off" tells itself); "did not release"
		}
		if !ready {
			ready = true
			parts, source, _ = x.participants(si)
			parts = append(parts, x.carriedSubject(lower, c, parts, x.personIn(mlo, mhi))...)
			dates = x.datesIn(s.Start, s.End)
			planned = isPlanned(sent)
		}
		ents := append([]uint64(nil), parts...)
		for _, id := range x.nearNames(start, s.Start+loc[1], mlo, mhi) {
			// the source is a participant of what it does itself
			// ("Jobs announced that…"), not of its own statement
			if !containsID(ents, id) && (id != source || action != "say") {
				ents = append(ents, id)
			}
		}
		if len(ents) == 0 && (action != "say" || source == 0) {
			continue // nobody takes part, nobody speaks
		}
		f := x.fact(Event, si)
		f.Action, f.Trigger = action, sent[loc[0]:loc[1]]
		f.Entities, f.Speaker = ents, source
		f.How, f.Planned = Publication, planned
		if d, ok := nearestDate(x.text, dates, start); ok {
			f.Date, f.DateText, f.How = d.date, d.text, d.how
			if d.alt {
				f.Date = Date{Year: d.date.Year, Month: d.date.Month, Prec: Month}
				f.DateText = d.fullText
			}
			f.Planned = planned || d.future
		} else if len(told) > 0 {
			// told alongside the sentence's main happening: at its time
			f.Date, f.DateText, f.How, f.Planned = told[0].Date, told[0].DateText, told[0].How, told[0].Planned
		}
		if action == "say" && f.Speaker == 0 && (before == "he" || before == "she") && c.person != 0 {
			f.Speaker = c.person // "he said": the person just told of
			f.Entities = without(f.Entities, c.person)
		}
		out = append(out, f)
	}
	return out
}

// eventWord reports whether w (lower-cased; before is the word before it)
// tells a happening, and its action: its class when actionClasses knows
// it, else its lemma.
func eventWord(w, before, sent string, loc [2]int) (string, bool) {
	if c := actionClasses[w]; c != "" {
		if w == "called" || w == "call" || w == "talk" || w == "go" || w == "trial" {
			return "", false // "is called X", "go", a "trial" version: too often no happening
		}
		return c, true
	}
	if reportingVerbs[w] {
		return "say", true
	}
	if l, ok := irregularPast[w]; ok {
		return l, true
	}
	if l, ok := presentEvents[w]; ok {
		return l, true
	}
	if l, ok := eventNouns[w]; ok {
		return l, true
	}
	if l, ok := ingLemma(w); ok {
		switch before {
		case "the", "a", "an", "its", "their", "his", "her", "this", "our", "of", "new":
			return "", false // "the opening", "its founding": a noun
		}
		if loc[0] > 0 && sent[loc[0]] >= 'A' && sent[loc[0]] <= 'Z' {
			return "", false // a name ("Boeing"), not a verb
		}
		if c := actionClasses[l]; c != "" {
			return c, true
		}
		return l, true
	}
	if baseEvents[w] && (before == "to" || before == "will" || before == "would" || before == "could" || before == "may" || before == "can" || before == "not") {
		return w, true
	}
	if len(w) < 4 || !strings.HasSuffix(w, "ed") || notEvents[w] || strings.HasSuffix(w, "eed") {
		return "", false
	}
	if loc[0] > 0 && sent[loc[0]] >= 'A' && sent[loc[0]] <= 'Z' {
		return "", false // a name ("United"), not a verb
	}
	if strings.IndexByte(w, '-') >= 0 {
		return "", false // "tight-lipped", "long-awaited": an adjective
	}
	switch before {
	case "the", "a", "an", "its", "their", "his", "her", "this", "these", "those", "our", "very", "most", "more", "less", "well":
		return "", false // "the claimed range", "a limited edition": an adjective
	}
	return lemmaOf(w), true
}

// sentenceMentions returns the range [lo, hi) of x.ents.Mentions in sentence
// si (mentions are in text order).
func (x *extractor) sentenceMentions(si int) (lo, hi int) {
	ms := x.ents.Mentions
	lo = sort.Search(len(ms), func(i int) bool { return ms[i].Sentence >= si })
	hi = lo
	for hi < len(ms) && ms[hi].Sentence == si {
		hi++
	}
	return lo, hi
}

func (x *extractor) inMention(off, lo, hi int) bool {
	for _, m := range x.ents.Mentions[lo:hi] {
		if off >= m.Start && off < m.End {
			return true
		}
	}
	return false
}

// nearNames returns the entities (not places) named right before or after
// the word at [start, end): its subject ("iPhone 4 was launched") or
// object ("unveiled the iPhone 4", "introduced by Apple"), with no clause
// break between.
func (x *extractor) nearNames(start, end, lo, hi int) []uint64 {
	var out []uint64
	for _, m := range x.ents.Mentions[lo:hi] {
		if m.Type == "LOC" || x.inRole(m) {
			continue
		}
		var gap string
		switch {
		case m.End <= start && start-m.End <= 24:
			gap = x.text[m.End:start]
		case m.Start >= end && m.Start-end <= 16:
			gap = x.text[end:m.Start]
		default:
			continue
		}
		if strings.ContainsAny(gap, ",;:()\"“”") {
			continue
		}
		out = append(out, uint64(m.Cluster+1))
	}
	return out
}

// descriptions that stand for the organisation or product just named
// ("The company said…", "The phone has…").
var descriptionNouns = map[string]bool{
	"company": true, "firm": true, "phone": true, "device": true, "store": true, "service": true,
	"group": true, "band": true, "carrier": true, "maker": true, "manufacturer": true, "giant": true,
	"airline": true, "automaker": true, "carmaker": true, "bank": true, "index": true, "product": true,
	"computer": true, "software": true, "label": true, "player": true, "corporation": true, "business": true,
	"plane": true, "aircraft": true, "jet": true, "car": true, "model": true, "brand": true, "shop": true,
}

// carriedSubject returns whom a sentence that starts with a pronoun or a
// description (lower is the sentence, lower-cased) goes on about, when no
// one else is named: the last person for "he"/"she", the last organisation
// or product for "it"/"they"/"the company".
func (x *extractor) carriedSubject(lower string, c *carried, parts []uint64, named uint64) []uint64 {
	w := lower
	if i := strings.IndexByte(w, ' '); i >= 0 {
		w = w[:i]
	}
	var id uint64
	switch w {
	case "he", "she", "his", "her":
		id = c.person
	case "it", "its", "they", "their":
		id = c.thing
	case "the":
		rest := strings.TrimPrefix(lower, "the ")
		for _, adj := range []string{"new ", "company's ", "original "} {
			rest = strings.TrimPrefix(rest, adj)
		}
		n := rest
		if i := strings.IndexAny(n, " ’'"); i >= 0 {
			n = n[:i]
		}
		if descriptionNouns[n] {
			id = c.thing
		}
	}
	if id == 0 && named == 0 && (strings.Contains(lower, " he ") || strings.Contains(lower, " she ")) {
		id = c.person // "One year later he was fired"
	}
	if id == 0 || containsID(parts, id) {
		return nil
	}
	return []uint64{id}
}

// carryOn notes whom a sentence is about (its first person, its first
// organisation or product) for the sentences after it.
func (x *extractor) carryOn(lo, hi int, c *carried) {
	var person, thing bool
	for _, m := range x.ents.Mentions[lo:hi] {
		if x.inRole(m) || x.inQuote(m.Start) {
			continue
		}
		switch m.Type {
		case "PER":
			if !person {
				c.person, person = uint64(m.Cluster+1), true
			}
		case "ORG", "MISC":
			if !thing {
				c.thing, thing = uint64(m.Cluster+1), true
			}
		}
	}
}

// nearestDate returns the sentence's date nearest to offset at, a date in
// the same clause (no comma or semicolon between) before any other.
func nearestDate(text string, dates []datedExpr, at int) (datedExpr, bool) {
	best, bestDist := -1, 1<<30
	for i, d := range dates {
		lo, hi := d.end, at
		if d.start > at {
			lo, hi = at, d.start
		}
		dist := max(0, hi-lo)
		if strings.ContainsAny(text[min(lo, hi):max(lo, hi)], ",;") {
			dist += 1000
		}
		if dist < bestDist {
			best, bestDist = i, dist
		}
	}
	if best < 0 {
		return datedExpr{}, false
	}
	return dates[best], true
}

// lightVerbs take their meaning from the noun after them ("gave a
// keynote", "took the stage", "made a decision"): the noun is the trigger.
var lightVerbs = map[string]bool{"gave": true, "took": true, "made": true, "held": true, "had": true, "came": true, "went": true, "got": true, "kept": true, "became": true}

// wordsAfter returns the first n words and punctuation marks of s
// ("off, in" → "off", ",", "in").
func wordsAfter(s string, n int) []string {
	var out []string
	for i := 0; i < len(s) && len(out) < n; {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case isWordByte(c) || c == '-' || c == '\'':
			j := i
			for j < len(s) && (isWordByte(s[j]) || s[j] == '-' || s[j] == '\'') {
				j++
			}
			out = append(out, s[i:j])
			i = j
		default:
			out = append(out, s[i:i+1])
			i++
		}
	}
	return out
}

// personIn returns the first person named in mentions [lo, hi) outside
// titles, or 0.
func (x *extractor) personIn(lo, hi int) uint64 {
	for _, m := range x.ents.Mentions[lo:hi] {
		if m.Type == "PER" && !x.inRole(m) {
			return uint64(m.Cluster + 1)
		}
	}
	return 0
}

func without(ids []uint64, id uint64) []uint64 {
	out := ids[:0]
	for _, x := range ids {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}
