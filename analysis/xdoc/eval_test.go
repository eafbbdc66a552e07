package xdoc

import (
	"errors"
	"io/fs"
	"math"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/analysis"
)

// dataDir is the shared data folder, a sibling of the repository.
const dataDir = "../../../shared/data"

// TestEvaluate_DevFloors guards against regressions on a fixed slice of the
// dev split (the 30 articles of corpus_apple). Floors sit a little under the
// figures measured when they were set.
func TestEvaluate_DevFloors(t *testing.T) {
	if _, err := os.Stat(dataDir + "/" + Dir + "/corpus_apple"); err != nil {
		t.Skipf("MEANTIME data not found in %s/%s (it lives in the shared folder beside the repository)", dataDir, Dir)
	}
	rep, err := Evaluate(os.DirFS(dataDir), "dev", 30)
	if err != nil {
		t.Fatal(err)
	}
	floors := map[string]float64{
		"mention_f1":    50,
		"bcubed_f1":     91.5,
		"bcubed_all_f1": 32,
	}
	got := map[string]float64{}
	for _, m := range rep.Metrics {
		got[m.Key] = m.Value
		t.Logf("%-28s %6.2f", m.Label, m.Value)
	}
	for key, floor := range floors {
		v, ok := got[key]
		if !ok {
			t.Errorf("metric %s missing", key)
			continue
		}
		if v < floor {
			t.Errorf("%s = %.2f, under its floor %.2f", key, v, floor)
		}
	}
	if rep.Counts["documents"] != 30 {
		t.Errorf("evaluated %d documents, want 30", rep.Counts["documents"])
	}
}

func TestEvaluate_Errors(t *testing.T) {
	if _, err := Evaluate(fstest.MapFS{}, "train", 0); err == nil {
		t.Error("unknown split: no error")
	}
	if _, err := Evaluate(fstest.MapFS{}, "dev", 0); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing folder: error %v, want fs.ErrNotExist", err)
	}
	bad := fstest.MapFS{Dir + "/corpus_apple/1_x.xml": {Data: []byte("<Document><token")}}
	if _, err := Evaluate(bad, "dev", 0); err == nil {
		t.Error("broken XML: no error")
	}
}

// fixture writes a CAT document: sentences of space-separated tokens,
// mentions as (first token, last token, syntactic type, instance) with
// token numbers counted from 1 across the document.
type fixMention struct {
	first, last int
	syn, inst   string
}

