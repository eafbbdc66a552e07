package xdoc

import (
	"slices"
	"sort"
	"strings"

	"github.com/briefbot/briefbot/analysis"
)

// maxPeers is how many peers an entity keeps, the most recent (as storage).
const maxPeers = 64

// Linker links the entities of successive articles to the entities of the
// articles before, in memory, with the algorithm storage.DB.Save uses:
// entities most-mentioned first; candidates are the known entities sharing a
// link key (analysis.LinkKeys) or a fuzzy key (analysis.FuzzyKeys), less
// those already linked to another entity of the same article; analysis.Link
// chooses with the article's already-linked entities as context; a match is
// merged (aliases and roles united, longest multi-word alias as name, peers
// united and capped), otherwise a new entity is made. The name index is
// updated when the article is done, as storage writes it after linking.
//
// The zero Linker is not ready: use NewLinker. A Linker is not safe for
// concurrent use.
type Linker struct {
	ents    map[uint64]*analysis.Entity
	aliases map[string][]uint64 // link key → entity ids, ascending
	fuzzy   map[string][]uint64 // fuzzy key → entity ids, ascending
	next    uint64

	// Experiments (nil in a Linker from NewLinker, which is storage's
	// algorithm exactly): prep rewrites an article's entity before linking;
	// keys adds index keys; fallback decides when analysis.Link finds none.
	prep     func(analysis.Entity) analysis.Entity
	keys     func(analysis.Entity) []string
	fallback func(local analysis.Entity, cands []analysis.Entity, peers []uint64) (uint64, bool)
}

// NewLinker returns a Linker that knows no entity.
func NewLinker() *Linker {
	return &Linker{
		ents:    map[uint64]*analysis.Entity{},
		aliases: map[string][]uint64{},
		fuzzy:   map[string][]uint64{},
	}
}

// Link links a's entities and returns the map from each local entity ID
// (1..len(a.Entities)) to its linker-wide ID. a is not modified.
func (l *Linker) Link(a *analysis.Analysis) map[uint64]uint64 {
	mentions := make([]int, len(a.Entities))
	for _, m := range a.Mentions {
		if m.Entity > 0 && m.Entity <= uint64(len(a.Entities)) {
			mentions[m.Entity-1]++
		}
	}
	idx := make([]int, len(a.Entities))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return mentions[idx[i]] > mentions[idx[j]] })

	local := make(map[uint64]uint64, len(idx))
	linked := map[uint64]*analysis.Entity{} // this article's entities, as they will be stored
	var order []uint64
	for _, i := range idx {
		le := a.Entities[i]
		le.ID = uint64(i + 1)
		if l.prep != nil {
			le = l.prep(cloneEntity(le))
		}
		ids := map[uint64]bool{}
		for _, k := range l.linkKeys(le) {
			for _, id := range l.aliases[k] {
				ids[id] = true
			}
		}
		for _, k := range analysis.FuzzyKeys(le) {
			for _, id := range l.fuzzy[k] {
				ids[id] = true
			}
		}
		var cands []analysis.Entity
		for _, id := range sortedIDs(ids) {
			if linked[id] != nil {
				continue // already this article's entity
			}
			cands = append(cands, cloneEntity(*l.ents[id]))
		}
		var e *analysis.Entity
		id, ok := analysis.Link(le, cands, slices.Clone(order))
		if !ok && l.fallback != nil {
			id, ok = l.fallback(le, cands, slices.Clone(order))
		}
		if ok {
			for j := range cands {
				if cands[j].ID == id {
					e = &cands[j]
				}
			}
		}
		if e == nil {
			l.next++
			e = &analysis.Entity{ID: l.next, Type: le.Type}
		}
		mergeEntity(e, le)
		local[le.ID] = e.ID
		linked[e.ID] = e
		order = append(order, e.ID)
	}
	for _, id := range order {
		e := linked[id]
		for _, p := range order {
			if p != id {
				e.Peers = addPeer(e.Peers, p)
			}
		}
		l.ents[id] = e
		for _, k := range l.linkKeys(*e) {
			if indexable(k) {
				l.aliases[k] = addID(l.aliases[k], id)
			}
		}
		for _, k := range analysis.FuzzyKeys(*e) {
			if indexable(k) {
				l.fuzzy[k] = addID(l.fuzzy[k], id)
			}
		}
	}
	return local
}

// linkKeys returns analysis.LinkKeys(e) and the experiment's keys.
func (l *Linker) linkKeys(e analysis.Entity) []string {
	keys := analysis.LinkKeys(e)
	if l.keys != nil {
		for _, k := range l.keys(e) {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// Entity returns the linker's entity id (a copy) and whether it exists.
func (l *Linker) Entity(id uint64) (analysis.Entity, bool) {
	e, ok := l.ents[id]
	if !ok {
		return analysis.Entity{}, false
	}
	return cloneEntity(*e), true
}

// Len returns how many entities the linker knows.
func (l *Linker) Len() int { return len(l.ents) }

func cloneEntity(e analysis.Entity) analysis.Entity {
	e.Aliases = slices.Clone(e.Aliases)
	e.Roles = slices.Clone(e.Roles)
	e.Peers = slices.Clone(e.Peers)
	return e
}

// indexable reports whether storage indexes key (see storage's nameKey).
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

func sortedIDs(set map[uint64]bool) []uint64 {
	out := make([]uint64, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// mergeEntity is storage's: local's aliases (its name included) and roles
// are added to e; a specific type replaces MISC; the name becomes the longest
// multi-word alias.
func mergeEntity(e *analysis.Entity, local analysis.Entity) {
	if e.Type == "" || (e.Type == analysis.MISC && local.Type != "") {
		e.Type = local.Type
	}
	forms := append([]string{local.Name}, local.Aliases...)
	if e.Name != "" {
		forms = append([]string{e.Name}, forms...)
	}
	for _, f := range forms {
		if strings.TrimSpace(f) != "" && !slices.Contains(e.Aliases, f) {
			e.Aliases = append(e.Aliases, f)
		}
	}
	for _, r := range local.Roles {
		if strings.TrimSpace(r) != "" && !slices.Contains(e.Roles, r) {
			e.Roles = append(e.Roles, r)
		}
	}
	e.Name = bestName(e.Name, e.Aliases)
}

func bestName(cur string, forms []string) string {
	words := func(s string) int { return len(strings.Fields(s)) }
	best := cur
	for _, f := range forms {
		if words(f) > words(best) || best == "" {
			best = f
		}
	}
	return best
}

func addPeer(peers []uint64, p uint64) []uint64 {
	if i := slices.Index(peers, p); i >= 0 {
		peers = slices.Delete(peers, i, i+1)
	}
	peers = append(peers, p)
	if len(peers) > maxPeers {
		peers = slices.Delete(peers, 0, len(peers)-maxPeers)
	}
	return peers
}
