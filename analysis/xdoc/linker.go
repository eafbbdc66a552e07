package xdoc

import (
	"slices"
	"strings"

	"github.com/briefbot/briefbot/analysis"
)

// Linker links the entities of successive articles to the entities of the
// articles before, in memory, with analysis.LinkArticle — the algorithm
// storage.DB.Save runs — over an index of link and fuzzy keys kept like
// storage's. The index is updated when an article is done, as storage
// writes it after linking.
//
// The zero Linker is not ready: use NewLinker. A Linker is not safe for
// concurrent use.
type Linker struct {
	ents    map[uint64]analysis.Entity
	aliases map[string][]uint64 // link key → entity ids, ascending
	fuzzy   map[string][]uint64 // fuzzy key → entity ids, ascending
	next    uint64
}

// NewLinker returns a Linker that knows no entity.
func NewLinker() *Linker {
	return &Linker{
		ents:    map[uint64]analysis.Entity{},
		aliases: map[string][]uint64{},
		fuzzy:   map[string][]uint64{},
	}
}

// Link links a's entities and returns the map from a's local entity IDs to
// corpus-wide IDs. It does not change a.
func (l *Linker) Link(a *analysis.Analysis) map[uint64]uint64 {
	local, linked, err := analysis.LinkArticle(a, l)
	if err != nil {
		panic("xdoc: in-memory index failed: " + err.Error()) // Find and NewID never fail
	}
	for _, e := range linked {
		l.ents[e.ID] = e
		for _, k := range analysis.LinkKeys(e) {
			if indexable(k) {
				l.aliases[k] = addID(l.aliases[k], e.ID)
			}
		}
		for _, k := range analysis.FuzzyKeys(e) {
			if indexable(k) {
				l.fuzzy[k] = addID(l.fuzzy[k], e.ID)
			}
		}
	}
	return local
}

// Find implements analysis.EntityIndex.
func (l *Linker) Find(keys, fuzzy []string) ([]analysis.Entity, error) {
	ids := map[uint64]bool{}
	for _, k := range keys {
		for _, id := range l.aliases[k] {
			ids[id] = true
		}
	}
	for _, k := range fuzzy {
		for _, id := range l.fuzzy[k] {
			ids[id] = true
		}
	}
	sorted := make([]uint64, 0, len(ids))
	for id := range ids {
		sorted = append(sorted, id)
	}
	slices.Sort(sorted)
	out := make([]analysis.Entity, 0, len(sorted))
	for _, id := range sorted {
		out = append(out, clone(l.ents[id]))
	}
	return out, nil
}

// NewID implements analysis.EntityIndex.
func (l *Linker) NewID() (uint64, error) {
	l.next++
	return l.next, nil
}

// Entity returns a copy of the corpus-wide entity id.
func (l *Linker) Entity(id uint64) (analysis.Entity, bool) {
	e, ok := l.ents[id]
	return clone(e), ok
}

// Len is the number of corpus-wide entities.
func (l *Linker) Len() int { return len(l.ents) }

func clone(e analysis.Entity) analysis.Entity {
	e.Aliases = slices.Clone(e.Aliases)
	e.Roles = slices.Clone(e.Roles)
	e.Peers = slices.Clone(e.Peers)
	return e
}

// indexable mirrors storage: keys over 512 bytes or with a NUL are not
// indexed.
func indexable(key string) bool {
	return key != "" && len(key) <= 512 && !strings.ContainsRune(key, 0)
}

func addID(ids []uint64, id uint64) []uint64 {
	i, found := slices.BinarySearch(ids, id)
	if found {
		return ids
	}
	return slices.Insert(ids, i, id)
}
