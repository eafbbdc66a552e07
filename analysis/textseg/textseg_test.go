package textseg

import (
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"two sentences", "The council met. It approved the plan.", []string{"The council met.", "It approved the plan."}},
		{"abbreviations", "Mr. Olsen met U.S. officials on Aug. 6 in Washington. They talked.", []string{"Mr. Olsen met U.S. officials on Aug. 6 in Washington.", "They talked."}},
		{"initials", "John F. Kennedy spoke. Then he left.", []string{"John F. Kennedy spoke.", "Then he left."}},
		{"quote closes sentence", "“We are ready,” she said. “Are you?” He nodded.", []string{"“We are ready,” she said.", "“Are you?”", "He nodded."}},
		{"headline lines", "Ferry line approved\n\nThe council approved it on Tuesday.", []string{"Ferry line approved", "The council approved it on Tuesday."}},
		{"lower case after period", "The figure was 3.5 per cent. it rose.", []string{"The figure was 3.5 per cent. it rose."}},
		{"question and exclamation", "Why now? Because! Done.", []string{"Why now?", "Because!", "Done."}},
		{"blank only", " \n\t\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range Split(tt.in) {
				got = append(got, s.Text(tt.in))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Split (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSplit_Paragraphs(t *testing.T) {
	in := "Title\n\nFirst one. Second one.\nThird one."
	var paras []int
	for _, s := range Split(in) {
		paras = append(paras, s.Para)
	}
	if diff := cmp.Diff([]int{0, 1, 1, 2}, paras); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"A. B.", "Mr. X said. “Y.” Z", "\n\n", "a\xffb. C", "…", "A.\u00a0B"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, sent := range Split(s) {
			if sent.Start < prev || sent.End <= sent.Start || sent.End > len(s) {
				t.Fatalf("bad span %+v in %q", sent, s)
			}
			if utf8.ValidString(s) && (!utf8.RuneStart(s[sent.Start]) || sent.End < len(s) && !utf8.RuneStart(s[sent.End])) {
				t.Fatalf("span %+v cuts a rune in %q", sent, s)
			}
			prev = sent.End
		}
	})
}
