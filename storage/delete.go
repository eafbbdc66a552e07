package storage

import (
	"bytes"
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/briefbot/briefbot/analysis"
)

// DeleteArticle removes article id and everything stored for it, in one
// Update: its record and text, its facts, its by_hash, by_url, by_received
// and by_published keys, the by_entity and by_date entries of its facts and
// the entity_articles sightings of its entities. An entity no other article
// names any more (no sighting left) is deleted too, with its aliases and
// fuzzy keys. An entity still named elsewhere is kept as it is: aliases,
// roles and peers the deleted article contributed stay merged into it, and
// peer lists may still name a deleted entity (ids are never reused, so such
// a peer names nothing).
//
// It returns the deleted article (Text empty), or an error wrapping
// ErrNotFound when there is no such article. Saving the same text again
// afterwards stores it as a new article with a new id.
//
// Cost: the facts of the article plus one scan of the entity_articles keys,
// and when an entity goes, one scan of the name indexes.
func (db *DB) DeleteArticle(ctx context.Context, id uint64) (analysis.Article, error) {
	var a analysis.Article
	err := db.update(ctx, func(tx *bolt.Tx) error {
		var err error
		if a, err = getArticle(tx, id); err != nil {
			return err
		}
		return db.deleteArticle(ctx, tx, a)
	})
	if err != nil {
		return analysis.Article{}, fmt.Errorf("delete article %d: %w", id, err)
	}
	return a, nil
}

func (db *DB) deleteArticle(ctx context.Context, tx *bolt.Tx, a analysis.Article) error {
	bs := map[string]*bolt.Bucket{}
	for _, name := range allBuckets {
		b, err := bucket(tx, name)
		if err != nil {
			return err
		}
		bs[string(name)] = b
	}
	step := func(name string) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if db.failAt != nil {
			return db.failAt(name)
		}
		return nil
	}
	id, idKey := a.ID, u64(a.ID)
	touched := map[uint64]bool{} // entities that may have lost their last sighting

	// Facts and their index entries.
	var factKeys [][]byte
	c := bs[string(bucketFacts)].Cursor()
	for k, v := c.Seek(idKey); k != nil && bytes.HasPrefix(k, idKey); k, v = c.Next() {
		art, seq, ok := splitFactKey(k)
		if !ok {
			return fmt.Errorf("bad fact key %x", k)
		}
		f, err := decodeFact(art, seq, v)
		if err != nil {
			return err
		}
		dk := dateKey(f.Date)
		for _, e := range factEntities(f) {
			touched[e] = true
			if err := bs[string(bucketByEntity)].Delete(byEntityKey(e, dk, id, seq)); err != nil {
				return fmt.Errorf("unindex fact %d/%d by entity %d: %w", id, seq, e, err)
			}
		}
		if !bytes.Equal(dk, undatedKey) {
			if err := bs[string(bucketByDate)].Delete(byDateKey(dk, id, seq)); err != nil {
				return fmt.Errorf("unindex fact %d/%d by date: %w", id, seq, err)
			}
		}
		factKeys = append(factKeys, bytes.Clone(k))
	}
	for _, k := range factKeys {
		if err := bs[string(bucketFacts)].Delete(k); err != nil {
			return fmt.Errorf("delete fact %x: %w", k, err)
		}
	}
	if err := step("facts deleted"); err != nil {
		return err
	}

	// The article, its text and its keys.
	for _, name := range [][]byte{bucketArticles, bucketTexts} {
		if err := bs[string(name)].Delete(idKey); err != nil {
			return fmt.Errorf("delete %s %d: %w", name, id, err)
		}
	}
	for _, ix := range []struct {
		name []byte
		key  string
	}{{bucketArticleByHash, a.Hash}, {bucketArticleByURL, normalizeURL(a.URL)}} {
		if ix.key == "" {
			continue
		}
		// Only this article's key: never another's that shares it.
		if v := bs[string(ix.name)].Get([]byte(ix.key)); bytes.Equal(v, idKey) {
			if err := bs[string(ix.name)].Delete([]byte(ix.key)); err != nil {
				return fmt.Errorf("unindex article %d in %s: %w", id, ix.name, err)
			}
		}
	}
	if err := bs[string(bucketByReceived)].Delete(byTimeKey(a.Received, id)); err != nil {
		return fmt.Errorf("unindex article %d by received time: %w", id, err)
	}
	if err := bs[string(bucketByPublished)].Delete(byTimeKey(a.Published, id)); err != nil {
		return fmt.Errorf("unindex article %d by published time: %w", id, err)
	}
	if err := step("article deleted"); err != nil {
		return err
	}

	// Sightings: keyed entity first, so every key is looked at.
	sightings := bs[string(bucketEntityArticles)]
	var sightKeys [][]byte
	c = sightings.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if len(k) == 2*idLen && bytes.Equal(k[idLen:], idKey) {
			e, _ := readU64(k)
			touched[e] = true
			sightKeys = append(sightKeys, bytes.Clone(k))
		}
	}
	for _, k := range sightKeys {
		if err := sightings.Delete(k); err != nil {
			return fmt.Errorf("delete sighting %x: %w", k, err)
		}
	}
	if err := step("sightings deleted"); err != nil {
		return err
	}

	// Entities no article names any more.
	dead := map[uint64]bool{}
	c = sightings.Cursor()
	for _, e := range sortedIDs(touched) {
		prefix := u64(e)
		if k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) {
			continue
		}
		if bs[string(bucketEntities)].Get(prefix) == nil {
			continue
		}
		dead[e] = true
		if err := bs[string(bucketEntities)].Delete(prefix); err != nil {
			return fmt.Errorf("delete entity %d: %w", e, err)
		}
	}
	if len(dead) > 0 {
		// Scan rather than recompute LinkKeys: an entity indexed before
		// its name or type changed may have keys its record no longer
		// yields.
		for _, name := range [][]byte{bucketAliases, bucketFuzzy} {
			if err := deleteNameKeys(bs[string(name)], dead); err != nil {
				return fmt.Errorf("unindex deleted entities in %s: %w", name, err)
			}
		}
	}
	return step("entities deleted")
}

// deleteNameKeys deletes from the name index b every key of an entity in
// dead.
func deleteNameKeys(b *bolt.Bucket, dead map[uint64]bool) error {
	var keys [][]byte
	c := b.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if _, id, ok := splitNameKey(k); ok && dead[id] {
			keys = append(keys, bytes.Clone(k))
		}
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}
