package bot

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot/analysis"
)

// screenItems is how many items a briefing shows unless "full" is asked:
// about one phone screen.
const screenItems = 10

// contextDays is how far before the new articles the briefing looks for
// earlier reports of the same happenings and earlier values of disputed
// attributes.
const contextDays = 14

// brief answers /brief [date] [full]: with a date, the articles published
// that day; without, the articles received in the last 24 hours. "full"
// lists every item instead of one screen.
func (b *Bot) brief(ctx context.Context, _ *Request, args string) (*Reply, error) {
	full := false
	var rest []string
	for _, w := range strings.Fields(args) {
		if strings.EqualFold(w, "full") || strings.EqualFold(w, "all") {
			full = true
			continue
		}
		rest = append(rest, w)
	}
	if len(rest) == 0 {
		now := b.now()
		return b.Briefing(ctx, BriefingRequest{Since: now.Add(-24 * time.Hour), Until: now, Full: full})
	}
	d, err := analysis.ParseUserDate(strings.Join(rest, " "))
	if err != nil {
		return b.usageError("brief", args, err.Error()), nil
	}
	if d.Prec != analysis.Day {
		return b.usageError("brief", args, "/brief needs a day, such as 2025-08-07."), nil
	}
	return b.Briefing(ctx, BriefingRequest{Day: d, Full: full})
}

// BriefingRequest says which articles a briefing covers and for whom.
type BriefingRequest struct {
	// Since and Until bound the articles' receipt: (Since, Until]. Used
	// when Day is zero.
	Since, Until time.Time
	// Day, when set, covers the articles published that day instead.
	Day analysis.Date
	// Zone shows times in the chat's time zone (UTC when nil).
	Zone *time.Location
	// Filter limits the briefing to these names or words.
	Filter []string
	// Full lists every item instead of one screen.
	Full bool
}

// Briefing answers what changed: for a scheduled briefing the articles
// received since the previous one, for /brief the last 24 hours or a day's
// articles. One headline line of counts, then the top stories, what is
// new about the filter's names and words, the new conflicts and the most
// quoted people — every item a stored fact with its sources.
func (b *Bot) Briefing(ctx context.Context, req BriefingRequest) (*Reply, error) {
	zone := req.Zone
	if zone == nil {
		zone = time.UTC
	}
	var isNew func(analysis.Article) bool
	title, one, many := "Briefing", "new article", "new articles"
	var window, again string
	if !req.Day.IsZero() {
		day := req.Day
		isNew = func(a analysis.Article) bool { return analysis.DayOf(a.Published) == day }
		title, one, many = "Briefing for "+day.String(), "article", "articles"
		window = "published " + day.String()
		again = "/brief " + day.String() + " full"
	} else {
		since, until := req.Since, req.Until
		isNew = func(a analysis.Article) bool {
			return a.Received.After(since) && !a.Received.After(until)
		}
		window = "since " + since.In(zone).Format("Mon 2 Jan 15:04 MST")
		again = "/brief full"
	}
	if len(req.Filter) > 0 {
		title += " — " + strings.Join(req.Filter, ", ")
	}
	r := &Reply{Command: "brief", Title: title, Items: []Item{}}

	var fresh []analysis.Article
	var err error
	if !req.Day.IsZero() {
		// a day's articles, in whatever zone their times are in, lie
		// within a day of the UTC day
		from := req.Day.Time().AddDate(0, 0, -1)
		fresh, err = b.store.ArticlesPublished(ctx, from, from.AddDate(0, 0, 3))
	} else {
		fresh, err = b.store.ArticlesReceived(ctx, req.Since, req.Until)
	}
	if err != nil {
		return nil, fmt.Errorf("new articles: %w", err)
	}
	fresh = slices.DeleteFunc(fresh, func(a analysis.Article) bool { return !isNew(a) })
	src := b.newSourcer(ctx)
	facts, err := b.briefingFacts(ctx, fresh, src)
	if err != nil {
		return nil, err
	}
	terms, err := b.briefingTerms(ctx, req.Filter)
	if err != nil {
		return nil, err
	}
	outlets, err := b.knownOutlets(ctx)
	if err != nil {
		return nil, err
	}
	br := analysis.MakeBriefing(facts, src.arts, isNew, terms, outlets)
	if len(br.New) == 0 {
		r.Text = "No new articles " + window + "."
		return r, nil
	}
	head := fmt.Sprintf("%s from %s %s", count(len(br.New), one, many), count(br.Outlets, "outlet", "outlets"), window)
	if br.Empty() {
		if len(terms) > 0 {
			r.Text = head + ": nothing about " + strings.Join(req.Filter, ", ") + "."
		} else {
			r.Text = head + ": no happenings, conflicts or quotes in them."
		}
		return r, nil
	}
	r.Text = head + ": " + briefCounts(br) + "."

	sections, err := b.briefingSections(ctx, br, terms, src)
	if err != nil {
		return nil, err
	}
	caps := make([]int, len(sections))
	total := 0
	for i, s := range sections {
		caps[i] = len(s.items)
		total += caps[i]
	}
	if !req.Full {
		for i, s := range sections {
			if caps[i] > s.limit {
				total -= caps[i] - s.limit
				caps[i] = s.limit
			}
		}
		for total > screenItems {
			big := -1
			for i := range caps {
				if caps[i] > 1 && (big < 0 || caps[i] > caps[big]) {
					big = i
				}
			}
			if big < 0 {
				break
			}
			caps[big]--
			total--
		}
	}
	hidden := 0
	for i, s := range sections {
		r.Items = append(r.Items, s.items[:caps[i]]...)
		hidden += len(s.items) - caps[i]
	}
	if hidden > 0 {
		r.Footer = fmt.Sprintf("%s not shown: %s", count(hidden, "more item", "more items"), again)
	}
	return r, nil
}

