package storage

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/analysis"
)

// batchFixture returns a fresh list of analyses that link to each other,
// repeat each other (by hash and by URL) and include rejected ones (nil, no
// hash, a bad entity reference). bad lists the indexes of the rejected.
func batchFixture() (as []*analysis.Analysis, bad map[int]string) {
	a0 := fullAnalysis()
	a1 := article("Second", "Quill met Tobin Vale and Iris Penn again. ",
		[]analysis.Entity{person("Quill"), person("Tobin Vale"), person("Iris Penn")}, day(2025, 8, 9))
	a1.Article.URL = "https://example.org/second"
	a1.Article.Received = time.Date(2025, 8, 9, 8, 0, 0, 0, time.UTC)
	sameHash := fullAnalysis() // a duplicate of a0 inside the batch
	sameHash.Article.URL = "https://example.org/elsewhere"
	sameURL := article("Second again", "Iris Penn said nothing. ", []analysis.Entity{person("Iris Penn")})
	sameURL.Article.URL = "http://www.example.org/second/#comments"
	noHash := article("No hash", "Tobin Vale left. ", []analysis.Entity{person("Tobin Vale")})
	noHash.Article.Hash = ""
	badRef := article("Bad ref", "Port Ellis flooded. ", []analysis.Entity{place("Port Ellis")})
	badRef.Facts[0].Entities = []uint64{7}
	a6 := article("Third", "Iris Penn visited Port Ellis. Penn met Harbour Council members. ",
		[]analysis.Entity{person("Iris Penn", "Penn"), place("Port Ellis"), org("Harbour Council")},
		day(2025, 8, 10), month(2025, 9))
	as = []*analysis.Analysis{a0, a1, sameHash, nil, sameURL, noHash, badRef, a6}
	for i := range 5 {
		as = append(as, syntheticAnalysis(i))
	}
	return as, map[int]string{3: "nil analysis", 5: "no content hash", 6: "names entity 7"}
}

// SaveBatch stores exactly what saving the same analyses one by one stores,
// returns the same results and updates the analyses the same way.
func TestSaveBatch_EqualsSequentialSaves(t *testing.T) {
	ctx := context.Background()
	seqDB, batchDB := mustOpen(t), mustOpen(t)
	seqAs, bad := batchFixture()
	var seqRes []SaveResult
	for i, a := range seqAs {
		res, err := seqDB.Save(ctx, a)
		if (err != nil) != (bad[i] != "") {
			t.Fatalf("Save %d: error %v", i, err)
		}
		seqRes = append(seqRes, res)
	}

	batchAs, _ := batchFixture()
	res, errs, err := batchDB.SaveBatch(ctx, batchAs)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != len(batchAs) || len(errs) != len(batchAs) {
		t.Fatalf("SaveBatch returned %d results and %d errors for %d analyses", len(res), len(errs), len(batchAs))
	}
	for i, err := range errs {
		switch {
		case bad[i] == "" && err != nil:
			t.Errorf("item %d: unexpected error %v", i, err)
		case bad[i] != "" && (err == nil || !strings.Contains(err.Error(), bad[i])):
			t.Errorf("item %d: error %v, want one containing %q", i, err, bad[i])
		}
	}
	if diff := cmp.Diff(seqRes, res); diff != "" {
		t.Errorf("results differ (-sequential +batch):\n%s", diff)
	}
	if !res[2].Duplicate || res[2].ID != res[0].ID {
		t.Errorf("same hash in batch: %+v, want duplicate of %d", res[2], res[0].ID)
	}
	if !res[4].Duplicate || res[4].ID != res[1].ID {
		t.Errorf("same URL in batch: %+v, want duplicate of %d", res[4], res[1].ID)
	}
	if res[7].Entities[1] != res[1].Entities[3] {
		t.Errorf("Iris Penn is %d in the third article, %d in the second: want one entity", res[7].Entities[1], res[1].Entities[3])
	}
	if diff := cmp.Diff(dump(t, seqDB), dump(t, batchDB)); diff != "" {
		t.Errorf("databases differ (-sequential +batch):\n%s", diff)
	}
	if diff := cmp.Diff(seqAs, batchAs); diff != "" {
		t.Errorf("analyses updated differently (-sequential +batch):\n%s", diff)
	}
	if seqAs[0].Article.ID == 0 || batchAs[2].Article.ID != 0 {
		t.Errorf("in-place update: saved ID %d, duplicate ID %d", batchAs[0].Article.ID, batchAs[2].Article.ID)
	}
}

