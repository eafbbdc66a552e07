package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Companies and products.
//
//   - A legal form at the end of a name ("Inc.", "Corp.", "Ltd.", "LLC",
//     "plc", "AG", "GmbH" …) makes it an organisation, ends the name (in
//     "Acme Inc. Dana Vell said" the person is a name of its own), and is
//     never a name or an alias by itself. Clusters ignore it: "Acme Inc."
//     and "Acme" are one organisation.
//   - The capitalized words right before a corporate title ("Acme CEO Dana
//     Vell", "Acme Robotics co-founder") are an organisation.
//   - A word that heads a multi-word organisation of the document ("Acme"
//     after "Acme Robotics" or "Acme Inc."), or an acronym that is its head
//     or its initials ("NPD" beside "NPD Group", "IRB" beside "Iron River
//     Bank"), names the same organisation.
//   - A camel-case word with a lower-case first letter ("iPhone", "eBay")
//     is a product or brand name (MISC), with the capitalized words and a
//     short model number that follow it ("iPod Nano", "iPhone 4").

// legalForms are the company-form words, as written (the tokenizer keeps
// the period of "Inc.", "Corp.", "Co." and "Ltd.").
var legalForms = map[string]bool{
	"Inc.": true, "Inc": true, "Corp.": true, "Corp": true, "Co.": true, "Ltd.": true, "Ltd": true,
	"LLC": true, "L.L.C.": true, "plc": true, "PLC": true, "Plc": true, "AG": true, "GmbH": true,
	"LLP": true, "LP": true, "NV": true, "N.V.": true, "S.A.": true, "SpA": true, "Incorporated": true,
	"Limited": true,
}

// legalKeys: the folded legal forms and the company words that clusters
// ignore at the end of an organisation's name ("Acme Holdings" is "Acme").
var legalKeys = map[string]bool{
	"inc": true, "corp": true, "co": true, "ltd": true, "llc": true, "plc": true, "ag": true,
	"gmbh": true, "llp": true, "lp": true, "nv": true, "sa": true, "spa": true, "incorporated": true,
	"limited": true, "corporation": true, "holdings": true, "group": true,
}

func isLegalForm(t token) bool { return t.kind == tWord && legalForms[t.text] }

// corporateTitles are titles held in a company; the name before one is the
// company's.
var corporateTitles = map[string]bool{
	"ceo": true, "cfo": true, "coo": true, "cto": true, "chief executive": true,
	"chief executive officer": true, "chief financial officer": true, "chief operating officer": true,
	"chief technology officer": true, "managing director": true, "founder": true, "co-founder": true,
	"cofounder": true,
}

// orgBeforeTitle adds the capitalized words [a, p) before the corporate
// title [p, q) as an organisation and reports whether it did: all of them
// must be name words that no gazetteer unit covers.
func (ex *extractor) orgBeforeTitle(si, a, p, q int) bool {
	st := &ex.sents[si]
	toks := st.toks
	if a >= p || !corporateTitles[joinKey(toks, p, q)] {
		return false
	}
	for k := a; k < p; k++ {
		if _, g := st.gaz[k]; g || inGazSpan(st, k) || !nameish(toks[k]) || isFirstName(toks[k]) && p-a == 1 {
			return false
		}
	}
	ex.add(span{s: si, a: a, b: p, typ: "ORG", strong: true})
	return true
}

// isCamel: a word like "iPhone", "eBay", "iOS": a lower-case first letter,
// an upper-case second, and at most four letters before it.
func isCamel(t token) bool {
	if t.kind != tWord || t.cap || len(t.text) < 3 {
		return false
	}
	r0, n := utf8.DecodeRuneInString(t.text)
	if !unicode.IsLower(r0) || n != 1 {
		return false
	}
	r1, _ := utf8.DecodeRuneInString(t.text[n:])
	if !unicode.IsUpper(r1) {
		return false
	}
	lower := 0
	for _, r := range t.text[n:] {
		if unicode.IsLower(r) {
			lower++
		}
	}
	return lower > 0 || len(t.text) <= 4 // "iPhone"; "iOS"
}

// camelName returns the end of the product name that starts with the
// camel-case word at token i: the capitalized words after it, then a model
// number of at most three characters ("iPod Nano", "iPhone 4", "iPhone
// 3G"); i+1 when nothing follows.
func camelName(st *sent, i int) int {
	toks := st.toks
	j := i + 1
	for j < len(toks) && nameish(toks[j]) && !toks[j].initial {
		if _, g := st.gaz[j]; g || inGazSpan(st, j) {
			break
		}
		j++
	}
	if j < len(toks) && toks[j].kind == tWord && len(toks[j].text) <= 3 && toks[j].text[0] >= '0' && toks[j].text[0] <= '9' {
		j++
	}
	return j
}

// orgKey is the cluster key of an organisation named by text: its folded
// words without trailing legal forms.
func orgKey(text string) string {
	f := strings.Fields(fold(text))
	for len(f) > 1 && legalKeys[strings.Trim(f[len(f)-1], ",")] {
		f = f[:len(f)-1]
	}
	for i := range f {
		f[i] = strings.Trim(f[i], ",")
	}
	return strings.Join(f, " ")
}

// initials of a multi-word name's capitalized words, skipping connectors:
// "Iron River Bank" → "irb"; "" for fewer than two.
func initials(words []string) string {
	var b strings.Builder
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	if b.Len() < 2 {
		return ""
	}
	return b.String()
}

// orgHead: the first word of a multi-word organisation span that may name
// it alone: not a common word, first name, keyword or place prefix.
func orgHead(toks []token, sp span) (string, bool) {
	if sp.typ != "ORG" || sp.b-sp.a < 2 {
		return "", false
	}
	t := toks[sp.a]
	if !nameish(t) || isCommon(t) || firstNames[t.key] || isKeyword(t.text) || placePrefixes[t.key] || orgPrefixes[t.text] {
		return "", false
	}
	if isLegalForm(toks[sp.a+1]) && sp.b == sp.a+2 {
		return t.key, true // "Acme Inc."
	}
	return t.key, true
}
