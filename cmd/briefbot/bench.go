package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/briefbot/briefbot/analysis"
)

// runBench dispatches "briefbot bench <what>".
func (e *environment) runBench(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return &exitError{code: 2, msg: "usage: briefbot bench extract|ingest|query --data ../shared/data [--json]"}
	}
	switch args[0] {
	case "extract":
		return e.benchExtract(ctx, args[1:])
	case "ingest":
		return e.benchIngest(ctx, args[1:])
	case "query":
		return e.benchQuery(ctx, args[1:])
	}
	return &exitError{code: 2, msg: fmt.Sprintf("unknown benchmark %q: try extract, ingest or query", args[0])}
}

// extractResult is what "bench extract" measures.
type extractResult struct {
	Articles     int     `json:"articles"`
	Skipped      int     `json:"skipped"`
	Words        int     `json:"words"`
	Bytes        int     `json:"bytes"`
	Seconds      float64 `json:"seconds"`
	WordsPerS    float64 `json:"words_per_s"`
	MBPerS       float64 `json:"mb_per_s"`
	ArticlesPerS float64 `json:"articles_per_s"`
	Facts        int     `json:"facts"`
	Cores        int     `json:"cores"`
}

// benchExtract runs the whole per-article extraction (analysis.Analyze: clean,
// sentences, names, time expressions, quotes, happenings) over the BBC News
// articles on one core and reports words per second. Texts are read before
// the clock starts; the articles are analysed one after the other, in the
// order of their paths, with a fixed publication date.
func (e *environment) benchExtract(ctx context.Context, args []string) error {
	fset := flag.NewFlagSet("bench extract", flag.ContinueOnError)
	fset.SetOutput(e.stderr)
	data := fset.String("data", "../shared/data", "the shared data folder")
	asJSON := fset.Bool("json", false, "print one JSON object")
	rounds := fset.Int("rounds", 1, "times to run over the corpus (the best round counts)")
	if err := fset.Parse(args); err != nil {
		return usageErr(err)
	}
	docs, err := readBBC(*data)
	if err != nil {
		return &exitError{code: 1, msg: err.Error()}
	}
	texts := make([]string, 0, len(docs))
	for _, d := range docs {
		texts = append(texts, d.text)
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	pub := time.Date(2005, 3, 1, 0, 0, 0, 0, time.UTC)
	var best extractResult
	for round := 0; round < max(1, *rounds); round++ {
		r := extractResult{Cores: 1}
		start := time.Now()
		for _, t := range texts {
			if err := ctx.Err(); err != nil {
				return err
			}
			a, err := analysis.Analyze(analysis.Document{Text: t, Published: pub})
			if err != nil {
				r.Skipped++ // e.g. the one file that is not valid UTF-8
				continue
			}
			r.Articles++
			r.Facts += len(a.Facts)
			r.Words += len(strings.Fields(t))
			r.Bytes += len(t)
		}
		r.Seconds = time.Since(start).Seconds()
		r.WordsPerS = float64(r.Words) / r.Seconds
		r.MBPerS = float64(r.Bytes) / r.Seconds / 1e6
		r.ArticlesPerS = float64(r.Articles) / r.Seconds
		if round == 0 || r.Seconds < best.Seconds {
			best = r
		}
	}
	if *asJSON {
		b, _ := json.Marshal(best)
		fmt.Fprintln(e.stdout, string(b))
		return nil
	}
	fmt.Fprintf(e.stdout, "extraction over BBC News on 1 core: %d articles (%d skipped), %d words, %.1f MB in %.2f s\n",
		best.Articles, best.Skipped, best.Words, float64(best.Bytes)/1e6, best.Seconds)
	fmt.Fprintf(e.stdout, "%.0f words/s, %.2f MB/s, %.0f articles/s, %d facts\n", best.WordsPerS, best.MBPerS, best.ArticlesPerS, best.Facts)
	return nil
}
