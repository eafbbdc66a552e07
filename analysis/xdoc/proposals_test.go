package xdoc

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/analysis"
)

// The experiments below are changes proposed for analysis.LinkKeys and
// analysis.Link (see the package's report); they run here on the linker's
// hooks so that their effect can be measured before the product changes.

// legalSuffixes are the words that end a company's legal name.
var legalSuffixes = map[string]bool{
	"inc": true, "incorporated": true, "corp": true, "corporation": true, "co": true,
	"company": true, "ltd": true, "limited": true, "llc": true, "plc": true,
	"group": true, "holdings": true, "sa": true, "ag": true, "nv": true, "gmbh": true,
}

// stripLegal returns the normalized name without its legal suffixes
// ("apple inc" → "apple"), or "" when nothing is left or nothing was cut.
func stripLegal(norm string) string {
	w := strings.Fields(norm)
	n := len(w)
	for n > 1 && legalSuffixes[w[n-1]] {
		n--
	}
	if n == len(w) {
		return ""
	}
	return strings.Join(w[:n], " ")
}

// prepLegal retypes a "person" whose name ends in a legal suffix ("Apple
// Inc.") as an organisation and drops a lone suffix alias ("Inc.").
func prepLegal(e analysis.Entity) analysis.Entity {
	if e.Type == analysis.PER && stripLegal(analysis.NormalizeName(e.Name)) != "" {
		e.Type = analysis.ORG
	}
	if e.Type != analysis.PER {
		var keep []string
		for _, a := range e.Aliases {
			if n := analysis.NormalizeName(a); !legalSuffixes[n] {
				keep = append(keep, a)
			}
		}
		if len(keep) > 0 {
			e.Aliases = keep
		}
	}
	return e
}

// legalKeys indexes an organisation also under its name without the legal
// suffix.
func legalKeys(e analysis.Entity) []string {
	if e.Type == analysis.PER {
		return nil
	}
	var keys []string
	for _, a := range append([]string{e.Name}, e.Aliases...) {
		if k := stripLegal(analysis.NormalizeName(a)); k != "" {
			keys = append(keys, k)
		}
	}
	return keys
}

// firstWordKeys indexes a multi-word organisation also under its first word
// ("apple computer" → "apple"), as people are under their surname.
func firstWordKeys(e analysis.Entity) []string {
	keys := legalKeys(e)
	if e.Type != analysis.ORG {
		return keys
	}
	for _, a := range append([]string{e.Name}, e.Aliases...) {
		if w := strings.Fields(analysis.NormalizeName(a)); len(w) > 1 && len(w[0]) >= 3 {
			keys = append(keys, w[0])
		}
	}
	return keys
}

// legalFallback links an organisation whose name, without its legal suffix,
// equals a candidate's.
func legalFallback(local analysis.Entity, cands []analysis.Entity, _ []uint64) (uint64, bool) {
	if local.Type == analysis.PER {
		return 0, false
	}
	lk := map[string]bool{}
	for _, k := range append(analysis.LinkKeys(local), legalKeys(local)...) {
		lk[k] = true
	}
	for _, c := range cands {
		if c.Type == analysis.PER {
			continue
		}
		for _, k := range append(analysis.LinkKeys(c), legalKeys(c)...) {
			if lk[k] {
				return c.ID, true
			}
		}
	}
	return 0, false
}

// firstWordFallback also links a one-word organisation name to a known
// organisation whose name starts with it, and the reverse ("Apple" and
// "Apple Computer"), when exactly one candidate qualifies.
func firstWordFallback(local analysis.Entity, cands []analysis.Entity, peers []uint64) (uint64, bool) {
	if id, ok := legalFallback(local, cands, peers); ok {
		return id, ok
	}
	if local.Type != analysis.ORG {
		return 0, false
	}
	single := func(e analysis.Entity) map[string]bool {
		out := map[string]bool{}
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			if w := strings.Fields(analysis.NormalizeName(a)); len(w) == 1 {
				out[w[0]] = true
			}
		}
		return out
	}
	first := func(e analysis.Entity) map[string]bool {
		out := map[string]bool{}
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			if w := strings.Fields(analysis.NormalizeName(a)); len(w) > 1 {
				out[w[0]] = true
			}
		}
		return out
	}
	ls, lf := single(local), first(local)
	found, n := uint64(0), 0
	for _, c := range cands {
		if c.Type != analysis.ORG {
			continue
		}
		cs, cf := single(c), first(c)
		ok := false
		for w := range ls {
			ok = ok || cf[w]
		}
		for w := range lf {
			ok = ok || cs[w]
		}
		if ok {
			found, n = c.ID, n+1
		}
	}
	return found, n == 1
}

