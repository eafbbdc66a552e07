package tleval

import (
	"fmt"
	"sort"
	"strings"

	"github.com/briefbot/briefbot/analysis"
	"github.com/briefbot/briefbot/analysis/xdoc"
)

// options are the choices of the pipeline, for experiments; Evaluate
// uses defaults.
type options struct {
	// adjust, when set, rewrites each analysis before linking.
	adjust func(*analysis.Analysis)
	// window is how many tokens after its trigger an event's object may be.
	window int
}

// defaults are Evaluate's choices.
var defaults = options{window: 3}

// source is one document as given to the pipeline: its text (one line per
// sentence of the document, tokens joined by single spaces) and where each
// token is.
type source struct {
	doc   xdoc.Doc
	text  string
	start []int // byte span of doc.Tokens[i] in text
	end   []int
	// filled after analysis: cleaned text line → offset in text
	lines []lineMap
	// the document's mentions, with corpus-wide entity ids
	mentions []analysis.Mention
}

type lineMap struct{ cStart, cEnd, oStart int }

func newSource(d xdoc.Doc) *source {
	s := &source{doc: d}
	s.text, s.start, s.end = d.Text()
	return s
}

// align maps the cleaned text's lines back to the source text: the cleaner
// keeps whole lines (trimmed), in order.
func (s *source) align(clean string) {
	cursor := 0
	for cStart := 0; cStart <= len(clean); {
		nl := strings.IndexByte(clean[cStart:], '\n')
		cEnd := len(clean)
		if nl >= 0 {
			cEnd = cStart + nl
		}
		if line := clean[cStart:cEnd]; line != "" {
			if k := strings.Index(s.text[cursor:], line); k >= 0 {
				s.lines = append(s.lines, lineMap{cStart, cEnd, cursor + k})
				cursor += k + len(line)
			}
		}
		if nl < 0 {
			break
		}
		cStart = cEnd + 1
	}
}

// token returns the index of the token at cleaned-text offset off, or -1.
func (s *source) token(off int) int {
	for _, lm := range s.lines {
		if off >= lm.cStart && off < lm.cEnd {
			o := off - lm.cStart + lm.oStart
			i := sort.Search(len(s.end), func(i int) bool { return s.end[i] > o })
			if i < len(s.start) && s.start[i] <= o {
				return i
			}
			return -1
		}
	}
	return -1
}

// corpus is a set of analysed, linked documents.
type corpus struct {
	sources  map[uint64]*source // article id → its document
	articles map[uint64]analysis.Article
	facts    []analysis.Fact
	entities []analysis.Entity
	failed   int
}

// analyse runs the pipeline over docs: each document through
// analysis.Analyze (its creation time as publication date), their entities
// linked in order of creation time by an xdoc.Linker (storage's linking),
// their facts renumbered to the corpus-wide entity IDs.
func analyse(docs []xdoc.Doc, opt options) (*corpus, error) {
	order := xdoc.ByCreation(docs)
	c := &corpus{sources: map[uint64]*source{}, articles: map[uint64]analysis.Article{}}
	l := xdoc.NewLinker()
	for n, di := range order {
		d := docs[di]
		src := newSource(d)
		a, err := analysis.Analyze(analysis.Document{Text: src.text, Published: d.DCT, Received: d.DCT})
		if analysis.IsInputError(err) {
			c.failed++
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("analyse %s: %w", d.Name, err)
		}
		if opt.adjust != nil {
			opt.adjust(a)
		}
		id := uint64(n + 1)
		ids := l.Link(a)
		src.align(a.Article.Text)
		c.sources[id] = src
		art := a.Article
		art.ID = id
		c.articles[id] = art
		for _, m := range a.Mentions {
			if g, ok := ids[m.Entity]; ok {
				m.Entity = g
				src.mentions = append(src.mentions, m)
			}
		}
		for _, f := range a.Facts {
			f.Article = id
			f.Entities = remap(f.Entities, ids)
			f.Speaker = ids[f.Speaker]
			f.Subject = ids[f.Subject]
			c.facts = append(c.facts, f)
		}
	}
	for id := uint64(1); id <= uint64(l.Len()); id++ {
		if e, ok := l.Entity(id); ok {
			c.entities = append(c.entities, e)
		}
	}
	return c, nil
}

func remap(ids []uint64, m map[uint64]uint64) []uint64 {
	out := make([]uint64, 0, len(ids))
	for _, id := range ids {
		if g, ok := m[id]; ok {
			out = append(out, g)
		}
	}
	return out
}

