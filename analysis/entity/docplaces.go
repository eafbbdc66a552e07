package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Places the gazetteer does not know, learnt from the document itself.
//
// A capitalized word W that no table knows is a place (LOC) when
//   - the document also has a nationality adjective derived from it by an
//     English pattern (W+"n": "Freedonia"/"Freedonian"; W-"a"+"ian",
//     W-"o"+"an", W+"i", W+"ese", W+"ian"), which is then MISC; or
//   - it stands alone after "President of", "capital of", "government of"
//     and similar words of states; or
//   - it stands alone after "in", "from", "to", "into", "across", "near"
//     and ends like a country ("-ia", "-land", "-stan"; "-ova" after "in").
//
// A derived adjective whose place is not in the document is MISC when a
// noun that names people or state bodies follows it ("Freedonian
// officials", "a Freedonian citizen", "the Freedonian side").
//
// Known first names never become places or adjectives this way, and the
// context rules skip words the document also uses inside longer names
// ("Cleveland Indians"). Every
// occurrence of a word learnt this way, in any sentence, is a gazetteer
// unit of the document.

// demonymRules derive a nationality adjective from a place name: strip the
// first suffix from the adjective and add the second to get the place.
var demonymRules = [][2]string{
	{"n", ""},     // Kenya → Kenyan
	{"ian", "a"},  // Canada → Canadian
	{"an", "o"},   // Mexico → Mexican
	{"i", ""},     // Israel → Israeli
	{"ese", ""},   // Sudan → Sudanese
	{"ian", ""},   // Iran → Iranian
	{"ean", "ea"}, // Korea → Korean is covered by "n"; Eritrea → Eritrean too
}

// stateWords: "X of W" makes W a place ("President of W", "capital of W").
var stateWords = map[string]bool{
	"president": true, "presidents": true, "king": true, "queen": true, "government": true,
	"capital": true, "people": true, "parliament": true, "republic": true, "kingdom": true,
	"embassy": true, "citizen": true, "citizens": true, "border": true, "borders": true,
	"territory": true, "north": true, "south": true, "east": true, "west": true,
	"northern": true, "southern": true, "eastern": true, "western": true, "central": true,
	"emir": true, "sultan": true, "premier": true, "chancellor": true, "prime": true,
	"ambassador": true, "envoy": true, "provinces": true, "regions": true,
}

// countrySuffixes: endings of country names.
var countrySuffixes = []string{"ia", "land", "stan"}

// demonymNouns: lower-case nouns a nationality adjective often qualifies.
var demonymNouns = map[string]bool{
	"officials": true, "official": true, "side": true, "citizen": true, "citizens": true,
	"government": true, "authorities": true, "forces": true, "troops": true, "army": true,
	"people": true, "delegation": true, "diplomats": true, "diplomat": true, "border": true,
	"territory": true, "capital": true, "farmers": true, "media": true, "press": true,
	"parliament": true, "economy": true, "leadership": true, "leaders": true, "leader": true,
	"negotiators": true, "negotiator": true, "counterpart": true, "counterparts": true,
	"company": true, "companies": true, "firm": true, "firms": true, "agency": true,
	"ministry": true, "foreign": true, "national": true, "nationals": true,
	"water": true, "soldiers": true, "police": true, "businessman": true, "businesswoman": true,
	"president": true, "minister": true, "envoy": true, "team": true, "sources": true,
	"proposal": true, "position": true, "demands": true, "guarantees": true, "capital's": true,
}

