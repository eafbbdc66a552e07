package storage

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/briefbot/briefbot/analysis"
)

// The benchmarks below run on a large database built once at the path in
// $BRIEFBOT_SCALE_DB (100,000 synthetic articles, 2,000,000 facts: about a
// minute to build); without it they are skipped.
// BenchmarkScale_DeleteArticle deletes articles from it, the last first.
const scaleArticles = 100_000

func scaleDB(b *testing.B) *DB {
	b.Helper()
	path := os.Getenv("BRIEFBOT_SCALE_DB")
	if path == "" {
		b.Skip("set BRIEFBOT_SCALE_DB to a file path to run the benchmarks at scale")
	}
	if _, err := os.Stat(path); os.IsNotExist(err) {
		db, err := Open(path, Options{NoSync: true})
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		start := time.Now()
		for i := 0; i < scaleArticles; i += 500 {
			as := make([]*analysis.Analysis, 0, 500)
			for j := i; j < min(i+500, scaleArticles); j++ {
				a := syntheticAnalysis(j)
				a.Article.Received = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(j) * time.Minute)
				a.Article.Published = a.Article.Received.Add(-time.Hour)
				as = append(as, a)
			}
			if _, _, err := db.SaveBatch(ctx, as); err != nil {
				b.Fatal(err)
			}
		}
		b.Logf("built %s in %v", path, time.Since(start))
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
	db, err := Open(path, Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

func BenchmarkScale_Check(b *testing.B) {
	db := scaleDB(b)
	for b.Loop() {
		if err := db.Check(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScale_Articles(b *testing.B) {
	db := scaleDB(b)
	for b.Loop() {
		if _, err := db.Articles(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScale_Entities(b *testing.B) {
	db := scaleDB(b)
	for b.Loop() {
		if _, err := db.Entities(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScale_Stats(b *testing.B) {
	db := scaleDB(b)
	for b.Loop() {
		if _, err := db.Stats(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScale_FactsAbout(b *testing.B) {
	db := scaleDB(b)
	for b.Loop() {
		if _, err := db.FactsAbout(context.Background(), 7); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScale_FactsBetweenDay(b *testing.B) {
	db := scaleDB(b)
	for b.Loop() {
		if _, err := db.FactsBetween(context.Background(), day(2025, 8, 3), day(2025, 8, 3)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScale_ArticlesReceivedDay(b *testing.B) {
	db := scaleDB(b)
	from := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		as, err := db.ArticlesReceived(context.Background(), from, from.Add(24*time.Hour))
		if err != nil || len(as) != 1440 {
			b.Fatal(len(as), err)
		}
	}
}

func BenchmarkScale_DeleteArticle(b *testing.B) {
	db := scaleDB(b)
	arts, err := db.Articles(context.Background())
	if err != nil || len(arts) < b.N {
		b.Skip("not enough articles left")
	}
	b.ResetTimer()
	for i := range b.N {
		if _, err := db.DeleteArticle(context.Background(), arts[len(arts)-1-i].ID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScale_FactsByArticle reads every fact as the bot's allFacts does:
// Articles, then ArticleFacts of each.
func BenchmarkScale_FactsByArticle(b *testing.B) {
	db := scaleDB(b)
	ctx := context.Background()
	for b.Loop() {
		arts, err := db.Articles(ctx)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, a := range arts {
			fs, err := db.ArticleFacts(ctx, a.ID)
			if err != nil {
				b.Fatal(err)
			}
			n += len(fs)
		}
		if n == 0 {
			b.Fatal("no facts")
		}
	}
}

func BenchmarkScale_AllFacts(b *testing.B) {
	db := scaleDB(b)
	for b.Loop() {
		if _, err := db.AllFacts(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
