package analysis_test

import (
	"fmt"
	"time"

	"github.com/briefbot/briefbot/analysis"
)

func ExampleAnalyze() {
	a, err := analysis.Analyze(analysis.Document{
		Text: "Harbor council approves ferry line\n\n" +
			"The harbor council of Port Velin approved a new ferry line on Tuesday, council chair Mira Olsen said.\n" +
			"The vote followed a two-hour session.",
		Outlet:    "Velin Post",
		Published: time.Date(2026, 5, 6, 0, 0, 0, 0, time.UTC), // a Wednesday
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Article.Title)
	for _, f := range a.Facts {
		if f.Kind == analysis.Event {
			fmt.Printf("%s %s (%s from %q)\n", f.Date, f.Action, f.How, f.DateText)
		}
	}
	// Output:
	// Harbor council approves ferry line
	// 2026-05-05 decide (resolved from "Tuesday")
	// 2026-05-05 say (resolved from "Tuesday")
}

func ExampleRankNames() {
	known := []analysis.Entity{
		{ID: 1, Name: "Mira Olsen", Type: analysis.PER, Aliases: []string{"Mira Olsen", "Olsen"}},
		{ID: 2, Name: "Pavel Runo", Type: analysis.PER, Aliases: []string{"Pavel Runo", "Runo"}},
	}
	for _, q := range []string{"olsen", "Mira Olsen", "olsne"} {
		m := analysis.RankNames(q, known)[0]
		fmt.Println(q, "→", m.Entity.Name, m.Score >= analysis.MatchThreshold)
	}
	// Output:
	// olsen → Mira Olsen true
	// Mira Olsen → Mira Olsen true
	// olsne → Mira Olsen true
}
