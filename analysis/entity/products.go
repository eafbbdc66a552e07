package entity

import "strings"

// Company names that open with an adjective, products with model numbers,
// and market indexes.
//
//   - A corporate adjective ("General", "United", "National", "Royal",
//     "International", "Federal" …) followed by capitalized common nouns is
//     a company: "United Airlines", "National Grid", "United Automobile
//     Workers". "General" is also a military title: it opens a company only
//     before a plural, "-ic" or "-ics" common noun ("General Motors",
//     "General Mills", "General Electric", "General Dynamics"); "General
//     Grant" and "General David Petraeus" keep the title.
//   - A manufacturer (an organisation the document or the gazetteer knows)
//     followed by a model token — letters and two or more digits ("A380",
//     "777X", "A350"), or a run of two to four digits that is not a year
//     ("787") — is a product (MISC) named with its maker: "Airbus A380",
//     "Boeing 787 Dreamliner", "Airbus A350 XWB" (a following unknown
//     capitalized word or short all-caps word belongs to it). The maker is
//     not a mention of its own inside the product, as in MEANTIME and
//     SemEval-2015 Task 4, where "Airbus A380" is one entity. The model token
//     alone elsewhere in the document ("the A380", "the 787") is a mention
//     of the same product. Results tables and sports reports are left alone
//     ("Essex 296").
//   - A market index (a gazetteer name such as "FTSE", "CAC", "Dow Jones",
//     "Nasdaq", "Hang Seng", "Euro Stoxx", or a name that is also a firm,
//     "S&P", "Nikkei") followed by its number is one mention, MISC as in
//     CoNLL-2003: "FTSE 100", "CAC 40", "S&P 500", "Nikkei 225"; capitalized
//     index words after it belong to it too ("Dow Jones Industrial Average",
//     "Nasdaq Composite"). "S&P" and "Nikkei" alone stay organisations, but
//     before "index", "average" and the like they are the index.

// corpAdjectives open company names ("United Airlines"); "general" is
// also a title and is handled by companyTitle.
var corpAdjectives = map[string]bool{
	"general": true, "united": true, "national": true, "royal": true, "international": true,
	"federal": true, "continental": true, "universal": true, "allied": true, "consolidated": true,
	"imperial": true,
}

// companyNoun: a capitalized common noun that ends a company name after a
// corporate adjective: a plural ("Motors", "Mills", "Foods"), or an "-ic"
// or "-ics" word ("Electric", "Dynamics", "Atomics"), whose lower-case
// form (or singular) is a dictionary word.
func companyNoun(t token) bool {
	if !nameish(t) || t.upper || firstNames[t.key] || givenNames[t.key] || titles[t.key] {
		return false
	}
	k := t.key
	switch {
	case strings.HasSuffix(k, "ics") || strings.HasSuffix(k, "ic"):
	case pluralShape(t.text):
	default:
		return false
	}
	if commonWords[k] || dictWords[k] {
		return true
	}
	s := strings.TrimSuffix(k, "s")
	return commonWords[s] || dictWords[s]
}

// companyTitle: the title [p, q) is a corporate adjective that opens a
// company name with the common noun after it ("General Motors"), not a
// title.
func companyTitle(toks []token, p, q, b int) bool {
	return q == p+1 && q < b && corpAdjectives[toks[p].key] && companyNoun(toks[q])
}

// adjCompany: the run [a, b) is a corporate adjective followed only by
// capitalized common nouns (or legal forms): "United Airlines", "National
// Grid", "General Motors Corp.". No word may be a title, a first name or a
// gazetteer name; after "General" the next word must be a companyNoun.
func (ex *extractor) adjCompany(st *sent, a, b int) bool {
	toks := st.toks
	if b-a < 2 || !corpAdjectives[toks[a].key] || !toks[a].cap || toks[a].upper {
		return false
	}
	if _, g := st.gaz[a]; g {
		return false
	}
	if last := toks[b-1].text; ex.sports && competitionWords[last] || !orgKeywords[last] && (miscKeywords[last] || locKeywords[last]) {
		return false // "National League" in a sports report; "National Park"
	}
	if titles[toks[a].key] && !companyNoun(toks[a+1]) {
		return false // "General Grant"
	}
	for k := a + 1; k < b; k++ {
		t := toks[k]
		if isLegalForm(t) && k > a+1 {
			continue
		}
		if _, g := st.gaz[k]; g || inGazSpan(st, k) || !nameish(t) || t.upper {
			return false
		}
		if isFirstName(t) && !isCommon(t) || titles[t.key] || !isDictWord(t) && !companyNoun(t) {
			return false
		}
		if te, _ := titleAt(toks, k, b); te > k {
			return false
		}
	}
	return true
}

