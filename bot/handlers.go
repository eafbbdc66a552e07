package bot

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot/analysis"
)

func (b *Bot) commandTable() []Command {
	return []Command{
		{Name: "help", Usage: "/help [command]", Summary: "What briefbot can do",
			Help:    "Lists the commands, or explains one: /help timeline.",
			Example: "/help timeline", Handle: b.help},
		{Name: "timeline", Usage: "/timeline <name> [since DATE] [until DATE] [chart]", Summary: "Dated, sourced chronology of a person or organisation",
			Help:    "Everything the articles say happened involving someone, oldest first. The same happening told by several outlets is one line citing each of them. Dates are given as precisely as the articles allow; lines whose date no article states come last. Dates: 2025-08-06, 2025-08 or 2025. Add \"chart\" for a picture of it.",
			Example: "/timeline witkoff since 2025-08", NeedsArg: true, Handle: b.timeline},
		{Name: "conflicts", Usage: "/conflicts [name]", Summary: "Where the articles disagree, side by side",
			Help:    "Dates, durations, counts, places, titles and who asked for a meeting, on which sources give incompatible values for the same happening or person, and the same words quoted as said by different people: each value with its sources and how many independent outlets back it. Each conflict is labelled contradiction, update (a later article revises an earlier value), precision (\"about\", \"over\" against an exact value) or attributed (each side is somebody's claim). Spelling variants and the same value in other words are not conflicts. Give a name to see only the conflicts about someone.",
			Example: "/conflicts", Handle: b.conflicts},
		{Name: "sources", Usage: "/sources [words]", Summary: "The articles read so far",
			Help:    "Every ingested article with its id, outlet, publication date, title and number of facts; words filter by outlet, title or text.",
			Example: "/sources kremlin", Handle: b.sources},
		{Name: "who", Usage: "/who <name>", Summary: "Who someone is: names, titles, where seen",
			Help:    "The canonical name, the other spellings seen, the type, titles and roles (each with its sources), when the name was first and last seen and in how many articles.",
			Example: "/who ushakov", NeedsArg: true, Handle: b.who},
		{Name: "quotes", Usage: "/quotes <name>", Summary: "What someone said, verbatim",
			Help:    "Direct quotes of a person or organisation, word for word, with where each was reported. The same words reported by several outlets are one line.",
			Example: "/quotes ushakov", NeedsArg: true, Handle: b.quotes},
		{Name: "add", Usage: "/add <link>", Summary: "Read the article at a link",
			Help:    "Fetches the page, extracts its article (title, outlet, publication date) and adds it, answering with what was learned. Pasting a link alone does the same. Private and local addresses are refused.",
			Example: "/add https://example.org/news/2025/08/06/talks", NeedsArg: true, Handle: b.addLink},
		{Name: "follow", Usage: "/follow <feed link> [announce]", Summary: "Read a news feed as it updates",
			Help:    "Follows an RSS, Atom or JSON feed: its new articles are read every few minutes, each once. With \"announce\", each new article is also announced in this chat.",
			Example: "/follow https://example.org/world/rss.xml announce", NeedsArg: true, Handle: b.follow},
		{Name: "unfollow", Usage: "/unfollow <feed link>", Summary: "Stop following a feed",
			Help:    "Stops following a feed in this chat; the articles already read stay.",
			Example: "/unfollow https://example.org/world/rss.xml", NeedsArg: true, Handle: b.unfollow},
		{Name: "feeds", Usage: "/feeds", Summary: "The feeds followed and how their last read went",
			Help:    "Every followed feed, whether this chat follows it, and the status of its last read.",
			Example: "/feeds", Handle: b.listFeeds},
		{Name: "brief", Usage: "/brief [date] [full]", Summary: "What changed: top stories, new conflicts, who was quoted",
			Help:    "A briefing of the articles received in the last 24 hours (or, with a date, published that day): the happenings ranked by how many independent outlets report them and whether they are new, the conflicts the new articles raise, and the most quoted people. One screen; add \"full\" for every item. /subscribe sends one every day.",
			Example: "/brief 2025-08-07", Handle: b.brief},
		{Name: "subscribe", Usage: "/subscribe [HH:MM ZONE [names or words]]", Summary: "A briefing in this chat every day",
			Help:    "Sends this chat a briefing every day at that local time (an IANA time zone such as Europe/Berlin or America/New_York), optionally limited to people, organisations or words. /subscribe alone shows the setting.",
			Example: "/subscribe 08:00 Europe/Berlin dorenko", Handle: b.subscribe},
		{Name: "unsubscribe", Usage: "/unsubscribe", Summary: "Stop this chat's daily briefing",
			Help:    "Stops the daily briefing of this chat.",
			Example: "/unsubscribe", Handle: b.unsubscribe},
		{Name: "forget", Usage: "/forget <article id> [confirm]", Summary: "Remove an article and everything learned from it (admins)",
			Help:    "Shows what removing an article would take away (its facts, and with them its lines in timelines, conflicts and briefings); repeat with \"confirm\" to remove it. Ids are the #numbers /sources lists. Admins only: those named in BRIEFBOT_ADMINS, and the console.",
			Example: "/forget 12", NeedsArg: true, Handle: b.forget},
	}
}

