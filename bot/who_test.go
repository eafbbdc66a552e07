package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/analysis"
)

func TestWho_CapsSightings(t *testing.T) {
	b, _ := newBot(t)
	ctx := context.Background()
	for i := 0; i < 14; i++ {
		doc := analysis.Document{
			Text:      fmt.Sprintf("Council chair Mira Olsen opened session number %d of the harbor council on Tuesday, the council said. The members voted on %d motions.", i+1, i+3),
			Outlet:    "Velin Post",
			Published: time.Date(2026, 5, 1+i, 0, 0, 0, 0, time.UTC),
		}
		if _, err := b.Ingest(ctx, doc); err != nil {
			t.Fatal(err)
		}
	}
	r := ask(t, b, "/who olsen")
	seen := 0
	for _, it := range r.Items {
		if it.Label == "seen" {
			seen++
		}
	}
	if seen != 10 || !strings.Contains(r.Footer, "of 14 articles") || !strings.Contains(r.Text, "Seen in 14 articles, first 2026-05-01, last 2026-05-14") {
		t.Errorf("%d sightings shown, footer %q, text %q", seen, r.Footer, r.Text)
	}
	if r.Items[len(r.Items)-1].Date != "2026-05-14" {
		t.Errorf("last sighting %s, want the most recent", r.Items[len(r.Items)-1].Date)
	}
}

func TestSources_CapsList(t *testing.T) {
	b, _ := newBot(t)
	ctx := context.Background()
	for i := 0; i < 53; i++ {
		doc := analysis.Document{Text: fmt.Sprintf("Harbor report %d: the ferry from Port Velin carried %d passengers on Tuesday, the harbor office said in its weekly note.", i, 100+i), Outlet: "Velin Post"}
		if _, err := b.Ingest(ctx, doc); err != nil {
			t.Fatal(err)
		}
	}
	r := ask(t, b, "/sources")
	if len(r.Items) != 50 || !strings.Contains(r.Footer, "50 most recently read of 53") || !strings.Contains(r.Items[49].Text, "#53") {
		t.Errorf("%d items, footer %q, last %q", len(r.Items), r.Footer, r.Items[len(r.Items)-1].Text)
	}
}
