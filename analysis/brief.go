package analysis

import "sort"

// Brief is what a day's news adds: its main happenings and the new
// disagreements between sources.
type Brief struct {
	Day       Date
	Events    []TimelineEntry // ranked by independent outlets, then recency
	Conflicts []Conflict      // conflicts with a side reported that day
}

// MakeBrief selects the day's main happenings from facts: those that
// happened on day, or that an article published on day reports. They are
// ranked by the number of independent outlets that report them, then by
// date. Conflicts are kept when a side cites an article published on day.
// facts should cover the day and the days before it (the brief handler
// passes a week), so that a new report is compared with earlier ones.
func MakeBrief(day Date, facts []Fact, articles map[uint64]Article) Brief {
	b := Brief{Day: day}
	publishedOn := func(f Fact) bool { return DayOf(articles[f.Article].Published) == day }
	credits := OutletCredits(facts, articles)
	for _, g := range GroupEvents(facts, articles) {
		if len(g.Entities) == 0 {
			continue // nobody named: not a story of its own
		}
		today := false
		for _, f := range g.Facts {
			if publishedOn(f) || (g.How != Publication && day.Contains(f.Date) && f.Date == g.Date) {
				today = true
				break
			}
		}
		if !today {
			continue
		}
		reports := onePerArticle(g.Facts)
		b.Events = append(b.Events, TimelineEntry{EventGroup: g, Lead: leadFact(g), Reports: reports, Outlets: CountOutlets(reports, articles, credits)})
	}
	sort.SliceStable(b.Events, func(i, j int) bool {
		ei, ej := b.Events[i], b.Events[j]
		if ei.Outlets != ej.Outlets {
			return ei.Outlets > ej.Outlets
		}
		if len(ei.Reports) != len(ej.Reports) {
			return len(ei.Reports) > len(ej.Reports)
		}
		return ei.Date.String() > ej.Date.String()
	})
	for _, c := range Conflicts(facts, articles) {
		for _, s := range c.Sides {
			if anyFact(s.Reports, publishedOn) {
				b.Conflicts = append(b.Conflicts, c)
				break
			}
		}
	}
	return b
}

func anyFact(fs []Fact, pred func(Fact) bool) bool {
	for _, f := range fs {
		if pred(f) {
			return true
		}
	}
	return false
}
