// Package xdoc measures how well briefbot merges the mentions of one
// real-world entity across articles, on the cross-document annotation of the
// NewsReader MEANTIME corpus (English, four corpora of 30 WikiNews articles).
//
// Each article goes through analysis.Analyze; the articles of a corpus are
// then linked with Linker, an in-memory copy of storage's linking; the
// predicted mentions and their linked entities are scored against the named
// gold mentions and their corpus-wide ENTITY instances. See Evaluate.
package xdoc

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/briefbot/briefbot/analysis"
)

// Dir is the folder of the cross-document annotation inside the data folder.
const Dir = "meantime_en/meantime_newsreader_english_oct15/intra_cross-doc_annotation"

// Metric is one figure of a report: Key is the JSON key, Label the table's
// row name, Value a percentage 0–100.
type Metric struct {
	Key   string
	Label string
	Value float64
}

// Report is an evaluation's result.
type Report struct {
	Task    string         // "xdoc"
	Split   string         // "dev" or "test"
	Data    string         // what was read
	Metrics []Metric       // in table order
	Counts  map[string]int // gold/pred/matched counts
}

// Corpora returns the MEANTIME corpora of a split. MEANTIME has no official
// split; SemEval-2015 Task 4 (TimeLine), built on the same articles, tests on
// airbus, gm and stock, and its trial data is apple's topic. So dev is
// corpus_apple and test the other three, which are never looked at while
// developing. It returns nil for an unknown split.
func Corpora(split string) []string {
	switch split {
	case "dev":
		return []string{"corpus_apple"}
	case "test":
		return []string{"corpus_airbus", "corpus_gm", "corpus_stock"}
	}
	return nil
}

// Evaluate scores briefbot's cross-document entity linking on split ("dev"
// or "test") of MEANTIME in fsys (the shared data folder: Dir inside it).
// limit > 0 evaluates only the first limit documents of the split (corpora
// in Corpora's order, documents by file name), a fixed slice.
//
// Per corpus, every article is analysed (the tokens of a sentence joined by
// spaces, one sentence a line, the creation time as publication date) and
// the articles are linked, in order of creation time, by a Linker (storage's
// algorithm). Gold mentions are the named ones (Doc.Named), each in the
// cluster of the ENTITY instance it refers to (a singleton when none).
//
// Metrics: mention detection (mention_f1): a predicted mention matches a
// gold mention one to one when their token spans are equal or, failing
// that, when it lies inside the gold mention and ends on its last token (the
// head: "Chrysler" in "U.S. automaker Chrysler"); mention_exact_f1 counts
// equal spans only. B-cubed (bcubed_f1): the standard B³ (per mention,
// equal weights) over the mentions both sides share — the matched ones —
// averaged over the matched mentions of all corpora, each corpus's gold
// instances against its linked entities; unmatched mentions do not count,
// so it measures the linking of what was found. bcubed_all_f1 is the
// end-to-end B³ over all mentions as the CoNLL reference scorer computes it
// with predicted mentions: an unmatched gold mention adds 0 to recall and
// an unmatched predicted mention 0 to precision, while both count in the
// denominators (see bcubed.addAll).
// bcubed_doc_f1 is the B³ of the matched mentions when no entity is linked
// across articles (each article's entities kept apart), the baseline the
// cross-document linking has to beat.
func Evaluate(fsys fs.FS, split string, limit int) (Report, error) {
	sets, err := loadSplit(fsys, split, limit)
	if err != nil {
		return Report{}, fmt.Errorf("xdoc evaluate: %w", err)
	}
	var s scorer
	for _, docs := range sets {
		if err := s.corpus(docs, NewLinker()); err != nil {
			return Report{}, fmt.Errorf("xdoc evaluate: %w", err)
		}
	}
	rep := s.report()
	rep.Split = split
	rep.Data = fmt.Sprintf("MEANTIME English intra+cross-doc, %s: %d documents", strings.Join(Corpora(split), ", "), rep.Counts["documents"])
	return rep, nil
}

// loadSplit reads the documents of split, one slice per corpus; limit > 0
// keeps the first limit documents (corpora in order, files by name).
func loadSplit(fsys fs.FS, split string, limit int) ([][]Doc, error) {
	corpora := Corpora(split)
	if corpora == nil {
		return nil, fmt.Errorf("unknown split %q (want dev or test)", split)
	}
	var sets [][]Doc
	total := 0
	for _, c := range corpora {
		if limit > 0 && total >= limit {
			break
		}
		dir := path.Join(Dir, c)
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			return nil, err
		}
		var docs []Doc
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".xml") {
				continue
			}
			if limit > 0 && total >= limit {
				break
			}
			d, err := readFile(fsys, path.Join(dir, e.Name()))
			if err != nil {
				return nil, err
			}
			docs = append(docs, d)
			total++
		}
		sets = append(sets, docs)
	}
	if total == 0 {
		return nil, errors.New("no document found")
	}
	return sets, nil
}

