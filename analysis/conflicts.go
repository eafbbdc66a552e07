package analysis

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Conflict labels.
const (
	Contradiction = "contradiction" // the sources cannot all be right
	PrecisionDiff = "precision"     // "about", "over", "at least" against a compatible exact value
)

// ConflictSide is one value of a disputed attribute and who gives it.
type ConflictSide struct {
	Value   string // verbatim, as the first source wrote it
	Also    []string
	Reports []Fact // one per article, first report first
	Outlets int    // independent outlets
}

// Conflict is an attribute of one happening or entity on which sources give
// incompatible values.
type Conflict struct {
	Attribute string   // "date", "duration", "count", "place", "role", "speaker"
	Subject   []uint64 // the entities it is about
	Event     *EventGroup
	Label     string // Contradiction or PrecisionDiff
	Unit      string // for counts: what is counted ("people", "round")
	Sides     []ConflictSide
}

// Conflicts finds where the facts disagree: durations, counts and places of
// the same happening, the date of the same happening, the rank of an
// entity's title or role ("former", "deputy"), and the same words quoted as
// said by different people. Values that agree in other words ("three-hour"
// and "3 hours", "the Kremlin" and "Moscow") and spellings of a name are
// never conflicts; nor are values about different happenings. The result is
// ordered by the date of what it is about.
func Conflicts(facts []Fact, articles map[uint64]Article) []Conflict {
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
	out = append(out, dateConflicts(groups, articles)...)
	out = append(out, roleConflicts(facts, articles)...)
	out = append(out, speakerConflicts(facts, articles)...)
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
	// merge sides whose values are equal and exact into one
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