// docWordOK: a capitalized word the document may teach as a place or
// adjective.
func docWordOK(t token) bool {
	if t.kind != tWord || !t.cap || !t.hasLetter || calendar[t.key] {
		return false
	}
	k := t.key
	if utf8.RuneCountInString(k) < 4 || commonWords[k] || firstNames[k] || honorifics[k] || titles[k] {
		return false
	}
	if _, ok := placeKeys[k]; ok {
		return false
	}
	if _, ok := roleHeads[k]; ok {
		return false
	}
	for _, r := range k {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// docGazetteer learns the document's own places and adjectives and adds
// them to every sentence's gazetteer units.
func (ex *extractor) docGazetteer() {
	caps := map[string]bool{}
	inName := map[string]bool{} // words seen inside longer capitalized names
	var ok []bool               // docWordOK of every token, sentence after sentence
	for si := range ex.sents {
		for _, t := range ex.sents[si].toks {
			ok = append(ok, !t.upper && t.cap && docWordOK(t))
		}
	}
	n := 0
	for si := range ex.sents {
		toks := ex.sents[si].toks
		base := n
		n += len(toks)
		for i, t := range toks {
			if ok[base+i] {
				caps[t.key] = true
				if i+1 < len(toks) && nameish(toks[i+1]) || i > 0 && nameish(toks[i-1]) && !toks[i-1].initial {
					inName[t.key] = true
				}
			}
		}
	}
	places := map[string]bool{}
	adjs := map[string]bool{}
	for d := range caps {
		for _, r := range demonymRules {
			if !strings.HasSuffix(d, r[0]) {
				continue
			}
			base := strings.TrimSuffix(d, r[0]) + r[1]
			if base != d && caps[base] && utf8.RuneCountInString(base) >= 4 {
				places[base] = true
				adjs[d] = true
				break
			}
		}
	}
	n = 0
	for si := range ex.sents {
		toks := ex.sents[si].toks
		base := n
		n += len(toks)
		for i, t := range toks {
			if !ok[base+i] {
				continue
			}
			if i+1 < len(toks) && nameish(toks[i+1]) || i > 0 && nameish(toks[i-1]) {
				continue // part of a longer name
			}
			k := t.key
			if adjs[k] || places[k] || inName[k] || hasNameSuffix(k) {
				continue
			}
			prev := ""
			if i > 0 {
				prev = toks[i-1].key
			}
			switch {
			case prev == "of" && i >= 2 && stateWords[toks[i-2].key]:
				places[k] = true
			case placePreps[prev] && countryLike(k, prev):
				places[k] = true
			case i+1 < len(toks) && !toks[i+1].cap && demonymNouns[toks[i+1].key] && demonymLike(k):
				adjs[k] = true
			}
		}
	}
	if len(places) == 0 && len(adjs) == 0 {
		return
	}
	for si := range ex.sents {
		st := &ex.sents[si]
		for i, t := range st.toks {
			if !t.cap || t.kind != tWord || gazCovers(st, i) {
				continue
			}
			k := t.key
			switch {
			case places[k]:
				st.gaz[i] = gazUnit{end: i + 1, place: place{typ: "LOC", key: "loc:" + k}}
			case adjs[k]:
				st.gaz[i] = gazUnit{end: i + 1, place: place{typ: "MISC", key: "misc:" + k}, demonym: true}
			}
		}
	}
}

var placePreps = map[string]bool{
	"in": true, "from": true, "to": true, "into": true, "across": true, "near": true,
}

// countryLike: the word ends like a country name ("-ova" only after "in":
// it is also a surname ending).
func countryLike(k, prep string) bool {
	for _, s := range countrySuffixes {
		if strings.HasSuffix(k, s) {
			return true
		}
	}
	return prep == "in" && strings.HasSuffix(k, "ova")
}

// demonymLike: the word ends like a nationality adjective.
func demonymLike(k string) bool {
	for _, s := range []string{"ian", "ean", "ese", "an"} {
		if strings.HasSuffix(k, s) && utf8.RuneCountInString(k) >= 6 {
			return true
		}
	}
	return false
}

// gazCovers: token i lies in a gazetteer unit of the sentence.
func gazCovers(st *sent, i int) bool {
	for a, u := range st.gaz {
		if a <= i && i < u.end {
			return true
		}
	}
	return false
}
