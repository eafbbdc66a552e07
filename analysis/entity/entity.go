// Package entity finds the named entities of English news text with rules
// and gazetteers: people, organisations, places and other names (PER, ORG,
// LOC, MISC, as in CoNLL-2003), the titles and roles the text gives people,
// and which mentions in one document name the same thing (clusters).
//
// It prefers precision to recall: a capitalized word becomes an entity only
// with evidence — a gazetteer entry (countries, cities, organisations,
// nationality words), a known first name, a title or role before it
// ("Russian President Vladimir Putin", "Kremlin aide Yury Ushakov"), an
// honorific ("Mr. Witkoff"), an organisation or place keyword at its end
// ("Russian Direct Investment Fund"), the shape of a multi-word name in the
// middle of a sentence, or another mention in the same document that
// confirms it. Sentence-initial capitals, calendar words and common words
// are not names by themselves. Title-Case headline lines (no final
// punctuation, most words capitalized) and ALL-CAPS lines only yield names
// confirmed by the body of the text or by a gazetteer or first-name list.
//
// Places and nationality adjectives no table knows are learnt from the
// document itself (docplaces.go): a capitalized word with a derived
// adjective elsewhere in the text ("Freedonia" / "Freedonian"), one after
// "President of", or one with a country ending after "in", "to" or "from",
// is a place, and its adjective MISC. Names that end in a facility or
// geographic keyword ("… Dam", "… River", "Lake …") are places; names that
// start with the surname of a person of the document ("Acme Hydro" beside
// "John Acme"), or stand next to "firm", "company" or "newspaper", are
// organisations. A multi-word name with no first name, title or role is
// otherwise still taken for a person, but not after "in", before an
// organisation noun, or when it is a whole quotation.
//
// Person evidence that needs no first-name list: a line of more than 15
// words, or with three or more commas or semicolons, is prose or a list
// (a line-up, a results line) even without final punctuation, never a
// headline; a role noun opening a sentence ("Broker Dana Vell said") gives
// person context, as a lower-case one does; a hyphen joins two titles
// ("Lieutenant-Colonel"); a short lower-case syllable after a tight
// hyphen ends a given name ("Kim In-so", "Inzamam-ul-Haq"), an "-ed" word
// or a longer common word does not ("Vell-backed"); two particles may
// stand inside a name ("van der"); a one-word country and one more
// name-like word is a person ("Chad Ogea"); a word after "Ex-" and the
// like is the former team, not part of the name; and a lone word after a
// shirt number ("9 - Vell") or before a minute ("Vell 46th") is a player.
//
// Companies (company.go): a legal form ("Inc.", "Corp.", "Ltd.", "LLC",
// "plc", "AG", "GmbH" …) makes a name an organisation and ends it; a lone
// legal form is never a name. The words before a corporate title ("CEO",
// "co-founder") are a company. A word heading a multi-word organisation
// of the document ("Acme" after "Acme Robotics"), or an acronym that heads
// it or spells its initials, names the same organisation; a head shared by
// two organisations stays apart. A name guessed to be a person whose first
// word the text uses alone more than its last, and whose last word is a
// common noun, is a company ("Acme Computer … Acme said"). Camel-case
// words ("iPhone", "eBay") are product or brand names (MISC). A first name
// alone joins the person of the document named in full with it (the one
// named most often).
//
// Adjective-first companies, products and market indexes (products.go): a
// corporate adjective ("United", "National", "Royal" …) before capitalized
// common nouns is a company ("United Airlines", "National Grid"); the
// title "General" opens one only before a plural, "-ic" or "-ics" noun
// ("General Motors", "General Electric"; "General Grant" keeps the title);
// names joined by a spaced "&" are a company ("Procter & Gamble"). A known
// organisation followed by a model token ("A380", "787", "777X") is one
// product mention, MISC, without a mention of the maker inside it
// ("Airbus A380", "Boeing 787 Dreamliner"), and the model alone later in
// the document ("the A380") joins its cluster. A market index takes its
// number and index words ("FTSE 100", "S&P 500", "Dow Jones Industrial
// Average") and is MISC, as in CoNLL-2003.
//
// Results tables of sports news (score lines, standings, fixtures,
// rankings, cricket scorecards) and news datelines are read by their shape
// (tables.go): clubs are organisations, national teams places, ranked and
// scoring players people. In a report on a sport between clubs (its
// headline opens with "SOCCER -", "CRICKET -" …, or its tables list
// clubs) a town named in the prose is the town's club, unless it follows
// "in", "at" or "from", and a lone unknown name is a club.
//
// Currencies and compounds, lists of people (compounds.go): a currency
// sign glued to a country code ("A$", "US$") is MISC; a place or
// organisation glued by a tight hyphen to a participle ("Berlin-based",
// "U.S.-led") or after a prefix ("pro-Moscow") makes one MISC compound; in
// a comma list whose named items are mostly people, the unnamed items are
// people too. A sentence-initial keyword heads a name with "of" ("Bank of
// Freedonia"), a dictionary word before a legal form stays in the company
// ("Arch Vellum Inc"), any word of a full name used alone names the person,
// and an ALL-CAPS headline word that is a surname of the body is that
// person. A two- or three-word line ending in "Division", "Conference" or
// "League" is a standings header (MISC); in a table a common word before a
// figure ("Halftime 1-0", "Attendance 7,032") is no team, and two scored
// names side by side are teams even when one looks like a person's.
//
// The gazetteer has countries, their demonyms, hand-listed cities,
// regions and organisations, and the world's cities of at least 150,000
// people (cities.txt, from GeoNames, CC BY 4.0). Word lists come from
// open sources only (LICENSE-wordlists.txt): common words are SCOWL's most
// common English words (commonwords.txt), a wider SCOWL vocabulary
// (dictwords.txt) decides whether a sentence's first word or the last word
// of an unexplained multi-word name is an ordinary word ("Gold Fields" is
// then an organisation, not a person), and given names of the 1990 US
// Census and of faker's locales (givennames.txt) are weaker first-name
// evidence beside the hand-made table: they never override a gazetteer
// entry or a common word.
//
// Nationality words ("Russian", "Uzbek", "Kazakh") are MISC mentions, as in
// CoNLL-2003, each in a cluster of its own; CountryOf maps them to their
// country. "US", "U.S.", "United States" and "America" are LOC and share a
// cluster, as do other gazetteer aliases ("RIA Novosti", "Ria Novosti").
//
// Titles and honorifics are never part of a person's mention; titles and
// role phrases are reported as Roles, verbatim spans of the text. A
// possessor is not part of a role ("Marsh's spokesman Dmitri Valk" gives
// Valk the role "spokesman"; Marsh stays a mention of its own), and a role
// noun after "to", "will" and the like is a verb, not a role.
//
// A cluster's name is its most frequent multi-word form, the longest
// (people: most words) among equally frequent ones, then the first seen.
//
// The package has no state: every table is built once at initialisation and
// never changed, and Extract is safe for concurrent use.
package entity

import (
	"sort"
	"strings"

	"github.com/briefbot/briefbot/analysis/textseg"
)

// Mention is one occurrence of a named entity.
type Mention struct {
	Start, End int    // byte offsets into text
	Text       string // text[Start:End]
	Type       string // "PER", "ORG", "LOC", "MISC"
	Cluster    int    // index into Result.Clusters
	Sentence   int    // index into the sentences given
}

// Cluster is the set of mentions that name one entity in the document.
type Cluster struct {
	Name     string   // canonical: the most frequent full form ("Steve Witkoff", not "Witkoff"), longest as tie-break
	Type     string   // "PER", "ORG", "LOC", "MISC"
	Aliases  []string // distinct surface forms, in order of appearance
	Mentions []int    // indexes into Result.Mentions, ascending
}

