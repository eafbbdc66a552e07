package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/briefbot/briefbot/analysis"
)

// IngestResult is what adding one document did.
type IngestResult struct {
	Analysis  *analysis.Analysis // with stored IDs
	Duplicate bool
	Existing  analysis.Article // the stored article, for a duplicate
}

// Ingest analyses a document and stores it with all its facts in one
// transaction. Text that cannot be an article returns an
// *analysis.InputError; the same text or URL ingested again is reported as
// a duplicate and changes nothing.
func (b *Bot) Ingest(ctx context.Context, doc analysis.Document) (IngestResult, error) {
	if doc.Received.IsZero() {
		doc.Received = b.now().UTC() // briefings cover what was received since the last one
	}
	a, err := analysis.Analyze(doc)
	if err != nil {
		return IngestResult{}, err
	}
	saved, err := b.store.Save(ctx, a)
	if err != nil {
		return IngestResult{}, fmt.Errorf("save article %q: %w", a.Article.Title, err)
	}
	if saved.Duplicate {
		ex, err := b.store.Article(ctx, saved.ID)
		if err != nil {
			return IngestResult{}, fmt.Errorf("load duplicate %d: %w", saved.ID, err)
		}
		ex.Text = ""
		b.lg.Info("duplicate article", "id", saved.ID)
		return IngestResult{Analysis: a, Duplicate: true, Existing: ex}, nil
	}
	b.lg.Info("article ingested", "id", saved.ID, "outlet", a.Article.Outlet, "facts", len(a.Facts), "entities", len(a.Entities))
	return IngestResult{Analysis: a}, nil
}

// ingestReply says what was learned from a new article: its title and
// outlet, counts, its dated happenings, and the conflicts it raises.
func (b *Bot) ingestReply(ctx context.Context, res IngestResult) (*Reply, error) {
	if res.Duplicate {
		ex := res.Existing
		r := &Reply{Title: fmt.Sprintf("Already read: #%d %s", ex.ID, ex.Title), Items: []Item{}}
		r.Text = "That article is already in the database; nothing changed."
		r.Items = append(r.Items, Item{Date: analysis.DayOf(ex.Published).String(), Text: ex.Title, Sources: []Source{articleSource(ex, ex.Title)}})
		return r, nil
	}
	a := res.Analysis
	art := a.Article
	r := &Reply{Title: fmt.Sprintf("Added #%d: %s", art.ID, art.Title), Items: []Item{}}
	per, org, loc := 0, 0, 0
	for _, e := range a.Entities {
		switch e.Type {
		case analysis.PER:
			per++
		case analysis.ORG:
			org++
		case analysis.LOC:
			loc++
		}
	}
	events, quotes, claims := 0, 0, 0
	for _, f := range a.Facts {
		switch f.Kind {
		case analysis.Event:
			events++
		case analysis.Quote:
			quotes++
		case analysis.Claim:
			claims++
		}
	}
	outlet := art.Outlet
	if outlet == "" {
		outlet = "outlet unknown"
	}
	pub := analysis.DayOf(art.Published).String()
	if pub == "" {
		pub = "publication date unknown"
	}
	r.Text = fmt.Sprintf("%s, %s. %s, %s, %s; %s, %s, %s.", outlet, pub,
		count(per, "person", "people"), count(org, "organisation", "organisations"), count(loc, "place", "places"),
		count(events, "happening", "happenings"), count(quotes, "quote", "quotes"), count(claims, "title", "titles"))
	src := b.newSourcer(ctx)
	src.arts[art.ID] = art
	// its dated happenings
	shown := 0
	for _, f := range a.Facts {
		if f.Kind != analysis.Event || f.How == analysis.Publication || shown == 5 {
			continue
		}
		shown++
		note := ""
		if f.Planned {
			note = "planned"
		}
		r.Items = append(r.Items, Item{Date: f.Date.String(), Text: f.Text, Note: note, Sources: []Source{src.source(f)}})
	}
	// new conflicts: those with a side citing this article
	cs, info, src2, err := b.newConflicts(ctx, a)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		it := conflictItem(c, info.names, info.types, src2)
		it.Label = "new conflict: " + it.Label
		r.Items = append(r.Items, it)
	}
	if len(cs) > 0 {
		r.Footer = fmt.Sprintf("%d new conflicts with earlier articles.", len(cs))
	}
	return r, nil
}

// newConflicts finds the conflicts between a just-stored article and the
// facts already known about the entities it names.
func (b *Bot) newConflicts(ctx context.Context, a *analysis.Analysis) ([]analysis.Conflict, entityInfo, *sourcer, error) {
	var facts []analysis.Fact
	seen := map[[2]uint64]bool{}
	for _, e := range a.Entities {
		fs, err := b.store.FactsAbout(ctx, e.ID)
		if err != nil {
			return nil, entityInfo{}, nil, fmt.Errorf("facts about %d: %w", e.ID, err)
		}
		for _, f := range fs {
			k := [2]uint64{f.Article, uint64(f.Seq)}
			if !seen[k] {
				seen[k] = true
				facts = append(facts, f)
			}
		}
	}
	src := b.newSourcer(ctx)
	if err := src.loadFacts(facts); err != nil {
		return nil, entityInfo{}, nil, err
	}
	var out []analysis.Conflict
	for _, c := range analysis.Conflicts(facts, src.arts) {
		cites := false
		for _, s := range c.Sides {
			for _, f := range s.Reports {
				if f.Article == a.Article.ID {
					cites = true
				}
			}
		}
		if cites {
			out = append(out, c)
		}
	}
	info, err := b.entityNames(ctx, out)
	if err != nil {
		return nil, entityInfo{}, nil, err
	}
	return out, info, src, nil
}

// Greeting describes what the database holds and suggests three commands
// that will find something in it.
func (b *Bot) Greeting(ctx context.Context) (string, error) {
	st, err := b.store.Stats(ctx)
	if err != nil {
		return "", fmt.Errorf("stats: %w", err)
	}
	if st.Articles == 0 {
		return "briefbot: no articles yet. Paste an article's text (end with an empty line), or type /help.", nil
	}
	ents, err := b.store.Entities(ctx)
	if err != nil {
		return "", fmt.Errorf("entities: %w", err)
	}
	var top analysis.Entity
	for _, e := range ents {
		if e.Type == analysis.PER && (top.ID == 0 || len(e.Peers)+len(e.Aliases) > len(top.Peers)+len(top.Aliases)) {
			top = e
		}
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "briefbot: %d articles, %d facts, %d names loaded.\n", st.Articles, st.Facts, st.Entities)
	sb.WriteString("Try:\n")
	if top.ID != 0 {
		fmt.Fprintf(&sb, "  /timeline %s\n", shortName(top))
		sb.WriteString("  /conflicts\n")
		fmt.Fprintf(&sb, "  /who %s\n", shortName(top))
	} else {
		sb.WriteString("  /sources\n  /conflicts\n  /help\n")
	}
	sb.WriteString("Paste an article to add it (end with an empty line); /help lists every command.")
	return sb.String(), nil
}

// count says "1 person", "3 people".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