func readFile(fsys fs.FS, name string) (Doc, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return Doc{}, err
	}
	defer f.Close()
	d, err := ReadDoc(f)
	if err != nil {
		return Doc{}, fmt.Errorf("%s: %w", name, err)
	}
	return d, nil
}

// linker links one article's entities to those of the articles before.
type linker interface {
	Link(a *analysis.Analysis) map[uint64]uint64
}

// scorer accumulates counts over corpora.
type scorer struct {
	adjust                                         func(*analysis.Analysis) // experiments: rewrites an analysis before linking; nil in Evaluate
	docs, gold, pred, tp, tpExact, dropped, failed int
	b3, b3all, b3doc                               bcubed
}

// corpus analyses, links and scores the documents of one corpus.
func (s *scorer) corpus(docs []Doc, l linker) error {
	order := ByCreation(docs)
	var (
		gold            []goldItem
		pred            []predItem
		match           []int
		keysM           []string
		clusM, clusDocM []uint64
	)
	for n, di := range order {
		d := docs[di]
		s.docs++
		var g []goldItem
		for _, m := range d.Mentions {
			if !d.Named(m) {
				continue
			}
			key := m.Instance
			if key == "" {
				key = "\x00" + d.ID + "/" + m.ID // refers to no instance: a singleton
			}
			g = append(g, goldItem{doc: n, first: m.First, last: m.Last, key: key})
		}
		src := buildText(d)
		var p []predItem
		var pdoc []uint64
		a, err := analysis.Analyze(analysis.Document{Text: src.text, Published: d.DCT, Received: d.DCT})
		switch {
		case analysis.IsInputError(err):
			s.failed++
		case err != nil:
			return fmt.Errorf("analyse %s: %w", d.Name, err)
		default:
			if s.adjust != nil {
				s.adjust(a)
			}
			ids := l.Link(a)
			pm, dropped := alignMentions(src, a)
			s.dropped += dropped
			for _, m := range pm {
				p = append(p, predItem{doc: n, first: m.First, last: m.Last, cluster: ids[m.Entity]})
				pdoc = append(pdoc, uint64(n)<<32|m.Entity)
			}
		}
		mt := matchDoc(g, p, false)
		mtExact := matchDoc(g, p, true)
		for i, j := range mt {
			if j >= 0 {
				s.tp++
				keysM = append(keysM, g[j].key)
				clusM = append(clusM, p[i].cluster)
				clusDocM = append(clusDocM, pdoc[i])
				mt[i] = j + len(gold)
			}
		}
		for _, j := range mtExact {
			if j >= 0 {
				s.tpExact++
			}
		}
		gold = append(gold, g...)
		pred = append(pred, p...)
		match = append(match, mt...)
	}
	s.gold += len(gold)
	s.pred += len(pred)
	s.b3.addMatched(keysM, clusM)
	s.b3doc.addMatched(keysM, clusDocM)
	s.b3all.addAll(gold, pred, match)
	return nil
}

func (s *scorer) report() Report {
	mp, mr, mf := prf(s.tp, s.pred, s.gold)
	_, _, ef := prf(s.tpExact, s.pred, s.gold)
	bp, br, bf := s.b3.scores()
	ap, ar, af := s.b3all.scores()
	_, _, df := s.b3doc.scores()
	return Report{
		Task: "xdoc",
		Metrics: []Metric{
			{"mention_f1", "mention F1 (exact or head)", mf},
			{"mention_precision", "mention precision", mp},
			{"mention_recall", "mention recall", mr},
			{"mention_exact_f1", "mention F1 (exact span)", ef},
			{"bcubed_f1", "B³ F1 (matched mentions)", bf},
			{"bcubed_precision", "B³ precision (matched)", bp},
			{"bcubed_recall", "B³ recall (matched)", br},
			{"bcubed_all_f1", "B³ F1 (all mentions)", af},
			{"bcubed_all_precision", "B³ precision (all)", ap},
			{"bcubed_all_recall", "B³ recall (all)", ar},
			{"bcubed_doc_f1", "B³ F1, no cross-doc linking", df},
		},
		Counts: map[string]int{
			"documents":       s.docs,
			"gold_mentions":   s.gold,
			"pred_mentions":   s.pred,
			"matched":         s.tp,
			"matched_exact":   s.tpExact,
			"unaligned_pred":  s.dropped,
			"failed_analysis": s.failed,
		},
	}
}
