package storage

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"

	"github.com/briefbot/briefbot/analysis"
)

func TestBackupFile_OpensWithSameContent(t *testing.T) {
	db, _ := timelineDB(t)
	ctx := context.Background()
	mustSave(t, db, fullAnalysis())
	want := mustStats(t, db)

	path := filepath.Join(t.TempDir(), "backups", "copy.db")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("an older backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := db.BackupFile(ctx, path); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".tmp"); !os.IsNotExist(err) {
		t.Errorf("temporary file left behind: %v", err)
	}
	b, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("open backup: %v", err)
	}
	defer b.Close()
	if got := mustStats(t, b); got != want {
		t.Errorf("backup Stats = %+v, want %+v", got, want)
	}
	if err := b.Check(ctx); err != nil {
		t.Errorf("Check of backup: %v", err)
	}
	a1, _ := db.Article(ctx, 3)
	a2, err := b.Article(ctx, 3)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a1, a2); diff != "" {
		t.Errorf("article in backup differs:\n%s", diff)
	}
}

func TestBackup_ToWriter(t *testing.T) {
	db := mustOpen(t)
	mustSave(t, db, fullAnalysis())
	var buf bytes.Buffer
	n, err := db.Backup(context.Background(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(buf.Len()) || n == 0 {
		t.Errorf("Backup reported %d bytes, wrote %d", n, buf.Len())
	}
	path := filepath.Join(t.TempDir(), "stream.db")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	b, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("open streamed backup: %v", err)
	}
	defer b.Close()
	if got := mustStats(t, b).Articles; got != 1 {
		t.Errorf("streamed backup has %d articles, want 1", got)
	}
}

func TestBackupFile_RefusesLiveFile(t *testing.T) {
	db := mustOpen(t)
	mustSave(t, db, fullAnalysis())
	before := dump(t, db)
	dir := filepath.Dir(db.Path())
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(db.Path(), link); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{db.Path(), filepath.Join(dir, ".", filepath.Base(db.Path())), link} {
		err := db.BackupFile(context.Background(), p)
		if err == nil || !strings.Contains(err.Error(), "live database") {
			t.Errorf("BackupFile(%q) error = %v, want a refusal", p, err)
		}
	}
	if diff := cmp.Diff(before, dump(t, db)); diff != "" {
		t.Errorf("refused backup changed the database:\n%s", diff)
	}
}

// Check finds index entries that point nowhere and records that do not
// decode.
func TestCheck_FindsBrokenData(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(tx *bolt.Tx) error
		want    string
	}{
		{"dangling by_entity", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketByEntity).Put(byEntityKey(1, dateKey(day(2025, 8, 5)), 99, 0), nil)
		}, "fact 99/0, which does not exist"},
		{"by_entity of no entity", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketByEntity).Put(byEntityKey(77, dateKey(day(2025, 8, 5)), 1, 0), nil)
		}, "no entity 77"},
		{"by_date with the wrong date", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketByDate).Put(byDateKey(dateKey(day(2020, 1, 1)), 1, 0), nil)
		}, "indexed under date"},
		{"undated in by_date", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketByDate).Put(byDateKey(undatedKey, 1, 0), nil)
		}, "undated fact"},
		{"dangling alias", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketAliases).Put(nameKey("ghost", 999), nil)
		}, "points at no entity"},
		{"dangling hash", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketArticleByHash).Put([]byte("feed"), u64(42))
		}, "points at no article"},
		{"bad fact record", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketFacts).Put(factKey(1, 1), []byte{1, 2, 3})
		}, "decode fact 1/1"},
		{"missing text", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketTexts).Delete(u64(1))
		}, "article 1 has no text"},
		{"missing bucket", func(tx *bolt.Tx) error {
			return tx.DeleteBucket(bucketFuzzy)
		}, `bucket "fuzzy" missing`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := Open(filepath.Join(t.TempDir(), "b.db"), Options{NoSync: true})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			mustSave(t, db, fullAnalysis())
			if err := db.Check(context.Background()); err != nil {
				t.Fatalf("Check before breaking: %v", err)
			}
			if err := db.bolt.Update(tt.corrupt); err != nil {
				t.Fatal(err)
			}
			err = db.Check(context.Background())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Check error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// Articles lists without texts; the texts bucket holds them apart.
func TestArticles_LeaveTextEmpty(t *testing.T) {
	db := mustOpen(t)
	for i, text := range []string{"First story about Port Ellis. ", "Second story about Port Ellis. "} {
		a := article("T", text, []analysis.Entity{place("Port Ellis")})
		if res := mustSave(t, db, a); res.ID != uint64(i+1) {
			t.Errorf("article %d got id %d", i+1, res.ID)
		}
	}
	list, err := db.Articles(context.Background())
	if err != nil || len(list) != 2 {
		t.Fatalf("Articles = %d, %v", len(list), err)
	}
	for i, a := range list {
		if a.ID != uint64(i+1) || a.Text != "" || a.Hash == "" {
			t.Errorf("article %d: ID %d Text %q Hash %q", i, a.ID, a.Text, a.Hash)
		}
	}
}