func (b *Bot) help(_ context.Context, _ *Request, args string) (*Reply, error) {
	name := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(args)), "/")
	if name != "" {
		c := b.index[name]
		if c == nil {
			r := userError("help", args, fmt.Sprintf("There is no command /%s.", name))
			r.Text = "Commands: " + b.commandNames() + "."
			return r, nil
		}
		return &Reply{Title: c.Usage, Text: c.Help + "\nExample: " + c.Example, Items: []Item{}}, nil
	}
	r := &Reply{Title: "briefbot reads the news you send it and answers with sourced facts.", Items: []Item{}}
	var lines []string
	for _, c := range b.cmds {
		lines = append(lines, fmt.Sprintf("%s — %s (e.g. %s)", c.Usage, c.Summary, c.Example))
	}
	lines = append(lines, "Paste an article's text, or a link to it, to add it.")
	r.Text = strings.Join(lines, "\n")
	return r, nil
}

// resolveEntity finds the entity a typed name denotes. It returns a user
// reply (no one by that name, with suggestions) when there is none.
func (b *Bot) resolveEntity(ctx context.Context, cmd, name string) (analysis.Entity, *Reply, error) {
	key := analysis.NormalizeName(name)
	if key == "" {
		return analysis.Entity{}, userError(cmd, name, fmt.Sprintf("%q is not a name I can look up.", name)), nil
	}
	ids, err := b.store.LookupAlias(ctx, key)
	if err != nil {
		return analysis.Entity{}, nil, fmt.Errorf("look up %q: %w", key, err)
	}
	if len(ids) > 0 {
		var cands []analysis.Entity
		for _, id := range ids {
			e, err := b.store.Entity(ctx, id)
			if err != nil {
				return analysis.Entity{}, nil, fmt.Errorf("entity %d: %w", id, err)
			}
			cands = append(cands, e)
		}
		return b.mostSeen(ctx, cands)
	}
	all, err := b.store.Entities(ctx)
	if err != nil {
		return analysis.Entity{}, nil, fmt.Errorf("list entities: %w", err)
	}
	ranked := analysis.RankNames(name, all)
	if len(ranked) > 0 && ranked[0].Score >= analysis.MatchThreshold {
		top := []analysis.Entity{ranked[0].Entity}
		for _, m := range ranked[1:] {
			if m.Score == ranked[0].Score {
				top = append(top, m.Entity)
			}
		}
		return b.mostSeen(ctx, top)
	}
	r := userError(cmd, name, fmt.Sprintf("No one named %q yet.", name))
	var sugg []string
	for i, m := range ranked {
		if i == 5 {
			break
		}
		sugg = append(sugg, m.Entity.Name)
	}
	if len(sugg) > 0 {
		r.Text = "Closest known names: " + strings.Join(sugg, ", ") + "."
	} else {
		r.Text = "Try /sources to see what has been read, or paste an article that names them."
	}
	return analysis.Entity{}, r, nil
}

// mostSeen picks, among entities a name may denote, the one in most articles.
func (b *Bot) mostSeen(ctx context.Context, cands []analysis.Entity) (analysis.Entity, *Reply, error) {
	best, bestN := cands[0], -1
	for _, e := range cands {
		s, err := b.store.Sightings(ctx, e.ID)
		if err != nil {
			return analysis.Entity{}, nil, fmt.Errorf("sightings of %d: %w", e.ID, err)
		}
		if len(s) > bestN {
			best, bestN = e, len(s)
		}
	}
	return best, nil, nil
}

// sourcer turns facts into citations, loading each article once.
type sourcer struct {
	b    *Bot
	ctx  context.Context
	arts map[uint64]analysis.Article
}

func (b *Bot) newSourcer(ctx context.Context) *sourcer {
	return &sourcer{b: b, ctx: ctx, arts: map[uint64]analysis.Article{}}
}

