package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/analysis/entity"
	"github.com/briefbot/briefbot/analysis/textseg"
)

// resolver maps speaker phrases of one document to named entities, for
// Evaluate (the procedure is stated in Evaluate's doc comment).
type resolver struct {
	text   string
	ents   entity.Result
	quoted []span // regions between double quotation marks
	sents  []textseg.Sentence
	gender map[int]byte
	// speakers are the speaker phrases of the document's attributions
	// (gold Sources, or the predicted speakers), sorted by start: a
	// pronoun refers back to one of them first.
	speakers []span
	memo     map[span]resolved
	depth    int
}

// resolved is a speaker phrase's entity: a cluster of ents, or a name the
// tagger missed (cluster -1); name "" when the phrase names nobody.
type resolved struct {
	cluster int
	name    string
	typ     string
	via     string // how: "name", "speaker", "subject", "mention", "role", "type"
	at      int    // where the antecedent stands ("speaker", "subject")
}

func newResolver(text string, ents entity.Result, speakers []span) *resolver {
	sp := append([]span(nil), speakers...)
	sort.Slice(sp, func(i, j int) bool { return sp[i].start < sp[j].start })
	return &resolver{text: text, ents: ents, quoted: quotedRegions(text), sents: textseg.Split(text), gender: genders(text, Names(ents)),
		speakers: sp, memo: map[span]resolved{}}
}

// speakerBack is how far before a pronoun, in bytes, an earlier speaker
// is looked for.
const speakerBack = 1500

// earlierSpeaker returns the nearest speaker phrase before pos (and within
// speakerBack of it) that resolves to an entity of type typ and of a gender
// that is not the opposite of g.
func (rv *resolver) earlierSpeaker(pos int, typ string, g byte) resolved {
	if rv.depth > 20 {
		return resolved{cluster: -1}
	}
	i := sort.Search(len(rv.speakers), func(i int) bool { return rv.speakers[i].start >= pos })
	for j := i - 1; j >= 0 && rv.speakers[j].start >= pos-speakerBack; j-- {
		sp := rv.speakers[j]
		r, ok := rv.memo[sp]
		if !ok {
			rv.depth++
			r = rv.resolve(sp, sp.start)
			rv.depth--
			rv.memo[sp] = r
		}
		if r.name == "" || typ != "" && r.typ != typ {
			continue
		}
		if g != genderUnknown && r.cluster >= 0 && rv.gender[r.cluster] == g^genderMale^genderFemale {
			continue
		}
		r.at = sp.start
		return r
	}
	return resolved{cluster: -1}
}

// earlierSubject returns the nearest person mention before pos (and within
// speakerBack of it), outside quotation marks and of a gender that is not
// the opposite of g, that opens its sentence ("Scott bristles at …"), at
// most after a title ("Sen. Hale said"): the subject of its sentence.
func (rv *resolver) earlierSubject(pos int, g byte) resolved {
	ms := rv.ents.Mentions
	i := sort.Search(len(ms), func(i int) bool { return ms[i].Start >= pos })
	for j := i - 1; j >= 0 && ms[j].Start >= pos-speakerBack; j-- {
		m := ms[j]
		if m.Type != "PER" || rv.inQuote(m.Start) || !rv.opensSentence(m.Start) {
			continue
		}
		if g != genderUnknown && rv.gender[m.Cluster] == g^genderMale^genderFemale {
			continue
		}
		return resolved{cluster: m.Cluster, name: rv.ents.Clusters[m.Cluster].Name, typ: "PER", via: "subject", at: m.Start}
	}
	return resolved{cluster: -1}
}

