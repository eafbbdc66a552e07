package storage

import (
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
