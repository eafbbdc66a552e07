package storage

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"

	"github.com/briefbot/briefbot/analysis"
)

func TestOpen_CreatesParentDirAndSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a", "b", "briefbot.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Path() != path {
		t.Errorf("Path() = %q, want %q", db.Path(), path)
	}
	var v uint64
	err = db.bolt.View(func(tx *bolt.Tx) error {
		for _, name := range v1Buckets {
			if tx.Bucket(name) == nil {
				t.Errorf("bucket %q missing", name)
			}
		}
		var err error
		v, err = readVersion(tx)
		return err
	})
	if err != nil || v != schemaVersion() {
		t.Errorf("version = %d, %v; want %d", v, err, schemaVersion())
	}
	if err := db.Check(context.Background()); err != nil {
		t.Errorf("Check on a new database: %v", err)
	}
}

func TestOpen_SecondOpenIsInUse(t *testing.T) {
	db := mustOpen(t)
	start := time.Now()
	db2, err := Open(db.Path(), Options{Timeout: 100 * time.Millisecond})
	took := time.Since(start)
	if err == nil {
		db2.Close()
		t.Fatal("second Open of a locked file succeeded")
	}
	if !errors.Is(err, ErrInUse) {
		t.Errorf("errors.Is(%v, ErrInUse) = false", err)
	}
	if want := "database " + db.Path() + " is in use by another briefbot"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if took < 40*time.Millisecond || took > 900*time.Millisecond { // bbolt gives up 50ms early
		t.Errorf("second Open took %v, want about the 100ms timeout", took)
	}
}

func TestOpen_NotADatabase(t *testing.T) {
	tests := []struct {
		name    string
		content []byte
	}{
		{"short text", []byte("hello, this is a shopping list\n")},
		{"long text", bytes.Repeat([]byte("eggs, flour, milk and a pound of butter\n"), 400)},
		{"zeros", make([]byte, 32<<10)},
		{"few zeros", make([]byte, 5000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "list.txt")
			if err := os.WriteFile(path, tt.content, 0o600); err != nil {
				t.Fatal(err)
			}
			db, err := Open(path, Options{Timeout: 100 * time.Millisecond})
			if err == nil {
				db.Close()
				t.Fatal("Open of a text file succeeded")
			}
			if want := path + " is not a briefbot database: "; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error = %q, want prefix %q", err, want)
			}
			got, _ := os.ReadFile(path)
			if !bytes.Equal(got, tt.content) {
				t.Error("Open changed the file")
			}
		})
	}
	t.Run("directory", func(t *testing.T) {
		dir := t.TempDir()
		if _, err := Open(dir, Options{}); err == nil || !strings.Contains(err.Error(), "is not a briefbot database") {
			t.Errorf("Open(dir) error = %v", err)
		}
	})
}

// boltFile creates a bbolt file at a new path and lets fill write to it.
func boltFile(t *testing.T, fill func(tx *bolt.Tx) error) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	bdb, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Update(fill); err != nil {
		t.Fatal(err)
	}
	if err := bdb.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOpen_ForeignBboltFile(t *testing.T) {
	path := boltFile(t, func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("widgets"))
		if err != nil {
			return err
		}
		return b.Put([]byte("w1"), []byte("blue"))
	})
	_, err := Open(path, Options{})
	if err == nil || !strings.HasPrefix(err.Error(), path+" is not a briefbot database: ") || !strings.Contains(err.Error(), "widgets") {
		t.Errorf("Open of a foreign bbolt file: error = %v", err)
	}
}

func TestOpen_RefusesNewerSchema(t *testing.T) {
	path := boltFile(t, func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		return b.Put(keyVersion, encodeVersion(schemaVersion()+1))
	})
	_, err := Open(path, Options{})
	if err == nil || !strings.Contains(err.Error(), "newer than this briefbot knows") {
		t.Fatalf("Open of a newer database: error = %v", err)
	}
	// Left untouched: still the newer version, no buckets added.
	bdb, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	_ = bdb.View(func(tx *bolt.Tx) error {
		v, err := readVersion(tx)
		if err != nil || v != schemaVersion()+1 {
			t.Errorf("version after refused Open = %d, %v", v, err)
		}
		if tx.Bucket(bucketArticles) != nil {
			t.Error("refused Open created buckets")
		}
		return nil
	})
}

