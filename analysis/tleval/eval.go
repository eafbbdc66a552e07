// Package tleval measures briefbot's timelines on SemEval-2015 Task 4
// "TimeLine: Cross-Document Event Ordering", Track A: from the raw
// documents of a corpus and a list of target entities, build each entity's
// timeline (its events, anchored to dates and ordered, coreferent mentions
// across documents on one line) and score it against the gold timeline by
// the task's temporal-awareness F1 (see Score), micro-averaged over the
// timelines of a corpus and of the split.
//
// The pipeline is briefbot's own: every document goes through
// analysis.Analyze, the documents' entities are linked with xdoc.Linker
// (storage's linking), a target entity is found with analysis.RankNames
// (and the variants of its name), and its events are the event facts of
// the corpus whose subject or object refers to it (by name, description
// or pronoun), each at its own date or its article's creation time.
package tleval

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/briefbot/briefbot/analysis/xdoc"
)

// Dir is the task's folder inside the data folder.
const Dir = "semeval2015_task4_timeline"

// Metric is one figure of a report: Key is the JSON key, Label the table's
// row name, Value a percentage 0–100.
type Metric struct {
	Key   string
	Label string
	Value float64
}

// Report is an evaluation's result.
type Report struct {
	Task    string         // "timeline"
	Split   string         // "dev" or "test"
	Data    string         // what was read
	Metrics []Metric       // in table order
	Counts  map[string]int // relation and mention counts
}

// corpusSpec says where a corpus's documents and gold timelines are.
type corpusSpec struct {
	name string // "trial", "corpus_1"…: the metric key's prefix
	docs string // folder of CAT documents
	gold string // folder of gold timelines
}

// corpora returns the corpora of a split: dev is the trial data (the Apple
// corpus), test the three evaluation corpora. nil for an unknown split.
func corpora(split string) []corpusSpec {
	switch split {
	case "dev":
		return []corpusSpec{{"trial", path.Join(Dir, "Corpus-trial-data_task4"), path.Join(Dir, "TimeLines_trial_data_task4_v1.2")}}
	case "test":
		var out []corpusSpec
		for _, n := range []string{"1", "2", "3"} {
			c := path.Join(Dir, "SemEval_Task4_data", "corpus_"+n)
			out = append(out, corpusSpec{"corpus_" + n, path.Join(c, "corpus_trackA_CAT"), path.Join(c, "TimeLines_Gold_Standard")})
		}
		return out
	}
	return nil
}

// Evaluate scores briefbot's timelines on split ("dev": the trial data;
// "test": corpus_1..3 of the evaluation data) of the task in fsys (the
// shared data folder: Dir inside it). limit > 0 evaluates only the first
// limit documents (corpora in order, files by name), a fixed slice; the
// gold timelines are then cut to the mentions of those documents, and
// lines left empty are dropped.
//
// Each gold timeline file is scored against the timeline built for the
// entity on its first line, as the official script pairs files (a corpus
// that lists one entity under two file names counts it twice). Only the
// documents are read: for Track A, no event annotation is used.
//
// Metrics: f1, precision, recall (micro-averaged over every timeline of the
// split), and <corpus>_f1 per corpus ("trial_f1"; "corpus_1_f1"…).
func Evaluate(fsys fs.FS, split string, limit int) (Report, error) {
	return evaluate(fsys, split, limit, defaults)
}