// Role is a title or role the text gives a person.
type Role struct {
	Cluster    int    // the person's cluster
	Text       string // the role phrase verbatim: "special envoy of the U.S. president", "former U.S. President"
	Head       string // normalized head: "special envoy", "presidential aide", "president", "spokesperson", "head"
	Former     bool   // "former", "ex-"
	Start, End int    // byte span of the role phrase
	Sentence   int    // index into the sentences given
}

// Result is what Extract finds in one document. Mentions are in text order
// and do not overlap.
type Result struct {
	Mentions []Mention
	Clusters []Cluster
	Roles    []Role
}

// sent is one sentence prepared for extraction.
type sent struct {
	idx      int // index into the caller's sentences
	toks     []token
	headline bool // Title-Case or ALL-CAPS line: only confirmed names
	allCaps  bool
	table    bool            // a line of a results table (tables.go)
	gaz      map[int]gazUnit // gazetteer matches by first token
}

type gazUnit struct {
	end int // token index after the unit
	place
	demonym bool // a nationality adjective the document taught (docGazetteer)
}

// span is a mention found in a sentence: tokens [a, b).
type span struct {
	s      int // index into ex.sents
	a, b   int
	typ    string
	key    string // cluster key for gazetteer names; "" otherwise
	strong bool   // found with its own evidence (not only confirmed)
	guess  bool   // a multi-word name taken for a person only by its shape
	alone  bool   // a weak word that was a whole capitalized run
	fixed  bool   // typed by its place in a table or dateline; never retyped
}

type extractor struct {
	text  string
	sents []sent
	spans []span
	weak  []span // single capitalized words waiting for confirmation
	// tokBuf holds the tokens of all sentences (each sentence's toks is a
	// slice of it)
	tokBuf []token
	// sports: a sports report (a sports slug line such as "SOCCER -", or
	// result tables with clubs); places in its prose are mostly clubs
	sports bool
}

// Extract finds the entities of text. sents are its sentences (as from
// textseg.Split); when nil, Extract splits the text itself. Sentences with
// offsets outside text, or overlapping the one before, are ignored. Every
// Mention's and Role's span lies inside text and inside its sentence.
func Extract(text string, sents []textseg.Sentence) Result {
	if sents == nil {
		sents = textseg.Split(text)
	}
	ex := &extractor{text: text, tokBuf: make([]token, 0, len(text)/5+8)}
	prev := 0
	for i, s := range sents {
		if s.Start < prev || s.End > len(text) || s.Start > s.End {
			continue
		}
		prev = s.End
		ex.sents = append(ex.sents, ex.prepare(i, s))
	}
	ex.docGazetteer()
	ex.currencies()
	teams := ex.tables()
	ex.sports = ex.sportsSlug() || len(teams) > 0 && !ex.individualSport()
	for si := range ex.sents {
		if !ex.sents[si].headline && !ex.sents[si].table {
			ex.body(si)
		}
	}
	ex.acronymExpansions()
	ex.settleGuesses()
	ex.resolveWeak()
	ex.nameLists()
	ex.placesThatSpeak()
	lx := ex.lexicon()
	for si := range ex.sents {
		if ex.sents[si].headline {
			ex.headline(si, &lx)
		}
	}
	ex.retypeTeams(teams)
	ex.productsAndIndexes()
	ex.hyphenCompounds()
	return ex.result()
}

func (ex *extractor) prepare(idx int, s textseg.Sentence) sent {
	var toks []token
	toks, ex.tokBuf = tokenizeAppend(ex.tokBuf, ex.text, s.Start, s.End)
	st := sent{idx: idx, toks: toks}
	st.allCaps, st.headline = ex.classifyLine(s, toks)
	st.gaz = gazetteerUnits(toks, st.allCaps)
	return st
}

// classifyLine tells whether a sentence is an ALL-CAPS line or a headline:
// a whole line without final punctuation where most content words are
// capitalized.
func (ex *extractor) classifyLine(s textseg.Sentence, toks []token) (allCaps, headline bool) {
	words, upper, capd, lowerContent := 0, 0, 0, 0
	for _, t := range toks {
		if t.kind != tWord || !t.hasLetter {
			continue
		}
		words++
		if t.upper {
			upper++
		}
		switch {
		case t.cap:
			capd++
		case !titleCaseLower[t.key]:
			lowerContent++
		}
	}
	if words == 0 {
		return false, false
	}
	if upper >= 2 && upper*10 >= words*6 || words == 1 && upper == 1 {
		return true, true
	}
	// a line of its own?
	lineStart := strings.LastIndexByte(ex.text[:s.Start], '\n') + 1
	lineEnd := len(ex.text)
	if k := strings.IndexByte(ex.text[s.End:], '\n'); k >= 0 {
		lineEnd = s.End + k
	}
	if strings.TrimSpace(ex.text[lineStart:s.Start]) != "" || strings.TrimSpace(ex.text[s.End:lineEnd]) != "" {
		return false, false
	}
	if endsSentence(toks) || words > maxHeadlineWords || listLine(toks) {
		return false, false
	}
	return false, capd*10 >= (capd+lowerContent)*6
}

// maxHeadlineWords: a line of more words is prose or a list (a team's
// line-up, a results line), not a headline, even without final punctuation.
const maxHeadlineWords = 15

// listLine: a line with three or more commas or semicolons is a list of
// names ("Anna Brodsky , Tomas Weller , …"), not a headline.
func listLine(toks []token) bool {
	n := 0
	for _, t := range toks {
		if t.text == "," || t.text == ";" {
			n++
		}
	}
	return n >= 3
}

// titleCaseLower: words a Title-Case headline leaves in lower case.
var titleCaseLower = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "nor": true, "of": true,
	"in": true, "on": true, "at": true, "by": true, "for": true, "to": true, "with": true, "from": true,
	"as": true, "vs": true, "via": true, "into": true, "over": true, "amid": true, "after": true,
}

// endsSentence reports whether the last token (before closing quotes and
// brackets) is final punctuation.
func endsSentence(toks []token) bool {
	for k := len(toks) - 1; k >= 0; k-- {
		t := toks[k]
		if t.kind == tWord {
			return strings.HasSuffix(t.text, ".") && !isInitial(strings.TrimSuffix(t.text, "."))
		}
		switch t.text {
		case ".", "!", "?", "…":
			return true
		case "\"", "”", "’", "'", ")", "]", "»":
			continue
		}
		return false
	}
	return false
}

// joinKey folds tokens [a, b) into one key, with a space between tokens that
// the text separates by spaces: "U.S." → "us", "Nur-Sultan" → "nur-sultan".
func joinKey(toks []token, a, b int) string {
	if b == a+1 {
		return toks[a].key
	}
	return string(appendKey(nil, toks, a, b))
}

// appendKey appends the joinKey of tokens [a, b) to buf.
func appendKey(buf []byte, toks []token, a, b int) []byte {
	for k := a; k < b; k++ {
		if k > a && toks[k].start > toks[k-1].end {
			buf = append(buf, ' ')
		}
		buf = append(buf, toks[k].key...)
	}
	return buf
}

