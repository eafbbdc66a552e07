package storage

import (
	"bytes"
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/briefbot/briefbot/analysis"
)

// Article returns the stored article id, with its Text. ErrNotFound when
// there is none.
func (db *DB) Article(ctx context.Context, id uint64) (analysis.Article, error) {
	var a analysis.Article
	err := db.view(ctx, func(tx *bolt.Tx) error {
		var err error
		if a, err = getArticle(tx, id); err != nil {
			return err
		}
		texts, err := bucket(tx, bucketTexts)
		if err != nil {
			return err
		}
		v := texts.Get(u64(id))
		if v == nil {
			return fmt.Errorf("text of article %d missing", id)
		}
		a.Text, err = decodeText(id, v)
		return err
	})
	if err != nil {
		return analysis.Article{}, fmt.Errorf("article %d: %w", id, err)
	}
	return a, nil
}

func getArticle(tx *bolt.Tx, id uint64) (analysis.Article, error) {
	b, err := bucket(tx, bucketArticles)
	if err != nil {
		return analysis.Article{}, err
	}
	v := b.Get(u64(id))
	if v == nil {
		return analysis.Article{}, ErrNotFound
	}
	return decodeArticle(id, v)
}

// Articles returns every stored article in id order, with Text left empty.
func (db *DB) Articles(ctx context.Context) ([]analysis.Article, error) {
	var out []analysis.Article
	err := db.view(ctx, func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketArticles)
		if err != nil {
			return err
		}
		return b.ForEach(func(k, v []byte) error {
			id, ok := readU64(k)
			if !ok || len(k) != idLen {
				return fmt.Errorf("bad article key %x", k)
			}
			a, err := decodeArticle(id, v)
			if err != nil {
				return err
			}
			out = append(out, a)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	return out, nil
}

// ArticleFacts returns the facts of article id in order. ErrNotFound when
// there is no such article.
func (db *DB) ArticleFacts(ctx context.Context, id uint64) ([]analysis.Fact, error) {
	var out []analysis.Fact
	err := db.view(ctx, func(tx *bolt.Tx) error {
		if _, err := getArticle(tx, id); err != nil {
			return err
		}
		facts, err := bucket(tx, bucketFacts)
		if err != nil {
			return err
		}
		prefix := u64(id)
		c := facts.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			art, seq, ok := splitFactKey(k)
			if !ok {
				return fmt.Errorf("bad fact key %x", k)
			}
			f, err := decodeFact(art, seq, v)
			if err != nil {
				return err
			}
			out = append(out, f)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("facts of article %d: %w", id, err)
	}
	return out, nil
}

// Entity returns the stored entity id. ErrNotFound when there is none.
func (db *DB) Entity(ctx context.Context, id uint64) (analysis.Entity, error) {
	var e analysis.Entity
	err := db.view(ctx, func(tx *bolt.Tx) error {
		var err error
		e, err = getEntity(tx, id)
		return err
	})
	if err != nil {
		return analysis.Entity{}, fmt.Errorf("entity %d: %w", id, err)
	}
	return e, nil
}

func getEntity(tx *bolt.Tx, id uint64) (analysis.Entity, error) {
	b, err := bucket(tx, bucketEntities)
	if err != nil {
		return analysis.Entity{}, err
	}
	v := b.Get(u64(id))
	if v == nil {
		return analysis.Entity{}, ErrNotFound
	}
	return decodeEntity(id, v)
}

// Entities returns every stored entity in id order.
func (db *DB) Entities(ctx context.Context) ([]analysis.Entity, error) {
	var out []analysis.Entity
	err := db.view(ctx, func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketEntities)
		if err != nil {
			return err
		}
		return b.ForEach(func(k, v []byte) error {
			id, ok := readU64(k)
			if !ok || len(k) != idLen {
				return fmt.Errorf("bad entity key %x", k)
			}
			e, err := decodeEntity(id, v)
			if err != nil {
				return err
			}
			out = append(out, e)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list entities: %w", err)
	}
	return out, nil
}

// LookupAlias returns the ids, ascending, of the entities indexed under key,
// which must be analysis.NormalizeName output (a normalized alias, or for a
// person the surname alone). No match is an empty result, not an error.
func (db *DB) LookupAlias(ctx context.Context, key string) ([]uint64, error) {
	var out []uint64
	err := db.view(ctx, func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketAliases)
		if err != nil {
			return err
		}
		ids := map[uint64]bool{}
		scanNames(b, key, ids)
		out = sortedIDs(ids)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("look up alias %q: %w", key, err)
	}
	return out, nil
}

// FactsAbout returns every fact that names entity id (among its Entities, as
// Speaker or as Subject), each once, in date-key order: by the start of its
// date, a month before its days, then by article and sequence; undated facts
// last. ErrNotFound when there is no such entity.
func (db *DB) FactsAbout(ctx context.Context, entityID uint64) ([]analysis.Fact, error) {
	var out []analysis.Fact
	err := db.view(ctx, func(tx *bolt.Tx) error {
		if _, err := getEntity(tx, entityID); err != nil {
			return err
		}
		idx, err := bucket(tx, bucketByEntity)
		if err != nil {
			return err
		}
		facts, err := bucket(tx, bucketFacts)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		prefix := u64(entityID)
		c := idx.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			_, _, art, seq, ok := splitByEntityKey(k)
			if !ok {
				return fmt.Errorf("bad by_entity key %x", k)
			}
			fk := factKey(art, seq)
			if seen[string(fk)] {
				continue
			}
			seen[string(fk)] = true
			f, err := getFact(facts, art, seq)
			if err != nil {
				return err
			}
			out = append(out, f)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("facts about entity %d: %w", entityID, err)
	}
	return out, nil
}

func getFact(facts *bolt.Bucket, article uint64, seq uint32) (analysis.Fact, error) {
	v := facts.Get(factKey(article, seq))
	if v == nil {
		return analysis.Fact{}, fmt.Errorf("index names fact %d/%d, which does not exist", article, seq)
	}
	return decodeFact(article, seq, v)
}

// FactsBetween returns the dated facts whose date overlaps [from.Time(),
// to.End()): a zero from or to leaves that side open, and a coarse date (a
// month, a year) is included when any of it lies in the range. Undated facts
// are never returned, nor is anything for a range that ends before it
// starts. The order is the date-key order of FactsAbout.
func (db *DB) FactsBetween(ctx context.Context, from, to analysis.Date) ([]analysis.Fact, error) {
	var lo, hi time.Time // zero: open
	if !from.IsZero() {
		lo = from.Time()
	}
	if !to.IsZero() {
		hi = to.End()
	}
	if !lo.IsZero() && !hi.IsZero() && !hi.After(lo) {
		return nil, ctx.Err() // an empty range
	}
	var out []analysis.Fact
	err := db.view(ctx, func(tx *bolt.Tx) error {
		idx, err := bucket(tx, bucketByDate)
		if err != nil {
			return err
		}
		facts, err := bucket(tx, bucketFacts)
		if err != nil {
			return err
		}
		c := idx.Cursor()
		var k []byte
		switch {
		case from.IsZero() || from.Year < 1:
			k, _ = c.First()
		case from.Year > 9999:
			return nil
		default:
			// A year containing lo starts at its first day: seek there and
			// skip what ends before lo.
			k, _ = c.Seek(dateKey(analysis.Date{Year: from.Year, Prec: analysis.Year}))
		}
		for ; k != nil; k, _ = c.Next() {
			dk, art, seq, ok := splitByDateKey(k)
			if !ok {
				return fmt.Errorf("bad by_date key %x", k)
			}
			d, ok := parseDateKey(dk)
			if !ok || d.IsZero() {
				return fmt.Errorf("bad by_date key %x", k)
			}
			if !hi.IsZero() && !d.Time().Before(hi) {
				break
			}
			if !lo.IsZero() && !d.End().After(lo) {
				continue
			}
			f, err := getFact(facts, art, seq)
			if err != nil {
				return err
			}
			out = append(out, f)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("facts between %q and %q: %w", from, to, err)
	}
	return out, nil
}

// Sighting is analysis.Sighting: an article that names an entity, how often
// (Mentions) and with which forms (Aliases, in order of first use).
type Sighting = analysis.Sighting

// Sightings returns the articles that name entity id, in article id order.
// ErrNotFound when there is no such entity.
func (db *DB) Sightings(ctx context.Context, entityID uint64) ([]Sighting, error) {
	var out []Sighting
	err := db.view(ctx, func(tx *bolt.Tx) error {
		if _, err := getEntity(tx, entityID); err != nil {
			return err
		}
		b, err := bucket(tx, bucketEntityArticles)
		if err != nil {
			return err
		}
		prefix := u64(entityID)
		c := b.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if len(k) != 2*idLen {
				return fmt.Errorf("bad entity_articles key %x", k)
			}
			art, _ := readU64(k[idLen:])
			r, err := decodeSighting(entityID, art, v)
			if err != nil {
				return err
			}
			out = append(out, Sighting{Article: art, Mentions: r.Mentions, Aliases: r.Aliases})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sightings of entity %d: %w", entityID, err)
	}
	return out, nil
}
