package entity

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// conllDataDir is ../shared/data beside the module root.
var conllDataDir = filepath.Join("..", "..", "..", "shared", "data")

func metric(rep Report, key string) float64 {
	for _, m := range rep.Metrics {
		if m.Key == key {
			return m.Value
		}
	}
	return -1
}

// TestEvaluate_Synthetic checks the reader and the conlleval scoring on a
// tiny file of our own: IOB1 tags, DOCSTART at the end of documents, a
// partial match and a type error.
func TestEvaluate_Synthetic(t *testing.T) {
	const data = `Anna NNP I-NP I-PER
Brodsky NNP I-NP I-PER
visited VBD I-VP O
Freedonia NNP I-NP I-LOC
on IN I-PP O
Monday NNP I-NP O
. . O O

Tomas NNP I-NP I-PER
Weller NNP I-NP I-PER
said VBD I-VP O
. . O O
-DOCSTART- -X- -X- O

Anna NNP I-NP I-PER
Brodsky NNP I-NP I-PER
left VBD I-VP O
. . O O
-DOCSTART- -X- -X- O
`
	fsys := fstest.MapFS{"conll2003_en/eng.testa": &fstest.MapFile{Data: []byte(data)}}
	rep, err := Evaluate(fsys, "dev", 0)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Counts["documents"] != 2 || rep.Counts["gold"] != 4 {
		t.Fatalf("counts %v, want 2 documents and 4 gold entities", rep.Counts)
	}
	for _, key := range []string{"f1", "per_f1", "org_f1", "loc_f1", "misc_f1", "precision", "recall"} {
		if v := metric(rep, key); v < 0 || v > 100 {
			t.Errorf("metric %s = %v, want a percentage", key, v)
		}
	}
	if rep.Counts["tp"] > rep.Counts["pred"] || rep.Counts["tp"] > rep.Counts["gold"] {
		t.Errorf("counts %v inconsistent", rep.Counts)
	}
	one, err := Evaluate(fsys, "dev", 1)
	if err != nil {
		t.Fatal(err)
	}
	if one.Counts["documents"] != 1 || one.Counts["gold"] != 3 {
		t.Errorf("limit 1: counts %v, want 1 document and 3 gold entities", one.Counts)
	}
	if _, err := Evaluate(fsys, "train", 0); err == nil {
		t.Error("split train: want an error")
	}
	if _, err := Evaluate(fsys, "test", 0); err == nil {
		t.Error("missing eng.testb: want an error")
	}
}

// TestScoreCoNLL_Exact checks conlleval semantics: a mention counts only
// with its exact token span and type.
func TestScoreCoNLL_Exact(t *testing.T) {
	docs := []conllDoc{{
		sents: [][]string{strings.Fields("Anna Brodsky met Tomas Weller in Freedonia .")},
		gold: []conllSpan{
			{s: 0, a: 0, b: 2, typ: "PER"},
			{s: 0, a: 3, b: 4, typ: "PER"}, // deliberately too short: Extract finds "Tomas Weller"
			{s: 0, a: 6, b: 7, typ: "ORG"}, // deliberately the wrong type
		},
	}}
	sc := scoreCoNLL(docs, nil)
	all := sc.total()
	if all.tp != 1 || all.fn != 2 {
		t.Errorf("tp %d fn %d fp %d, want tp 1 fn 2", all.tp, all.fn, all.fp)
	}
	if sc["ORG"].fn != 1 || sc["PER"].tp != 1 {
		t.Errorf("per type: PER %+v ORG %+v", *sc["PER"], *sc["ORG"])
	}
}

