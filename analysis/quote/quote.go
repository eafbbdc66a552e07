// Package quote finds the direct quotes of an article and who said them.
//
// A quote is text between quotation marks: curly “…”, straight "…",
// guillemets «…», and single ‘…’ when they are not inside a double quote
// (there they are a nested quote and belong to the outer one). A quote may
// run over several sentences of its paragraph; a quote left open at the end
// of a paragraph runs to that end, as journalists open every paragraph of a
// long quote and close only the last.
//
// The speaker is found, in this order, from the words after the quote in its
// sentence ("…,” Ushakov said / said the aide / the Kremlin stressed), from
// the nearest speech cue before it in its sentence ("Peskov noted that “…”",
// "described the meeting as “…”", "According to X, the talks “…”"), from
// "according to X" after it, from a reporting clause with any verb right
// after a quote that ends in a comma (“…,” Hale laughed / “…?” offered
// Hale), from the quote before it in its paragraph ("“…,” he said. “…”"),
// from a previous paragraph that ends with a colon ("Trump stated,
// adding:"), holds a quote left open (a quote running over paragraphs) or
// ends with an attributed quote when the quote's own paragraph is nothing
// but quotes ("“…,” he said.¶“…”"), and last from the one person named in
// subject position before it in its paragraph ("Hale was blunt. “…”");
// high-precision sieves first, in the manner of Muzny et al. (2017).
// "X said, according to Y" names X, not the outlet Y.
//
// Pronouns resolve by salience (see extractor.salient): he and she to the
// person in subject position in the nearest sentence before that has one,
// with gender agreement (genders), main clauses before opening subordinate
// ones, and earlier quotes' speakers as candidates; it to an organisation
// or a state; they only to an organisation quoted just before. Nominals
// like "the aide" resolve to the most recent entity cluster holding that
// role, and else, for a definite description whose head names a person
// ("the senator", "the Democratic nominee") or an organisation ("the
// agency", "the campaign"), like a pronoun of that type. A name modifying
// an organisation noun ("the Trump campaign") names an organisation no
// cluster holds: Quote.SpeakerName.
//
// Quotes of one or two words with no speaker in their sentence are scare
// quotes ("friendly greetings") and are not returned.
package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/analysis/textseg"
)

// Name is an entity mention found by an earlier stage.
type Name struct {
	Start, End int      // byte span in the text
	Type       string   // PER, ORG, LOC, MISC
	Cluster    int      // entity cluster id
	Roles      []string // normalized role heads of the cluster ("aide", "press secretary", "spokesperson")
}

// Quote is one direct quote.
type Quote struct {
	Start, End int    // byte span of the quoted words, without the quotation marks
	Text       string // text[Start:End]
	Sentence   int    // index in sents of the sentence where the quote starts
	Speaker    int    // cluster id of the speaker, -1 when unknown
	// SpeakerText is how the speaker is referred to where the attribution
	// is ("Ushakov", "he", "the aide", "the Kremlin"); "" when no speaker
	// was found. A quote attributed by continuation takes the previous
	// quote's SpeakerText.
	SpeakerText string
	// SpeakerStart and SpeakerEnd are the byte span of SpeakerText in the
	// text (0, 0 when SpeakerText is "").
	SpeakerStart, SpeakerEnd int
	// SpeakerName names the speaker when no entity cluster does
	// (Speaker is -1): a name the entity stage missed ("Odile Passerat")
	// or an organisation named after a person ("Trump campaign", from
	// "the Trump campaign" or from an "it" or "the campaign" referring
	// back to it); "" otherwise.
	SpeakerName string
	// Cue is the word that attributes the quote, lower case: "said",
	// "noted", "added", "according to", "as quoted by"; a participle is
	// given in its past form ("adding" → "added"); "" for a continuation.
	Cue string
	// Partial marks a quoted phrase that is part of the writer's own
	// sentence rather than a statement quoted whole: words stand before it
	// in its sentence and it does not follow a colon, comma, dash or
	// speech verb ("called the plan “a disaster for workers”", "vowed to
	// “keep fighting”").
	Partial bool
}

// Extract returns the quotes of text in order. sents are text's sentences
// as textseg.Split returns them (Split is called when sents is empty or
// holds no span inside text, and Quote.Sentence then indexes its result);
// names are the entity mentions, in any order. Spans that do not fit in
// text are ignored. Extract never panics, and every returned span is
// inside text.
func Extract(text string, sents []textseg.Sentence, names []Name) []Quote {
	x := newExtractor(text, sents, names)
	x.findQuotes()
	x.attributeAll()
	return x.result()
}

