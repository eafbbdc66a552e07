package timex

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/examples"
	"github.com/google/go-cmp/cmp"
)

// BenchmarkTag tags the eight sample articles (about 2,000 words) and
// reports words per second.
func BenchmarkTag(b *testing.B) {
	fsys := examples.FS()
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil || len(names) == 0 {
		b.Fatalf("sample articles: %v %v", names, err)
	}
	var texts []string
	words := 0
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		words += len(strings.Fields(string(data)))
	}
	dct := time.Date(2025, 8, 6, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, t := range texts {
			Tag(t, dct)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// TestCanStart_ChangesNothing checks that the canStart shortcut gives the
// same result as trying every matcher at every token, on the sample
// articles, the package's own test sentences and, when present, the
// TempEval-3 texts.
func TestCanStart_ChangesNothing(t *testing.T) {
	dct := time.Date(2025, 8, 6, 0, 0, 0, 0, time.UTC)
	var texts []string
	fsys := examples.FS()
	names, _ := fs.Glob(fsys, "*.txt")
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	texts = append(texts, "Q3 2025 results; the '90s; 5 1/2 hours; $4 a share a year ago; (Friday) 10:30 p.m. EST")
	check := func(name, text string, dct time.Time) {
		t.Helper()
		if d := cmp.Diff(tag(text, dct, true), tag(text, dct, false)); d != "" {
			t.Errorf("%s: shortcut changes the result (-without +with):\n%s", name, d)
		}
	}
	for k, text := range texts {
		check(fmt.Sprint("text ", k), text, dct)
	}
	root := os.DirFS(dataRoot)
	for _, dir := range []string{"TBAQ-cleaned", "te3-platinum"} {
		_ = fs.WalkDir(root, path.Join(DataDir, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".tml") {
				return nil
			}
			doc, err := readTimeMLFile(root, p)
			if err != nil {
				t.Fatal(err)
			}
			check(p, doc.Text, doc.DCT)
			return nil
		})
	}
}