// A failure anywhere in the batch's transaction writes nothing and changes
// no analysis; the error says nothing was saved.
func TestSaveBatch_FailureMidBatchWritesNothing(t *testing.T) {
	for _, how := range []string{"error", "cancel"} {
		t.Run(how, func(t *testing.T) {
			db := mustOpen(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			mustSave(t, db, article("Before", "Mara Quill visited Port Ellis. ", []analysis.Entity{person("Mara Quill"), place("Port Ellis")}))
			before := dump(t, db)
			as, _ := batchFixture()
			orig, _ := batchFixture()
			injected := errors.New("injected failure")
			n := 0
			db.failAt = func(step string) error {
				if step != "article written" {
					return nil
				}
				if n++; n == 3 { // the third article written: two are in the transaction
					if how == "cancel" {
						cancel()
						return nil
					}
					return injected
				}
				return nil
			}
			res, errs, err := db.SaveBatch(ctx, as)
			db.failAt = nil
			want := injected
			if how == "cancel" {
				want = context.Canceled
			}
			if !errors.Is(err, want) || !strings.Contains(err.Error(), "nothing saved") {
				t.Fatalf("SaveBatch error = %v, want %v saying nothing was saved", err, want)
			}
			if res != nil || errs != nil {
				t.Errorf("failed SaveBatch returned results %v, %v", res, errs)
			}
			if diff := cmp.Diff(before, dump(t, db)); diff != "" {
				t.Errorf("failed batch changed the database (-before +after):\n%s", diff)
			}
			if diff := cmp.Diff(orig, as); diff != "" {
				t.Errorf("failed batch changed the analyses:\n%s", diff)
			}
			// The same batch saves fine afterwards.
			if _, _, err := db.SaveBatch(context.Background(), as); err != nil {
				t.Fatal(err)
			}
			if got := mustStats(t, db).Articles; got != 1+5+3 {
				t.Errorf("%d articles after retry, want 9", got)
			}
		})
	}
}

func TestSaveBatch_EdgeCases(t *testing.T) {
	ctx := context.Background()
	t.Run("empty", func(t *testing.T) {
		db := mustOpen(t)
		res, errs, err := db.SaveBatch(ctx, nil)
		if err != nil || len(res) != 0 || len(errs) != 0 {
			t.Errorf("SaveBatch(nil) = %v, %v, %v", res, errs, err)
		}
	})
	t.Run("all rejected", func(t *testing.T) {
		db := mustOpen(t)
		before := dump(t, db)
		res, errs, err := db.SaveBatch(ctx, []*analysis.Analysis{nil, nil})
		if err != nil || len(res) != 2 || errs[0] == nil || errs[1] == nil {
			t.Errorf("SaveBatch(nil, nil) = %v, %v, %v", res, errs, err)
		}
		if diff := cmp.Diff(before, dump(t, db)); diff != "" {
			t.Errorf("rejected batch wrote:\n%s", diff)
		}
	})
	t.Run("only duplicates", func(t *testing.T) {
		db := mustOpen(t)
		first := mustSave(t, db, fullAnalysis())
		before := dump(t, db)
		res, errs, err := db.SaveBatch(ctx, []*analysis.Analysis{fullAnalysis(), fullAnalysis()})
		if err != nil || errs[0] != nil || errs[1] != nil {
			t.Fatal(err, errs)
		}
		for i, r := range res {
			if !r.Duplicate || r.ID != first.ID {
				t.Errorf("result %d = %+v, want duplicate of %d", i, r, first.ID)
			}
		}
		if diff := cmp.Diff(before, dump(t, db)); diff != "" {
			t.Errorf("duplicate batch wrote:\n%s", diff)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		db := mustOpen(t)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, _, err := db.SaveBatch(cctx, []*analysis.Analysis{fullAnalysis()}); !errors.Is(err, context.Canceled) {
			t.Errorf("SaveBatch with a cancelled context: %v", err)
		}
	})
}

// The same pointer twice: saved once, then a duplicate of itself.
func TestSaveBatch_SamePointerTwice(t *testing.T) {
	db := mustOpen(t)
	a := fullAnalysis()
	res, _, err := db.SaveBatch(context.Background(), []*analysis.Analysis{a, a})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Duplicate || !res[1].Duplicate || res[1].ID != res[0].ID || a.Article.ID != res[0].ID {
		t.Errorf("results %+v, article ID %d", res, a.Article.ID)
	}
	if n := mustStats(t, db).Articles; n != 1 {
		t.Errorf("%d articles, want 1", n)
	}
}
