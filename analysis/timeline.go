package analysis

import (
	"strings"
)

// TimelineEntry is one happening in an entity's timeline.
type TimelineEntry struct {
	EventGroup
	Lead    Fact   // the report whose words represent the happening
	Reports []Fact // one fact per article, first report first: the citations
	Outlets int    // independent outlets among the reports
}

// Timeline returns the happenings that involve entity (as a participant, or
// as the source that told them), each once, oldest first, with undated ones
// last. facts are the stored facts of the articles that name the entity:
// all of them, so that a report that does not name the entity itself ("The
// talks lasted five hours") still joins the happening it tells. articles
// holds their articles. since and until, when not zero, keep only
// happenings whose date overlaps [since, until].
func Timeline(entity uint64, facts []Fact, articles map[uint64]Article, since, until Date) []TimelineEntry {
	var out []TimelineEntry
	credits := OutletCredits(facts, articles)
	for _, g := range groupEvents(facts, articles) {
		if !involves(g, entity) || !inRange(g.Date, since, until) {
			continue
		}
		reports := onePerArticle(g.Facts)
		out = append(out, TimelineEntry{
			EventGroup: g,
			Lead:       leadFact(g),
			Reports:    reports,
			Outlets:    CountOutlets(reports, articles, credits),
		})
	}
	return out
}

// involves reports whether entity takes part in the happening or is a
// source for it, as told by the facts that make it a happening (see
// salientFor): a minor word of the same sentence does not make somebody a
// participant ("Ushakov described the meeting between Putin and Witkoff").
func involves(g EventGroup, entity uint64) bool {
	for _, f := range g.Facts {
		if !strongClasses[f.Action] && !salientClasses[f.Action] && !(f.Action == "say" && f.Speaker == entity) {
			continue
		}
		if containsID(f.Entities, entity) || f.Speaker == entity {
			return true
		}
	}
	return false
}

// inRange reports whether d overlaps [since, until] (zero bounds are open).
func inRange(d, since, until Date) bool {
	if since.IsZero() && until.IsZero() {
		return true
	}
	if d.IsZero() {
		return false
	}
	if !since.IsZero() && !d.End().After(since.Time()) {
		return false
	}
	if !until.IsZero() && !d.Time().Before(until.End()) {
		return false
	}
	return true
}

// leadFact picks the report that best represents a group: one about what
// happened rather than a plan, with its own stated date, naming the most
// participants, and among equals the first report.
func leadFact(g EventGroup) Fact {
	best, bestScore := g.Facts[0], -1
	for _, f := range g.Facts {
		s := len(f.Entities)
		if !f.Planned || g.Planned {
			s += 20
		}
		switch f.How {
		case Stated:
			s += 10
		case Resolved:
			s += 8
		}
		if f.Date == g.Date {
			s += 5
		}
		if f.DateText != "" && strings.Contains(f.Evidence, f.DateText) {
			s += 3 // the sentence itself says when
		}
		if len(f.Numbers) > 0 {
			s++
		}
		if s > bestScore {
			best, bestScore = f, s
		}
	}
	return best
}

// onePerArticle keeps the first fact of each article, in order.
func onePerArticle(fs []Fact) []Fact {
	seen := map[uint64]bool{}
	var out []Fact
	for _, f := range fs {
		if !seen[f.Article] {
			seen[f.Article] = true
			out = append(out, f)
		}
	}
	return out
}

// IndependentOutlets counts the independent outlets among the reports'
// articles: CountOutlets without credits (the same outlet counts once, and
// so does the same text published by several outlets, a reprint).
func IndependentOutlets(reports []Fact, articles map[uint64]Article) int {
	return CountOutlets(reports, articles, nil)
}

func containsID(ids []uint64, id uint64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// Outlet returns an article's outlet for display: its name, or its URL's
// host, or "" when unknown.
func Outlet(a Article) string {
	if a.Outlet != "" {
		return a.Outlet
	}
	u := a.URL
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		if j := strings.IndexAny(u, "/?#"); j >= 0 {
			u = u[:j]
		}
		return strings.TrimPrefix(u, "www.")
	}
	return ""
}

// salientClasses are, besides strongClasses, the action classes worth a
// happening of their own: what companies, products and people do in the
// news (announce, sell, resign…). Other words ("remained", "dropped",
// "said") only add to the happening their sentence tells.
var salientClasses = map[string]bool{
	"announce": true, "sell": true, "buy": true, "found": true, "sue": true, "win": true, "lose": true,
	"unveil": true, "introduce": true, "resign": true, "die": true, "born": true, "return": true,
	"acquire": true, "merge": true, "file": true, "open": true, "close": true, "fire": true, "leave": true,
	"order": true, "deliver": true, "settle": true, "rule": true, "keynote": true, "speech": true,
	"invite": true, "ship": true, "discontinue": true, "hire": true, "cut": true, "state": true,
	"brief": true, "press": true, "sanction": true, "demo": true, "debut": true,
	// what markets, indexes and currencies do: "the index fell 3 percent"
	"fall": true, "rise": true, "drop": true, "gain": true, "climb": true, "slide": true, "plunge": true,
	"rally": true, "tumble": true, "surge": true, "jump": true, "decline": true, "slip": true,
	"soar": true, "sink": true, "rebound": true, "recover": true, "crash": true, "collapse": true,
	"bankruptcy": true, "bailout": true,
}

// Salient reports whether the happening is worth reporting on its own: one
// of its facts tells it with a strong word (met, visited, resigned,
// launched, sold…), not only with minor ones (remained, said).
func (g EventGroup) Salient() bool {
	for _, f := range g.Facts {
		if strongClasses[f.Action] || salientClasses[f.Action] {
			return true
		}
	}
	return false
}
