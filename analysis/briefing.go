package analysis

import (
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Term is one thing a chat asked its briefings to be about: the words as
// typed and, when they name known entities, those entities' ids. A term
// without entities matches facts whose text contains its words.
type Term struct {
	Text     string
	Entities []uint64
}

// Story is one happening in a briefing.
type Story struct {
	TimelineEntry
	New   bool // first reported by a new article (not known before the window)
	Fresh int  // independent outlets among the new articles' reports
}

// Followed is what the new articles say about one term the chat follows.
type Followed struct {
	Term    Term
	Stories []Story
	Quotes  []Fact // new quotes by the term's entities or containing its words
}

// Quoted is a person quoted in the new articles: how many distinct quotes,
// and one short quote to show.
type Quoted struct {
	Speaker uint64
	Count   int
	Quote   Fact
}

// Briefing is what the new articles add: the happenings they report, ranked
// (Stories), what they say about each followed term, the conflicts they
// open or feed, and the people they quote most. Everything in it is a stored
// fact with its citation; nothing is composed beyond counting.
type Briefing struct {
	New       []uint64 // ids of the new articles, oldest report first
	Outlets   int      // distinct outlets among the new articles
	Stories   []Story
	Followed  []Followed
	Conflicts []Conflict
	Quoted    []Quoted
}

// Empty reports whether the briefing has nothing to say.
func (b Briefing) Empty() bool {
	if len(b.Stories) > 0 || len(b.Conflicts) > 0 || len(b.Quoted) > 0 {
		return false
	}
	for _, f := range b.Followed {
		if len(f.Stories) > 0 || len(f.Quotes) > 0 {
			return false
		}
	}
	return true
}

// backgroundAge is how far before its report a happening must lie to be
// background (told as context, not news): it is not a top story.
const backgroundAge = 30 * 24 * time.Hour

// MakeBriefing builds the briefing of the articles for which isNew is true
// (received since the chat's last briefing, or published on a day),
// against all of facts: the new articles' facts and the earlier facts they
// are compared with (the same happenings told before, earlier values of a
// disputed attribute). articles holds every fact's article.
//
// Stories are the happenings reported by at least one new article, ranked
// by independent outlets among the new reports, then new happenings before
// ones already known, then all outlets, then the latest first. A happening
// dated more than 30 days before the new article that reports it is
// background, not a story (it still counts for a followed term). With
// terms, stories, conflicts and quotes are limited to those that concern a
// term, and Followed says, per term, what is new about it. A follow-up's
// Lead is a new article's report of it. Undated statements ("she added
// that…") are left to the quotes.
//
// known are the names of every outlet known besides those of articles
// (see ConflictsKnowing); nil when articles holds every article.
func MakeBriefing(facts []Fact, articles map[uint64]Article, isNew func(Article) bool, terms []Term, known []string) Briefing {
	var b Briefing
	newArt := map[uint64]bool{}
	outlets := map[string]bool{}
	for id, a := range articles {
		if isNew(a) {
			newArt[id] = true
			outlets[outletKey(Outlet(a))] = true
		}
	}
	for id := range newArt {
		b.New = append(b.New, id)
	}
	sort.Slice(b.New, func(i, j int) bool {
		ai, aj := articles[b.New[i]], articles[b.New[j]]
		if !ai.Received.Equal(aj.Received) {
			return ai.Received.Before(aj.Received)
		}
		return b.New[i] < b.New[j]
	})
	delete(outlets, "")
	b.Outlets = len(outlets)
	if len(newArt) == 0 {
		return b
	}
	isNewFact := func(f Fact) bool { return newArt[f.Article] }
	match := func(f Fact) bool {
		if len(terms) == 0 {
			return true
		}
		for _, t := range terms {
			if t.matches(f) {
				return true
			}
		}
		return false
	}

	cx := newConflictContext(facts, articles, known)
	var all []Story // every happening with a new report, background included
	for _, g := range GroupEvents(facts, articles) {
		if len(g.Entities) == 0 || !anyFact(g.Facts, isNewFact) || undatedStatement(g) {
			continue
		}
		reports := onePerArticle(g.Facts)
		var fresh []Fact
		for _, f := range reports {
			if newArt[f.Article] {
				fresh = append(fresh, f)
			}
		}
		st := Story{
			TimelineEntry: TimelineEntry{EventGroup: g, Lead: leadFact(g), Reports: reports, Outlets: countOutlets(reports, articles, cx.credit.of)},
			New:           newArt[reports[0].Article],
			Fresh:         countOutlets(fresh, articles, cx.credit.of),
		}
		if !st.New {
			// a follow-up: show what a new article says of it
			ng := g
			ng.Facts = nil
			for _, f := range g.Facts {
				if newArt[f.Article] {
					ng.Facts = append(ng.Facts, f)
				}
			}
			st.Lead = leadFact(ng)
		}
		all = append(all, st)
	}
	sortStories(all)
	for _, s := range all {
		if background(s, articles, newArt) || !anyFact(s.Facts, match) {
			continue
		}
		b.Stories = append(b.Stories, s)
	}

	var quotes []Fact
	for _, f := range facts {
		if f.Kind == Quote && newArt[f.Article] && f.Quote != "" {
			quotes = append(quotes, f)
		}
	}
	sort.SliceStable(quotes, func(i, j int) bool { return factBefore(quotes[i], quotes[j], articles) })

	for _, t := range terms {
		fl := Followed{Term: t}
		for _, s := range all {
			if anyFact(s.Facts, t.matches) {
				fl.Stories = append(fl.Stories, s)
			}
		}
		seen := map[string]bool{}
		for _, q := range quotes {
			k := normQuote(q.Quote)
			if t.matches(q) && !seen[k] {
				seen[k] = true
				fl.Quotes = append(fl.Quotes, q)
			}
		}
		b.Followed = append(b.Followed, fl)
	}

	for _, c := range conflictsIn(cx, facts) {
		fresh, concerns := false, len(terms) == 0
		for _, s := range c.Sides {
			fresh = fresh || anyFact(s.Reports, isNewFact)
			concerns = concerns || anyFact(s.Reports, match)
		}
		for _, t := range terms {
			for _, id := range c.Subject {
				concerns = concerns || containsID(t.Entities, id)
			}
		}
		if fresh && concerns {
			b.Conflicts = append(b.Conflicts, c)
		}
	}

	b.Quoted = mostQuoted(quotes, match)
	return b
}

// undatedStatement reports whether the happening is only somebody saying
// something ("she added that Karstia would not sign…"), with no date of
// its own: every report's sentence is a statement. The briefing's quotes
// cover it.
func undatedStatement(g EventGroup) bool {
	if g.How != Publication {
		return false
	}
	said := map[[3]int]bool{}
	key := func(f Fact) [3]int { return [3]int{int(f.Article), f.Span.Start, f.Span.End} }
	for _, f := range g.Facts {
		if f.Action == "say" {
			said[key(f)] = true
		}
	}
	for _, f := range g.Facts {
		if !said[key(f)] {
			return false
		}
	}
	return true
}

// sortStories ranks stories: most independent outlets among the new
// reports, new happenings first, most outlets in all, latest first.
func sortStories(ss []Story) {
	sort.SliceStable(ss, func(i, j int) bool {
		a, b := ss[i], ss[j]
		if a.Fresh != b.Fresh {
			return a.Fresh > b.Fresh
		}
		if a.New != b.New {
			return a.New
		}
		if a.Outlets != b.Outlets {
			return a.Outlets > b.Outlets
		}
		if len(a.Reports) != len(b.Reports) {
			return len(a.Reports) > len(b.Reports)
		}
		return a.Date.Time().After(b.Date.Time())
	})
}

// background reports whether every new report of the story tells a
// happening dated more than backgroundAge before that report's article.
func background(s Story, articles map[uint64]Article, newArt map[uint64]bool) bool {
	if s.Date.IsZero() || s.How == Publication || s.Planned {
		return false
	}
	end := s.Date.End()
	for _, f := range s.Reports {
		if !newArt[f.Article] {
			continue
		}
		pub := articles[f.Article].Published
		if pub.IsZero() || pub.Sub(end) <= backgroundAge {
			return false
		}
	}
	return true
}

// mostQuoted groups the quotes that match by speaker: the speakers with the
// most distinct quotes first (then the earliest quoted), each with its
// shortest quote of at least six words (or its shortest).
func mostQuoted(quotes []Fact, match func(Fact) bool) []Quoted {
	type acc struct {
		q     Quoted
		seen  map[string]bool
		first int
	}
	by := map[uint64]*acc{}
	var order []uint64
	for i, q := range quotes {
		if q.Speaker == 0 || !match(q) {
			continue
		}
		a := by[q.Speaker]
		if a == nil {
			a = &acc{q: Quoted{Speaker: q.Speaker, Quote: q}, seen: map[string]bool{}, first: i}
			by[q.Speaker] = a
			order = append(order, q.Speaker)
		}
		k := normQuote(q.Quote)
		if a.seen[k] {
			continue
		}
		a.seen[k] = true
		a.q.Count++
		if betterShortQuote(q.Quote, a.q.Quote.Quote) {
			a.q.Quote = q
		}
	}
	out := make([]Quoted, 0, len(order))
	for _, id := range order {
		out = append(out, by[id].q)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out
}

// betterShortQuote prefers quotes of at least six words, and among those
// (or among shorter ones) the shortest.
func betterShortQuote(a, b string) bool {
	wa, wb := len(strings.Fields(a)), len(strings.Fields(b))
	if (wa >= 6) != (wb >= 6) {
		return wa >= 6
	}
	return utf8.RuneCountInString(a) < utf8.RuneCountInString(b)
}

// normQuote is the key under which the same words quoted by several
// articles count once.
func normQuote(q string) string {
	var sb strings.Builder
	for _, r := range q {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			sb.WriteRune(unicode.ToLower(r))
		}
	}
	return sb.String()
}

// factBefore orders facts by their article's publication (then receipt),
// then article, then position.
func factBefore(a, b Fact, articles map[uint64]Article) bool {
	pa, pb := articles[a.Article].Published, articles[b.Article].Published
	if !pa.Equal(pb) {
		return pa.Before(pb)
	}
	if a.Article != b.Article {
		return a.Article < b.Article
	}
	return a.Seq < b.Seq
}

// matches reports whether the fact concerns the term: one of its entities
// takes part, speaks or is the subject, or (for a term without entities)
// the fact's words contain the term's words, whole words, any case.
func (t Term) matches(f Fact) bool {
	if len(t.Entities) > 0 {
		for _, id := range t.Entities {
			if containsID(f.Entities, id) || f.Speaker == id || f.Subject == id {
				return true
			}
		}
		return false
	}
	w := strings.TrimSpace(t.Text)
	if w == "" {
		return false
	}
	return containsWords(f.Evidence, w) || containsWords(f.Quote, w)
}

// containsWords reports whether text contains phrase as whole words,
// ignoring case.
func containsWords(text, phrase string) bool {
	lt, lp := strings.ToLower(text), strings.ToLower(phrase)
	for from := 0; ; {
		i := strings.Index(lt[from:], lp)
		if i < 0 {
			return false
		}
		i += from
		j := i + len(lp)
		before, _ := utf8.DecodeLastRuneInString(lt[:i])
		after, _ := utf8.DecodeRuneInString(lt[j:])
		if (i == 0 || !isWordRune(before)) && (j == len(lt) || !isWordRune(after)) {
			return true
		}
		from = i + 1
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func anyFact(fs []Fact, pred func(Fact) bool) bool {
	for _, f := range fs {
		if pred(f) {
			return true
		}
	}
	return false
}