// indexNames: folded names of market indexes that take a number ("FTSE
// 100"); those also in the gazetteer as firms ("S&P", "Nikkei") are the
// index only with a number or an index word after them.
var indexNames = map[string]bool{
	"ftse": true, "cac": true, "dax": true, "nikkei": true, "s&p": true, "dow jones": true,
	"nasdaq": true, "hang seng": true, "euro stoxx": true, "stoxx": true, "kospi": true,
	"sensex": true, "topix": true, "ibex": true, "aex": true, "smi": true, "tsx": true, "asx": true,
	"mib": true, "ftse mib": true, "bovespa": true, "russell": true, "nyse composite": true,
	"msci": true, "stoxx europe": true, "nifty": true, "wilshire": true,
}

// indexWords: capitalized words that continue an index's name.
var indexWords = map[string]bool{
	"Index": true, "Composite": true, "Industrial": true, "Industrials": true, "Average": true,
	"Transportation": true, "Utilities": true, "All-Share": true, "Share": true,
}

// indexNouns: lower-case words after a name that make it the index.
var indexNouns = map[string]bool{
	"index": true, "average": true, "composite": true, "futures": true, "benchmark": true,
	"indices": true, "indexes": true,
}

// modelToken: a product model: letters and two to four digits ("A380",
// "777X", "A350", "MD11" is not: at most two letters on each side), or a
// run of two to four digits that does not look like a year ("787").
func modelToken(t token) bool {
	if t.kind != tWord || len(t.text) < 2 || len(t.text) > 7 {
		return false
	}
	w := t.text
	i := 0
	for i < len(w) && w[i] >= 'A' && w[i] <= 'Z' {
		i++
	}
	pre := i
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		i++
	}
	digits := i - pre
	for i < len(w) && w[i] >= 'A' && w[i] <= 'Z' {
		i++
	}
	if i != len(w) || pre > 2 || len(w)-pre-digits > 2 || digits < 2 || digits > 4 {
		return false
	}
	if pre == 0 && digits == 4 && (w[:2] == "19" || w[:2] == "20") {
		return false // a year
	}
	return true
}

// numberToken: a run of one to five digits ("100", "40", "225").
func numberToken(t token) bool {
	if t.kind != tWord || len(t.text) == 0 || len(t.text) > 5 {
		return false
	}
	for i := 0; i < len(t.text); i++ {
		if t.text[i] < '0' || t.text[i] > '9' {
			return false
		}
	}
	return true
}

// quantityWords after a number say it counts or measures something: the
// number is no model ("Boeing 100 jobs" is not, but "200 million" is).
var quantityWords = map[string]bool{
	"percent": true, "per": true, "%": true, "million": true, "billion": true, "trillion": true,
	"thousand": true, "points": true, "point": true, "pct": true, "cents": true, "shares": true,
	"jobs": true, "workers": true, "employees": true, "people": true, "years": true, "days": true,
	"orders": true, "units": true, "vehicles": true, "cars": true, "stores": true, "times": true,
	"-": true, "to": true, "and": true, "or": true, "of": true, "for": true, "on": true, "in": true,
}

// spaced: token k follows token k-1 after a space.
func spaced(toks []token, k int) bool { return k > 0 && toks[k].start > toks[k-1].end }

