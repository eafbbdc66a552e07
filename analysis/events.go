package analysis

import (
	"slices"
	"sort"
	"time"
)

// EventGroup is one happening as told by one or more articles: the event
// facts that describe it, first-reported first.
type EventGroup struct {
	Date     Date     // at the best precision the reports agree on; zero when undated
	How      Known    // how Date is known (Publication: placed at the first report's date)
	Planned  bool     // every report speaks of it as a plan
	Action   string   // action class ("meet", "call"…)
	Facts    []Fact   // the reports, first-reported first
	Entities []uint64 // everyone involved, in order of first appearance
}

// undatedWindow is how far from a dated happening an article may be published
// for its undated mention of "the meeting" to be taken as the same happening.
const undatedWindow = 7 * 24 * time.Hour

// GroupEvents returns the happenings worth reporting on their own (see
// Salient) among the groups of event facts that tell the same happening
// (see groupEvents): what /brief and /conflicts work on. A fact told only
// by a minor word ("remained", "said") still joins the happening its
// sentence tells, but makes no happening of its own.
func GroupEvents(facts []Fact, articles map[uint64]Article) []EventGroup {
	all := groupEvents(facts, articles)
	out := all[:0]
	for _, g := range all {
		if g.Salient() {
			out = append(out, g)
		}
	}
	return out
}

// groupEvents merges the event facts that tell the same happening: their
// action classes are compatible, their times are compatible, and their
// participants overlap. A fact without a date of its own joins a dated group
// only when its article was published within a week of that date, and is
// never merged with a happening months away. Facts that are not events are
// ignored. articles gives each fact's article (for publication dates); the
// result is sorted by date, undated groups last. Facts of one sentence
// with the same time join one group whatever their words.
func groupEvents(facts []Fact, articles map[uint64]Article) []EventGroup {
	evs := make([]Fact, 0, len(facts))
	for _, f := range facts {
		if f.Kind == Event {
			evs = append(evs, f)
		}
	}
	sortByReport(evs, articles)

	var groups []*EventGroup
	var ents [][]uint64 // each group's participants so far
	// A fact can only join a group that shares a participant with it or
	// holds a fact of its article (see joinScore): these indexes list
	// them, so a fact is not compared with every group of a large corpus.
	byEntity := map[uint64][]int{}
	byArticle := map[uint64][]int{}
	mark := []int{} // mark[k] == stamp: group k is a candidate already
	var cands []int
	index := func(k int, f Fact, before []uint64) {
		for _, e := range f.Entities {
			if !slices.Contains(before, e) && !slices.Contains(byEntity[e], k) {
				byEntity[e] = append(byEntity[e], k)
			}
		}
		if l := byArticle[f.Article]; len(l) == 0 || l[len(l)-1] != k {
			if !slices.Contains(l, k) {
				byArticle[f.Article] = append(l, k)
			}
		}
	}
	for stamp, f := range evs {
		stamp++
		cands = cands[:0]
		add := func(ks []int) {
			for _, k := range ks {
				if mark[k] != stamp {
					mark[k] = stamp
					cands = append(cands, k)
				}
			}
		}
		for _, e := range f.Entities {
			add(byEntity[e])
		}
		add(byArticle[f.Article])
		slices.Sort(cands) // the first best group wins, as in a full scan
		best, bestScore := -1, 0
		for _, k := range cands {
			if s := joinScore(groups[k], ents[k], f, articles); s > bestScore {
				best, bestScore = k, s
			}
		}
		if best < 0 {
			groups = append(groups, &EventGroup{Action: f.Action, Facts: []Fact{f}})
			ents = append(ents, union(nil, f.Entities))
			mark = append(mark, 0)
			index(len(groups)-1, f, nil)
			continue
		}
		before := ents[best]
		groups[best].Facts = append(groups[best].Facts, f)
		ents[best] = union(before, f.Entities)
		index(best, f, before)
	}
	out := make([]EventGroup, 0, len(groups))
	for _, g := range groups {
		finishGroup(g, articles)
		out = append(out, *g)
	}
	sortGroups(out)
	return out
}

// sortGroups sorts groups by groupBefore, keeping the order of equals.
func sortGroups(out []EventGroup) {
	sort.SliceStable(out, func(i, j int) bool { return groupBefore(out[i], out[j]) })
}

// groupBefore orders groups by date (coarser dates first within their span);
// groups with no date of their own come last, by their first report's date.
func groupBefore(a, b EventGroup) bool {
	ua, ub := a.How == Publication, b.How == Publication
	if ua != ub {
		return ub
	}
	return a.Date.String() < b.Date.String()
}

// sortByReport sorts facts by their article's publication time, then article
// id, then order in the article.
func sortByReport(fs []Fact, articles map[uint64]Article) {
	sort.SliceStable(fs, func(i, j int) bool {
		pi, pj := articles[fs[i].Article].Published, articles[fs[j].Article].Published
		if !pi.Equal(pj) {
			if pi.IsZero() != pj.IsZero() {
				return pj.IsZero()
			}
			return pi.Before(pj)
		}
		if fs[i].Article != fs[j].Article {
			return fs[i].Article < fs[j].Article
		}
		return fs[i].Seq < fs[j].Seq
	})
}

// factDate returns the date a fact stands for and whether it is its own
// (stated or resolved) rather than its article's publication date.
func factDate(f Fact, articles map[uint64]Article) (Date, bool) {
	if !f.Date.IsZero() && f.How != Publication {
		return f.Date, true
	}
	return DayOf(articles[f.Article].Published), false
}

// sameSentence is the join score of a fact told by the same sentence, at
// the same time, as one of the group's: above any other.
const sameSentence = 1 << 20

