package analysis

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/briefbot/briefbot/analysis/entity"
)

// NormalizeName folds a name for comparison: lower case, diacritics removed,
// punctuation and repeated spaces dropped ("Yuriy  Ushakov" → "yuriy ushakov").
func NormalizeName(s string) string {
	s = norm.NFD.String(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’' || r == '.':
			// "O'Brien", "U.S." stay one word
		default:
			space = true
		}
	}
	return b.String()
}

// LinkKeys returns the keys under which an entity is indexed for linking and
// lookup: every normalized alias, and for people the surname alone. For
// others also: the alias without a leading "the" and without company-form
// words ("the apple inc" is "apple"), the country it is a variant of
// ("u.s.", "america" → "united states"), the initials of a name of several
// words ("general motors" → "gm", "bank of america" → "ba" and "boa") and a
// name of several words without its spaces ("wal mart" → "walmart").
// Storage keeps an alias index over them; Link decides among the
// candidates found (initials only link to a name written as an acronym).
func LinkKeys(e Entity) []string {
	var ks keySet
	for _, k := range baseKeys(e) {
		ks.add(k)
	}
	if e.Type != PER {
		f := formsOf(e, nil)
		for _, set := range []map[string]bool{f.initials, f.squashed} {
			for _, k := range sortedKeys(set) {
				ks.add(k)
			}
		}
	}
	return ks.keys
}

// baseKeys are the keys of LinkKeys made from the aliases themselves: the
// normalized aliases, surnames of people, and for others the forms without
// "the" and company-form words and the country's canonical name.
func baseKeys(e Entity) []string {
	var ks keySet
	for _, a := range append([]string{e.Name}, e.Aliases...) {
		n := NormalizeName(a)
		ks.add(n)
		if e.Type == PER {
			if f := strings.Fields(n); len(f) > 1 {
				ks.add(f[len(f)-1])
			}
			continue
		}
		k := orgKey(n)
		ks.add(k)
		ks.add(countryVariants[k])
	}
	return ks.keys
}

// keySet collects keys once each, in order.
type keySet struct {
	seen map[string]bool
	keys []string
}

func (s *keySet) add(k string) {
	if k == "" || s.seen[k] {
		return
	}
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	s.seen[k] = true
	s.keys = append(s.keys, k)
}

// legalSuffixes are company-form words that do not tell one organisation
// from another ("Apple Inc." and "Apple").
var legalSuffixes = map[string]bool{
	"inc": true, "incorporated": true, "corp": true, "corporation": true, "co": true, "company": true,
	"ltd": true, "limited": true, "llc": true, "plc": true, "ag": true, "sa": true, "nv": true, "bv": true,
	"gmbh": true, "spa": true, "ab": true, "as": true, "oyj": true, "holdings": true, "group": true,
}

// stripLegal removes trailing company-form words from a normalized name,
// keeping at least one word.
func stripLegal(n string) string {
	f := strings.Fields(n)
	for len(f) > 1 && legalSuffixes[f[len(f)-1]] {
		f = f[:len(f)-1]
	}
	return strings.Join(f, " ")
}

// orgKey is the comparison key of a normalized name that is not a
// person's: without a leading "the" and trailing company-form words ("the
// velk holding co" → "velk holding").
func orgKey(n string) string {
	if rest, ok := strings.CutPrefix(n, "the "); ok && rest != "" {
		n = rest
	}
	return stripLegal(n)
}

// countryVariants maps normalized variant names of countries and unions to
// one canonical key, for names the text gives in one form only ("U.S." in
// one article, "the United States" or "America" in another). Keys are
// NormalizeName output, without a leading "the".
var countryVariants = func() map[string]string {
	m := map[string]string{}
	for _, line := range []string{
		"united states|us|usa|america|united states of america",
		"united kingdom|uk|britain|great britain",
		"united arab emirates|uae",
		"soviet union|ussr",
		"russia|russian federation",
		"netherlands|holland",
		"myanmar|burma",
		"czech republic|czechia",
		"european union|eu",
		"united nations|un",
	} {
		forms := strings.Split(line, "|")
		for _, f := range forms {
			m[f] = forms[0]
		}
	}
	return m
}()