// productsAndIndexes extends organisation and index mentions by a model
// token or an index number (see above), and adds the model tokens alone.
func (ex *extractor) productsAndIndexes() {
	type sentSpan struct{ s, a int }
	var models map[string]string // model token → product key
	// spans by sentence and start, to drop what a longer name covers
	for i := range ex.spans {
		sp := &ex.spans[i]
		st := &ex.sents[sp.s]
		if st.table || st.headline && st.allCaps || sp.fixed || sp.b >= len(st.toks) {
			continue
		}
		toks := st.toks
		next := toks[sp.b]
		if !modelToken(next) && !numberToken(next) && !indexWords[next.text] && !indexNouns[next.key] {
			continue // the common case: nothing to extend
		}
		k := joinKey(toks, sp.a, sp.b)
		switch {
		case indexNames[k] && (sp.typ == "ORG" || sp.typ == "MISC"):
			e := sp.b
			if numberToken(next) && spaced(toks, e) {
				e++
			}
			for e < len(toks) && indexWords[toks[e].text] && spaced(toks, e) {
				e++
			}
			if e > sp.b || next.kind == tWord && !next.cap && indexNouns[next.key] {
				sp.b, sp.typ, sp.strong = e, "MISC", true
				sp.key = "misc:" + joinKey(toks, sp.a, e)
			}
		case sp.typ == "ORG" && !ex.sports && modelToken(next) && spaced(toks, sp.b) && !indexNames[k]:
			e := sp.b + 1
			if e < len(toks) && quantityWords[toks[e].key] && !next.cap {
				continue // "Boeing 200 jobs"
			}
			for e < len(toks) && spaced(toks, e) && productWord(st, e) {
				e++
			}
			sp.b, sp.typ, sp.strong = e, "MISC", true
			sp.key = "misc:" + joinKey(toks, sp.a, e)
			if models == nil {
				models = map[string]string{}
			}
			if _, ok := models[next.text]; !ok {
				models[next.text] = sp.key
			}
		}
	}
	if models == nil {
		return
	}
	// the model alone: "the A380", "the 787"
	covered := map[sentSpan]bool{}
	for _, sp := range ex.spans {
		for k := sp.a; k < sp.b; k++ {
			covered[sentSpan{sp.s, k}] = true
		}
	}
	for si := range ex.sents {
		st := &ex.sents[si]
		if st.table {
			continue
		}
		for k, t := range st.toks {
			key, ok := models[t.text]
			if !ok || covered[sentSpan{si, k}] {
				continue
			}
			if k+1 < len(st.toks) && quantityWords[st.toks[k+1].key] && !t.cap {
				continue
			}
			e := k + 1
			for e < len(st.toks) && spaced(st.toks, e) && productWord(st, e) && !covered[sentSpan{si, e}] {
				e++
			}
			ex.add(span{s: si, a: k, b: e, typ: "MISC", key: key, strong: true})
		}
	}
	// a name that started inside an extended product is dropped by
	// result(), which keeps the first of overlapping spans in text order
}

// productWord: token e continues a product's name after its model: an
// unknown capitalized word ("Dreamliner") or a short all-caps word ("XWB",
// "ER") that is no gazetteer name, common word or first name.
func productWord(st *sent, e int) bool {
	t := st.toks[e]
	if !nameish(t) || t.initial {
		return false
	}
	if _, g := st.gaz[e]; g || inGazSpan(st, e) {
		return false
	}
	if t.upper {
		return len(t.text) <= 4 && !nonAcronyms[t.text]
	}
	return !isDictWord(t) && !isFirstName(t) && !isKeyword(t.text) && !titles[t.key]
}

// ampersandJoin: token j is a spaced "&" between a capitalized word of the
// run [i, j) and a capitalized word, neither a place ("Procter & Gamble",
// "Standard & Poor's"; not "Britain & Ireland").
func ampersandJoin(st *sent, i, j int) bool {
	toks := st.toks
	if j == i || j+1 >= len(toks) || toks[j].text != "&" || toks[j].tight || !nameish(toks[j+1]) {
		return false
	}
	if u, ok := st.gaz[j+1]; ok && u.typ == "LOC" {
		return false
	}
	for k := i; k < j; k++ {
		if u, ok := st.gaz[k]; ok && u.typ == "LOC" && u.end == j {
			return false
		}
	}
	return true
}

// ampersandRun: the run [a, b) joins names with a spaced "&": a company.
func ampersandRun(st *sent, a, b int) bool {
	if !nameish(st.toks[a]) {
		return false
	}
	for k := a + 1; k < b-1; k++ {
		if st.toks[k].text == "&" && !st.toks[k].tight {
			return true
		}
	}
	return false
}