func TestOpen_Reopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "briefbot.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := article("Reopen", "Mara Quill visited Port Ellis. ", nil)
	res := mustSave(t, db, a)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := db.Stats(context.Background()); !errors.Is(err, ErrClosed) {
		t.Errorf("Stats after Close: %v, want ErrClosed", err)
	}
	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.Article(context.Background(), res.ID)
	if err != nil || got.Title != "Reopen" {
		t.Errorf("after reopen: Article = %+v, %v", got, err)
	}
}

// Each migration has its own test; this list must name them all.
func TestMigrations_EachIsTestedAndOrdered(t *testing.T) {
	tested := map[uint64]string{1: "TestMigration1_CreatesBucketsKeepsState", 2: "TestMigration2_ReindexesNames",
		3: "TestMigration3_IndexesArticleTimes"}
	for i, m := range migrations {
		if m.version != uint64(i+1) {
			t.Errorf("migration %d has version %d, want %d", i, m.version, i+1)
		}
		if m.name == "" || m.apply == nil {
			t.Errorf("migration %d has no name or function", m.version)
		}
		if tested[m.version] == "" {
			t.Errorf("migration %d (%s) has no test: write one and list it here", m.version, m.name)
		}
	}
}

// A version-0 file (bbolt, no meta/version) that already holds bot state
// gets every bucket and keeps its state.
func TestMigration1_CreatesBucketsKeepsState(t *testing.T) {
	path := boltFile(t, func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket(bucketState)
		if err != nil {
			return err
		}
		return b.Put([]byte("telegram_offset"), []byte("42"))
	})
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	got, err := db.GetState(ctx, "state", "telegram_offset")
	if err != nil || string(got) != "42" {
		t.Errorf("state after migration = %q, %v; want 42", got, err)
	}
	_ = db.bolt.View(func(tx *bolt.Tx) error {
		for _, name := range v1Buckets {
			if tx.Bucket(name) == nil {
				t.Errorf("bucket %q missing after migration 1", name)
			}
		}
		if v, err := readVersion(tx); err != nil || v != schemaVersion() {
			t.Errorf("version = %d, %v; want %d", v, err, schemaVersion())
		}
		return nil
	})
	if err := db.Check(ctx); err != nil {
		t.Errorf("Check after migration: %v", err)
	}
}

// A version-1 database whose name index lacks keys the current LinkKeys
// makes (and holds one it no longer makes) is reindexed at Open.
func TestMigration2_ReindexesNames(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	bdb, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	e := analysis.Entity{ID: 7, Name: "Velk Orbital Systems", Type: analysis.ORG, Aliases: []string{"Velk Orbital Systems"}}
	err = bdb.Update(func(tx *bolt.Tx) error {
		if err := migrate(tx, path, migrations[:1]); err != nil {
			return err
		}
		if err := tx.Bucket(bucketEntities).Put(u64(7), encodeEntity(e)); err != nil {
			return err
		}
		// an index written by an older LinkKeys: the full name only, and a stale key
		if err := tx.Bucket(bucketAliases).Put(nameKey("velk orbital systems", 7), nil); err != nil {
			return err
		}
		if err := tx.Bucket(bucketAliases).Put(nameKey("stale key", 7), nil); err != nil {
			return err
		}
		// an article that names it, so that the database is whole
		art := analysis.Article{Title: "Velk", Text: "Velk Orbital Systems grew.", Hash: "h1"}
		rec, err := encodeArticle(art)
		if err != nil {
			return err
		}
		for _, put := range []struct {
			bucket, k, v []byte
		}{
			{bucketArticles, u64(1), rec},
			{bucketTexts, u64(1), encodeText(art.Text)},
			{bucketArticleByHash, []byte(art.Hash), u64(1)},
			{bucketEntityArticles, pairKey(7, 1), encodeSighting(sightingRecord{Mentions: 1})},
		} {
			if err := tx.Bucket(put.bucket).Put(put.k, put.v); err != nil {
				return err
			}
		}
		return nil
	})
	bdb.Close()
	if err != nil {
		t.Fatal(err)
	}
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	for _, k := range analysis.LinkKeys(e) {
		ids, err := db.LookupAlias(ctx, k)
		if err != nil || len(ids) != 1 || ids[0] != 7 {
			t.Errorf("LookupAlias(%q) = %v, %v; want [7]", k, ids, err)
		}
	}
	if ids, _ := db.LookupAlias(ctx, "stale key"); len(ids) != 0 {
		t.Errorf("stale key still indexed: %v", ids)
	}
	_ = db.bolt.View(func(tx *bolt.Tx) error {
		if v, err := readVersion(tx); err != nil || v != schemaVersion() {
			t.Errorf("version = %d, %v; want %d", v, err, schemaVersion())
		}
		return nil
	})
	if err := db.Check(ctx); err != nil {
		t.Errorf("Check after migration: %v", err)
	}
}

