package quote

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefbot/briefbot/analysis/entity"
	"github.com/briefbot/briefbot/analysis/textseg"
	"github.com/google/go-cmp/cmp"
)

// runeSpan returns the rune offsets of the first sub in text, as brat
// writes them.
func runeSpan(t *testing.T, text, sub string) (int, int) {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in fixture", sub)
	}
	a := len([]rune(text[:i]))
	return a, a + len([]rune(sub))
}

func TestSegments(t *testing.T) {
	tests := []struct {
		name, text string
		content    []string // fragments, in text order
		want       []string
	}{
		{"one quote", `“We will build the bridge,” Hale said.`, []string{`“We will build the bridge,”`}, []string{"We will build the bridge,"}},
		{"two quotes, one content", `“We will build,” Hale said. “It is time.”`, []string{`“We will build,” Hale said. “It is time.”`}, []string{"We will build,", "It is time."}},
		{"open to the end", `"The port is ready. We sail at dawn.`, []string{`"The port is ready. We sail at dawn.`}, []string{"The port is ready. We sail at dawn."}},
		{"words after the quote", `“Twelve ships” in the harbor by May`, []string{`“Twelve ships” in the harbor by May`}, []string{"Twelve ships"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var frs []span
			from := 0
			for _, c := range tc.content {
				i := strings.Index(tc.text[from:], c)
				if i < 0 {
					t.Fatalf("fragment %q not in text", c)
				}
				frs = append(frs, span{from + i, from + i + len(c)})
				from += i + len(c)
			}
			var got []string
			for _, s := range segments(tc.text, frs) {
				got = append(got, tc.text[s.start:s.end])
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("segments (-want +got):\n%s", d)
			}
		})
	}
}

