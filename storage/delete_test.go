package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/analysis"
)

// deleteFixture: three articles naming Mara Quill; the second alone names
// Iris Penn (in a fact) and Port Ellis (mentioned, in no fact).
func deleteFixture() []*analysis.Analysis {
	quill := func() analysis.Entity { return person("Mara Quill", "Quill") }
	a1 := article("One", "Mara Quill arrived on Monday. Quill met the press. ", []analysis.Entity{quill()}, day(2025, 8, 4), day(2025, 8, 4))
	a2 := article("Two", "Quill met Iris Penn. The pair toured Port Ellis. ", []analysis.Entity{quill(), person("Iris Penn")}, day(2025, 8, 5), month(2025, 8))
	a2.Entities = append(a2.Entities, place("Port Ellis"))
	a2.Mentions = append(a2.Mentions, analysis.Mention{Span: analysis.Span{Start: 37, End: 47}, Text: "Port Ellis", Type: analysis.LOC, Entity: 3})
	a2.Article.URL = "https://example.org/two"
	a2.Article.Received = time.Date(2025, 8, 5, 9, 0, 0, 0, time.UTC)
	a2.Article.Published = time.Date(2025, 8, 5, 8, 0, 0, 0, time.UTC)
	a3 := article("Three", "Mara Quill left on Wednesday. ", []analysis.Entity{quill()}, day(2025, 8, 6))
	return []*analysis.Analysis{a1, a2, a3}
}

func TestDeleteArticle(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	res, _, err := db.SaveBatch(ctx, deleteFixture())
	if err != nil {
		t.Fatal(err)
	}
	quill, penn, ellis := res[1].Entities[1], res[1].Entities[2], res[1].Entities[3]
	if quill != res[0].Entities[1] || quill != res[2].Entities[1] {
		t.Fatalf("Quill not linked across articles: %+v", res)
	}
	st := mustStats(t, db)

	got, err := db.DeleteArticle(ctx, res[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != res[1].ID || got.Title != "Two" || got.Text != "" || got.Facts != 2 {
		t.Errorf("DeleteArticle returned %+v", got)
	}
	if err := db.Check(ctx); err != nil {
		t.Errorf("Check after delete: %v", err)
	}
	if s := mustStats(t, db); s.Articles != st.Articles-1 || s.Facts != st.Facts-2 || s.Entities != st.Entities-2 {
		t.Errorf("Stats %+v after delete, before %+v", s, st)
	}
	if _, err := db.Article(ctx, res[1].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article of deleted: %v", err)
	}
	if _, err := db.ArticleFacts(ctx, res[1].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("ArticleFacts of deleted: %v", err)
	}
	facts, err := db.FactsAbout(ctx, quill)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range facts {
		if f.Article == res[1].ID {
			t.Errorf("FactsAbout(Quill) still has %+v", f)
		}
	}
	if len(facts) != 3 {
		t.Errorf("FactsAbout(Quill) = %d facts, want 3", len(facts))
	}
	between, err := db.FactsBetween(ctx, year(2025), year(2025))
	if err != nil || len(between) != 3 {
		t.Errorf("FactsBetween = %d facts, %v; want 3", len(between), err)
	}
	sights, _ := db.Sightings(ctx, quill)
	if len(sights) != 2 || sights[0].Article != res[0].ID || sights[1].Article != res[2].ID {
		t.Errorf("Sightings(Quill) = %+v", sights)
	}
	for _, e := range []uint64{penn, ellis} {
		if _, err := db.Entity(ctx, e); !errors.Is(err, ErrNotFound) {
			t.Errorf("entity %d of the deleted article only: %v", e, err)
		}
	}
	for _, name := range []string{"penn", "iris penn", "port ellis"} {
		if ids, _ := db.LookupAlias(ctx, name); len(ids) != 0 {
			t.Errorf("LookupAlias(%q) = %v after delete", name, ids)
		}
	}
	if arts, _ := db.ArticlesReceived(ctx, time.Time{}, time.Time{}); len(arts) != 0 {
		t.Errorf("ArticlesReceived = %+v", arts)
	}
	if arts, _ := db.ArticlesPublished(ctx, time.Time{}, time.Time{}); len(arts) != 0 {
		t.Errorf("ArticlesPublished = %+v", arts)
	}

	// Twice: not found, nothing changed.
	before := dump(t, db)
	if _, err := db.DeleteArticle(ctx, res[1].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second DeleteArticle: %v, want ErrNotFound", err)
	}
	if diff := cmp.Diff(before, dump(t, db)); diff != "" {
		t.Errorf("failed delete changed the database:\n%s", diff)
	}

	// Re-ingest: a new article, not a duplicate.
	again := deleteFixture()[1]
	r, err := db.Save(ctx, again)
	if err != nil || r.Duplicate || r.ID == res[1].ID {
		t.Errorf("re-ingest after delete: %+v, %v", r, err)
	}
	if r.Entities[1] != quill {
		t.Errorf("re-ingested Quill is %d, want %d", r.Entities[1], quill)
	}
}

// Deleting the article saved last leaves the database as before it was
// saved, but for the id sequences and what it merged into surviving
// entities.
func TestDeleteArticle_UndoesSave(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	as := deleteFixture()
	mustSave(t, db, as[0])
	mustSave(t, db, as[2])
	before := dump(t, db)
	res := mustSave(t, db, as[1])
	if _, err := db.DeleteArticle(ctx, res.ID); err != nil {
		t.Fatal(err)
	}
	after := dump(t, db)
	quillKey := fmt.Sprintf("entities/%x", u64(res.Entities[1]))
	for k := range before {
		if strings.HasSuffix(k, "#seq") || k == quillKey {
			delete(before, k)
			delete(after, k)
		}
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("delete left (-before save +after delete):\n%s", diff)
	}
}

// A failure at any step writes nothing.
func TestDeleteArticle_IsAtomic(t *testing.T) {
	for _, step := range []string{"facts deleted", "article deleted", "sightings deleted", "entities deleted"} {
		t.Run(step, func(t *testing.T) {
			db := mustOpen(t)
			ctx := context.Background()
			res, _, err := db.SaveBatch(ctx, deleteFixture())
			if err != nil {
				t.Fatal(err)
			}
			before := dump(t, db)
			injected := errors.New("injected")
			db.failAt = func(s string) error {
				if s == step {
					return injected
				}
				return nil
			}
			_, err = db.DeleteArticle(ctx, res[1].ID)
			db.failAt = nil
			if !errors.Is(err, injected) {
				t.Fatalf("DeleteArticle error = %v, want injected", err)
			}
			if diff := cmp.Diff(before, dump(t, db)); diff != "" {
				t.Errorf("failed delete changed the database:\n%s", diff)
			}
		})
	}
}