// opensSentence reports whether only up to two capitalized words (titles:
// "Mr.", "Sen.", "Former President") stand between the start of the
// sentence holding pos and pos.
func (rv *resolver) opensSentence(pos int) bool {
	i := sort.Search(len(rv.sents), func(i int) bool { return rv.sents[i].Start > pos })
	if i == 0 {
		return false
	}
	lead := strings.TrimLeft(rv.text[rv.sents[i-1].Start:pos], " \t\n—–-•*“\"")
	words := strings.Fields(lead)
	if len(words) > 2 || strings.ContainsAny(lead, ",;:") {
		return false
	}
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// quotedRegions returns the spans between double quotation marks, line by
// line, marks included.
func quotedRegions(text string) []span {
	var out []span
	open := -1
	for i, r := range text {
		switch {
		case r == '\n':
			if open >= 0 {
				out = append(out, span{open, i})
			}
			open = -1
		case open < 0 && (r == '“' || r == '"'):
			open = i
		case open >= 0 && (r == '”' || r == '"'):
			out = append(out, span{open, i + utf8.RuneLen(r)})
			open = -1
		}
	}
	if open >= 0 {
		out = append(out, span{open, len(text)})
	}
	return out
}

func (rv *resolver) inQuote(pos int) bool {
	i := sort.Search(len(rv.quoted), func(i int) bool { return rv.quoted[i].end > pos })
	return i < len(rv.quoted) && rv.quoted[i].start <= pos
}

// same reports whether q's speaker is the gold source src; rv resolves
// the gold side, pv the predicted one.
func same(rv, pv *resolver, src span, q Quote) bool {
	if q.SpeakerText == "" {
		return false
	}
	g, p := rv.resolve(src, q.Start), pv.predicted(q)
	if g.name == "" {
		// a source naming nobody ("a source", "the letter"): the same
		// mention
		return src.overlaps(span{q.SpeakerStart, q.SpeakerEnd})
	}
	if p.name == "" {
		return false
	}
	if g.cluster >= 0 && g.cluster == p.cluster {
		return true
	}
	if strings.EqualFold(trimThe(g.name), trimThe(p.name)) {
		return true
	}
	return g.typ == "PER" && p.typ == "PER" && entity.SameName(g.name, p.name)
}

func trimThe(s string) string {
	if len(s) > 4 && strings.EqualFold(s[:4], "the ") {
		return s[4:]
	}
	return s
}

// predicted resolves q's speaker as Extract gave it: its cluster, else a
// name its phrase holds, else its SpeakerName. A pronoun or description that Extract left
// unresolved names nobody: the evaluation does not resolve it for the
// extractor.
func (rv *resolver) predicted(q Quote) resolved {
	if q.Speaker >= 0 && q.Speaker < len(rv.ents.Clusters) {
		c := rv.ents.Clusters[q.Speaker]
		typ := c.Type
		if typ == "LOC" {
			typ = "ORG"
		}
		return resolved{cluster: q.Speaker, name: c.Name, typ: typ, via: "name"}
	}
	if q.SpeakerText == "" {
		return resolved{cluster: -1}
	}
	if r := rv.resolve(span{q.SpeakerStart, q.SpeakerEnd}, q.Start); r.via == "name" {
		return r
	}
	if q.SpeakerName != "" {
		// a name no cluster holds that Extract resolved a pronoun or
		// description to
		typ := "PER"
		if f := strings.Fields(q.SpeakerName); orgNouns[f[len(f)-1]] {
			typ = "ORG"
		}
		return resolved{cluster: -1, name: q.SpeakerName, typ: typ, via: "name"}
	}
	return resolved{cluster: -1}
}

// personNouns and orgNouns are heads of descriptions that refer back to a
// person or an organisation named earlier.
var personNouns = setOf("aide", "spokesman", "spokeswoman", "spokesperson", "president", "candidate",
	"nominee", "senator", "governor", "mayor", "secretary", "businessman", "businesswoman", "mogul",
	"billionaire", "host", "anchor", "chairman", "chairwoman", "adviser", "advisor", "director",
	"founder", "author", "reporter", "congressman", "congresswoman", "lawmaker", "leader", "chief",
	"manager", "man", "woman", "star", "actor", "actress", "singer", "rapper", "official", "former",
	"commissioner", "attorney", "lawyer", "judge", "economist", "professor", "pollster", "strategist",
	"speaker", "representative", "republican", "democrat", "veteran", "executive", "ceo", "columnist",
	"writer", "narrator", "comedian", "chair", "frontrunner", "front-runner", "contender", "incumbent")

var orgNouns = setOf("campaign", "company", "firm", "paper", "newspaper", "network", "agency",
	"department", "group", "committee", "organization", "organisation", "administration", "government",
	"party", "website", "site", "outlet", "magazine", "channel", "union", "association", "bank",
	"corporation", "team", "office", "ministry", "commission", "foundation", "institute", "center",
	"council", "caucus", "publication", "daily", "station", "board", "court", "bureau")

// resolve maps the phrase at src to an entity; before is where the quote
// it attributes starts (antecedents are searched before both).
func (rv *resolver) resolve(src span, before int) resolved {
	none := resolved{cluster: -1}
	t := rv.text
	if src.start < 0 || src.end > len(t) || src.start >= src.end {
		return none
	}
	// the head: up to the first comma, parenthesis or relative pronoun,
	// and up to a preposition that follows a name ("Mr. Morgan of the
	// Sierra Club", but "Secretary of State John Kerry")
	head := src
	phrase := t[src.start:src.end]
	cut := len(phrase)
	for _, stop := range []string{",", "(", " who ", " which ", " that ", " whose "} {
		if i := strings.Index(phrase, stop); i > 0 && i < cut {
			cut = i
		}
	}
	for _, stop := range []string{" of ", " in ", " at ", " for ", " from "} {
		for off := 0; ; {
			i := strings.Index(phrase[off:cut], stop)
			if i < 0 {
				break
			}
			i += off
			if rv.nameIn(src.start, src.start+i) {
				cut = i
				break
			}
			off = i + 1
		}
	}
	head.end = src.start + cut
	words := strings.Fields(t[head.start:head.end])
	if len(words) == 0 {
		return none
	}
	// a name in the head: its last mention that is not a possessor
	var best *entity.Mention
	for i := range rv.ents.Mentions {
		m := &rv.ents.Mentions[i]
		if m.Start < head.start || m.End > head.end {
			continue
		}
		if m.Type != "PER" && m.Type != "ORG" && m.Type != "LOC" {
			continue
		}
		if rest := t[m.End:head.end]; strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") {
			continue
		}
		best = m
	}
	if best != nil {
		// a name modifying a common noun is not the head: "the New York
		// businessman" is a person, "the Clinton campaign" an
		// organisation of its own
		if noun, ok := modifiedNoun(t[best.End:head.end]); ok {
			if orgNouns[noun] {
				return resolved{cluster: -1, name: t[best.Start:best.End] + " " + noun, typ: "ORG", via: "name"}
			}
			best = nil
		}
	}
	if best != nil {
		c := rv.ents.Clusters[best.Cluster]
		typ := c.Type
		if typ == "LOC" {
			typ = "ORG" // "Russia said": the state speaks
		}
		return resolved{cluster: best.Cluster, name: c.Name, typ: typ, via: "name"}
	}
	last := strings.ToLower(strings.Trim(words[len(words)-1], ".,;:’'"))
	last = strings.TrimSuffix(strings.TrimSuffix(last, "’s"), "'s")
	first := strings.ToLower(words[0])
	pos := min(src.start, before)
	if len(words) == 1 {
		switch last {
		case "he", "him":
			return rv.antecedent(pos, "PER", "", genderMale)
		case "she", "her":
			return rv.antecedent(pos, "PER", "", genderFemale)
		case "i", "we", "they":
			// only through the annotators' own chain of speakers: the
			// nearest earlier mention is no evidence for a group or for
			// the writer
			typ := ""
			if last == "they" {
				typ = "ORG"
			}
			r := rv.earlierSpeaker(pos, typ, genderUnknown)
			r.via = "speaker"
			return r
		case "it":
			return rv.antecedent(pos, "ORG", "", genderUnknown)
		case "who", "which", "that":
			return rv.antecedent(pos, "", "", genderUnknown)
		}
	}
	// a capitalized run ending the head that the tagger missed
	lw := words[len(words)-1]
	if r, _ := utf8.DecodeRuneInString(lw); unicode.IsUpper(r) && !(len(words) == 1 && determiners[last]) {
		k := len(words) - 1
		for k > 0 {
			r0, _ := utf8.DecodeRuneInString(words[k-1])
			if !unicode.IsUpper(r0) || determiners[strings.ToLower(words[k-1])] {
				break
			}
			k--
		}
		name := strings.Join(words[k:], " ")
		// an earlier person of the document with that name
		for i := len(rv.ents.Clusters) - 1; i >= 0; i-- {
			c := rv.ents.Clusters[i]
			if c.Type == "PER" && entity.SameName(c.Name, name) {
				return resolved{cluster: i, name: c.Name, typ: "PER", via: "name"}
			}
		}
		return resolved{cluster: -1, name: name, typ: "PER", via: "name"}
	}
	switch first {
	case "the", "this", "that", "his", "her", "its", "their":
	default:
		return none
	}
	noun := last
	if r := rv.antecedent(pos, "PER", noun, genderUnknown); r.name != "" {
		r.via = "role"
		return r
	}
	switch {
	case personNouns[noun]:
		r := rv.antecedent(pos, "PER", "", genderUnknown)
		r.via = "type/" + r.via
		return r
	case orgNouns[noun]:
		r := rv.antecedent(pos, "ORG", "", genderUnknown)
		r.via = "type/" + r.via
		return r
	}
	return none
}

