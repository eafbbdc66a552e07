package entity

import (
	"unicode"
	"unicode/utf8"
)

// Long names introduced with their acronym in brackets.
//
// "the Organisation for Peace and Trade in Freedonia ( OPTF )": the
// capitalized words before a bracketed all-caps acronym, with the
// connectors between them ("of", "for", "and", "the", "in", "on", "de",
// "&"), are one name when the acronym's letters are, in order, initials of
// those words and the first letter is the first word's. The name is an
// organisation (an event or agreement, MISC, when it ends in a MISC
// keyword such as "Agreement"; a place when it ends in a place keyword),
// and it replaces the smaller mentions found inside it ("Freedonia").
// A name the gazetteer knows as a whole is left alone.

// acronymConnectors may stand between the words of a long name.
var acronymConnectors = map[string]bool{
	"of": true, "for": true, "and": true, "the": true, "in": true, "on": true, "de": true,
	"&": true, "du": true, "des": true, "la": true, "del": true,
}

// acronymToken: an all-caps word of 2 to 6 letters, no digits or periods.
func acronymToken(t token) bool {
	if t.kind != tWord || !t.upper || len(t.text) < 2 || len(t.text) > 6 || nonAcronyms[t.text] {
		return false
	}
	for _, r := range t.text {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// initialOf is the upper-case first letter of w, or 0.
func initialOf(w string) rune {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return 0
	}
	return r
}

// acronymExpansions finds long names followed by their bracketed acronym
// in the prose sentences and adds them, replacing the mentions inside.
func (ex *extractor) acronymExpansions() {
	for si := range ex.sents {
		st := &ex.sents[si]
		if st.headline || st.table {
			continue
		}
		toks := st.toks
		for p := 2; p+2 < len(toks); p++ {
			if toks[p].text != "(" || toks[p+2].text != ")" || !acronymToken(toks[p+1]) {
				continue
			}
			a, ok := longNameBefore(toks, p, toks[p+1].text)
			if !ok {
				continue
			}
			if u, g := st.gaz[a]; g && u.end == p {
				continue // the gazetteer knows it
			}
			typ := "ORG"
			switch last := toks[p-1].text; {
			case miscKeywords[last]:
				typ = "MISC"
			case locKeywords[last]:
				typ = "LOC"
			}
			ex.replaceSpans(si, a, p, span{s: si, a: a, b: p, typ: typ, strong: true})
		}
	}
}

// longNameBefore returns the first token of the long name ending before
// token p that the acronym acr abbreviates.
func longNameBefore(toks []token, p int, acr string) (int, bool) {
	last := toks[p-1]
	if last.kind != tWord || !last.cap || last.upper && len(last.text) > 1 && p-1 > 0 && !toks[p-2].cap {
		return 0, false
	}
	// the stretch of capitalized words and connectors before p
	lo := p - 1
	for lo > 0 {
		t := toks[lo-1]
		if t.kind == tWord && t.cap && !t.poss {
			lo--
			continue
		}
		if acronymConnectors[t.key] && !t.cap && lo-2 >= 0 {
			// one connector, or two ("for the")
			if p2 := toks[lo-2]; p2.kind == tWord && p2.cap && !p2.poss {
				lo--
				continue
			}
			if p2 := toks[lo-2]; acronymConnectors[p2.key] && !p2.cap && lo-3 >= 0 && toks[lo-3].kind == tWord && toks[lo-3].cap {
				lo -= 2
				continue
			}
		}
		break
	}
	letters := []rune(acr)
	// the longest start whose capitalized words' initials contain the
	// acronym in order, the first letter on the first word
	for a := lo; a < p-1; a++ {
		if !toks[a].cap || toks[a].kind != tWord || initialOf(toks[a].text) != letters[0] {
			continue
		}
		n, words := 1, 1
		for k := a + 1; k < p && n < len(letters); k++ {
			if toks[k].cap && initialOf(toks[k].text) == letters[n] {
				n++
			}
		}
		for k := a + 1; k < p; k++ {
			if toks[k].cap {
				words++
			}
		}
		if n == len(letters) && words >= 2 {
			return a, true
		}
	}
	return 0, false
}

// replaceSpans drops the spans and weak words of sentence si inside
// tokens [a, b) and adds sp.
func (ex *extractor) replaceSpans(si, a, b int, sp span) {
	keep := ex.spans[:0]
	for _, o := range ex.spans {
		if o.s == si && o.a < b && o.b > a {
			continue
		}
		keep = append(keep, o)
	}
	ex.spans = keep
	weak := ex.weak[:0]
	for _, o := range ex.weak {
		if o.s == si && o.a < b && o.b > a {
			continue
		}
		weak = append(weak, o)
	}
	ex.weak = weak
	ex.add(sp)
}

// orgCue: the words around the capitalized words [a, b) say they name a
// company: "shares of X", "a stake in X", "a unit of X", "a subsidiary of
// X", "a spokesman for X", "X shares", "X 's board", "X 's chief
// executive".
func orgCue(toks []token, a, b int) bool {
	if a >= 2 {
		p1, p2 := toks[a-1].key, toks[a-2].key
		switch p2 + " " + p1 {
		case "shares of", "shares in", "stake in", "unit of", "subsidiary of", "division of",
			"spokesman for", "spokeswoman for", "spokesperson for", "stakes in", "takeover of", "merger with":
			return true
		}
	}
	if b < len(toks) && toks[b].kind == tWord && !toks[b].cap {
		switch toks[b].key {
		case "shares", "stock", "stockholders", "shareholders":
			return true
		}
	}
	if b+1 < len(toks) && toks[b].poss && !toks[b+1].cap {
		switch toks[b+1].key {
		case "shares", "board", "subsidiary", "shareholders", "stock", "unit", "headquarters", "profits", "profit", "earnings", "revenue", "revenues", "sales":
			return true
		}
		if b+2 < len(toks) && toks[b+1].key == "chief" && toks[b+2].key == "executive" {
			return true
		}
	}
	return false
}
