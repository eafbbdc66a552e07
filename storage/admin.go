package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"

	"github.com/briefbot/briefbot/analysis"
)

// Stats are the database's sizes (SizeBytes: the file's data size). It is
// analysis.Counts, so the bot's Store interface can name it.
type Stats = analysis.Counts

// Stats counts articles, facts and entities.
func (db *DB) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := db.view(ctx, func(tx *bolt.Tx) error {
		for _, c := range []struct {
			name []byte
			n    *int
		}{{bucketArticles, &st.Articles}, {bucketFacts, &st.Facts}, {bucketEntities, &st.Entities}} {
			b, err := bucket(tx, c.name)
			if err != nil {
				return err
			}
			*c.n = b.Stats().KeyN
		}
		st.SizeBytes = tx.Size()
		return nil
	})
	if err != nil {
		return Stats{}, fmt.Errorf("database stats: %w", err)
	}
	return st, nil
}

// Backup writes a consistent copy of the whole database to w while others
// keep reading and writing (one read transaction), and returns the bytes
// written. The copy is a database file Open accepts.
func (db *DB) Backup(ctx context.Context, w io.Writer) (int64, error) {
	var n int64
	err := db.view(ctx, func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("back up %s: %w", db.path, err)
	}
	return n, nil
}

// BackupFile writes a backup to path: to path+".tmp" first, synced, then
// renamed over path, so path holds either the old file or a whole backup. It
// refuses to write over the live database file.
func (db *DB) BackupFile(ctx context.Context, path string) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	if path == "" {
		return errors.New("back up: empty path")
	}
	tmp := path + ".tmp"
	for _, p := range []string{path, tmp} {
		if same, err := db.isLiveFile(p); err != nil {
			return fmt.Errorf("back up to %s: %w", path, err)
		} else if same {
			return fmt.Errorf("back up to %s: that is the live database file", path)
		}
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("back up to %s: %w", path, err)
		}
	}
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if _, err := db.Backup(ctx, f); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("back up to %s: sync: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("back up to %s: close: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		_ = d.Sync() // make the rename durable where the OS allows
		_ = d.Close()
	}
	return nil
}

// isLiveFile reports whether path names the open database file.
func (db *DB) isLiveFile(path string) (bool, error) {
	a, err1 := filepath.Abs(path)
	b, err2 := filepath.Abs(db.path)
	if err1 == nil && err2 == nil && a == b {
		return true, nil
	}
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	live, err := os.Stat(db.path)
	if err != nil {
		return false, err
	}
	return os.SameFile(fi, live), nil
}

// maxProblems bounds how many problems Check reports.
const maxProblems = 20

// Check verifies the file (bbolt's page consistency check) and the data:
// every record decodes, every article has its text, and every index entry
// (by hash, by URL, by entity, by date, name indexes, sightings, facts) points
// at an existing article, fact or entity. It returns nil or an error listing
// up to 20 problems.
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
		checkData(tx, add)
		return nil
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

