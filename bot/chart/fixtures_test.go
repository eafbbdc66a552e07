package chart

import (
	"math/rand/v2"
	"time"
)

// Fictional people, places and events for tests and sample pictures.
var sampleLabels = []string{
	"Met Foreign Minister Okafor in Lagos",
	"Talks with the Veltrian delegation in Geneva",
	"Named special envoy for the Northern Corridor",
	"Visited the Dravik refinery",
	"Interview with the Harbour Times",
	"Ceasefire framework presented to parliament",
	"Second round of talks in Valletta",
	"Lunch with banker Tomas Reinholt",
	"Denied reports of a secret back-channel",
	"Signed the grain transit memorandum",
	"Testified before the Senate trade committee",
	"Flew to Reykjavik for the Arctic forum",
	"Announced a humanitarian corridor for Kessel",
	"Met opposition leader Mira Castell",
	"Resigned from the board of Orrin Capital",
	"Hosted the donors' conference in Brussels",
	"Press conference on sanctions relief",
	"Private dinner with President Varga",
	"Trip to the border crossing at Halden",
	"Talks collapse over prisoner exchange",
	"Unveiled the reconstruction fund",
	"Met the Emir's chief of staff in Doha",
	"Phone call with Chancellor Brandt",
	"Summit with the coastal states in Split",
	"Agreement on the Lorne Dam water quotas",
	"Op-ed in the Evening Ledger",
	"Meeting with union leaders in Gdańsk",
	"Visit to the Kessel refugee camps",
	"Briefed NATO ambassadors",
	"Report of a rift with the foreign office",
}

// sampleTimeline returns n fictional events over about span, with a few
// conflicts, planned events and month-precision events, from a fixed seed.
func sampleTimeline(n int, span time.Duration) Timeline {
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	start := time.Date(2024, time.March, 4, 0, 0, 0, 0, time.UTC)
	days := int(span.Hours() / 24)
	var evs []Event
	for i := 0; i < n; i++ {
		d := start.AddDate(0, 0, rng.IntN(max(days, 1)))
		e := Event{Start: d, End: d, Label: sampleLabels[rng.IntN(len(sampleLabels))]}
		switch x := rng.Float64(); {
		case x < 0.45:
			e.Outlets = 1
		case x < 0.75:
			e.Outlets = 2 + rng.IntN(3)
		case x < 0.93:
			e.Outlets = 5 + rng.IntN(8)
		default:
			e.Outlets = 15 + rng.IntN(40)
		}
		e.Conflict = rng.Float64() < 0.15
		if i%9 == 4 {
			e.Start = time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
			e.End = e.Start.AddDate(0, 1, 0)
		}
		if d.After(start.Add(span*85/100)) && rng.Float64() < 0.5 {
			e.Planned = true
		}
		evs = append(evs, e)
	}
	return Timeline{Title: "Anna Lindqvist", Events: evs, Undated: n / 10}
}
