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

// maleFirst and femaleFirst are common first names (frequent given names
// of the United States and Britain) whose bearers are nearly all of one
// gender; names used for both ("Jordan", "Taylor", "Kim") are left out.
var (
	maleFirst = setOf("james", "john", "robert", "michael", "william", "david", "richard", "joseph",
		"thomas", "charles", "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven",
		"paul", "andrew", "joshua", "kenneth", "kevin", "brian", "george", "timothy", "ronald", "edward",
		"jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric", "jonathan", "stephen", "larry",
		"justin", "scott", "brandon", "benjamin", "samuel", "gregory", "alexander", "frank", "patrick",
		"raymond", "jack", "dennis", "jerry", "tyler", "aaron", "jose", "adam", "nathan", "henry",
		"douglas", "zachary", "peter", "kyle", "ethan", "walter", "noah", "jeremy", "christian", "keith",
		"roger", "terry", "gerald", "harold", "sean", "austin", "carl", "arthur", "lawrence", "dylan",
		"jesse", "bryan", "joe", "billy", "bruce", "albert", "willie", "gabriel", "logan",
		"alan", "juan", "wayne", "roy", "ralph", "randy", "eugene", "vincent", "russell", "elijah",
		"louis", "bobby", "philip", "johnny", "mike", "bill", "tom", "jim", "bob", "dan", "steve", "ted",
		"tim", "ben", "sam", "nick", "tony", "chris", "jeff", "greg", "rick", "ron", "ken", "don", "jon",
		"barack", "bernie", "bernard", "mitch", "newt", "rudy", "hugh", "ian", "neil", "martin", "luke",
		"simon", "oliver", "harry", "charlie", "fred", "howard", "stanley", "leonard", "marvin", "glenn",
		"earl", "dale", "craig", "todd", "chad", "derek", "travis", "marcus", "mohammed",
		"muhammad", "ahmed", "ali", "omar", "vladimir", "dmitry", "sergei", "ivan", "pierre",
		"francois", "hans", "carlos", "luis", "miguel", "pedro", "antonio", "giuseppe", "marco")
	femaleFirst = setOf("mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan",
		"jessica", "sarah", "karen", "nancy", "lisa", "betty", "margaret", "sandra", "ashley",
		"kimberly", "emily", "donna", "michelle", "dorothy", "carol", "amanda", "melissa", "deborah",
		"stephanie", "rebecca", "sharon", "laura", "cynthia", "kathleen", "amy", "shirley", "angela",
		"helen", "anna", "brenda", "pamela", "nicole", "emma", "samantha", "katherine", "christine",
		"debra", "rachel", "catherine", "carolyn", "janet", "ruth", "maria", "heather", "diane",
		"virginia", "julie", "joyce", "victoria", "olivia", "kelly", "christina", "lauren", "joan",
		"evelyn", "judith", "megan", "cheryl", "andrea", "hannah", "martha", "jacqueline", "frances",
		"gloria", "ann", "teresa", "kathryn", "sara", "janice", "alice", "madison", "doris",
		"abigail", "julia", "judy", "grace", "denise", "amber", "marilyn", "beverly", "danielle",
		"theresa", "sophia", "marie", "diana", "brittany", "natalie", "isabella", "charlotte", "rose",
		"alexis", "kayla", "hillary", "condoleezza", "nikki", "sonia", "elena", "ruth", "nancy", "kellyanne",
		"melania", "ivanka", "chelsea", "michele", "sheila", "wendy", "claire", "louise", "jane", "kate",
		"katie", "meghan", "molly", "paula", "rosa", "anne", "irene", "vera", "olga", "natalia", "tatiana",
		"angela", "theresa", "marine", "ursula", "monica", "lucy", "ellen", "eleanor", "joanne", "tina",
		"tammy", "dana", "erin", "holly", "melanie", "valerie", "veronica", "yvonne", "beth", "debbie",
		"becky", "peggy", "betsy", "kirsten", "tammy", "carly", "sally", "suzanne", "gwen", "maxine")
)

// genders infers the gender of each person cluster of names from the
// document: an honorific or gendered role word right before one of its
// mentions, a common first name opening one of its mentions, and the first
// he or she (or himself, herself) after each of its mentions, in the rest
// of its sentence or in the next one, before any other person is named or
// a quotation mark. Object pronouns (him, her) and possessives are not
// counted: "Hale scolded him" names someone else. Each cue is a vote; a
// cluster takes the gender with more votes among its honorifics, role
// words and first names (strong cues), and only when it has none the
// gender with more votes among its pronouns (a pronoun after a name may
// be someone else's); it stays unknown on a tie.
func genders(text string, names []Name) map[int]byte {
	g, _ := genderVotes(text, names)
	return g
}

// genderVotes is genders, also telling which clusters have their gender
// from pronouns only (weak).
func genderVotes(text string, names []Name) (map[int]byte, map[int]bool) {
	votes := map[int][4]int{} // cluster → strong male, female; pronoun male, female
	add := func(c int, g byte, strong bool) {
		v := votes[c]
		k := 2
		if strong {
			k = 0
		}
		if g == genderFemale {
			k++
		}
		v[k]++
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
			add(n.Cluster, genderMale, true)
		} else if femaleCues[w] {
			add(n.Cluster, genderFemale, true)
		}
		if first, _, ok := strings.Cut(text[n.Start:n.End], " "); ok {
			if f := strings.ToLower(first); maleFirst[f] {
				add(n.Cluster, genderMale, true)
			} else if femaleFirst[f] {
				add(n.Cluster, genderFemale, true)
			}
		}
		// the first personal pronoun after the mention, before the next
		// person, within about two sentences
		limit := min(len(text), n.End+300)
		if i+1 < len(per) && per[i+1].Start < limit {
			limit = per[i+1].Start
		}
		if g := firstPronoun(text, n.End, limit); g != genderUnknown {
			add(n.Cluster, g, false)
		}
	}
	out, weak := map[int]byte{}, map[int]bool{}
	for c, v := range votes {
		switch {
		case v[0] > v[1]:
			out[c] = genderMale
		case v[1] > v[0]:
			out[c] = genderFemale
		case v[0] > 0:
			// strong cues that tie: unknown
		case v[2] > v[3]:
			out[c], weak[c] = genderMale, true
		case v[3] > v[2]:
			out[c], weak[c] = genderFemale, true
		}
	}
	return out, weak
}

// lastWord returns the word that ends s, with a final period kept
// ("Mr."), skipping spaces.
func lastWord(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	i := strings.LastIndexFunc(s, func(r rune) bool { return !(unicode.IsLetter(r) || r == '.') })
	return s[i+1:]
}

// firstPronoun returns the gender of the first he/himself or she/herself
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
			case "he", "himself":
				return genderMale
			case "she", "herself":
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
