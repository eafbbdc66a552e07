package analysis

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// Conflict labels.
//
// Exactly one label is given, the first that applies in this order:
//
//   - PrecisionDiff: the values are compatible, one approximate ("about",
//     "over", "at least", "up to") and one exact that fits it ("more than 10"
//     and "12"; "about two hours" and "2 hours"), as issue #6 defines it: a
//     difference of precision, shown so a reader knows one outlet was vaguer.
//   - Update: a later article revises an earlier value. The sides are ordered
//     in time (every report of a later side was published on a later day than
//     every report of the side before it), and the change is one that can
//     happen or that the later text says happened:
//     for a title or role, the later one is a promotion of the same title
//     ("deputy minister", then "minister"; "acting", then the full title);
//     or the later text says the change ("was appointed", "stepped down",
//     "newly named"); or the later value is "former …" or another calling
//     and at least two independent outlets give it (a lone later report
//     that calls somebody "former" without saying so is more often a slip
//     than news); for anything about a happening (its date, length,
//     numbers, place, who asked for it, who said what), the later text says
//     it revises ("corrected", "revised", "updated", "clarified", "later
//     said", "postponed", "rose to"…), or every earlier report is a plan
//     overtaken by what happened. A later report that merely differs is a
//     contradiction: the order of publication alone proves nothing.
//   - Attributed: each side is somebody's claim, not the outlets' own: every
//     report on every side names its source (a speaker, "according to X",
//     "X said", "the sources said", "X told reporters"), and no source backs
//     two sides. An outlet credited for a report ("Baltic Wire reported") is
//     not a source. Not used for "speaker" conflicts, where who spoke is the
//     value itself, nor for titles, which are how the outlet itself names
//     somebody even in a sentence that quotes someone.
//   - Contradiction: otherwise.
const (
	Contradiction = "contradiction" // the sources cannot all be right
	PrecisionDiff = "precision"     // "about", "over", "at least" against a compatible exact value
	Update        = "update"        // a later article revises an earlier value
	Attributed    = "attributed"    // each side is a different source's claim
)

// ConflictSide is one value of a disputed attribute and who gives it.
type ConflictSide struct {
	Value   string   // verbatim, as the first source wrote it
	Also    []string // the same value in other words, verbatim
	Reports []Fact   // one per article, first report first
	Outlets int      // independent outlets (see CountOutlets)
	// Who the reports attribute the value to: named sources (Fact.Speaker
	// entity ids) and unnamed ones, verbatim ("the sources", "the
	// presidential office"). Empty when the outlets state it themselves.
	Speakers []uint64
	Unnamed  []string
}

// Conflict is an attribute of one happening or entity on which sources give
// incompatible values.
type Conflict struct {
	Attribute string   // "date", "duration", "count", "place", "role", "initiative", "speaker"
	Subject   []uint64 // the entities it is about
	Event     *EventGroup
	Label     string // Contradiction, PrecisionDiff, Update or Attributed
	Unit      string // for counts: what is counted ("people", "round")
	Sides     []ConflictSide
}

// Conflicts finds where the facts disagree: durations, counts and places of
// the same happening, the date of the same happening, who took the
// initiative for it (see initiativeConflicts), the rank of an entity's title
// or role ("former", "deputy"), and the same words quoted as said by
// different people. Each conflict is labelled (see the labels above) and
// each side says how many independent outlets back it (CountOutlets) and
// whom its reports attribute it to. Values that agree in other words ("three-hour"
// and "3 hours", "the Kremlin" and "Moscow") and spellings of a name are
// never conflicts; nor are values about different happenings. The result is
// ordered by the date of what it is about.
func Conflicts(facts []Fact, articles map[uint64]Article) []Conflict {
	return ConflictsKnowing(facts, articles, nil)
}

// ConflictsKnowing is Conflicts when more outlets are known than those of
// articles (every outlet of a large database, of which only some articles
// are compared): a name of a known outlet is never taken for somebody's
// source.
func ConflictsKnowing(facts []Fact, articles map[uint64]Article, outlets []string) []Conflict {
	return conflictsIn(newConflictContext(facts, articles, outlets), facts)
}

// conflictsIn is Conflicts within a context made for facts.
func conflictsIn(cx *conflictContext, facts []Fact) []Conflict {
	articles := cx.articles
	groups := GroupEvents(facts, articles)
	var out []Conflict
	for i := range groups {
		g := &groups[i]
		if len(onePerArticle(g.Facts)) < 2 {
			continue
		}
		out = append(out, numberConflicts(g, articles)...)
		if c, ok := placeConflict(g, articles); ok {
			out = append(out, c)
		}
	}
	out = append(out, initiativeConflicts(groups, facts, cx)...)
	out = append(out, dateConflicts(groups, articles)...)
	out = append(out, roleConflicts(facts, articles)...)
	out = append(out, speakerConflicts(facts, articles)...)
	for i := range out {
		cx.finish(&out[i])
	}
	return out
}

// side accumulates the reports for one normalized value.
type side struct {
	key     string
	value   string
	also    []string
	reports []Fact
	num     float64
	mod     string
}

func (s *side) add(value string, f Fact) {
	if s.value == "" {
		s.value = value
	} else if !strings.EqualFold(value, s.value) && !containsFold(s.also, value) {
		s.also = append(s.also, value)
	}
	for _, r := range s.reports {
		if r.Article == f.Article {
			return
		}
	}
	s.reports = append(s.reports, f)
}

