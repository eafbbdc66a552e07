package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/analysis"
)

// syllables make 225 made-up surnames, some one edit apart as real ones are.
var syllables = []string{"ka", "lo", "mir", "ven", "tas", "dor", "bel", "qui", "ran", "sev", "ul", "pra", "nek", "hol", "zin"}

func syntheticName(p int) (full, surname string) {
	s := syllables[p%15] + syllables[(p/15)%15] + "ov"
	surname = strings.ToUpper(s[:1]) + s[1:]
	return fmt.Sprintf("%c. %s", 'A'+rune(p%26), surname), surname
}

// syntheticAnalysis builds article n: 20 facts over 8 people drawn from a
// pool of 200 (so that linking finds candidates), dated over a month.
func syntheticAnalysis(n int) *analysis.Analysis {
	var text strings.Builder
	a := &analysis.Analysis{}
	for i := range 8 {
		p := (n*3 + i*17) % 200
		name, surname := syntheticName(p)
		a.Entities = append(a.Entities, analysis.Entity{
			Name: name, Type: analysis.PER, Aliases: []string{name, surname},
		})
	}
	for i := range 20 {
		start := text.Len()
		fmt.Fprintf(&text, "In story %d, %s met %s for the %d time. ", n, a.Entities[i%8].Name, a.Entities[(i+1)%8].Name, i)
		s := text.String()[start:]
		a.Mentions = append(a.Mentions,
			analysis.Mention{Text: a.Entities[i%8].Name, Type: analysis.PER, Entity: uint64(i%8 + 1)},
			analysis.Mention{Text: a.Entities[(i+1)%8].Name, Type: analysis.PER, Entity: uint64((i+1)%8 + 1)})
		a.Facts = append(a.Facts, analysis.Fact{
			Kind: analysis.Event, Span: analysis.Span{Start: start, End: text.Len()},
			Evidence: s, Text: s, Entities: []uint64{uint64(i%8 + 1), uint64((i+1)%8 + 1)},
			Date: day(2025, 8, 1+(n+i)%28), How: analysis.Stated, Action: "meet",
			Numbers: []analysis.Quantity{{Text: "one time", Kind: "count", Value: 1, Unit: "time"}},
		})
	}
	a.Article = analysis.Article{
		Title: fmt.Sprintf("Story %d", n), Outlet: "Bench Daily",
		URL:  fmt.Sprintf("https://example.org/story/%d", n),
		Text: text.String(), Hash: analysis.ContentHash(text.String()),
	}
	return a
}

func BenchmarkSave(b *testing.B) {
	db, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	as := make([]*analysis.Analysis, b.N)
	for i := range as {
		as[i] = syntheticAnalysis(i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, err := db.Save(ctx, as[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N*20)/b.Elapsed().Seconds(), "facts/s")
}

// BenchmarkSaveBatch saves b.N articles in batches of 100; /sync with fsync
// at each commit (compare BenchmarkSave_Sync: one fsync per article).
func BenchmarkSaveBatch(b *testing.B) {
	for _, sync := range []bool{false, true} {
		name := "nosync"
		if sync {
			name = "sync"
		}
		b.Run(name, func(b *testing.B) {
			db, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{NoSync: !sync})
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			ctx := context.Background()
			as := make([]*analysis.Analysis, b.N)
			for i := range as {
				as[i] = syntheticAnalysis(i)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i += 100 {
				if _, _, err := db.SaveBatch(ctx, as[i:min(i+100, b.N)]); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(b.N*20)/b.Elapsed().Seconds(), "facts/s")
		})
	}
}

// BenchmarkSave_Sync is BenchmarkSave with fsync at each commit.
func BenchmarkSave_Sync(b *testing.B) {
	db, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	as := make([]*analysis.Analysis, b.N)
	for i := range as {
		as[i] = syntheticAnalysis(i)
	}
	b.ResetTimer()
	for i := range b.N {
		if _, err := db.Save(ctx, as[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N*20)/b.Elapsed().Seconds(), "facts/s")
}
