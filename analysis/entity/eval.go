package entity

import (
	"bufio"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/briefbot/briefbot/analysis/textseg"
)

// Metric is one figure of a report: Key is the JSON key, Label the table's
// row name, Value a percentage 0–100.
type Metric struct {
	Key   string
	Label string
	Value float64
}

// Report is an evaluation's result.
type Report struct {
	Task    string         // "ner"
	Split   string         // "dev" or "test"
	Data    string         // what was read
	Metrics []Metric       // in table order
	Counts  map[string]int // gold, pred and tp counts, overall and per type
}

// conllDir is the folder of CoNLL-2003 English inside the data folder.
const conllDir = "conll2003_en"

// conllTypes are the entity types of CoNLL-2003, in table order.
var conllTypes = []string{"PER", "ORG", "LOC", "MISC"}

// Evaluate scores Extract on split "dev" (eng.testa) or "test" (eng.testb)
// of CoNLL-2003 English, read from conll2003_en/ in fsys. limit > 0 scores
// only the first limit documents.
//
// Each document (delimited by -DOCSTART- lines, which end documents in the
// shipped copy and start them in the original release; both are handled) is
// rebuilt as text: a sentence's tokens joined by single spaces, one
// sentence a line. Mentions are mapped back to tokens; one that does not
// start and end on token boundaries counts as a false positive. Scoring
// follows conlleval: an entity is correct only when its token span and its
// type both match a gold entity; precision, recall and F1 are micro
// averages over all entities (keys precision, recall, f1) and per type
// (per_f1, org_f1, loc_f1, misc_f1 and the per-type precision and recall).
func Evaluate(fsys fs.FS, split string, limit int) (Report, error) {
	var file string
	switch split {
	case "dev":
		file = "eng.testa"
	case "test":
		file = "eng.testb"
	default:
		return Report{}, fmt.Errorf("ner eval: unknown split %q (want dev or test)", split)
	}
	docs, err := readCoNLL(fsys, conllDir+"/"+file)
	if err != nil {
		return Report{}, fmt.Errorf("ner eval: %w", err)
	}
	if limit > 0 && limit < len(docs) {
		docs = docs[:limit]
	}
	sc := scoreCoNLL(docs, nil)
	rep := Report{
		Task:   "ner",
		Split:  split,
		Data:   fmt.Sprintf("CoNLL-2003 English %s, %d documents", file, len(docs)),
		Counts: map[string]int{},
	}
	all := sc.total()
	p, r, f := all.scores()
	rep.Metrics = append(rep.Metrics,
		Metric{"f1", "F1", 100 * f},
		Metric{"precision", "precision", 100 * p},
		Metric{"recall", "recall", 100 * r})
	for _, typ := range conllTypes {
		c := sc[typ]
		p, r, f := c.scores()
		lt := strings.ToLower(typ)
		rep.Metrics = append(rep.Metrics,
			Metric{lt + "_f1", typ + " F1", 100 * f},
			Metric{lt + "_precision", typ + " precision", 100 * p},
			Metric{lt + "_recall", typ + " recall", 100 * r})
		rep.Counts[lt+"_gold"] = c.tp + c.fn
		rep.Counts[lt+"_pred"] = c.tp + c.fp
		rep.Counts[lt+"_tp"] = c.tp
	}
	rep.Counts["documents"] = len(docs)
	rep.Counts["gold"] = all.tp + all.fn
	rep.Counts["pred"] = all.tp + all.fp
	rep.Counts["tp"] = all.tp
	return rep, nil
}

// conllDoc is one CoNLL-2003 document: its sentences as token lists and its
// gold entities.
type conllDoc struct {
	sents [][]string
	gold  []conllSpan
}

// conllSpan is an entity over tokens [a, b) of sentence s.
type conllSpan struct {
	s, a, b int
	typ     string
}

