package tleval

import (
	"fmt"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/analysis/xdoc"
)

func TestVariantOf(t *testing.T) {
	tests := []struct {
		target, name string
		want         bool
	}{
		{"Zephyr Aviation", "Zephyr Aviation Inc", true},
		{"Zephyr Aviation Corp", "Zephyr Aviation", true},
		{"Kestrel Motors", "KM", true},
		{"Kestrel Motors", "KMC", false},
		{"Kestrel", "K", false},
		{"Zorbo", "Zorbos", true},
		{"Zorbo 3G", "Zorbo 3GS", false},
		{"Zorbo Song Shop", "Zorbo Online Song Shop", true},
		{"Zorbo Shop", "Zorbo Shop Mini", false},
		{"Zorbo", "Zorbo Mini", false},
		{"Zorbo Shop", "Zorbo Mall", false},
	}
	for _, tt := range tests {
		t.Run(tt.target+"/"+tt.name, func(t *testing.T) {
			tw, nw := strings.Fields(strings.ToLower(tt.target)), strings.Fields(strings.ToLower(tt.name))
			if got := variantOf(tw, nw); got != tt.want {
				t.Errorf("variantOf(%q, %q) = %v, want %v", tt.target, tt.name, got, tt.want)
			}
		})
	}
}

// fixtureCorpus analyses CAT documents written by catDoc.
func fixtureCorpus(t *testing.T, cats ...string) *corpus {
	t.Helper()
	var docs []xdoc.Doc
	for _, s := range cats {
		d, err := xdoc.ReadDoc(strings.NewReader(s))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	c, err := analyse(docs, defaults)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The target is found by its name, a description of its kind and "it"
// when the sentence before was about it; not by a description when another
// entity of its kind was named last.
func TestRefs(t *testing.T) {
	c := fixtureCorpus(t, catDoc("201", "2009-03-04",
		"Kestrel Motors sold its truck unit to Varda Holdings on Monday .",
		"The company said the sale would close in May .",
		"It also cut 300 jobs .",
		"Varda Holdings paid 40 million dollars .",
		"The company plans more deals ."))
	tg := c.newTarget("Kestrel Motors")
	var got []string
	for _, src := range c.sources {
		for _, r := range c.refs(src, tg) {
			var ws []string
			for k := r.start; k < r.end; k++ {
				ws = append(ws, src.doc.Tokens[k].Text)
			}
			got = append(got, fmt.Sprintf("%d:%s", r.sentence, strings.Join(ws, " ")))
		}
	}
	want := []string{"0:Kestrel Motors", "1:company", "2:It"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("refs (-want +got):\n%s", diff)
	}
}

// Events whose subject is a description or a pronoun of the target are
// the target's; an event of another company in the same document is not.
func TestEvaluate_DescriptionSubject(t *testing.T) {
	docs := path.Join(Dir, "Corpus-trial-data_task4")
	gold := path.Join(Dir, "TimeLines_trial_data_task4_v1.2")
	fsys := fstest.MapFS{
		docs + "/103_cut.xml": {Data: []byte(catDoc("103", "2009-03-04",
			"Kestrel Motors cuts jobs",
			"Varda Holdings bought the Lisbon plant on March 2 , 2009 .",
			"Kestrel Motors sold its truck unit on March 3 , 2009 .",
			"The automaker closed its Porto plant in 2008 ."))},
		gold + "/kestrel_motors.txt": {Data: []byte("Kestrel Motors\n1\t2008-XX-XX\t103-3-closed\n2\t2009-03-03\t103-2-sold\n")},
	}
	rep, err := Evaluate(fsys, "dev", 0)
	if err != nil {
		t.Fatal(err)
	}
	if f := rep.Metrics[0]; f.Key != "f1" || f.Value != 100 {
		t.Errorf("%s = %.2f, want 100 (counts %v)", f.Key, f.Value, rep.Counts)
	}
}
