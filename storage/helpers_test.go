package storage

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/briefbot/briefbot/analysis"
)

// mustOpen opens a new database in a temporary directory; at cleanup it runs
// Check (unless the test closed the DB itself) and closes it.
func mustOpen(tb testing.TB) *DB {
	tb.Helper()
	db, err := Open(filepath.Join(tb.TempDir(), "briefbot.db"), Options{NoSync: true})
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := db.Check(context.Background()); err != nil && !errors.Is(err, ErrClosed) {
			tb.Errorf("Check at cleanup: %v", err)
		}
		if err := db.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return db
}

// person and the others build local entities with their name as only alias.
func person(name string, more ...string) analysis.Entity {
	return analysis.Entity{Name: name, Type: analysis.PER, Aliases: append([]string{name}, more...)}
}

func org(name string) analysis.Entity {
	return analysis.Entity{Name: name, Type: analysis.ORG, Aliases: []string{name}}
}

func place(name string) analysis.Entity {
	return analysis.Entity{Name: name, Type: analysis.LOC, Aliases: []string{name}}
}

func day(y, m, d int) analysis.Date {
	return analysis.Date{Year: y, Month: m, Day: d, Prec: analysis.Day}
}

func month(y, m int) analysis.Date { return analysis.Date{Year: y, Month: m, Prec: analysis.Month} }

func year(y int) analysis.Date { return analysis.Date{Year: y, Prec: analysis.Year} }

// article builds an analysis of text naming ents: each entity gets one
// mention per occurrence of any of its aliases in text (at least one, at 0:0
// when absent), and each sentence of text (split at ". ") becomes an event
// naming the entities whose aliases occur in it, dated by dates[i] when given.
func article(title, text string, ents []analysis.Entity, dates ...analysis.Date) *analysis.Analysis {
	a := &analysis.Analysis{
		Article: analysis.Article{
			Title:  title,
			Outlet: "The Test Courier",
			Text:   text,
			Hash:   analysis.ContentHash(text),
		},
		Entities: ents,
	}
	for i, e := range ents {
		n := 0
		for _, al := range e.Aliases {
			for off := 0; ; {
				j := strings.Index(text[off:], al)
				if j < 0 {
					break
				}
				start := off + j
				a.Mentions = append(a.Mentions, analysis.Mention{
					Span: analysis.Span{Start: start, End: start + len(al)}, Text: al, Type: e.Type, Entity: uint64(i + 1),
				})
				n++
				off = start + len(al)
			}
		}
		if n == 0 {
			a.Mentions = append(a.Mentions, analysis.Mention{Text: e.Name, Type: e.Type, Entity: uint64(i + 1)})
		}
	}
	off := 0
	for i, s := range strings.SplitAfter(text, ". ") {
		if strings.TrimSpace(s) == "" {
			continue
		}
		f := analysis.Fact{
			Kind:     analysis.Event,
			Span:     analysis.Span{Start: off, End: off + len(s)},
			Evidence: strings.TrimSpace(s),
			Text:     strings.TrimSpace(s),
			How:      analysis.Stated,
		}
		off += len(s)
		if i < len(dates) {
			f.Date = dates[i]
		}
		for j, e := range ents {
			for _, al := range e.Aliases {
				if strings.Contains(s, al) {
					f.Entities = append(f.Entities, uint64(j+1))
					break
				}
			}
		}
		a.Facts = append(a.Facts, f)
	}
	return a
}

// mustSave saves a and fails the test on error or duplicate.
func mustSave(tb testing.TB, db *DB, a *analysis.Analysis) SaveResult {
	tb.Helper()
	res, err := db.Save(context.Background(), a)
	if err != nil {
		tb.Fatalf("Save %q: %v", a.Article.Title, err)
	}
	if res.Duplicate {
		tb.Fatalf("Save %q: unexpected duplicate of %d", a.Article.Title, res.ID)
	}
	return res
}

// dump returns every bucket's sequence, keys and values, to compare whole
// database states.
func dump(tb testing.TB, db *DB) map[string]string {
	tb.Helper()
	out := map[string]string{}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			out[string(name)+"#seq"] = fmt.Sprint(b.Sequence())
			return b.ForEach(func(k, v []byte) error {
				out[string(name)+"/"+fmt.Sprintf("%x", k)] = fmt.Sprintf("%x", v)
				return nil
			})
		})
	})
	if err != nil {
		tb.Fatalf("dump: %v", err)
	}
	return out
}

func mustStats(tb testing.TB, db *DB) Stats {
	tb.Helper()
	st, err := db.Stats(context.Background())
	if err != nil {
		tb.Fatalf("Stats: %v", err)
	}
	return st
}

// entityNamed returns the stored entity whose LookupAlias of name is unique.
func entityNamed(tb testing.TB, db *DB, name string) analysis.Entity {
	tb.Helper()
	ctx := context.Background()
	ids, err := db.LookupAlias(ctx, analysis.NormalizeName(name))
	if err != nil {
		tb.Fatalf("LookupAlias(%q): %v", name, err)
	}
	if len(ids) != 1 {
		tb.Fatalf("LookupAlias(%q) = %v, want one id", name, ids)
	}
	e, err := db.Entity(ctx, ids[0])
	if err != nil {
		tb.Fatalf("Entity(%d): %v", ids[0], err)
	}
	return e
}
