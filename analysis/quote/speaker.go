package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tWord tokKind = iota
	tPunct
	tQuote // a whole quote, marks included
)

type token struct {
	start, end int
	kind       tokKind
	low        string // lower-case text of a word or punctuation mark
	upper      bool   // a word starting with an upper-case letter
}

// titleAbbrevs keep their period inside the word ("Mr.").
var titleAbbrevs = setOf("mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "prof", "lt", "col",
	"sgt", "st", "capt", "adm", "amb", "pres", "jr", "sr", "rev", "del", "hon", "fr", "msgr", "atty",
	"supt", "det", "maj", "cpl", "pvt", "cmdr", "sens", "reps", "gens")

// tokens splits text[a:b] into words and punctuation; any quote found by
// findQuotes becomes one tQuote token.
func (x *extractor) tokens(a, b int) []token {
	t := x.text
	if a < 0 {
		a = 0
	}
	if b > len(t) {
		b = len(t)
	}
	var out []token
	qi := sort.Search(len(x.quotes), func(i int) bool { return x.quotes[i].stop > a })
	for i := a; i < b; {
		for qi < len(x.quotes) && x.quotes[qi].stop <= i {
			qi++
		}
		if qi < len(x.quotes) && x.quotes[qi].open <= i {
			e := min(max(x.quotes[qi].stop, i+1), b)
			out = append(out, token{start: i, end: e, kind: tQuote})
			i = e
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:b])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		if !isWordRune(r) {
			out = append(out, token{start: i, end: i + size, kind: tPunct, low: string(r)})
			i += size
			continue
		}
		j := i + size
		for j < b {
			r2, s2 := utf8.DecodeRuneInString(t[j:b])
			if isWordRune(r2) {
				j += s2
				continue
			}
			if strings.ContainsRune("'’-.&‐/", r2) && j+s2 < b {
				prev, _ := utf8.DecodeLastRuneInString(t[i:j])
				if r3, _ := utf8.DecodeRuneInString(t[j+s2 : b]); isWordRune(r3) && (r2 != '/' || unicode.IsDigit(prev) && unicode.IsDigit(r3)) {
					j += s2
					continue
				}
			}
			break
		}
		low := strings.ToLower(t[i:j])
		if j < b && t[j] == '.' && (strings.Contains(low, ".") || titleAbbrevs[low] || (j-i == 1 && unicode.IsUpper(r))) {
			j++
			low += "."
		}
		out = append(out, token{start: i, end: j, kind: tWord, low: low, upper: unicode.IsUpper(r)})
		i = j
	}
	return out
}

func isDash(s string) bool { return s == "—" || s == "―" || s == "–" || s == "-" }