// connectors are the small words inside organisation names that initials
// may skip ("Bank of America" is "BA" or "BoA").
var connectors = map[string]bool{"of": true, "for": true, "and": true, "the": true, "de": true, "du": true, "des": true, "la": true, "del": true, "on": true, "in": true, "y": true, "et": true}

// genericHeads are first words of organisation names that do not name one
// organisation alone ("National", "General"): a one-word name never links
// to a longer one through them.
var genericHeads = map[string]bool{
	"national": true, "international": true, "general": true, "united": true, "american": true,
	"european": true, "british": true, "federal": true, "royal": true, "first": true, "new": true,
	"global": true, "world": true, "bank": true, "university": true, "state": true, "city": true,
	"north": true, "south": true, "east": true, "west": true, "central": true, "western": true,
	"eastern": true, "northern": true, "southern": true, "us": true, "uk": true, "the": true,
}

// nameForms are the forms Link compares of a name that is not a person's
// (and of a person's name against an entity of type MISC).
type nameForms struct {
	typ      EntityType
	name     string          // key of its main name (orgKey)
	legal    bool            // its main name has a company-form word ("Apple Inc.")
	exact    map[string]bool // keys of the aliases (baseKeys)
	full     map[string]bool // exact keys of several words: the distinctive full names
	distinct map[string]bool // the full names it goes by (see formsOf)
	acronyms map[string]bool // keys of aliases written as acronyms ("GM", "U.S.")
	initials map[string]bool // initials of the full names
	squashed map[string]bool // full names without spaces
	heads    map[string]bool // first words of full names (not generic ones)
	single   map[string]bool // exact keys of one word
}

// formsOf returns e's forms. counts, when not nil, are the article's
// mentions of e by surface form: its main name is then the form most
// mentioned, and the full names it goes by (distinct) those of at least a
// quarter of its mentions, so that a form used once ("Apple Stores" in an
// article that says "Apple" eight times) does not make it another
// organisation. Without counts (a known entity) the main name is e.Name and
// every full name counts.
func formsOf(e Entity, counts map[string]int) nameForms {
	f := nameForms{
		typ:   e.Type,
		exact: map[string]bool{}, full: map[string]bool{}, distinct: map[string]bool{}, acronyms: map[string]bool{},
		initials: map[string]bool{}, squashed: map[string]bool{}, heads: map[string]bool{}, single: map[string]bool{},
	}
	for _, k := range baseKeys(e) {
		f.exact[k] = true
	}
	main, total, most := e.Name, 0, 0
	for _, a := range e.Aliases {
		total += counts[a]
		if n := counts[a]; n > most {
			main, most = a, n
		}
	}
	n := NormalizeName(main)
	f.name = orgKey(n)
	f.legal = f.name != strings.TrimPrefix(n, "the ")
	if c := countryVariants[f.name]; c != "" {
		f.name = c
	}
	for _, a := range append([]string{e.Name}, e.Aliases...) {
		k := orgKey(NormalizeName(a))
		w := strings.Fields(k)
		switch {
		case len(w) == 0:
			continue
		case len(w) == 1:
			f.single[k] = true
			if isAcronym(a) {
				f.acronyms[k] = true
			}
			continue
		}
		f.full[k] = true
		if counts == nil || total == 0 || 4*counts[a] >= total {
			f.distinct[k] = true
		}
		f.squashed[strings.Join(w, "")] = true
		if !genericHeads[w[0]] {
			f.heads[w[0]] = true
		}
		all, content := "", ""
		for _, x := range w {
			r, _ := utf8.DecodeRuneInString(x)
			all += string(r)
			if !connectors[x] {
				content += string(r)
			}
		}
		for _, i := range []string{all, content} {
			if utf8.RuneCountInString(i) >= 2 {
				f.initials[i] = true
			}
		}
	}
	return f
}

