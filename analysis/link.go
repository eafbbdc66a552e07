package analysis

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
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
		}
	}
	return keys
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
func linkScore(local, c Entity, peers []uint64) int {
	if local.Type != c.Type && local.Type != MISC && c.Type != MISC {
		return 0
	}
	lk, ck := LinkKeys(local), LinkKeys(c)
	cset := map[string]bool{}
	for _, k := range ck {
		cset[k] = true
	}
	for _, k := range lk {
		if cset[k] && strings.Contains(k, " ") {
			return 100 // same full name
		}
	}
	for _, k := range lk {
		if cset[k] {
			return 50 // same surname (people) or same one-word name
		}
	}
	// one edit apart, in a matching context
	lf, cf := FuzzyKeys(local), FuzzyKeys(c)
	fset := map[string]bool{}
	for _, k := range cf {
		fset[k] = true
	}
	close := false
	for _, k := range lf {
		if fset[k] {
			close = true
			break
		}
	}
	if !close {
		return 0
	}
	peerSet := map[uint64]bool{}
	for _, p := range peers {
		peerSet[p] = true
	}
	for _, p := range c.Peers {
		if peerSet[p] {
			return 10
		}
	}
	return 0
}