func skipPunct(toks []token) []token {
	for len(toks) > 0 && toks[0].kind == tPunct {
		toks = toks[1:]
	}
	return toks
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// speechVerbs are finite forms of verbs that attribute words to a speaker.
var speechVerbs = setOf(
	"said", "says", "say", "told", "tells", "tell", "added", "adds", "add", "noted",
	"stated", "stressed", "stresses", "emphasized", "emphasised", "emphasizes",
	"emphasises", "explained", "explains", "explain", "warned", "warns", "warn",
	"wrote", "writes", "write", "asked", "asks", "ask", "replied", "replies", "insisted", "insists",
	"insist", "claimed", "declared", "declares", "announced", "announces",
	"tweeted", "posted", "remarked", "continued", "argued", "argues", "argue",
	"observed", "recalled", "recalls", "commented", "responded", "answered", "acknowledged",
	"acknowledges", "admitted", "admits", "conceded", "concedes", "confirmed", "confirms",
	"denied", "denies", "suggested", "suggests", "predicted", "predicts", "promised",
	"vowed", "urged", "urges", "reiterated", "reiterates", "underlined", "underscored",
	"highlighted", "clarified", "mentioned", "described", "describes", "called",
	"characterized", "characterised", "termed", "dubbed", "concluded",
	"complained", "joked", "quipped", "reported", "criticized", "criticised",
	"pointed", "quoted", "cautioned", "assured", "boasted", "lamented", "countered", "retorted",
	"testified", "blasted", "slammed", "praised", "hailed", "accused", "shouted", "wondered",
	"recounted", "elaborated", "summed", "proclaimed", "affirmed", "maintained", "contended",
	"thundered", "mused", "opined",
	"reports", "reads", "notes", "continues", "concludes", "states", "sings", "sang", "yells", "yelled",
	"shouts", "chanted", "chants", "demanded", "demands", "exclaimed", "exclaims", "whispered",
	"tweets", "testifies", "remarks", "responds", "answers", "counters", "jokes", "quips", "pleaded",
	"begged", "screamed", "scoffed", "snapped", "claims", "boasts", "laments", "recounts", "cautions",
)

// participles attribute words to the subject of their clause; the value is
// the past form used as the cue.
var participles = map[string]string{
	"adding": "added", "saying": "said", "noting": "noted", "stating": "stated",
	"stressing": "stressed", "emphasizing": "emphasized", "emphasising": "emphasised",
	"explaining": "explained", "warning": "warned", "insisting": "insisted", "claiming": "claimed",
	"declaring": "declared", "arguing": "argued", "telling": "told", "writing": "wrote",
	"asking": "asked", "recalling": "recalled", "describing": "described", "calling": "called",
	"urging": "urged", "suggesting": "suggested", "announcing": "announced",
	"acknowledging": "acknowledged", "admitting": "admitted", "insisting that": "insisted",
	"tweeting": "tweeted", "replying": "replied", "responding": "responded", "referring": "referred",
	"predicting": "predicted", "reiterating": "reiterated", "underlining": "underlined",
	"highlighting": "highlighted", "promising": "promised", "vowing": "vowed", "cautioning": "cautioned",
}

// skipBeforeVerb are adverbs and auxiliaries that may stand between a
// speaker and the speech verb ("Ushakov also said", "he has repeatedly said").
var skipBeforeVerb = setOf("also", "later", "further", "then", "previously", "earlier", "again",
	"once", "recently", "repeatedly", "publicly", "separately", "subsequently", "similarly", "just",
	"only", "has", "had", "have", "was", "were", "is", "are", "would", "will", "did", "does", "do",
	"reportedly", "had", "not", "never", "even", "often", "frequently", "first", "quickly",
	"angrily", "bluntly", "flatly", "openly", "privately", "simply", "emphatically", "pointedly",
	"cautiously", "jokingly", "famously", "memorably", "already", "himself", "herself", "itself",
	"themselves", "could", "might", "may", "can", "should", "must", "been", "be", "being")

// npBackStop ends a speaker phrase read leftwards from its verb.
var npBackStop = setOf("that", "which", "who", "whom", "whose", "and", "but", "while", "as",
	"when", "because", "if", "after", "before", "since", "where", "though", "although", "than",
	"so", "or", "nor", "in", "on", "at", "with", "from", "during", "by", "into", "about", "over",
	"under", "to", "what", "how", "why", "whether", "said", "says", "told", "is", "was", "are",
	"were", "has", "have", "had", "also", "not", "then", "yet", "even", "once", "until",
	"until", "upon", "via", "per", "among", "against", "between", "amid", "despite", "without",
	"there", "here", "it's", "this", "these", "those", "be", "been", "will", "would")

// npForwardStop ends a speaker phrase read rightwards ("said Peskov in…").
var npForwardStop = setOf("in", "on", "at", "during", "when", "while", "who", "which", "that",
	"to", "after", "before", "as", "adding", "noting", "saying", "according", "told", "from",
	"with", "and", "but", "said", "says", "added", "last", "this", "on", "late", "early", "earlier",
	"later", "today", "yesterday", "tonight", "recently", "via", "about", "over", "for", "is",
	"was", "has", "had", "would", "will", "because", "since", "if", "though", "although",
	"where", "referring", "speaking", "responding", "writing", "told", "insisted", "posted")

// determiners open a nominal speaker phrase ("the aide").
var determiners = setOf("the", "a", "an", "this", "that", "his", "her", "its", "their", "our", "my", "your",
	"another", "one", "some", "several", "two", "three", "many", "most", "other", "both")

// notNames are capitalized words that do not name a speaker.
var notNames = setOf("january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
	"friday", "saturday", "sunday", "following", "earlier", "later", "meanwhile", "however",
	"today", "yesterday", "tonight", "still", "instead", "also", "but", "and", "so", "then", "now",
	"in", "on", "at", "after", "before", "during", "while", "when", "if", "as", "for", "with")

// roleHeads are nouns that name speakers without a determiner
// ("officials said", "Kremlin spokesperson said").
var roleHeads = setOf("official", "officials", "source", "sources", "aide", "aides", "spokesman",
	"spokeswoman", "spokesperson", "spokespeople", "analysts", "analyst", "experts", "expert",
	"critics", "supporters", "lawmakers", "diplomats", "diplomat", "observers", "residents",
	"witnesses", "police", "investigators", "prosecutors", "officers", "researchers", "economists",
	"advisers", "adviser", "advisors", "leaders", "democrats", "republicans", "voters", "people",
	"president", "secretary", "minister", "envoy", "ambassador", "governor", "senator", "mayor",
	"chairman", "director", "representative", "negotiator", "negotiators", "organizers", "authorities")

var pronouns = setOf("he", "she", "they", "it", "we", "i", "you")

// roleSynonyms map a head noun to the normalized role it stands for.
var roleSynonyms = map[string]string{
	"spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
	"advisor": "adviser", "adviser": "adviser", "presidential": "president",
}

// accordingTo returns the number of tokens of an "according to" / "as
// quoted by" / "quoted by" / "in the words of" cue at i, or 0.
func accordingTo(toks []token, i int) int {
	w := func(j int) string {
		if j < len(toks) && toks[j].kind == tWord {
			return toks[j].low
		}
		return ""
	}
	switch {
	case w(i) == "according" && w(i+1) == "to":
		return 2
	case w(i) == "as" && w(i+1) == "quoted" && w(i+2) == "by":
		return 3
	case w(i) == "quoted" && w(i+1) == "by":
		return 2
	case w(i) == "in" && w(i+1) == "the" && w(i+2) == "words" && w(i+3) == "of":
		return 4
	}
	return 0
}

func cueText(toks []token) string {
	parts := make([]string, 0, len(toks))
	for _, t := range toks {
		parts = append(parts, t.low)
	}
	return strings.Join(parts, " ")
}

// verbCue returns the cue of the speech verb at toks[i] with its particle
// ("pointed out", "summed up") and the index of the token after it.
func verbCue(toks []token, i int) (string, int) {
	if i+1 < len(toks) && toks[i+1].kind == tWord && (toks[i+1].low == "out" || toks[i+1].low == "up") {
		return toks[i].low + " " + toks[i+1].low, i + 2
	}
	return toks[i].low, i + 1
}

// isVerb reports whether toks[i] is a speech verb: a capitalized one
// ("States", "Says") only at the start of its sentence.
func isVerb(toks []token, i int) bool {
	t := toks[i]
	return t.kind == tWord && speechVerbs[t.low] && (!t.upper || i == 0)
}

// cueAt reports whether token i is a speech cue word and returns the cue.
func cueAt(toks []token, i int) (string, bool) {
	t := toks[i]
	if t.kind != tWord || (t.upper && i > 0) {
		return "", false
	}
	if speechVerbs[t.low] {
		return t.low, true
	}
	if p, ok := participles[t.low]; ok {
		return p, true
	}
	return "", false
}

// afterVerb reads the words right after a quote: "he said", "said Peskov",
// "the Kremlin stressed", "Kremlin spokesman Dmitry Peskov told reporters".
// quotePos is where the quote opens (speakers are searched before it).
func (x *extractor) afterVerb(toks []token, quotePos int) attribution {
	none := attribution{speaker: -1}
	if len(toks) > 1 && isDash(toks[0].low) && toks[1].kind == tWord {
		// "…” ― Carla Sanchez": a dash and a name closing the sentence
		hi := 1
		for hi < len(toks) && toks[hi].kind == tWord && hi < 8 {
			hi++
		}
		if hi == len(toks) || (toks[hi].kind == tPunct && !isDash(toks[hi].low)) {
			if a := x.phrase(toks[1:hi], quotePos); a.ok && (a.speaker >= 0 || toks[hi-1].upper) {
				return a
			}
		}
		return none
	}
	toks = skipPunct(toks)
	if len(toks) == 0 || toks[0].kind != tWord {
		return none
	}
	if speechVerbs[toks[0].low] && !toks[0].upper {
		cue, n := verbCue(toks, 0)
		a := x.npForward(toks, n, quotePos)
		a.cue = cue
		return a
	}
	if _, ok := participles[toks[0].low]; ok {
		return none // "…,” adding that…: the subject is before the quote
	}
	if accordingTo(toks, 0) > 0 {
		return none // weaker than a speech verb before the quote; tried last
	}
	for k := 1; k < len(toks); k++ {
		t := toks[k]
		if t.kind == tQuote {
			return none
		}
		if !isVerb(toks, k) {
			continue
		}
		a := x.npBackward(toks[:k], quotePos, true)
		if !a.ok && (k+1 == len(toks) || toks[k+1].kind == tPunct) {
			// "…” to drive up the price, she said." — the cue closes the sentence
			a = x.npBackward(toks[:k], quotePos, false)
			if a.ok && !(a.start > toks[0].start && x.commaBefore(toks[:k], a.start)) {
				a.ok = false
			}
		}
		if !a.ok || k > 12 && a.start != toks[0].start && !x.commaBefore(toks[:k], a.start) {
			return none
		}
		a.cue, _ = verbCue(toks, k)
		return a
	}
	return none
}

// commaBefore reports whether the token before the one starting at pos is
// a comma.
func (x *extractor) commaBefore(toks []token, pos int) bool {
	for i, t := range toks {
		if t.start == pos {
			return i > 0 && toks[i-1].low == ","
		}
	}
	return false
}

// beforeCue reads the nearest speech cue before a quote in its sentence and
// the speaker it names.
func (x *extractor) beforeCue(toks []token, quotePos int) attribution {
	none := attribution{speaker: -1}
	for i := len(toks) - 1; i >= 0; i-- {
		t := toks[i]
		if t.kind != tWord {
			continue // punctuation, or an earlier quote of the same sentence
		}
		if i+1 < len(toks) && accordingTo(toks, i) > 0 {
			k := accordingTo(toks, i)
			a := x.npForward(toks, i+k, quotePos)
			a.cue = cueText(toks[i : i+k])
			return a
		}
		if t.low == "according" || t.low == "as" || t.low == "in" {
			continue
		}
		cue, ok := cueAt(toks, i)
		if !ok {
			continue
		}
		after := i + 1
		if !strings.HasSuffix(t.low, "ing") {
			cue, after = verbCue(toks, i)
		}
		if past, part := participles[t.low]; part {
			a := x.clauseSubject(toks[:i], quotePos)
			a.cue = past
			return a
		}
		// passive: "was described by Moscow as", "criticized by Moscow"
		if after < len(toks) && toks[after].low == "by" {
			a := x.npForward(toks, after+1, quotePos)
			a.cue = cue
			return a
		}
		if i > 0 && (toks[i-1].low == "be" || toks[i-1].low == "been" || toks[i-1].low == "being" ||
			toks[i-1].low == "was" || toks[i-1].low == "were" || toks[i-1].low == "is" || toks[i-1].low == "are") &&
			cue != "said" && cue != "told" {
			return none // passive without its agent
		}
		a := x.npBackward(toks[:i], quotePos, false)
		if !a.ok {
			a = x.subjectBefore(toks[:i], quotePos)
		}
		if !a.ok && (i == 0 || toks[i-1].low == "," || toks[i-1].low == ":") {
			a = x.npForward(toks, after, quotePos) // "Said Peskov: “…”"
		}
		a.cue = cue
		return a
	}
	return none
}

// subjectBefore finds the speaker of a cue whose subject is not right
// before it: after a relative pronoun ("the police department, which
// reported “…”") or a coordinated verb ("She laughed and said, “…”", "He
// then urges them to leave and repeatedly says, “…”").
func (x *extractor) subjectBefore(toks []token, quotePos int) attribution {
	j := len(toks) - 1
	for j >= 0 && toks[j].kind == tWord && skipBeforeVerb[toks[j].low] && !pronouns[toks[j].low] {
		j--
	}
	if j < 0 || toks[j].kind != tWord {
		return attribution{speaker: -1}
	}
	switch toks[j].low {
	case "who", "which":
		k := j
		if k > 0 && toks[k-1].low == "," {
			k--
		}
		return x.npBackward(toks[:k], quotePos, false)
	case "and":
		return x.clauseSubject(lastClause(toks[:j]), quotePos)
	}
	return attribution{speaker: -1}
}

// lastClause returns the tokens after the last comma of toks, or all of
// toks when nothing follows that comma ("When she called, I laughed" → "I
// laughed").
func lastClause(toks []token) []token {
	for i := len(toks) - 1; i >= 0; i-- {
		if toks[i].low == "," {
			if i+1 < len(toks) {
				return toks[i+1:]
			}
			return toks
		}
	}
	return toks
}

// clauseSubject finds who a participle ("adding", "saying") belongs to: the
// speaker of a finite speech verb before it, or else the first person or
// organisation named before it.
func (x *extractor) clauseSubject(toks []token, quotePos int) attribution {
	for i := len(toks) - 1; i >= 0; i-- {
		if isVerb(toks, i) {
			if a := x.npBackward(toks[:i], quotePos, false); a.ok {
				return a
			}
		}
	}
	if len(toks) == 0 {
		return attribution{speaker: -1}
	}
	for _, n := range x.namesIn(toks[0].start, toks[len(toks)-1].end) {
		if (n.Type == "PER" || n.Type == "ORG") && !x.inQuote(n.Start) {
			return x.fromName(n, n.Start, n.End)
		}
	}
	// "He then defended the remark, saying": a pronoun opening the clause
	first := toks[0]
	if first.kind == tWord && pronouns[first.low] && first.low != "you" && first.low != "it" {
		return x.pronoun(first, quotePos)
	}
	return attribution{speaker: -1}
}

// npBackward reads the speaker phrase that ends toks (before a verb).
// strict requires the phrase to take all of toks (words right after a
// quote).
func (x *extractor) npBackward(toks []token, quotePos int, strict bool) attribution {
	none := attribution{speaker: -1}
	toks = dropParens(toks)
	j := len(toks) - 1
	for j >= 0 && toks[j].kind == tWord && skipBeforeVerb[toks[j].low] && !pronouns[toks[j].low] {
		j--
	}
	if j >= 0 && toks[j].low == ")" {
		// "Paul Ryan (R-Wis.) said": skip the parenthesis
		k := j - 1
		for k >= 0 && toks[k].low != "(" && toks[k].kind != tQuote && j-k < 12 {
			k--
		}
		if k >= 0 && toks[k].low == "(" {
			toks, j = toks[:k], k-1
		}
	}
	if j < 0 {
		return none
	}
	// appositive or inserted phrase: "Peskov, the Kremlin spokesman, said",
	// "Scott Pruitt, the attorney general of Oklahoma, one of the states
	// suing, said", "Clinton, at a later press gaggle, said"
	if toks[j].kind == tPunct && toks[j].low == "," {
		c := j - 1
		for c >= 0 && j-c <= 25 && toks[c].low != "," && toks[c].kind != tQuote && !strings.ContainsAny(toks[c].low, ";:!?") {
			c--
		}
		for c >= 0 && toks[c].low == "," {
			lo1, hi1 := phraseBack(toks, c)
			if lo1 < hi1 && (!strict || lo1 == 0) {
				if a := x.phrase(toks[lo1:hi1], quotePos); a.ok && (a.speaker >= 0 || isNameOrPronoun(toks[hi1-1])) {
					return a
				}
			}
			// one more inserted phrase: "Name, title, of the place, said"
			if c2 := lo1 - 1; c2 >= 0 && c2 < c && toks[c2].low == "," {
				c = c2
				continue
			}
			break
		}
		lo2, hi2 := phraseBack(toks, j)
		if lo2 < hi2 && (!strict || lo2 >= 1) && lo2 >= 1 && toks[lo2-1].low == "," {
			if a := x.phrase(toks[lo2:hi2], quotePos); a.ok {
				return a
			}
		}
		return none
	}
	lo, hi := phraseBack(toks, j+1)
	if lo >= hi || (strict && lo != 0) {
		return none
	}
	if s := participleSubject(toks, lo, hi); s >= 0 {
		// "Protesters marching through the streets chanted": the phrase
		// before the participle is the subject
		if l2, h2 := phraseBack(toks, s); l2 < h2 && l2 == lo {
			if a := x.phrase(toks[l2:h2], quotePos); a.ok {
				return a
			}
		}
	}
	return x.phrase(toks[lo:hi], quotePos)
}

// participleSubject returns the index of an -ing participle inside
// toks[lo:hi] that opens a phrase with a preposition ("marching through",
// "standing outside"), or -1: the words before the participle are the
// subject of the verb after the phrase.
func participleSubject(toks []token, lo, hi int) int {
	for p := lo + 1; p+1 < hi; p++ {
		t := toks[p]
		if t.kind != tWord || t.upper || !strings.HasSuffix(t.low, "ing") || len(t.low) < 6 {
			continue
		}
		if _, ok := participles[t.low]; ok {
			return -1 // "saying to": a speech participle, not a modifier
		}
		if toks[p+1].kind == tWord && prepositions[toks[p+1].low] {
			return p
		}
	}
	return -1
}

// dropParens returns toks without short parenthesized groups ("Jim Hale
// (R-Ohio), a panel member, said" → "Jim Hale, a panel member, said").
func dropParens(toks []token) []token {
	has := false
	for _, t := range toks {
		has = has || t.low == "("
	}
	if !has {
		return toks
	}
	out := make([]token, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		if toks[i].low == "(" {
			k := i + 1
			for k < len(toks) && k-i < 12 && toks[k].low != ")" && toks[k].low != "(" && toks[k].kind != tQuote {
				k++
			}
			if k < len(toks) && toks[k].low == ")" {
				i = k
				continue
			}
		}
		out = append(out, toks[i])
	}
	return out
}

// isNameOrPronoun reports whether a phrase's last word names a speaker by
// itself: a capitalized word or a pronoun.
func isNameOrPronoun(t token) bool { return t.upper || pronouns[t.low] }

// phraseBack returns the token range of the noun phrase ending just before
// toks[end]: up to eight words, not crossing punctuation or a stop word.
func phraseBack(toks []token, end int) (int, int) {
	lo := end
	for lo > 0 && end-lo < 8 {
		t := toks[lo-1]
		if t.kind != tWord || (npBackStop[t.low] && !(t.low == "this" && end-lo == 0)) {
			break
		}
		lo--
	}
	return lo, end
}

// npForward reads the speaker phrase that starts at toks[i] ("said
// Peskov", "according to the aide").
func (x *extractor) npForward(toks []token, i int, quotePos int) attribution {
	hi := i
	for hi < len(toks) && hi-i < 10 {
		t := toks[hi]
		if t.kind != tWord || (npForwardStop[t.low] && hi > i) {
			break
		}
		hi++
	}
	if hi == i {
		return attribution{speaker: -1}
	}
	return x.phrase(toks[i:hi], quotePos)
}

// phrase resolves a speaker phrase: a named mention in it, a pronoun, a
// nominal with a role head, or an unknown capitalized name.
func (x *extractor) phrase(toks []token, quotePos int) attribution {
	for len(toks) > 0 && determiners[toks[len(toks)-1].low] {
		toks = toks[:len(toks)-1] // "praised the “quiet” talks": no phrase
	}
	if len(toks) == 0 {
		return attribution{speaker: -1}
	}
	a, b := toks[0].start, toks[len(toks)-1].end
	ms := x.namesIn(a, b)
	// a name that ends the phrase is its head ("Kremlin spokesman Dmitry
	// Peskov"); a name inside it ("the Uzbek president’s press service",
	// "Putin's aide") is not
	var head *Name
	if len(ms) > 0 {
		if m := ms[len(ms)-1]; m.End == b || trimmedEnd(x.text, m.End) == b {
			head = &ms[len(ms)-1]
		}
	}
	// "Representative Ona Hale of Lindport", "Mr. Brandt of the Harbor
	// Council": a person followed by "of", "from" or "at" is the head
	for i := range ms {
		if ms[i].Type != "PER" {
			continue
		}
		rest := strings.TrimLeft(x.text[ms[i].End:b], " ")
		if strings.HasPrefix(rest, "of ") || strings.HasPrefix(rest, "from ") || strings.HasPrefix(rest, "at ") {
			head = &ms[i]
			break
		}
	}
	if head != nil {
		start := head.Start
		// "the Kremlin": keep the article with an organisation's name
		for _, t := range toks {
			if t.end <= head.Start && t.low == "the" && strings.TrimSpace(x.text[t.end:head.Start]) == "" {
				start = t.start
			}
		}
		return x.fromName(*head, start, head.End)
	}
	last := toks[len(toks)-1]
	if pronouns[last.low] {
		return x.pronoun(last, quotePos)
	}
	if last.upper {
		// an unknown name: the run of capitalized words that ends the phrase
		k := len(toks) - 1
		for k > 0 {
			r0, _ := utf8.DecodeRuneInString(x.text[toks[k-1].start:toks[k-1].end])
			if !unicode.IsUpper(r0) || determiners[toks[k-1].low] {
				break
			}
			k--
		}
		for k < len(toks) && notNames[toks[k].low] {
			k++
		}
		if k == len(toks) {
			return attribution{speaker: -1}
		}
		s, e := toks[k].start, last.end
		return attribution{ok: true, speaker: -1, text: x.text[s:e], start: s, end: e, name: x.text[s:e], typ: "PER"}
	}
	// a name modifying an organisation noun: "the Trump campaign" is an
	// organisation with no name of its own
	if len(ms) > 0 {
		m := ms[len(ms)-1]
		if noun, ok := modifiedNoun(x.text[m.End:b]); ok && orgNouns[noun] {
			s := m.Start
			for i, t := range toks {
				if t.end <= m.Start && t.low == "the" && i+1 < len(toks) && toks[i+1].start == m.Start {
					s = t.start
				}
			}
			return attribution{ok: true, speaker: -1, text: x.text[s:b], start: s, end: b,
				name: x.text[m.Start:m.End] + " " + noun, typ: "ORG"}
		}
	}
	// a nominal: from its last determiner on
	k := 0
	for i := len(toks) - 1; i >= 0; i-- {
		if determiners[toks[i].low] {
			k = i
			break
		}
	}
	if len(toks)-k > 5 {
		k = len(toks) - 5
	}
	if !determiners[toks[k].low] && !roleHeads[last.low] && !toks[k].upper {
		return attribution{speaker: -1} // not a speaker phrase ("egregiously")
	}
	s, e := toks[k].start, last.end
	r := x.nominal(toks[k:], quotePos)
	return attribution{ok: true, speaker: r.cluster, text: x.text[s:e], start: s, end: e, name: r.name, typ: r.typ}
}

func trimmedEnd(text string, end int) int {
	for end < len(text) && (text[end] == '.' || text[end] == ' ') {
		end++
	}
	return end
}

func (x *extractor) fromName(n Name, start, end int) attribution {
	return attribution{ok: true, speaker: n.Cluster, text: x.text[start:end], start: start, end: end}
}

// namesIn returns the mentions inside [a, b).
func (x *extractor) namesIn(a, b int) []Name {
	i := sort.Search(len(x.names), func(i int) bool { return x.names[i].Start >= a })
	var out []Name
	for ; i < len(x.names) && x.names[i].Start < b; i++ {
		if x.names[i].End <= b {
			out = append(out, x.names[i])
		}
	}
	return out
}

// inQuote reports whether pos lies inside a quote (marks included).
func (x *extractor) inQuote(pos int) bool {
	i := sort.Search(len(x.quotes), func(i int) bool { return x.quotes[i].stop > pos })
	return i < len(x.quotes) && x.quotes[i].open <= pos
}

// pronoun resolves a pronoun speaker: he and she to a person, it to an
// organisation (or a state), by salience (see salient); the speakers of
// the quotes attributed before it are candidates where their phrases
// stand. Other pronouns stay unresolved.
func (x *extractor) pronoun(t token, quotePos int) attribution {
	a := attribution{ok: true, speaker: -1, text: x.text[t.start:t.end], start: t.start, end: t.end}
	var want string
	switch t.low {
	case "he", "she":
		want = "PER"
	case "it":
		want = "ORG"
	case "they":
		// a group: only an organisation quoted just before ("the
		// council said … “…,” they said"), never a mere mention
		sp := x.speakersBefore(t.start, quotePos)
		for i := len(sp) - 1; i >= 0 && sp[i].pos >= t.start-salientBack; i-- {
			if x.compatibleRef(sp[i].referent, "ORG", genderUnknown) {
				a.speaker, a.name, a.typ = sp[i].cluster, sp[i].name, sp[i].typ
				break
			}
		}
		return a
	default:
		return a
	}
	r := x.salient(min(t.start, quotePos), want, pronounGender(t.low), x.speakersBefore(t.start, quotePos))
	a.speaker, a.name, a.typ = r.cluster, r.name, r.typ
	return a
}

// speakersBefore returns the speakers of the quotes attributed before
// quotePos whose phrases start before pos.
func (x *extractor) speakersBefore(pos, quotePos int) []candidate {
	var speakers []candidate
	for _, q := range x.quotes {
		if q.open >= quotePos {
			break
		}
		if q.att.ok && (q.att.speaker >= 0 || q.att.name != "") && q.att.start < pos {
			speakers = append(speakers, candidate{q.att.start, referent{q.att.speaker, q.att.name, q.att.typ}})
		}
	}
	return speakers
}

// candidate is an earlier attribution's speaker: where its phrase starts
// and what it resolved to.
type candidate struct {
	pos int
	referent
}

// referent is what a speaker phrase refers to: a cluster, or, with
// cluster -1, a name no cluster holds (an unknown person's name, or an
// organisation named by a modifier: "Trump campaign") of type typ; the
// zero name and cluster -1 when nobody.
type referent struct {
	cluster   int
	name, typ string
}

var nobody = referent{cluster: -1}

// salientBack bounds, in bytes and sentences, how far back salient looks.
const (
	salientBack  = 1500
	salientSents = 4
	// salientMaxSents bounds the walk over sentences inside quotes,
	// which do not count in salientSents and salientBack.
	salientMaxSents = 40
)

// unquoted returns how many bytes of [a, b) lie outside the quotes.
func (x *extractor) unquoted(a, b int) int {
	n := 0
	qi := sort.Search(len(x.quotes), func(i int) bool { return x.quotes[i].stop > a })
	for pos := a; pos < b; {
		if qi >= len(x.quotes) || x.quotes[qi].open >= b {
			return n + b - pos
		}
		q := x.quotes[qi]
		if q.open > pos {
			n += q.open - pos
		}
		pos = max(pos, q.stop)
		qi++
	}
	return n
}

// salient returns the cluster a pronoun at pos refers to, -1 if none: of
// type want (PER; ORG, which admits LOC) and of a gender not opposite to g.
// It walks back sentence by sentence from the pronoun's own (up to
// salientSents sentences and salientBack bytes, not counting sentences and
// text inside quotes) and takes, in the nearest
// sentence that has one, the first candidate in subject position: a
// speaker of an earlier attribution (speakers), or a name outside
// quotation marks that is neither a possessor ("Trump's"), nor the object
// of a preposition ("met with Hale"), nor a modifier ("Trump campaign
// spokesman Jason Miller", "the Clinton campaign"). The main clause of a
// sentence comes before a subordinate clause that opens it ("While Obama
// spoke, Hale left": Hale first). A clause that holds such a pronoun has
// no candidate after it, so the walk goes on to the sentence that named
// the person ("Trump has ... He pitched ... “…,” he said"); a pronoun in
// the opening subordinate clause does not hide the main clause's subject
// ("While he spoke, Hale left"). When no sentence has one, the last name
// in another position in the nearest sentence holding one is taken. When
// that finds nobody, a second walk ignores the genders known only from
// pronouns.
func (x *extractor) salient(pos int, want string, g byte, speakers []candidate) referent {
	r := x.salientPass(pos, want, g, speakers)
	if r.cluster < 0 && r.name == "" && g != genderUnknown && len(x.weak) > 0 {
		// nobody of that gender: try again trusting only the genders
		// that honorifics, role words and first names give
		x.ignoreWeak = true
		r = x.salientPass(pos, want, g, speakers)
		x.ignoreWeak = false
	}
	return r
}

// salientPass is one pass of salient.
func (x *extractor) salientPass(pos int, want string, g byte, speakers []candidate) referent {
	if len(x.sents) == 0 {
		return nobody
	}
	si := x.sentenceAt(pos)
	fallback := -1
	seen, text := 0, 0 // sentences and bytes outside quotes walked so far
	for k := si; k >= 0 && si-k <= salientMaxSents; k-- {
		s := x.sents[k]
		end := min(s.End, pos)
		out := x.unquoted(s.Start, end)
		if out == 0 && k < si {
			continue // a sentence of a quote: no candidates, no distance
		}
		if seen > salientSents || text > salientBack {
			break
		}
		seen++
		text += out
		toks := x.tokens(s.Start, end)
		main := mainClause(toks)
		lo := s.Start
		mainStart := end
		if main < len(toks) {
			mainStart = max(toks[main].start, lo)
		}
		lastOblique := -1
		for _, r := range [2][2]int{{mainStart, end}, {lo, min(mainStart, end)}} {
			if want == "PER" {
				// a clause that already holds such a pronoun: its names
				// after it are not candidates
				r[1] = pronounCut(toks, r[0], r[1], g)
			}
			if best := x.firstCandidate(r[0], r[1], want, g, speakers, &lastOblique); best.cluster >= 0 || best.name != "" {
				return best
			}
		}
		if fallback < 0 {
			fallback = lastOblique
		}
	}
	return x.referentOf(fallback)
}

// referentOf returns the referent of cluster c (nobody when c < 0).
func (x *extractor) referentOf(c int) referent {
	if c < 0 {
		return nobody
	}
	return referent{cluster: c, typ: x.ctype[c]}
}

// firstCandidate returns the first candidate in subject position in
// [a, b) (see salient), nobody if none; lastOblique is set to the last
// compatible name in another position.
func (x *extractor) firstCandidate(a, b int, want string, g byte, speakers []candidate, lastOblique *int) referent {
	if a >= b {
		return nobody
	}
	best, bestPos := nobody, b
	for _, c := range speakers {
		if c.pos >= a && c.pos <= bestPos && x.compatibleRef(c.referent, want, g) {
			best, bestPos = c.referent, c.pos
		}
	}
	for _, n := range x.namesIn(a, b) {
		if n.Start >= bestPos {
			break
		}
		if !x.compatible(n.Cluster, want, g) || x.inQuote(n.Start) {
			continue
		}
		if x.oblique(n) {
			*lastOblique = n.Cluster
			continue
		}
		return x.referentOf(n.Cluster)
	}
	return best
}

// compatibleRef is compatible for a referent that may have no cluster: a
// name of no cluster needs only the type.
func (x *extractor) compatibleRef(r referent, want string, g byte) bool {
	if r.cluster >= 0 {
		return x.compatible(r.cluster, want, g)
	}
	return r.name != "" && (r.typ == want || want == "ORG" && r.typ == "LOC")
}

// subordinators open a subordinate clause that may precede the main one.
var subordinators = setOf("while", "when", "whereas", "although", "though", "after", "before",
	"if", "as", "because", "since", "once", "until", "unless", "despite", "even")

// subordinatorAdverbs may stand before a subordinator ("Back when",
// "Even as", "Shortly after").
var subordinatorAdverbs = setOf("back", "even", "just", "only", "shortly", "soon", "long", "right", "and", "but", "yet")

// mainClause returns the index of the first token of the main clause of a
// sentence's tokens: after the comma that closes an opening subordinate
// clause ("While he spoke, Hale left", "Back when he ran, Hale said" →
// "Hale"), else 0.
func mainClause(toks []token) int {
	sub := func(i int) bool { return i < len(toks) && toks[i].kind == tWord && subordinators[toks[i].low] }
	if !sub(0) && !(sub(1) && subordinatorAdverbs[toks[0].low]) {
		return 0
	}
	for i, t := range toks {
		switch {
		case t.kind == tQuote:
			return 0
		case t.low == ",":
			return i + 1
		}
	}
	return 0
}

// pronounCut returns where the first he or she of a gender not opposite
// to g stands in toks between a and b, else b.
func pronounCut(toks []token, a, b int, g byte) int {
	for _, t := range toks {
		if t.start >= b {
			break
		}
		if t.start >= a && t.kind == tWord && (t.low == "he" || t.low == "she") && (g == genderUnknown || pronounGender(t.low) == g) {
			return t.start
		}
	}
	return b
}

// compatible reports whether cluster c may be what a pronoun asking for
// type want and gender g refers to.
func (x *extractor) compatible(c int, want string, g byte) bool {
	typ := x.ctype[c]
	switch {
	case want == "PER" && typ != "PER":
		return false
	case want == "ORG" && typ != "ORG" && typ != "LOC":
		return false
	}
	return g == genderUnknown || x.gender[c] != g^genderMale^genderFemale || x.ignoreWeak && x.weak[c]
}

// prepositions put the name after them out of subject position.
var prepositions = setOf("with", "by", "to", "for", "against", "about", "of", "from", "at", "on",
	"in", "over", "under", "between", "among", "toward", "towards", "including", "like", "than",
	"into", "onto", "behind", "beside", "before", "after", "during", "without", "through", "via",
	"alongside", "versus", "vs.", "unlike", "upon", "across", "near")

// modifierWords may stand between a name used as a modifier and the name
// it modifies ("Trump campaign spokesman Jason Miller", "Kremlin press
// secretary Dmitry Peskov").
var modifierWords = setOf("campaign", "press", "chief", "deputy", "senior", "vice", "former",
	"national", "communications", "top", "running", "mate", "staff", "policy", "team", "family",
	"administration", "transition", "foundation", "adviser", "advisor", "aide", "spokesman",
	"spokeswoman", "spokesperson", "secretary", "manager", "director", "chairman", "chairwoman",
	"president", "official", "lawyer", "attorney", "strategist", "pollster", "surrogate", "ally",
	"supporter", "critic", "envoy", "counsel", "general", "minister", "leader", "head")

// modifierNouns, after a name, make it a modifier ("the Clinton
// campaign", "Clinton communication director", "Trump supporters").
var modifierNouns = setOf("campaign", "campaign's", "camp", "aide", "aides", "adviser", "advisers",
	"advisor", "advisors", "spokesman", "spokeswoman", "spokesperson", "administration",
	"administration's", "transition", "foundation", "surrogate", "surrogates", "ally", "allies",
	"supporters", "supporter", "loyalists", "staff", "staffers", "team", "family", "press",
	"communication", "communications", "official", "officials", "critics", "voters", "fans",
	"presidency", "nomination", "candidacy", "organization", "emails", "email", "server",
	"policy", "policies", "plan", "proposal", "proposals", "ticket", "headquarters", "era",
	"tower", "university", "hotel", "hotels", "brand", "speech", "remarks", "rallies", "victory",
	"tax", "taxes", "running", "deputy", "chief", "senior", "national", "strategist", "pollster",
	"manager", "director", "secretary", "lawyer", "attorney", "counsel", "envoy", "donor", "donors")

// firstWord returns the lower-case word that starts s after spaces, or ""
// when s starts with anything else.
func firstWord(s string) string {
	s = strings.TrimLeft(s, " ")
	i := strings.IndexFunc(s, func(r rune) bool { return !(unicode.IsLetter(r) || r == '\'' || r == '’') })
	if i < 0 {
		i = len(s)
	}
	w := s[:i]
	if r, _ := utf8.DecodeRuneInString(w); w == "" || !unicode.IsLower(r) {
		return ""
	}
	return w
}

// oblique reports whether name n is not in subject position: a possessor,
// the object of a preposition, or a modifier of the name right after it.
func (x *extractor) oblique(n Name) bool {
	t := x.text
	rest := t[n.End:]
	if strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") || strings.HasPrefix(rest, "’ ") {
		return true
	}
	before := t[max(0, n.Start-30):n.Start]
	w := strings.ToLower(lastWord(before))
	if w == "to" && strings.HasSuffix(strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimRightFunc(before, unicode.IsSpace), "to"))), "according") {
		return false // "According to Ham, …": the source of the sentence
	}
	if prepositions[w] && !strings.ContainsAny(strings.TrimRight(t[max(0, n.Start-3):n.Start], " "), ",;:") {
		return true
	}
	// a modifier of a common noun: "Clinton aide", "Trump campaign"
	if next := firstWord(rest); next != "" && modifierNouns[next] {
		return true
	}
	// a modifier: only modifier words and capitalized words up to the
	// next name
	i := sort.Search(len(x.names), func(i int) bool { return x.names[i].Start >= n.End })
	if i == len(x.names) || x.names[i].Start-n.End > 60 {
		return false
	}
	between := strings.Fields(t[n.End:x.names[i].Start])
	if len(between) == 0 {
		return false
	}
	for _, w := range between {
		r, _ := utf8.DecodeRuneInString(w)
		if !modifierWords[strings.ToLower(w)] && !(unicode.IsUpper(r) && !strings.ContainsAny(w, ",;:.")) {
			return false
		}
	}
	return true
}