// isAcronym reports whether a name is written as an acronym: two to six
// upper-case letters, possibly with periods ("GM", "U.S.", "NYSE").
func isAcronym(s string) bool {
	s = strings.TrimSpace(s)
	n := 0
	for _, r := range s {
		switch {
		case r == '.':
		case r >= 'A' && r <= 'Z':
			n++
		default:
			return false
		}
	}
	return n >= 2 && n <= 6
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// FuzzyKeys returns the keys under which an entity is indexed for linking
// only (never for lookup by name): the deletion variants of each base link
// key's last word, so that a one-letter misspelling ("whitkoff", "usahkov")
// finds the entity through an exact index lookup (two words one edit or
// one transposition apart share a variant); and for organisations the
// first word of each name of several words, so that "Toyota" finds
// "Toyota Motor".
func FuzzyKeys(e Entity) []string {
	var ks keySet
	for _, k := range baseKeys(e) {
		f := strings.Fields(k)
		if len(f) == 0 {
			continue
		}
		for _, v := range deletions(f[len(f)-1]) {
			ks.add(v)
		}
	}
	if e.Type == ORG {
		for _, h := range sortedKeys(formsOf(e, nil).heads) {
			ks.add(h)
		}
	}
	return ks.keys
}

// lookupKeys returns what LinkArticle looks up for an article's entity e:
// its LinkKeys in the alias index, and in the fuzzy index its FuzzyKeys
// and, for an organisation, its one-word names (so that "Toyota" finds a
// known "Toyota Motor" through its first word).
func lookupKeys(e Entity) (keys, fuzzy []string) {
	keys, fuzzy = LinkKeys(e), FuzzyKeys(e)
	if e.Type == ORG {
		fuzzy = append(fuzzy, sortedKeys(formsOf(e, nil).single)...)
	}
	return keys, fuzzy
}

// deletions returns w and every string made by deleting one rune from w, for
// words of at least 5 runes (shorter words are too easily confused).
func deletions(w string) []string {
	rs := []rune(w)
	if len(rs) < 5 {
		return nil
	}
	out := []string{w}
	for i := range rs {
		out = append(out, string(rs[:i])+string(rs[i+1:]))
	}
	return out
}

// Link scores: from strongLink a name the article gives is a known name of
// the candidate; under weakLink the match is by part of a name (a surname
// alone, an organisation's first word), by initials or by a misspelling,
// taken only when one candidate fits.
const (
	strongLink  = 99
	weakLink    = 85
	headLink    = 60 // orgScore: a one-word name, first word of a known one
	surnameLink = 50 // personScore: a surname alone on one side
)

// Link decides which known entity, if any, the article's entity local is.
// cands are the known entities found through LinkKeys and FuzzyKeys of local;
// peers are the IDs of the other known entities the same article names (its
// context). It returns the chosen candidate's ID, or false for a new entity.
//
// The best-scoring candidate wins (see linkScore). A tie goes to the one
// candidate seen with the article's context; a tie of weak matches (a
// surname alone, an organisation's first word, initials) that context does
// not settle is ambiguous ("Brenn" when two Brenns are known) and links to
// none; a tie of strong matches goes to the lowest ID. A match by surname
// alone is taken only when one known person has that surname, or when the
// one it matches is in context (a known "Brenn" does not take "Ivo Brenn"
// when "Ada Brenn" is known too); an organisation's first word never links
// when a known place has that name.
func Link(local Entity, cands []Entity, peers []uint64) (uint64, bool) {
	id, score := bestLink(local, nil, cands, peers, nil)
	return id, score > 0
}

// bestLink is Link with the winning score (0 for none); counts are the
// article's mentions of local by surface form, nil when unknown.
// cache, when not nil, keeps the name forms of candidates between calls.
func bestLink(local Entity, counts map[string]int, cands []Entity, peers []uint64, cache *LinkCache) (uint64, int) {
	var lf *nameForms // local's forms, made once
	if local.Type != PER {
		f := formsOf(local, counts)
		lf = &f
	}
	peerSet := make(map[uint64]bool, len(peers))
	for _, p := range peers {
		peerSet[p] = true
	}
	type scored struct {
		id    uint64
		score int
		ctx   bool
	}
	var tied []scored
	best := 0
	for _, c := range cands {
		ctx := inContext(c, peerSet)
		s := linkScore(local, lf, c, ctx, cache)
		switch {
		case s <= 0 || s < best:
			continue
		case s > best:
			best, tied = s, tied[:0]
		}
		tied = append(tied, scored{c.ID, s, ctx})
	}
	if len(tied) == 0 {
		return 0, 0
	}
	if best == headLink && placeNamed(local, cands) {
		return 0, 0 // "Dunmore" the town, not "Dunmore Rovers" the club
	}
	if best == surnameLink && local.Type == PER && namesakes(local, cands) > 1 {
		// a surname shared by several known people links only in context
		var ctx []scored
		for _, x := range tied {
			if x.ctx {
				ctx = append(ctx, x)
			}
		}
		if len(ctx) != 1 {
			return 0, 0
		}
		return ctx[0].id, best
	}
	pick := func(ss []scored) scored {
		m := ss[0]
		for _, x := range ss[1:] {
			if x.id < m.id {
				m = x
			}
		}
		return m
	}
	if len(tied) == 1 {
		return tied[0].id, best
	}
	var ctx []scored
	for _, x := range tied {
		if x.ctx {
			ctx = append(ctx, x)
		}
	}
	switch {
	case len(ctx) == 1:
		return ctx[0].id, best
	case best < weakLink:
		return 0, 0 // ambiguous
	case len(ctx) > 1:
		return pick(ctx).id, best
	}
	return pick(tied).id, best
}

// namesakes counts the known people among cands who share a surname with
// local, whatever their first names.
func namesakes(local Entity, cands []Entity) int {
	_, lsur := fullNames(local)
	n := 0
	for _, c := range cands {
		if c.Type != PER {
			continue
		}
		_, csur := fullNames(c)
		for _, s := range csur {
			if slices.Contains(lsur, s) {
				n++
				break
			}
		}
	}
	return n
}

// placeNamed reports whether a candidate place is known by one of local's
// one-word names.
func placeNamed(local Entity, cands []Entity) bool {
	l := formsOf(local, nil)
	for _, c := range cands {
		if c.Type == LOC && intersects(l.single, formsOf(c, nil).exact) {
			return true
		}
	}
	return false
}

// inContext reports whether c was seen with one of the article's entities.
func inContext(c Entity, peers map[uint64]bool) bool {
	for _, p := range c.Peers {
		if peers[p] {
			return true
		}
	}
	return false
}

// linkScore rates how surely local and c are the same entity; 0 means not.
// Types must agree (MISC agrees with any). People: see personScore. Others
// (orgScore), where local's full names are those of several words it goes
// by and a conflict is two entities with full names and none in common
// ("Apple Corps" and "Apple Computer"):
//   - 100: local's main name (its most mentioned form) is c's name;
//   - 99: local's main name is another known name of c without a
//     conflict, or despite one when that form is a company's legal name
//     ("Apple Inc."); or c's name is one of local's names and they do not
//     conflict;
//   - 90: another name in common, without a conflict; or the same full name
//     but for spaces and hyphens ("Wal-Mart", "Walmart");
//   - 80: one's acronym is the initials of the other's full name ("GM",
//     "General Motors"), without a conflict;
//   - 60 (headLink): local is an organisation known by one word only, the
//     first word of c's only full name ("Korvath" for "Korvath Motors");
//     not the other way round, since an article that names "Apple Records"
//     in full does not mean a known "Apple";
//   - 10: in context, a plural or a long name one letter off (nearName).
//
// lf are local's forms (formsOf with the article's counts), nil for a
// person.
func linkScore(local Entity, lf *nameForms, c Entity, inContext bool, cache *LinkCache) int {
	if local.Type != c.Type && local.Type != MISC && c.Type != MISC {
		return 0
	}
	if local.Type == PER && c.Type == PER {
		return personScore(local, c, inContext)
	}
	if lf == nil {
		f := formsOf(local, nil)
		lf = &f
	}
	return orgScore(*lf, cache.forms(c), c, inContext)
}

// LinkCache keeps the name forms of known entities across LinkArticle
// calls, such as the articles of one batch: a forms are a pure function of
// an entity's type, name and aliases, which are its key. The zero value is
// not usable: use NewLinkCache. A nil *LinkCache computes every time.
type LinkCache struct {
	m map[string]nameForms
}

// NewLinkCache returns an empty cache.
func NewLinkCache() *LinkCache { return &LinkCache{m: map[string]nameForms{}} }

// maxCached bounds a LinkCache; past it the cache starts afresh.
const maxCached = 1 << 16

func (lc *LinkCache) forms(e Entity) nameForms {
	if lc == nil {
		return formsOf(e, nil)
	}
	var sb strings.Builder
	sb.WriteString(string(e.Type))
	sb.WriteByte(0)
	sb.WriteString(e.Name)
	for _, a := range e.Aliases {
		sb.WriteByte(0)
		sb.WriteString(a)
	}
	k := sb.String()
	if f, ok := lc.m[k]; ok {
		return f
	}
	if len(lc.m) >= maxCached {
		clear(lc.m)
	}
	f := formsOf(e, nil)
	lc.m[k] = f
	return f
}

func orgScore(l nameForms, k nameForms, c Entity, inContext bool) int {
	conflict := len(l.distinct) > 0 && len(k.distinct) > 0 && !intersects(l.full, k.full) && !intersects(l.squashed, k.squashed)
	switch {
	case l.name != "" && l.name == k.name:
		return 100
	case l.name != "" && k.exact[l.name] && (!conflict || l.legal),
		k.name != "" && l.exact[k.name] && !conflict:
		return 99
	case intersects(l.exact, k.exact) && !conflict:
		return 90
	case intersects(l.squashed, k.squashed), intersects(l.squashed, k.single), intersects(k.squashed, l.single):
		return 90
	case !conflict && (intersects(l.acronyms, k.initials) || intersects(k.acronyms, l.initials)):
		return 80
	}
	if l.typ == ORG && c.Type == ORG && !conflict &&
		len(l.distinct) == 0 && len(k.full) == 1 && intersects(l.single, k.heads) {
		return headLink
	}
	if inContext {
		for a := range l.exact {
			for b := range k.exact {
				if nearName(a, b) {
					return 10
				}
			}
		}
	}
	return 0
}

// nearName reports whether two normalized names that are not people's
// are one variant apart: a plural ("lumphones" for "lumphone"), or one
// edit in names of at least 8 letters and no digit ("Gazrpom"). Shorter
// names and model numbers differ by one letter between different things
// ("iPad" and "iPod", "Zen 3" and "Zen 3S").
func nearName(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if r, _ := utf8.DecodeLastRuneInString(a); b == a+"s" && unicode.IsLetter(r) {
		return true // not "3" and "3s"
	}
	if strings.ContainsAny(a+b, "0123456789") || utf8.RuneCountInString(a) < 8 || utf8.RuneCountInString(b) < 8 {
		return false
	}
	return entity.OneEdit(a, b)
}

func personScore(local, c Entity, inContext bool) int {
	lf, lsur := fullNames(local)
	cf, csur := fullNames(c)
	best := 0
	conflict := false
	for _, a := range lf {
		for _, b := range cf {
			switch {
			case NormalizeName(a) == NormalizeName(b):
				return 100
			case entity.SameName(a, b):
				if lastWord(a) == lastWord(b) {
					best = max(best, 90)
				} else if inContext {
					best = max(best, 10)
				}
			case lastWord(a) == lastWord(b):
				conflict = true // same surname, other first name
			}
		}
	}
	if best > 0 {
		return best
	}
	if conflict {
		return 0
	}
	// a surname alone on either side
	if len(lf) == 0 || len(cf) == 0 {
		for _, a := range lsur {
			for _, b := range csur {
				switch {
				case a == b:
					best = max(best, surnameLink)
				case entity.OneEdit(a, b) && inContext:
					best = max(best, 10)
				}
			}
		}
	}
	return best
}

// fullNames returns an entity's multi-word names and its surnames
// (normalized last words of every name).
func fullNames(e Entity) (full []string, surnames []string) {
	seen := map[string]bool{}
	for _, a := range append([]string{e.Name}, e.Aliases...) {
		n := NormalizeName(a)
		w := strings.Fields(n)
		if len(w) == 0 {
			continue
		}
		if len(w) > 1 && !seen["f"+n] {
			seen["f"+n] = true
			full = append(full, a)
		}
		if last := w[len(w)-1]; !seen["s"+last] {
			seen["s"+last] = true
			surnames = append(surnames, last)
		}
	}
	return full, surnames
}

func lastWord(name string) string {
	w := strings.Fields(NormalizeName(name))
	if len(w) == 0 {
		return ""
	}
	return w[len(w)-1]
}