// gazetteerUnits finds the longest gazetteer matches: each must start and
// end with a capitalized word.
func gazetteerUnits(toks []token, allCaps bool) map[int]gazUnit {
	units := map[int]gazUnit{}
	var keyBuf []byte
	var endsBuf []int
	for i := 0; i < len(toks); {
		if !toks[i].cap {
			i++
			continue
		}
		found := false
		// the keys of tokens [i, b) for every b, built once: the key of
		// [i, b) is buf[:ends[b-i-1]]
		maxB := min(len(toks), i+2*maxPlaceLen+1)
		buf, ends := keyBuf[:0], endsBuf[:0]
		for b := i + 1; b <= maxB; b++ {
			if b-1 > i && toks[b-1].start > toks[b-2].end {
				buf = append(buf, ' ')
			}
			buf = append(buf, toks[b-1].key...)
			ends = append(ends, len(buf))
		}
		keyBuf, endsBuf = buf, ends
		for b := maxB; b > i; b-- {
			last := toks[b-1]
			if !last.cap && !(last.kind == tWord && !last.hasLetter && b-1 > i) && !last.poss {
				continue
			}
			if last.poss {
				continue
			}
			p, ok := placeKeys[string(buf[:ends[b-i-1]])]
			if !ok {
				continue
			}
			key := toks[i].key
			if b > i+1 {
				key = string(buf[:ends[b-i-1]])
			}
			if allCaps && b == i+1 && commonWords[key] {
				continue // "WHO", "AP" in an all-caps line
			}
			if b == i+1 && !toks[i].upper && len(key) <= 3 && p.typ == "ORG" && strings.ToUpper(toks[i].text) != toks[i].text {
				continue // "Ap" is not "AP"
			}
			units[i] = gazUnit{end: b, place: p}
			i = b
			found = true
			break
		}
		if !found {
			i++
		}
	}
	return units
}

// nameish: a capitalized word that can be part of a name.
func nameish(t token) bool {
	return t.kind == tWord && t.cap && !t.poss && !calendar[t.key]
}

func isCommon(t token) bool { return commonWords[t.key] }

// isDictWord: a common word or one of the wider dictionary (dictwords.txt),
// for places where capitalization tells little or a surname is unlikely.
func isDictWord(t token) bool { return commonWords[t.key] || dictWords[t.key] }

// isFirstName: a known first name; one of the hand-made table that is also
// a common word ("Mark", "Will") only away from the start of a sentence.
// Given names of the open lists (givennames.txt) never collide with a
// gazetteer entry or common word (they are filtered when loaded).
func isFirstName(t token) bool {
	k := t.key
	if givenNames[k] {
		return true
	}
	if !firstNames[k] {
		return false
	}
	return !commonWords[k] || !t.initial
}

// placePrefixes start place names ("San Marino", "St Louis", "Port Said").
var placePrefixes = map[string]bool{
	"san": true, "santa": true, "santo": true, "sao": true, "st": true, "saint": true, "ste": true,
	"port": true, "fort": true, "mount": true, "lake": true, "cape": true, "los": true, "las": true,
	"new": true, "north": true, "south": true, "east": true, "west": true, "upper": true, "lower": true,
}

var particles = map[string]bool{
	"de": true, "van": true, "von": true, "der": true, "den": true, "bin": true, "ibn": true, "al": true,
	"el": true, "da": true, "di": true, "du": true, "la": true, "le": true, "dos": true, "das": true,
	"del": true, "ter": true, "ten": true, "zu": true, "bint": true, "abu": true,
}

var speechVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "added": true, "noted": true, "stressed": true,
	"emphasized": true, "emphasised": true, "explained": true, "wrote": true, "argued": true,
	"insisted": true, "warned": true, "claimed": true, "stated": true, "tweeted": true, "confirmed": true,
	"denied": true, "replied": true, "asked": true, "announced": true, "recalled": true, "admitted": true,
	"believes": true, "thinks": true, "thanked": true, "urged": true, "met": true, "spoke": true,
	"visited": true, "described": true, "declined": true, "reiterated": true, "acknowledged": true,
}

// body finds the mentions of a non-headline sentence.
func (ex *extractor) body(si int) {
	st := &ex.sents[si]
	toks := st.toks
	type run struct{ a, b int }
	var runs []run
	for i := 0; i < len(toks); {
		if isCamel(toks[i]) {
			e := camelName(st, i)
			ex.add(span{s: si, a: i, b: e, typ: "MISC", strong: true})
			i = e
			continue
		}
		if _, ok := st.gaz[i]; !ok && !nameish(toks[i]) {
			i++
			continue
		}
		j := i
		for j < len(toks) {
			if j > i && isLegalForm(toks[j-1]) && !isLegalForm(toks[j]) {
				break // "Acme Inc. Dana Vell": two names
			}
			if u, ok := st.gaz[j]; ok {
				j = u.end
				continue
			}
			t := toks[j]
			if nameish(t) {
				if j > i && (t.initial || modelToken(t)) {
					break // "Vellcorp V220": a maker and its model (products.go)
				}
				j++
				continue
			}
			if ampersandJoin(st, i, j) {
				j++ // "Procter & Gamble", "Douglas & Lomason"
				continue
			}
			if e := syllableTail(toks, i, j); e > j {
				j = e // "Kim In-so", "Inzamam-ul-Haq"
				continue
			}
			if j > i && j+1 < len(toks) && t.kind == tWord {
				k := t.key
				next := toks[j+1]
				_, nextGaz := st.gaz[j+1]
				if particles[k] && (nameish(next) || nextGaz) && (!particles[toks[j-1].key] || toks[j-1].cap) {
					j++
					continue
				}
				// "Joost van der Westhuizen": two particles
				if particles[k] && particles[next.key] && !next.cap && j+2 < len(toks) && nameish(toks[j+2]) && !particles[toks[j-1].key] {
					j += 2
					continue
				}
				if k == "of" || k == "for" {
					pk := toks[j-1].text
					if orgKeywords[pk] || locKeywords[pk] || titles[toks[j-1].key] {
						if nameish(next) || nextGaz {
							j++
							continue
						}
						if next.key == "the" && j+2 < len(toks) && nameish(toks[j+2]) {
							j += 2
							continue
						}
					}
				}
			}
			break
		}
		runs = append(runs, run{i, j})
		i = j
	}
	// join runs across a tight hyphen when they form one name
	// ("Kassym-Jomart Tokayev", "Anna Smith-Jones")
	for k := 0; k+1 < len(runs); k++ {
		r1, r2 := runs[k], runs[k+1]
		if r2.a != r1.b+1 || !toks[r1.b].tight || r1.b == r1.a+1 && hyphenPrefixes[toks[r1.a].key] {
			continue // "Ex-Yankee Randy Velarde"
		}
		g1 := inGazSpan(st, r1.b-1)
		_, g2 := st.gaz[r2.a]
		last2 := toks[r2.b-1]
		merge := false
		switch {
		case r2.b-r2.a >= 2 && !g1 && !g2 && !isCommon(last2) && !isKeyword(last2.text):
			merge = true
		case r1.b-r1.a >= 2 && r2.b-r2.a == 1 && !g1 && !g2 && !isCommon(last2) && hasFirstName(toks[r1.a:r1.b-1]):
			merge = true
		}
		if merge {
			runs[k] = run{r1.a, r2.b}
			runs = append(runs[:k+1], runs[k+2:]...)
			k--
		}
	}
	for _, r := range runs {
		if r.b-r.a >= 3 && r.a >= 2 && toks[r.a-1].tight && hyphenPrefixes[toks[r.a-2].key] && !inGazSpan(st, r.a) {
			// "Ex-Yankee Randy Velarde": the former team, then the name
			ex.analyzeRun(si, r.a, r.a+1)
			r.a++
		}
		ex.analyzeRun(si, r.a, r.b)
	}
}

