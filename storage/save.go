package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/briefbot/briefbot/analysis"
)

// SaveResult is analysis.Saved: the article's id (the stored one for a
// duplicate, when nothing was written) and the local→stored entity id map.
type SaveResult = analysis.Saved

// errDuplicate tells saveAll that an article is already stored; nothing was
// written for it.
var errDuplicate = errors.New("duplicate article")

// errNoWrites rolls back a transaction in which every article was a
// duplicate, so that re-ingesting costs no fsync.
var errNoWrites = errors.New("nothing to write")

// Save stores an analysed article: the article and its text, its facts, its
// entities (linked to the entities already known) and every index entry, in
// one Update: on any error nothing is written.
//
// The article must have a content Hash and Text. An article whose Hash or
// normalized URL is already stored is a duplicate: Save writes nothing and
// returns the stored id with Duplicate set.
//
// Entities are linked most-mentioned first: the candidates are the stored
// entities that share a link key or a fuzzy key with the local entity, less
// those already linked to another entity of this article (the analysis keeps
// distinct entities of one article apart, so storage does too), and
// analysis.Link chooses among them with the article's already-linked entities
// as context. A match is merged into the stored entity (aliases and roles
// united, the longest multi-word alias as Name, peers united and capped at
// the 64 most recent); otherwise a new entity is created.
//
// On success Save updates a in place: Article.ID, Article.Facts, each fact's
// Article, Seq and entity ids, each mention's entity id and each entity's ID
// become the stored ones. On error or for a duplicate, a is unchanged.
func (db *DB) Save(ctx context.Context, a *analysis.Analysis) (SaveResult, error) {
	if err := validate(a); err != nil {
		return SaveResult{}, fmt.Errorf("save article: %w", err)
	}
	res, err := db.saveAll(ctx, []*analysis.Analysis{a})
	if err != nil {
		return SaveResult{}, fmt.Errorf("save article %q: %w", a.Article.Title, err)
	}
	return res[0], nil
}

// SaveBatch stores many analysed articles in one Update (one fsync), in
// order, each exactly as Save would store it had it been saved alone after
// the ones before it: an article whose Hash or normalized URL is already
// stored, or belongs to an earlier article of the batch, is a duplicate
// (Duplicate set, the first one's id, nothing written for it), and entities
// link to the stored ones and to those of earlier articles of the batch.
//
// It returns one result and one error per analysis, index-aligned with as.
// errs[i] non-nil means as[i] was rejected before the transaction (nil
// analysis, no Hash or Text, an entity reference out of range, a time that
// cannot be encoded …), with the message Save would give; results[i] is
// then zero, and the others are saved all the same. After a successful
// commit every saved analysis is updated in place as by Save.
//
// A non-nil err means the transaction itself failed (a cancelled ctx, an
// I/O error, a damaged index): nothing of the batch was written, no
// analysis was changed, and results and errs are nil; err says so.
//
// The whole batch is one write transaction holding the writer lock and its
// dirty pages in memory: callers ingesting thousands of articles should
// send batches of a few hundred.
func (db *DB) SaveBatch(ctx context.Context, as []*analysis.Analysis) (results []SaveResult, errs []error, err error) {
	errs = make([]error, len(as))
	var valid []*analysis.Analysis
	var at []int // index in as of each valid analysis
	for i, a := range as {
		if err := validate(a); err != nil {
			errs[i] = fmt.Errorf("save article %d of batch: %w", i, err)
			continue
		}
		valid = append(valid, a)
		at = append(at, i)
	}
	results = make([]SaveResult, len(as))
	if len(valid) == 0 {
		if err := ctx.Err(); err != nil {
			return nil, nil, fmt.Errorf("save batch of %d articles (nothing saved): %w", len(as), err)
		}
		return results, errs, nil
	}
	res, err := db.saveAll(ctx, valid)
	if err != nil {
		return nil, nil, fmt.Errorf("save batch of %d articles (nothing saved): %w", len(as), err)
	}
	for j, r := range res {
		results[at[j]] = r
	}
	return results, errs, nil
}

// validate checks what Save requires of a before any transaction.
func validate(a *analysis.Analysis) error {
	if a == nil {
		return errors.New("nil analysis")
	}
	if a.Article.Hash == "" {
		return errors.New("no content hash")
	}
	if a.Article.Text == "" {
		return errors.New("empty text")
	}
	if err := validateRefs(a); err != nil {
		return err
	}
	if uint64(len(a.Facts)) > math.MaxUint32 {
		return fmt.Errorf("%d facts is too many", len(a.Facts))
	}
	if len(a.Article.Hash) > maxNameKey {
		return fmt.Errorf("content hash of %d bytes is too long", len(a.Article.Hash))
	}
	if _, err := encodeArticle(a.Article); err != nil {
		return err
	}
	return nil
}

