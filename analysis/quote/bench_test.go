package quote

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/analysis/entity"
	"github.com/briefbot/briefbot/analysis/textseg"
	"github.com/briefbot/briefbot/examples"
)

// BenchmarkExtract runs Extract over the sample articles, sentences and
// names found beforehand; words/s counts whitespace-separated words.
func BenchmarkExtract(b *testing.B) {
	files, err := fs.Glob(examples.FS(), "*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no samples: %v", err)
	}
	type doc struct {
		text  string
		sents []textseg.Sentence
		names []Name
	}
	var docs []doc
	words := 0
	for _, f := range files {
		data, err := fs.ReadFile(examples.FS(), f)
		if err != nil {
			b.Fatal(err)
		}
		text := string(data)
		sents := textseg.Split(text)
		docs = append(docs, doc{text, sents, Names(entity.Extract(text, sents))})
		words += len(strings.Fields(text))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			Extract(d.text, d.sents, d.names)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
