package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/analysis"
)

// TestConflictItem_Rendered labels and renders conflicts found in small
// fictional multi-article corpora (invented people, places and outlets), and
// checks what a reader sees: the label, every side's value with its
// independent outlets and sources, and a citation under every side.
func TestConflictItem_Rendered(t *testing.T) {
	day := func(s string) time.Time {
		v, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	date := func(s string) analysis.Date {
		v, ok := analysis.ParseDate(s)
		if !ok {
			t.Fatal(s)
		}
		return v
	}
	arts := map[uint64]analysis.Article{
		1: {ID: 1, Outlet: "Harbor Ledger", Title: "Varn and Oder meet", Published: day("2026-05-12")},
		2: {ID: 2, Outlet: "Pine Gazette", Title: "Oder's day in Kessel", Published: day("2026-05-13")},
		3: {ID: 3, Outlet: "Vessa Courier", Title: "Talks in Kessel", Published: day("2026-05-14")},
		4: {ID: 4, Outlet: "Vessa Courier", Title: "Lind promoted", Published: day("2026-08-02")},
	}
	meet := func(art uint64, seq uint32, ev string, more func(*analysis.Fact)) analysis.Fact {
		f := analysis.Fact{Article: art, Seq: seq, Kind: analysis.Event, Action: "meet", Date: date("2026-05-12"),
			How: analysis.Stated, Entities: []uint64{1, 2}, Span: analysis.Span{Start: int(seq) * 100}, Evidence: ev, Text: ev}
		if more != nil {
			more(&f)
		}
		return f
	}
	dur := func(text string, h float64) func(*analysis.Fact) {
		return func(f *analysis.Fact) {
			f.Numbers = []analysis.Quantity{{Text: text, Kind: "duration", Value: h * 3600, Unit: "s"}}
		}
	}
	facts := []analysis.Fact{
		meet(1, 0, "Varn met Oder for four hours in Kessel.", dur("four hours", 4)),
		meet(1, 1, "The meeting was requested by the Lutian side, spokesman Aron Tal told reporters.", func(f *analysis.Fact) { f.Speaker = 7 }),
		meet(2, 0, "Varn spent six hours with Oder.", dur("six hours", 6)),
		meet(2, 1, "The meeting took place at Oder's request, the sources said.", nil),
		meet(3, 0, "The 4-hour talks in Kessel ended at dusk, Harbor Ledger reported.", dur("4-hour", 4)),
		{Article: 1, Seq: 2, Kind: analysis.Claim, Attribute: "role", Subject: 2, Value: "Orvanian envoy", Evidence: "Orvanian envoy Tomas Oder flew in."},
		{Article: 1, Seq: 3, Kind: analysis.Claim, Attribute: "role", Subject: 3, Value: "Deputy Foreign Minister", Evidence: "Deputy Foreign Minister Petra Lind spoke."},
		{Article: 4, Seq: 0, Kind: analysis.Claim, Attribute: "role", Subject: 3, Value: "Foreign Minister", Evidence: "Foreign Minister Petra Lind spoke."},
	}
	names := map[uint64]string{1: "Ilse Varn", 2: "Tomas Oder", 3: "Petra Lind", 7: "Aron Tal"}
	types := map[uint64]analysis.EntityType{1: analysis.PER, 2: analysis.PER, 3: analysis.PER, 7: analysis.PER}
	src := &sourcer{ctx: context.Background(), arts: arts}
	r := Reply{Title: "Conflicts", Items: []Item{}}
	for _, c := range analysis.Conflicts(facts, arts) {
		r.Items = append(r.Items, conflictItem(c, names, types, src))
	}
	if len(r.Items) != 3 {
		t.Fatalf("%d conflicts, want 3 (length, initiative, title):\n%s", len(r.Items), RenderText(r))
	}
	want := []struct {
		label, text string
		claims      []string
	}{
		{"contradiction", "Length of the meeting of Ilse Varn and Tomas Oder on 2026-05-12",
			[]string{"four hours (also: 4-hour; 1 outlet)", "six hours (1 outlet)"}},
		{"attributed", "Who asked for the meeting of Ilse Varn and Tomas Oder on 2026-05-12",
			[]string{"the Lutian side (according to Aron Tal; 1 outlet)", "Oder (according to the sources; 1 outlet)"}},
		{"update", "Title of Petra Lind",
			[]string{"Deputy Foreign Minister (1 outlet)", "Foreign Minister (1 outlet)"}},
	}
	for i, w := range want {
		it := r.Items[i]
		if it.Label != w.label || it.Text != w.text {
			t.Errorf("item %d: %s: %s; want %s: %s", i, it.Label, it.Text, w.label, w.text)
		}
		if len(it.Claims) != len(w.claims) {
			t.Errorf("item %d: %d claims, want %d", i, len(it.Claims), len(w.claims))
			continue
		}
		for j, c := range it.Claims {
			if c.Display() != w.claims[j] {
				t.Errorf("item %d claim %d = %q, want %q", i, j, c.Display(), w.claims[j])
			}
			if strings.Contains(c.Value, "(") {
				t.Errorf("item %d claim %d: value %q is not verbatim", i, j, c.Value)
			}
			if len(c.Sources) == 0 || c.Sources[0].Evidence == "" {
				t.Errorf("item %d claim %d without a cited sentence: %+v", i, j, c.Sources)
			}
		}
		if w.label != "contradiction" && it.Note == "" {
			t.Errorf("item %d: no note explaining the %s label", i, w.label)
		}
	}
	text := RenderText(r)
	for _, s := range []string{"attributed:", "update:", "contradiction:", "(according to Aron Tal; 1 outlet)", "Vessa Courier, 2026-05-14"} {
		if !strings.Contains(text, s) {
			t.Errorf("rendered reply lacks %q:\n%s", s, text)
		}
	}
	t.Logf("\n%s", text)
}