// checkData reports data problems to add until add returns false.
func checkData(tx *bolt.Tx, add func(error) bool) {
	bs := map[string]*bolt.Bucket{}
	for _, name := range v1Buckets {
		b := tx.Bucket(name)
		if b == nil {
			add(fmt.Errorf("bucket %q missing", name))
			return
		}
		bs[string(name)] = b
	}
	articles, texts, facts, entities := bs["articles"], bs["texts"], bs["facts"], bs["entities"]
	hasArticle := func(id uint64) bool { return articles.Get(u64(id)) != nil }
	hasEntity := func(id uint64) bool { return entities.Get(u64(id)) != nil }

	// each walks bucket name, stopping when fn or add says so.
	each := func(name []byte, fn func(k, v []byte) error) bool {
		c := bs[string(name)].Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if err := fn(k, v); err != nil && !add(fmt.Errorf("%s: %w", name, err)) {
				return false
			}
		}
		return true
	}
	ok := each(bucketArticles, func(k, v []byte) error {
		id, _ := readU64(k)
		if len(k) != idLen {
			return fmt.Errorf("bad key %x", k)
		}
		if _, err := decodeArticle(id, v); err != nil {
			return err
		}
		if t := texts.Get(k); t == nil {
			return fmt.Errorf("article %d has no text", id)
		} else if _, err := decodeText(id, t); err != nil {
			return err
		}
		return nil
	}) && each(bucketTexts, func(k, _ []byte) error {
		if id, _ := readU64(k); len(k) != idLen || !hasArticle(id) {
			return fmt.Errorf("text %x of no article", k)
		}
		return nil
	}) && each(bucketArticleByHash, func(k, v []byte) error {
		if id, _ := readU64(v); len(v) != idLen || !hasArticle(id) {
			return fmt.Errorf("hash %q points at no article (%x)", k, v)
		}
		return nil
	}) && each(bucketArticleByURL, func(k, v []byte) error {
		if id, _ := readU64(v); len(v) != idLen || !hasArticle(id) {
			return fmt.Errorf("URL %q points at no article (%x)", k, v)
		}
		return nil
	}) && each(bucketFacts, func(k, v []byte) error {
		art, seq, ok := splitFactKey(k)
		if !ok {
			return fmt.Errorf("bad key %x", k)
		}
		if !hasArticle(art) {
			return fmt.Errorf("fact %d/%d of no article", art, seq)
		}
		f, err := decodeFact(art, seq, v)
		if err != nil {
			return err
		}
		for _, id := range factEntities(f) {
			if !hasEntity(id) {
				return fmt.Errorf("fact %d/%d names no entity %d", art, seq, id)
			}
		}
		return nil
	}) && each(bucketEntities, func(k, v []byte) error {
		id, _ := readU64(k)
		if len(k) != idLen {
			return fmt.Errorf("bad key %x", k)
		}
		_, err := decodeEntity(id, v)
		return err
	})
	if !ok {
		return
	}
	for _, name := range [][]byte{bucketAliases, bucketFuzzy} {
		if !each(name, func(k, _ []byte) error {
			_, id, ok := splitNameKey(k)
			if !ok {
				return fmt.Errorf("bad key %q", k)
			}
			if !hasEntity(id) {
				return fmt.Errorf("key %q points at no entity", k)
			}
			return nil
		}) {
			return
		}
	}
	_ = each(bucketEntityArticles, func(k, v []byte) error {
		if len(k) != 2*idLen {
			return fmt.Errorf("bad key %x", k)
		}
		ent, _ := readU64(k)
		art, _ := readU64(k[idLen:])
		if !hasEntity(ent) || !hasArticle(art) {
			return fmt.Errorf("sighting of entity %d in article %d: no such entity or article", ent, art)
		}
		_, err := decodeSighting(ent, art, v)
		return err
	}) && each(bucketByEntity, func(k, _ []byte) error {
		ent, dk, art, seq, ok := splitByEntityKey(k)
		if !ok {
			return fmt.Errorf("bad key %x", k)
		}
		if !hasEntity(ent) {
			return fmt.Errorf("key %x: no entity %d", k, ent)
		}
		return checkIndexedFact(facts, dk, art, seq)
	}) && each(bucketByDate, func(k, _ []byte) error {
		dk, art, seq, ok := splitByDateKey(k)
		if !ok {
			return fmt.Errorf("bad key %x", k)
		}
		if bytes.Equal(dk, undatedKey) {
			return fmt.Errorf("undated fact %d/%d indexed by date", art, seq)
		}
		return checkIndexedFact(facts, dk, art, seq)
	})
}

// checkIndexedFact checks that fact art/seq exists and has date key dk.
func checkIndexedFact(facts *bolt.Bucket, dk []byte, art uint64, seq uint32) error {
	f, err := getFact(facts, art, seq)
	if err != nil {
		return err
	}
	if want := dateKey(f.Date); !bytes.Equal(want, dk) {
		return fmt.Errorf("fact %d/%d indexed under date %q, has %q", art, seq, dk, want)
	}
	return nil
}
