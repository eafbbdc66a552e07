package analysis

import (
	"strings"
	"unicode"

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
// lookup: every normalized alias, and for people the surname alone. Storage
// keeps an alias index over them; Link decides among the candidates found.
func LinkKeys(e Entity) []string {
	seen := map[string]bool{}
	var keys []string
	add := func(k string) {
		if k != "" && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	for _, a := range append([]string{e.Name}, e.Aliases...) {
		n := NormalizeName(a)
		add(n)
		if e.Type == PER {
			if f := strings.Fields(n); len(f) > 1 {
				add(f[len(f)-1])
			}
			continue
		}
		add(stripLegal(n)) // "apple inc" is "apple"
	}
	return keys
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

// FuzzyKeys returns the deletion variants of each link key's last word, so
// that a one-letter misspelling ("whitkoff", "usahkov") finds the entity
// through an exact index lookup: two words one edit (or one transposition)
// apart share a variant.
func FuzzyKeys(e Entity) []string {
	seen := map[string]bool{}
	var keys []string
	for _, k := range LinkKeys(e) {
		f := strings.Fields(k)
		if len(f) == 0 {
			continue
		}
		for _, v := range deletions(f[len(f)-1]) {
			if !seen[v] {
				seen[v] = true
				keys = append(keys, v)
			}
		}
	}
	return keys
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

// Link decides which known entity, if any, the article's entity local is.
// cands are the known entities found through LinkKeys and FuzzyKeys of local;
// peers are the IDs of the other known entities the same article names (its
// context). It returns the chosen candidate's ID, or false for a new entity.
func Link(local Entity, cands []Entity, peers []uint64) (uint64, bool) {
	best, bestScore := uint64(0), 0
	for _, c := range cands {
		if s := linkScore(local, c, peers); s > bestScore {
			best, bestScore = c.ID, s
		}
	}
	return best, bestScore > 0
}

// linkScore rates how surely local and c are the same entity; 0 means not.
// People: a full name that entity.SameName accepts (same surname, compatible
// first names) is sure; a surname alone matches a known person's surname; a
// full name whose first name differs from every known first name with that
// surname is somebody else. A surname one letter off ("Usahkov") links only
// in a matching context: the article names another entity the candidate was
// seen with. Others: an equal normalized name, or one letter off in context.
func linkScore(local, c Entity, peers []uint64) int {
	if local.Type != c.Type && local.Type != MISC && c.Type != MISC {
		return 0
	}
	inContext := false
	peerSet := map[uint64]bool{}
	for _, p := range peers {
		peerSet[p] = true
	}
	for _, p := range c.Peers {
		if peerSet[p] {
			inContext = true
			break
		}
	}
	if local.Type == PER && c.Type == PER {
		return personScore(local, c, inContext)
	}
	lk, ck := LinkKeys(local), LinkKeys(c)
	cset := map[string]bool{}
	for _, k := range ck {
		cset[k] = true
	}
	for _, k := range lk {
		if cset[k] {
			return 100
		}
	}
	for _, a := range lk {
		for _, b := range ck {
			if entity.OneEdit(a, b) && inContext {
				return 10
			}
		}
	}
	return 0
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
					best = max(best, 50)
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