// syllableTail returns the end of a hyphenated lower-case tail of the run
// [i, j) when token j is a tight hyphen: a syllable of a Korean or Chinese
// given name ("Kim In-so", "Chen Chun-yeh"; the run then has two words and
// the word before the hyphen is short) or the particle of an Arabic name
// followed by a capitalized word ("Inzamam-ul-Haq"). It returns j when
// there is none; "Moscow-based" and "Kremlin-led" have none.
func syllableTail(toks []token, i, j int) int {
	if j == i || j+1 >= len(toks) || !toks[j].tight || toks[j].text != "-" || !toks[j-1].cap {
		return j
	}
	s := toks[j+1]
	if s.kind != tWord || s.cap || !s.hasLetter || len(s.text) > 4 || strings.HasSuffix(s.key, "ed") {
		return j
	}
	for _, r := range s.text {
		if r < 'a' || r > 'z' {
			return j
		}
	}
	// "Inzamam-ul-Haq", "Ata-ur-Rehman"
	if j+3 < len(toks) && toks[j+2].tight && toks[j+2].text == "-" && nameish(toks[j+3]) && len(s.text) <= 3 {
		return j + 4
	}
	if j+2 < len(toks) && toks[j+2].tight {
		return j // "In-so-called": not a name's tail
	}
	if j-i >= 2 && len(toks[j-1].text) <= 5 && (len(s.text) <= 2 || !isCommon(s)) {
		return j + 2
	}
	return j
}

// hyphenPart: token k is a tight hyphen or the lower-case word after one
// inside a name ("In-so", "ul-Haq").
func hyphenPart(toks []token, k int) bool {
	t := toks[k]
	if t.tight && t.text == "-" {
		return true
	}
	return k > 0 && t.kind == tWord && !t.cap && toks[k-1].tight && toks[k-1].text == "-"
}

// hyphenPrefixes: capitalized prefixes before a tight hyphen that make an
// adjective of the name after them ("Ex-Yankee", "Anti-Nazi").
var hyphenPrefixes = map[string]bool{
	"ex": true, "anti": true, "pro": true, "non": true, "pre": true, "post": true, "neo": true,
	"pan": true, "mid": true, "former": true,
}

func hasFirstName(toks []token) bool {
	for _, t := range toks {
		if isFirstName(t) {
			return true
		}
	}
	return false
}

func isKeyword(w string) bool { return orgKeywords[w] || locKeywords[w] || miscKeywords[w] }

// isRoleNoun: a one-word role head ("broker", "striker") that is not a
// title and not itself a name.
func isRoleNoun(t token) bool {
	if t.kind != tWord || titles[t.key] || firstNames[t.key] {
		return false
	}
	_, ok := roleHeads[t.key]
	return ok
}

// personWords: tokens [a, b) are capitalized words that can make up a
// person's name: no gazetteer entry, common word or keyword.
func personWords(st *sent, a, b int) bool {
	for k := a; k < b; k++ {
		t := st.toks[k]
		if _, g := st.gaz[k]; g || !nameish(t) || isCommon(t) && !isFirstName(t) || isKeyword(t.text) {
			return false
		}
	}
	return true
}

// titleAt returns the end of the longest title or honorific starting at
// token a (inside [a, b)), or a when there is none.
func titleAt(toks []token, a, b int) (end int, honorific bool) {
	if !toks[a].cap {
		return a, false
	}
	for e := min(b, a+2*maxTitleLen); e > a; e-- {
		if toks[e-1].kind != tWord {
			continue
		}
		k := joinKey(toks, a, e)
		if titles[k] {
			return e, false
		}
	}
	if honorifics[toks[a].key] {
		return a + 1, true
	}
	return a, false
}

func (ex *extractor) add(sp span) { ex.spans = append(ex.spans, sp) }

// analyzeRun classifies a run of capitalized words [a, b).
func (ex *extractor) analyzeRun(si, a, b int) {
	st := &ex.sents[si]
	toks := st.toks
	initialRole := false
	// drop a sentence-initial common word and articles
	for a < b {
		if _, ok := st.gaz[a]; ok {
			break
		}
		t := toks[a]
		k := t.key
		if k == "the" || k == "a" || k == "an" {
			a++
			continue
		}
		if ex.adjCompany(st, a, b) || ampersandRun(st, a, b) {
			// "United Airlines", "General Motors" (products.go)
			ex.add(span{s: si, a: a, b: b, typ: "ORG", strong: true})
			return
		}
		if te, _ := titleAt(toks, a, b); te > a {
			break
		}
		if t.initial && b-a >= 2 && isRoleNoun(t) && personWords(st, a+1, b) {
			// "Broker Khurshid Alam said": a role noun opening the
			// sentence, capitalized only by its place
			a++
			initialRole = true
			continue
		}
		// a dictionary word where only its place capitalizes it; after an
		// opening quote only a common one ("Silent Orchard" is a title)
		dict := isCommon(t) || isDictWord(t) && (a == 0 || !isQuote(toks[a-1].text))
		if t.initial && dict && firstNames[k] && b-a == 2 && personWords(st, a+1, b) && !isDictWord(toks[a+1]) && !toks[a+1].upper {
			// "Mark Brooks , Tom Lehman …": a first name that is also a
			// common word, then a surname no dictionary knows
			ex.add(span{s: si, a: a, b: b, typ: "PER", strong: true})
			return
		}
		if t.initial && dict && !(isFirstName(t) && b-a >= 2) && !keepsInitial(toks, a, b) {
			a++
			continue
		}
		if t.initial && b-a >= 3 && !isFirstName(t) && isFirstName(toks[a+1]) && !isCommon(toks[a+1]) {
			a++ // "Fullback Andre Joubert"
			continue
		}

		break
	}
	if a >= b || b == a+1 && isLegalForm(toks[a]) {
		return
	}
	// person evidence from a lower-case role word just before the run
	personCtx := initialRole
	if a > 0 {
		p := toks[a-1]
		// after "to", "will" and the like the role noun is a verb ("will
		// judge Freedonia"), unless a possessive follows ("to head Marsh's
		// team")
		possAfter := b < len(toks) && toks[b].poss
		if p.kind == tWord && !p.cap && (!verbBefore(toks, a-1) || possAfter) {
			if _, ok := roleHeads[p.key]; ok {
				personCtx = true
			}
		}
	}
	// keyword at the end: the whole run is one organisation, place or event
	for k := b - 1; k >= a; k-- {
		w := toks[k].text
		if k == a && k == b-1 {
			break // a keyword alone is no name
		}
		if k != b-1 {
			nk := toks[k+1].key
			if nk != "of" && nk != "for" && nk != "de" {
				continue
			}
		}
		typ := ""
		switch {
		case ex.sports && competitionWords[w]:
			typ = "MISC" // "the National League", a competition
		case orgKeywords[w]:
			typ = "ORG"
		case locKeywords[w]:
			typ = "LOC"
		case miscKeywords[w]:
			typ = "MISC"
		}
		if typ == "" {
			continue
		}
		if te, _ := titleAt(toks, a, b); te > a && !companyTitle(toks, a, te, b) {
			break // "Foreign Minister …" is not an organisation
		}
		if u, ok := st.gaz[a]; ok && u.end == b {
			break // the gazetteer knows it
		}
		// "German Foreign Ministry": a nationality word before a generic
		// department name is a mention of its own
		if u, ok := st.gaz[a]; ok && u.typ == "MISC" && u.end < b && typ == "ORG" && genericDepartment(toks, u.end, b) {
			ex.add(span{s: si, a: a, b: u.end, typ: u.typ, key: u.key, strong: true})
			a = u.end
		}
		ex.add(span{s: si, a: a, b: b, typ: typ, strong: true})
		return
	}
	// "Radio Free Europe", "Banco Santander", "Radio Freedonia"
	if b-a >= 2 && orgPrefixes[toks[a].text] && (!inGazSpan(st, a+1) || toks[a].text == "Radio") {
		ex.add(span{s: si, a: a, b: b, typ: "ORG", strong: true})
		return
	}
	// titles split the run: modifiers, title, name
	for p := a; p < b; p++ {
		if _, ok := st.gaz[p]; ok {
			p = st.gaz[p].end - 1
			continue
		}
		q, _ := titleAt(toks, p, b)
		if q == p {
			continue
		}
		if companyTitle(toks, p, q, b) {
			p = q // "General Motors": a company, not a title
			continue
		}
		if q >= b {
			// "Acme Robotics CEO": the company before a corporate title
			if ex.orgBeforeTitle(si, a, p, q) {
				return
			}
			continue
		}
		if !ex.orgBeforeTitle(si, a, p, q) {
			ex.segment(si, a, p, false)
		}
		// "President of Freedonia": what follows the title is its
		// complement, a place or organisation, not a person
		if k := toks[q].key; k == "of" || k == "for" {
			ex.segment(si, q+1, b, false)
			return
		}
		// the name after the title
		if u, ok := st.gaz[q]; ok && u.end == b && u.typ != "MISC" {
			ex.add(span{s: si, a: q, b: b, typ: u.typ, key: u.key, strong: true})
			return
		}
		// a second title ("President-elect", "Gen.") is part of the role
		for {
			// "Lieutenant-Colonel": a tight hyphen joins two titles
			at := q
			if toks[q].tight && q+1 < b {
				at = q + 1
			}
			q2, _ := titleAt(toks, at, b)
			if q2 == at || q2 >= b {
				break
			}
			q = q2
		}
		ex.segment(si, q, b, true)
		return
	}
	ex.segment(si, a, b, personCtx)
}