// saveAll saves the validated analyses as, in order, in one Update, and
// after the commit updates each saved one in place. On error nothing is
// written and no analysis is changed; the error names the article.
func (db *DB) saveAll(ctx context.Context, as []*analysis.Analysis) ([]SaveResult, error) {
	states := make([]*saveState, len(as))
	err := db.update(ctx, func(tx *bolt.Tx) error {
		wrote := false
		for i, a := range as {
			s := &saveState{tx: tx, ctx: ctx, db: db, a: a}
			if err := s.run(); err != nil {
				if errors.Is(err, errDuplicate) {
					states[i] = s
					continue
				}
				if len(as) > 1 {
					return fmt.Errorf("article %d %q: %w", i, a.Article.Title, err)
				}
				return err
			}
			states[i] = s
			wrote = true
		}
		if !wrote {
			return errNoWrites
		}
		return nil
	})
	if err != nil && !errors.Is(err, errNoWrites) {
		return nil, err
	}
	// Committed (or nothing to commit): show the callers the stored ids.
	out := make([]SaveResult, len(as))
	for i, s := range states {
		if s.dup {
			out[i] = SaveResult{ID: s.id, Duplicate: true}
			continue
		}
		a := as[i]
		a.Article.ID = s.id
		a.Article.Facts = len(s.facts)
		a.Facts = s.facts
		a.Mentions = s.mentions
		for j := range a.Entities {
			a.Entities[j].ID = s.local[uint64(j+1)]
		}
		out[i] = SaveResult{ID: s.id, Entities: s.local}
	}
	return out, nil
}

// validateRefs checks that every entity id in facts and mentions is a local
// ID of a (1..len(a.Entities)) or, where "none" makes sense, 0.
func validateRefs(a *analysis.Analysis) error {
	n := uint64(len(a.Entities))
	for i, f := range a.Facts {
		for _, id := range f.Entities {
			if id == 0 || id > n {
				return fmt.Errorf("fact %d names entity %d, but the analysis has %d entities", i, id, n)
			}
		}
		if f.Speaker > n {
			return fmt.Errorf("fact %d has speaker %d, but the analysis has %d entities", i, f.Speaker, n)
		}
		if f.Subject > n {
			return fmt.Errorf("fact %d has subject %d, but the analysis has %d entities", i, f.Subject, n)
		}
	}
	for i, m := range a.Mentions {
		if m.Entity > n {
			return fmt.Errorf("mention %d names entity %d, but the analysis has %d entities", i, m.Entity, n)
		}
	}
	return nil
}

// saveState is one Save's work inside its transaction.
type saveState struct {
	tx  *bolt.Tx
	ctx context.Context
	db  *DB
	a   *analysis.Analysis

	id       uint64                      // the article's id (the stored one for a duplicate)
	dup      bool                        // a duplicate: nothing written
	local    map[uint64]uint64           // local entity ID → stored ID
	order    []uint64                    // stored ids of the article, in linking order
	ents     map[uint64]*analysis.Entity // stored ids → entity as it will be written
	facts    []analysis.Fact             // with stored ids
	mentions []analysis.Mention          // with stored ids
}

func (s *saveState) step(name string) error {
	if err := s.ctx.Err(); err != nil {
		return err
	}
	if s.db.failAt != nil {
		if err := s.db.failAt(name); err != nil {
			return err
		}
	}
	return nil
}

