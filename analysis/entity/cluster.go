package entity

import (
	"strings"
	"unicode/utf8"
)

// cluster groups res.Mentions (made from spans, in the same order) into
// clusters.
//
// People: full names that SameName says are one person form a cluster; a
// surname alone joins the cluster of that surname (the nearest one before
// it when two people share the surname); a one-letter misspelling of a
// surname joins it too. Other names cluster by gazetteer key or by their
// folded text.
func (ex *extractor) cluster(res *Result, spans []span) {
	ms := res.Mentions
	assign := make([]int, len(ms))
	for i := range assign {
		assign[i] = -1
	}
	type group struct {
		typ     string
		members []int
	}
	var groups []group
	byKey := map[string]int{}
	// per mention, computed once: its words, and the folded and
	// transliteration keys of its last word
	wordsOf := make([][]string, len(ms))
	lastFold := make([]string, len(ms))
	lastTr := make([]string, len(ms))
	for i := range ms {
		wordsOf[i] = strings.Fields(ms[i].Text)
		if w := wordsOf[i]; len(w) > 0 && ms[i].Type == "PER" {
			lastFold[i] = fold(w[len(w)-1])
			lastTr[i] = translitKey(w[len(w)-1])
		}
	}
	words := func(i int) []string { return wordsOf[i] }
	// full names
	for i, m := range ms {
		if m.Type != "PER" || len(words(i)) < 2 {
			continue
		}
		g := -1
	search:
		for gi, gr := range groups {
			for _, j := range gr.members {
				if SameName(ms[j].Text, m.Text) {
					g = gi
					break search
				}
			}
		}
		if g < 0 {
			groups = append(groups, group{typ: "PER"})
			g = len(groups) - 1
		}
		groups[g].members = append(groups[g].members, i)
		assign[i] = g
	}
	// surnames alone
	for i, m := range ms {
		if m.Type != "PER" || assign[i] >= 0 {
			continue
		}
		best := -1
		mFold, mTr := fold(m.Text), translitKey(m.Text)
		for _, fuzzy := range []bool{false, true} {
			bestPos := 0
			for gi, gr := range groups {
				if gr.typ != "PER" {
					continue
				}
				for _, j := range gr.members {
					w := words(j)
					if len(w) < 2 && j > i {
						continue
					}
					if len(w) == 0 {
						continue
					}
					if !fuzzy && lastFold[j] != mFold && lastTr[j] != mTr || fuzzy && !surnameMatch(w[len(w)-1], m.Text, true) {
						continue
					}
					// the nearest mention before i wins; else the first group
					pos := j
					if j > i {
						pos = -1 - j
					}
					if best < 0 || pos > bestPos {
						best, bestPos = gi, pos
					}
				}
			}
			if best >= 0 {
				break
			}
		}
		if best < 0 && len(words(i)) == 1 {
			// a first name alone: the one person of the document with it
			best = firstNameGroup(ms, words, m.Text, func(yield func(gi int, members []int) bool) {
				for gi, gr := range groups {
					if gr.typ == "PER" && !yield(gi, gr.members) {
						return
					}
				}
			})
		}
		if best < 0 {
			groups = append(groups, group{typ: "PER"})
			best = len(groups) - 1
		}
		groups[best].members = append(groups[best].members, i)
		assign[i] = best
	}
	// organisations: a head word, acronym or initials of a longer name
	// joins it ("Acme" and "Acme Inc." with "Acme Robotics"; "NPD" with
	// "NPD Group"; "IRB" with "Iron River Bank")
	orgKeys := make([]string, len(ms))
	heads := map[string]map[string]int{} // head → full keys → mentions
	for i, m := range ms {
		if m.Type != "ORG" || spans[i].key != "" {
			continue
		}
		orgKeys[i] = orgKey(m.Text)
		f := strings.Fields(orgKeys[i])
		if len(f) < 2 {
			continue
		}
		for _, h := range []string{f[0], initials(strings.Fields(m.Text))} {
			if h == "" {
				continue
			}
			if heads[h] == nil {
				heads[h] = map[string]int{}
			}
			heads[h][orgKeys[i]]++
		}
	}
	// a head shared by several names is ambiguous: it stays apart
	headKey := func(h string) string {
		if len(heads[h]) != 1 {
			return ""
		}
		for k := range heads[h] {
			return k
		}
		return ""
	}
	// everything else
	for i, m := range ms {
		if assign[i] >= 0 {
			continue
		}
		key := spans[i].key
		if key == "" && orgKeys[i] != "" {
			k := orgKeys[i]
			if h := headKey(k); h != "" && !strings.Contains(k, " ") {
				k = h
			}
			key = "org:" + k
		}
		if key == "" {
			key = strings.ToLower(m.Type) + ":" + fold(m.Text)
		}
		g, ok := byKey[key]
		if !ok {
			groups = append(groups, group{typ: m.Type})
			g = len(groups) - 1
			byKey[key] = g
		}
		groups[g].members = append(groups[g].members, i)
		assign[i] = g
	}
	// number clusters in order of first mention
	order := make([]int, len(groups))
	for i := range order {
		order[i] = -1
	}
	next := 0
	for i := range ms {
		if g := assign[i]; order[g] < 0 {
			order[g] = next
			next++
		}
	}
	res.Clusters = make([]Cluster, next)
	for gi, gr := range groups {
		if len(gr.members) == 0 {
			continue
		}
		c := &res.Clusters[order[gi]]
		c.Type = gr.typ
		seen := map[string]bool{}
		for i := range ms {
			if assign[i] != gi {
				continue
			}
			c.Mentions = append(c.Mentions, i)
			ms[i].Cluster = order[gi]
			if !seen[ms[i].Text] {
				seen[ms[i].Text] = true
				c.Aliases = append(c.Aliases, ms[i].Text)
			}
		}
		c.Name = canonical(ms, c.Mentions, gr.typ == "PER")
	}
}