// timeline builds the target entity's timeline in the task's format.
//
// The target is the corpus's entities its name denotes (see targetIDs)
// and, in each document, the places that refer to them (see refs): their
// names, descriptions ("the company") and pronouns. Its events are the
// event facts whose trigger has such a reference as its subject or object
// (see argTriggers), each written once, at its own date (stated or
// resolved, else its article's creation time, the task's anchor for what
// a report tells without a date). Lines are numbered by date: events on
// the same date string share an ordinal.
func (c *corpus) timeline(name string, opt options) Timeline {
	tl := Timeline{Entity: name}
	t := c.newTarget(name)
	chosen := map[string]bool{}
	for _, src := range c.sources {
		for _, m := range c.argTriggers(src, c.refs(src, t), opt.window) {
			chosen[m] = true
		}
	}
	type item struct {
		date, m string
	}
	var items []item
	for _, f := range c.facts {
		if f.Kind != analysis.Event {
			continue
		}
		m, ok := c.mention(f)
		if !ok || !chosen[m] {
			continue
		}
		delete(chosen, m) // once
		d := f.Date
		if d.IsZero() || f.How == analysis.Publication {
			d = analysis.DayOf(c.articles[f.Article].Published)
		}
		items = append(items, item{taskDate(d), m})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].date < items[j].date })
	ord, prev := 0, ""
	for _, it := range items {
		if ord == 0 || it.date != prev {
			ord++
			prev = it.date
		}
		tl.Lines = append(tl.Lines, Line{Ordinal: ord, Date: it.date, Mentions: []string{it.m}})
	}
	return tl
}

// partOfName returns, when a target names an entity with more words than
// the text used ("Beatles Apple Corps" for "Apple Corps"), the entities
// whose name has two words or more, all of them words of the target: the
// longest such names, in ID order. Failing that, a one-word name: the
// target's first word when the others are numbers or generic words ("CAC"
// for "CAC 40"), or a person's surname.
// genericWords do not tell one index or market from another.
var genericWords = map[string]bool{
	"index": true, "composite": true, "average": true, "industrial": true, "industrials": true,
	"stock": true, "stocks": true, "exchange": true, "market": true, "share": true, "shares": true,
}