// role resolves a nominal ("the aide", "the Kremlin spokesperson", "the
// press secretary") to the most recent cluster before pos holding the role
// its head noun names; -1 if none.
func (x *extractor) role(toks []token, pos int) int {
	if len(toks) == 0 {
		return -1
	}
	head := strings.TrimSuffix(strings.TrimSuffix(toks[len(toks)-1].low, "'s"), "’s")
	if s, ok := roleSynonyms[head]; ok {
		head = s
	}
	heads := []string{head}
	if len(toks) >= 2 {
		heads = append([]string{toks[len(toks)-2].low + " " + head}, heads...)
	}
	i := sort.Search(len(x.names), func(i int) bool { return x.names[i].Start >= pos })
	for j, seen := i-1, 0; j >= 0 && seen < 400; j, seen = j-1, seen+1 {
		for _, r := range x.names[j].Roles {
			r = strings.ToLower(r)
			if k := strings.LastIndexByte(r, ' ') + 1; roleSynonyms[r[k:]] != "" {
				r = r[:k] + roleSynonyms[r[k:]]
			}
			for _, h := range heads {
				if r == h || strings.HasSuffix(r, " "+h) {
					return x.names[j].Cluster
				}
			}
		}
	}
	return -1
}

// backPersonNouns and backOrgNouns are heads of definite descriptions that
// refer back to a person or an organisation named before ("the senator",
// "the Democratic nominee", "the network"), when no cluster holds the
// role.
var (
	backPersonNouns = setOf("senator", "governor", "mayor", "nominee", "candidate", "congressman",
		"congresswoman", "lawmaker", "businessman", "businesswoman", "billionaire", "mogul",
		"frontrunner", "front-runner", "contender", "incumbent", "chairman", "chairwoman",
		"president", "secretary", "speaker", "leader", "judge", "justice", "general", "host",
		"anchor", "representative", "ambassador", "minister", "chancellor", "premier", "envoy",
		"republican", "democrat", "activist", "economist", "professor", "author", "actor",
		"actress", "singer", "star", "celebrity", "veteran", "pastor", "reverend", "bishop",
		"founder", "executive", "ceo", "attorney", "prosecutor", "sheriff", "commissioner",
		"director", "chief", "manager", "columnist", "writer", "comedian", "chair", "pollster",
		"strategist", "lady", "mogul", "tycoon", "developer", "investor", "preacher", "physician",
		"doctor", "coach", "player", "rapper", "musician", "filmmaker", "journalist", "commentator",
		"pundit", "hopeful", "challenger", "vice", "politician", "officer", "diplomat", "negotiator")
	backOrgNouns = setOf("campaign", "company", "firm", "paper", "newspaper", "network", "agency",
		"department", "group", "committee", "organization", "organisation", "administration",
		"government", "party", "website", "site", "outlet", "magazine", "channel", "union",
		"association", "bank", "corporation", "ministry", "commission", "foundation", "institute",
		"council", "caucus", "publication", "station", "court", "bureau", "kremlin", "white house")
)

// nominal resolves a description ("the aide", "the Vermont senator", "the
// network"): to the cluster holding its role (see role), else, for a
// definite description whose head names a person or an organisation, to
// the salient entity of that type as for a pronoun.
func (x *extractor) nominal(toks []token, quotePos int) referent {
	if c := x.role(toks, quotePos); c >= 0 || len(toks) < 2 {
		return x.referentOf(c)
	}
	if d := toks[0].low; d != "the" && d != "this" {
		return nobody
	}
	head := strings.TrimSuffix(strings.TrimSuffix(toks[len(toks)-1].low, "'s"), "’s")
	var want string
	switch {
	case backPersonNouns[head]:
		want = "PER"
	case backOrgNouns[head]:
		want = "ORG"
	default:
		return nobody
	}
	pos := min(toks[0].start, quotePos)
	return x.salient(pos, want, nounGender(head), x.speakersBefore(toks[0].start, quotePos))
}

// nounGender is the gender a head noun states ("congresswoman").
func nounGender(noun string) byte {
	switch {
	case maleCues[noun]:
		return genderMale
	case femaleCues[noun]:
		return genderFemale
	}
	return genderUnknown
}
