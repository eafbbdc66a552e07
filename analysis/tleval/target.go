package tleval

import (
	"strings"

	"github.com/briefbot/briefbot/analysis"
)

// ref is a place where a document refers to the target entity: tokens
// [start, end) of one sentence.
type ref struct {
	sentence   int
	start, end int // token indexes
	pronoun    bool
}

// target is a target entity as the corpus knows it.
type target struct {
	name  string
	ids   map[uint64]bool
	typ   analysis.EntityType // of its best-known entity; "" when none
	words []string            // the name's normalized words
}

func (c *corpus) newTarget(name string) target {
	t := target{name: name, ids: map[uint64]bool{}, words: strings.Fields(analysis.NormalizeName(name))}
	for _, id := range c.targetIDs(name) {
		t.ids[id] = true
	}
	for _, e := range c.entities {
		if t.ids[e.ID] && t.typ == "" {
			t.typ = e.Type
		}
	}
	return t
}

// orgNouns are what a text calls an organisation it has named ("the
// company", "the carrier"); productNouns what it calls a product.
var (
	orgNouns = map[string]bool{
		"company": true, "firm": true, "group": true, "carrier": true, "airline": true, "maker": true,
		"manufacturer": true, "automaker": true, "carmaker": true, "planemaker": true, "giant": true,
		"corporation": true, "business": true, "bank": true, "label": true, "band": true, "retailer": true,
		"conglomerate": true, "index": true, "exchange": true,
	}
	productNouns = map[string]bool{
		"phone": true, "device": true, "player": true, "handset": true, "smartphone": true, "store": true,
		"service": true, "plane": true, "aircraft": true, "jet": true, "jetliner": true, "airliner": true,
		"car": true, "model": true, "vehicle": true, "product": true, "software": true, "index": true,
		"gadget": true, "computer": true, "tablet": true,
	}
)

// refs returns where document src refers to t, in token order: the
// mentions of its entities; its name written out (case ignored, a plural
// "s" allowed); "the <noun>" when the noun is the name's last word or
// names what the target is (an organisation: "the company"; a product:
// "the phone") and t was the last entity of its kind named; and, for an
// organisation or product, "it"/"its" when the sentence before referred to
// t first and no other entity of its kind comes before the pronoun
// (likewise "he"/"his"/"she"/"her" for a person).
func (c *corpus) refs(src *source, t target) []ref {
	toks := src.doc.Tokens
	type span struct {
		start, end int
		id         uint64
		typ        analysis.EntityType
	}
	// entity mentions by token
	var ments []span
	for _, m := range src.mentions {
		i := src.token(m.Span.Start)
		j := src.token(m.Span.End - 1)
		if i < 0 || j < i {
			continue
		}
		ments = append(ments, span{i, j + 1, m.Entity, m.Type})
	}
	isT := make([]bool, len(toks))
	mentAt := make([]int, len(toks)) // index+1 into ments
	for k, m := range ments {
		for i := m.start; i < m.end; i++ {
			mentAt[i] = k + 1
			if t.ids[m.id] {
				isT[i] = true
			}
		}
	}
	// the name written out
	if n := len(t.words); n > 0 {
		for i := 0; i+n <= len(toks); i++ {
			ok := true
			for k, w := range t.words {
				tw := analysis.NormalizeName(toks[i+k].Text)
				if tw != w && !(k == n-1 && tw == w+"s") {
					ok = false
					break
				}
			}
			for k := 0; ok && k < n; k++ {
				if m := mentAt[i+k]; m > 0 && !t.ids[ments[m-1].id] {
					ok = false // part of another name: "iPod Nano" for "iPod"
				}
			}
			if ok && toks[i].Sentence == toks[i+n-1].Sentence {
				for k := 0; k < n; k++ {
					isT[i+k] = true
				}
			}
		}
	}
	head := ""
	if n := len(t.words); n > 1 {
		head = t.words[n-1]
	}
	kindOf := func(typ analysis.EntityType) string {
		switch typ {
		case analysis.PER:
			return "per"
		case analysis.ORG:
			return "org"
		case analysis.MISC:
			return "thing"
		}
		return ""
	}
	kind := kindOf(t.typ)
	// organisations and products are both "it": for pronouns they are one kind
	sameKind := func(a, b string) bool { return a == b || a != "per" && b != "per" }
	var out []ref
	// kind → the subject (first named) of the last sentence naming one of
	// that kind was t
	lastKind := map[string]bool{}
	named := map[string]bool{} // kinds named so far in the sentence
	prevFirst := false         // the sentence before referred to t before any other organisation or product (person)
	curFirst, curSeen := false, false
	sent := -1
	for i := 0; i < len(toks); i++ {
		if toks[i].Sentence != sent {
			prevFirst = curFirst
			curFirst, curSeen = false, false
			clear(named)
			sent = toks[i].Sentence
		}
		if isT[i] {
			j := i
			for j < len(toks) && isT[j] && toks[j].Sentence == sent {
				j++
			}
			out = append(out, ref{sentence: sent, start: i, end: j})
			if !curSeen {
				curFirst, curSeen = true, true
			}
			if !named[kind] {
				named[kind], lastKind[kind] = true, true
			}
			i = j - 1
			continue
		}
		if k := mentAt[i]; k > 0 {
			m := ments[k-1]
			mk := kindOf(m.typ)
			if mk != "" {
				if !named[mk] {
					named[mk], lastKind[mk] = true, false
				}
				if sameKind(mk, kind) && !curSeen {
					curSeen = true
				}
			}
			i = m.end - 1
			continue
		}
		w := strings.ToLower(toks[i].Text)
		prevW := ""
		if i > 0 && toks[i-1].Sentence == sent {
			prevW = strings.ToLower(toks[i-1].Text)
		}
		switch {
		case (prevW == "the" || prevW == "its") && kind != "per" && lastKind[kind] &&
			(w == head || kind == "org" && orgNouns[w] || kind == "thing" && productNouns[w]):
			out = append(out, ref{sentence: sent, start: i, end: i + 1})
			if !curSeen {
				curFirst, curSeen = true, true
			}
			named[kind] = true
		case kind != "per" && (w == "it" || w == "its") && prevFirst && !curSeen,
			kind == "per" && (w == "he" || w == "his" || w == "she" || w == "her" || w == "him") && prevFirst && !curSeen:
			out = append(out, ref{sentence: sent, start: i, end: i + 1, pronoun: true})
			curFirst, curSeen = true, true
			if !named[kind] {
				named[kind], lastKind[kind] = true, true
			}
		}
	}
	return out
}

