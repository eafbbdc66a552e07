package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/briefbot/briefbot/analysis"
)

// Sentinel errors, for errors.Is.
var (
	// ErrNotFound: no article, fact or entity with that id.
	ErrNotFound = errors.New("not found")
	// ErrInUse: another process (another briefbot) holds the database file.
	ErrInUse = errors.New("database is in use by another briefbot")
	// ErrClosed: the DB was closed.
	ErrClosed = errors.New("database is closed")
)

// inUseError is what Open returns when the file stays locked for the whole
// Timeout. Its message names the path; errors.Is(err, ErrInUse) holds.
type inUseError struct{ path string }

func (e *inUseError) Error() string {
	return "database " + e.path + " is in use by another briefbot"
}

func (e *inUseError) Is(target error) bool { return target == ErrInUse }

// Options configure Open.
type Options struct {
	// Timeout is how long Open waits for the file lock another process
	// holds before it fails with ErrInUse. Zero or negative means 1s.
	Timeout time.Duration
	// NoSync skips fsync after each commit: faster, but a crash of the
	// machine may lose or corrupt recent writes. For tests and bulk loads.
	NoSync bool
}

// DB is briefbot's database. It is safe for concurrent use: reads run in
// parallel, writes one at a time.
type DB struct {
	bolt *bolt.DB
	path string

	// failAt, when set (by tests only), is called at the named steps inside
	// the transactions of Save, SaveBatch (per article) and DeleteArticle;
	// an error it returns aborts the transaction.
	failAt func(step string) error

	// links keeps the name forms of known entities between saves; only
	// the writer (inside an Update, which bbolt serialises) uses it, and
	// its entries depend on names alone, so a rolled-back save leaves
	// nothing wrong in it.
	links *analysis.LinkCache
}

// Open opens the database at path, creating it and its parent directory when
// absent, and brings its schema up to date (all pending migrations in one
// Update).
//
// Errors: a file locked by another process for longer than opts.Timeout gives
// an error whose message is "database PATH is in use by another briefbot"
// (errors.Is(err, ErrInUse)); a file that is not a bbolt database, or a bbolt
// database with foreign buckets, gives "PATH is not a briefbot database: …";
// a database written by a newer briefbot (schema version above what this
// build knows) is refused and left untouched.
func Open(path string, opts Options) (*DB, error) {
	if path == "" {
		return nil, errors.New("open database: empty path")
	}
	if opts.Timeout <= 0 {
		opts.Timeout = time.Second
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("open database %s: %w", path, err)
		}
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s is not a briefbot database: it is a directory", path)
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := create(path, opts); err != nil {
			return nil, err
		}
	}
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opts.Timeout, NoSync: opts.NoSync})
	if err != nil {
		switch {
		case errors.Is(err, bolterrors.ErrTimeout):
			return nil, &inUseError{path: path}
		case errors.Is(err, bolterrors.ErrInvalid),
			errors.Is(err, bolterrors.ErrVersionMismatch),
			errors.Is(err, bolterrors.ErrChecksum):
			return nil, fmt.Errorf("%s is not a briefbot database: %w", path, err)
		}
		if fi, serr := os.Stat(path); serr == nil && fi.Mode().IsRegular() && !errors.Is(err, os.ErrPermission) {
			// bbolt fails in other ways on a short or garbled file, e.g.
			// "file size too small" from mmap.
			return nil, fmt.Errorf("%s is not a briefbot database: %w", path, err)
		}
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db := &DB{bolt: bdb, path: path, links: analysis.NewLinkCache()}
	if err := bdb.Update(func(tx *bolt.Tx) error { return migrate(tx, path, migrations) }); err != nil {
		_ = bdb.Close()
		return nil, err
	}
	return db, nil
}

// create makes a new database at path: it is set up (bbolt's first pages
// and every migration) under a temporary name in the same folder and then
// linked into place, so a disk that fills up or a crash while it is being
// made never leaves a half-written file at path. A file that appeared at
// path meanwhile is kept, and opened as it is.
func create(path string, opts Options) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".new-*")
	if err != nil {
		return fmt.Errorf("create database %s: %w", path, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after the link, only the temporary name goes
	if err := f.Close(); err != nil {
		return fmt.Errorf("create database %s: %w", path, err)
	}
	bdb, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: opts.Timeout})
	if err != nil {
		return fmt.Errorf("create database %s: %w", path, err)
	}
	if err := bdb.Update(func(tx *bolt.Tx) error { return migrate(tx, path, migrations) }); err != nil {
		_ = bdb.Close()
		return fmt.Errorf("create database %s: %w", path, err)
	}
	if err := bdb.Close(); err != nil {
		return fmt.Errorf("create database %s: %w", path, err)
	}
	if err := os.Link(tmp, path); err != nil && !errors.Is(err, os.ErrExist) {
		return fmt.Errorf("create database %s: %w", path, err)
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil { // make the new name durable
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

// Close releases the file. Calling it again returns nil.
func (db *DB) Close() error {
	if err := db.bolt.Close(); err != nil {
		return fmt.Errorf("close database %s: %w", db.path, err)
	}
	return nil
}

// Path returns the file the DB was opened on.
func (db *DB) Path() string { return db.path }

// view runs fn in a read-only transaction after checking ctx.
func (db *DB) view(ctx context.Context, fn func(tx *bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return closedErr(db.bolt.View(fn))
}

// update runs fn in a read-write transaction after checking ctx.
func (db *DB) update(ctx context.Context, fn func(tx *bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return closedErr(db.bolt.Update(fn))
}

func closedErr(err error) error {
	if errors.Is(err, bolterrors.ErrDatabaseNotOpen) {
		return ErrClosed
	}
	return err
}

// bucket returns the named top-level bucket or an error naming it (a
// database whose migrations ran always has all of them).
func bucket(tx *bolt.Tx, name []byte) (*bolt.Bucket, error) {
	b := tx.Bucket(name)
	if b == nil {
		return nil, fmt.Errorf("bucket %q missing", name)
	}
	return b, nil
}