// rawQuote is a quote as found, with its marks.
type rawQuote struct {
	open, stop int // from the opening mark to after the closing mark (or the paragraph's end)
	start, end int // the words, trimmed
	closed     bool
	para       int  // index in x.paras
	sent       int  // sentence of start
	sentStart  bool // no words before it in its sentence
	closeSent  int  // sentence holding the closing mark (or the paragraph's last)
	paraStart  bool
	att        attribution
}

// window bounds, in bytes, how far before and after a quote its speaker is
// looked for, so that long lines stay linear.
const window = 800

// attribution is a speaker found for a quote.
type attribution struct {
	ok         bool
	speaker    int
	text       string
	start, end int
	cue        string
	// name and typ: what the speaker is when no cluster holds it (see
	// referent)
	name, typ string
}

type paragraph struct {
	start, end    int
	firstS, lastS int // sentence indices, inclusive
	firstQ, lastQ int // quote indices, half-open [firstQ, lastQ)
	endsColon     bool
}

type extractor struct {
	text   string
	sents  []textseg.Sentence
	orig   []int  // index in the caller's sents of each of x.sents
	names  []Name // valid, sorted by Start
	paras  []paragraph
	quotes []rawQuote
	gender map[int]byte // person cluster → genderMale, genderFemale
	weak   map[int]bool // clusters whose gender only pronouns give
	// ignoreWeak, while set, makes compatible ignore weak genders
	ignoreWeak bool
	ctype      map[int]string // cluster → type of its mentions
}

func newExtractor(text string, sents []textseg.Sentence, names []Name) *extractor {
	x := &extractor{text: text}
	for i, s := range sents {
		if s.Start >= 0 && s.Start <= s.End && s.End <= len(text) && boundary(text, s.Start) && boundary(text, s.End) {
			x.sents = append(x.sents, s)
			x.orig = append(x.orig, i)
		}
	}
	if len(x.sents) == 0 {
		x.sents = textseg.Split(text)
		x.orig = make([]int, len(x.sents))
		for i := range x.orig {
			x.orig[i] = i
		}
	}
	sort.Stable(bySentStart{x.sents, x.orig})
	for _, n := range names {
		if n.Start >= 0 && n.Start < n.End && n.End <= len(text) {
			x.names = append(x.names, n)
		}
	}
	sort.SliceStable(x.names, func(i, j int) bool { return x.names[i].Start < x.names[j].Start })
	x.gender, x.weak = genderVotes(text, x.names)
	x.ctype = map[int]string{}
	for _, n := range x.names {
		x.ctype[n.Cluster] = n.Type
	}
	for i, s := range x.sents {
		if i == 0 || s.Para != x.sents[i-1].Para {
			x.paras = append(x.paras, paragraph{start: s.Start, end: s.End, firstS: i, lastS: i})
			continue
		}
		p := &x.paras[len(x.paras)-1]
		p.lastS = i
		if s.End > p.end {
			p.end = s.End
		}
	}
	for i := range x.paras {
		p := &x.paras[i]
		if i+1 < len(x.paras) && p.end > x.paras[i+1].start {
			p.end = x.paras[i+1].start // overlapping input: keep paragraphs apart
		}
		if p.end < p.start {
			p.end = p.start
		}
		p.endsColon = strings.HasSuffix(strings.TrimSpace(text[p.start:p.end]), ":")
	}
	return x
}

// boundary reports whether pos does not cut a UTF-8 sequence.
func boundary(text string, pos int) bool { return pos == len(text) || utf8.RuneStart(text[pos]) }

// sentenceAt returns the index of the sentence holding byte pos: the last
// one starting at or before it (0 if none).
func (x *extractor) sentenceAt(pos int) int {
	i := sort.Search(len(x.sents), func(i int) bool { return x.sents[i].Start > pos })
	if i == 0 {
		return 0
	}
	return i - 1
}

// bySentStart sorts sentences by start, keeping their original indices.
type bySentStart struct {
	s    []textseg.Sentence
	orig []int
}

func (b bySentStart) Len() int           { return len(b.s) }
func (b bySentStart) Less(i, j int) bool { return b.s[i].Start < b.s[j].Start }
func (b bySentStart) Swap(i, j int) {
	b.s[i], b.s[j] = b.s[j], b.s[i]
	b.orig[i], b.orig[j] = b.orig[j], b.orig[i]
}