// antecedent returns the nearest mention before pos, outside quotation
// marks, of type typ (PER; ORG, which admits LOC; "" for either) whose
// cluster holds a role with head noun role when role is not "", and whose
// gender, when known, is not the opposite of g.
func (rv *resolver) antecedent(pos int, typ, role string, g byte) resolved {
	if role == "" && typ != "" {
		r := rv.earlierSpeaker(pos, typ, g)
		if typ == "PER" && g != genderUnknown {
			// he, she: a person who opens a sentence after that speaker
			// is nearer ("“…,” said Kidd. Scott bristles at that. “…,” he said")
			if sub := rv.earlierSubject(pos, g); sub.name != "" && (r.name == "" || sub.at > r.at) {
				return sub
			}
		}
		if r.name != "" {
			r.via = "speaker"
			return r
		}
	}
	ms := rv.ents.Mentions
	i := sort.Search(len(ms), func(i int) bool { return ms[i].Start >= pos })
	for j := i - 1; j >= 0; j-- {
		m := ms[j]
		switch {
		case typ == "PER" && m.Type != "PER":
			continue
		case typ == "ORG" && m.Type != "ORG" && m.Type != "LOC":
			continue
		case typ == "" && m.Type != "PER" && m.Type != "ORG":
			continue
		}
		if rv.inQuote(m.Start) {
			continue
		}
		if role != "" && !rv.hasRole(m.Cluster, role) {
			continue
		}
		if g != genderUnknown && rv.gender[m.Cluster] == g^genderMale^genderFemale {
			continue
		}
		c := rv.ents.Clusters[m.Cluster]
		t := c.Type
		if t == "LOC" {
			t = "ORG"
		}
		return resolved{cluster: m.Cluster, name: c.Name, typ: t, via: "mention"}
	}
	return resolved{cluster: -1}
}