// readCoNLL reads a CoNLL-2003 file: "word POS chunk NER" lines, blank
// lines between sentences, -DOCSTART- lines between documents. Tags are
// IOB1 or IOB2: an entity starts at B-X, or at I-X after O or another type.
func readCoNLL(fsys fs.FS, name string) ([]conllDoc, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read conll: %w", err)
	}
	defer f.Close()
	var docs []conllDoc
	var cur conllDoc
	var words, tags []string
	endSent := func() {
		if len(words) == 0 {
			return
		}
		s := len(cur.sents)
		cur.sents = append(cur.sents, words)
		prevTyp := ""
		for i, tag := range tags {
			typ := ""
			if len(tag) > 2 && tag[1] == '-' {
				typ = tag[2:]
			}
			if typ != "" && (strings.HasPrefix(tag, "B-") || prevTyp != typ) {
				cur.gold = append(cur.gold, conllSpan{s: s, a: i, b: i + 1, typ: typ})
			} else if typ != "" {
				cur.gold[len(cur.gold)-1].b = i + 1
			}
			prevTyp = typ
		}
		words, tags = nil, nil
	}
	endDoc := func() {
		endSent()
		if len(cur.sents) > 0 {
			docs = append(docs, cur)
		}
		cur = conllDoc{}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			endSent()
			continue
		}
		if fields[0] == "-DOCSTART-" {
			endDoc()
			continue
		}
		if len(fields) < 2 {
			continue
		}
		words = append(words, fields[0])
		tags = append(tags, fields[len(fields)-1])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	endDoc()
	if len(docs) == 0 {
		return nil, fmt.Errorf("read %s: no documents", name)
	}
	return docs, nil
}

type prf struct{ tp, fp, fn int }

func (c prf) scores() (p, r, f float64) {
	if c.tp+c.fp > 0 {
		p = float64(c.tp) / float64(c.tp+c.fp)
	}
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// conllScore holds the counts per CoNLL type.
type conllScore map[string]*prf

func (sc conllScore) total() prf {
	var all prf
	for _, c := range sc {
		all.tp += c.tp
		all.fp += c.fp
		all.fn += c.fn
	}
	return all
}

// conllError is one false positive or false negative, for error analysis.
type conllError struct {
	fp       bool
	typ      string
	text     string
	sentence string
}

// scoreCoNLL runs Extract on each document and counts, per type, the
// exact span-and-type matches. When errs is not nil, every error is passed
// to it.
func scoreCoNLL(docs []conllDoc, errs func(conllError)) conllScore {
	sc := conllScore{}
	for _, typ := range conllTypes {
		sc[typ] = &prf{}
	}
	count := func(typ string) *prf {
		c, ok := sc[typ]
		if !ok {
			c = &prf{}
			sc[typ] = c
		}
		return c
	}
	var sb strings.Builder
	for _, d := range docs {
		sb.Reset()
		sents := make([]textseg.Sentence, 0, len(d.sents))
		tokStart := make([][]int, 0, len(d.sents)) // per sentence: byte start of each token
		for i, words := range d.sents {
			if i > 0 {
				sb.WriteByte('\n')
			}
			start := sb.Len()
			starts := make([]int, 0, len(words))
			for j, w := range words {
				if j > 0 {
					sb.WriteByte(' ')
				}
				starts = append(starts, sb.Len())
				sb.WriteString(w)
			}
			sents = append(sents, textseg.Sentence{Start: start, End: sb.Len(), Para: i})
			tokStart = append(tokStart, starts)
		}
		text := sb.String()
		res := Extract(text, sents)
		gold := make(map[conllSpan]bool, len(d.gold))
		for _, g := range d.gold {
			gold[g] = true
		}
		for _, m := range res.Mentions {
			s := m.Sentence
			ts := tokStart[s]
			a := sort.SearchInts(ts, m.Start)
			b := sort.SearchInts(ts, m.End+1) // tokens starting before End
			aligned := a < len(ts) && ts[a] == m.Start &&
				(b == len(ts) && m.End == sents[s].End || b < len(ts) && ts[b] == m.End+1)
			p := conllSpan{s: s, a: a, b: b, typ: m.Type}
			if aligned && gold[p] {
				count(m.Type).tp++
				delete(gold, p)
				continue
			}
			count(m.Type).fp++
			if errs != nil {
				errs(conllError{fp: true, typ: m.Type, text: m.Text, sentence: text[sents[s].Start:sents[s].End]})
			}
		}
		for _, g := range d.gold {
			if !gold[g] {
				continue
			}
			count(g.typ).fn++
			if errs != nil {
				errs(conllError{typ: g.typ, text: strings.Join(d.sents[g.s][g.a:g.b], " "), sentence: strings.Join(d.sents[g.s], " ")})
			}
		}
	}
	return sc
}
