package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/briefbot/briefbot/analysis/entity"
	"github.com/briefbot/briefbot/analysis/quote"
	"github.com/briefbot/briefbot/analysis/timex"
	"github.com/briefbot/briefbot/analysis/tleval"
	"github.com/briefbot/briefbot/analysis/xdoc"
)

// evalMetric and evalReport have the shape of every stage's Metric and
// Report (analysis/timex, entity, quote, xdoc), so each converts to them.
type evalMetric struct {
	Key   string
	Label string
	Value float64
}

type evalReport struct {
	Task    string
	Split   string
	Data    string
	Metrics []evalMetric
	Counts  map[string]int
}

func toReport[M ~struct {
	Key   string
	Label string
	Value float64
}](task, split, data string, ms []M, counts map[string]int) evalReport {
	r := evalReport{Task: task, Split: split, Data: data, Counts: counts}
	for _, m := range ms {
		r.Metrics = append(r.Metrics, evalMetric(m))
	}
	return r
}

// evalTasks runs each task's evaluation on the data folder.
var evalTasks = map[string]struct {
	about string
	run   func(dir, split string) (evalReport, error)
}{
	"timex": {"time expressions, TempEval-3 (dev TBAQ-cleaned, test te3-platinum)", func(dir, split string) (evalReport, error) {
		r, err := timex.Evaluate(os.DirFS(dir), split, 0)
		return toReport(r.Task, r.Split, r.Data, r.Metrics, r.Counts), err
	}},
	"ner": {"named entities, CoNLL-2003 (dev eng.testa, test eng.testb)", func(dir, split string) (evalReport, error) {
		r, err := entity.Evaluate(os.DirFS(dir), split, 0)
		return toReport(r.Task, r.Split, r.Data, r.Metrics, r.Counts), err
	}},
	"quotes": {"direct quotes and speakers, PolNeAR (dev, test)", func(dir, split string) (evalReport, error) {
		r, err := quote.Evaluate(os.DirFS(dir), split, 0)
		return toReport(r.Task, r.Split, r.Data, r.Metrics, r.Counts), err
	}},
	"timeline": {"per-entity timelines across articles, SemEval-2015 Task 4 Track A (dev trial, test corpus_1-3)", func(dir, split string) (evalReport, error) {
		r, err := tleval.Evaluate(os.DirFS(dir), split, 0)
		return toReport(r.Task, r.Split, r.Data, r.Metrics, r.Counts), err
	}},
	"xdoc": {"entities across articles, MEANTIME cross-document", func(dir, split string) (evalReport, error) {
		r, err := xdoc.Evaluate(os.DirFS(dir), split, 0)
		return toReport(r.Task, r.Split, r.Data, r.Metrics, r.Counts), err
	}},
}

const evalUsage = `usage: briefbot eval <task> --data ../shared/data [--split dev|test] [--json]
tasks:
  timex    time expressions, TempEval-3 (dev TBAQ-cleaned, test te3-platinum)
  ner      named entities, CoNLL-2003 (dev eng.testa, test eng.testb)
  quotes   direct quotes and speakers, PolNeAR
  xdoc     entities across articles, MEANTIME cross-document
  timeline per-entity timelines across articles, SemEval-2015 Task 4 Track A
  all      every task in turn`

// runEval is "briefbot eval": it prints a table, or with --json one JSON
// object whose keys are the task's metric keys (percentages 0–100) — for
// "all", an object with one such object per task.
func (e *environment) runEval(ctx context.Context, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return &exitError{code: 2, msg: evalUsage}
	}
	task := args[0]
	fset := flag.NewFlagSet("eval", flag.ContinueOnError)
	fset.SetOutput(e.stderr)
	data := fset.String("data", "../shared/data", "the shared data folder")
	split := fset.String("split", "dev", "dev or test")
	asJSON := fset.Bool("json", false, "print one JSON object")
	if err := fset.Parse(args[1:]); err != nil {
		return usageErr(err)
	}
	if *split != "dev" && *split != "test" {
		return &exitError{code: 2, msg: fmt.Sprintf("--split %q: want dev or test", *split)}
	}
	if st, err := os.Stat(*data); err != nil || !st.IsDir() {
		return &exitError{code: 1, msg: fmt.Sprintf("--data %s: not a folder with the evaluation data (../shared/data)", *data)}
	}
	var names []string
	switch {
	case task == "all":
		for n := range evalTasks {
			names = append(names, n)
		}
		sort.Strings(names)
	case evalTasks[task].run != nil:
		names = []string{task}
	default:
		return &exitError{code: 2, msg: fmt.Sprintf("unknown task %q\n%s", task, evalUsage)}
	}
	all := map[string]map[string]any{}
	for _, n := range names {
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		r, err := evalTasks[n].run(*data, *split)
		if err != nil {
			return &exitError{code: 1, msg: fmt.Sprintf("eval %s: %v", n, err)}
		}
		if *asJSON {
			all[n] = jsonMetrics(r)
			continue
		}
		printReport(e.stdout, r, time.Since(start))
	}
	if *asJSON {
		var v any = all[names[0]]
		if task == "all" {
			v = all
		}
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, string(b))
	}
	return nil
}

// jsonMetrics maps each metric key to its value; per-corpus figures
// ("corpus_1_f1", "trial_f1") go under "corpora" as corpus name → F1.
func jsonMetrics(r evalReport) map[string]any {
	m := map[string]any{}
	corpora := map[string]float64{}
	for _, x := range r.Metrics {
		if name, ok := strings.CutSuffix(x.Key, "_f1"); ok && (strings.HasPrefix(name, "corpus_") || name == "trial") {
			corpora[name] = round2(x.Value)
			continue
		}
		m[x.Key] = round2(x.Value)
	}
	if len(corpora) > 0 {
		m["corpora"] = corpora
	}
	return m
}

func round2(v float64) float64 { return float64(int64(v*100+0.5)) / 100 }

func printReport(w interface{ Write([]byte) (int, error) }, r evalReport, took time.Duration) {
	fmt.Fprintf(w, "%s — %s split: %s\n", r.Task, r.Split, r.Data)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, m := range r.Metrics {
		fmt.Fprintf(tw, "  %s\t%6.2f\t(%s)\n", m.Label, m.Value, m.Key)
	}
	tw.Flush()
	if len(r.Counts) > 0 {
		var keys []string
		for k := range r.Counts {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s=%d", k, r.Counts[k]))
		}
		fmt.Fprintf(w, "  counts: %s\n", strings.Join(parts, " "))
	}
	fmt.Fprintf(w, "  took %s\n\n", took.Round(time.Millisecond))
}
