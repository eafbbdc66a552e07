package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/maphash"

	bolt "go.etcd.io/bbolt"

	"github.com/briefbot/briefbot/analysis"
)

// maxProblems bounds how many problems Check reports.
const maxProblems = 20

// Check verifies the file (bbolt's page consistency check) and the data, in
// one read transaction, so that it can tell whether a crash left the
// database whole. It returns nil or an error listing up to 20 problems.
//
// Data checks, both ways between records and indexes:
//   - every record decodes, every key has its shape, every bucket exists;
//   - every article has its text, its by_hash key, its by_url key when it
//     has a URL, its by_received and by_published keys, and exactly as many
//     facts as its record says, numbered 0..n-1;
//   - every fact's entities exist, and the fact has one by_entity entry per
//     entity it names (factEntities) under its date key, and a by_date
//     entry when dated;
//   - every entity has at least one sighting;
//   - no text, fact, sighting or index entry (by_hash, by_url, by_received,
//     by_published, by_entity, by_date, aliases, fuzzy) points at an
//     article, fact or entity that does not exist or does not match it.
//
// Cost: one pass over each bucket, with the articles' and entities' ids in
// memory (tens of bytes an article): seconds for 100,000 articles. The
// by_entity and by_date indexes are compared with the facts as multisets
// of keys (a count and a sum of 64-bit hashes); only when they differ does
// Check look entries up one by one to name the problems.
func (db *DB) Check(ctx context.Context) error {
	var problems []error
	add := func(err error) bool {
		problems = append(problems, err)
		return len(problems) < maxProblems
	}
	err := db.view(ctx, func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			add(err) // drain the channel even past the limit
		}
		if len(problems) > 0 {
			return nil // the data checks below may not be safe on broken pages
		}
		return checkData(ctx, tx, add)
	})
	if err != nil {
		return fmt.Errorf("check %s: %w", db.path, err)
	}
	if len(problems) > maxProblems {
		problems = problems[:maxProblems]
	}
	if len(problems) > 0 {
		return fmt.Errorf("check %s: %w", db.path, errors.Join(problems...))
	}
	return nil
}

// articleInfo is what checkData keeps of an article.
type articleInfo struct {
	facts, seen int // facts the record says, facts found
	hash, url   string
	recv, pub   uint64 // time keys
}

// keySum is a multiset of keys: their number and the sum of their hashes.
type keySum struct {
	n   int
	sum uint64
}

func (s *keySum) add(seed maphash.Seed, k []byte) {
	s.n++
	s.sum += maphash.Bytes(seed, k)
}

// checker holds checkData's state.
type checker struct {
	ctx  context.Context
	add  func(error) bool
	full bool // add said stop
	bs   map[string]*bolt.Bucket
	seed maphash.Seed

	arts    map[uint64]*articleInfo
	artIDs  []uint64        // in id order
	ents    map[uint64]bool // entity id → seen in a sighting
	entIDs  []uint64
	expEnt  keySum // by_entity keys the facts make
	expDate keySum // by_date keys the facts make
}

// report passes err to add; false when Check has enough.
func (c *checker) report(err error) bool {
	if !c.full && !c.add(err) {
		c.full = true
	}
	return !c.full
}

// walk runs fn on every entry of bucket name, reporting its errors prefixed
// with the bucket's name, until Check has enough. It checks ctx every 64k
// entries.
func (c *checker) walk(name []byte, fn func(k, v []byte) error) error {
	cur := c.bs[string(name)].Cursor()
	n := 0
	for k, v := cur.First(); k != nil && !c.full; k, v = cur.Next() {
		if n++; n%(1<<16) == 0 {
			if err := c.ctx.Err(); err != nil {
				return err
			}
		}
		if err := fn(k, v); err != nil {
			c.report(fmt.Errorf("%s: %w", name, err))
		}
	}
	return nil
}