// segment splits [a, b) into gazetteer units and stretches of other
// capitalized words, and classifies each.
func (ex *extractor) segment(si, a, b int, person bool) {
	st := &ex.sents[si]
	toks := st.toks
	start := -1
	flush := func(e int) {
		if start >= 0 && start < e {
			ex.stretch(si, start, e, person)
		}
		start = -1
	}
	for k := a; k < b; {
		u, ok := st.gaz[k]
		if ok && u.end <= b {
			single := u.end == k+1
			// a first name that is also a place or nationality ("Jordan
			// Henderson", "Christian Lindner") starts a name
			if single && (isFirstName(toks[k]) || countryName(st, k, b)) && k+1 < b && nameish(toks[k+1]) && !isCommon(toks[k+1]) {
				if _, g := st.gaz[k+1]; !g && start < 0 {
					start = k
					k++
					continue
				}
			}
			// "George Washington": a first name followed by a one-word place
			if single && start >= 0 && isFirstName(toks[start]) && u.typ == "LOC" {
				k++
				continue
			}
			// "Dynamo Oldtown": in a sports report, a name word or two
			// before a town that ends the run is a club
			if ex.sports && start >= 0 && u.end == b && k-start <= 2 && u.typ == "LOC" && !isFirstName(toks[start]) &&
				personWords(st, start, k) && !countryKey(st, k, u.end) {
				ex.add(span{s: si, a: start, b: b, typ: "ORG", strong: true})
				start = -1
				k = b
				continue
			}
			flush(k)
			if e := ex.clubAfterPlace(st, u, k, b); e > k {
				// "the Acme City Rovers": a club named after its city
				ex.add(span{s: si, a: k, b: e, typ: "ORG", strong: true})
				k = e
				continue
			}
			ex.add(span{s: si, a: k, b: u.end, typ: u.typ, key: u.key, strong: true})
			k = u.end
			continue
		}
		if start < 0 {
			start = k
		}
		k++
	}
	flush(b)
}

// countryKey: tokens [a, b) name a country.
func countryKey(st *sent, a, b int) bool {
	_, ok := countryCanon[joinKey(st.toks, a, b)]
	return ok
}

// countryName: the run [k, b) is a one-word country and one more name
// word that no table knows ("Chad Ogea", "Jordan Pell"): a person named
// like the country, since a country and a bare word makes no other name.
func countryName(st *sent, k, b int) bool {
	if b != k+2 || st.toks[k].poss {
		return false
	}
	if _, ok := countryCanon[st.toks[k].key]; !ok {
		return false
	}
	return personWords(st, k+1, b) && !pluralShape(st.toks[k+1].text)
}

// pluralShape: w ends like an English plural ("Lamps", "Rovers"), not
// like a name ending in s ("Curtis", "Marcus", "Ross").
func pluralShape(w string) bool {
	if !strings.HasSuffix(w, "s") {
		return false
	}
	for _, e := range []string{"is", "us", "ss", "os", "as"} {
		if strings.HasSuffix(w, e) {
			return false
		}
	}
	return true
}

// stretch classifies capitalized words [a, b) that no gazetteer knows.
func (ex *extractor) stretch(si, a, b int, person bool) {
	toks := ex.sents[si].toks
	// trim connectors and particles at the edges
	for a < b && (!toks[a].cap || toks[a].kind != tWord) {
		a++
	}
	for b > a && (!toks[b-1].cap || toks[b-1].kind != tWord) && !hyphenPart(toks, b-1) {
		b--
	}
	if a >= b {
		return
	}
	n := b - a
	if person {
		ex.add(span{s: si, a: a, b: b, typ: "PER", strong: true})
		return
	}
	if !isFirstName(toks[a]) && orgContext(toks, a, b) {
		ex.add(span{s: si, a: a, b: b, typ: "ORG", strong: true})
		return
	}
	if n >= 2 && placePrefixes[toks[a].key] {
		ex.add(span{s: si, a: a, b: b, typ: "LOC", strong: true})
		return
	}
	if a > 0 && toks[a-1].key == "the" && !isFirstName(toks[a]) {
		// "the Baltimore Orioles": a team or group, not a person
		plural := strings.HasSuffix(toks[b-1].text, "s") && !isCommon(toks[b-1])
		if plural {
			ex.add(span{s: si, a: a, b: b, typ: "ORG", strong: true})
			return
		}
		if n >= 2 {
			return
		}
	}
	if n >= 2 {
		if isFirstName(toks[a]) || isInitial(strings.TrimSuffix(toks[a].text, ".")) {
			if !isCommon(toks[b-1]) || isFirstName(toks[a]) && !isCommon(toks[a]) {
				ex.add(span{s: si, a: a, b: b, typ: "PER", strong: true})
				return
			}
		}
		nameLike := true
		for k := a; k < b; k++ {
			t := toks[k]
			if t.kind != tWord || !t.hasLetter || isCommon(t) && !isFirstName(t) && (k < b-1 || k == a) || t.upper {
				if t.kind == tWord && particles[t.key] || hyphenPart(toks, k) {
					continue
				}
				if isInitial(strings.TrimSuffix(t.text, ".")) && k > a {
					continue
				}
				nameLike = false
				break
			}
		}
		if nameLike {
			// no first name, title or role: settleGuesses decides
			ex.add(span{s: si, a: a, b: b, typ: "PER", strong: true, guess: true})
			return
		}
		// several words, some of them common: wait for confirmation word by word
		for k := a; k < b; k++ {
			if toks[k].cap && !isCommon(toks[k]) {
				ex.weak = append(ex.weak, span{s: si, a: k, b: k + 1})
			}
		}
		return
	}
	t := toks[a]
	if t.upper && !nonAcronyms[t.text] && !strings.Contains(t.text, ".") && len(t.text) <= 6 && len(t.text) >= 2 {
		ex.add(span{s: si, a: a, b: b, typ: "ORG", strong: true})
		return
	}
	ex.weak = append(ex.weak, span{s: si, a: a, b: b, alone: true})
}

// keepsInitial: the sentence-initial dictionary word at a heads an
// organisation's name: "Bank of Freedonia", "Arch Petroleum Inc" (a run
// ending in a legal form).
func keepsInitial(toks []token, a, b int) bool {
	t := toks[a]
	if b-a < 2 || functionWord[t.key] {
		return false
	}
	if b-a >= 3 && orgKeywords[t.text] && (toks[a+1].key == "of" || toks[a+1].key == "for") || orgPrefixes[t.text] {
		return true
	}
	return isLegalForm(toks[b-1]) && b-a <= 4
}