func fixture(id, dct string, sents []string, ms []fixMention) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" ?><Document doc_id="` + id + `" doc_name="` + id + `_fixture" lang="en">` + "\n")
	n := 0
	for s, sent := range sents {
		for _, w := range strings.Fields(sent) {
			n++
			b.WriteString(`<token number="0" sentence="` + itoa(s) + `" t_id="` + itoa(n) + `">` + escape(w) + "</token>\n")
		}
	}
	b.WriteString("<Markables>\n")
	ents := map[string]string{}
	for i, m := range ms {
		b.WriteString(`<ENTITY_MENTION m_id="` + itoa(i+1) + `"`)
		if m.syn != "-" {
			b.WriteString(` syntactic_type="` + m.syn + `"`)
		}
		b.WriteString(">")
		for t := m.first; t <= m.last; t++ {
			b.WriteString(`<token_anchor t_id="` + itoa(t) + `"/>`)
		}
		b.WriteString("</ENTITY_MENTION>\n")
		if m.inst != "" && ents[m.inst] == "" {
			ents[m.inst] = itoa(1000 + len(ents))
			b.WriteString(`<ENTITY m_id="` + ents[m.inst] + `" ent_type="` + m.inst[:3] + `" instance_id="` + m.inst + `"/>` + "\n")
		}
	}
	if dct != "" {
		b.WriteString(`<TIMEX3 m_id="999" type="DATE" value="` + dct + `" functionInDocument="CREATION_TIME"/>` + "\n")
	}
	b.WriteString("</Markables>\n<Relations>\n")
	for i, m := range ms {
		if m.inst != "" {
			b.WriteString(`<REFERS_TO r_id="` + itoa(i) + `"><source m_id="` + itoa(i+1) + `"/><target m_id="` + ents[m.inst] + `"/></REFERS_TO>` + "\n")
		}
	}
	b.WriteString("</Relations>\n</Document>\n")
	return b.String()
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var d []byte
	for ; i > 0; i /= 10 {
		d = append([]byte{byte('0' + i%10)}, d...)
	}
	return string(d)
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func TestReadDoc(t *testing.T) {
	src := fixture("7", "2031-04-02", []string{
		"Lumora signs deal",
		"The Velk Ltd board said Lumora 's chief Ada Brenn agreed .",
	}, []fixMention{
		{1, 1, "NAM", "ORG1"},   // Lumora
		{4, 6, "NAM", "ORG2"},   // The Velk Ltd
		{9, 9, "-", "ORG1"},     // Lumora
		{12, 13, "NAM", "PER1"}, // Ada Brenn
		{7, 7, "NOM", "ORG2"},   // board
		{11, 11, "NOM", ""},     // chief
	})
	d, err := ReadDoc(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "7" || d.Name != "7_fixture" || len(d.Tokens) != 15 {
		t.Fatalf("doc %q %q with %d tokens", d.ID, d.Name, len(d.Tokens))
	}
	if want := time.Date(2031, 4, 2, 0, 0, 0, 0, time.UTC); !d.DCT.Equal(want) {
		t.Errorf("DCT %v, want %v", d.DCT, want)
	}
	type row struct {
		First, Last int
		Syn, Inst   string
		Type        string
		Named       bool
	}
	var got []row
	for _, m := range d.Mentions {
		got = append(got, row{m.First, m.Last, m.Syntactic, m.Instance, m.EntType, d.Named(m)})
	}
	want := []row{
		{0, 0, "NAM", "ORG1", "ORG", true},
		{3, 5, "NAM", "ORG2", "ORG", true},
		{6, 6, "NOM", "ORG2", "ORG", false},
		{8, 8, "", "ORG1", "ORG", true}, // untyped, capitalized inside the sentence
		{10, 10, "NOM", "", "", false},
		{11, 12, "NAM", "PER1", "PER", true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mentions (-want +got):\n%s", diff)
	}
}

func TestNamed_Untyped(t *testing.T) {
	d, err := ReadDoc(strings.NewReader(fixture("1", "", []string{
		"Company shares rose as I said the firm and Orlen gained .",
	}, []fixMention{
		{1, 1, "-", "ORG1"},   // sentence-initial capital: not a name
		{5, 5, "-", "PER1"},   // "I"
		{7, 8, "-", "ORG1"},   // lower case
		{10, 10, "-", "ORG2"}, // a name
	})))
	if err != nil {
		t.Fatal(err)
	}
	var got []bool
	for _, m := range d.Mentions {
		got = append(got, d.Named(m))
	}
	if diff := cmp.Diff([]bool{false, false, false, true}, got); diff != "" {
		t.Errorf("Named (-want +got):\n%s", diff)
	}
}

func TestMatchDoc(t *testing.T) {
	gold := []goldItem{
		{first: 0, last: 2},  // "U.S. automaker Tarvo"
		{first: 0, last: 0},  // "U.S."
		{first: 5, last: 6},  // "Ada Brenn"
		{first: 8, last: 11}, // "the Velk Court in Oslo"
	}
	pred := []predItem{
		{first: 2, last: 2},   // "Tarvo": head of gold 0
		{first: 0, last: 0},   // exact gold 1
		{first: 5, last: 6},   // exact gold 2
		{first: 9, last: 10},  // "Velk Court": does not end on the head
		{first: 14, last: 14}, // nothing
	}
	if diff := cmp.Diff([]int{0, 1, 2, -1, -1}, matchDoc(gold, pred, false)); diff != "" {
		t.Errorf("head match (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{-1, 1, 2, -1, -1}, matchDoc(gold, pred, true)); diff != "" {
		t.Errorf("exact match (-want +got):\n%s", diff)
	}
}

func TestBcubed(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	t.Run("matched", func(t *testing.T) {
		// gold {a1 a2 a3} {b1}; predicted {a1 a2} {a3 b1}
		var b bcubed
		b.addMatched([]string{"a", "a", "a", "b"}, []uint64{1, 1, 2, 2})
		p, r, _ := b.scores()
		// precision: 1, 1, 1/2, 1/2 → 3/4; recall: 2/3, 2/3, 1/3, 1 → 2/3
		if !near(p, 75) || !near(r, 200.0/3) {
			t.Errorf("P %.4f R %.4f, want 75 and 66.6667", p, r)
		}
	})
	t.Run("all", func(t *testing.T) {
		gold := []goldItem{{key: "a"}, {key: "a"}, {key: "b"}}
		pred := []predItem{{cluster: 1}, {cluster: 1}, {cluster: 1}}
		// pred 0↔gold 0, pred 1↔gold 1; gold 2 and pred 2 unmatched
		var b bcubed
		b.addAll(gold, pred, []int{0, 1, -1})
		p, r, _ := b.scores()
		// reference scorer: recall Σ|K∩R|²/|K| / 3 = (2²/2) / 3 = 2/3 (the
		// missed gold mention adds 0); precision Σ|K∩R|²/|R| / 3 = (2²/3) / 3
		// = 4/9 (the unmatched prediction adds 0)
		if !near(r, 200.0/3) || !near(p, 400.0/9) {
			t.Errorf("P %.4f R %.4f, want 44.4444 and 66.6667", p, r)
		}
	})
	t.Run("all, perfect", func(t *testing.T) {
		gold := []goldItem{{key: "a"}, {key: "a"}, {key: "b"}}
		pred := []predItem{{cluster: 7}, {cluster: 7}, {cluster: 8}}
		var b bcubed
		b.addAll(gold, pred, []int{0, 1, 2})
		p, r, _ := b.scores()
		if !near(r, 100) || !near(p, 100) {
			t.Errorf("P %.4f R %.4f, want 100 and 100", p, r)
		}
	})
}

func TestLinker_MirrorsStorage(t *testing.T) {
	art := func(ents []analysis.Entity, mentions ...uint64) *analysis.Analysis {
		a := &analysis.Analysis{Entities: ents}
		for _, id := range mentions {
			a.Mentions = append(a.Mentions, analysis.Mention{Entity: id})
		}
		return a
	}
	l := NewLinker()
	first := l.Link(art([]analysis.Entity{
		{Name: "Ada Brenn", Type: analysis.PER, Aliases: []string{"Ada Brenn", "Brenn"}},
		{Name: "Halvorsen", Type: analysis.ORG, Aliases: []string{"Halvorsen"}},
	}, 1, 1, 2))
	second := l.Link(art([]analysis.Entity{
		{Name: "Brenn", Type: analysis.PER, Aliases: []string{"Brenn"}},             // surname of a known person
		{Name: "Tomas Brenn", Type: analysis.PER, Aliases: []string{"Tomas Brenn"}}, // same surname, other first name
		{Name: "Halvorson", Type: analysis.ORG, Aliases: []string{"Halvorson"}},     // one letter off, seen with Brenn
	}, 1, 1, 2, 3))
	if second[1] != first[1] {
		t.Errorf("Brenn linked to %d, want Ada Brenn's %d", second[1], first[1])
	}
	if second[2] == first[1] || second[2] == 0 {
		t.Errorf("Tomas Brenn linked to %d; want a new entity", second[2])
	}
	if second[3] != first[2] {
		t.Errorf("Halvorson linked to %d, want Halvorsen's %d in context", second[3], first[2])
	}
	e, ok := l.Entity(first[1])
	if !ok || e.Name != "Ada Brenn" || len(e.Peers) == 0 {
		t.Errorf("entity %+v %v: want Ada Brenn with peers", e, ok)
	}
	if l.Len() != 3 {
		t.Errorf("%d entities, want 3", l.Len())
	}
}

func FuzzReadDoc(f *testing.F) {
	f.Add(fixture("3", "2030-01-01", []string{"Ada Brenn left ."}, []fixMention{{1, 2, "NAM", "PER1"}}))
	f.Add(`<Document><token t_id="1" sentence="0">x</token><Markables><ENTITY_MENTION m_id="1"><token_anchor t_id="9"/></ENTITY_MENTION></Markables></Document>`)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ReadDoc(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, m := range d.Mentions {
			if m.First < 0 || m.Last >= len(d.Tokens) || m.First > m.Last {
				t.Fatalf("mention %+v outside %d tokens", m, len(d.Tokens))
			}
			d.Named(m)
		}
		buildText(d)
	})
}
