package storage

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/analysis"
)

// timelineDB stores two articles about Quill (and Vale) with facts at every
// precision, and returns the DB and Quill's stored id.
func timelineDB(t *testing.T) (*DB, uint64) {
	t.Helper()
	db := mustOpen(t)
	r1 := mustSave(t, db, article("A1",
		"Quill met the pilots. Quill met the clerks. Quill met the bakers. Quill met the masons. Quill met the tailors. ",
		[]analysis.Entity{person("Quill")},
		day(2025, 8, 6), month(2025, 8), analysis.Date{}, year(2025), day(2025, 7, 30)))
	a2 := article("A2",
		"Quill spoke to the pilots. Quill met the clerks again. Vale met the bakers. Vale left the city. ",
		[]analysis.Entity{person("Quill"), person("Vale")},
		day(2025, 8, 6), analysis.Date{}, day(2025, 8, 6), day(2024, 12, 31))
	a2.Facts[0].Kind, a2.Facts[0].Speaker = analysis.Quote, 1 // Quill twice: entity and speaker
	r2 := mustSave(t, db, a2)
	if r1.Entities[1] != r2.Entities[1] {
		t.Fatalf("Quill not linked: %v %v", r1.Entities, r2.Entities)
	}
	return db, r1.Entities[1]
}

func factRefs(fs []analysis.Fact) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%d/%d", f.Article, f.Seq))
	}
	return out
}

func TestFactsAbout_DateKeyOrderNoDuplicates(t *testing.T) {
	db, quill := timelineDB(t)
	got, err := db.FactsAbout(context.Background(), quill)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"1/3",        // 2025
		"1/4",        // 2025-07-30
		"1/1",        // 2025-08
		"1/0", "2/0", // 2025-08-06, by article
		"1/2", "2/1", // undated, last
	}
	if diff := cmp.Diff(want, factRefs(got)); diff != "" {
		t.Errorf("FactsAbout order (-want +got):\n%s", diff)
	}
	if _, err := db.FactsAbout(context.Background(), 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("FactsAbout(999) error = %v, want ErrNotFound", err)
	}
}

func TestFactsBetween(t *testing.T) {
	db, _ := timelineDB(t)
	var zero analysis.Date
	tests := []struct {
		name     string
		from, to analysis.Date
		want     []string
	}{
		{"open both", zero, zero, []string{"2/3", "1/3", "1/4", "1/1", "1/0", "2/0", "2/2"}},
		{"august days", day(2025, 8, 1), day(2025, 8, 31), []string{"1/3", "1/1", "1/0", "2/0", "2/2"}},
		{"august month", month(2025, 8), month(2025, 8), []string{"1/3", "1/1", "1/0", "2/0", "2/2"}},
		{"until july", zero, day(2025, 7, 31), []string{"2/3", "1/3", "1/4"}},
		{"from august", month(2025, 8), zero, []string{"1/3", "1/1", "1/0", "2/0", "2/2"}},
		{"one day without facts: coarse dates overlap", day(2025, 8, 7), day(2025, 8, 7), []string{"1/3", "1/1"}},
		{"one day", day(2025, 7, 30), day(2025, 7, 30), []string{"1/3", "1/4"}},
		{"year", year(2025), year(2025), []string{"1/3", "1/4", "1/1", "1/0", "2/0", "2/2"}},
		{"previous year", day(2024, 12, 31), day(2024, 12, 31), []string{"2/3"}},
		{"future", year(2026), zero, []string{}},
		{"inverted", month(2025, 9), month(2025, 8), []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.FactsBetween(context.Background(), tt.from, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, factRefs(got)); diff != "" {
				t.Errorf("FactsBetween(%v, %v) (-want +got):\n%s", tt.from, tt.to, diff)
			}
			for _, f := range got {
				if f.Date.IsZero() {
					t.Errorf("undated fact %d/%d returned", f.Article, f.Seq)
				}
			}
		})
	}
}

func TestSightings(t *testing.T) {
	db, quill := timelineDB(t)
	got, err := db.Sightings(context.Background(), quill)
	if err != nil {
		t.Fatal(err)
	}
	want := []Sighting{
		{Article: 1, Mentions: 5, Aliases: []string{"Quill"}},
		{Article: 2, Mentions: 2, Aliases: []string{"Quill"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Sightings (-want +got):\n%s", diff)
	}
	if _, err := db.Sightings(context.Background(), 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Sightings(999) error = %v, want ErrNotFound", err)
	}
}

// AllFacts is Articles then ArticleFacts of each, in one pass.
func TestAllFacts_EqualsFactsByArticle(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	as, _ := batchFixture()
	if _, _, err := db.SaveBatch(ctx, as); err != nil {
		t.Fatal(err)
	}
	arts, err := db.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var want []analysis.Fact
	for _, a := range arts {
		fs, err := db.ArticleFacts(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, fs...)
	}
	got, err := db.AllFacts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 100 {
		t.Fatalf("only %d facts in the fixture", len(want))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("AllFacts differs (-by article +all):\n%s", diff)
	}
}