// orgPrefixes start organisation names.
var orgPrefixes = map[string]bool{"Radio": true, "Banco": true, "Banca": true, "Banque": true}

// departments name the portfolio of a ministry or office.
var departments = map[string]bool{
	"foreign": true, "defence": true, "defense": true, "interior": true, "finance": true,
	"justice": true, "health": true, "economy": true, "trade": true, "agriculture": true,
	"education": true, "transport": true, "energy": true, "environment": true, "culture": true,
	"labour": true, "labor": true, "emergencies": true, "information": true, "industry": true,
	"home": true, "war": true, "treasury": true, "state": true, "economic": true,
}

// genericDepartment: tokens [a, b) are a portfolio and a keyword
// ("Foreign Ministry", "Defence Ministry").
func genericDepartment(toks []token, a, b int) bool {
	if b-a < 2 {
		return false
	}
	for k := a; k < b-1; k++ {
		if !departments[toks[k].key] {
			return false
		}
	}
	switch toks[b-1].text {
	case "Ministry", "Office", "Department", "Committee", "Service", "Ministries":
		return true
	}
	return false
}

// orgNouns: lower-case nouns that, right before a name ("whose firm Acme
// Hydro") or after "the" and a name ("the Acme Hydro firm"), say that the
// name is an organisation's.
var orgNouns = map[string]bool{
	"firm": true, "company": true, "group": true, "agency": true, "newspaper": true,
	"outlet": true, "broadcaster": true, "website": true, "operator": true, "subsidiary": true,
	"conglomerate": true, "airline": true, "manufacturer": true, "insurer": true,
	"lender": true, "retailer": true, "maker": true, "startup": true, "consortium": true,
	"daily": true, "weekly": true, "tabloid": true, "broadsheet": true, "publisher": true,
}

// orgContext: an organisation noun next to the capitalized words [a, b).
func orgContext(toks []token, a, b int) bool {
	if a > 0 && toks[a-1].kind == tWord && !toks[a-1].cap && orgNouns[toks[a-1].key] {
		return true
	}
	return b < len(toks) && a > 0 && toks[a-1].key == "the" &&
		toks[b].kind == tWord && !toks[b].cap && orgNouns[toks[b].key]
}

// settleGuesses decides the multi-word names taken for people by their
// shape alone (no first name, title, role or honorific). One that starts
// with the surname of a person named in full elsewhere in the document
// ("Acme" in "Acme Hydro" when "John Acme" is a person) is an organisation
// named after that person; one after "in" or "the town of" is a place; one
// before an organisation noun ("Le Matin newspaper") an organisation; a
// whole quotation a title (MISC); one whose last word is a dictionary word
// (dictwords.txt) an organisation ("Gold Fields"). The rest stay people: on
// news text a capitalized pair of unknown words is most often a person.
func (ex *extractor) settleGuesses() {
	surnames := map[string]bool{}
	for _, sp := range ex.spans {
		if sp.typ == "PER" && sp.b-sp.a >= 2 && !sp.guess {
			surnames[ex.sents[sp.s].toks[sp.b-1].key] = true
		}
	}
	// single words the document uses alone: a person is named alone by
	// the last word of the name, a company by the first
	var lone map[string]int
	for _, w := range ex.weak {
		if w.b == w.a+1 {
			if lone == nil {
				lone = map[string]int{}
			}
			lone[ex.sents[w.s].toks[w.a].key]++
		}
	}
	for i, sp := range ex.spans {
		if !sp.guess {
			continue
		}
		toks := ex.sents[sp.s].toks
		if surnames[toks[sp.a].key] && !surnames[toks[sp.b-1].key] {
			ex.spans[i].typ, ex.spans[i].guess = "ORG", false
			continue
		}
		if first := toks[sp.a].key; lone[first] > lone[toks[sp.b-1].key] && !firstNames[first] && ex.commonNoun(toks[sp.b-1]) {
			// "Quillon Computer … Quillon said": named by its first word,
			// and its last is a common noun, a company's
			ex.spans[i].typ, ex.spans[i].guess = "ORG", false
			continue
		}
		switch {
		case prevWord(toks, sp.a, 1) == "in" || placeOf(toks, sp.a):
			// "in Sergiyev Posad", "the town of Bou Haroun"
			ex.spans[i].typ = "LOC"
		case sp.b < len(toks) && toks[sp.b].kind == tWord && !toks[sp.b].cap && orgNouns[toks[sp.b].key],
			orgCue(toks, sp.a, sp.b) && !isFirstName(toks[sp.a]):
			// "Le Matin newspaper"
			ex.spans[i].typ = "ORG"
		case sp.a > 0 && sp.b < len(toks) && isQuote(toks[sp.a-1].text) && isQuote(toks[sp.b].text):
			// a quoted title: "Sleeping Bread"
			ex.spans[i].typ = "MISC"
		case sp.b-sp.a >= 2 && isDictWord(toks[sp.b-1]) && !isFirstName(toks[sp.b-1]):
			// "Gold Fields", "Hindustan Copper": a surname is rarely a
			// dictionary word; such a name is more often an organisation
			ex.spans[i].typ = "ORG"
		}
		ex.spans[i].guess = false
	}
}

// commonNoun: t is a common word, or the document writes it (or its
// plural) in lower case ("Quillon Computer … two computers").
func (ex *extractor) commonNoun(t token) bool {
	if isCommon(t) {
		return true
	}
	for si := range ex.sents {
		for _, u := range ex.sents[si].toks {
			if u.kind == tWord && !u.cap && (u.key == t.key || u.key == t.key+"s") {
				return true
			}
		}
	}
	return false
}

// prevWord returns the folded token n places before token a, or "".
func prevWord(toks []token, a, n int) string {
	if a-n < 0 {
		return ""
	}
	return toks[a-n].key
}

// placeOf: "town of", "city of" … before token a.
func placeOf(toks []token, a int) bool {
	if prevWord(toks, a, 1) != "of" {
		return false
	}
	switch prevWord(toks, a, 2) {
	case "town", "city", "village", "province", "region", "district", "port", "suburb", "state", "island":
		return true
	}
	return false
}

// lexicon is what the body's confident mentions tell about names.
type lexicon struct {
	surface    map[string]span // folded surface → a strong span with it
	surnames   map[string]bool // folded last words of people's names
	placeHeads map[string]bool // folded X of a place "X River", "X Dam"
	surnameTr  map[string]bool // translitKey of surnames, made on first use
	orgHeads   map[string]bool // folded first words of multi-word organisations
}

func (ex *extractor) lexicon() lexicon {
	lx := lexicon{surface: make(map[string]span, len(ex.spans)), surnames: make(map[string]bool, len(ex.spans)/2), placeHeads: map[string]bool{}}
	for _, sp := range ex.spans {
		toks := ex.sents[sp.s].toks
		k := joinKey(toks, sp.a, sp.b)
		if _, ok := lx.surface[k]; !ok {
			lx.surface[k] = sp
		}
		if sp.typ == "LOC" && sp.b == sp.a+2 && locKeywords[toks[sp.b-1].text] {
			lx.placeHeads[toks[sp.a].key] = true
		}
		if sp.typ == "PER" {
			lx.surnames[toks[sp.b-1].key] = true
		}
		if h, ok := orgHead(toks, sp); ok {
			if lx.orgHeads == nil {
				lx.orgHeads = map[string]bool{}
			}
			lx.orgHeads[h] = true
		}
	}
	return lx
}

