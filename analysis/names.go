package analysis

import (
	"sort"
	"strings"
)

// NameMatch is a known entity that a typed name may denote.
type NameMatch struct {
	Entity Entity
	Score  int // 100 exact alias, 90 surname, 70 prefix, 60 one edit, 40 two edits
}

// MatchThreshold is the score from which a match is taken as the entity
// asked for; below it, matches are only suggestions.
const MatchThreshold = 60

// RankNames returns the entities whose names the query may denote, best
// first: an exact alias ("Steve Witkoff"), a surname ("witkoff"), a prefix
// ("witk"), or a misspelling of a few letters ("whitkoff"). Scores under
// MatchThreshold are suggestions. Entities with no match are left out.
func RankNames(query string, ents []Entity) []NameMatch {
	q := NormalizeName(query)
	if q == "" {
		return nil
	}
	var out []NameMatch
	for _, e := range ents {
		if s := nameScore(q, e); s > 0 {
			out = append(out, NameMatch{Entity: e, Score: s})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		if len(out[i].Entity.Aliases) != len(out[j].Entity.Aliases) {
			return len(out[i].Entity.Aliases) > len(out[j].Entity.Aliases)
		}
		return out[i].Entity.ID < out[j].Entity.ID
	})
	return out
}

func nameScore(q string, e Entity) int {
	best := 0
	qw := strings.Fields(q)
	for _, a := range append([]string{e.Name}, e.Aliases...) {
		n := NormalizeName(a)
		if n == "" {
			continue
		}
		words := strings.Fields(n)
		s := 0
		switch {
		case n == q:
			s = 100
		case len(words) > 1 && words[len(words)-1] == q:
			s = 90
		case len(qw) > 1 && sameWords(qw, words):
			s = 80
		case len(q) >= 3 && (strings.HasPrefix(n, q) || hasWordPrefix(words, q)):
			s = 70
		default:
			d := EditDistance(q, n)
			if len(words) > 1 {
				if dl := EditDistance(q, words[len(words)-1]); dl < d {
					d = dl
				}
			}
			switch {
			case d == 1 && len(q) >= 4:
				s = 60
			case d == 2 && len(q) >= 6:
				s = 40
			case d == 3 && len(q) >= 8:
				s = 20
			}
		}
		if s > best {
			best = s
		}
	}
	return best
}

// sameWords reports whether the query words all appear among the name's.
func sameWords(q, words []string) bool {
	for _, w := range q {
		found := false
		for _, x := range words {
			if x == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func hasWordPrefix(words []string, q string) bool {
	for _, w := range words {
		if strings.HasPrefix(w, q) {
			return true
		}
	}
	return false
}

// EditDistance is the optimal-string-alignment distance of a and b (in
// runes): insertions, deletions, substitutions and adjacent transpositions.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 {
		return len(rb)
	}
	if len(rb) == 0 {
		return len(ra)
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
