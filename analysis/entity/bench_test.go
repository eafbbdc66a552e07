package entity

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/analysis/textseg"
	"github.com/briefbot/briefbot/examples"
)

// BenchmarkExtract runs Extract over the sample articles (sentences split
// beforehand, as the pipeline does); words/s counts whitespace-separated
// words.
func BenchmarkExtract(b *testing.B) {
	names, err := fs.Glob(examples.FS(), "*.txt")
	if err != nil || len(names) == 0 {
		b.Fatalf("no samples: %v", err)
	}
	type doc struct {
		text  string
		sents []textseg.Sentence
	}
	var docs []doc
	words, size := 0, 0
	for _, n := range names {
		data, err := fs.ReadFile(examples.FS(), n)
		if err != nil {
			b.Fatal(err)
		}
		text := string(data)
		docs = append(docs, doc{text, textseg.Split(text)})
		words += len(strings.Fields(text))
		size += len(text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			Extract(d.text, d.sents)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