func (s *sourcer) load(ids ...uint64) error {
	for _, id := range ids {
		if _, ok := s.arts[id]; ok {
			continue
		}
		a, err := s.b.store.Article(s.ctx, id)
		if err != nil {
			return fmt.Errorf("article %d: %w", id, err)
		}
		a.Text = "" // not needed past here
		s.arts[id] = a
	}
	return nil
}

func (s *sourcer) loadFacts(fs []analysis.Fact) error {
	for _, f := range fs {
		if err := s.load(f.Article); err != nil {
			return err
		}
	}
	return nil
}

func (s *sourcer) source(f analysis.Fact) Source {
	a := s.arts[f.Article]
	return articleSource(a, f.Evidence)
}

func articleSource(a analysis.Article, evidence string) Source {
	return Source{
		Article:   strconv.FormatUint(a.ID, 10),
		Outlet:    analysis.Outlet(a),
		Title:     a.Title,
		URL:       a.URL,
		Published: analysis.DayOf(a.Published).String(),
		Evidence:  evidence,
	}
}

// firstPublished returns the earliest publication day (YYYY-MM-DD) of the
// facts' articles, or "" when none is known.
func (s *sourcer) firstPublished(fs []analysis.Fact) string {
	first := ""
	for _, f := range fs {
		if d := analysis.DayOf(s.arts[f.Article].Published).String(); d != "" && (first == "" || d < first) {
			first = d
		}
	}
	return first
}

func (s *sourcer) sources(fs []analysis.Fact) []Source {
	out := make([]Source, 0, len(fs))
	seen := map[uint64]bool{}
	for _, f := range fs {
		if seen[f.Article] {
			continue
		}
		seen[f.Article] = true
		out = append(out, s.source(f))
	}
	return out
}