// checkData reports data problems to add until add returns false. Its error
// is ctx's.
func checkData(ctx context.Context, tx *bolt.Tx, add func(error) bool) error {
	c := &checker{ctx: ctx, add: add, bs: map[string]*bolt.Bucket{}, seed: maphash.MakeSeed(),
		arts: map[uint64]*articleInfo{}, ents: map[uint64]bool{}}
	for _, name := range allBuckets {
		b := tx.Bucket(name)
		if b == nil {
			add(fmt.Errorf("bucket %q missing", name))
			return nil
		}
		c.bs[string(name)] = b
	}
	for _, step := range []func() error{
		c.articles, c.articleIndexes, c.entities, c.facts, c.names, c.sightings, c.factIndexes,
	} {
		if err := step(); err != nil || c.full {
			return err
		}
	}
	return nil
}

// articles reads every article and its text.
func (c *checker) articles() error {
	texts := c.bs[string(bucketTexts)]
	err := c.walk(bucketArticles, func(k, v []byte) error {
		id, _ := readU64(k)
		if len(k) != idLen {
			return fmt.Errorf("bad key %x", k)
		}
		a, err := decodeArticle(id, v)
		if err != nil {
			return err
		}
		c.arts[id] = &articleInfo{facts: a.Facts, hash: a.Hash, url: normalizeURL(a.URL),
			recv: timeKey(a.Received), pub: timeKey(a.Published)}
		c.artIDs = append(c.artIDs, id)
		if t := texts.Get(k); t == nil {
			return fmt.Errorf("article %d has no text", id)
		} else if _, err := decodeText(id, t); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	return c.walk(bucketTexts, func(k, _ []byte) error {
		if id, _ := readU64(k); len(k) != idLen || c.arts[id] == nil {
			return fmt.Errorf("text %x of no article", k)
		}
		return nil
	})
}

// articleIndexes checks by_hash, by_url, by_received and by_published
// against the articles: each entry names an article whose key it is, and
// as many entries as articles that have a key (so none is missing).
func (c *checker) articleIndexes() error {
	type index struct {
		name   []byte
		what   string
		keyOf  func(id uint64, a *articleInfo) []byte // nil: the article has no key
		parse  func(k, v []byte) (uint64, bool)
		format func(k []byte) string
	}
	byValue := func(k, v []byte) (uint64, bool) {
		id, _ := readU64(v)
		return id, len(v) == idLen
	}
	byKey := func(k, _ []byte) (uint64, bool) {
		_, id, ok := splitByTimeKey(k)
		return id, ok
	}
	quoted := func(k []byte) string { return fmt.Sprintf("%q", k) }
	hexed := func(k []byte) string { return fmt.Sprintf("%x", k) }
	for _, ix := range []index{
		{bucketArticleByHash, "hash", func(_ uint64, a *articleInfo) []byte { return []byte(a.hash) }, byValue, quoted},
		{bucketArticleByURL, "URL", func(_ uint64, a *articleInfo) []byte {
			if a.url == "" {
				return nil
			}
			return []byte(a.url)
		}, byValue, quoted},
		{bucketByReceived, "received time", func(id uint64, a *articleInfo) []byte { return append(u64(a.recv), u64(id)...) }, byKey, hexed},
		{bucketByPublished, "published time", func(id uint64, a *articleInfo) []byte { return append(u64(a.pub), u64(id)...) }, byKey, hexed},
	} {
		valid := 0
		err := c.walk(ix.name, func(k, v []byte) error {
			id, ok := ix.parse(k, v)
			if !ok {
				return fmt.Errorf("bad entry %x → %x", k, v)
			}
			a := c.arts[id]
			if a == nil {
				return fmt.Errorf("%s %s points at no article (%d)", ix.what, ix.format(k), id)
			}
			if want := ix.keyOf(id, a); !bytes.Equal(want, k) {
				return fmt.Errorf("%s %s points at article %d, whose key is %s", ix.what, ix.format(k), id, ix.format(want))
			}
			valid++
			return nil
		})
		if err != nil || c.full {
			return err
		}
		want := 0
		for _, id := range c.artIDs {
			if ix.keyOf(id, c.arts[id]) != nil {
				want++
			}
		}
		if valid == want {
			continue
		}
		b := c.bs[string(ix.name)]
		for _, id := range c.artIDs { // name the articles that lack their entry
			k := ix.keyOf(id, c.arts[id])
			if k == nil {
				continue
			}
			v := b.Get(k)
			if got, ok := ix.parse(k, v); v == nil || !ok || got != id {
				if !c.report(fmt.Errorf("%s: article %d has no entry under %s %s", ix.name, id, ix.what, ix.format(k))) {
					return nil
				}
			}
		}
	}
	return nil
}

// entities reads every entity.
func (c *checker) entities() error {
	return c.walk(bucketEntities, func(k, v []byte) error {
		id, _ := readU64(k)
		if len(k) != idLen {
			return fmt.Errorf("bad key %x", k)
		}
		c.ents[id] = false
		c.entIDs = append(c.entIDs, id)
		_, err := decodeEntity(id, v)
		return err
	})
}

// facts reads every fact: its article exists, the article's facts are
// numbered 0..n-1 with n its Facts, its entities exist; and sums the
// by_entity and by_date keys the facts make.
func (c *checker) facts() error {
	var (
		cur  uint64 // article of the previous fact
		next uint32 // seq expected next in cur
	)
	err := c.walk(bucketFacts, func(k, v []byte) error {
		art, seq, ok := splitFactKey(k)
		if !ok {
			return fmt.Errorf("bad key %x", k)
		}
		a := c.arts[art]
		if a == nil {
			return fmt.Errorf("fact %d/%d of no article", art, seq)
		}
		a.seen++
		if art != cur {
			cur, next = art, 0
		}
		if seq != next && !c.report(fmt.Errorf("facts: article %d has fact %d after %d: facts %d..%d missing",
			art, seq, int64(next)-1, next, int64(seq)-1)) {
			return nil
		}
		next = seq + 1
		f, err := decodeFact(art, seq, v)
		if err != nil {
			return err
		}
		dk := dateKey(f.Date)
		for _, id := range factEntities(f) {
			if _, ok := c.ents[id]; !ok {
				return fmt.Errorf("fact %d/%d names no entity %d", art, seq, id)
			}
			c.expEnt.add(c.seed, byEntityKey(id, dk, art, seq))
		}
		if !bytes.Equal(dk, undatedKey) {
			c.expDate.add(c.seed, byDateKey(dk, art, seq))
		}
		return nil
	})
	if err != nil || c.full {
		return err
	}
	for _, id := range c.artIDs {
		if a := c.arts[id]; a.seen != a.facts {
			if !c.report(fmt.Errorf("facts: article %d has %d facts, its record says %d", id, a.seen, a.facts)) {
				return nil
			}
		}
	}
	return nil
}

// names checks that every alias and fuzzy key names an entity.
func (c *checker) names() error {
	for _, name := range [][]byte{bucketAliases, bucketFuzzy} {
		err := c.walk(name, func(k, _ []byte) error {
			_, id, ok := splitNameKey(k)
			if !ok {
				return fmt.Errorf("bad key %q", k)
			}
			if _, ok := c.ents[id]; !ok {
				return fmt.Errorf("key %q points at no entity", k)
			}
			return nil
		})
		if err != nil || c.full {
			return err
		}
	}
	return nil
}

// sightings checks entity_articles and that every entity has a sighting.
func (c *checker) sightings() error {
	err := c.walk(bucketEntityArticles, func(k, v []byte) error {
		if len(k) != 2*idLen {
			return fmt.Errorf("bad key %x", k)
		}
		ent, _ := readU64(k)
		art, _ := readU64(k[idLen:])
		_, isEnt := c.ents[ent]
		if !isEnt || c.arts[art] == nil {
			return fmt.Errorf("sighting of entity %d in article %d: no such entity or article", ent, art)
		}
		c.ents[ent] = true
		_, err := decodeSighting(ent, art, v)
		return err
	})
	if err != nil || c.full {
		return err
	}
	for _, id := range c.entIDs {
		if !c.ents[id] && !c.report(fmt.Errorf("entity_articles: entity %d has no sighting", id)) {
			return nil
		}
	}
	return nil
}

// factIndexes compares by_entity and by_date with the keys the facts make;
// when they differ it finds the entries that are wrong or missing.
func (c *checker) factIndexes() error {
	var gotEnt, gotDate keySum
	err := c.walk(bucketByEntity, func(k, _ []byte) error {
		ent, _, art, seq, ok := splitByEntityKey(k)
		if !ok {
			return fmt.Errorf("bad key %x", k)
		}
		if _, ok := c.ents[ent]; !ok {
			return fmt.Errorf("key %x: no entity %d", k, ent)
		}
		if c.arts[art] == nil {
			return fmt.Errorf("key %x: index names fact %d/%d, which does not exist (no article %d)", k, art, seq, art)
		}
		gotEnt.add(c.seed, k)
		return nil
	})
	if err != nil || c.full {
		return err
	}
	err = c.walk(bucketByDate, func(k, _ []byte) error {
		dk, art, seq, ok := splitByDateKey(k)
		if !ok {
			return fmt.Errorf("bad key %x", k)
		}
		if bytes.Equal(dk, undatedKey) {
			return fmt.Errorf("undated fact %d/%d indexed by date", art, seq)
		}
		gotDate.add(c.seed, k)
		return nil
	})
	if err != nil || c.full {
		return err
	}
	if gotEnt == c.expEnt && gotDate == c.expDate {
		return nil
	}
	// They differ: look at every entry, then at every fact.
	facts := c.bs[string(bucketFacts)]
	if gotEnt != c.expEnt {
		err := c.walk(bucketByEntity, func(k, _ []byte) error {
			ent, dk, art, seq, _ := splitByEntityKey(k)
			f, err := checkIndexedFact(facts, dk, art, seq)
			if err != nil {
				return err
			}
			for _, id := range factEntities(f) {
				if id == ent {
					return nil
				}
			}
			return fmt.Errorf("fact %d/%d indexed under entity %d, which it does not name", art, seq, ent)
		})
		if err != nil || c.full {
			return err
		}
	}
	if gotDate != c.expDate {
		err := c.walk(bucketByDate, func(k, _ []byte) error {
			dk, art, seq, _ := splitByDateKey(k)
			_, err := checkIndexedFact(facts, dk, art, seq)
			return err
		})
		if err != nil || c.full {
			return err
		}
	}
	byEntity, byDate := c.bs[string(bucketByEntity)], c.bs[string(bucketByDate)]
	return c.walk(bucketFacts, func(k, v []byte) error {
		art, seq, _ := splitFactKey(k)
		f, err := decodeFact(art, seq, v)
		if err != nil {
			return nil // reported by facts
		}
		dk := dateKey(f.Date)
		for _, id := range factEntities(f) {
			if byEntity.Get(byEntityKey(id, dk, art, seq)) == nil {
				return fmt.Errorf("fact %d/%d has no by_entity entry for entity %d", art, seq, id)
			}
		}
		if !bytes.Equal(dk, undatedKey) && byDate.Get(byDateKey(dk, art, seq)) == nil {
			return fmt.Errorf("fact %d/%d has no by_date entry", art, seq)
		}
		return nil
	})
}

// checkIndexedFact checks that fact art/seq exists and has date key dk, and
// returns it.
func checkIndexedFact(facts *bolt.Bucket, dk []byte, art uint64, seq uint32) (analysis.Fact, error) {
	f, err := getFact(facts, art, seq)
	if err != nil {
		return analysis.Fact{}, err
	}
	if want := dateKey(f.Date); !bytes.Equal(want, dk) {
		return analysis.Fact{}, fmt.Errorf("fact %d/%d indexed under date %q, has %q", art, seq, dk, want)
	}
	return f, nil
}
