package analysis_test

import (
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/analysis"
	"github.com/briefbot/briefbot/examples"
)

// BenchmarkAnalyze runs the whole pipeline over the sample articles; bytes/s
// is article text analysed per second.
func BenchmarkAnalyze(b *testing.B) {
	names, err := fs.Glob(examples.FS(), "*.txt")
	if err != nil || len(names) == 0 {
		b.Fatalf("no samples: %v", err)
	}
	var docs []analysis.Document
	total := 0
	for _, n := range names {
		data, err := fs.ReadFile(examples.FS(), n)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, analysis.Document{Text: string(data), Published: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)})
		total += len(data)
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if _, err := analysis.Analyze(d); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkTimeline groups and orders the facts of many articles about one
// person.
func BenchmarkTimeline(b *testing.B) {
	arts := map[uint64]analysis.Article{}
	var facts []analysis.Fact
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := uint64(1); i <= 500; i++ {
		pub := base.AddDate(0, 0, int(i%120))
		arts[i] = analysis.Article{ID: i, Outlet: "Outlet " + strings.Repeat("x", int(i%7)), Published: pub}
		for j := uint32(0); j < 4; j++ {
			facts = append(facts, analysis.Fact{
				Article: i, Seq: j, Kind: analysis.Event, Action: "meet",
				Date: analysis.DayOf(pub.AddDate(0, 0, -int(j))), How: analysis.Resolved,
				Entities: []uint64{1, 2 + uint64(j)}, Evidence: "They met.", Text: "They met.",
			})
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		analysis.Timeline(1, facts, arts, analysis.Date{}, analysis.Date{})
	}
}