// briefCounts is the headline's summary of the briefing.
func briefCounts(br analysis.Briefing) string {
	var parts []string
	if n := len(br.Stories); n > 0 {
		parts = append(parts, count(n, "happening", "happenings"))
	}
	for _, f := range br.Followed {
		if n := len(f.Stories) + len(f.Quotes); n > 0 {
			parts = append(parts, fmt.Sprintf("%s about %s", count(n, "item", "items"), f.Term.Text))
		}
	}
	if n := len(br.Conflicts); n > 0 {
		parts = append(parts, count(n, "new conflict", "new conflicts"))
	}
	if n := len(br.Quoted); n > 0 {
		parts = append(parts, count(n, "person quoted", "people quoted"))
	}
	return strings.Join(parts, ", ")
}

type briefSection struct {
	limit int
	items []Item
}

// briefingSections renders the briefing's parts in screen order: stories,
// each followed term, conflicts, quoted people. A happening shown among
// the stories is not repeated under a term.
func (b *Bot) briefingSections(ctx context.Context, br analysis.Briefing, terms []analysis.Term, src *sourcer) ([]briefSection, error) {
	storyLimit := 5
	if len(terms) > 0 {
		storyLimit = 3
	}
	stories := briefSection{limit: storyLimit}
	shown := map[[2]uint64]bool{}
	key := func(s analysis.Story) [2]uint64 { return [2]uint64{s.Lead.Article, uint64(s.Lead.Seq)} }
	for _, s := range br.Stories {
		stories.items = append(stories.items, storyItem(s, "", src))
	}
	for i, s := range br.Stories {
		if i < storyLimit {
			shown[key(s)] = true
		}
	}
	sections := []briefSection{stories}

	ids := map[uint64]bool{}
	for _, q := range br.Quoted {
		ids[q.Speaker] = true
	}
	for _, f := range br.Followed {
		for _, q := range f.Quotes {
			ids[q.Speaker] = true
		}
	}
	names := map[uint64]string{}
	types := map[uint64]analysis.EntityType{}
	for id := range ids {
		if id == 0 {
			continue
		}
		e, err := b.store.Entity(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("entity %d: %w", id, err)
		}
		names[id] = e.Name
		types[id] = e.Type
	}

	for _, f := range br.Followed {
		sec := briefSection{limit: 2}
		label := "about " + f.Term.Text
		for _, s := range f.Stories {
			if !shown[key(s)] {
				sec.items = append(sec.items, storyItem(s, label, src))
			}
		}
		for _, q := range f.Quotes {
			it := Item{Date: src.firstPublished([]analysis.Fact{q}), Label: label, Text: quoteLine(names[q.Speaker], q.Quote), Sources: src.sources([]analysis.Fact{q})}
			sec.items = append(sec.items, it)
		}
		if len(sec.items) > 0 {
			sections = append(sections, sec)
		}
	}

	conf := briefSection{limit: 2}
	info, err := b.entityNames(ctx, br.Conflicts)
	if err != nil {
		return nil, err
	}
	for _, c := range br.Conflicts {
		it := conflictItem(c, info.names, info.types, src)
		it.Label = "conflict: " + it.Label
		conf.items = append(conf.items, it)
	}
	sections = append(sections, conf)

	quoted := briefSection{limit: 2}
	for _, q := range br.Quoted {
		if types[q.Speaker] != analysis.PER {
			continue // the most quoted people, not outlets or offices
		}
		label := "quoted"
		if q.Count > 1 {
			label = fmt.Sprintf("quoted %d times", q.Count)
		}
		quoted.items = append(quoted.items, Item{
			Date:    src.firstPublished([]analysis.Fact{q.Quote}),
			Label:   label,
			Text:    quoteLine(names[q.Speaker], q.Quote.Quote),
			Sources: src.sources([]analysis.Fact{q.Quote}),
		})
	}
	sections = append(sections, quoted)
	return sections, nil
}

