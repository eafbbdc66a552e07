package analysis

import (
	"slices"
	"testing"
)

// memIndex is a minimal EntityIndex: entities found by any shared key.
type memIndex struct {
	ents []Entity
	next uint64
}

func (m *memIndex) Find(keys, fuzzy []string) ([]Entity, error) {
	var out []Entity
	for _, e := range m.ents {
		ek := append(LinkKeys(e), FuzzyKeys(e)...)
		for _, k := range append(slices.Clone(keys), fuzzy...) {
			if slices.Contains(ek, k) {
				out = append(out, cloneEntity(e))
				break
			}
		}
	}
	return out, nil
}

func (m *memIndex) NewID() (uint64, error) { m.next++; return m.next, nil }

// store replaces or adds the linked entities.
func (m *memIndex) store(linked []Entity) {
	for _, e := range linked {
		if i := slices.IndexFunc(m.ents, func(x Entity) bool { return x.ID == e.ID }); i >= 0 {
			m.ents[i] = e
		} else {
			m.ents = append(m.ents, e)
		}
	}
}

// articleOf builds an analysis: entities with their mentions' surface forms.
func articleOf(ents ...[]string) *Analysis {
	a := &Analysis{}
	for i, forms := range ents {
		e := Entity{ID: uint64(i + 1), Name: forms[0], Type: ORG}
		for _, f := range forms {
			if !slices.Contains(e.Aliases, f) {
				e.Aliases = append(e.Aliases, f)
			}
			a.Mentions = append(a.Mentions, Mention{Text: f, Type: ORG, Entity: e.ID})
		}
		a.Entities = append(a.Entities, e)
	}
	return a
}

func TestLinkArticle_Variants(t *testing.T) {
	setup := func(t *testing.T) (*memIndex, uint64) {
		idx := &memIndex{next: 100}
		local, linked, err := LinkArticle(articleOf([]string{"Lumora Computer", "Lumora", "Lumora"}), idx)
		if err != nil {
			t.Fatal(err)
		}
		idx.store(linked)
		return idx, local[1]
	}
	t.Run("a name the article kept apart joins the known entity", func(t *testing.T) {
		idx, known := setup(t)
		local, _, err := LinkArticle(articleOf(
			[]string{"Lumora Computer", "Lumora Computer", "Lumora Computer"},
			[]string{"Lumora Foods", "Lumora Foods"},
			[]string{"Lumora"},
		), idx)
		if err != nil {
			t.Fatal(err)
		}
		if local[1] != known || local[3] != known {
			t.Errorf("Lumora Computer → %d, Lumora → %d; want both %d", local[1], local[3], known)
		}
		if local[2] == known {
			t.Errorf("Lumora Foods linked to Lumora Computer (%d)", known)
		}
	})
	t.Run("a full name said once does not make another company", func(t *testing.T) {
		idx, known := setup(t)
		forms := []string{"Lumora Stores"}
		for range 6 {
			forms = append(forms, "Lumora")
		}
		local, _, err := LinkArticle(articleOf(forms), idx)
		if err != nil {
			t.Fatal(err)
		}
		if local[1] != known {
			t.Errorf("Lumora (and once Lumora Stores) → %d, want %d", local[1], known)
		}
	})
	t.Run("a full name the article goes by is another company", func(t *testing.T) {
		idx, known := setup(t)
		local, _, err := LinkArticle(articleOf([]string{"Lumora Stores", "Lumora Stores", "Lumora", "Lumora", "Lumora"}), idx)
		if err != nil {
			t.Fatal(err)
		}
		if local[1] == known {
			t.Errorf("Lumora Stores linked to Lumora Computer (%d)", known)
		}
	})
	t.Run("acronym in a later article", func(t *testing.T) {
		idx := &memIndex{}
		local1, linked, err := LinkArticle(articleOf([]string{"Velk Orbital Systems"}), idx)
		if err != nil {
			t.Fatal(err)
		}
		idx.store(linked)
		local2, _, err := LinkArticle(articleOf([]string{"VOS", "VOS"}), idx)
		if err != nil {
			t.Fatal(err)
		}
		if local2[1] != local1[1] {
			t.Errorf("VOS → %d, want Velk Orbital Systems %d", local2[1], local1[1])
		}
	})
	t.Run("first word in a later article", func(t *testing.T) {
		idx := &memIndex{}
		local1, linked, err := LinkArticle(articleOf([]string{"Korvath Motors"}), idx)
		if err != nil {
			t.Fatal(err)
		}
		idx.store(linked)
		local2, _, err := LinkArticle(articleOf([]string{"Korvath"}), idx)
		if err != nil {
			t.Fatal(err)
		}
		if local2[1] != local1[1] {
			t.Errorf("Korvath → %d, want Korvath Motors %d", local2[1], local1[1])
		}
	})
}
