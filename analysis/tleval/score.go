package tleval

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Counts are the temporal-awareness counts of one or more timelines: of
// the system's reduced relations, how many the gold graph verifies
// (PrecMatched of SysTotal); of the gold's reduced relations, how many the
// system graph verifies (RecMatched of GoldTotal). They add up over
// timelines: the task's micro-average sums them before dividing.
type Counts struct {
	PrecMatched, SysTotal int
	RecMatched, GoldTotal int
}

// Add returns the sum of c and d.
func (c Counts) Add(d Counts) Counts {
	return Counts{c.PrecMatched + d.PrecMatched, c.SysTotal + d.SysTotal, c.RecMatched + d.RecMatched, c.GoldTotal + d.GoldTotal}
}

// PRF returns precision, recall and F1 as percentages (0–100), computed as
// the official script does: precision and recall rounded to six decimals
// of a fraction before F1 is taken. An empty denominator gives 0.
func (c Counts) PRF() (p, r, f float64) {
	round6 := func(x float64) float64 { return math.Round(x*1e6) / 1e6 }
	if c.SysTotal > 0 {
		p = 100 * round6(float64(c.PrecMatched)/float64(c.SysTotal))
	}
	if c.GoldTotal > 0 {
		r = 100 * round6(float64(c.RecMatched)/float64(c.GoldTotal))
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// Score compares a system timeline with the gold timeline of the same
// entity by temporal awareness (UzZaman & Allen 2011, as in TempEval-3),
// after turning each timeline into a graph the way the SemEval-2015 Task 4
// scorer does:
//
//   - lines with ordinal 0 are dropped; the others are sorted by their text
//     in natural order (numbers compared as numbers), so by ordinal, then
//     date, then mentions;
//   - every mention is an event node (a gold mention listed twice is two
//     nodes; a system mention takes the gold node of the same text, its
//     n-th occurrence the n-th gold one, else a node of its own);
//   - every distinct date string is a time node, shared by gold and system
//     ("XXXX-XX-XX" is a date like any other), and each event is
//     SIMULTANEOUS with its line's date;
//   - consecutive events in the sorted order are linked: BEFORE when the
//     ordinal grows, SIMULTANEOUS when it is the same.
//
// Relations are added to a graph in that order (all event–date links
// first, then the chain); a relation the graph already entails is
// redundant and dropped; one it contradicts is kept aside as violated (not
// added). The reduced graph is the added relations plus the violated ones.
// A system relation counts for precision when the gold input states it
// (either direction) or the gold graph entails it; a gold relation counts
// for recall likewise against the system. Entailment is over the point
// algebra of interval ends, which for BEFORE and SIMULTANEOUS alone comes
// to: same SIMULTANEOUS class, or a chain of BEFORE between classes.
//
// The official script builds its graph with the TempEval-3 timegraph;
// this reimplementation uses a complete closure instead, so it may differ
// where that timegraph misses an inference.
func Score(gold, sys Timeline) Counts {
	g := buildGraph(gold.Lines, nil)
	s := buildGraph(sys.Lines, g)
	return Counts{
		PrecMatched: verified(s.final, g),
		SysTotal:    len(s.final),
		RecMatched:  verified(g.final, s),
		GoldTotal:   len(g.final),
	}
}

// relation kinds.
const (
	before = iota
	simultaneous
)

// rel is a relation between two nodes (ids: events "e<n>", dates "t<n>").
type rel struct {
	x, y string
	kind int
}

// graph is a timeline as a temporal graph.
type graph struct {
	// for mapping system nodes onto gold ones
	eventIDs map[string][]string // mention → its event nodes, in order
	dateIDs  map[string]string   // date string → its time node
	input    map[rel]bool        // every input relation, both directions
	final    []rel               // the reduced graph: added + violated
	closure  *closure
}

// buildGraph turns lines into a graph. When gold is nil the nodes are
// numbered afresh; otherwise mentions and dates take gold's node ids when
// gold has them.
func buildGraph(lines []Line, gold *graph) *graph {
	type ev struct {
		id   string
		ord  int
		date string
	}
	sorted := sortLines(lines)
	gr := &graph{eventIDs: map[string][]string{}, dateIDs: map[string]string{}, input: map[rel]bool{}, closure: newClosure()}
	var evs []ev
	nextE, nextT := 0, 0
	if gold != nil {
		nextE, nextT = 1<<20, 1<<20 // apart from gold's ids
	}
	used := map[string]int{} // system: how many gold nodes of a mention taken
	for _, l := range sorted {
		tid, ok := gr.dateIDs[l.Date]
		if !ok {
			if gold != nil && gold.dateIDs[l.Date] != "" {
				tid = gold.dateIDs[l.Date]
			} else {
				tid = "t" + strconv.Itoa(nextT)
				nextT++
			}
			gr.dateIDs[l.Date] = tid
		}
		for _, m := range l.Mentions {
			var id string
			if gold != nil && used[m] < len(gold.eventIDs[m]) {
				id = gold.eventIDs[m][used[m]]
				used[m]++
			} else {
				id = "e" + strconv.Itoa(nextE)
				nextE++
			}
			gr.eventIDs[m] = append(gr.eventIDs[m], id)
			evs = append(evs, ev{id, l.Ordinal, tid})
		}
	}
	var in []rel
	for _, e := range evs {
		in = append(in, rel{e.id, e.date, simultaneous})
	}
	for i := 0; i+1 < len(evs); i++ {
		k := simultaneous
		if evs[i].ord < evs[i+1].ord {
			k = before
		}
		in = append(in, rel{evs[i].id, evs[i+1].id, k})
	}
	seen := map[rel]bool{}
	for _, r := range in {
		if seen[r] {
			continue
		}
		seen[r] = true
		gr.input[r] = true
		gr.input[reverse(r)] = true
		switch gr.closure.status(r) {
		case entailed:
			// redundant: not part of the reduced graph
		case contradicted:
			gr.final = append(gr.final, r)
		default:
			gr.closure.add(r)
			gr.final = append(gr.final, r)
		}
	}
	return gr
}

// verified counts the relations of rs that other states or entails.
func verified(rs []rel, other *graph) int {
	n := 0
	for _, r := range rs {
		if other.input[r] || other.closure.status(r) == entailed {
			n++
		}
	}
	return n
}

func reverse(r rel) rel {
	if r.kind == before {
		return rel{r.y, r.x, -1} // AFTER: never produced as input, so never matched by a system relation
	}
	return rel{r.y, r.x, r.kind}
}

// sortLines drops ordinal-0 lines and sorts the rest by their text in
// natural order, stably.
func sortLines(lines []Line) []Line {
	type keyed struct {
		l   Line
		key []naturalPart
	}
	var ks []keyed
	for _, l := range lines {
		if l.Ordinal == 0 {
			continue
		}
		text := strconv.Itoa(l.Ordinal) + "\t" + l.Date + "\t" + strings.Join(l.Mentions, "\t")
		ks = append(ks, keyed{l, naturalKey(text)})
	}
	sort.SliceStable(ks, func(i, j int) bool { return naturalLess(ks[i].key, ks[j].key) })
	out := make([]Line, len(ks))
	for i, k := range ks {
		out[i] = k.l
	}
	return out
}

// naturalPart is a run of digits (num, with isNum) or of other characters.
type naturalPart struct {
	isNum bool
	num   float64
	text  string
}

var digitsRE = regexp.MustCompile(`\d+`)

// naturalKey splits s into alternating text and digit runs, starting with
// a (possibly empty) text run, as Python's re.split('(\d+)') does.
func naturalKey(s string) []naturalPart {
	var out []naturalPart
	prev := 0
	for _, loc := range digitsRE.FindAllStringIndex(s, -1) {
		out = append(out, naturalPart{text: s[prev:loc[0]]})
		v, _ := strconv.ParseFloat(s[loc[0]:loc[1]], 64)
		out = append(out, naturalPart{isNum: true, num: v})
		prev = loc[1]
	}
	return append(out, naturalPart{text: s[prev:]})
}

func naturalLess(a, b []naturalPart) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		x, y := a[i], b[i]
		switch {
		case x.isNum && y.isNum:
			if x.num != y.num {
				return x.num < y.num
			}
		case x.isNum != y.isNum:
			return x.isNum // numbers sort before text, as in Python 2
		default:
			if x.text != y.text {
				return x.text < y.text
			}
		}
	}
	return len(a) < len(b)
}