func (b *Bot) timeline(ctx context.Context, _ *Request, args string) (*Reply, error) {
	args, wantChart := splitChart(args)
	name, sinceS, untilS := splitRange(args)
	var since, until analysis.Date
	var err error
	if sinceS != "" {
		if since, err = analysis.ParseUserDate(sinceS); err != nil {
			return b.usageError("timeline", args, err.Error()), nil
		}
	}
	if untilS != "" {
		if until, err = analysis.ParseUserDate(untilS); err != nil {
			return b.usageError("timeline", args, err.Error()), nil
		}
	}
	if strings.TrimSpace(name) == "" {
		return b.usageError("timeline", args, "/timeline needs a name."), nil
	}
	e, miss, err := b.resolveEntity(ctx, "timeline", name)
	if err != nil || miss != nil {
		return miss, err
	}
	facts, err := b.articleFactsAbout(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	src := b.newSourcer(ctx)
	if err := src.loadFacts(facts); err != nil {
		return nil, err
	}
	entries := analysis.Timeline(e.ID, facts, src.arts, since, until)
	r := &Reply{Title: "Timeline: " + e.Name, Items: []Item{}}
	if !since.IsZero() || !until.IsZero() {
		r.Title += rangeText(since, until)
	}
	arts := map[uint64]bool{}
	quoted := 0
	kept := entries[:0]
	for _, en := range entries {
		if quotedStatement(en) {
			quoted++ // its words are in /quotes
			continue
		}
		kept = append(kept, en)
		for _, f := range en.Reports {
			arts[f.Article] = true
		}
		r.Items = append(r.Items, Item{
			Date:    itemDate(en.EventGroup),
			Text:    en.Lead.Text,
			Note:    entryNote(en, src.arts),
			Sources: src.sources(en.Reports),
		})
	}
	if quoted > 0 {
		r.Footer = fmt.Sprintf("%s with no date of their own are under /quotes %s.", count(quoted, "quoted statement", "quoted statements"), shortName(e))
	}
	entries = kept
	if len(entries) == 0 {
		r.Text = fmt.Sprintf("No dated happenings involving %s yet%s.", e.Name, rangeText(since, until))
		if len(facts) > 0 {
			r.Text += " Try /who " + shortName(e) + " or /quotes " + shortName(e) + "."
		}
		return r, nil
	}
	r.Text = fmt.Sprintf("%s from %s.%s", count(len(entries), "happening", "happenings"), count(len(arts), "article", "articles"), alsoKnown(e))
	if wantChart {
		att, err := b.timelineChart(ctx, e, entries, facts, src.arts)
		if err != nil {
			return nil, err
		}
		r.Attachments = append(r.Attachments, att)
	} else {
		r.Actions = append(r.Actions, Action{Label: "Chart", Command: "/timeline " + strings.TrimSpace(args) + " chart"})
	}
	return r, nil
}

// quotedStatement reports whether a timeline entry is only somebody's quoted
// words with no date of their own: /quotes shows those better.
func quotedStatement(en analysis.TimelineEntry) bool {
	if en.How != analysis.Publication {
		return false
	}
	for _, f := range en.Facts {
		if f.Action != "say" || !strings.ContainsAny(f.Evidence, "\"“”") {
			return false
		}
	}
	return true
}

func (b *Bot) usageError(cmd, args, msg string) *Reply {
	r := userError(cmd, args, msg)
	if c := b.index[cmd]; c != nil {
		r.Text = "Usage: " + c.Usage + "\nExample: " + c.Example
	}
	return r
}

func rangeText(since, until analysis.Date) string {
	switch {
	case !since.IsZero() && !until.IsZero():
		return fmt.Sprintf(" (%s to %s)", since, until)
	case !since.IsZero():
		return fmt.Sprintf(" (since %s)", since)
	case !until.IsZero():
		return fmt.Sprintf(" (until %s)", until)
	}
	return ""
}

func shortName(e analysis.Entity) string {
	f := strings.Fields(e.Name)
	if len(f) == 0 {
		return e.Name
	}
	return strings.ToLower(f[len(f)-1])
}

func alsoKnown(e analysis.Entity) string {
	var other []string
	for _, a := range e.Aliases {
		if a != e.Name && strings.Contains(a, " ") || a != e.Name && !strings.Contains(e.Name, a) {
			other = append(other, a)
		}
	}
	if len(other) == 0 {
		return ""
	}
	if len(other) > 6 {
		other = other[:6]
	}
	return " Also written: " + strings.Join(other, ", ") + "."
}

func itemDate(g analysis.EventGroup) string {
	if g.How == analysis.Publication {
		return ""
	}
	return g.Date.String()
}

// entryNote says how a happening's date is known, whether it was only
// planned, and how many independent outlets report it.
func entryNote(en analysis.TimelineEntry, arts map[uint64]analysis.Article) string {
	var parts []string
	if en.Planned {
		parts = append(parts, "planned")
	}
	switch en.How {
	case analysis.Resolved:
		// prefer a report whose own sentence holds the expression
		var told, carried *analysis.Fact
		for i := range en.Facts {
			f := &en.Facts[i]
			if f.How != analysis.Resolved || f.Date != en.Date {
				continue
			}
			if strings.Contains(f.Evidence, f.DateText) {
				told = f
				break
			}
			if carried == nil {
				carried = f
			}
		}
		switch {
		case told != nil:
			parts = append(parts, fmt.Sprintf("date from %q and the publication date %s", told.DateText, analysis.DayOf(arts[told.Article].Published)))
		case carried != nil:
			parts = append(parts, fmt.Sprintf("date of the happening the article tells around it (%q, published %s)", carried.DateText, analysis.DayOf(arts[carried.Article].Published)))
		}
	case analysis.Publication:
		if !en.Date.IsZero() {
			parts = append(parts, "date not stated; reported "+en.Date.String())
		} else {
			parts = append(parts, "undated")
		}
	}
	if !en.Planned {
		// reports that announced it before it happened
		var ahead []string
		for _, f := range en.Reports {
			if f.Planned {
				a := arts[f.Article]
				name := analysis.Outlet(a)
				if name == "" {
					name = "article #" + strconv.FormatUint(a.ID, 10)
				}
				if d := analysis.DayOf(a.Published); !d.IsZero() {
					name += " on " + d.String()
				}
				ahead = append(ahead, name)
			}
		}
		if len(ahead) > 0 {
			parts = append(parts, "announced in advance by "+strings.Join(ahead, ", "))
		}
	}
	if en.Outlets > 1 {
		parts = append(parts, fmt.Sprintf("%d outlets", en.Outlets))
	}
	return strings.Join(parts, "; ")
}

func (b *Bot) conflicts(ctx context.Context, _ *Request, args string) (*Reply, error) {
	var facts []analysis.Fact
	var focus analysis.Entity
	var window string // the span compared, when not everything
	var err error
	if name := strings.TrimSpace(args); name != "" {
		var miss *Reply
		focus, miss, err = b.resolveEntity(ctx, "conflicts", name)
		if err != nil || miss != nil {
			return miss, err
		}
		facts, err = b.articleFactsAbout(ctx, focus.ID)
	} else {
		facts, window, err = b.recentFacts(ctx)
	}
	if err != nil {
		return nil, err
	}
	src := b.newSourcer(ctx)
	if err := src.loadFacts(facts); err != nil {
		return nil, err
	}
	var outlets []string // every outlet, when only recent articles are compared
	if window != "" {
		if outlets, err = b.knownOutlets(ctx); err != nil {
			return nil, err
		}
	}
	cs := analysis.ConflictsKnowing(facts, src.arts, outlets)
	if focus.ID != 0 {
		cs = conflictsAbout(cs, focus.ID)
	}
	info, err := b.entityNames(ctx, cs)
	if err != nil {
		return nil, err
	}
	r := &Reply{Title: "Conflicts", Items: []Item{}}
	if focus.ID != 0 {
		r.Title = "Conflicts about " + focus.Name
	}
	for _, c := range cs {
		r.Items = append(r.Items, conflictItem(c, info.names, info.types, src))
	}
	sort.SliceStable(r.Items, func(i, j int) bool { return r.Items[i].Date < r.Items[j].Date })
	if len(cs) == 0 {
		r.Text = "The sources agree on everything I can compare so far."
	} else {
		r.Text = count(len(cs), "place where sources disagree.", "places where sources disagree.")
	}
	if window != "" {
		r.Footer = window
	}
	return r, nil
}

// conflictsArticles is how many of the most recently published articles a
// bare /conflicts compares: at a newsroom's volume, comparing everything
// ever read would be slow and mostly about old news.
const conflictsArticles = 300

// recentFacts returns the facts of the conflictsArticles most recently
// published articles, with those of the articles without a publication date
// received since the oldest of them; window says what was compared when
// older articles were left out, "" when every article is compared.
func (b *Bot) recentFacts(ctx context.Context) ([]analysis.Fact, string, error) {
	limit := conflictsArticles
	if b.conflictsLimit > 0 {
		limit = b.conflictsLimit
	}
	arts, err := b.store.RecentlyPublished(ctx, limit+1)
	if err != nil {
		return nil, "", err
	}
	if len(arts) <= limit {
		facts, err := b.allFacts(ctx)
		return facts, "", err
	}
	arts = arts[1:]
	from := arts[0].Published
	// articles without a publication date count by when they were received
	recv, err := b.store.ArticlesReceived(ctx, from, time.Time{})
	if err != nil {
		return nil, "", fmt.Errorf("articles received since %s: %w", analysis.DayOf(from), err)
	}
	for _, a := range recv {
		if a.Published.IsZero() {
			arts = append(arts, a)
		}
	}
	facts, err := b.factsOf(ctx, arts)
	if err != nil {
		return nil, "", err
	}
	window := fmt.Sprintf("Compared: the %d most recent articles, published %s to %s. Older ones are left out: /conflicts NAME compares everything about someone.",
		len(arts), analysis.DayOf(from), analysis.DayOf(arts[limit-1].Published))
	return facts, window, nil
}

// articleFactsAbout returns every fact of the articles that state something
// about an entity: the context its happenings need to be grouped right.
func (b *Bot) articleFactsAbout(ctx context.Context, id uint64) ([]analysis.Fact, error) {
	about, err := b.store.FactsAbout(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("facts about %d: %w", id, err)
	}
	seen := map[uint64]bool{}
	var out []analysis.Fact
	for _, f := range about {
		if seen[f.Article] {
			continue
		}
		seen[f.Article] = true
		fs, err := b.store.ArticleFacts(ctx, f.Article)
		if err != nil {
			return nil, fmt.Errorf("facts of article %d: %w", f.Article, err)
		}
		out = append(out, fs...)
	}
	return out, nil
}

// allFacts returns every stored fact, article by article.
func (b *Bot) allFacts(ctx context.Context) ([]analysis.Fact, error) {
	arts, err := b.store.Articles(ctx)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	return b.factsOf(ctx, arts)
}

// factsOf returns every fact of arts, article by article.
func (b *Bot) factsOf(ctx context.Context, arts []analysis.Article) ([]analysis.Fact, error) {
	var out []analysis.Fact
	for _, a := range arts {
		fs, err := b.store.ArticleFacts(ctx, a.ID)
		if err != nil {
			return nil, fmt.Errorf("facts of article %d: %w", a.ID, err)
		}
		out = append(out, fs...)
	}
	return out, nil
}

func conflictsAbout(cs []analysis.Conflict, id uint64) []analysis.Conflict {
	var out []analysis.Conflict
	for _, c := range cs {
		for _, e := range c.Subject {
			if e == id {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// entityNames returns the names and types of the entities the conflicts
// are about.
func (b *Bot) entityNames(ctx context.Context, cs []analysis.Conflict) (entityInfo, error) {
	info := entityInfo{names: map[uint64]string{}, types: map[uint64]analysis.EntityType{}}
	names := info.names
	for _, c := range cs {
		ids := append([]uint64(nil), c.Subject...)
		for _, s := range c.Sides {
			if c.Attribute == "speaker" {
				ids = append(ids, s.Reports[0].Speaker)
			}
			ids = append(ids, s.Speakers...) // named sources of each side
		}
		for _, id := range ids {
			if _, ok := names[id]; ok || id == 0 {
				continue
			}
			e, err := b.store.Entity(ctx, id)
			if err != nil {
				return entityInfo{}, fmt.Errorf("entity %d: %w", id, err)
			}
			names[id] = e.Name
			info.types[id] = e.Type
		}
	}
	return info, nil
}

type entityInfo struct {
	names map[uint64]string
	types map[uint64]analysis.EntityType
}

var attributeNames = map[string]string{
	"duration": "Length of", "place": "Place of", "date": "Date of", "initiative": "Who asked for",
}

func conflictItem(c analysis.Conflict, names map[uint64]string, types map[uint64]analysis.EntityType, src *sourcer) Item {
	// name the people involved (organisations when there are none)
	var who []string
	for _, want := range []analysis.EntityType{analysis.PER, analysis.ORG} {
		for _, id := range c.Subject {
			if n := names[id]; n != "" && types[id] == want {
				who = append(who, n)
			}
		}
		if len(who) > 0 {
			break
		}
	}
	it := Item{Label: c.Label}
	switch c.Attribute {
	case "role":
		it.Text = "Title of " + strings.Join(who, ", ")
	case "speaker":
		it.Text = "Who said " + quoteSnippet(c.Sides[0].Reports[0].Quote)
	default:
		what := "the " + actionNoun(c.Event)
		it.Text = fmt.Sprintf("%s %s", attributeNames[c.Attribute], what)
		switch c.Attribute {
		case "count":
			it.Text = fmt.Sprintf("Number of %s at %s", pluralUnit(c.Unit), what)
		case "initiative":
			it.Text = "Who asked for " + what
		}
		if len(who) > 0 {
			it.Text += " of " + joinNames(who)
		}
		if c.Event != nil && c.Attribute != "date" && c.Event.How != analysis.Publication {
			it.Text += " on " + c.Event.Date.String()
		}
		if c.Event != nil && c.Event.How != analysis.Publication {
			it.Date = c.Event.Date.String()
		}
	}
	if it.Date == "" {
		// about a person, not a happening: dated when the disagreement
		// arose, the day the last side was first reported
		for _, s := range c.Sides {
			if first := src.firstPublished(s.Reports); first > it.Date {
				it.Date = first
			}
		}
	}
	var all []analysis.Fact
	for _, s := range c.Sides {
		it.Claims = append(it.Claims, claimOf(c, s, names, src))
		all = append(all, s.Reports...)
	}
	it.Sources = src.sources(all)
	it.Note = labelNote(c, src)
	return it
}

// claimValue is one side of a conflict as shown: the value verbatim (for a
// quote, who is said to have said it), then in parentheses the same value
// in other words, whom the reports attribute it to, and how many
// independent outlets back it: "four-hour (also: 4 hours; 2 outlets)",
// "the Velmoran side (according to Dmitri Valk; 1 outlet)".
// claimOf is one side of a conflict as a reply claim.
func claimOf(c analysis.Conflict, s analysis.ConflictSide, names map[uint64]string, src *sourcer) Claim {
	cl := Claim{Value: s.Value, Also: s.Also, Outlets: s.Outlets, Sources: src.sources(s.Reports)}
	if c.Attribute == "speaker" {
		cl.Value = names[s.Reports[0].Speaker]
		return cl
	}
	for _, id := range s.Speakers {
		if n := names[id]; n != "" {
			cl.AccordingTo = append(cl.AccordingTo, n)
		}
	}
	cl.AccordingTo = append(cl.AccordingTo, s.Unnamed...)
	return cl
}

// labelNote says in a few words why a conflict has its label.
func labelNote(c analysis.Conflict, src *sourcer) string {
	switch c.Label {
	case analysis.Update:
		first := src.firstPublished(c.Sides[len(c.Sides)-1].Reports)
		if first == "" {
			return "later reports revise the earlier value"
		}
		return "reports from " + first + " on revise the earlier value"
	case analysis.Attributed:
		return "each side is what a different source told the outlets"
	case analysis.PrecisionDiff:
		return "an approximate value against an exact one that fits it"
	}
	return ""
}

// pluralUnit names what a count counts, in the plural.
func pluralUnit(u string) string {
	switch {
	case u == "" || u == "people":
		return "people"
	case strings.HasSuffix(u, "s"):
		return u
	case strings.HasSuffix(u, "y") && !strings.HasSuffix(u, "ay"):
		return u[:len(u)-1] + "ies"
	}
	return u + "s"
}

func actionNoun(g *analysis.EventGroup) string {
	if g == nil {
		return "happening"
	}
	switch g.Action {
	case "meet":
		return "meeting"
	case "call":
		return "call"
	case "visit":
		return "visit"
	case "summit":
		return "summit"
	}
	return g.Action
}

func joinNames(ns []string) string {
	if len(ns) <= 1 {
		return strings.Join(ns, "")
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
}

func quoteSnippet(q string) string {
	w := strings.Fields(q)
	if len(w) > 12 {
		return "“" + strings.Join(w[:12], " ") + "…”"
	}
	return "“" + q + "”"
}

func (b *Bot) sources(ctx context.Context, _ *Request, args string) (*Reply, error) {
	arts, err := b.store.Articles(ctx)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	words := strings.Fields(strings.ToLower(args))
	r := &Reply{Title: "Sources", Items: []Item{}}
	for _, a := range arts {
		if len(words) > 0 && !b.articleMatches(ctx, a, words) {
			continue
		}
		outlet := analysis.Outlet(a)
		if outlet == "" {
			outlet = "unknown outlet"
		}
		r.Items = append(r.Items, Item{
			Date:    analysis.DayOf(a.Published).String(),
			Text:    fmt.Sprintf("#%d %s — %s (%d facts)", a.ID, outlet, a.Title, a.Facts),
			Sources: []Source{articleSource(a, a.Title)},
		})
	}
	switch {
	case len(arts) == 0:
		r.Text = "No articles yet: paste one, or run briefbot ingest."
	case len(words) > 0:
		r.Title = "Sources matching " + strings.Join(words, " ")
		r.Text = fmt.Sprintf("%d of %s.", len(r.Items), count(len(arts), "article", "articles"))
	default:
		r.Text = count(len(arts), "article", "articles") + "."
	}
	// the most recent ones, by id (the order they were read)
	const maxSources = 50
	if n := len(r.Items); n > maxSources {
		r.Items = r.Items[n-maxSources:]
		r.Footer = fmt.Sprintf("The %d most recently read of %d; /sources <words> finds others.", maxSources, n)
	}
	return r, nil
}

func (b *Bot) articleMatches(ctx context.Context, a analysis.Article, words []string) bool {
	hay := strings.ToLower(a.Title + " " + a.Outlet + " " + a.URL)
	full := ""
	for _, w := range words {
		if strings.Contains(hay, w) {
			continue
		}
		if full == "" {
			fa, err := b.store.Article(ctx, a.ID)
			if err != nil {
				return false
			}
			full = strings.ToLower(fa.Text)
		}
		if !strings.Contains(full, w) {
			return false
		}
	}
	return true
}

func (b *Bot) who(ctx context.Context, _ *Request, args string) (*Reply, error) {
	e, miss, err := b.resolveEntity(ctx, "who", args)
	if err != nil || miss != nil {
		return miss, err
	}
	sights, err := b.store.Sightings(ctx, e.ID)
	if err != nil {
		return nil, fmt.Errorf("sightings of %d: %w", e.ID, err)
	}
	facts, err := b.store.FactsAbout(ctx, e.ID)
	if err != nil {
		return nil, fmt.Errorf("facts about %d: %w", e.ID, err)
	}
	src := b.newSourcer(ctx)
	for _, s := range sights {
		if err := src.load(s.Article); err != nil {
			return nil, err
		}
	}
	if err := src.loadFacts(facts); err != nil {
		return nil, err
	}
	r := &Reply{Title: fmt.Sprintf("%s (%s)", e.Name, typeName(e.Type)), Items: []Item{}}
	// titles and roles, each with its sources
	type role struct {
		text  string
		facts []analysis.Fact
	}
	var roles []*role
	byKey := map[string]*role{}
	for _, f := range facts {
		if f.Kind != analysis.Claim || f.Attribute != "role" || f.Subject != e.ID {
			continue
		}
		k := strings.ToLower(f.Value)
		ro, ok := byKey[k]
		if !ok {
			ro = &role{text: f.Value}
			byKey[k] = ro
			roles = append(roles, ro)
		}
		ro.facts = append(ro.facts, f)
	}
	for _, ro := range roles {
		// dated by its first report
		r.Items = append(r.Items, Item{Date: src.firstPublished(ro.facts), Label: "title", Text: ro.text, Sources: src.sources(ro.facts)})
	}
	// where seen
	sort.Slice(sights, func(i, j int) bool {
		return src.arts[sights[i].Article].Published.Before(src.arts[sights[j].Article].Published)
	})
	var first, last analysis.Date
	const maxSeen = 10 // the first sighting and the most recent ones
	for i, s := range sights {
		a := src.arts[s.Article]
		d := analysis.DayOf(a.Published)
		if !d.IsZero() {
			if first.IsZero() || d.String() < first.String() {
				first = d
			}
			if d.String() > last.String() {
				last = d
			}
		}
		if i > 0 && i < len(sights)-(maxSeen-1) {
			continue
		}
		r.Items = append(r.Items, Item{
			Date:    d.String(),
			Label:   "seen",
			Text:    fmt.Sprintf("named %s as %s", times(s.Mentions), strings.Join(s.Aliases, ", ")),
			Sources: []Source{articleSource(a, b.firstEvidence(facts, s.Article, a.Title))},
		})
	}
	var parts []string
	if other := otherAliases(e); len(other) > 0 {
		parts = append(parts, "Also written: "+strings.Join(other, ", ")+".")
	}
	if len(roles) > 0 {
		var rs []string
		for _, ro := range roles {
			rs = append(rs, ro.text)
		}
		parts = append(parts, "Described as: "+strings.Join(rs, "; ")+".")
	}
	seen := fmt.Sprintf("Seen in %d article%s", len(sights), plural(len(sights)))
	if !first.IsZero() {
		if first == last {
			seen += ", on " + first.String()
		} else {
			seen += fmt.Sprintf(", first %s, last %s", first, last)
		}
	}
	parts = append(parts, seen+".")
	r.Text = strings.Join(parts, " ")
	if len(sights) > maxSeen {
		r.Footer = fmt.Sprintf("Sightings: the first and the %d most recent of %d articles.", maxSeen-1, len(sights))
	}
	return r, nil
}

// firstEvidence returns the first fact sentence of an article about the
// entity, or fallback.
func (b *Bot) firstEvidence(facts []analysis.Fact, article uint64, fallback string) string {
	for _, f := range facts {
		if f.Article == article {
			return f.Evidence
		}
	}
	return fallback
}

func otherAliases(e analysis.Entity) []string {
	var out []string
	for _, a := range e.Aliases {
		if a != e.Name {
			out = append(out, a)
		}
	}
	return out
}

func typeName(t analysis.EntityType) string {
	switch t {
	case analysis.PER:
		return "person"
	case analysis.ORG:
		return "organisation"
	case analysis.LOC:
		return "place"
	}
	return "other"
}

func times(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func (b *Bot) quotes(ctx context.Context, _ *Request, args string) (*Reply, error) {
	e, miss, err := b.resolveEntity(ctx, "quotes", args)
	if err != nil || miss != nil {
		return miss, err
	}
	facts, err := b.store.FactsAbout(ctx, e.ID)
	if err != nil {
		return nil, fmt.Errorf("facts about %d: %w", e.ID, err)
	}
	src := b.newSourcer(ctx)
	if err := src.loadFacts(facts); err != nil {
		return nil, err
	}
	var qs []analysis.Fact
	for _, f := range facts {
		if f.Kind == analysis.Quote && f.Speaker == e.ID {
			qs = append(qs, f)
		}
	}
	sort.SliceStable(qs, func(i, j int) bool {
		pi, pj := src.arts[qs[i].Article].Published, src.arts[qs[j].Article].Published
		if !pi.Equal(pj) {
			return pi.Before(pj)
		}
		if qs[i].Article != qs[j].Article {
			return qs[i].Article < qs[j].Article
		}
		return qs[i].Seq < qs[j].Seq
	})
	// the same words reported by several outlets are one item
	type group struct {
		facts []analysis.Fact
	}
	var groups []*group
	byText := map[string]*group{}
	for _, q := range qs {
		k := analysis.NormalizeName(q.Quote)
		g, ok := byText[k]
		if !ok {
			g = &group{}
			byText[k] = g
			groups = append(groups, g)
		}
		g.facts = append(g.facts, q)
	}
	r := &Reply{Title: "Quotes: " + e.Name, Items: []Item{}}
	for _, g := range groups {
		q := g.facts[0]
		r.Items = append(r.Items, Item{
			Date:    analysis.DayOf(src.arts[q.Article].Published).String(),
			Text:    "“" + q.Quote + "”",
			Sources: src.sources(g.facts),
		})
	}
	if len(groups) == 0 {
		r.Text = fmt.Sprintf("No direct quotes of %s yet.", e.Name)
	} else {
		r.Text = count(len(groups), "quote", "quotes") + "."
	}
	return r, nil
}
