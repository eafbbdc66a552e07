package entity

import "strings"

// Currencies and hyphenated compounds, read as CoNLL-2003 reads them.
//
// A currency sign glued to a country code ("A$", "US$", "HK$", "C$") is
// one MISC mention, not a place. A name joined by a tight hyphen to a
// lower-case participle or "-style" word ("Moscow-based", "U.S.-led",
// "Kremlin-backed", "Brazilian-born") is an adjective: the whole compound
// is one MISC mention (a person's name stays a person). So is a name after a lower-case prefix ("pro-Baghdad",
// "anti-NATO", "mid-Norway").

// currencies adds the currency mentions of every sentence; it runs before
// the other rules so that the code is not read as a place.
func (ex *extractor) currencies() {
	for si := range ex.sents {
		toks := ex.sents[si].toks
		for i := 0; i+1 < len(toks); i++ {
			t := toks[i]
			if t.kind != tWord || !capsCode(t.text) || toks[i+1].text != "$" || toks[i+1].start != t.end {
				continue
			}
			if i > 0 && toks[i-1].end == t.start && toks[i-1].kind == tWord {
				continue
			}
			ex.add(span{s: si, a: i, b: i + 2, typ: "MISC", strong: true, fixed: true})
			i++
		}
	}
}

// compoundSuffixes: lower-case words that make an adjective of the name
// before a tight hyphen, besides words ending in "-ed".
var compoundSuffixes = map[string]bool{
	"run": true, "born": true, "made": true, "style": true, "bound": true, "owned": true,
	"built": true, "held": true, "grown": true, "bred": true,
}

// compoundPrefixes: lower-case prefixes that make an adjective of the name
// after a tight hyphen.
var compoundPrefixes = map[string]bool{
	"pro": true, "anti": true, "mid": true, "non": true, "post": true, "pre": true, "ex": true, "neo": true,
}

// hyphenCompounds widens every mention glued to a participle or prefix by
// a tight hyphen into a MISC mention of the whole compound.
func (ex *extractor) hyphenCompounds() {
	for i, sp := range ex.spans {
		if sp.typ == "PER" {
			continue // "Dorn Stelik-backed": the person stays a person
		}
		toks := ex.sents[sp.s].toks
		a, b := sp.a, sp.b
		if b+1 < len(toks) && toks[b].text == "-" && toks[b].start == toks[b-1].end && toks[b+1].start == toks[b].end {
			w := toks[b+1]
			if w.kind == tWord && !w.cap && w.hasLetter && (strings.HasSuffix(w.key, "ed") && len(w.key) >= 3 || compoundSuffixes[w.key]) &&
				(b+2 >= len(toks) || toks[b+2].start > w.end) {
				b += 2
			}
		}
		if a >= 2 && toks[a-1].text == "-" && toks[a-1].end == toks[a].start && toks[a-2].end == toks[a-1].start &&
			toks[a-2].kind == tWord && !toks[a-2].cap && compoundPrefixes[toks[a-2].key] &&
			(a == 2 || toks[a-3].end < toks[a-2].start) {
			a -= 2
		}
		if a != sp.a || b != sp.b {
			ex.spans[i].a, ex.spans[i].b, ex.spans[i].typ, ex.spans[i].key = a, b, "MISC", ""
		}
	}
}

// capsCode: one to three capital ASCII letters ("A", "US", "HKD").
func capsCode(w string) bool {
	if w == "" || len(w) > 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// nameLists reads comma lists of people ("Given , Breen , Staunton ,
// Irwin , McAteer"): in a line of three or more commas whose named items
// are mostly people (two or more and nothing else, or three or more and
// at least twice as many as the other names), an item of one to three capitalized words that no rule named is
// a person too. An item before a dash or colon is the list's label
// ("Midfielders -", "Squad :") and stays out.
func (ex *extractor) nameLists() {
	bySent := map[int][]int{}
	for i, sp := range ex.spans {
		bySent[sp.s] = append(bySent[sp.s], i)
	}
	for si := range ex.sents {
		st := &ex.sents[si]
		toks := st.toks
		if !listLine(toks) {
			continue
		}
		typeAt := make([]string, len(toks))
		for _, i := range bySent[si] {
			sp := ex.spans[i]
			for k := sp.a; k < sp.b && k < len(toks); k++ {
				typeAt[k] = sp.typ
			}
		}
		type item struct{ a, b int }
		var items []item
		start := 0
		for k := 0; k <= len(toks); k++ {
			if k < len(toks) && !listSeparator(toks[k]) {
				continue
			}
			if k > start {
				items = append(items, item{start, k})
			}
			start = k + 1
		}
		per, other := 0, 0
		var cands []item
		for _, it := range items {
			typ, whole := "", true
			for k := it.a; k < it.b; k++ {
				if typeAt[k] == "" {
					whole = false
				} else if typ == "" {
					typ = typeAt[k]
				}
			}
			switch {
			case typ == "PER":
				per++
			case typ != "":
				other++
			case !whole && it.b-it.a <= 3 && nameItem(toks, it.a, it.b):
				if it.b < len(toks) && (toks[it.b].text == "-" || toks[it.b].text == ":") {
					continue // the label
				}
				cands = append(cands, it)
			}
		}
		if !(per >= 2 && other == 0 || per >= 3 && per >= 2*other) {
			continue
		}
		for _, it := range cands {
			ex.add(span{s: si, a: it.a, b: it.b, typ: "PER"})
		}
	}
}

// listSeparator: a comma, semicolon, dash, colon, bracket or "and" between
// the items of a list.
func listSeparator(t token) bool {
	switch t.text {
	case ",", ";", ":", "(", ")", ".", "and":
		return true
	case "-":
		return !t.tight
	}
	return false
}

// nameItem: tokens [a, b) are capitalized words (a particle or tight
// hyphen inside) that can name a person: no role plural, calendar word or
// keyword.
func nameItem(toks []token, a, b int) bool {
	for k := a; k < b; k++ {
		t := toks[k]
		if k > a && (particles[t.key] || hyphenPart(toks, k)) {
			continue
		}
		if t.kind != tWord || !t.cap || t.upper && len(t.text) > 1 || calendar[t.key] || rolePlural(t.key) || isKeyword(t.text) || functionWord[t.key] {
			return false
		}
	}
	return true
}
