package analysis

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/analysis/textseg"
	"github.com/briefbot/briefbot/examples"
)

// plannedRef is the pattern isPlanned replaced (kept as the reference).
var plannedRef = regexp.MustCompile(`(?i)\b(will|would|shall|is expected|are expected|was expected|expects?|plans? to|planned|planning|scheduled|is set to|are set to|set for|to hold|to meet|to visit|may|might|could|upcoming|forthcoming|proposed|possible|possibility|not ruled out|intends? to|aims? to|agreed to (?:hold|arrange|meet)|preparations?|prepare|next week|coming days|in the near future)\b`)

// corpusSentences returns the sentences of the sample articles and, when
// present, of the seed articles.
func corpusSentences(t *testing.T) []string {
	t.Helper()
	var texts []string
	names, _ := fs.Glob(examples.FS(), "*.txt")
	for _, n := range names {
		b, _ := fs.ReadFile(examples.FS(), n)
		texts = append(texts, string(b))
	}
	seeds, _ := filepath.Glob("../../shared/seeds/*.txt")
	for _, n := range seeds {
		b, _ := os.ReadFile(n)
		texts = append(texts, string(b))
	}
	var out []string
	for _, tx := range texts {
		for _, s := range textseg.Split(tx) {
			out = append(out, s.Text(tx))
		}
	}
	return append(out, "It is Expected soon.", "They plan  to go.", "Will-power", "set_for", "agreed to  meet", "the near-future plan")
}

func TestIsPlanned_SameAsPattern(t *testing.T) {
	for _, s := range corpusSentences(t) {
		if got, want := isPlanned(s), plannedRef.MatchString(s); got != want {
			t.Errorf("isPlanned(%q) = %v, pattern says %v", s, got, want)
		}
	}
}

func TestLetterWords(t *testing.T) {
	s := "A three-hour talk, re-elected -x- Ünal: ok--no"
	var got []string
	for _, w := range letterWords(s) {
		got = append(got, s[w[0]:w[1]])
	}
	want := "A|three-hour|talk|re-elected|x|nal|ok|no"
	if strings.Join(got, "|") != want {
		t.Errorf("letterWords = %q, want %q", strings.Join(got, "|"), want)
	}
}

// FuzzAnalyze feeds the whole pipeline arbitrary text: no panic, and every
// fact's citation lies inside the cleaned text and is its evidence.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"İstanbul talks: Putin met Witkoff on Wednesday for three hours. “We agreed,” he said.",
		"The council approved it on Tuesday.\n\nA day earlier, 12 delegates arrived.",
		"\u202eRTL text, 5 times on Friday, Aug. 8.",
	} {
		f.Add(s, int64(1754438400))
	}
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		if !utf8.ValidString(text) {
			return
		}
		a, err := Analyze(Document{Text: text, Published: time.Unix(unix%(1<<34), 0).UTC()})
		if err != nil {
			if !IsInputError(err) {
				t.Fatalf("not an input error: %v", err)
			}
			return
		}
		for _, fa := range a.Facts {
			if fa.Span.Start < 0 || fa.Span.End > len(a.Article.Text) || fa.Span.Start > fa.Span.End {
				t.Fatalf("fact span %+v outside text of %d bytes", fa.Span, len(a.Article.Text))
			}
			if a.Article.Text[fa.Span.Start:fa.Span.End] != fa.Evidence {
				t.Fatalf("evidence %q is not the cited span", fa.Evidence)
			}
		}
	})
}