func (s *saveState) run() error {
	byHash, err := bucket(s.tx, bucketArticleByHash)
	if err != nil {
		return err
	}
	byURL, err := bucket(s.tx, bucketArticleByURL)
	if err != nil {
		return err
	}
	hashKey := []byte(s.a.Article.Hash)
	if v := byHash.Get(hashKey); v != nil {
		s.id, _ = readU64(v)
		s.dup = true
		return errDuplicate
	}
	urlKey := normalizeURL(s.a.Article.URL)
	if urlKey != "" {
		if v := byURL.Get([]byte(urlKey)); v != nil {
			s.id, _ = readU64(v)
			s.dup = true
			return errDuplicate
		}
	}

	articles, err := bucket(s.tx, bucketArticles)
	if err != nil {
		return err
	}
	if s.id, err = articles.NextSequence(); err != nil {
		return fmt.Errorf("next article id: %w", err)
	}
	if err := s.step("article id"); err != nil {
		return err
	}
	if err := s.link(); err != nil {
		return err
	}
	if err := s.step("linked"); err != nil {
		return err
	}
	if err := s.writeEntities(); err != nil {
		return err
	}
	if err := s.step("entities written"); err != nil {
		return err
	}

	art := s.a.Article
	art.ID = s.id
	art.Facts = len(s.a.Facts)
	rec, err := encodeArticle(art)
	if err != nil {
		return err
	}
	texts, err := bucket(s.tx, bucketTexts)
	if err != nil {
		return err
	}
	idKey := u64(s.id)
	if err := articles.Put(idKey, rec); err != nil {
		return fmt.Errorf("put article %d: %w", s.id, err)
	}
	if err := texts.Put(idKey, encodeText(art.Text)); err != nil {
		return fmt.Errorf("put text of article %d: %w", s.id, err)
	}
	if err := byHash.Put(hashKey, idKey); err != nil {
		return fmt.Errorf("index article %d by hash: %w", s.id, err)
	}
	if urlKey != "" {
		if err := byURL.Put([]byte(urlKey), idKey); err != nil {
			return fmt.Errorf("index article %d by URL: %w", s.id, err)
		}
	}
	if err := putTimeKeys(s.tx, art, s.id); err != nil {
		return err
	}
	if err := s.step("article written"); err != nil {
		return err
	}
	if err := s.writeFacts(); err != nil {
		return err
	}
	if err := s.writeSightings(); err != nil {
		return err
	}
	return s.step("commit")
}

// putTimeKeys writes article id's by_received and by_published entries.
func putTimeKeys(tx *bolt.Tx, a analysis.Article, id uint64) error {
	for _, ix := range []struct {
		name []byte
		t    time.Time
	}{{bucketByReceived, a.Received}, {bucketByPublished, a.Published}} {
		b, err := bucket(tx, ix.name)
		if err != nil {
			return err
		}
		if err := b.Put(byTimeKey(ix.t, id), nil); err != nil {
			return fmt.Errorf("index article %d in %s: %w", id, ix.name, err)
		}
	}
	return nil
}

// link links every local entity to a stored or a new entity (in memory:
// writeEntities writes them).
func (s *saveState) link() error {
	entities, err := bucket(s.tx, bucketEntities)
	if err != nil {
		return err
	}
	aliases, err := bucket(s.tx, bucketAliases)
	if err != nil {
		return err
	}
	fuzzy, err := bucket(s.tx, bucketFuzzy)
	if err != nil {
		return err
	}
	local, linked, err := analysis.LinkArticle(s.a, &boltIndex{entities: entities, aliases: aliases, fuzzy: fuzzy, cache: s.db.links})
	if err != nil {
		return err
	}
	s.local = local
	s.ents = make(map[uint64]*analysis.Entity, len(linked))
	s.order = s.order[:0]
	for i := range linked {
		s.ents[linked[i].ID] = &linked[i]
		s.order = append(s.order, linked[i].ID)
	}
	return nil
}

// boltIndex is analysis.EntityIndex over the transaction's buckets.
type boltIndex struct {
	entities, aliases, fuzzy *bolt.Bucket
	cache                    *analysis.LinkCache
}

// LinkCache makes boltIndex an analysis.CachingIndex.
func (b *boltIndex) LinkCache() *analysis.LinkCache { return b.cache }