func containsFold(xs []string, v string) bool {
	for _, x := range xs {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}

type sideSet struct {
	order []string
	by    map[string]*side
}

func (ss *sideSet) get(key string) *side {
	if ss.by == nil {
		ss.by = map[string]*side{}
	}
	s, ok := ss.by[key]
	if !ok {
		s = &side{key: key}
		ss.by[key] = s
		ss.order = append(ss.order, key)
	}
	return s
}

// sides returns the sides in first-report order, or nil when fewer than two
// sides are backed by different articles.
func (ss *sideSet) sides(articles map[uint64]Article) []ConflictSide {
	if len(ss.order) < 2 {
		return nil
	}
	arts := map[uint64]bool{}
	for _, k := range ss.order {
		for _, r := range ss.by[k].reports {
			arts[r.Article] = true
		}
	}
	if len(arts) < 2 {
		return nil // one article giving two values is not outlets disagreeing
	}
	out := make([]ConflictSide, 0, len(ss.order))
	for _, k := range ss.order {
		s := ss.by[k]
		out = append(out, ConflictSide{Value: s.value, Also: s.also, Reports: s.reports, Outlets: IndependentOutlets(s.reports, articles)})
	}
	return out
}

func numberConflicts(g *EventGroup, articles map[uint64]Article) []Conflict {
	var out []Conflict
	// durations
	var dur sideSet
	counts := map[string]*sideSet{}
	var unitOrder []string
	for _, f := range g.Facts {
		for _, q := range f.Numbers {
			switch q.Kind {
			case "duration":
				s := dur.get(fmt.Sprintf("%g|%s", q.Value, q.Mod))
				s.num, s.mod = q.Value, q.Mod
				s.add(q.Text, f)
			case "count":
				u := countUnit(q.Unit)
				ss, ok := counts[u]
				if !ok {
					ss = &sideSet{}
					counts[u] = ss
					unitOrder = append(unitOrder, u)
				}
				s := ss.get(fmt.Sprintf("%g|%s", q.Value, q.Mod))
				s.num, s.mod = q.Value, q.Mod
				s.add(q.Text, f)
			}
		}
	}
	if c, ok := numberConflict("duration", g, &dur, articles); ok {
		out = append(out, c)
	}
	for _, u := range unitOrder {
		if c, ok := numberConflict("count", g, counts[u], articles); ok {
			c.Unit = u
			out = append(out, c)
		}
	}
	return out
}

func numberConflict(attr string, g *EventGroup, ss *sideSet, articles map[uint64]Article) (Conflict, bool) {
	sides := ss.sides(articles)
	if sides == nil {
		return Conflict{}, false
	}
	label := Contradiction
	if numbersCompatible(ss) {
		label = PrecisionDiff
	}
	return Conflict{Attribute: attr, Subject: g.Entities, Event: g, Label: label, Sides: sides}, true
}

// numbersCompatible reports whether every approximate value fits every exact
// one ("about three hours" and "3 hours 10 minutes"; "over 10" and "12").
func numbersCompatible(ss *sideSet) bool {
	var exact []float64
	var approx []*side
	for _, k := range ss.order {
		s := ss.by[k]
		if s.mod == "" {
			exact = append(exact, s.num)
		} else {
			approx = append(approx, s)
		}
	}
	if len(approx) == 0 {
		return false
	}
	for i := 1; i < len(exact); i++ {
		if exact[i] != exact[0] {
			return false
		}
	}
	for _, a := range approx {
		for _, e := range exact {
			if !fits(a.mod, a.num, e) {
				return false
			}
		}
	}
	return true
}

func fits(mod string, approx, exact float64) bool {
	switch mod {
	case "about":
		return math.Abs(exact-approx) <= 0.25*approx
	case "over", "more than":
		return exact > approx
	case "at least":
		return exact >= approx
	case "under", "less than":
		return exact < approx
	case "up to", "at most":
		return exact <= approx
	}
	return false
}

// headcount units all count people: "a 12-member delegation" and "15
// delegates" answer the same question.
var headcount = map[string]bool{
	"member": true, "delegate": true, "person": true, "people": true, "official": true, "participant": true,
	"representative": true, "diplomat": true, "negotiator": true, "envoy": true,
}

// countUnit normalizes what a count counts, for comparison.
func countUnit(unit string) string {
	u := singular(strings.ToLower(unit))
	if headcount[u] {
		return "people"
	}
	return u
}

func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

func placeConflict(g *EventGroup, articles map[uint64]Article) (Conflict, bool) {
	// places that contain one another agree ("the Kremlin", "Moscow"): they
	// share a side, keyed by the first of them
	var ss sideSet
	for _, f := range g.Facts {
		if f.Place == "" || f.Planned {
			continue // a plan may name another place than where it happened
		}
		k := PlaceKey(f.Place)
		for _, o := range ss.order {
			if placesCompatible(k, o) {
				k = o
				break
			}
		}
		ss.get(k).add(f.Place, f)
	}
	if sides := ss.sides(articles); sides != nil {
		return Conflict{Attribute: "place", Subject: g.Entities, Event: g, Label: Contradiction, Sides: sides}, true
	}
	return Conflict{}, false
}

// dateConflicts finds the same happening given different dates by different
// articles: groups of the same action and participants whose own dates are a
// few days apart, when no single article reports both dates (an article
// that names both is telling two happenings).
func dateConflicts(groups []EventGroup, articles map[uint64]Article) []Conflict {
	var out []Conflict
	for i := range groups {
		for j := i + 1; j < len(groups); j++ {
			a, b := &groups[i], &groups[j]
			if a.How == Publication || b.How == Publication || a.Planned || b.Planned ||
				a.Date.Prec != Day || b.Date.Prec != Day || a.Action != b.Action {
				continue
			}
			gap := b.Date.Time().Sub(a.Date.Time()).Hours() / 24
			if gap < 0 {
				gap = -gap
			}
			if gap == 0 || gap > 3 || sharedCount(a.Entities, b.Entities) < 2 {
				continue
			}
			if shareArticle(a, b) {
				continue
			}
			var ss sideSet
			for _, g := range []*EventGroup{a, b} {
				for _, f := range g.Facts {
					if f.Planned || f.How == Publication {
						continue
					}
					ss.get(g.Date.String()).add(dateValue(f, g.Date), f)
				}
			}
			if sides := ss.sides(articles); sides != nil {
				out = append(out, Conflict{Attribute: "date", Subject: union(a.Entities, b.Entities), Event: a, Label: Contradiction, Sides: sides})
			}
		}
	}
	return out
}

func dateValue(f Fact, d Date) string {
	if f.DateText == "" || f.How == Stated {
		if f.DateText != "" {
			return f.DateText
		}
		return d.String()
	}
	return fmt.Sprintf("%s (%s)", f.DateText, d.String())
}

func shareArticle(a, b *EventGroup) bool {
	arts := map[uint64]bool{}
	for _, f := range a.Facts {
		arts[f.Article] = true
	}
	for _, f := range b.Facts {
		if arts[f.Article] {
			return true
		}
	}
	return false
}

func union(a, b []uint64) []uint64 {
	out := append([]uint64(nil), a...)
	for _, x := range b {
		if !containsID(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// roleConflicts finds an entity's title given at different ranks by
// different articles: "former president" against "president", "deputy
// foreign minister" against "foreign minister".
func roleConflicts(facts []Fact, articles map[uint64]Article) []Conflict {
	type key struct {
		subject uint64
		base    string
	}
	sets := map[key]*sideSet{}
	var order []key
	var claims []Fact
	for _, f := range facts {
		if f.Kind == Claim && f.Attribute == "role" && f.Subject != 0 {
			claims = append(claims, f)
		}
	}
	sortByReport(claims, articles)
	for _, f := range claims {
		base, rank := RoleKey(f.Value)
		if base == "" {
			continue
		}
		k := key{f.Subject, base}
		ss, ok := sets[k]
		if !ok {
			ss = &sideSet{}
			sets[k] = ss
			order = append(order, k)
		}
		ss.get(rank).add(f.Value, f)
	}
	var out []Conflict
	for _, k := range order {
		if sides := sets[k].sides(articles); sides != nil {
			out = append(out, Conflict{Attribute: "role", Subject: []uint64{k.subject}, Label: Contradiction, Sides: sides})
		}
	}
	return append(out, officeConflicts(claims, articles)...)
}

// occupations are private callings; an article that calls a person only
// "businessman" while others give them a public office disagrees about who
// they are.
var occupations = map[string]bool{
	"businessman": true, "businesswoman": true, "entrepreneur": true, "investor": true, "developer": true,
	"tycoon": true, "billionaire": true, "magnate": true, "executive": true, "banker": true, "financier": true,
}

var offices = map[string]bool{
	"envoy": true, "minister": true, "president": true, "aide": true, "secretary": true, "ambassador": true,
	"spokesperson": true, "spokesman": true, "spokeswoman": true, "adviser": true, "advisor": true,
	"senator": true, "governor": true, "mayor": true, "chancellor": true, "premier": true, "representative": true,
	"negotiator": true, "official": true, "diplomat": true, "commissioner": true, "chairman": true, "head": true,
}

// officeConflicts finds a person given a public office by some articles and
// only a private occupation by others.
func officeConflicts(claims []Fact, articles map[uint64]Article) []Conflict {
	type acc struct {
		office, occupation sideSet
		officeArts         map[uint64]bool
	}
	by := map[uint64]*acc{}
	var order []uint64
	for _, f := range claims {
		base, rank := RoleKey(f.Value)
		a, ok := by[f.Subject]
		if !ok {
			a = &acc{officeArts: map[uint64]bool{}}
			by[f.Subject] = a
			order = append(order, f.Subject)
		}
		switch {
		case offices[base] && rank == "":
			a.office.get("office").add(f.Value, f)
			a.officeArts[f.Article] = true
		case occupations[base]:
			a.occupation.get("occupation").add(f.Value, f)
		}
	}
	var out []Conflict
	for _, subj := range order {
		a := by[subj]
		if len(a.office.order) == 0 || len(a.occupation.order) == 0 {
			continue
		}
		occ := a.occupation.by["occupation"]
		var only []Fact
		for _, r := range occ.reports {
			if !a.officeArts[r.Article] {
				only = append(only, r)
			}
		}
		if len(only) == 0 {
			continue
		}
		occ.reports = only
		off := a.office.by["office"]
		sides := []ConflictSide{
			{Value: off.value, Also: off.also, Reports: off.reports, Outlets: IndependentOutlets(off.reports, articles)},
			{Value: occ.value, Also: occ.also, Reports: occ.reports, Outlets: IndependentOutlets(occ.reports, articles)},
		}
		out = append(out, Conflict{Attribute: "role", Subject: []uint64{subj}, Label: Contradiction, Sides: sides})
	}
	return out
}

// rankWords change what a title means: a former president is not the
// president, a deputy minister not the minister.
var rankWords = map[string]string{
	"former": "former", "ex": "former", "ex-": "former", "then": "former", "outgoing": "former",
	"deputy": "deputy", "vice": "deputy", "assistant": "deputy", "acting": "acting", "interim": "acting",
	"first": "first", "chief": "chief", "junior": "junior", "senior": "senior",
}

// RoleKey reduces a title or role to its base noun and its rank: "former
// U.S. President" → ("president", "former"); "Russian presidential aide" →
// ("aide", ""); "special envoy of the U.S. president" → ("envoy", "");
// "deputy foreign minister" → ("minister", "deputy"). Words that only
// qualify (nationality, "special", "presidential") are dropped, so equal
// titles in other words compare equal.
func RoleKey(role string) (base, rank string) {
	s := strings.ToLower(role)
	if i := strings.Index(s, " of "); i >= 0 {
		s = s[:i]
	}
	for _, sep := range []string{" for ", " to ", " at ", " in ", " on ", " with "} {
		if i := strings.Index(s, sep); i >= 0 {
			s = s[:i]
		}
	}
	s = strings.ReplaceAll(s, "’s", " ")
	s = strings.ReplaceAll(s, "'s", " ")
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == ',' })
	var ranks []string
	for _, w := range words {
		if r, ok := rankWords[w]; ok && !containsFold(ranks, r) {
			ranks = append(ranks, r)
		}
	}
	for i := len(words) - 1; i >= 0; i-- {
		w := strings.Trim(words[i], ".")
		if w == "" || rankWords[w] != "" {
			continue
		}
		base = w
		break
	}
	sort.Strings(ranks)
	return base, strings.Join(ranks, " ")
}

// speakerConflicts finds the same words quoted as said by different people.
func speakerConflicts(facts []Fact, articles map[uint64]Article) []Conflict {
	type qk = string
	sets := map[qk]*sideSet{}
	var order []qk
	var quotes []Fact
	for _, f := range facts {
		if f.Kind == Quote && f.Speaker != 0 && len(strings.Fields(f.Quote)) >= 6 {
			quotes = append(quotes, f)
		}
	}
	sortByReport(quotes, articles)
	for _, f := range quotes {
		k := NormalizeName(f.Quote)
		ss, ok := sets[k]
		if !ok {
			ss = &sideSet{}
			sets[k] = ss
			order = append(order, k)
		}
		ss.get(fmt.Sprint(f.Speaker)).add(fmt.Sprint(f.Speaker), f)
	}
	var out []Conflict
	for _, k := range order {
		if sides := sets[k].sides(articles); sides != nil {
			var subj []uint64
			for _, s := range sides {
				subj = append(subj, s.Reports[0].Speaker)
			}
			out = append(out, Conflict{Attribute: "speaker", Subject: subj, Label: Contradiction, Sides: sides})
		}
	}
	return out
}

// conflictContext is what labelling and counting need beyond one conflict:
// the articles, the outlets they are known by, and which article credits
// which other outlet.
type conflictContext struct {
	articles map[uint64]Article
	outlets  map[string]bool // normalized names of outlets (articles' own and well-known agencies)
	credit   *lazyCredits    // article → normalized outlets it credits
	claims   []Fact          // role claims, for telling a person's side
}

// wireOutlets are agencies and papers often credited in other outlets'
// copy; a name in this list is never taken for somebody's source.
var wireOutlets = []string{
	"reuters", "associated press", "ap", "afp", "agence france presse", "bloomberg", "tass", "ria novosti",
	"interfax", "xinhua", "cnn", "bbc", "new york times", "washington post", "wall street journal",
	"financial times", "axios", "politico", "al jazeera", "ukrinform", "kyodo", "yonhap", "dpa", "ansa", "efe",
}

// newConflictContext knows the outlets of articles, the well-known
// agencies and the known ones given.
func newConflictContext(facts []Fact, articles map[uint64]Article, known []string) *conflictContext {
	cx := &conflictContext{articles: articles, outlets: map[string]bool{}}
	for _, w := range wireOutlets {
		cx.outlets[w] = true
	}
	for _, a := range articles {
		if k := outletKey(a.Outlet); k != "" {
			cx.outlets[k] = true
		}
	}
	for _, o := range known {
		if k := outletKey(o); k != "" {
			cx.outlets[k] = true
		}
	}
	cx.credit = &lazyCredits{byArticle: map[uint64][]Fact{}, articles: articles, outlets: cx.outlets, done: map[uint64][]string{}}
	for _, f := range facts {
		cx.credit.byArticle[f.Article] = append(cx.credit.byArticle[f.Article], f)
	}
	for _, f := range facts {
		if f.Kind == Claim && f.Attribute == "role" && f.Subject != 0 {
			cx.claims = append(cx.claims, f)
		}
	}
	return cx
}

// outletKey normalizes an outlet's name for comparison: "The Meridian
// Herald" and "Meridian Herald" are one outlet.
func outletKey(name string) string {
	return strings.TrimPrefix(NormalizeName(name), "the ")
}

// OutletCredits returns, for each article among facts, the outlets other
// than its own that its sentences credit ("…, Baltic Wire reported",
// "according to Baltic Wire", "as quoted by Baltic Wire", "told Baltic
// Wire"), normalized as outletKey does. Only outlets of the given articles
// and a few well-known agencies are recognized.
func OutletCredits(facts []Fact, articles map[uint64]Article) map[uint64][]string {
	return outletCredits(facts, articles, newConflictContext(nil, articles, nil).outlets)
}

// lazyCredits finds an article's credits (see OutletCredits) when first
// asked: reading every sentence's attributions is the costly part of
// comparing many articles, and only the reports being counted need it.
type lazyCredits struct {
	byArticle map[uint64][]Fact
	articles  map[uint64]Article
	outlets   map[string]bool
	done      map[uint64][]string
}

func (l *lazyCredits) of(id uint64) []string {
	if v, ok := l.done[id]; ok {
		return v
	}
	v := outletCredits(l.byArticle[id], l.articles, l.outlets)[id]
	l.done[id] = v
	return v
}

func outletCredits(facts []Fact, articles map[uint64]Article, outlets map[string]bool) map[uint64][]string {
	out := map[uint64][]string{}
	seenEv := map[string]bool{}
	for _, f := range facts {
		k := fmt.Sprintf("%d|%d", f.Article, f.Span.Start)
		if seenEv[k] {
			continue
		}
		seenEv[k] = true
		own := outletKey(articles[f.Article].Outlet)
		for _, c := range attributionClauses(f.Evidence) {
			for _, name := range []string{c.phrase, c.recipient} {
				o := outletKey(name)
				if o == "" || o == own || !outlets[o] || containsString(out[f.Article], o) {
					continue
				}
				out[f.Article] = append(out[f.Article], o)
			}
		}
	}
	return out
}

func containsString(xs []string, v string) bool {
	for _, x := range xs {
		if x == v {
			return true
		}
	}
	return false
}

// CountOutlets counts the independent outlets among reports. Reports count
// once when they come from the same known outlet; when their sentences are
// the same text (a wire story reprinted under another outlet's name, or
// under none); or when one's article credits the other's outlet (a rewrite
// of another outlet's story: credits as OutletCredits returns them, nil for
// none). Articles with no known outlet and no shared text count one each.
func CountOutlets(reports []Fact, articles map[uint64]Article, credits map[uint64][]string) int {
	return countOutlets(reports, articles, func(id uint64) []string { return credits[id] })
}

// countOutlets is CountOutlets with an article's credits from credit.
func countOutlets(reports []Fact, articles map[uint64]Article, credit func(uint64) []string) int {
	parent := make([]int, len(reports))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	join := func(i, j int) { parent[find(i)] = find(j) }
	for i, a := range reports {
		oa := outletKey(articles[a.Article].Outlet)
		ea := NormalizeName(a.Evidence)
		for j := 0; j < i; j++ {
			b := reports[j]
			ob := outletKey(articles[b.Article].Outlet)
			switch {
			case oa != "" && oa == ob,
				ea != "" && ea == NormalizeName(b.Evidence),
				ob != "" && containsString(credit(a.Article), ob),
				oa != "" && containsString(credit(b.Article), oa):
				join(i, j)
			}
		}
	}
	n := 0
	for i := range reports {
		if find(i) == i {
			n++
		}
	}
	return n
}

// finish counts each side's outlets, finds its sources, and labels the
// conflict (see the labels).
func (cx *conflictContext) finish(c *Conflict) {
	for i := range c.Sides {
		s := &c.Sides[i]
		s.Outlets = countOutlets(s.Reports, cx.articles, cx.credit.of)
		s.Speakers, s.Unnamed = nil, nil
		if c.Attribute == "role" {
			continue // a title is how the outlet itself names somebody
		}
		for _, f := range s.Reports {
			src := cx.source(f)
			switch {
			case src.named != 0 && !containsID(s.Speakers, src.named):
				s.Speakers = append(s.Speakers, src.named)
			case src.named == 0 && src.unnamed != "" && !containsFold(s.Unnamed, src.unnamed):
				s.Unnamed = append(s.Unnamed, src.unnamed)
			}
		}
	}
	if c.Label == PrecisionDiff {
		return
	}
	switch {
	case cx.isUpdate(c):
		c.Label = Update
	case c.Attribute != "speaker" && c.Attribute != "role" && cx.isAttributed(c):
		c.Label = Attributed
	default:
		c.Label = Contradiction
	}
}

// factSource is whom a report attributes what it says to.
type factSource struct {
	named   uint64 // Fact.Speaker
	unnamed string // verbatim: "the sources", "the presidential office"
}

func (s factSource) key() string {
	if s.named != 0 {
		return fmt.Sprintf("e:%d", s.named)
	}
	if s.unnamed != "" {
		return "u:" + NormalizeName(s.unnamed)
	}
	return ""
}

// source finds whom a report attributes its statement to: its speaker, or
// the unnamed source of an attribution clause ("the sources said"). An
// outlet credited for the report is not a source, and a speaker found in a
// sentence that only credits an outlet, or tells an outlet ("sources told
// Corvia Daily"), is taken for that outlet.
func (cx *conflictContext) source(f Fact) factSource {
	clauses := attributionClauses(f.Evidence)
	outletOnly, toOutlet := len(clauses) > 0, false
	phrase := ""
	for _, c := range clauses {
		if c.recipient != "" && cx.outlets[outletKey(c.recipient)] {
			toOutlet = true
		}
		if c.phrase == "" || cx.outlets[outletKey(c.phrase)] || reportWord(c.phrase) {
			continue
		}
		outletOnly = false
		if phrase == "" && !pronouns[strings.ToLower(c.phrase)] {
			phrase = c.phrase
		}
	}
	switch {
	case f.Speaker != 0 && !outletOnly && !toOutlet:
		return factSource{named: f.Speaker}
	case phrase != "":
		return factSource{unnamed: phrase}
	case f.Speaker != 0 && !outletOnly:
		return factSource{named: f.Speaker}
	}
	return factSource{}
}

// reportWord reports whether a phrase names a publication, not a source:
// "the report", "local media", "the newspaper".
func reportWord(phrase string) bool {
	ws := strings.Fields(strings.ToLower(phrase))
	switch ws[len(ws)-1] {
	case "report", "reports", "newspaper", "agency", "outlet", "media", "paper", "website", "publication", "daily", "wire", "broadcaster":
		return true
	}
	return false
}

var pronouns = map[string]bool{
	"he": true, "she": true, "they": true, "we": true, "it": true, "i": true, "you": true,
	"him": true, "her": true, "them": true, "us": true, "this": true, "that": true, "who": true,
}

// attribution is one clause that says who a sentence's statement comes from:
// phrase is the source as written ("the sources", "Baltic Wire"), recipient
// whom it was told to ("reporters", "Corvia Daily"), when said.
type attribution struct {
	phrase, recipient string
}

var (
	reAccording   = regexp.MustCompile(`(?i)\b(?:according to|as quoted by|quoted by|as reported by|reported by|cited by|citing)\s+(.+)$`)
	reSaidClause  = regexp.MustCompile(`(?i)^(.+?)\s+(?:has |have |had )?(?:said|says|told|reported|reports|noted|added|stated|confirmed|announced|claimed|wrote|learned|insisted|explained)\b(.*)$`)
	reClaimThat   = regexp.MustCompile(`(?i)\b((?:[\p{Lu}][\p{L}.\-]*\s+){0,3}[\p{Lu}][\p{L}.\-]*)['’]s?\s+(?:earlier\s+|recent\s+)?(?:claim|statement|assertion|remark)s?\s+that\b`)
	reClauseSplit = regexp.MustCompile(`[,;:—–]|\s-\s`)
)

// attributionClauses finds the attribution clauses of a sentence: a clause
// (between commas) that is "X said …", "X told Y", "according to X", "as
// quoted by X", or "X's claim that". The source phrase has at most eight
// words; a clause that starts with the verb has an empty phrase.
func attributionClauses(ev string) []attribution {
	var out []attribution
	if m := reClaimThat.FindStringSubmatch(ev); m != nil {
		out = append(out, attribution{phrase: m[1]})
	}
	for _, cl := range reClauseSplit.Split(ev, -1) {
		cl = strings.Trim(cl, " \t\"“”'‘’.!?")
		if cl == "" {
			continue
		}
		if m := reAccording.FindStringSubmatch(cl); m != nil {
			out = append(out, attribution{phrase: cutPhrase(m[1])})
			continue
		}
		m := reSaidClause.FindStringSubmatch(cl)
		if m == nil {
			continue
		}
		ph := strings.TrimSpace(m[1])
		if !sourcePhrase(ph) {
			continue
		}
		a := attribution{phrase: ph}
		if rest := strings.Fields(m[2]); len(rest) > 0 && strings.Contains(strings.ToLower(cl), " told ") {
			a.recipient = cutPhrase(strings.Join(rest, " "))
		}
		out = append(out, a)
	}
	return out
}

// sourcePhrase reports whether ph can be the subject of an attribution
// verb: at most six words, no quotation, not a clause of its own ("but no
// agreement was announced": it starts with a conjunction or ends with an
// auxiliary).
func sourcePhrase(ph string) bool {
	ws := strings.Fields(strings.ToLower(ph))
	if len(ws) == 0 || len(ws) > 6 || strings.ContainsAny(ph, "\"“”") {
		return false
	}
	switch ws[0] {
	case "but", "and", "or", "so", "yet", "which", "who", "that", "if", "when", "as", "while", "although", "though":
		return false
	}
	switch ws[len(ws)-1] {
	case "was", "were", "is", "are", "be", "been", "being", "not", "also", "later", "only":
		return false
	}
	return true
}

// cutPhrase ends a noun phrase at the first word that starts a new clause.
func cutPhrase(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		switch strings.ToLower(w) {
		case "who", "which", "that", "after", "before", "when", "while", "on", "in", "at", "as", "and", "but", "he", "she", "said", "told", "to", "for", "from", "with":
			if i > 0 {
				return strings.Join(ws[:i], " ")
			}
		}
		if i >= 7 {
			return strings.Join(ws[:i+1], " ")
		}
	}
	return strings.Join(ws, " ")
}

// isAttributed reports whether every report on every side names its source
// and no source backs two sides.
func (cx *conflictContext) isAttributed(c *Conflict) bool {
	owner := map[string]int{}
	for i, s := range c.Sides {
		for _, f := range s.Reports {
			k := cx.source(f).key()
			if k == "" {
				return false
			}
			if j, ok := owner[k]; ok && j != i {
				return false
			}
			owner[k] = i
		}
	}
	return true
}

// sideSpan is the first and last publication day of a side's reports.
func (cx *conflictContext) sideSpan(s ConflictSide) (first, last Date, ok bool) {
	for _, f := range s.Reports {
		d := DayOf(cx.articles[f.Article].Published)
		if d.IsZero() {
			return Date{}, Date{}, false
		}
		if first.IsZero() || d.Time().Before(first.Time()) {
			first = d
		}
		if last.IsZero() || d.Time().After(last.Time()) {
			last = d
		}
	}
	return first, last, !first.IsZero()
}

// isUpdate applies the update rule (see the labels): the sides follow one
// another in time and each change is one that happens, or that the later
// text says happened.
func (cx *conflictContext) isUpdate(c *Conflict) bool {
	if len(c.Sides) < 2 {
		return false
	}
	for i := 1; i < len(c.Sides); i++ {
		e, l := c.Sides[i-1], c.Sides[i]
		_, eLast, ok1 := cx.sideSpan(e)
		lFirst, _, ok2 := cx.sideSpan(l)
		if !ok1 || !ok2 || !lFirst.Time().After(eLast.Time()) {
			return false
		}
		if !cx.changeOK(c.Attribute, e, l) {
			return false
		}
	}
	return true
}

// lowRanks are ranks below the full title; leaving one for the full title is
// a promotion.
var lowRanks = []string{"deputy", "acting", "junior"}

func hasRank(rank, r string) bool {
	for _, w := range strings.Fields(rank) {
		if w == r {
			return true
		}
	}
	return false
}

// changeOK says whether the later side l may be news that replaces the
// earlier side e.
func (cx *conflictContext) changeOK(attr string, e, l ConflictSide) bool {
	if attr != "role" {
		if anyFact(l.Reports, func(f Fact) bool { return hasCue(f.Evidence, revisionCues) }) {
			return true
		}
		// a plan overtaken by what happened
		return !anyFact(e.Reports, func(f Fact) bool { return !f.Planned }) &&
			!anyFact(l.Reports, func(f Fact) bool { return f.Planned })
	}
	if anyFact(l.Reports, func(f Fact) bool { return hasCue(f.Evidence, roleChangeCues) }) {
		return true
	}
	eb, er := RoleKey(e.Value)
	lb, lr := RoleKey(l.Value)
	if eb == lb && !hasRank(lr, "former") {
		for _, r := range lowRanks {
			if hasRank(er, r) && !hasRank(lr, r) {
				return true // a promotion
			}
		}
	}
	leaving := (hasRank(lr, "former") && !hasRank(er, "former")) || (offices[eb] && occupations[lb])
	return leaving && l.Outlets >= 2
}

// revisionCues say that a report revises what was said before.
var revisionCues = []string{
	"revised", "revises", "corrected", "correction", "updated", "clarified", "now says", "now said",
	"later said", "later told", "in fact", "rose to", "has risen to", "postponed", "rescheduled",
	"moved to", "pushed back", "brought forward", "contrary to earlier", "contrary to initial",
}

// roleChangeCues say that somebody's title changed.
var roleChangeCues = []string{
	"appointed", "promoted", "newly named", "was named", "has been named", "became", "has become",
	"new foreign minister", "newly", "elected", "sworn in", "took office", "took over", "succeeded",
	"replaced", "stepped down", "resigned", "left office", "was dismissed", "was fired", "ousted",
	"retired", "now serves", "since his appointment", "since her appointment",
}

// hasCue reports whether text contains one of cues as whole words.
func hasCue(text string, cues []string) bool {
	t := " " + NormalizeName(text) + " "
	for _, c := range cues {
		if strings.Contains(t, " "+c+" ") {
			return true
		}
	}
	return false
}

// initiativeConflicts finds a happening whose initiative different articles
// give to different parties ("the meeting was requested by the Velmoran
// side" against "took place at Dorenko's request").
//
// Who took the initiative is read from the sentences of the happening's
// event facts (and from claims with Attribute "initiative", whose Value is
// the initiator, anchored to the event fact of the same sentence), with
// these patterns: "requested (initiated, proposed, suggested, sought) by X",
// "at the request (suggestion, initiative, invitation, behest) of X", "at
// (on, upon) X's request (suggestion, initiative, invitation)", "the
// initiative (for the meeting) came from X", "invited by X", and "X asked to
// meet (asked for, requested, proposed, initiated the meeting/talks/call)"
// with X a capitalized name or "the … side". Pronouns ("they asked to
// meet") are not resolved and are skipped. The happening is the EventGroup
// of that fact, so initiatives of different happenings never meet.
//
// Two initiators are the same party when they are the same words, spellings
// of one name ("Dorenko", "Doremko", "Oleksandr Dorenko"), or name the same
// country, capital, landmark or people ("Moscow", "the Kremlin", "the
// Russian side"). A person and a party are the same when the person's title
// in the articles names that party ("Dravenian special envoy" Dorenko and
// "the Dravenian side"); when a person's party cannot be told, no conflict
// is reported.
func initiativeConflicts(groups []EventGroup, facts []Fact, cx *conflictContext) []Conflict {
	type sentence struct {
		article uint64
		start   int
	}
	claimed := map[sentence][]string{}
	for _, f := range facts {
		if f.Kind == Claim && f.Attribute == "initiative" && strings.TrimSpace(f.Value) != "" {
			k := sentence{f.Article, f.Span.Start}
			claimed[k] = append(claimed[k], strings.TrimSpace(f.Value))
		}
	}
	var out []Conflict
	for gi := range groups {
		g := &groups[gi]
		type item struct {
			who string
			f   Fact
		}
		var items []item
		seen := map[sentence]bool{}
		for _, f := range g.Facts {
			k := sentence{f.Article, f.Span.Start}
			if seen[k] {
				continue
			}
			seen[k] = true
			whos := claimed[k]
			if len(whos) == 0 {
				if w, ok := InitiativeOf(f.Evidence); ok {
					whos = []string{w}
				}
			}
			for _, w := range whos {
				items = append(items, item{w, f})
			}
		}
		if len(items) < 2 {
			continue
		}
		var ss sideSet
		var reps []string // each side's first initiator
		for _, it := range items {
			key := ""
			for i, r := range reps {
				// parties that cannot be told apart share a side: no
				// conflict is better than an invented one
				if same, known := cx.sameParty(r, it.who, g); same || !known {
					key = ss.order[i]
					break
				}
			}
			if key == "" {
				key = fmt.Sprint(len(reps))
				reps = append(reps, it.who)
			}
			ss.get(key).add(it.who, it.f)
		}
		if sides := ss.sides(cx.articles); sides != nil {
			out = append(out, Conflict{Attribute: "initiative", Subject: g.Entities, Event: g, Label: Contradiction, Sides: sides})
		}
	}
	return out
}

var (
	initiativeRes = []*regexp.Regexp{
		regexp.MustCompile(`(?i)\b(?:requested|initiated|proposed|suggested|sought|called for|arranged)\s+by\s+([^,;.:"“”()]+)`),
		regexp.MustCompile(`(?i)\b(?:at|on|upon)\s+the\s+(?:request|suggestion|initiative|invitation|behest|urging|proposal)\s+of\s+([^,;.:"“”()]+)`),
		regexp.MustCompile(`(?i:\b(?:at|on|upon))\s+((?:the\s+)?(?:[\p{L}\p{N}.\-]+\s+){0,3}?[\p{L}\p{N}.\-]+)['’]s?\s+(?i:request|suggestion|initiative|invitation|behest|urging|proposal)\b`),
		regexp.MustCompile(`(?i)\binitiative\s+(?:(?:for|of|behind)\s+[^,;.]{1,40}?\s+)?came\s+from\s+([^,;.:"“”()]+)`),
		regexp.MustCompile(`(?i)\binvited\s+by\s+([^,;.:"“”()]+)`),
		regexp.MustCompile(`((?:[\p{Lu}][\p{L}.\-]*\s+){0,3}[\p{Lu}][\p{L}.\-]*|(?i:the\s+[\p{L}\-]+(?:\s+[\p{L}\-]+)?\s+side))\s+(?i:asked\s+(?:to\s+meet|for\s+(?:the|a)\s+(?:meeting|talks|call|summit))|requested\s+(?:the|a)\s+(?:meeting|talks|call|summit)|proposed\s+(?:the|a)\s+(?:meeting|talks|call|summit)|initiated\s+(?:the\s+)?(?:meeting|talks|call|summit))\b`),
	}
)

// InitiativeOf reads, with the patterns initiativeConflicts documents, who
// took the initiative for what a sentence tells: the initiator verbatim
// ("the Velmoran side", "Dorenko", "Moscow") and true, or "" and false.
func InitiativeOf(sentence string) (string, bool) {
	for _, re := range initiativeRes {
		m := re.FindStringSubmatch(sentence)
		if m == nil {
			continue
		}
		who := cutPhrase(strings.TrimSpace(m[1]))
		who = strings.TrimRight(who, " '’")
		if who == "" || pronouns[strings.ToLower(who)] || len(strings.Fields(who)) > 6 {
			continue
		}
		if f := strings.Fields(who); pronouns[strings.ToLower(f[0])] {
			continue
		}
		return who, true
	}
	return "", false
}

// genericParty are words that name a party without telling which one.
var genericParty = map[string]bool{
	"the": true, "side": true, "party": true, "government": true, "delegation": true, "administration": true,
	"leadership": true, "authorities": true, "officials": true, "team": true, "camp": true, "leaders": true,
	"president": true, "presidential": true, "office": true, "s": true, "of": true,
}

// partyOf returns what a phrase says about which country or people it is:
// place keys and demonym stems ("the Kremlin" → kremlin, moscow, russia,
// russ; "the Velmoran side" → velmor). It is empty for a phrase that names
// no place or people, such as a person's name.
func partyOf(phrase string) map[string]bool {
	out := map[string]bool{}
	k := PlaceKey(strings.ReplaceAll(strings.ReplaceAll(phrase, "’s", ""), "'s", ""))
	var words []string
	for _, w := range strings.Fields(k) {
		if !genericParty[w] {
			words = append(words, w)
		}
	}
	addPlace := func(p string) bool {
		p = PlaceKey(p)
		if a, ok := demonyms[p]; ok {
			p = a
		}
		_, isParent := placeParent[p]
		isTop := false
		for _, v := range placeParent {
			if v == p {
				isTop = true
				break
			}
		}
		if !isParent && !isTop {
			return false
		}
		for i := 0; i < 8 && p != ""; i++ {
			out[p] = true
			out[demonymStem(p)] = true
			p = placeParent[p]
		}
		return true
	}
	rest := strings.Join(words, " ")
	if rest == "" {
		return out
	}
	if addPlace(rest) {
		return out
	}
	// a people or a country named by an adjective: "Velmoran", "Karstian"
	generic := len(words) < len(strings.Fields(k))
	for _, w := range words {
		if addPlace(w) {
			continue
		}
		if st := demonymStem(w); st != w || generic {
			out[st] = true
		}
	}
	return out
}

// sameParty reports whether two initiators are the same party, and whether
// that could be told at all (a person whose side the articles do not give,
// against a country, cannot).
func (cx *conflictContext) sameParty(a, b string, g *EventGroup) (same, known bool) {
	ka, kb := NormalizeName(stripPossessive(a)), NormalizeName(stripPossessive(b))
	ka, kb = strings.TrimPrefix(ka, "the "), strings.TrimPrefix(kb, "the ")
	if ka == kb || sameName(ka, kb) {
		return true, true
	}
	pa, pb := partyOf(a), partyOf(b)
	switch {
	case len(pa) > 0 && len(pb) > 0:
		return intersects(pa, pb), true
	case len(pa) == 0 && len(pb) == 0:
		return false, true // two people with different names
	case len(pa) == 0:
		pa = cx.personParty(a, g)
	default:
		pb = cx.personParty(b, g)
	}
	if len(pa) == 0 || len(pb) == 0 {
		return false, false
	}
	return intersects(pa, pb), true
}

func stripPossessive(s string) string {
	s = strings.TrimSuffix(strings.TrimSuffix(s, "’s"), "'s")
	return strings.TrimSuffix(strings.TrimSuffix(s, "’"), "'")
}

// sameName reports whether two normalized names are spellings of one: equal
// last words up to one edit (for words of five letters or more), or one
// name the last word of the other.
func sameName(a, b string) bool {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	la, lb := wa[len(wa)-1], wb[len(wb)-1]
	firstOK := len(wa) == 1 || len(wb) == 1 || wa[0] == wb[0] || EditDistance(wa[0], wb[0]) <= 2
	if la == lb {
		return firstOK
	}
	if min(len(la), len(lb)) >= 5 || (len(wa) > 1 && len(wb) > 1 && firstOK && min(len(la), len(lb)) >= 4) {
		return EditDistance(la, lb) <= 1
	}
	return false
}

func intersects(a, b map[string]bool) bool {
	for k := range a {
		if k != "" && b[k] {
			return true
		}
	}
	return false
}

// personParty finds the party of a person named in an initiative through
// the titles the articles give participants of the happening: a role claim
// whose sentence puts the name right next to the title ("Dravenian special
// envoy Aleksandr Dorenko", "Oleksandr Dorenko, the Dravenian special
// envoy"), then the places and peoples that title names.
func (cx *conflictContext) personParty(name string, g *EventGroup) map[string]bool {
	last := strings.Fields(NormalizeName(stripPossessive(name)))
	if len(last) == 0 {
		return nil
	}
	surname := last[len(last)-1]
	out := map[string]bool{}
	for _, f := range cx.claims {
		if !containsID(g.Entities, f.Subject) || !titleNextToName(f.Evidence, f.Value, surname) {
			continue
		}
		for _, w := range strings.Fields(f.Value) {
			if r := []rune(w); len(r) == 0 || !unicode.IsUpper(r[0]) {
				continue
			}
			lw := strings.ToLower(strings.Trim(w, ".,"))
			if offices[lw] || rankWords[lw] != "" || titleWords[lw] {
				continue
			}
			for k := range partyOf(w) {
				out[k] = true
			}
			out[demonymStem(NormalizeName(w))] = true
		}
	}
	return out
}

// titleWords are capitalized words of titles that name no party.
var titleWords = map[string]bool{
	"foreign": true, "prime": true, "special": true, "state": true, "general": true, "national": true,
	"security": true, "presidential": true, "defense": true, "defence": true, "interior": true, "finance": true,
	"the": true, "of": true, "us": true,
}

// titleNextToName reports whether, in sentence, title is followed within
// three words by the surname, or the surname is followed by ", " (and "the"
// or "a") and the title.
func titleNextToName(sentence, title, surname string) bool {
	s := strings.ToLower(sentence)
	t := strings.ToLower(title)
	for i := strings.Index(s, t); i >= 0; {
		after := strings.Fields(NormalizeName(s[i+len(t):]))
		for j := 0; j < len(after) && j < 3; j++ {
			if after[j] == surname || EditDistance(after[j], surname) <= 1 && len(surname) >= 5 {
				return true
			}
		}
		before := strings.TrimRight(s[:i], " ")
		for _, art := range []string{" the", " a", " an"} {
			before = strings.TrimSuffix(before, art)
		}
		if strings.HasSuffix(before, ",") {
			bw := strings.Fields(NormalizeName(before))
			if len(bw) > 0 && (bw[len(bw)-1] == surname || len(surname) >= 5 && EditDistance(bw[len(bw)-1], surname) <= 1) {
				return true
			}
		}
		next := strings.Index(s[i+1:], t)
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}
