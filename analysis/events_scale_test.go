package analysis

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// groupEventsFullScan is groupEvents as first written: every fact compared
// with every group. groupEvents must give the same groups.
func groupEventsFullScan(facts []Fact, articles map[uint64]Article) []EventGroup {
	evs := make([]Fact, 0, len(facts))
	for _, f := range facts {
		if f.Kind == Event {
			evs = append(evs, f)
		}
	}
	sortByReport(evs, articles)
	var groups []*EventGroup
	var ents [][]uint64
	for _, f := range evs {
		best, bestScore := -1, 0
		for k, g := range groups {
			if s := joinScore(g, ents[k], f, articles); s > bestScore {
				best, bestScore = k, s
			}
		}
		if best < 0 {
			groups = append(groups, &EventGroup{Action: f.Action, Facts: []Fact{f}})
			ents = append(ents, union(nil, f.Entities))
			continue
		}
		groups[best].Facts = append(groups[best].Facts, f)
		ents[best] = union(ents[best], f.Entities)
	}
	out := make([]EventGroup, 0, len(groups))
	for _, g := range groups {
		finishGroup(g, articles)
		out = append(out, *g)
	}
	sortGroups(out)
	return out
}

// randomFacts makes n event facts over few articles, entities, actions and
// dates, so that many of them join.
func randomFacts(rng *rand.Rand, n int) ([]Fact, map[uint64]Article) {
	arts := map[uint64]Article{}
	base := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	nArt := 1 + n/6
	for id := uint64(1); id <= uint64(nArt); id++ {
		arts[id] = Article{ID: id, Outlet: []string{"A", "B", "C"}[id%3], Published: base.Add(time.Duration(rng.IntN(20*24)) * time.Hour)}
	}
	actions := []string{"meet", "summit", "visit", "call", "say", "sign", "signed"}
	var facts []Fact
	seq := map[uint64]uint32{}
	for range n {
		art := uint64(1 + rng.IntN(nArt))
		f := Fact{Article: art, Seq: seq[art], Kind: Event, Action: actions[rng.IntN(len(actions))]}
		seq[art]++
		f.Span = Span{Start: rng.IntN(4) * 100, End: rng.IntN(4)*100 + 50}
		for range rng.IntN(4) {
			f.Entities = append(f.Entities, uint64(1+rng.IntN(12)))
		}
		switch rng.IntN(4) {
		case 0: // undated
		case 1:
			f.Date, f.How = DayOf(arts[art].Published), Publication
		default:
			f.Date, f.How = DayOf(base.AddDate(0, 0, rng.IntN(25))), Stated
		}
		if rng.IntN(8) == 0 {
			f.Kind = Quote
		}
		facts = append(facts, f)
	}
	return facts, arts
}

func TestGroupEvents_SameAsFullScan(t *testing.T) {
	for seed := range uint64(300) {
		rng := rand.New(rand.NewPCG(seed, 7))
		facts, arts := randomFacts(rng, 5+rng.IntN(120))
		got := groupEvents(facts, arts)
		want := groupEventsFullScan(facts, arts)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("seed %d: %d groups, full scan %d", seed, len(got), len(want))
		}
	}
}

func BenchmarkGroupEvents(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 7))
	facts, arts := randomFacts(rng, 5000)
	for i := range facts { // a large corpus names many more people
		for j := range facts[i].Entities {
			facts[i].Entities[j] += uint64(i / 50 * 12)
		}
	}
	b.ResetTimer()
	for range b.N {
		groupEvents(facts, arts)
	}
}
