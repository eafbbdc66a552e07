package entity

import "strings"

// weakHeads are role nouns that, right before a name, are too often
// something else ("will head Witkoff's team") unless a modifier or possessor
// comes with them ("fund head Kirill Dmitriev").
var weakHeads = map[string]bool{
	"head": true, "chief": true, "friend": true, "son": true, "daughter": true, "wife": true,
	"husband": true, "ally": true, "general": true, "deputy": true, "official": true,
	"representative": true, "counterpart": true, "leader": true, "owner": true, "founder": true,
	"executive": true, "developer": true, "investor": true, "speaker": true, "chair": true,
	"captain": true, "coach": true, "officer": true, "expert": true, "candidate": true,
	"nominee": true, "editor": true, "director": true, "chairman": true, "chairwoman": true,
	"scientist": true, "mediator": true, "co-founder": true,
}

// complementPreps start the complement of a role noun ("head of the fund").
var complementPreps = map[string]bool{
	"of": true, "for": true, "at": true, "to": true, "in": true, "on": true, "from": true,
}

// ppStop: words that end a role's complement when reading it leftwards
// from a name ("envoy for international economic cooperation Kirill
// Dmitriev").
var ppStop = map[string]bool{
	"and": true, "or": true, "with": true, "by": true, "said": true, "says": true, "who": true,
	"which": true, "that": true, "when": true, "while": true, "as": true, "is": true, "was": true,
	"are": true, "were": true, "has": true, "had": true, "have": true, "met": true, "between": true,
	"after": true, "before": true, "during": true, "than": true, "his": true, "her": true, "their": true,
}

// roles finds the role phrases of every person mention: before the name
// ("Russian President", "US special envoy", "presidential press secretary")
// and in apposition after it (", head of the Russian Direct Investment Fund,").
func (ex *extractor) roles(res *Result, spans []span) {
	bySent := map[int][]int{} // sentence → spans in it
	for i, sp := range spans {
		bySent[sp.s] = append(bySent[sp.s], i)
	}
	seen := map[[3]int]bool{}
	add := func(i int, r Role, ok bool) {
		if !ok {
			return
		}
		r.Cluster = res.Mentions[i].Cluster
		r.Sentence = res.Mentions[i].Sentence
		r.Text = ex.text[r.Start:r.End]
		k := [3]int{r.Cluster, r.Start, r.End}
		if seen[k] {
			return
		}
		seen[k] = true
		res.Roles = append(res.Roles, r)
	}
	for i, sp := range spans {
		if sp.typ != "PER" {
			continue
		}
		st := &ex.sents[sp.s]
		others := bySent[sp.s]
		r, ok := ex.leftRole(st, spans, others, sp.a-1, true)
		add(i, r, ok)
		r, ok = ex.rightRole(st, spans, others, sp.b)
		add(i, r, ok)
		// "Trump's special envoy, Steve Witkoff, said"
		if sp.a >= 2 && st.toks[sp.a-1].text == "," && closesApposition(st.toks, sp.b) {
			r, ok = ex.leftRole(st, spans, others, sp.a-2, false)
			add(i, r, ok)
		}
	}
}

// closesApposition: token k ends a noun phrase in apposition.
func closesApposition(toks []token, k int) bool {
	if k >= len(toks) {
		return true
	}
	switch toks[k].text {
	case ",", ";", ")", ".", "—", "–":
		return true
	case "-":
		return !toks[k].tight
	}
	return false
}

// headEndingAt finds the longest role head phrase that ends at token k.
func headEndingAt(toks []token, k int) (start int, head string, ok bool) {
	if k < 0 || toks[k].kind != tWord {
		return 0, "", false
	}
	for s := max(0, k-2*maxHeadLen+2); s <= k; s++ {
		if toks[s].kind != tWord {
			continue
		}
		if h, found := roleHeads[joinKey(toks, s, k+1)]; found {
			return s, h, true
		}
	}
	return 0, "", false
}

// headStartingAt finds the longest role head phrase that starts at token j.
func headStartingAt(toks []token, j int) (end int, head string, ok bool) {
	if j >= len(toks) || toks[j].kind != tWord {
		return 0, "", false
	}
	for e := min(len(toks), j+2*maxHeadLen-1); e > j; e-- {
		if toks[e-1].kind != tWord {
			continue
		}
		if h, found := roleHeads[joinKey(toks, j, e)]; found {
			return e, h, true
		}
	}
	return 0, "", false
}

// isModifier: a word that may stand in a role phrase before its head.
func isModifier(st *sent, k int) bool {
	t := st.toks[k]
	if t.kind != tWord {
		return false
	}
	f := t.key
	if roleMods[f] || demonymOf[f] != "" || titles[f] || t.upper {
		return true
	}
	if _, ok := roleHeads[f]; ok {
		return true
	}
	for a, u := range st.gaz {
		if a <= k && k < u.end && (u.typ != "MISC" || u.demonym) {
			return true
		}
	}
	return false
}

func spanCovering(spans []span, in []int, k int) bool {
	for _, i := range in {
		if spans[i].a <= k && k < spans[i].b {
			return true
		}
	}
	return false
}

