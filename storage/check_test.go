package storage

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Check finds each kind of damage a crash or a bug could leave in each
// index, both an entry missing and an entry too many.
func TestCheck_FindsEveryIndexProblem(t *testing.T) {
	// Article 1 is fullAnalysis: facts 1/0 (Quill, Vale; 2025-08-05), 1/1
	// (Quill; 2025-08-07), 1/2 (Harbour Council; 2025-09).
	a1 := fullAnalysis().Article
	pub := func(tx *bolt.Tx) *bolt.Bucket { return tx.Bucket(bucketByPublished) }
	rec := func(tx *bolt.Tx) *bolt.Bucket { return tx.Bucket(bucketByReceived) }
	type ids struct{ quill, vale, council, harbour uint64 }
	tests := []struct {
		name    string
		corrupt func(tx *bolt.Tx, e ids) error
		want    string
	}{
		{"by_hash missing", func(tx *bolt.Tx, _ ids) error {
			return tx.Bucket(bucketArticleByHash).Delete([]byte(a1.Hash))
		}, "article 1 has no entry under hash"},
		{"by_hash on the wrong article", func(tx *bolt.Tx, _ ids) error {
			return tx.Bucket(bucketArticleByHash).Put([]byte(a1.Hash), u64(2))
		}, "whose key is"},
		{"by_url missing", func(tx *bolt.Tx, _ ids) error {
			return tx.Bucket(bucketArticleByURL).Delete([]byte(normalizeURL(a1.URL)))
		}, "article 1 has no entry under URL"},
		{"by_url dangling", func(tx *bolt.Tx, _ ids) error {
			return tx.Bucket(bucketArticleByURL).Put([]byte("example.org/gone"), u64(99))
		}, "points at no article"},
		{"by_received missing", func(tx *bolt.Tx, _ ids) error {
			return rec(tx).Delete(byTimeKey(a1.Received, 1))
		}, "article 1 has no entry under received time"},
		{"by_received dangling", func(tx *bolt.Tx, _ ids) error {
			return rec(tx).Put(byTimeKey(a1.Received, 99), nil)
		}, "points at no article (99)"},
		{"by_received at the wrong time", func(tx *bolt.Tx, _ ids) error {
			if err := rec(tx).Delete(byTimeKey(a1.Received, 1)); err != nil {
				return err
			}
			return rec(tx).Put(byTimeKey(a1.Received.Add(time.Second), 1), nil)
		}, "whose key is"},
		{"by_published missing", func(tx *bolt.Tx, _ ids) error {
			return pub(tx).Delete(byTimeKey(a1.Published, 1))
		}, "article 1 has no entry under published time"},
		{"by_published bad key", func(tx *bolt.Tx, _ ids) error {
			return pub(tx).Put([]byte("short"), nil)
		}, "by_published: bad entry"},
		{"by_entity missing", func(tx *bolt.Tx, e ids) error {
			return tx.Bucket(bucketByEntity).Delete(byEntityKey(e.vale, dateKey(day(2025, 8, 5)), 1, 0))
		}, "fact 1/0 has no by_entity entry for entity"},
		{"by_entity under an entity the fact does not name", func(tx *bolt.Tx, e ids) error {
			return tx.Bucket(bucketByEntity).Put(byEntityKey(e.harbour, dateKey(day(2025, 8, 5)), 1, 0), nil)
		}, "which it does not name"},
		{"by_entity of no article", func(tx *bolt.Tx, e ids) error {
			return tx.Bucket(bucketByEntity).Put(byEntityKey(e.quill, dateKey(day(2025, 8, 5)), 99, 0), nil)
		}, "fact 99/0, which does not exist"},
		{"by_date missing", func(tx *bolt.Tx, _ ids) error {
			return tx.Bucket(bucketByDate).Delete(byDateKey(dateKey(month(2025, 9)), 1, 2))
		}, "fact 1/2 has no by_date entry"},
		{"by_date dangling", func(tx *bolt.Tx, _ ids) error {
			return tx.Bucket(bucketByDate).Put(byDateKey(dateKey(month(2025, 9)), 1, 7), nil)
		}, "fact 1/7, which does not exist"},
		{"last fact missing", func(tx *bolt.Tx, _ ids) error {
			return tx.Bucket(bucketFacts).Delete(factKey(1, 2))
		}, "article 1 has 2 facts, its record says 3"},
		{"middle fact missing", func(tx *bolt.Tx, _ ids) error {
			return tx.Bucket(bucketFacts).Delete(factKey(1, 1))
		}, "facts 1..1 missing"},
		{"fact of no article", func(tx *bolt.Tx, _ ids) error {
			return tx.Bucket(bucketFacts).Put(factKey(99, 0), encodeFact(fullAnalysis().Facts[0]))
		}, "fact 99/0 of no article"},
		{"article record says more facts", func(tx *bolt.Tx, _ ids) error {
			a := a1
			a.Facts = 4
			v, err := encodeArticle(a)
			if err != nil {
				return err
			}
			return tx.Bucket(bucketArticles).Put(u64(1), v)
		}, "its record says 4"},
		{"fact names no entity", func(tx *bolt.Tx, _ ids) error {
			f := fullAnalysis().Facts[0]
			f.Entities = []uint64{777}
			return tx.Bucket(bucketFacts).Put(factKey(1, 0), encodeFact(f))
		}, "names no entity 777"},
		{"entity without sighting", func(tx *bolt.Tx, e ids) error {
			return tx.Bucket(bucketEntityArticles).Delete(pairKey(e.harbour, 1))
		}, "has no sighting"},
		{"sighting of no article", func(tx *bolt.Tx, e ids) error {
			return tx.Bucket(bucketEntityArticles).Put(pairKey(e.quill, 99), encodeSighting(sightingRecord{Mentions: 1}))
		}, "no such entity or article"},
		{"text of no article", func(tx *bolt.Tx, _ ids) error {
			return tx.Bucket(bucketTexts).Put(u64(99), encodeText("orphan"))
		}, "of no article"},
		{"fuzzy key of no entity", func(tx *bolt.Tx, _ ids) error {
			return tx.Bucket(bucketFuzzy).Put(nameKey("qill", 999), nil)
		}, "points at no entity"},
		{"missing new bucket", func(tx *bolt.Tx, _ ids) error {
			return tx.DeleteBucket(bucketByPublished)
		}, `bucket "by_published" missing`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := Open(filepath.Join(t.TempDir(), "c.db"), Options{NoSync: true})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			ctx := context.Background()
			as, _ := batchFixture()
			res, _, err := db.SaveBatch(ctx, as)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.Check(ctx); err != nil {
				t.Fatalf("Check before breaking: %v", err)
			}
			e := res[0].Entities
			if err := db.bolt.Update(func(tx *bolt.Tx) error {
				return tt.corrupt(tx, ids{quill: e[1], vale: e[2], council: e[3], harbour: e[4]})
			}); err != nil {
				t.Fatal(err)
			}
			err = db.Check(ctx)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Check error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// Check stops at maxProblems.
func TestCheck_BoundsProblems(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "c.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.bolt.Update(func(tx *bolt.Tx) error {
		for i := range 50 {
			if err := tx.Bucket(bucketTexts).Put(u64(uint64(100+i)), encodeText("orphan")); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Check(context.Background())
	if err == nil {
		t.Fatal("Check found nothing")
	}
	if n := strings.Count(err.Error(), "of no article"); n != maxProblems {
		t.Errorf("%d problems reported, want %d", n, maxProblems)
	}
}