// personBySurname finds the surname a single word names: the same, a
// transliteration or (for words of at least 5 letters that are neither
// common words nor first names) a one-letter misspelling.
func (lx *lexicon) personBySurname(t token) bool {
	k := t.key
	if lx.surnames[k] {
		return true
	}
	if isCommon(t) || firstNames[k] {
		return false
	}
	if _, ok := placeKeys[k]; ok {
		return false
	}
	if lx.surnameTr == nil {
		lx.surnameTr = map[string]bool{}
		for s := range lx.surnames {
			lx.surnameTr[translitKey(s)] = true
		}
	}
	if lx.surnameTr[translitKey(k)] {
		return true
	}
	for s := range lx.surnames {
		if OneEdit(s, k) {
			return true
		}
	}
	return false
}

// resolveWeak decides the single capitalized words that had no evidence of
// their own.
func (ex *extractor) resolveWeak() {
	lx := ex.lexicon()
	var firsts map[string]bool // first words of the document's full names
	var parts map[string]bool  // every other name word of those names
	for _, sp := range ex.spans {
		if sp.typ == "PER" && sp.b-sp.a >= 2 {
			if firsts == nil {
				firsts, parts = map[string]bool{}, map[string]bool{}
			}
			toks := ex.sents[sp.s].toks
			firsts[toks[sp.a].key] = true
			for k := sp.a; k < sp.b; k++ {
				if toks[k].kind == tWord && toks[k].cap && !isCommon(toks[k]) && !particles[toks[k].key] && !isInitial(strings.TrimSuffix(toks[k].text, ".")) {
					parts[toks[k].key] = true
				}
			}
		}
	}
	// a lone name followed by an age ("Vell , 45 , said") is a person's,
	// and so is the same word elsewhere in the document
	for _, w := range ex.weak {
		toks := ex.sents[w.s].toks
		if w.b == w.a+1 && ageAfter(toks, w.b) && !isCommon(toks[w.a]) {
			lx.surnames[toks[w.a].key] = true
		}
	}
	// a lone name with a company cue ("shares of Quillon") names a
	// company in the whole document
	var cued map[string]bool
	for _, w := range ex.weak {
		toks := ex.sents[w.s].toks
		if w.b == w.a+1 && orgCue(toks, w.a, w.b) && !isFirstName(toks[w.a]) && !lx.surnames[toks[w.a].key] && !isCommon(toks[w.a]) {
			if cued == nil {
				cued = map[string]bool{}
			}
			cued[toks[w.a].key] = true
		}
	}
	for _, w := range ex.weak {
		toks := ex.sents[w.s].toks
		t := toks[w.a]
		k := t.key
		if sp, ok := lx.surface[k]; ok {
			ex.add(span{s: w.s, a: w.a, b: w.b, typ: sp.typ, key: sp.key})
			continue
		}
		if lx.orgHeads[k] && !lx.surnames[k] && (w.a == 0 || !locPreps[toks[w.a-1].key]) {
			// "Acme" after "Acme Robotics" (but "to Acme" is a place)
			ex.add(span{s: w.s, a: w.a, b: w.b, typ: "ORG"})
			continue
		}
		if cued[k] {
			// "shares of Quillon", "Quillon 's board"
			ex.add(span{s: w.s, a: w.a, b: w.b, typ: "ORG"})
			continue
		}
		if lx.personBySurname(t) {
			ex.add(span{s: w.s, a: w.a, b: w.b, typ: "PER"})
			continue
		}
		if parts[k] && !t.upper {
			// "Megawati 's lawyers" after "Megawati Sukarnoputri", "Matos"
			// after "Luis Raul Matos Azocar": a word of a full name
			ex.add(span{s: w.s, a: w.a, b: w.b, typ: "PER"})
			continue
		}
		if isCommon(t) || t.upper || !t.hasLetter {
			continue
		}
		var next, prev string
		if w.b < len(toks) {
			next = toks[w.b].key
		}
		if w.a > 0 {
			prev = toks[w.a-1].key
		}
		switch {
		case speechVerbs[next]:
			ex.add(span{s: w.s, a: w.a, b: w.b, typ: "PER"})
		case hasNameSuffix(k) && len(k) >= 5:
			ex.add(span{s: w.s, a: w.a, b: w.b, typ: "PER"})
		case isFirstName(t) && (!t.initial || firsts[k]):
			// a known first name alone; also at a sentence start when the
			// document names the person in full ("Dana Vell")
			ex.add(span{s: w.s, a: w.a, b: w.b, typ: "PER"})
		case (prev == "in" || prev == "near" || prev == "outside") && !t.initial:
			ex.add(span{s: w.s, a: w.a, b: w.b, typ: "LOC"})
		case w.b < len(toks) && !toks[w.b].cap && locKeywords[capitalize(toks[w.b].text)]:
			// "the Ostra reservoir", "the Selka river"
			ex.add(span{s: w.s, a: w.a, b: w.b, typ: "LOC"})
		case lx.placeHeads[k]:
			// "the Selka" after "the Selka River"
			ex.add(span{s: w.s, a: w.a, b: w.b, typ: "LOC"})
		case w.b < len(toks) && ordinalToken(toks[w.b]) || shirtNumberBefore(toks, w.a):
			// a player in a line-up: "16 - Gomez", "( Gomez 86th )"
			ex.add(span{s: w.s, a: w.a, b: w.b, typ: "PER"})
		case ex.sports && w.alone && !isFirstName(t) && !calendar[k] && !isKeyword(t.text) && !rolePlural(k) &&
			!(t.initial && strings.HasSuffix(k, "ing")) && next != ":" && !locPreps[prev] &&
			(w.a == 0 || !toks[w.a-1].tight) && (w.b >= len(toks) || !toks[w.b].tight):
			// sports news: an unknown name that is no player's is a club
			// ("Essex need another 148")
			ex.add(span{s: w.s, a: w.a, b: w.b, typ: "ORG"})
		}
	}
}

// rolePlural: k is the plural of a role noun ("midfielders", "forwards").
func rolePlural(k string) bool {
	if !strings.HasSuffix(k, "s") {
		return false
	}
	_, ok := roleHeads[strings.TrimSuffix(k, "s")]
	return ok
}

// ageAfter: tokens from i are ", NN ," or ", NN )" with NN a plausible
// age (15 to 99), as news text gives a person's age after the name.
func ageAfter(toks []token, i int) bool {
	if i+2 >= len(toks) || toks[i].text != "," || (toks[i+2].text != "," && toks[i+2].text != ")" && toks[i+2].text != ".") {
		return false
	}
	n := toks[i+1].text
	if len(n) != 2 || n[0] < '1' || n[0] > '9' || n[1] < '0' || n[1] > '9' {
		return false
	}
	return n >= "15"
}

// placesThatSpeak retypes a one-word place that is a first name or the
// surname of a person in the document and is followed by a speech verb
// ("Jordan said") as a person. A one-word place that is the last word of a
// person's full name in the document ("Dana Jordan … Jordan 's film") is
// that person too, unless the document also names the place after a
// locative preposition ("in Jordan", but not "in Jordan 's film").
func (ex *extractor) placesThatSpeak() {
	lx := ex.lexicon()
	var full map[string]bool // last words of people's multi-word names
	for _, sp := range ex.spans {
		if sp.typ == "PER" && sp.b-sp.a >= 2 {
			if full == nil {
				full = map[string]bool{}
			}
			full[ex.sents[sp.s].toks[sp.b-1].key] = true
		}
	}
	// places the document names after a locative preposition
	var located map[string]bool
	for _, sp := range ex.spans {
		if sp.typ == "LOC" && sp.b == sp.a+1 && full[ex.sents[sp.s].toks[sp.a].key] && locPreps[prevWord(ex.sents[sp.s].toks, sp.a, 1)] &&
			(sp.b >= len(ex.sents[sp.s].toks) || !ex.sents[sp.s].toks[sp.b].poss) {
			if located == nil {
				located = map[string]bool{}
			}
			located[ex.sents[sp.s].toks[sp.a].key] = true
		}
	}
	for i, sp := range ex.spans {
		if sp.typ != "LOC" || sp.b != sp.a+1 || ex.sents[sp.s].headline || sp.fixed {
			continue
		}
		toks := ex.sents[sp.s].toks
		k := toks[sp.a].key
		if full[k] && !located[k] {
			ex.spans[i].typ, ex.spans[i].key = "PER", ""
			continue
		}
		if sp.b >= len(toks) || !speechVerbs[toks[sp.b].key] {
			continue
		}
		if _, isCountry := countryCanon[k]; isCountry && !firstNames[k] {
			continue
		}
		if firstNames[k] || lx.surnames[k] {
			ex.spans[i].typ, ex.spans[i].key = "PER", ""
		}
	}
}

