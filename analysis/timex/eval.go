package timex

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Timex is one annotated (or predicted) time expression, for evaluation.
type Timex struct {
	Start, End int // byte offsets into Doc.Text
	Text       string
	Type       string
	Value      string
	Mod        string
}

// Doc is one TimeML document: its plain text (all tags stripped, entities
// decoded), its creation time and its gold TIMEX3 expressions.
type Doc struct {
	ID      string
	Text    string
	DCT     time.Time // zero when the document has none
	Timexes []Timex
}

// ReadTimeML reads a TimeML 1.2.1 document (TempEval-3 format). The text is
// the character content of <TEXT>; offsets of the TIMEX3 elements inside it
// are byte offsets into that text. The DCT is the value of the TIMEX3 inside
// <DCT> (its date part).
func ReadTimeML(r io.Reader) (Doc, error) {
	var doc Doc
	d := xml.NewDecoder(r)
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	var (
		b                      strings.Builder
		inText, inDCT, inDocID bool
		open                   *Timex
		sawText                bool
	)
	for {
		tk, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return doc, fmt.Errorf("read timeml: %w", err)
		}
		switch t := tk.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "TEXT":
				inText, sawText = true, true
			case "DCT":
				inDCT = true
			case "DOCID":
				inDocID = true
			case "TIMEX3":
				if inDCT {
					v := attr(t, "value")
					if len(v) >= 10 {
						if dt, err := time.Parse("2006-01-02", v[:10]); err == nil {
							doc.DCT = dt
						}
					}
				} else if inText {
					open = &Timex{Start: b.Len(), Type: attr(t, "type"), Value: attr(t, "value"), Mod: attr(t, "mod")}
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "TEXT":
				inText = false
			case "DCT":
				inDCT = false
			case "DOCID":
				inDocID = false
			case "TIMEX3":
				if open != nil {
					open.End = b.Len()
					s := b.String()
					open.Text = s[open.Start:open.End]
					doc.Timexes = append(doc.Timexes, *open)
					open = nil
				}
			}
		case xml.CharData:
			if inText {
				b.Write(t)
			} else if inDocID {
				doc.ID += strings.TrimSpace(string(t))
			}
		}
	}
	if !sawText {
		return doc, errors.New("read timeml: no <TEXT> element")
	}
	doc.Text = b.String()
	return doc, nil
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// FromExprs converts tagger output for scoring.
func FromExprs(es []Expr) []Timex {
	out := make([]Timex, len(es))
	for k, e := range es {
		out[k] = Timex{Start: e.Start, End: e.End, Text: e.Text, Type: e.Type, Value: e.Value, Mod: e.Mod}
	}
	return out
}

// Scores are TempEval-3 Task A counts; they add up over documents.
type Scores struct {
	Gold, Pred int
	Strict     int // pairs with identical extents
	Relaxed    int // pairs with overlapping extents (one-to-one)
	Value      int // relaxed pairs whose values are equal
	Type       int // relaxed pairs whose types are equal
}

// Score matches pred against gold, each gold expression to at most one
// predicted expression: first the identical extents, then the earliest
// overlapping one.
func Score(gold, pred []Timex) Scores {
	s := Scores{Gold: len(gold), Pred: len(pred)}
	used := make([]bool, len(pred))
	match := make([]int, len(gold))
	for g := range gold {
		match[g] = -1
		for p := range pred {
			if !used[p] && pred[p].Start == gold[g].Start && pred[p].End == gold[g].End {
				match[g], used[p] = p, true
				s.Strict++
				break
			}
		}
	}
	for g := range gold {
		if match[g] >= 0 {
			continue
		}
		for p := range pred {
			if !used[p] && pred[p].Start < gold[g].End && gold[g].Start < pred[p].End {
				match[g], used[p] = p, true
				break
			}
		}
	}
	for g, p := range match {
		if p < 0 {
			continue
		}
		s.Relaxed++
		if pred[p].Value == gold[g].Value {
			s.Value++
		}
		if pred[p].Type == gold[g].Type {
			s.Type++
		}
	}
	return s
}

// Add returns the sum of s and o.
func (s Scores) Add(o Scores) Scores {
	return Scores{Gold: s.Gold + o.Gold, Pred: s.Pred + o.Pred, Strict: s.Strict + o.Strict,
		Relaxed: s.Relaxed + o.Relaxed, Value: s.Value + o.Value, Type: s.Type + o.Type}
}

// prf returns precision, recall and F1 in percent for tp true positives.
func (s Scores) prf(tp int) (p, r, f float64) {
	if s.Pred > 0 {
		p = 100 * float64(tp) / float64(s.Pred)
	}
	if s.Gold > 0 {
		r = 100 * float64(tp) / float64(s.Gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// StrictF1 is the F1 of identical extents.
func (s Scores) StrictF1() float64 { _, _, f := s.prf(s.Strict); return f }

// RelaxedF1 is the F1 of overlapping extents.
func (s Scores) RelaxedF1() float64 { _, _, f := s.prf(s.Relaxed); return f }

// ValueF1 is the F1 where a true positive is a relaxed match with the right
// value.
func (s Scores) ValueF1() float64 { _, _, f := s.prf(s.Value); return f }

// TypeAccuracy is the share of relaxed matches with the right type, in
// percent.
func (s Scores) TypeAccuracy() float64 {
	if s.Relaxed == 0 {
		return 0
	}
	return 100 * float64(s.Type) / float64(s.Relaxed)
}

// String summarizes s.
func (s Scores) String() string {
	sp, sr, sf := s.prf(s.Strict)
	rp, rr, rf := s.prf(s.Relaxed)
	return fmt.Sprintf("gold=%d pred=%d strict P/R/F1=%.1f/%.1f/%.1f relaxed P/R/F1=%.1f/%.1f/%.1f value F1=%.1f type acc=%.1f",
		s.Gold, s.Pred, sp, sr, sf, rp, rr, rf, s.ValueF1(), s.TypeAccuracy())
}