// TestEvaluate_CoNLLDev guards the figures on a fixed slice of the CoNLL-2003
// dev split (eng.testa): the first 60 documents. Floors sit a little under
// the measured figures; raise them as the tagger improves. Set CONLL_DUMP=1
// to log every error of the second half (documents 108–215), CONLL_DUMP=all
// of the whole split.
func TestEvaluate_CoNLLDev(t *testing.T) {
	fsys := os.DirFS(conllDataDir)
	rep, err := Evaluate(fsys, "dev", 60)
	if err != nil {
		t.Skipf("CoNLL-2003 dev data not available: %v", err)
	}
	for _, m := range rep.Metrics {
		t.Logf("%-16s %6.2f", m.Label, m.Value)
	}
	// measured: F1 90.3, PER 94.7, ORG 83.0, LOC 93.5, MISC 78.9 (open word
	// lists only: no list is derived from the dev split)
	floors := map[string]float64{"f1": 89, "per_f1": 93.5, "org_f1": 82, "loc_f1": 92.5, "misc_f1": 76}
	for key, floor := range floors {
		if v := metric(rep, key); v < floor {
			t.Errorf("%s = %.2f, below the floor %.2f", key, v, floor)
		}
	}
	if os.Getenv("CONLL_DUMP") == "" {
		return
	}
	docs, err := readCoNLL(fsys, "conll2003_en/eng.testa")
	if err != nil {
		t.Fatal(err)
	}
	from := 108
	if os.Getenv("CONLL_DUMP") == "all" {
		from = 0
	}
	sc := scoreCoNLL(docs[from:], func(e conllError) {
		kind := "FN"
		if e.fp {
			kind = "FP"
		}
		t.Logf("%s %s %q | %s", kind, e.typ, e.text, e.sentence)
	})
	for _, typ := range conllTypes {
		p, r, f := sc[typ].scores()
		t.Logf("held-out %-4s P %.3f R %.3f F1 %.3f %+v", typ, p, r, f, *sc[typ])
	}
	p, r, f := sc.total().scores()
	t.Logf("held-out all  P %.3f R %.3f F1 %.3f", p, r, f)
}

// FuzzEvaluate feeds arbitrary CoNLL-like files to Evaluate: it must never
// panic, and its counts must stay consistent.
func FuzzEvaluate(f *testing.F) {
	f.Add("Anna NNP I-NP I-PER\nBrodsky NNP I-NP I-PER\n\n-DOCSTART- -X- -X- O\n")
	f.Add("-DOCSTART- -X- -X- O\n\nX Y B-ORG\nI-LOC\n\nVellbridge 3 Ostermoor 1 I-ORG\n")
	f.Add("a b c I-\n( ( ( (\n- - - B-X\n")
	f.Fuzz(func(t *testing.T, data string) {
		fsys := fstest.MapFS{"conll2003_en/eng.testa": &fstest.MapFile{Data: []byte(data)}}
		rep, err := Evaluate(fsys, "dev", 3)
		if err != nil {
			return
		}
		if rep.Counts["tp"] > rep.Counts["gold"] || rep.Counts["tp"] > rep.Counts["pred"] {
			t.Errorf("counts %v", rep.Counts)
		}
	})
}

// TestEvaluate_CoNLLFile scores any CoNLL-2003 file named by CONLL_FILE (a
// held-out check, such as a sample of eng.train kept outside the project);
// it is skipped when the variable is unset. CONLL_DUMP=1 logs every error.
func TestEvaluate_CoNLLFile(t *testing.T) {
	name := os.Getenv("CONLL_FILE")
	if name == "" {
		t.Skip("CONLL_FILE not set")
	}
	docs, err := readCoNLL(os.DirFS(filepath.Dir(name)), filepath.Base(name))
	if err != nil {
		t.Fatal(err)
	}
	var dump func(conllError)
	if os.Getenv("CONLL_DUMP") != "" {
		dump = func(e conllError) {
			kind := "FN"
			if e.fp {
				kind = "FP"
			}
			t.Logf("%s %s %q | %s", kind, e.typ, e.text, e.sentence)
		}
	}
	sc := scoreCoNLL(docs, dump)
	for _, typ := range conllTypes {
		p, r, f := sc[typ].scores()
		t.Logf("%-4s P %.2f R %.2f F1 %.2f %+v", typ, 100*p, 100*r, 100*f, *sc[typ])
	}
	p, r, f := sc.total().scores()
	t.Logf("all  P %.2f R %.2f F1 %.2f (%d documents)", 100*p, 100*r, 100*f, len(docs))
}