func evaluate(fsys fs.FS, split string, limit int, opt options) (Report, error) {
	specs := corpora(split)
	if specs == nil {
		return Report{}, fmt.Errorf("timeline evaluate: unknown split %q (want dev or test)", split)
	}
	rep := Report{Task: "timeline", Split: split, Counts: map[string]int{}}
	var total Counts
	var perCorpus []Metric
	var names []string
	left := limit
	for _, sp := range specs {
		if limit > 0 && left <= 0 {
			break
		}
		docs, err := readDocs(fsys, sp.docs, left, limit > 0)
		if err != nil {
			return Report{}, fmt.Errorf("timeline evaluate %s: %w", sp.name, err)
		}
		left -= len(docs)
		golds, err := readGold(fsys, sp.gold)
		if err != nil {
			return Report{}, fmt.Errorf("timeline evaluate %s: %w", sp.name, err)
		}
		if limit > 0 {
			keep := map[string]bool{}
			for _, d := range docs {
				keep[d.ID] = true
			}
			for i := range golds {
				golds[i] = cutTo(golds[i], keep)
			}
		}
		c, err := analyse(docs, opt)
		if err != nil {
			return Report{}, fmt.Errorf("timeline evaluate %s: %w", sp.name, err)
		}
		var cc Counts
		for _, g := range golds {
			sys := c.timeline(g.Entity, opt)
			cc = cc.Add(Score(g, sys))
			countMentions(rep.Counts, g, sys)
		}
		total = total.Add(cc)
		_, _, f := cc.PRF()
		perCorpus = append(perCorpus, Metric{sp.name + "_f1", sp.name + " F1", f})
		names = append(names, sp.name)
		rep.Counts["documents"] += len(docs)
		rep.Counts["timelines"] += len(golds)
		rep.Counts["failed_analysis"] += c.failed
	}
	p, r, f := total.PRF()
	rep.Metrics = append([]Metric{
		{"f1", "temporal awareness F1 (micro)", f},
		{"precision", "precision (micro)", p},
		{"recall", "recall (micro)", r},
	}, perCorpus...)
	rep.Counts["gold_relations"] = total.GoldTotal
	rep.Counts["sys_relations"] = total.SysTotal
	rep.Counts["prec_matched"] = total.PrecMatched
	rep.Counts["rec_matched"] = total.RecMatched
	rep.Data = fmt.Sprintf("SemEval-2015 Task 4 Track A, %s: %d documents, %d timelines", strings.Join(names, ", "), rep.Counts["documents"], rep.Counts["timelines"])
	return rep, nil
}

// countMentions adds event-mention counts of the ordered lines (ordinal >
// 0): gold, system, and system mentions gold lists too (and of those, with
// the same date).
func countMentions(counts map[string]int, gold, sys Timeline) {
	gd := map[string]string{}
	for _, l := range gold.Lines {
		if l.Ordinal == 0 {
			continue
		}
		for _, m := range l.Mentions {
			gd[m] = l.Date
			counts["gold_mentions"]++
		}
	}
	for _, l := range sys.Lines {
		if l.Ordinal == 0 {
			continue
		}
		for _, m := range l.Mentions {
			counts["sys_mentions"]++
			if d, ok := gd[m]; ok {
				counts["matched_mentions"]++
				if d == l.Date {
					counts["matched_mentions_date"]++
				}
			}
		}
	}
}

// cutTo keeps the mentions of the documents in keep (by document id, the
// mention's prefix before its first "-").
func cutTo(tl Timeline, keep map[string]bool) Timeline {
	out := Timeline{Entity: tl.Entity}
	for _, l := range tl.Lines {
		var ms []string
		for _, m := range l.Mentions {
			if doc, _, ok := strings.Cut(m, "-"); ok && keep[doc] {
				ms = append(ms, m)
			}
		}
		if len(ms) > 0 {
			out.Lines = append(out.Lines, Line{l.Ordinal, l.Date, ms})
		}
	}
	return out
}

// readDocs reads the CAT documents of dir by file name; with limited, at
// most max of them.
func readDocs(fsys fs.FS, dir string, max int, limited bool) ([]xdoc.Doc, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var docs []xdoc.Doc
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".xml") {
			continue
		}
		if limited && len(docs) >= max {
			break
		}
		f, err := fsys.Open(path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		d, err := xdoc.ReadDoc(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		if d.ID == "" {
			d.ID = docIDOf(e.Name())
		}
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		return nil, errors.New("no document found in " + dir)
	}
	return docs, nil
}

// docIDOf is the number a document's file name starts with.
func docIDOf(name string) string {
	i := 0
	for i < len(name) && name[i] >= '0' && name[i] <= '9' {
		i++
	}
	return name[:i]
}

// readGold reads the gold timelines of dir, by file name.
func readGold(fsys fs.FS, dir string) ([]Timeline, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var out []Timeline
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		f, err := fsys.Open(path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		tl, err := ParseTimeline(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		out = append(out, tl)
	}
	if len(out) == 0 {
		return nil, errors.New("no gold timeline in " + dir)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Entity < out[j].Entity })
	return out, nil
}