// canonical picks a cluster's name: the most frequent form of several
// words ("Steve Witkoff" over "Stephen Witkoff" when the text says "Steve"
// more often); among equally frequent ones the longest (for people the one
// with the most words, for others the one with the most letters), then the
// first seen. Only when every form is a single word ("Witkoff", "US") does
// the same order apply to all forms.
func canonical(ms []Mention, idx []int, person bool) string {
	count := map[string]int{}
	multi := false
	for _, i := range idx {
		count[ms[i].Text]++
		if len(strings.Fields(ms[i].Text)) >= 2 {
			multi = true
		}
	}
	size := func(s string) int {
		if person {
			return len(strings.Fields(s))
		}
		return utf8.RuneCountInString(s)
	}
	best := ""
	for _, i := range idx {
		s := ms[i].Text
		if multi && len(strings.Fields(s)) < 2 {
			continue
		}
		switch {
		case best == "":
			best = s
		case count[s] > count[best]:
			best = s
		case count[s] == count[best] && size(s) > size(best):
			best = s
		}
	}
	return best
}

// surnameMatch: the same surname or a transliteration of it; with fuzzy,
// instead a one-letter misspelling of it (never for a first name).
func surnameMatch(surname, word string, fuzzy bool) bool {
	if !fuzzy {
		return fold(surname) == fold(word) || translitKey(surname) == translitKey(word)
	}
	return !firstNames[fold(word)] && OneEdit(surname, word)
}

// firstNameGroup returns the group of the person whose full name starts
// with the first name name (or a variant of it: "Steve" for "Stephen
// Vell"); of several such people the one named most often; -1 when there
// is none or two are named equally often.
func firstNameGroup(ms []Mention, words func(int) []string, name string, groups func(func(int, []int) bool)) int {
	found, most, tie := -1, 0, false
	groups(func(gi int, members []int) bool {
		for _, j := range members {
			w := words(j)
			if len(w) < 2 || !FirstNameVariants(w[0], name) || utf8.RuneCountInString(w[0]) == 1 {
				continue
			}
			switch n := len(members); {
			case n > most:
				found, most, tie = gi, n, false
			case n == most:
				tie = true
			}
			break
		}
		return true
	})
	if tie {
		return -1
	}
	return found
}