// mergeLegal simulates a change to analysis/entity: a "person" named with
// a legal suffix is an organisation, and within one article an organisation
// whose name without its legal suffix is another's name ("Apple Inc.",
// "Apple") is the same entity (its mentions move to the first).
func mergeLegal(a *analysis.Analysis) {
	for i := range a.Entities {
		a.Entities[i] = prepLegal(a.Entities[i])
	}
	byName := map[string]uint64{}
	for _, e := range a.Entities {
		if e.Type != analysis.PER {
			byName[analysis.NormalizeName(e.Name)] = e.ID
		}
	}
	into := map[uint64]uint64{}
	for _, e := range a.Entities {
		if e.Type == analysis.PER {
			continue
		}
		if k := stripLegal(analysis.NormalizeName(e.Name)); k != "" {
			if id, ok := byName[k]; ok && id != e.ID {
				into[e.ID] = id
				t := &a.Entities[id-1]
				for _, al := range e.Aliases {
					if !slices.Contains(t.Aliases, al) {
						t.Aliases = append(t.Aliases, al)
					}
				}
			}
		}
	}
	for i, m := range a.Mentions {
		if id, ok := into[m.Entity]; ok {
			a.Mentions[i].Entity = id
		}
		a.Mentions[i].Type = a.Entities[a.Mentions[i].Entity-1].Type
	}
}

type variant struct {
	name   string
	adjust func(*analysis.Analysis)
	linker func() linker
}

func variants() []variant {
	return []variant{
		{"storage (product)", nil, func() linker { return NewLinker() }},
		{"+legal suffix", nil, func() linker {
			l := NewLinker()
			l.prep, l.keys, l.fallback = prepLegal, legalKeys, legalFallback
			return l
		}},
		{"+legal +first word", nil, func() linker {
			l := NewLinker()
			l.prep, l.keys, l.fallback = prepLegal, firstWordKeys, firstWordFallback
			return l
		}},
		{"entity: legal merge", mergeLegal, func() linker { return NewLinker() }},
		{"entity+linker: all", mergeLegal, func() linker {
			l := NewLinker()
			l.prep, l.keys, l.fallback = prepLegal, firstWordKeys, firstWordFallback
			return l
		}},
	}
}

// TestProposals measures the proposed linking changes on the dev split
// (run with -v to see the figures). It fails if a proposal scores under the
// product's linking on B³.
func TestProposals(t *testing.T) {
	if _, err := os.Stat(dataDir + "/" + Dir + "/corpus_apple"); err != nil {
		t.Skipf("MEANTIME data not found in %s/%s", dataDir, Dir)
	}
	split := "dev"
	if s := os.Getenv("XDOC_PROPOSALS_SPLIT"); s != "" {
		split = s // for the report only: rules are never written from test errors
	}
	docs, err := loadSplit(os.DirFS(dataDir), split, 0)
	if err != nil {
		t.Fatal(err)
	}
	var base float64
	for i, v := range variants() {
		s := scorer{adjust: v.adjust}
		for _, d := range docs {
			if err := s.corpus(d, v.linker()); err != nil {
				t.Fatal(err)
			}
		}
		r := s.report()
		got := map[string]float64{}
		for _, m := range r.Metrics {
			got[m.Key] = m.Value
		}
		t.Logf("%-22s B³ F1 %.2f (P %.2f R %.2f), B³ all F1 %.2f, mention F1 %.2f", v.name,
			got["bcubed_f1"], got["bcubed_precision"], got["bcubed_recall"], got["bcubed_all_f1"], got["mention_f1"])
		if i == 0 {
			base = got["bcubed_f1"]
		} else if got["bcubed_f1"] < base {
			t.Errorf("%s: B³ F1 %.2f under the product's %.2f", v.name, got["bcubed_f1"], base)
		}
	}
}