// migrate runs only the pending migrations, in order, and records each.
func TestMigrate_RunsPendingInOrder(t *testing.T) {
	var ran []string
	list := []migration{
		{1, "one", func(*bolt.Tx) error { ran = append(ran, "one"); return nil }},
		{2, "two", func(*bolt.Tx) error { ran = append(ran, "two"); return nil }},
		{3, "three", func(*bolt.Tx) error { ran = append(ran, "three"); return nil }},
	}
	path := boltFile(t, func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		return b.Put(keyVersion, encodeVersion(1))
	})
	bdb, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	if err := bdb.Update(func(tx *bolt.Tx) error { return migrate(tx, path, list) }); err != nil {
		t.Fatal(err)
	}
	if strings.Join(ran, ",") != "two,three" {
		t.Errorf("ran %v, want two,three", ran)
	}
	_ = bdb.View(func(tx *bolt.Tx) error {
		if v, _ := readVersion(tx); v != 3 {
			t.Errorf("version = %d, want 3", v)
		}
		return nil
	})
	// A failing migration leaves the version where it was.
	list = append(list, migration{4, "four", func(*bolt.Tx) error { return errors.New("boom") }})
	err = bdb.Update(func(tx *bolt.Tx) error { return migrate(tx, path, list) })
	if err == nil || !strings.Contains(err.Error(), "version 4 (four): boom") {
		t.Errorf("failing migration: error = %v", err)
	}
	_ = bdb.View(func(tx *bolt.Tx) error {
		if v, _ := readVersion(tx); v != 3 {
			t.Errorf("version after failed migration = %d, want 3", v)
		}
		return nil
	})
}

func TestState(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	if v, err := db.GetState(ctx, "feeds", "https://example.org/rss"); v != nil || err != nil {
		t.Errorf("absent state = %q, %v; want nil, nil", v, err)
	}
	val := []byte("etag=1")
	if err := db.PutState(ctx, "feeds", "https://example.org/rss", val); err != nil {
		t.Fatal(err)
	}
	val[0] = 'X' // the stored value must not alias the caller's slice
	got, err := db.GetState(ctx, "feeds", "https://example.org/rss")
	if err != nil || string(got) != "etag=1" {
		t.Errorf("GetState = %q, %v", got, err)
	}
	if v, _ := db.GetState(ctx, "subscriptions", "https://example.org/rss"); v != nil {
		t.Error("state leaked across buckets")
	}
	if err := db.PutState(ctx, "feeds", "https://example.org/rss", nil); err != nil {
		t.Fatal(err)
	}
	if v, err := db.GetState(ctx, "feeds", "https://example.org/rss"); v != nil || err != nil {
		t.Errorf("after delete = %q, %v", v, err)
	}
	for _, bad := range []struct{ bucket, key string }{{"articles", "x"}, {"meta", "version"}, {"state", ""}, {"", "x"}} {
		if err := db.PutState(ctx, bad.bucket, bad.key, []byte("v")); err == nil {
			t.Errorf("PutState(%q, %q) succeeded", bad.bucket, bad.key)
		}
		if _, err := db.GetState(ctx, bad.bucket, bad.key); err == nil {
			t.Errorf("GetState(%q, %q) succeeded", bad.bucket, bad.key)
		}
	}
}