// argTriggers returns the event mentions of src whose subject or object is
// the target, found by position: a trigger's subject is the nearest name
// or pronoun before it in its sentence, its object the nearest within
// window tokens after it, unless another trigger comes first. refs are
// the target's references in src.
func (c *corpus) argTriggers(src *source, refs []ref, window int) []string {
	toks := src.doc.Tokens
	// what stands at each token: 0 nothing, 1 another entity, 2 the target
	arg := make([]int8, len(toks))
	for _, m := range src.mentions {
		if m.Type == analysis.LOC {
			continue
		}
		i, j := src.token(m.Span.Start), src.token(m.Span.End-1)
		for k := i; i >= 0 && k <= j; k++ {
			arg[k] = 1
		}
	}
	for i, tk := range toks {
		switch strings.ToLower(tk.Text) {
		case "he", "she", "it", "they", "we", "i", "his", "her", "its", "their":
			if arg[i] == 0 {
				arg[i] = 1
			}
		}
	}
	for _, r := range refs {
		for k := r.start; k < r.end; k++ {
			arg[k] = 2
		}
	}
	named := make([]bool, len(toks))
	for _, m := range src.mentions {
		i, j := src.token(m.Span.Start), src.token(m.Span.End-1)
		for k := i; i >= 0 && k <= j; k++ {
			named[k] = true
		}
	}
	trig := map[int]string{}
	for _, f := range c.facts {
		if f.Kind != analysis.Event || c.sources[f.Article] != src {
			continue
		}
		// a word of a name ("Developers Conference") is no trigger
		if m, tok, ok := c.mentionAt(f); ok && !named[tok] {
			trig[tok] = m
		}
	}
	var out []string
	for tok, m := range trig {
		sent := toks[tok].Sentence
		subj := int8(0)
		for k := tok - 1; k >= 0 && toks[k].Sentence == sent; k-- {
			if arg[k] != 0 {
				subj = arg[k]
				break
			}
		}
		obj := int8(0)
		for k := tok + 1; k < len(toks) && k <= tok+window && toks[k].Sentence == sent; k++ {
			if _, ok := trig[k]; ok {
				break
			}
			if arg[k] != 0 {
				obj = arg[k]
				break
			}
		}
		if subj == 2 || obj == 2 {
			out = append(out, m)
		}
	}
	return out
}