func isDoubleOpen(r rune) bool  { return r == '“' || r == '„' || r == '«' }
func isDoubleClose(r rune) bool { return r == '”' || r == '»' }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// findQuotes scans every paragraph for quotation marks.
func (x *extractor) findQuotes() {
	for pi := range x.paras {
		p := &x.paras[pi]
		p.firstQ = len(x.quotes)
		x.scanParagraph(pi)
		p.lastQ = len(x.quotes)
	}
}

func (x *extractor) scanParagraph(pi int) {
	p := x.paras[pi]
	t := x.text
	open := -1 // position of the open double mark
	openSize := 0
	for i := p.start; i < p.end; {
		r, size := utf8.DecodeRuneInString(t[i:p.end])
		if open >= 0 {
			switch {
			case isDoubleClose(r) || r == '"':
				x.addQuote(pi, open, open+openSize, i, i+size, true)
				open = -1
			case isDoubleOpen(r):
				// the previous quote was never closed: end it here
				x.addQuote(pi, open, open+openSize, i, i, false)
				open, openSize = i, size
			}
			i += size
			continue
		}
		switch {
		case isDoubleOpen(r):
			open, openSize = i, size
		case r == '"':
			prev, _ := utf8.DecodeLastRuneInString(t[p.start:i])
			next, _ := utf8.DecodeRuneInString(t[i+size:])
			if !(isWordRune(prev) || unicode.IsPunct(prev)) || !(next == utf8.RuneError || unicode.IsSpace(next) || unicode.IsPunct(next)) || i == p.start {
				open, openSize = i, size // not a stray closer
			}
		case r == '‘' || r == '\'':
			if j, js := x.singleClose(p, i, size); j >= 0 {
				x.addQuote(pi, i, i+size, j, j+js, true)
				i = j + js
				continue
			}
		}
		i += size
	}
	if open >= 0 {
		x.addQuote(pi, open, open+openSize, p.end, p.end, false)
	}
}

// singleClose returns the position and size of the mark that closes a single
// quote opened at i, or -1: the opener must follow a space or the start and
// precede a letter; the closer must follow a non-space and precede no letter.
func (x *extractor) singleClose(p paragraph, i, size int) (int, int) {
	t := x.text
	prev, _ := utf8.DecodeLastRuneInString(t[p.start:i])
	if i > p.start && !unicode.IsSpace(prev) && !strings.ContainsRune("([{—–-/", prev) {
		return -1, 0
	}
	next, _ := utf8.DecodeRuneInString(t[i+size:])
	if !unicode.IsLetter(next) {
		return -1, 0
	}
	limit := min(p.end, i+600)
	for j := i + size; j < limit; {
		r, s := utf8.DecodeRuneInString(t[j:])
		switch {
		case r == '"' || isDoubleOpen(r) || isDoubleClose(r) || r == '‘':
			return -1, 0
		case r == '’' || r == '\'':
			before, _ := utf8.DecodeLastRuneInString(t[:j])
			after, _ := utf8.DecodeRuneInString(t[j+s:])
			if !unicode.IsSpace(before) && !isWordRune(after) {
				return j, s
			}
		}
		j += s
	}
	return -1, 0
}