func TestNorm(t *testing.T) {
	for in, want := range map[string]string{
		"“We will build,”":      "We will build",
		"  It is\u00a0 time. ":  "It is time",
		"Really?!":              "Really",
		"—":                     "",
		"the ‘quiet’ talks …":   "the ‘quiet’ talks",
		"$12 an hour":           "12 an hour",
		"ok":                    "ok",
		"\"Bridges\", she said": "Bridges\", she said",
	} {
		if got := norm(in); got != want {
			t.Errorf("norm(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseBrat(t *testing.T) {
	text := "Ona Hale’s aide spoke. “Zoë will win,” she said, “easily.”"
	ca, cb := runeSpan(t, text, "“Zoë will win,”")
	da, db := runeSpan(t, text, "“easily.”")
	sa, sb := runeSpan(t, text, "she")
	ann := strings.Join([]string{
		"T1\tSource " + itoa(sa) + " " + itoa(sb) + "\tshe",
		// fragments out of order, as some PolNeAR files have them
		"T2\tContent " + itoa(da) + " " + itoa(db) + ";" + itoa(ca) + " " + itoa(cb) + "\t…",
		"T3\tCue 0 1\tx",
		"E1\tAttribution:T4 Content:T2 Cue:T3 Source:T1",
		"E2\tAttribution:T5 Cue:T3", // no content: skipped
	}, "\n")
	rels, err := parseBrat([]byte(ann), text)
	if err != nil {
		t.Fatal(err)
	}
	if len(rels) != 1 {
		t.Fatalf("got %d relations, want 1", len(rels))
	}
	r := rels[0]
	if got := text[r.source.start:r.source.end]; got != "she" {
		t.Errorf("source = %q, want she", got)
	}
	var frs []string
	for _, f := range r.content {
		frs = append(frs, text[f.start:f.end])
	}
	if d := cmp.Diff([]string{"“Zoë will win,”", "“easily.”"}, frs); d != "" {
		t.Errorf("content fragments (-want +got):\n%s", d)
	}
	if !direct(text, r.content) {
		t.Error("content opening with “ not direct")
	}
	for _, bad := range []string{"T1\tContent 5 2\tx", "T1\tContent 0 999\tx", "T1\tContent a b\tx", "T1\tContent\tx"} {
		if _, err := parseBrat([]byte(bad), text); err == nil {
			t.Errorf("parseBrat(%q): no error", bad)
		}
	}
}

func itoa(n int) string { return fmtInt(n) }

func fmtInt(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// fixtureFS is a tiny PolNeAR-shaped corpus of one fictional article.
func fixtureFS(t *testing.T) fstest.MapFS {
	t.Helper()
	text := strings.Join([]string{
		"Lindport council approves the bridge",
		"Mayor Ona Hale backed the plan on Monday. “We will build the bridge this year,” Hale said. “It is time.”",
		"Her rival, Ivo Brandt, called the plan “a gift to developers.”",
		"“Nobody asked the fishermen,” he said.",
		"“The vote was fair,” a council source said.",
	}, "\n")
	var lines []string
	n := 0
	add := func(label, sub, after string) string {
		n++
		k := strings.Index(text, after)
		a, b := runeSpan(t, text[k:], sub)
		a, b = a+len([]rune(text[:k])), b+len([]rune(text[:k]))
		id := "T" + fmtInt(n)
		lines = append(lines, id+"\t"+label+" "+fmtInt(a)+" "+fmtInt(b)+"\t"+sub)
		return id
	}
	rel := func(content, source string) {
		c := add("Content", content, "")
		after := ""
		if source == "he" {
			after = content
		}
		s := add("Source", source, after)
		lines = append(lines, "E"+fmtInt(n)+"\tAttribution:T0 Content:"+c+" Source:"+s)
	}
	rel("“We will build the bridge this year,” Hale said. “It is time.”", "Hale said")
	rel("the plan “a gift to developers.”", "Ivo Brandt") // indirect: not scored
	rel("“Nobody asked the fishermen,”", "he")            // → Ivo Brandt
	rel("“The vote was fair,”", "a council source")       // names nobody
	return fstest.MapFS{
		"polnear_attribution/dev/text/a.txt":               {Data: []byte(text)},
		"polnear_attribution/dev/attributions/a_0001.ann":  {Data: []byte(strings.Join(lines, "\n"))},
		"polnear_attribution/dev/attributions/a_0002.ann":  {Data: []byte("T1\tContent 0 3\tLin\nE1\tContent:T1")},
		"polnear_attribution/dev/text/b.txt":               {Data: []byte("No annotation for this one.")},
		"polnear_attribution/test/text/c.txt":              {Data: []byte("x")},
		"polnear_attribution/test/attributions/c_0001.ann": {Data: []byte("T1\tContent 0 9\tbad")},
	}
}

func TestEvaluate_Fixture(t *testing.T) {
	rep, err := Evaluate(fixtureFS(t), "dev", 0)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, m := range rep.Metrics {
		got[m.Key] = m.Value
	}
	// four gold segments, four whole predicted quotes (the partial one is
	// not scored), all four found; the three speakers with a name or none
	// are right
	want := map[string]float64{"content_f1": 100, "speaker_accuracy": 100}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %.2f, want %.2f (report %+v)", k, got[k], v, rep)
		}
	}
	if rep.Counts["gold_segments"] != 4 || rep.Counts["predicted_partial"] != 1 || rep.Counts["articles"] != 1 {
		t.Errorf("counts = %v, want 4 gold segments, 1 partial, 1 article", rep.Counts)
	}
	if rep.Task != "quotes" || rep.Split != "dev" {
		t.Errorf("task/split = %q/%q", rep.Task, rep.Split)
	}
}

func TestEvaluate_Errors(t *testing.T) {
	fsys := fixtureFS(t)
	for _, tc := range []struct{ name, split string }{
		{"unknown split", "train"},
		{"bad offsets", "test"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Evaluate(fsys, tc.split, 0); err == nil {
				t.Error("no error")
			}
		})
	}
	if _, err := Evaluate(fstest.MapFS{}, "dev", 0); err == nil {
		t.Error("empty data: no error")
	}
}

func TestExtract_Partial(t *testing.T) {
	tests := []struct {
		text    string
		partial bool
	}{
		{"“We will build the bridge,” Ona Hale said.", false},
		{"Ona Hale said: “We will build the bridge.”", false},
		{"Ona Hale said, “We will build the bridge.”", false},
		{"Ivo Brandt called the plan “a gift to developers and nobody else.”", true},
		{"Ivo Brandt said that “the bridge is a gift to developers.”", true},
		{"Ivo Brandt said that, “the bridge is a gift to developers.”", true},
		{"Ona Hale wants “a bridge for everyone” and “a port for the fishermen.”", true},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			qs := Extract(tc.text, nil, namesOf(tc.text, cast))
			if len(qs) == 0 {
				t.Fatal("no quote")
			}
			for _, q := range qs {
				if q.Partial != tc.partial {
					t.Errorf("%q: Partial = %v, want %v", q.Text, q.Partial, tc.partial)
				}
			}
		})
	}
}

func TestGenders(t *testing.T) {
	text := "Mr. Brandt met Ona Hale on Monday. Hale said she would wait. Marta Vell left early."
	names := namesOf(text, cast)
	g := genders(text, names)
	want := map[int]byte{1: genderMale, 3: genderFemale}
	if d := cmp.Diff(want, g); d != "" {
		t.Errorf("genders (-want +got):\n%s", d)
	}
}