// nameIn reports whether a PER, ORG or LOC mention lies inside [a, b).
func (rv *resolver) nameIn(a, b int) bool {
	ms := rv.ents.Mentions
	i := sort.Search(len(ms), func(i int) bool { return ms[i].Start >= a })
	for ; i < len(ms) && ms[i].End <= b; i++ {
		if ms[i].Type == "PER" || ms[i].Type == "ORG" || ms[i].Type == "LOC" {
			return true
		}
	}
	return false
}

// hasRole reports whether a cluster holds a role whose head ends in noun.
func (rv *resolver) hasRole(cluster int, noun string) bool {
	if s, ok := roleSynonyms[noun]; ok {
		noun = s
	}
	for _, r := range rv.ents.Roles {
		if r.Cluster != cluster {
			continue
		}
		h := strings.ToLower(r.Head)
		if k := strings.LastIndexByte(h, ' ') + 1; roleSynonyms[h[k:]] != "" {
			h = h[:k] + roleSynonyms[h[k:]]
		}
		if h == noun || strings.HasSuffix(h, " "+noun) {
			return true
		}
	}
	return false
}

// modifiedNoun reports whether rest, the words after a name, are lower-case
// words ending in a person or organisation noun ("campaign", "senior
// adviser"), and returns that noun.
func modifiedNoun(rest string) (string, bool) {
	words := strings.Fields(rest)
	if len(words) == 0 || len(words) > 4 {
		return "", false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLower(r) {
			return "", false
		}
	}
	noun := strings.TrimRight(words[len(words)-1], ".,;:")
	return noun, personNouns[noun] || orgNouns[noun] || roleHeads[noun]
}
