package storage

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"

	"github.com/briefbot/briefbot/analysis"
)

// timedDB saves one article per entry of times (received and published
// alike), titled by its index, and returns the ids.
func timedDB(t *testing.T, times []time.Time) (*DB, []uint64) {
	t.Helper()
	db := mustOpen(t)
	var as []*analysis.Analysis
	for i, tm := range times {
		a := article(fmt.Sprint(i), fmt.Sprintf("Story number %d about Port Ellis. ", i), []analysis.Entity{place("Port Ellis")})
		a.Article.Received, a.Article.Published = tm, tm
		as = append(as, a)
	}
	res, errs, err := db.SaveBatch(context.Background(), as)
	if err != nil {
		t.Fatal(err)
	}
	var ids []uint64
	for i, r := range res {
		if errs[i] != nil || r.Duplicate {
			t.Fatalf("article %d: %v %+v", i, errs[i], r)
		}
		ids = append(ids, r.ID)
	}
	return db, ids
}

func titles(as []analysis.Article) []string {
	out := []string{}
	for _, a := range as {
		if a.Text != "" {
			out = append(out, "text!")
		}
		out = append(out, a.Title)
	}
	return out
}

func TestArticlesByTime(t *testing.T) {
	utc := func(d, h int) time.Time { return time.Date(2025, 8, d, h, 0, 0, 0, time.UTC) }
	east := time.FixedZone("UTC+3", 3*3600)
	times := []time.Time{
		utc(6, 12),          // 0
		utc(5, 9),           // 1
		{},                  // 2: unknown
		utc(6, 12).In(east), // 3: the same instant as 0
		utc(7, 0),           // 4
		time.Date(1969, 7, 20, 20, 17, 0, 0, time.UTC), // 5: before the epoch
		time.Date(1965, 3, 18, 8, 0, 0, 0, time.UTC),   // 6
		time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC),    // 7: beyond UnixNano
	}
	db, _ := timedDB(t, times)
	ctx := context.Background()
	tests := []struct {
		name     string
		from, to time.Time
		received []string // (from, to]
		pub      []string // [from, to)
	}{
		{"one day", utc(6, 0), utc(7, 0), []string{"0", "3", "4"}, []string{"0", "3"}},
		{"bounds at an article", utc(6, 12), utc(7, 0), []string{"4"}, []string{"0", "3"}},
		{"open end", utc(6, 13), time.Time{}, []string{"4", "7"}, []string{"4", "7"}},
		// before 1970: id order (see timeKey)
		{"everything", time.Time{}, time.Time{}, []string{"5", "6", "1", "0", "3", "4", "7"}, []string{"5", "6", "1", "0", "3", "4", "7"}},
		{"before the epoch", time.Date(1966, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), []string{"5"}, []string{"5"}},
		{"empty range", utc(7, 0), utc(6, 0), []string{}, []string{}},
		{"nothing there", utc(1, 0), utc(2, 0), []string{}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.ArticlesReceived(ctx, tt.from, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.received, titles(got)); diff != "" {
				t.Errorf("ArticlesReceived (-want +got):\n%s", diff)
			}
			got, err = db.ArticlesPublished(ctx, tt.from, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.pub, titles(got)); diff != "" {
				t.Errorf("ArticlesPublished (-want +got):\n%s", diff)
			}
		})
	}
	// The offset of a stored time survives.
	got, _ := db.ArticlesPublished(ctx, utc(6, 12), utc(6, 13))
	if len(got) != 2 {
		t.Fatalf("ArticlesPublished = %+v, want 2 articles", got)
	}
	if _, off := got[1].Published.Zone(); off != 3*3600 {
		t.Errorf("ArticlesPublished = %+v", got)
	}
}

// A version-2 database (no time indexes) gets them at Open, built from its
// articles: the same as a database written by the current Save.
func TestMigration3_IndexesArticleTimes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v2.db")
	db, err := Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	as, _ := batchFixture()
	as[1].Article.Published = time.Date(2025, 8, 8, 7, 0, 0, 0, time.UTC)
	if _, _, err := db.SaveBatch(ctx, as); err != nil {
		t.Fatal(err)
	}
	want := dump(t, db)
	if len(want) < 20 {
		t.Fatalf("dump too small: %v", want)
	}
	// Back to version 2: what a v2 briefbot wrote had no time indexes.
	err = db.bolt.Update(func(tx *bolt.Tx) error {
		for _, name := range v3Buckets {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keyVersion, encodeVersion(2))
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if diff := cmp.Diff(want, dump(t, db)); diff != "" {
		t.Errorf("migrated database differs from one written at version 3 (-want +got):\n%s", diff)
	}
	if err := db.Check(ctx); err != nil {
		t.Errorf("Check after migration: %v", err)
	}
	got, err := db.ArticlesPublished(ctx, time.Date(2025, 8, 7, 0, 0, 0, 0, time.UTC), time.Date(2025, 8, 9, 0, 0, 0, 0, time.UTC))
	if diff := cmp.Diff([]string{"Envoy meets harbour chair", "Second"}, titles(got)); err != nil || diff != "" {
		t.Errorf("ArticlesPublished after migration: %v\n%s", err, diff)
	}
	_ = db.bolt.View(func(tx *bolt.Tx) error {
		if v, err := readVersion(tx); err != nil || v != 3 {
			t.Errorf("version = %d, %v; want 3", v, err)
		}
		return nil
	})
}

func TestRecentlyPublished(t *testing.T) {
	ctx := context.Background()
	if got, err := mustOpen(t).RecentlyPublished(ctx, 3); err != nil || len(got) != 0 {
		t.Fatalf("empty database: %v, %v; want nothing", titles(got), err)
	}
	db, _ := timedDB(t, []time.Time{
		time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC),
		time.Date(2025, 3, 9, 7, 30, 0, 0, time.UTC),
		{}, // no publication time
		time.Date(2025, 3, 6, 12, 0, 0, 0, time.UTC),
		time.Date(1969, 7, 20, 20, 17, 0, 0, time.UTC), // before 1970: a clamped key
	})
	for _, tc := range []struct {
		n    int
		want []string
	}{
		{0, []string{}},
		{1, []string{"1"}},
		{2, []string{"3", "1"}},
		{10, []string{"4", "0", "3", "1"}},
	} {
		got, err := db.RecentlyPublished(ctx, tc.n)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, titles(got)); diff != "" {
			t.Errorf("RecentlyPublished(%d) (-want +got):\n%s", tc.n, diff)
		}
	}
}

func TestArticlesAfter(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)
	db, ids := timedDB(t, []time.Time{day, day.Add(time.Hour), day.Add(2 * time.Hour)})
	for _, tc := range []struct {
		after uint64
		want  []uint64
	}{
		{0, ids}, {ids[0], ids[1:]}, {ids[2], nil}, {math.MaxUint64, nil},
	} {
		got, err := db.ArticlesAfter(ctx, tc.after)
		if err != nil {
			t.Fatal(err)
		}
		var gotIDs []uint64
		for _, a := range got {
			gotIDs = append(gotIDs, a.ID)
			if a.Text != "" {
				t.Errorf("article %d: text not left empty", a.ID)
			}
		}
		if !slices.Equal(gotIDs, tc.want) {
			t.Errorf("ArticlesAfter(%d) = %v, want %v", tc.after, gotIDs, tc.want)
		}
	}
}
