package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Grammatical gender of a person as the document shows it.
const (
	genderUnknown byte = 0
	genderMale    byte = 'm'
	genderFemale  byte = 'f'
)

// maleCues and femaleCues are honorifics and role words that, right
// before a person's name, give the person's gender ("Mr. Hale",
// "Congresswoman Vell").
var (
	maleCues = setOf("mr", "mr.", "sir", "king", "prince", "congressman", "spokesman",
		"chairman", "businessman", "father", "brother", "son", "husband", "uncle", "grandfather",
		"lord", "councilman", "assemblyman", "anchorman", "boyfriend")
	femaleCues = setOf("mrs", "mrs.", "ms", "ms.", "miss", "madam", "lady", "queen", "princess",
		"congresswoman", "spokeswoman", "chairwoman", "businesswoman", "mother", "sister", "daughter",
		"wife", "aunt", "grandmother", "widow", "councilwoman", "assemblywoman", "girlfriend", "dame")
)

// genders infers the gender of each person cluster of names from the
// document: an honorific or gendered role word right before one of its
// mentions, and the first he/him/his or she/her/hers after each of its
// mentions, in the rest of its sentence or in the next one, before any
// other person is named or a quotation mark. Each cue is a vote; a cluster
// takes the gender with more votes (an honorific or role word counts
// three), and stays unknown on a tie.
func genders(text string, names []Name) map[int]byte {
	votes := map[int][2]int{} // cluster → male, female votes
	add := func(c int, g byte, n int) {
		v := votes[c]
		if g == genderMale {
			v[0] += n
		} else {
			v[1] += n
		}
		votes[c] = v
	}
	per := make([]Name, 0, len(names))
	for _, n := range names {
		if n.Type == "PER" && n.Start >= 0 && n.End <= len(text) && n.Start < n.End {
			per = append(per, n)
		}
	}
	sort.Slice(per, func(i, j int) bool { return per[i].Start < per[j].Start })
	for i, n := range per {
		if w := strings.ToLower(lastWord(text[:n.Start])); maleCues[w] {
			add(n.Cluster, genderMale, 3)
		} else if femaleCues[w] {
			add(n.Cluster, genderFemale, 3)
		}
		// the first personal pronoun after the mention, before the next
		// person, within about two sentences
		limit := min(len(text), n.End+300)
		if i+1 < len(per) && per[i+1].Start < limit {
			limit = per[i+1].Start
		}
		if g := firstPronoun(text, n.End, limit); g != genderUnknown {
			add(n.Cluster, g, 1)
		}
	}
	out := map[int]byte{}
	for c, v := range votes {
		switch {
		case v[0] > v[1]:
			out[c] = genderMale
		case v[1] > v[0]:
			out[c] = genderFemale
		}
	}
	return out
}

// lastWord returns the word that ends s, with a final period kept
// ("Mr."), skipping spaces.
func lastWord(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	i := strings.LastIndexFunc(s, func(r rune) bool { return !(unicode.IsLetter(r) || r == '.') })
	return s[i+1:]
}

// firstPronoun returns the gender of the first he/him/his or she/her/hers
// in text[from:to], stopping at the end of the sentence after the one the
// span starts in and at any quotation mark (a pronoun inside a quote may
// be anyone).
func firstPronoun(text string, from, to int) byte {
	stops := 0
	for i := from; i < to; {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '“' || r == '”' || r == '"':
			return genderUnknown
		case r == '.' || r == '!' || r == '?' || r == '\n':
			stops++
			if stops > 1 {
				return genderUnknown
			}
		case unicode.IsLetter(r):
			j := i
			for j < to {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += s2
			}
			switch strings.ToLower(text[i:j]) {
			case "he", "him", "his", "himself":
				return genderMale
			case "she", "her", "hers", "herself":
				return genderFemale
			}
			i = j
			continue
		}
		i += size
	}
	return genderUnknown
}

// pronounGender is the gender a pronoun asks for.
func pronounGender(p string) byte {
	switch p {
	case "he", "him", "his":
		return genderMale
	case "she", "her", "hers":
		return genderFemale
	}
	return genderUnknown
}