// leftRole reads a role phrase that ends at token k, right before a name
// (or before the comma of an apposition when direct is false).
func (ex *extractor) leftRole(st *sent, spans []span, in []int, k int, direct bool) (Role, bool) {
	toks := st.toks
	if k < 0 || honorifics[toks[k].key] {
		return Role{}, false
	}
	end := k
	hs, head, ok := headEndingAt(toks, k)
	if !ok {
		// a complement between head and name: "envoy for international
		// economic cooperation Kirill Dmitriev", "Ambassador to the UN John Kelly"
		for p := k; p >= max(0, k-7); p-- {
			t := toks[p]
			if t.kind != tWord || ppStop[t.key] {
				break
			}
			if p < k && complementPreps[t.key] {
				if hs, head, ok = headEndingAt(toks, p-1); ok {
					break
				}
			}
		}
		if !ok {
			return Role{}, false
		}
	}
	if !direct && toks[hs].cap && !titles[joinKey(toks, hs, hs+1)] {
		// ", Steve Witkoff" after a capitalized word is a list, not a role
		return Role{}, false
	}
	if verbBefore(toks, hs) {
		return Role{}, false // "we will judge Freedonia": a verb, not a role
	}
	start := hs
	mods := 0
	for j := hs - 1; j >= 0; j-- {
		t := toks[j]
		if t.poss {
			// "Marsh's spokesman": the possessor is a mention of its own,
			// not part of the role
			break
		}
		if t.tight && j > 0 && toks[j-1].key == "ex" {
			start = j - 1
			mods++
			j--
			continue
		}
		if !isModifier(st, j) || spanCovering(spans, in, j) && !inGazSpan(st, j) {
			if t.initial && t.cap && t.kind == tWord && !roleStops[t.key] && !isCommon(t) &&
				!calendar[t.key] && !spanCovering(spans, in, j) {
				// "Spillway contractor Anton Brezhin": a sentence-initial
				// capital is an ordinary word of the role
				start = j
			}
			break
		}
		start = j
		mods++
	}
	// only a one-word head can be weak: "Deputy Foreign Minister" is not
	if weakHeads[head] && start == hs && (direct || !toks[hs].cap) {
		return Role{}, false
	}
	return ex.makeRole(toks, start, end, head), true
}

// inGazSpan: token k lies in a gazetteer name (places and organisations may
// qualify a role: "Kremlin aide", "U.S. President").
func inGazSpan(st *sent, k int) bool {
	for a, u := range st.gaz {
		if a <= k && k < u.end && (u.typ != "MISC" || u.demonym) {
			return true
		}
	}
	return demonymOf[st.toks[k].key] != ""
}

// rightRole reads an apposition after a name that ends before token b:
// ", [the] [modifiers] head [complement]," closed by a comma, bracket,
// dash or the end of the sentence.
func (ex *extractor) rightRole(st *sent, spans []span, in []int, b int) (Role, bool) {
	toks := st.toks
	if b >= len(toks) || toks[b].text != "," {
		return Role{}, false
	}
	j := b + 1
	if j < len(toks) {
		switch toks[j].key {
		case "the", "a", "an":
			j++
		}
	}
	// a possessor ("Marsh's special envoy") is a mention of its own, not
	// part of the role
	for _, i := range in {
		if spans[i].a == j && spans[i].b < len(toks) && toks[spans[i].b].poss {
			j = spans[i].b + 1
			break
		}
	}
	start := j
	var he int
	var head string
	found := false
	for ; j < len(toks) && j < start+6; j++ {
		if e, h, ok := headStartingAt(toks, j); ok {
			he, head, found = e, h, true
			// a longer head may start later ("special" "envoy"): take the last head
			for e < len(toks) {
				e2, h2, ok2 := headStartingAt(toks, e)
				if !ok2 {
					break
				}
				he, head, e = e2, h2, e2
			}
			break
		}
		if !isModifier(st, j) {
			return Role{}, false
		}
	}
	if !found {
		return Role{}, false
	}
	end := he
	if end < len(toks) && complementPreps[toks[end].key] {
		e := end
		for e < len(toks) && e < end+14 && !closesApposition(toks, e) && !isQuote(toks[e].text) {
			e++
		}
		if !closesApposition(toks, e) {
			return Role{}, false
		}
		end = e
	} else if !closesApposition(toks, end) {
		return Role{}, false
	}
	return ex.makeRole(toks, start, end-1, head), true
}

// roleStops: sentence-initial words that are never part of a role.
var roleStops = map[string]bool{
	"a": true, "an": true, "the": true, "this": true, "that": true, "his": true, "her": true,
	"their": true, "its": true, "our": true, "and": true, "but": true, "or": true, "as": true,
	"when": true, "if": true, "then": true, "so": true, "one": true, "another": true,
}

// verbModals: words after which a role noun is a verb ("to head", "will
// judge", "we chair").
var verbModals = map[string]bool{
	"to": true, "will": true, "would": true, "can": true, "could": true, "should": true,
	"must": true, "may": true, "might": true, "shall": true, "not": true, "never": true,
	"we": true, "they": true, "i": true, "you": true, "cannot": true, "did": true, "do": true,
	"does": true, "let": true, "'ll": true, "'d": true,
}

// verbBefore: the word before token k makes a role noun at k a verb.
func verbBefore(toks []token, k int) bool {
	return k > 0 && toks[k-1].kind == tWord && verbModals[toks[k-1].key]
}

func isQuote(s string) bool {
	switch s {
	case "\"", "“", "”", "«", "»":
		return true
	}
	return false
}

// makeRole builds the role over tokens [a, b] (inclusive).
func (ex *extractor) makeRole(toks []token, a, b int, head string) Role {
	r := Role{Start: toks[a].start, End: toks[b].end, Head: head}
	for k := a; k <= b; k++ {
		f := toks[k].key
		if f == "former" || f == "ex" && k+1 <= b && toks[k+1].tight {
			r.Former = true
		}
	}
	if strings.HasPrefix(toks[a].key, "ex-") {
		r.Former = true
	}
	return r
}
