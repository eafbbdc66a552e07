package analysis

import (
	"slices"
	"sort"
	"strings"
)

// MaxPeers is how many peers an entity keeps: the most recent ones.
const MaxPeers = 64

// EntityIndex is what LinkArticle needs from a store of known entities.
type EntityIndex interface {
	// Find returns the known entities indexed under any of keys (LinkKeys)
	// or fuzzy (FuzzyKeys), in ID order, each a copy the caller may change.
	Find(keys, fuzzy []string) ([]Entity, error)
	// NewID returns an ID no entity has.
	NewID() (uint64, error)
}

// CachingIndex is an EntityIndex that keeps a LinkCache for LinkArticle to
// use across calls (a batch of articles in one transaction).
type CachingIndex interface {
	EntityIndex
	LinkCache() *LinkCache
}

// LinkArticle links the entities of an analysed article to the known ones:
// the most mentioned first, each to the candidate Link chooses (with the
// article's entities linked so far as context, and the article's mentions
// of the entity by surface form telling its main name and the full names
// it goes by), or to a new entity. Candidates are looked up under the
// entity's LinkKeys and FuzzyKeys, and for an organisation its one-word
// names in the fuzzy index (a known "Korvath Motors" for "Korvath"). A
// known entity takes one of the article's entities, and another only when
// that one has no other candidate and its main name is one of the known
// entity's names (the article kept "Apple" apart from "Apple Computer" and
// "Apple Corps"; the corpus knows "Apple" as Apple Computer). What the
// article says of an entity (aliases, roles, type) is merged into it, and
// every entity of the article becomes a peer of the others. It returns the
// map from the article's local IDs to the known IDs and the linked
// entities in link order, ready to store and index under their LinkKeys
// and FuzzyKeys. It does not change a.
//
// Storage runs it inside the article's transaction; the cross-document
// evaluation (analysis/xdoc) runs it over an in-memory index, so what is
// measured is what is stored.
func LinkArticle(a *Analysis, idx EntityIndex) (map[uint64]uint64, []Entity, error) {
	mentions := make([]int, len(a.Entities))
	forms := make([]map[string]int, len(a.Entities)) // mentions by surface form
	for _, m := range a.Mentions {
		if m.Entity > 0 && m.Entity <= uint64(len(a.Entities)) {
			mentions[m.Entity-1]++
			if forms[m.Entity-1] == nil {
				forms[m.Entity-1] = map[string]int{}
			}
			forms[m.Entity-1][m.Text]++
		}
	}
	order := make([]int, len(a.Entities))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return mentions[order[i]] > mentions[order[j]] })

	var cache *LinkCache
	if ci, ok := idx.(CachingIndex); ok {
		cache = ci.LinkCache()
	}
	if cache == nil {
		cache = NewLinkCache()
	}
	local := make(map[uint64]uint64, len(order))
	linked := map[uint64]*Entity{}
	var ids []uint64 // linked, in link order
	for _, i := range order {
		le := cloneEntity(a.Entities[i])
		le.ID = uint64(i + 1)
		keys, fuzzy := lookupKeys(le)
		found, err := idx.Find(keys, fuzzy)
		if err != nil {
			return nil, nil, err
		}
		var cands, taken []Entity
		for _, c := range found {
			if linked[c.ID] == nil {
				cands = append(cands, c)
			} else {
				taken = append(taken, c)
			}
		}
		var e *Entity
		if id, score := bestLink(le, forms[i], cands, ids, cache); score > 0 {
			for j := range cands {
				if cands[j].ID == id {
					e = &cands[j]
				}
			}
		} else if id, score := bestLink(le, forms[i], taken, ids, cache); score >= strongLink {
			// the article keeps apart what the corpus knows as one
			// ("Apple" beside "Apple Computer" and "Apple Corps")
			MergeEntity(linked[id], le)
			local[le.ID] = id
			continue
		}
		if e == nil {
			id, err := idx.NewID()
			if err != nil {
				return nil, nil, err
			}
			e = &Entity{ID: id, Type: le.Type}
		}
		MergeEntity(e, le)
		local[le.ID] = e.ID
		linked[e.ID] = e
		ids = append(ids, e.ID)
	}
	out := make([]Entity, 0, len(ids))
	for _, id := range ids {
		e := linked[id]
		for _, p := range ids {
			if p != id {
				e.Peers = addPeer(e.Peers, p)
			}
		}
		out = append(out, *e)
	}
	return local, out, nil
}

// MergeEntity adds what local tells to e: its aliases (its name included)
// and roles; a specific type replaces MISC; the name becomes a form with
// more words when one appears (see bestName). Peers are not touched.
func MergeEntity(e *Entity, local Entity) {
	if e.Type == "" || (e.Type == MISC && local.Type != "") {
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

// bestName returns the name to show for an entity: cur, unless a form has
// more words (a full name for a surname, "Kassym-Jomart Tokayev" for
// "Tokayev"). Equal word counts keep cur, so the first full form seen stays
// the name and a later variant spelling ("Stephen" for "Steve") does not
// replace it.
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

// addPeer makes p the most recent peer, keeping at most MaxPeers.
func addPeer(peers []uint64, p uint64) []uint64 {
	if i := slices.Index(peers, p); i >= 0 {
		peers = slices.Delete(peers, i, i+1)
	}
	peers = append(peers, p)
	if len(peers) > MaxPeers {
		peers = slices.Delete(peers, 0, len(peers)-MaxPeers)
	}
	return peers
}

func cloneEntity(e Entity) Entity {
	e.Aliases = slices.Clone(e.Aliases)
	e.Roles = slices.Clone(e.Roles)
	e.Peers = slices.Clone(e.Peers)
	return e
}