// addQuote records a quote whose words lie in [from, to).
func (x *extractor) addQuote(pi, open, from, to, stop int, closed bool) {
	t := x.text
	if to > len(t) || from > to {
		return // a mark cut by an overlapping paragraph
	}
	start, end := from, to
	for start < end {
		r, s := utf8.DecodeRuneInString(t[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += s
	}
	for end > start {
		r, s := utf8.DecodeLastRuneInString(t[start:end])
		if !unicode.IsSpace(r) && !strings.ContainsRune(",;:—–-", r) {
			break
		}
		end -= s
	}
	if !strings.ContainsFunc(t[start:end], isWordRune) {
		return
	}
	p := x.paras[pi]
	lead := strings.TrimLeft(t[p.start:open], " \t—–-•*")
	q := rawQuote{
		open: open, stop: stop, start: start, end: end, closed: closed, para: pi,
		sent: x.sentenceAt(start), closeSent: x.sentenceAt(max(stop-1, open)),
		paraStart: lead == "",
	}
	if s := x.sents[q.sent]; s.Start <= open {
		q.sentStart = !strings.ContainsFunc(t[s.Start:open], isWordRune)
	}
	q.att.speaker = -1
	x.quotes = append(x.quotes, q)
}

// attributeAll finds the speaker of every quote.
func (x *extractor) attributeAll() {
	for qi := range x.quotes {
		q := &x.quotes[qi]
		q.att = x.attribute(qi)
		if !q.att.ok && qi > 0 {
			// “…: “…” — a quote opened inside another one left open
			// belongs to the same speaker
			if prev := x.quotes[qi-1]; !prev.closed && prev.para == q.para && prev.stop == q.open && prev.att.ok {
				q.att = prev.att
				q.att.cue = ""
			}
		}
		if !q.att.ok {
			q.att = x.fromPrevious(qi)
		}
		if !q.att.ok {
			q.att = x.paragraphSpeaker(qi)
		}
	}
	// A quote left open at its paragraph's end goes on in the next
	// paragraph, whose attribution covers it.
	for qi := len(x.quotes) - 2; qi >= 0; qi-- {
		q, next := &x.quotes[qi], x.quotes[qi+1]
		if !q.att.ok && !q.closed && next.att.ok && next.para == q.para+1 && next.paraStart {
			q.att = next.att
		}
	}
}

// attribute finds the speaker of quote qi inside its own sentences.
func (x *extractor) attribute(qi int) attribution {
	q := x.quotes[qi]
	var after []token
	if q.closed {
		s := x.sents[q.closeSent]
		end := max(min(s.End, q.stop+window), q.stop)
		if n := q.closeSent + 1; n < len(x.sents) && x.sents[n].Para == s.Para && endsWithTitle(x.text[q.stop:end]) {
			// “…,” said Del. | Stacey Plaskett: a title the sentence
			// splitter took for a sentence's end
			end = max(min(x.sents[n].End, q.stop+window), end)
		}
		after = x.tokens(q.stop, end)
		for len(after) > 0 && after[0].kind == tPunct && !isDash(after[0].low) {
			after = after[1:]
		}
		if len(after) == 0 && q.closeSent+1 < len(x.sents) && x.sents[q.closeSent+1].Para == s.Para {
			// "…done.” Peskov said." split into two sentences
			ns := x.sents[q.closeSent+1]
			if next := x.tokens(ns.Start, ns.End); len(next) <= 8 || cueThenPunct(next) {
				after = next
			}
		}
		if a := x.afterVerb(after, q.open); a.ok {
			return a
		}
	}
	s := x.sents[q.sent]
	before := x.tokens(min(max(s.Start, q.open-window), q.open), q.open)
	if a := x.beforeCue(before, q.open); a.ok {
		return a
	}
	if n := len(before); n > 0 && before[n-1].low == ":" {
		// “Obama has a new message: “…”": the subject of the clause
		// that introduces the quote
		if a := x.clauseSubject(lastClause(before[:n-1]), q.open); a.ok {
			return a
		}
	}
	for i := range after {
		if k := accordingTo(after, i); k > 0 {
			if a := x.npForward(after, i+k, q.open); a.ok {
				a.cue = cueText(after[i : i+k])
				return a
			}
		}
		if after[i].kind == tQuote {
			break
		}
	}
	if q.closed && x.openClause(q) {
		return x.trigram(after, q.open)
	}
	return attribution{speaker: -1}
}

// openClause reports whether the words of quote q end with a comma, a
// question mark or an exclamation mark (“…,” / “…?”): the quote is the
// object of a reporting clause that follows it.
func (x *extractor) openClause(q rawQuote) bool {
	inner := strings.TrimRightFunc(x.text[q.open:q.stop], func(r rune) bool {
		return unicode.IsSpace(r) || isDoubleClose(r) || r == '"' || r == '’' || r == '\''
	})
	last, _ := utf8.DecodeLastRuneInString(inner)
	return last == ',' || last == '?' || last == '!'
}

// trigram reads the reporting clause after a quote whose last word is a
// verb of any kind, the shapes “…,” SPEAKER VERB and “…,” VERB SPEAKER
// (Muzny et al. 2017's trigram sieve, without a verb list): “…,” Hale
// laughed. / “…?” offered Hale. The clause must end where the sentence
// does or at a comma, and the speaker be a name, a pronoun or a short
// description.
func (x *extractor) trigram(toks []token, quotePos int) attribution {
	none := attribution{speaker: -1}
	toks = skipPunct(toks)
	end := 0
	for end < len(toks) && toks[end].kind == tWord {
		end++
	}
	if end < 2 || end > 6 || (end < len(toks) && toks[end].kind != tPunct) {
		return none
	}
	verb := func(t token) bool {
		if t.kind != tWord || t.upper || len(t.low) < 4 || npBackStop[t.low] || skipBeforeVerb[t.low] {
			return false
		}
		return strings.HasSuffix(t.low, "ed") || strings.HasSuffix(t.low, "s") && !strings.HasSuffix(t.low, "ss")
	}
	switch {
	case verb(toks[end-1]):
		a := x.npBackward(toks[:end-1], quotePos, true)
		if a.ok {
			a.cue = toks[end-1].low
		}
		return a
	case verb(toks[0]) && toks[1].upper:
		a := x.npForward(toks[:end], 1, quotePos)
		if a.ok {
			a.cue = toks[0].low
		}
		return a
	}
	return none
}

// cueThenPunct reports whether toks open with a speaker and a speech verb
// followed by punctuation ("Trump said, looking out on the crowd."): a
// sentence that attributes the quote before it, not a new statement.
func cueThenPunct(toks []token) bool {
	for k := 0; k < len(toks) && k < 8; k++ {
		if toks[k].kind != tWord {
			return false
		}
		if k > 0 && isVerb(toks, k) {
			_, n := verbCue(toks, k)
			return n < len(toks) && toks[n].kind == tPunct
		}
	}
	return false
}

// fromPrevious attributes a quote from the quote before it in its
// paragraph, or, when it opens its paragraph, from the paragraph before:
// one ending in a colon introduces it, one ending in a quote left open
// runs on in it.
func (x *extractor) fromPrevious(qi int) attribution {
	q := x.quotes[qi]
	none := attribution{speaker: -1}
	if !q.paraStart && q.sentStart && qi > 0 && x.quotes[qi-1].para == q.para && x.quotes[qi-1].att.ok {
		// “…,” he said. “…” — the same speaker goes on
		a := x.quotes[qi-1].att
		a.cue = ""
		return a
	}
	if !q.paraStart || q.para == 0 {
		return none
	}
	prev := x.paras[q.para-1]
	var last *rawQuote
	if prev.lastQ > prev.firstQ {
		last = &x.quotes[prev.lastQ-1]
	}
	if prev.endsColon {
		ls := x.sents[prev.lastS]
		toks := x.tokens(max(ls.Start, ls.End-window), ls.End)
		cue := ""
		for i := len(toks) - 1; i >= 0; i-- {
			if c, ok := cueAt(toks, i); ok {
				cue = c
				break
			}
			if toks[i].kind == tQuote {
				break
			}
		}
		if last != nil && last.att.ok && last.stop > ls.Start && cue != "" {
			a := last.att
			a.cue = cue
			return a
		}
		end := ls.End
		for end > ls.Start && x.text[end-1] != ':' {
			end--
		}
		intro := x.tokens(max(ls.Start, end-1-window), max(end-1, ls.Start))
		if a := x.beforeCue(intro, ls.Start); a.ok {
			return a
		}
		// "Sanders made the following comment:"
		if a := x.clauseSubject(lastClause(intro), ls.Start); a.ok {
			return a
		}
	}
	if last != nil && last.att.ok && !last.closed && last.stop >= prev.end {
		// a quote left open at the end of the paragraph before goes on
		// here (journalists reopen each paragraph of a long quote)
		a := last.att
		a.cue = ""
		return a
	}
	if last != nil && last.att.ok && last.closed && last.closeSent == prev.lastS && x.quoteParagraph(qi) &&
		!titleCase(strings.Fields(x.text[q.start:q.end])) {
		// “…,” he said.¶“…” — a paragraph that is one quote (not a
		// title) after a paragraph ending with an attributed quote: the
		// speaker goes on
		a := last.att
		a.cue = ""
		return a
	}
	return none
}

// quoteParagraph reports whether quote qi and the quotes after it in its
// paragraph make up the whole paragraph (nothing but marks and spaces
// between them).
func (x *extractor) quoteParagraph(qi int) bool {
	q := x.quotes[qi]
	p := x.paras[q.para]
	pos := q.stop
	for j := qi + 1; j < p.lastQ; j++ {
		if strings.ContainsFunc(x.text[pos:x.quotes[j].open], isWordRune) {
			return false
		}
		pos = x.quotes[j].stop
	}
	return !strings.ContainsFunc(x.text[pos:p.end], isWordRune)
}

// paragraphSpeaker is the last, weakest sieve for a quote that no cue
// attributes: the one person named, outside quotation marks and in subject
// position, in its paragraph before it ("Hale was blunt. “…”"); nobody
// when the paragraph names none or several.
func (x *extractor) paragraphSpeaker(qi int) attribution {
	q := x.quotes[qi]
	p := x.paras[q.para]
	var only *Name
	for _, n := range x.namesIn(p.start, q.open) {
		if n.Type != "PER" || x.inQuote(n.Start) || x.oblique(n) {
			continue
		}
		if only != nil && only.Cluster != n.Cluster {
			return attribution{speaker: -1}
		}
		n := n
		only = &n
	}
	if only == nil {
		return attribution{speaker: -1}
	}
	return x.fromName(*only, only.Start, only.End)
}

// smallWords stay in lower case inside a title.
var smallWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "in": true,
	"on": true, "at": true, "to": true, "for": true, "and": true, "or": true, "with": true,
	"by": true, "from": true, "is": true, "are": true, "vs": true, "vs.": true}

// titleCase reports whether a short run of words is written as a title
// ("Face the Nation", "All Bets Are Off"): up to six words, every word but
// small ones capitalized, at least two capitalized.
func titleCase(words []string) bool {
	if len(words) < 2 || len(words) > 6 {
		return false
	}
	caps := 0
	for _, w := range words {
		w = strings.TrimFunc(w, func(r rune) bool { return !isWordRune(r) })
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case w == "":
		case unicode.IsUpper(r) || unicode.IsDigit(r):
			caps++
		case !smallWords[w]:
			return false
		}
	}
	return caps >= 2
}