func partOfName(target string, ents []analysis.Entity) []uint64 {
	tw := map[string]bool{}
	for _, w := range strings.Fields(analysis.NormalizeName(target)) {
		tw[w] = true
	}
	var ids []uint64
	best := 1
	for _, e := range ents {
		w := strings.Fields(analysis.NormalizeName(e.Name))
		if len(w) < best {
			continue
		}
		all := true
		for _, x := range w {
			if !tw[x] {
				all = false
				break
			}
		}
		if !all {
			continue
		}
		if len(w) > best {
			best, ids = len(w), nil
		}
		ids = append(ids, e.ID)
	}
	if best >= 2 {
		return ids
	}
	// one word: the target's head when the rest is numbers or generic words
	// ("CAC 40", "NASDAQ composite"), or a person's surname ("Henderson" for
	// "Frederick Henderson")
	words := strings.Fields(analysis.NormalizeName(target))
	if len(words) < 2 {
		return nil
	}
	generic := func(w string) bool {
		return strings.Trim(w, "0123456789") == "" || genericWords[w]
	}
	rest := true
	for _, w := range words[1:] {
		if !generic(w) {
			rest = false
		}
	}
	ids = nil
	for _, e := range ents {
		w := strings.Fields(analysis.NormalizeName(e.Name))
		if len(w) != 1 {
			continue
		}
		if (rest && w[0] == words[0]) || (e.Type == analysis.PER && w[0] == words[len(words)-1]) {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

// mention returns the task's name of a fact's event mention:
// "<docid>-<sentence>-<token>", the token being the trigger word's (for a
// phrase, its head: "conference" of "press conference", "spoke" of "spoke
// by phone"), joined with "_" to the particle of a phrasal verb as the
// task writes it ("took_off" for "took six months off", see
// analysis.PhrasalParticle). False when the trigger cannot be found in the fact's
// sentence.
func (c *corpus) mention(f analysis.Fact) (string, bool) {
	m, _, ok := c.mentionAt(f)
	return m, ok
}

// mentionAt is mention with the trigger's token index in its document.
func (c *corpus) mentionAt(f analysis.Fact) (string, int, bool) {
	src := c.sources[f.Article]
	art, ok := c.articles[f.Article]
	if src == nil || !ok || f.Trigger == "" || f.Span.End > len(art.Text) || f.Span.Start < 0 || f.Span.Start > f.Span.End {
		return "", -1, false
	}
	sent := art.Text[f.Span.Start:f.Span.End]
	at := wordIndex(sent, f.Trigger)
	if at < 0 {
		return "", -1, false
	}
	off := f.Span.Start + at
	words := strings.Fields(f.Trigger)
	if len(words) > 1 && !headFirst[strings.ToLower(words[0])] {
		off += strings.LastIndex(f.Trigger, words[len(words)-1])
	}
	i := src.token(off)
	if i < 0 {
		return "", -1, false
	}
	t := src.doc.Tokens[i]
	text := t.Text
	if len(words) == 1 {
		// a phrasal verb is written as the task does: "step_down", "took_off"
		var after []string
		for k := i + 1; k < len(src.doc.Tokens) && k <= i+5 && src.doc.Tokens[k].Sentence == t.Sentence; k++ {
			after = append(after, src.doc.Tokens[k].Text)
		}
		if p := analysis.PhrasalParticle(after); p != "" {
			text += "_" + p
		}
	}
	return fmt.Sprintf("%s-%d-%s", src.doc.ID, t.Sentence, text), i, true
}

// headFirst are the first words of phrase triggers whose head comes first.
var headFirst = map[string]bool{"spoke": true, "sat": true, "briefed": true}

// wordIndex returns the offset of the first occurrence of w in s that
// starts and ends on word boundaries, or -1.
func wordIndex(s, w string) int {
	for off := 0; off <= len(s); {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return -1
		}
		i += off
		j := i + len(w)
		if (i == 0 || !isWordByte(s[i-1])) && (j == len(s) || !isWordByte(s[j])) {
			return i
		}
		off = i + 1
	}
	return -1
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// taskDate writes a date as the task does: "2008-03-01", "2008-03-XX",
// "2008-XX-XX", "XXXX-XX-XX" when unknown.
func taskDate(d analysis.Date) string {
	switch d.Prec {
	case analysis.Day:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	case analysis.Month:
		return fmt.Sprintf("%04d-%02d-XX", d.Year, d.Month)
	case analysis.Year:
		return fmt.Sprintf("%04d-XX-XX", d.Year)
	}
	return "XXXX-XX-XX"
}

// targetIDs returns the corpus entities a target names: the best matches
// of RankNames at MatchThreshold or above, else partOfName's; and besides
// them the entities whose name is the target's in the plural or singular
// ("iPods" for "iPod") or with words inserted between its first and last
// ("iTunes Music Store" for "iTunes Store").
func (c *corpus) targetIDs(target string) []uint64 {
	var ids []uint64
	for _, m := range analysis.RankNames(target, c.entities) {
		if m.Score < analysis.MatchThreshold || len(ids) > 0 {
			break
		}
		ids = append(ids, m.Entity.ID)
	}
	if len(ids) == 0 {
		ids = partOfName(target, c.entities)
	}
	tw := strings.Fields(analysis.NormalizeName(target))
	for _, e := range c.entities {
		if !containsID(ids, e.ID) && variantOf(tw, strings.Fields(analysis.NormalizeName(e.Name))) {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

// variantOf reports whether name (normalized words) writes the target tw
// in another form: without a company suffix ("Boeing Co" for "Boeing"),
// its last word in the plural or singular ("iPods" for "iPod"), more words
// between its first and last ("iTunes Music Store" for "iTunes Store"), or
// its initials ("GM" for "General Motors").
func variantOf(tw, name []string) bool {
	tw, name = trimSuffix(tw), trimSuffix(name)
	if len(tw) == 0 || len(name) == 0 {
		return false
	}
	if len(name) == 1 && len(tw) >= 2 && len(name[0]) == len(tw) {
		ok := true
		for i, w := range tw {
			ok = ok && w[0] == name[0][i]
		}
		if ok {
			return true
		}
	}
	if len(name) == len(tw) {
		for i := range tw {
			a, b := tw[i], name[i]
			if a == b || i == len(tw)-1 && plural(a, b) {
				continue
			}
			return false
		}
		return true
	}
	if len(tw) < 2 || len(name) <= len(tw) || name[0] != tw[0] || name[len(name)-1] != tw[len(tw)-1] {
		return false
	}
	k := 0
	for _, w := range name {
		if k < len(tw) && w == tw[k] {
			k++
		}
	}
	return k == len(tw)
}

// companySuffixes end a company's name without telling it from another.
var companySuffixes = map[string]bool{
	"inc": true, "corp": true, "corporation": true, "co": true, "company": true, "plc": true,
	"ltd": true, "llc": true, "sa": true, "sas": true, "ag": true, "nv": true, "se": true,
}

// trimSuffix drops a company suffix from the end of a name of two words or
// more.
func trimSuffix(w []string) []string {
	if len(w) >= 2 && companySuffixes[w[len(w)-1]] {
		return w[:len(w)-1]
	}
	return w
}

// plural reports whether one word is the other with an "s" added, for
// words of letters only ("ipods", not "3gs").
func plural(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) < 3 || a+"s" != b {
		return false
	}
	for _, r := range a {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

func containsID(ids []uint64, id uint64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