// status of a relation against a graph.
const (
	unknown = iota
	entailed
	contradicted
)

// closure keeps nodes in SIMULTANEOUS classes (union-find) and BEFORE
// edges between classes, and answers entailment by reachability.
type closure struct {
	parent map[string]string
	after  map[string]map[string]bool // class → classes directly after it
}

func newClosure() *closure {
	return &closure{parent: map[string]string{}, after: map[string]map[string]bool{}}
}

func (c *closure) find(x string) string {
	p, ok := c.parent[x]
	if !ok {
		return x
	}
	if p == x {
		return x
	}
	r := c.find(p)
	c.parent[x] = r
	return r
}

func (c *closure) known(x string) bool {
	_, ok := c.parent[x]
	return ok
}

// reaches reports whether class b is strictly after class a.
func (c *closure) reaches(a, b string) bool {
	seen := map[string]bool{a: true}
	stack := []string{a}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for m := range c.after[n] {
			if m == b {
				return true
			}
			if !seen[m] {
				seen[m] = true
				stack = append(stack, m)
			}
		}
	}
	return false
}

func (c *closure) status(r rel) int {
	if r.kind != before && r.kind != simultaneous {
		return unknown
	}
	if r.x == r.y {
		if r.kind == simultaneous {
			return entailed
		}
		return contradicted
	}
	if !c.known(r.x) || !c.known(r.y) {
		return unknown
	}
	a, b := c.find(r.x), c.find(r.y)
	if r.kind == simultaneous {
		switch {
		case a == b:
			return entailed
		case c.reaches(a, b) || c.reaches(b, a):
			return contradicted
		}
		return unknown
	}
	switch {
	case a == b || c.reaches(b, a):
		return contradicted
	case c.reaches(a, b):
		return entailed
	}
	return unknown
}

// add adds a relation that status found unknown.
func (c *closure) add(r rel) {
	for _, x := range []string{r.x, r.y} {
		if !c.known(x) {
			c.parent[x] = x
		}
	}
	a, b := c.find(r.x), c.find(r.y)
	if r.kind == before {
		if c.after[a] == nil {
			c.after[a] = map[string]bool{}
		}
		c.after[a][b] = true
		return
	}
	if a == b {
		return
	}
	// merge b into a, moving its edges
	c.parent[b] = a
	if c.after[a] == nil {
		c.after[a] = map[string]bool{}
	}
	for m := range c.after[b] {
		c.after[a][m] = true
	}
	delete(c.after, b)
	for _, succ := range c.after {
		if succ[b] {
			delete(succ, b)
			succ[a] = true
		}
	}
}