func TestListState(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	if kv, err := db.ListState(ctx, "subscriptions"); err != nil || len(kv) != 0 {
		t.Fatalf("empty ListState = %v, %v", kv, err)
	}
	for _, k := range []string{"telegram:2", "slack:C1", "console:x"} {
		if err := db.PutState(ctx, "subscriptions", k, []byte("v-"+k)); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.PutState(ctx, "feeds", "other", []byte("f")); err != nil {
		t.Fatal(err)
	}
	kv, err := db.ListState(ctx, "subscriptions")
	if err != nil {
		t.Fatal(err)
	}
	want := []KV{{"console:x", []byte("v-console:x")}, {"slack:C1", []byte("v-slack:C1")}, {"telegram:2", []byte("v-telegram:2")}}
	if diff := cmp.Diff(want, kv); diff != "" {
		t.Errorf("ListState (-want +got):\n%s", diff)
	}
	if _, err := db.ListState(ctx, "articles"); err == nil {
		t.Error("ListState(articles) succeeded")
	}
}

// Every method checks ctx before it starts a transaction.
func TestMethods_CancelledContext(t *testing.T) {
	db := mustOpen(t)
	res := mustSave(t, db, article("Ctx", "Mara Quill visited Port Ellis. ", []analysis.Entity{person("Mara Quill")}))
	before := dump(t, db)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := map[string]func() error{
		"Save": func() error {
			_, err := db.Save(ctx, article("Ctx2", "Other text. ", nil))
			return err
		},
		"SaveBatch": func() error {
			_, _, err := db.SaveBatch(ctx, []*analysis.Analysis{article("Ctx2", "Other text. ", nil)})
			return err
		},
		"DeleteArticle":     func() error { _, err := db.DeleteArticle(ctx, res.ID); return err },
		"AllFacts":          func() error { _, err := db.AllFacts(ctx); return err },
		"ArticlesReceived":  func() error { _, err := db.ArticlesReceived(ctx, time.Time{}, time.Time{}); return err },
		"ArticlesPublished": func() error { _, err := db.ArticlesPublished(ctx, time.Time{}, time.Time{}); return err },
		"Article":           func() error { _, err := db.Article(ctx, res.ID); return err },
		"Articles":          func() error { _, err := db.Articles(ctx); return err },
		"ArticleFacts":      func() error { _, err := db.ArticleFacts(ctx, res.ID); return err },
		"Entity":            func() error { _, err := db.Entity(ctx, 1); return err },
		"Entities":          func() error { _, err := db.Entities(ctx); return err },
		"LookupAlias":       func() error { _, err := db.LookupAlias(ctx, "quill"); return err },
		"FactsAbout":        func() error { _, err := db.FactsAbout(ctx, 1); return err },
		"FactsBetween":      func() error { _, err := db.FactsBetween(ctx, year(2025), year(2025)); return err },
		"Sightings":         func() error { _, err := db.Sightings(ctx, 1); return err },
		"Stats":             func() error { _, err := db.Stats(ctx); return err },
		"Backup":            func() error { _, err := db.Backup(ctx, &bytes.Buffer{}); return err },
		"BackupFile":        func() error { return db.BackupFile(ctx, filepath.Join(t.TempDir(), "b.db")) },
		"Check":             func() error { return db.Check(ctx) },
		"GetState":          func() error { _, err := db.GetState(ctx, "state", "k"); return err },
		"PutState":          func() error { return db.PutState(ctx, "state", "k", []byte("v")) },
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context: error = %v, want context.Canceled", name, err)
		}
	}
	if diff := cmp.Diff(before, dump(t, db)); diff != "" {
		t.Errorf("cancelled calls changed the database:\n%s", diff)
	}
}