func TestGenders_FirstNamesAndObjects(t *testing.T) {
	// a first name gives the gender; "him" after Hale is someone else
	text := "Paul Ostrow met the press. Ona Hale scolded him on Monday. Linda Marsh left."
	var names []Name
	for i, n := range []string{"Paul Ostrow", "Ona Hale", "Linda Marsh"} {
		s := strings.Index(text, n)
		names = append(names, Name{Start: s, End: s + len(n), Type: "PER", Cluster: i})
	}
	want := map[int]byte{0: genderMale, 2: genderFemale}
	if d := cmp.Diff(want, genders(text, names)); d != "" {
		t.Errorf("genders (-want +got):\n%s", d)
	}
}

func TestPredicted_NoResolutionByTheEvaluator(t *testing.T) {
	text := "Ona Hale spoke on Monday.\n“We sail at dawn,” he said. “The port is ready,” Tomas Rinn said."
	sents := textseg.Split(text)
	ents := entity.Extract(text, sents)
	pv := newResolver(text, ents, nil)
	he := strings.Index(text, "he said")
	q := Quote{Start: strings.Index(text, "We sail"), Speaker: -1, SpeakerText: "he", SpeakerStart: he, SpeakerEnd: he + 2}
	if p := pv.predicted(q); p.name != "" {
		t.Errorf("unresolved pronoun predicted as %q, want nobody", p.name)
	}
	rinn := strings.Index(text, "Tomas Rinn")
	q = Quote{Start: strings.Index(text, "The port"), Speaker: -1, SpeakerText: "Tomas Rinn", SpeakerStart: rinn, SpeakerEnd: rinn + len("Tomas Rinn")}
	if p := pv.predicted(q); !strings.Contains(p.name, "Rinn") {
		t.Errorf("named speaker predicted as %q, want Tomas Rinn", p.name)
	}
}

func FuzzParseBrat(f *testing.F) {
	f.Add("T1\tSource 0 3\tHal\nT2\tContent 4 9;1 2\tx\nE1\tContent:T2 Source:T1", "Hale “said” it")
	f.Add("T1\tContent 0 0\t\nE1\tContent:T1", "")
	f.Fuzz(func(t *testing.T, ann, text string) {
		rels, err := parseBrat([]byte(ann), text)
		if err != nil {
			return
		}
		for _, r := range rels {
			for _, s := range append(r.content, r.source) {
				if s.start < 0 || s.end > len(text) || s.start > s.end {
					t.Fatalf("span %v outside text of %d bytes", s, len(text))
				}
			}
			if len(r.content) > 0 && direct(text, r.content) {
				for _, s := range segments(text, r.content) {
					_ = norm(text[s.start:s.end])
				}
			}
		}
	})
}

// TestResolve_Gold states how the gold side resolves Sources: speakers are
// the gold Sources of the text (phrases, first occurrence), src the Source
// resolved (its last occurrence).
func TestResolve_Gold(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		speakers []string
		src      string
		want     string
	}{
		{"a name modifying a person noun is not the head",
			"Tomas Rinn opened a store in Ohio on Monday. “It is a good day,” the Ohio businessman said.",
			nil, "the Ohio businessman", "Tomas Rinn"},
		{"a name modifying an organisation noun names it",
			"Tomas Rinn opened a store on Monday. “We are proud,” the Rinn campaign said.",
			nil, "the Rinn campaign", "Rinn campaign"},
		{"they: nobody without an earlier speaker",
			"The Harbor Council met on Monday. “We disagree,” they said.",
			nil, "they", ""},
		{"they: an organisation that spoke before",
			"“We disagree,” the Harbor Council said. “We always will,” they said.",
			[]string{"the Harbor Council"}, "they", "Harbor Council"},
		{"he: the nearest earlier speaker",
			"“We will win,” said Tomas Rinn. The crowd cheered loudly. “We always do,” he said.",
			[]string{"Tomas Rinn"}, "he", "Tomas Rinn"},
		{"he: a person opening a sentence after the last speaker",
			"“He cannot win,” said Tomas Rinn. Paul Ostrow shrugged at the remark. “I already have,” he said.",
			[]string{"Tomas Rinn"}, "he", "Paul Ostrow"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ents := entity.Extract(tt.text, textseg.Split(tt.text))
			var sp []span
			for _, s := range tt.speakers {
				i := strings.Index(tt.text, s)
				sp = append(sp, span{i, i + len(s)})
			}
			i := strings.LastIndex(tt.text, tt.src)
			src := span{i, i + len(tt.src)}
			sp = append(sp, src)
			rv := newResolver(tt.text, ents, sp)
			if got := rv.resolve(src, src.start); got.name != tt.want {
				t.Errorf("resolve(%q) = %q (%s), want %q", tt.src, got.name, got.via, tt.want)
			}
		})
	}
}
