package storage

import (
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/briefbot/briefbot/analysis"
)

// migration brings the schema from version-1 to version.
type migration struct {
	version uint64
	name    string
	apply   func(tx *bolt.Tx) error
}

// migrations is the ordered list of schema changes; a database at version v
// runs every migration above v, in order, in one Update at Open. Append only:
// never edit or reorder a released migration. Each has its own test.
var migrations = []migration{
	{version: 1, name: "create buckets", apply: createBuckets},
	{version: 2, name: "reindex names", apply: reindexNames},
	{version: 3, name: "index articles by time", apply: indexArticleTimes},
}

// schemaVersion is the version a database has after Open.
func schemaVersion() uint64 { return migrations[len(migrations)-1].version }

// v1Buckets are the buckets of schema version 1.
var v1Buckets = [][]byte{
	bucketMeta, bucketArticles, bucketTexts, bucketArticleByHash, bucketArticleByURL,
	bucketFacts, bucketEntities, bucketAliases, bucketFuzzy, bucketEntityArticles,
	bucketByEntity, bucketByDate, bucketState, bucketSubscriptions, bucketFeeds,
}

// v3Buckets are the buckets migration 3 adds.
var v3Buckets = [][]byte{bucketByReceived, bucketByPublished}

// allBuckets are the buckets of the current schema.
var allBuckets = append(slices.Clip(v1Buckets), v3Buckets...)

// createBuckets is migration 1: every bucket of the layout, keeping any that
// exist (a version-0 file may already hold bot state).
func createBuckets(tx *bolt.Tx) error {
	for _, name := range v1Buckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %q: %w", name, err)
		}
	}
	return nil
}

// reindexNames is migration 2: the name indexes (aliases, fuzzy) rebuilt
// from the stored entities with the current analysis.LinkKeys and
// FuzzyKeys, so that entities stored before those learned new variants
// (country names, initials, names without spaces, organisations' first
// words) are found by them too, and keys no longer made are dropped.
func reindexNames(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketAliases, bucketFuzzy} {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return fmt.Errorf("drop bucket %q: %w", name, err)
			}
		}
	}
	aliases, err := tx.CreateBucket(bucketAliases)
	if err != nil {
		return fmt.Errorf("create bucket aliases: %w", err)
	}
	fuzzy, err := tx.CreateBucket(bucketFuzzy)
	if err != nil {
		return fmt.Errorf("create bucket fuzzy: %w", err)
	}
	ents := tx.Bucket(bucketEntities)
	if ents == nil {
		return nil
	}
	return ents.ForEach(func(k, v []byte) error {
		id, ok := readU64(k)
		if !ok {
			return fmt.Errorf("entity key %x is not an id", k)
		}
		e, err := decodeEntity(id, v)
		if err != nil {
			return fmt.Errorf("entity %d: %w", id, err)
		}
		for _, key := range analysis.LinkKeys(e) {
			if nk := nameKey(key, id); nk != nil {
				if err := aliases.Put(nk, nil); err != nil {
					return fmt.Errorf("index entity %d under %q: %w", id, key, err)
				}
			}
		}
		for _, key := range analysis.FuzzyKeys(e) {
			if nk := nameKey(key, id); nk != nil {
				if err := fuzzy.Put(nk, nil); err != nil {
					return fmt.Errorf("index entity %d under fuzzy %q: %w", id, key, err)
				}
			}
		}
		return nil
	})
}

// indexArticleTimes is migration 3: the by_received and by_published
// indexes, built from the stored articles (any existing ones are rebuilt).
func indexArticleTimes(tx *bolt.Tx) error {
	for _, name := range v3Buckets {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return fmt.Errorf("drop bucket %q: %w", name, err)
			}
		}
	}
	received, err := tx.CreateBucket(bucketByReceived)
	if err != nil {
		return fmt.Errorf("create bucket %q: %w", bucketByReceived, err)
	}
	published, err := tx.CreateBucket(bucketByPublished)
	if err != nil {
		return fmt.Errorf("create bucket %q: %w", bucketByPublished, err)
	}
	arts := tx.Bucket(bucketArticles)
	if arts == nil {
		return nil
	}
	return arts.ForEach(func(k, v []byte) error {
		id, ok := readU64(k)
		if !ok || len(k) != idLen {
			return fmt.Errorf("article key %x is not an id", k)
		}
		a, err := decodeArticle(id, v)
		if err != nil {
			return fmt.Errorf("article %d: %w", id, err)
		}
		if err := received.Put(byTimeKey(a.Received, id), nil); err != nil {
			return fmt.Errorf("index article %d by received time: %w", id, err)
		}
		if err := published.Put(byTimeKey(a.Published, id), nil); err != nil {
			return fmt.Errorf("index article %d by published time: %w", id, err)
		}
		return nil
	})
}

// readVersion returns the schema version stored in meta/version, 0 when the
// file has none (a new file, or one written before versions were kept).
func readVersion(tx *bolt.Tx) (uint64, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return 0, nil
	}
	v := meta.Get(keyVersion)
	if v == nil {
		return 0, nil
	}
	return decodeVersion(v)
}

// migrate runs the migrations of list above the stored version and records
// the new version. It refuses a database newer than list knows and a
// version-0 file with buckets briefbot never made.
func migrate(tx *bolt.Tx, path string, list []migration) error {
	cur, err := readVersion(tx)
	if err != nil {
		return fmt.Errorf("%s is not a briefbot database: %w", path, err)
	}
	latest := list[len(list)-1].version
	if cur > latest {
		return fmt.Errorf("database %s has schema version %d, newer than this briefbot knows (%d): upgrade briefbot", path, cur, latest)
	}
	if cur == 0 {
		known := map[string]bool{}
		for _, b := range v1Buckets {
			known[string(b)] = true
		}
		err := tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			if !known[string(name)] {
				return fmt.Errorf("%s is not a briefbot database: it holds bucket %q and no schema version", path, name)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for _, m := range list {
		if m.version <= cur {
			continue
		}
		if err := m.apply(tx); err != nil {
			return fmt.Errorf("migrate %s to version %d (%s): %w", path, m.version, m.name, err)
		}
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return fmt.Errorf("migrate %s to version %d (%s): %w", path, m.version, m.name, err)
		}
		if err := meta.Put(keyVersion, encodeVersion(m.version)); err != nil {
			return fmt.Errorf("migrate %s to version %d (%s): %w", path, m.version, m.name, err)
		}
		cur = m.version
	}
	return nil
}