// partial reports whether quote qi is a phrase of the writer's sentence:
// the last token before it in its sentence is a word other than a speech
// cue ("called it “…”", "said that “…”"), or a comma after "that",
// "because", "as" or "including"; a quote joined by "and", "or" or "but"
// to the quote before it is partial when that one is.
func (x *extractor) partial(qi int) bool {
	q := x.quotes[qi]
	if q.sentStart {
		return false
	}
	s := x.sents[q.sent]
	toks := x.tokens(min(max(s.Start, q.open-window), q.open), q.open)
	if len(toks) == 0 {
		return false
	}
	last := toks[len(toks)-1]
	switch last.kind {
	case tQuote:
		return false
	case tPunct:
		if last.low != "," || len(toks) < 2 {
			return false
		}
		w := toks[len(toks)-2]
		return w.kind == tWord && partialBeforeComma[w.low]
	}
	if _, ok := cueAt(toks, len(toks)-1); ok || speechVerbs[last.low] {
		return false
	}
	if (last.low == "and" || last.low == "or" || last.low == "but") && len(toks) >= 2 && toks[len(toks)-2].kind == tQuote && qi > 0 {
		return x.partial(qi - 1)
	}
	return true
}

// partialBeforeComma are words that, before a comma, make the quote after
// them part of their clause ("said that, “…”").
var partialBeforeComma = setOf("that", "because", "as", "including")

