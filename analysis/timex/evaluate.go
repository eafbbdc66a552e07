package timex

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Metric is one figure of a report: Key is the JSON key (fixed by issue #5),
// Label the table's row name, Value a percentage 0–100.
type Metric struct {
	Key   string
	Label string
	Value float64
}

// Report is an evaluation's result.
type Report struct {
	Task    string         // "timex"
	Split   string         // "dev" or "test"
	Data    string         // what was read, e.g. "TempEval-3 te3-platinum, 20 documents"
	Metrics []Metric       // in table order
	Counts  map[string]int // gold, pred, strict, relaxed, value, type, documents
}

// DataDir is the folder of the TempEval-3 data inside the data root given to
// Evaluate.
const DataDir = "tempeval3"

// splitDirs maps a split to its folder under DataDir: "dev" is the
// TempEval-3 training data (TimeBank and AQUAINT, cleaned), "test" the
// official platinum test set.
var splitDirs = map[string]string{"dev": "TBAQ-cleaned", "test": "te3-platinum"}

// Evaluate tags every TimeML document (*.tml) of split in fsys and scores
// the result with the TempEval-3 Task A measures. fsys is the shared data
// root; the documents are read from DataDir + "/TBAQ-cleaned" (split "dev",
// all subfolders) or DataDir + "/te3-platinum" (split "test"), in path
// order. Each document is tagged against its own creation time (DCT).
// limit > 0 evaluates only the first limit documents.
//
// Metrics, all percentages, in this order: strict_f1, relaxed_f1,
// value_f1, type_accuracy, then strict_precision, strict_recall,
// relaxed_precision, relaxed_recall, value_precision, value_recall,
// type_f1. Gold and predicted expressions are paired one to one, identical
// extents first, then overlapping ones (see Score). value_f1 is the official
// TE3 scorer's attribute F1: a true positive is a relaxed match whose value
// is equal, over all predicted (precision) and all gold (recall)
// expressions, which equals relaxed F1 × value accuracy over relaxed
// matches. type_f1 is the same for the type; type_accuracy is the share of
// relaxed matches with the right type.
//
// Errors: an unknown split, a missing or empty folder, or a document that
// cannot be read or parsed (wrapped with its path).
func Evaluate(fsys fs.FS, split string, limit int) (Report, error) {
	return evaluate(fsys, split, limit, nil)
}

// docResult receives each document's gold and predicted expressions (a
// development aid for listing errors).
type docResult func(name string, doc Doc, pred []Timex)

func evaluate(fsys fs.FS, split string, limit int, each docResult) (Report, error) {
	sub, ok := splitDirs[split]
	if !ok {
		return Report{}, fmt.Errorf("timex eval: unknown split %q (want dev or test)", split)
	}
	dir := path.Join(DataDir, sub)
	var files []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".tml") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return Report{}, fmt.Errorf("timex eval: list %s: %w", dir, err)
	}
	if len(files) == 0 {
		return Report{}, fmt.Errorf("timex eval: no .tml documents in %s", dir)
	}
	sort.Strings(files)
	if limit > 0 && limit < len(files) {
		files = files[:limit]
	}
	var total Scores
	for _, p := range files {
		doc, err := readTimeMLFile(fsys, p)
		if err != nil {
			return Report{}, err
		}
		pred := FromExprs(Tag(doc.Text, doc.DCT))
		total = total.Add(Score(doc.Timexes, pred))
		if each != nil {
			each(path.Base(p), doc, pred)
		}
	}
	return total.report(split, fmt.Sprintf("TempEval-3 %s, %d documents", sub, len(files)), len(files)), nil
}

func readTimeMLFile(fsys fs.FS, p string) (Doc, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return Doc{}, fmt.Errorf("timex eval: %w", err)
	}
	doc, err := ReadTimeML(f)
	cerr := f.Close()
	if err != nil {
		return Doc{}, fmt.Errorf("timex eval: %s: %w", p, err)
	}
	if cerr != nil {
		return Doc{}, fmt.Errorf("timex eval: close %s: %w", p, cerr)
	}
	return doc, nil
}

// report turns summed scores into a Report.
func (s Scores) report(split, data string, docs int) Report {
	sp, sr, sf := s.prf(s.Strict)
	rp, rr, rf := s.prf(s.Relaxed)
	vp, vr, vf := s.prf(s.Value)
	_, _, tf := s.prf(s.Type)
	return Report{
		Task:  "timex",
		Split: split,
		Data:  data,
		Metrics: []Metric{
			{"strict_f1", "strict F1", sf},
			{"relaxed_f1", "relaxed F1", rf},
			{"value_f1", "value F1", vf},
			{"type_accuracy", "type accuracy", s.TypeAccuracy()},
			{"strict_precision", "strict precision", sp},
			{"strict_recall", "strict recall", sr},
			{"relaxed_precision", "relaxed precision", rp},
			{"relaxed_recall", "relaxed recall", rr},
			{"value_precision", "value precision", vp},
			{"value_recall", "value recall", vr},
			{"type_f1", "type F1", tf},
		},
		Counts: map[string]int{"documents": docs, "gold": s.Gold, "pred": s.Pred, "strict": s.Strict,
			"relaxed": s.Relaxed, "value": s.Value, "type": s.Type},
	}
}

// Metric returns the value of the metric with key, and whether it exists.
func (r Report) Metric(key string) (float64, bool) {
	for _, m := range r.Metrics {
		if m.Key == key {
			return m.Value, true
		}
	}
	return 0, false
}