func (b *boltIndex) Find(keys, fuzzyKeys []string) ([]analysis.Entity, error) {
	ids := map[uint64]bool{}
	for _, k := range keys {
		scanNames(b.aliases, k, ids)
	}
	for _, k := range fuzzyKeys {
		scanNames(b.fuzzy, k, ids)
	}
	out := make([]analysis.Entity, 0, len(ids))
	for _, id := range sortedIDs(ids) {
		v := b.entities.Get(u64(id))
		if v == nil {
			return nil, fmt.Errorf("name index names entity %d, which does not exist", id)
		}
		e, err := decodeEntity(id, v)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

func (b *boltIndex) NewID() (uint64, error) {
	id, err := b.entities.NextSequence()
	if err != nil {
		return 0, fmt.Errorf("next entity id: %w", err)
	}
	return id, nil
}

// scanNames adds to ids every entity id indexed under name in b.
func scanNames(b *bolt.Bucket, name string, ids map[uint64]bool) {
	prefix := namePrefix(name)
	if prefix == nil {
		return
	}
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if _, id, ok := splitNameKey(k); ok {
			ids[id] = true
		}
	}
}

func sortedIDs(set map[uint64]bool) []uint64 {
	out := make([]uint64, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// writeEntities writes the article's entities and their name index keys.
func (s *saveState) writeEntities() error {
	entities, err := bucket(s.tx, bucketEntities)
	if err != nil {
		return err
	}
	aliases, err := bucket(s.tx, bucketAliases)
	if err != nil {
		return err
	}
	fuzzy, err := bucket(s.tx, bucketFuzzy)
	if err != nil {
		return err
	}
	for _, id := range s.order {
		e := s.ents[id]
		if err := entities.Put(u64(id), encodeEntity(*e)); err != nil {
			return fmt.Errorf("put entity %d: %w", id, err)
		}
		for _, k := range analysis.LinkKeys(*e) {
			if nk := nameKey(k, id); nk != nil {
				if err := aliases.Put(nk, nil); err != nil {
					return fmt.Errorf("index entity %d under %q: %w", id, k, err)
				}
			}
		}
		for _, k := range analysis.FuzzyKeys(*e) {
			if nk := nameKey(k, id); nk != nil {
				if err := fuzzy.Put(nk, nil); err != nil {
					return fmt.Errorf("index entity %d under fuzzy %q: %w", id, k, err)
				}
			}
		}
	}
	return nil
}

// writeFacts rewrites the facts with stored ids and writes them and their
// by_entity and by_date entries.
func (s *saveState) writeFacts() error {
	facts, err := bucket(s.tx, bucketFacts)
	if err != nil {
		return err
	}
	byEntity, err := bucket(s.tx, bucketByEntity)
	if err != nil {
		return err
	}
	byDate, err := bucket(s.tx, bucketByDate)
	if err != nil {
		return err
	}
	s.facts = make([]analysis.Fact, len(s.a.Facts))
	for i, f := range s.a.Facts {
		f.Article = s.id
		f.Seq = uint32(i)
		if f.Entities != nil {
			ids := make([]uint64, len(f.Entities))
			for j, l := range f.Entities {
				ids[j] = s.local[l]
			}
			f.Entities = ids
		}
		f.Speaker = s.local[f.Speaker] // 0 stays 0: no local entity 0
		f.Subject = s.local[f.Subject]
		f.Numbers = slices.Clone(f.Numbers)
		s.facts[i] = f

		if err := facts.Put(factKey(s.id, f.Seq), encodeFact(f)); err != nil {
			return fmt.Errorf("put fact %d/%d: %w", s.id, f.Seq, err)
		}
		dk := dateKey(f.Date)
		for _, e := range factEntities(f) {
			if err := byEntity.Put(byEntityKey(e, dk, s.id, f.Seq), nil); err != nil {
				return fmt.Errorf("index fact %d/%d by entity %d: %w", s.id, f.Seq, e, err)
			}
		}
		if !bytes.Equal(dk, undatedKey) {
			if err := byDate.Put(byDateKey(dk, s.id, f.Seq), nil); err != nil {
				return fmt.Errorf("index fact %d/%d by date: %w", s.id, f.Seq, err)
			}
		}
		if i%256 == 255 {
			if err := s.step("facts"); err != nil {
				return err
			}
		}
	}
	return nil
}

// factEntities returns the distinct non-zero entity ids of f: its Entities,
// Speaker and Subject.
func factEntities(f analysis.Fact) []uint64 {
	var out []uint64
	for _, id := range append(slices.Clone(f.Entities), f.Speaker, f.Subject) {
		if id != 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// writeSightings rewrites the mentions with stored ids and writes one
// entity_articles record for each entity of the article.
func (s *saveState) writeSightings() error {
	b, err := bucket(s.tx, bucketEntityArticles)
	if err != nil {
		return err
	}
	recs := make(map[uint64]*sightingRecord, len(s.order))
	for _, id := range s.order {
		recs[id] = &sightingRecord{}
	}
	s.mentions = make([]analysis.Mention, len(s.a.Mentions))
	for i, m := range s.a.Mentions {
		m.Entity = s.local[m.Entity]
		s.mentions[i] = m
		if r := recs[m.Entity]; r != nil {
			r.Mentions++
			if m.Text != "" && !slices.Contains(r.Aliases, m.Text) {
				r.Aliases = append(r.Aliases, m.Text)
			}
		}
	}
	for i, local := range s.a.Entities {
		id := s.local[uint64(i+1)]
		r := recs[id]
		if len(r.Aliases) == 0 && local.Name != "" {
			r.Aliases = append(r.Aliases, local.Name) // named, never mentioned
		}
		if err := b.Put(pairKey(id, s.id), encodeSighting(*r)); err != nil {
			return fmt.Errorf("put sighting of entity %d in article %d: %w", id, s.id, err)
		}
	}
	return nil
}