// result converts the found quotes, dropping scare quotes.
func (x *extractor) result() []Quote {
	var out []Quote
	for qi, q := range x.quotes {
		words := strings.Fields(x.text[q.start:q.end])
		if !q.sentStart && (!q.att.ok && len(words) <= 2 || titleCase(words)) || !q.att.ok && titleCase(words) {
			continue // a scare quote, or the title of a show, book or article
		}
		sent := 0
		if q.sent < len(x.orig) {
			sent = x.orig[q.sent]
		}
		out = append(out, Quote{
			Start: q.start, End: q.end, Text: x.text[q.start:q.end], Sentence: sent,
			Speaker: q.att.speaker, SpeakerText: q.att.text,
			SpeakerStart: q.att.start, SpeakerEnd: q.att.end, Cue: q.att.cue, SpeakerName: speakerName(q.att),
			Partial: x.partial(qi),
		})
	}
	return out
}

// speakerName is Quote.SpeakerName of an attribution.
func speakerName(a attribution) string {
	if a.speaker >= 0 {
		return ""
	}
	return a.name
}

// endsWithTitle reports whether s ends with a title abbreviation and its
// period ("Del.", "Sen.").
func endsWithTitle(s string) bool {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	if !strings.HasSuffix(s, ".") {
		return false
	}
	w := lastWord(s[:len(s)-1])
	return titleAbbrevs[strings.ToLower(w)] && w != "" && unicode.IsUpper([]rune(w)[0])
}