// joinScore rates how well fact f fits group g; 0 means it does not.
func joinScore(g *EventGroup, gEnts []uint64, f Fact, articles map[uint64]Article) int {
	fd, fOwn := factDate(f, articles)
	for _, m := range g.Facts {
		// one sentence telling several things at one time tells one
		// happening: "Jobs took the stage and unveiled the phone"
		if m.Article == f.Article && m.Span == f.Span {
			if md, mOwn := factDate(m, articles); mOwn == fOwn && md == fd {
				return sameSentence
			}
		}
	}
	if !compatibleActions(g.Action, f.Action) {
		return 0
	}
	if f.Action == "say" || g.Action == "say" {
		return 0 // each statement is its own, unless its sentence tells more (above)
	}
	score := 0
	timeOK := false
	for _, m := range g.Facts {
		md, mOwn := factDate(m, articles)
		switch {
		case fOwn && mOwn:
			if md.Compatible(fd) && precGap(md, fd) <= 1 {
				timeOK = true
				score += 4
			} else {
				return 0 // two stated dates that differ: different happenings
			}
		case fd.IsZero() || md.IsZero():
			// no time at all on one side: only the same article may say "the meeting" again
			if f.Article == m.Article {
				timeOK = true
				score++
			}
		default:
			// at least one side placed at its publication date: near in
			// time, and a plan only joins what comes after it is told, a
			// report of what happened only what came before
			d := fd.Time().Sub(md.Time())
			if d < 0 {
				d = -d
			}
			if d <= undatedWindow && directionOK(f, fd, fOwn, m, md, mOwn) {
				timeOK = true
				score++
			}
		}
	}
	if !timeOK {
		return 0
	}
	shared := sharedCount(gEnts, f.Entities)
	sameArticle := false
	for _, m := range g.Facts {
		if m.Article == f.Article {
			sameArticle = true
		}
	}
	// participants must overlap: two of them when both sides name two or
	// more, otherwise the one named
	need := min(2, len(gEnts), len(f.Entities))
	switch {
	case need > 0 && shared >= need:
		score += 4 * shared
	case need == 0 && sameArticle:
		score++ // "The talks lasted five hours." right after the meeting it continues
	default:
		return 0
	}
	return score
}

func groupEntities(g *EventGroup) []uint64 {
	var out []uint64
	seen := map[uint64]bool{}
	for _, f := range g.Facts {
		for _, e := range f.Entities {
			if !seen[e] {
				seen[e] = true
				out = append(out, e)
			}
		}
	}
	return out
}

func sharedCount(a, b []uint64) int {
	set := make(map[uint64]bool, len(a))
	for _, x := range a {
		set[x] = true
	}
	n := 0
	seen := map[uint64]bool{}
	for _, y := range b {
		if set[y] && !seen[y] {
			seen[y] = true
			n++
		}
	}
	return n
}

// finishGroup sets the group's date, how it is known, planned-ness and
// participants from its facts.
func finishGroup(g *EventGroup, articles map[uint64]Article) {
	g.Entities = groupEntities(g)
	g.Action = mainAction(g)
	g.Planned = true
	for _, f := range g.Facts {
		if !f.Planned {
			g.Planned = false
		}
	}
	// The date: the most precise own date among reports of what happened
	// (plans only when nothing else), preferring stated over resolved.
	var best Fact
	found := false
	for pass := 0; pass < 2 && !found; pass++ {
		for _, f := range g.Facts {
			if f.Date.IsZero() || f.How == Publication || (pass == 0 && f.Planned && !g.Planned) {
				continue
			}
			if !found || f.Date.Prec > best.Date.Prec || (f.Date.Prec == best.Date.Prec && f.How == Stated && best.How != Stated) {
				best, found = f, true
			}
		}
	}
	if found {
		g.Date, g.How = best.Date, best.How
		return
	}
	// placed at the first report's publication date
	for _, f := range g.Facts {
		if d := DayOf(articles[f.Article].Published); !d.IsZero() {
			g.Date, g.How = d, Publication
			return
		}
	}
	g.Date, g.How = Date{}, Publication
}

// mainAction is the most frequent action class among the reports of what
// happened (plans count only when there is nothing else).
func mainAction(g *EventGroup) string {
	count := map[string]int{}
	best, bestN := g.Action, 0
	for pass := 0; pass < 2 && bestN == 0; pass++ {
		for _, f := range g.Facts {
			if pass == 0 && f.Planned {
				continue
			}
			count[f.Action]++
			if count[f.Action] > bestN {
				best, bestN = f.Action, count[f.Action]
			}
		}
	}
	return best
}

// precGap is how many precision levels apart two dates are: a month and a
// day are 1 apart, a year and a day 2.
func precGap(a, b Date) int {
	if a.Prec > b.Prec {
		return int(a.Prec - b.Prec)
	}
	return int(b.Prec - a.Prec)
}

// directionOK checks, for two facts one of which has no date of its own
// (placed at its publication date), that time runs the right way: a plan
// told on day P is about P or later; a report of what happened, told on day
// P, is about P or earlier.
func directionOK(f Fact, fd Date, fOwn bool, m Fact, md Date, mOwn bool) bool {
	const slack = 24 * time.Hour
	check := func(placed Fact, pub Date, other Date) bool {
		if placed.Planned {
			return !other.Time().Before(pub.Time())
		}
		return !other.Time().After(pub.End().Add(slack))
	}
	ok := true
	if !fOwn {
		ok = ok && check(f, fd, md)
	}
	if !mOwn {
		ok = ok && check(m, md, fd)
	}
	return ok
}
