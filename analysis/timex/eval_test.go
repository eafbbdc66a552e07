package timex

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tbaqDir is TempEval-3's training data, relative to this package.
const tbaqDir = "../../../shared/data/tempeval3/TBAQ-cleaned"

func tbaqFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, sub := range []string{"TimeBank", "AQUAINT"} {
		fs, err := filepath.Glob(filepath.Join(tbaqDir, sub, "*.tml"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fs...)
	}
	if len(files) == 0 {
		t.Skipf("TempEval-3 data not found in %s (it lives in the shared folder beside the repository)", tbaqDir)
	}
	sort.Strings(files)
	return files
}

func scoreFile(t *testing.T, path string, errs *strings.Builder) Scores {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := ReadTimeML(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	pred := FromExprs(Tag(doc.Text, doc.DCT))
	s := Score(doc.Timexes, pred)
	if errs != nil {
		writeErrors(errs, filepath.Base(path), doc, pred)
	}
	return s
}

// writeErrors lists misses, false alarms and wrong values (development aid).
func writeErrors(w *strings.Builder, name string, doc Doc, pred []Timex) {
	ctx := func(a, b int) string {
		s, e := max(0, a-40), min(len(doc.Text), b+40)
		return strings.ReplaceAll(doc.Text[s:a]+"[["+doc.Text[a:b]+"]]"+doc.Text[b:e], "\n", " ")
	}
	hit := make([]bool, len(pred))
	for _, g := range doc.Timexes {
		found := false
		for k, p := range pred {
			if p.Start < g.End && g.Start < p.End {
				hit[k], found = true, true
				tag := "OK"
				if p.Start != g.Start || p.End != g.End {
					tag = "SPAN"
				}
				if p.Value != g.Value {
					tag += "+VAL"
				}
				if tag != "OK" {
					fmt.Fprintf(w, "%s\t%s\t%s dct=%s gold=%q %s %s pred=%q %s %s | %s\n", tag, name, "", doc.DCT.Format("2006-01-02"), g.Text, g.Type, g.Value, p.Text, p.Type, p.Value, ctx(g.Start, g.End))
				}
				break
			}
		}
		if !found {
			fmt.Fprintf(w, "MISS\t%s\t dct=%s gold=%q %s %s | %s\n", name, doc.DCT.Format("2006-01-02"), g.Text, g.Type, g.Value, ctx(g.Start, g.End))
		}
	}
	for k, p := range pred {
		if !hit[k] {
			fmt.Fprintf(w, "FALSE\t%s\t dct=%s pred=%q %s %s | %s\n", name, doc.DCT.Format("2006-01-02"), p.Text, p.Type, p.Value, ctx(p.Start, p.End))
		}
	}
}

// TestTBAQ measures the tagger on a fixed slice of TempEval-3's training
// data (every sixth document). Set TIMEX_TBAQ_ALL=1 to score all of it and
// TIMEX_TBAQ_ERRORS=file to list the errors.
func TestTBAQ(t *testing.T) {
	files := tbaqFiles(t)
	all := os.Getenv("TIMEX_TBAQ_ALL") != ""
	var errs *strings.Builder
	if os.Getenv("TIMEX_TBAQ_ERRORS") != "" {
		errs = &strings.Builder{}
	}
	var total Scores
	n := 0
	for k, path := range files {
		if !all && k%6 != 0 {
			continue
		}
		total = total.Add(scoreFile(t, path, errs))
		n++
	}
	t.Logf("TBAQ-cleaned, %d documents: %s", n, total)
	if errs != nil {
		if err := os.WriteFile(os.Getenv("TIMEX_TBAQ_ERRORS"), []byte(errs.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !all && total.RelaxedF1() < 80 {
		t.Errorf("relaxed F1 %.1f fell below 80 on the fixed TBAQ slice", total.RelaxedF1())
	}
}

func TestReadTimeML(t *testing.T) {
	const in = `<?xml version="1.0" ?>
<TimeML><DOCID>x1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">2013-03-22</TIMEX3></DCT>
<TEXT>Talks &amp; more <EVENT eid="e1">resumed</EVENT> on <TIMEX3 tid="t1" type="DATE" value="2013-03-22">Friday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P2D" mod="APPROX">about two days</TIMEX3>.</TEXT>
</TimeML>`
	doc, err := ReadTimeML(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != "Talks & more resumed on Friday after about two days." || doc.ID != "x1" || doc.DCT.Format("2006-01-02") != "2013-03-22" {
		t.Fatalf("got %+v", doc)
	}
	want := []Timex{
		{Start: 24, End: 30, Text: "Friday", Type: "DATE", Value: "2013-03-22"},
		{Start: 37, End: 51, Text: "about two days", Type: "DURATION", Value: "P2D", Mod: "APPROX"},
	}
	if d := cmp.Diff(want, doc.Timexes); d != "" {
		t.Errorf("timexes (-want +got):\n%s", d)
	}
	if _, err := ReadTimeML(strings.NewReader("<TimeML></TimeML>")); err == nil {
		t.Error("no error for a document without TEXT")
	}
}

func TestScore(t *testing.T) {
	gold := []Timex{
		{Start: 0, End: 6, Type: "DATE", Value: "2025-08-06"},
		{Start: 10, End: 20, Type: "DURATION", Value: "P3D"},
		{Start: 30, End: 35, Type: "DATE", Value: "2025"},
	}
	pred := []Timex{
		{Start: 0, End: 6, Type: "DATE", Value: "2025-08-06"},    // strict, right value
		{Start: 14, End: 20, Type: "DATE", Value: "P3D"},         // relaxed, right value, wrong type
		{Start: 40, End: 45, Type: "DATE", Value: "PRESENT_REF"}, // false alarm
	}
	got := Score(gold, pred)
	want := Scores{Gold: 3, Pred: 3, Strict: 1, Relaxed: 2, Value: 2, Type: 1}
	if got != want {
		t.Fatalf("Score = %+v, want %+v", got, want)
	}
	if f := got.RelaxedF1(); f < 66.6 || f > 66.7 {
		t.Errorf("RelaxedF1 = %v, want 66.67", f)
	}
	if f := got.StrictF1(); f < 33.3 || f > 33.4 {
		t.Errorf("StrictF1 = %v, want 33.33", f)
	}
	if a := got.TypeAccuracy(); a != 50 {
		t.Errorf("TypeAccuracy = %v, want 50", a)
	}
}
