package xdoc

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Token is one token of a MEANTIME document.
type Token struct {
	ID       int    // t_id
	Sentence int    // sentence index
	Text     string // the token as annotated ("'s", "``", ",")
}

// GoldMention is one ENTITY_MENTION of a MEANTIME document.
type GoldMention struct {
	ID        string // m_id
	First     int    // index into Doc.Tokens of its first token
	Last      int    // index into Doc.Tokens of its last token (inclusive)
	Syntactic string // syntactic_type: "NAM", "PRE.NAM", "NOM", "PRO", … or "" when absent
	Instance  string // instance_id of the ENTITY it refers to; "" when it refers to none
	EntType   string // ent_type of that ENTITY: PER, ORG, LOC, PRO, FIN, MIX; "" when none
}

// Doc is one MEANTIME document (CAT XML, intra+cross-document annotation).
type Doc struct {
	ID       string // doc_id
	Name     string // doc_name
	Tokens   []Token
	DCT      time.Time // creation time (date precision, UTC); zero when the document has none
	Mentions []GoldMention
}

type xmlAnchor struct {
	TID int `xml:"t_id,attr"`
}

type xmlRef struct {
	MID string `xml:"m_id,attr"`
}

type xmlDoc struct {
	DocID   string `xml:"doc_id,attr"`
	DocName string `xml:"doc_name,attr"`
	Tokens  []struct {
		TID      int    `xml:"t_id,attr"`
		Sentence int    `xml:"sentence,attr"`
		Text     string `xml:",chardata"`
	} `xml:"token"`
	Markables struct {
		Mentions []struct {
			MID       string      `xml:"m_id,attr"`
			Syntactic string      `xml:"syntactic_type,attr"`
			Anchors   []xmlAnchor `xml:"token_anchor"`
		} `xml:"ENTITY_MENTION"`
		Entities []struct {
			MID      string `xml:"m_id,attr"`
			Type     string `xml:"ent_type,attr"`
			Instance string `xml:"instance_id,attr"`
		} `xml:"ENTITY"`
		Timexes []struct {
			Function string `xml:"functionInDocument,attr"`
			Value    string `xml:"value,attr"`
		} `xml:"TIMEX3"`
	} `xml:"Markables"`
	Relations struct {
		RefersTo []struct {
			Sources []xmlRef `xml:"source"`
			Target  xmlRef   `xml:"target"`
		} `xml:"REFERS_TO"`
	} `xml:"Relations"`
}

// ReadDoc reads a MEANTIME CAT XML document. A mention's span runs from its
// first to its last anchored token; anchors naming no token are ignored, and
// a mention with none is dropped. A mention that is the source of several
// REFERS_TO relations refers to the first ENTITY target.
func ReadDoc(r io.Reader) (Doc, error) {
	var x xmlDoc
	if err := xml.NewDecoder(r).Decode(&x); err != nil {
		return Doc{}, fmt.Errorf("read meantime document: %w", err)
	}
	d := Doc{ID: x.DocID, Name: x.DocName}
	pos := make(map[int]int, len(x.Tokens))
	for _, t := range x.Tokens {
		if _, dup := pos[t.TID]; dup {
			return Doc{}, fmt.Errorf("read meantime document %s: token %d appears twice", x.DocID, t.TID)
		}
		pos[t.TID] = len(d.Tokens)
		d.Tokens = append(d.Tokens, Token{ID: t.TID, Sentence: t.Sentence, Text: strings.TrimSpace(t.Text)})
	}
	for _, t := range x.Markables.Timexes {
		if t.Function == "CREATION_TIME" && len(t.Value) >= 10 {
			if dt, err := time.Parse("2006-01-02", t.Value[:10]); err == nil {
				d.DCT = dt
				break
			}
		}
	}
	type ent struct{ typ, inst string }
	ents := map[string]ent{}
	for _, e := range x.Markables.Entities {
		ents[e.MID] = ent{e.Type, e.Instance}
	}
	refers := map[string]ent{}
	for _, rel := range x.Relations.RefersTo {
		e, ok := ents[rel.Target.MID]
		if !ok {
			continue // an event's coreference
		}
		for _, s := range rel.Sources {
			if _, seen := refers[s.MID]; !seen {
				refers[s.MID] = e
			}
		}
	}
	for _, m := range x.Markables.Mentions {
		first, last := -1, -1
		for _, a := range m.Anchors {
			i, ok := pos[a.TID]
			if !ok {
				continue
			}
			if first < 0 || i < first {
				first = i
			}
			if i > last {
				last = i
			}
		}
		if first < 0 {
			continue
		}
		e := refers[m.MID]
		d.Mentions = append(d.Mentions, GoldMention{
			ID: m.MID, First: first, Last: last, Syntactic: m.Syntactic,
			Instance: e.inst, EntType: e.typ,
		})
	}
	sort.SliceStable(d.Mentions, func(i, j int) bool {
		a, b := d.Mentions[i], d.Mentions[j]
		if a.First != b.First {
			return a.First < b.First
		}
		return a.Last < b.Last
	})
	return d, nil
}

// Named reports whether m is a named mention, the kind briefbot extracts:
// syntactic_type NAM or PRE.NAM ("US" in "US automaker"); or, for the
// mentions the annotation leaves without a syntactic type (most of those the
// cross-document layer adds: "GM", "Jobs", "the Air Force"), a mention with a
// capitalized token other than a sentence's first and other than "I".
// Nominals and pronouns (NOM, PRO, APP, CONJ, …) are not named.
func (d Doc) Named(m GoldMention) bool {
	switch m.Syntactic {
	case "NAM", "PRE.NAM":
		return true
	case "":
	default:
		return false
	}
	for i := m.First; i <= m.Last && i < len(d.Tokens); i++ {
		t := d.Tokens[i]
		if i == 0 || d.Tokens[i-1].Sentence != t.Sentence || t.Text == "I" {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(t.Text); unicode.IsUpper(r) {
			return true
		}
	}
	return false
}