// capitalize upper-cases the first letter of an ASCII word.
func capitalize(w string) string {
	if w == "" || w[0] < 'a' || w[0] > 'z' {
		return w
	}
	return string(w[0]-'a'+'A') + w[1:]
}

func hasNameSuffix(k string) bool {
	for _, s := range nameSuffixes {
		if strings.HasSuffix(k, s) && len(k) > len(s)+2 {
			return true
		}
	}
	return false
}

// headline takes from a headline line only the names the body or the
// gazetteers confirm.
func (ex *extractor) headline(si int, lx *lexicon) {
	st := &ex.sents[si]
	toks := st.toks
	if competitionHeader(toks) {
		// "EASTERN DIVISION", "AMERICAN LEAGUE": a standings table's header
		ex.add(span{s: si, a: 0, b: len(toks), typ: "MISC", strong: true})
		return
	}
	for i := 0; i < len(toks); {
		t := toks[i]
		if !nameish(t) {
			if _, ok := st.gaz[i]; !ok {
				i++
				continue
			}
		}
		if u, ok := st.gaz[i]; ok {
			ex.add(span{s: si, a: i, b: u.end, typ: u.typ, key: u.key, strong: true})
			i = u.end
			continue
		}
		matched := false
		for b := min(len(toks), i+4); b > i+1; b-- {
			if sp, ok := lx.surface[joinKey(toks, i, b)]; ok && toks[b-1].kind == tWord {
				ex.add(span{s: si, a: i, b: b, typ: sp.typ, key: sp.key})
				i = b
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		// a known first name (or an initial) and a surname-like word
		if e := headlineName(st, i); e > i {
			ex.add(span{s: si, a: i, b: e, typ: "PER"})
			i = e
			continue
		}
		if sp, ok := lx.surface[t.key]; ok {
			ex.add(span{s: si, a: i, b: i + 1, typ: sp.typ, key: sp.key})
		} else if !st.allCaps && lx.personBySurname(t) || st.allCaps && lx.surnames[t.key] && !isDictWord(t) && len(t.key) >= 4 {
			ex.add(span{s: si, a: i, b: i + 1, typ: "PER"})
		}
		i++
	}
}

// competitionHeader: a line of two or three capitalized words ending in
// "Division", "Conference" or "League" and nothing else: the header of a
// part of a standings table ("EASTERN DIVISION", "PACIFIC CONFERENCE").
func competitionHeader(toks []token) bool {
	if len(toks) < 2 || len(toks) > 3 {
		return false
	}
	for _, t := range toks {
		if t.kind != tWord || !t.cap || !t.hasLetter {
			return false
		}
	}
	switch toks[len(toks)-1].key {
	case "division", "conference", "league":
		return true
	}
	return false
}

// headlineName matches "First Surname", "First-Second Surname" and
// "F. Surname" at token i of a headline, returning the end token or i.
func headlineName(st *sent, i int) int {
	toks := st.toks
	t := toks[i]
	j := i + 1
	switch {
	case isInitial(strings.TrimSuffix(t.text, ".")) && strings.HasSuffix(t.text, "."):
	case isFirstName(t) && !isCommon(t):
		if j+1 < len(toks) && toks[j].tight && nameish(toks[j+1]) && j+2 < len(toks) && nameish(toks[j+2]) {
			j += 2 // "Jean-Michel Monin"
		}
	default:
		return i
	}
	if j >= len(toks) || !nameish(toks[j]) || isCommon(toks[j]) || toks[j].upper {
		return i
	}
	if _, g := st.gaz[j]; g {
		return i
	}
	return j + 1
}

// result turns spans into mentions, clusters and roles.
func (ex *extractor) result() Result {
	sort.SliceStable(ex.spans, func(i, j int) bool {
		a, b := ex.spans[i], ex.spans[j]
		if a.s != b.s {
			return a.s < b.s
		}
		return a.a < b.a
	})
	var spans []span
	for _, sp := range ex.spans {
		if n := len(spans); n > 0 && spans[n-1].s == sp.s && spans[n-1].b > sp.a {
			continue // overlaps the one before
		}
		spans = append(spans, sp)
	}
	var res Result
	for _, sp := range spans {
		toks := ex.sents[sp.s].toks
		st, en := toks[sp.a].start, toks[sp.b-1].end
		res.Mentions = append(res.Mentions, Mention{
			Start: st, End: en, Text: ex.text[st:en], Type: sp.typ, Sentence: ex.sents[sp.s].idx,
		})
	}
	ex.cluster(&res, spans)
	ex.roles(&res, spans)
	return res
}

// locPreps: prepositions before a place.
var locPreps = map[string]bool{"in": true, "at": true, "near": true, "from": true, "outside": true, "into": true, "to": true}

// clubAfterPlace returns the end of a club's name that starts with the
// place unit u at token k, inside the run [k, b): the place followed by
// capitalized words that end in a plural ("Acme City Rovers", "Oldtown
// Giants"), or, in a sports report, by any name words ("Oldtown United").
// It returns k when there is none.
func (ex *extractor) clubAfterPlace(st *sent, u gazUnit, k, b int) int {
	if u.typ != "LOC" || u.end >= b {
		return k
	}
	if _, isCountry := countryCanon[joinKey(st.toks, k, u.end)]; isCountry && !ex.sports {
		return k
	}
	toks := st.toks
	e := u.end
	for e < b && toks[e].kind == tWord && toks[e].cap && !toks[e].poss {
		if g, ok := st.gaz[e]; ok && g.typ != "MISC" {
			break
		}
		e++
	}
	if e == u.end || e-u.end > 2 {
		return k
	}
	last := toks[e-1].text
	if _, isCountry := countryCanon[joinKey(st.toks, k, u.end)]; isCountry && e-u.end == 1 && !clubSuffixes[last] && !pluralShape(last) {
		return k // "Chad Ogea": a country and one more name is no club
	}
	plural := strings.HasSuffix(last, "s") && !isCommon(toks[e-1]) || last == "Sox"
	if plural || ex.sports && (clubSuffixes[last] || !isCommon(toks[e-1]) && !isKeyword(last)) {
		return e
	}
	return k
}

// clubSuffixes: words that follow a town's name in the names of clubs.
var clubSuffixes = map[string]bool{
	"United": true, "City": true, "Town": true, "County": true, "Athletic": true, "Albion": true,
	"Rovers": true, "Wanderers": true, "Rangers": true, "Celtic": true, "Orient": true,
	"Athletico": true, "Olympic": true, "Dynamo": true, "Sporting": true, "Real": true, "Thistle": true,
}

// competitionWords end the names of competitions in sports reports.
var competitionWords = map[string]bool{"League": true, "Division": true, "Conference": true, "Premiership": true}