// storyItem is a happening as a briefing line: its lead report's words, the
// date as known, and whether it is new or a follow-up.
func storyItem(s analysis.Story, label string, src *sourcer) Item {
	note := entryNote(s.TimelineEntry, src.arts)
	if !s.New {
		first := src.firstPublished(s.Reports)
		extra := "follow-up: first reported " + first
		if first == "" {
			extra = "follow-up of an earlier report"
		}
		if note == "" {
			note = extra
		} else {
			note = extra + "; " + note
		}
	}
	return Item{Date: itemDate(s.EventGroup), Label: label, Text: s.Lead.Text, Note: note, Sources: src.sources(s.Reports)}
}

// quoteLine is "Name: “words”", the words shortened to a readable length.
func quoteLine(name, quote string) string {
	q := quoteSnippet(quote)
	if name == "" {
		return q
	}
	return name + ": " + q
}

// briefingFacts returns the facts a briefing compares: every fact of the new
// articles, and the facts of the articles published in the fortnight
// before them (and of the facts dated in that span), so that a new report
// of a known happening is known as one. It adds every article it returns
// facts of to src.
func (b *Bot) briefingFacts(ctx context.Context, fresh []analysis.Article, src *sourcer) ([]analysis.Fact, error) {
	if len(fresh) == 0 {
		return nil, nil
	}
	var from, to time.Time
	for _, a := range fresh {
		src.arts[a.ID] = a
		t := a.Published
		if t.IsZero() {
			t = a.Received
		}
		if from.IsZero() || t.Before(from) {
			from = t
		}
		if t.After(to) {
			to = t
		}
	}
	from = from.AddDate(0, 0, -contextDays)
	facts, err := b.store.FactsBetween(ctx, analysis.DayOf(from), analysis.DayOf(to))
	if err != nil {
		return nil, fmt.Errorf("facts from %s to %s: %w", analysis.DayOf(from), analysis.DayOf(to), err)
	}
	have := map[[2]uint64]bool{}
	for _, f := range facts {
		have[[2]uint64{f.Article, uint64(f.Seq)}] = true
	}
	near, err := b.store.ArticlesPublished(ctx, from, to.Add(24*time.Hour+time.Nanosecond)) // a day after, inclusive
	if err != nil {
		return nil, fmt.Errorf("articles published from %s: %w", analysis.DayOf(from), err)
	}
	read := map[uint64]bool{}
	var more []analysis.Fact // in article order, after the dated ones
	for _, a := range append(slices.Clone(fresh), near...) {
		if read[a.ID] {
			continue
		}
		read[a.ID] = true
		src.arts[a.ID] = a
		fs, err := b.store.ArticleFacts(ctx, a.ID)
		if err != nil {
			return nil, fmt.Errorf("facts of article %d: %w", a.ID, err)
		}
		for _, f := range fs {
			if k := [2]uint64{f.Article, uint64(f.Seq)}; !have[k] {
				have[k] = true
				more = append(more, f)
			}
		}
	}
	slices.SortStableFunc(more, func(x, y analysis.Fact) int { return cmp.Compare(x.Article, y.Article) })
	facts = append(facts, more...)
	if err := src.loadFacts(facts); err != nil {
		return nil, err
	}
	return facts, nil
}

// briefingTerms resolves a filter's names to known entities; a word that
// names nobody is matched in the articles' sentences as it is.
func (b *Bot) briefingTerms(ctx context.Context, filter []string) ([]analysis.Term, error) {
	var out []analysis.Term
	for _, w := range filter {
		w = strings.TrimSpace(w)
		if w == "" {
			continue
		}
		t := analysis.Term{Text: w}
		e, miss, err := b.resolveEntity(ctx, "brief", w)
		if err != nil {
			return nil, err
		}
		if miss == nil {
			t.Entities = []uint64{e.ID}
			t.Text = e.Name
		}
		out = append(out, t)
	}
	return out, nil
}
