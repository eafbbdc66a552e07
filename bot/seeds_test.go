package bot_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/storage"
)

// seedsDir is ../shared/seeds beside the repository.
const seedsDir = "../../shared/seeds"

func newBot(t *testing.T) (*bot.Bot, *storage.DB) {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "test.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Check(context.Background()); err != nil {
			t.Errorf("database check: %v", err)
		}
		db.Close()
	})
	lg := slog.New(slog.NewTextHandler(io.Discard, nil))
	return bot.New(lg, db), db
}

// seededBot returns a bot with the seed articles ingested through their
// manifest, and the article id of each seed file.
func seededBot(t *testing.T) (*bot.Bot, *storage.DB, map[string]string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(seedsDir, "index.tsv")); err != nil {
		t.Skipf("the seed articles are not here (%s): they live in ../shared/seeds beside the repository", seedsDir)
	}
	b, db := newBot(t)
	ctx := context.Background()
	sum, err := b.IngestManifest(ctx, os.DirFS(seedsDir), "index.tsv", "file", nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Ingested != 5 || len(sum.Failed) != 0 {
		t.Fatalf("ingest seeds: %s %+v", sum, sum.Failed)
	}
	arts, err := db.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, a := range arts {
		ids[filepath.Base(a.Origin.Ref)[:3]] = itoa(a.ID)
	}
	return b, db, ids
}

func itoa(v uint64) string { return strconv.FormatUint(v, 10) }

func ask(t *testing.T, b *bot.Bot, text string) *bot.Reply {
	t.Helper()
	r, err := b.Handle(context.Background(), &bot.Request{Platform: "test", Text: text})
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	return r
}

func TestSeeds_TimelineWitkoff(t *testing.T) {
	b, _, ids := seededBot(t)
	r := ask(t, b, "/timeline witkoff")
	if r.Error {
		t.Fatalf("/timeline witkoff: %s %s", r.Title, r.Text)
	}
	var dates []string
	for _, it := range r.Items {
		dates = append(dates, it.Date)
	}
	t.Logf("timeline dates: %q", dates)
	// his 2025 contacts with Putin, in date order
	want := []string{"2025-02-11", "2025-03-13", "2025-04-11", "2025-04-25", "2025-08-06"}
	pos := -1
	for _, w := range want {
		found := -1
		for i, d := range dates {
			if d == w {
				found = i
				break
			}
		}
		if found < 0 {
			t.Errorf("no timeline item dated %s", w)
			continue
		}
		if found < pos {
			t.Errorf("%s is out of order", w)
		}
		pos = found
	}
	// dated items in order, undated last
	seenUndated := false
	for i, d := range dates {
		if d == "" {
			seenUndated = true
			continue
		}
		if seenUndated {
			t.Errorf("dated item %s after an undated one", d)
		}
		if i > 0 && dates[i-1] != "" && dates[i-1] > d {
			t.Errorf("%s before %s", dates[i-1], d)
		}
	}
	// the Kremlin meeting of August 6 appears once, citing the three
	// articles that tell it
	n := 0
	for _, it := range r.Items {
		if it.Date != "2025-08-06" {
			continue
		}
		n++
		cited := map[string]bool{}
		for _, s := range it.Sources {
			cited[s.Article] = true
			if s.Evidence == "" {
				t.Errorf("source %s without evidence", s.Article)
			}
		}
		for _, f := range []string{"000", "001", "002"} {
			if !cited[ids[f]] {
				t.Errorf("the August 6 meeting does not cite seed %s (article %s): %+v", f, ids[f], it.Sources)
			}
		}
	}
	if n != 1 {
		t.Errorf("the August 6 meeting appears %d times, want once", n)
	}
	for _, it := range r.Items {
		if len(it.Sources) == 0 {
			t.Errorf("item without sources: %+v", it)
		}
	}
}

func TestSeeds_WitkoffUnderEverySpelling(t *testing.T) {
	b, _, _ := seededBot(t)
	want := ask(t, b, "/timeline witkoff").Title
	for _, q := range []string{"Steve Witkoff", "whitkoff", "Stephen Witkoff", "WITKOFF"} {
		if got := ask(t, b, "/timeline "+q).Title; got != want {
			t.Errorf("/timeline %s → %q, want %q", q, got, want)
		}
	}
}

func TestSeeds_UshakovUnderEverySpelling(t *testing.T) {
	b, _, _ := seededBot(t)
	var titles []string
	for _, q := range []string{"ushakov", "Yuri Ushakov", "Yuriy Ushakov", "Yury Ushakov", "usahkov"} {
		r := ask(t, b, "/timeline "+q)
		if r.Error {
			t.Errorf("/timeline %s: %s %s", q, r.Title, r.Text)
			continue
		}
		if len(r.Items) == 0 {
			t.Errorf("/timeline %s: no items", q)
		}
		titles = append(titles, r.Title)
	}
	for _, ti := range titles[1:] {
		if ti != titles[0] {
			t.Errorf("different people for the spellings of Ushakov: %q", titles)
			break
		}
	}
	who := ask(t, b, "/who ushakov")
	for _, v := range []string{"Yuri", "Yuriy", "Yury", "Usahkov"} {
		if !strings.Contains(who.Text, v) && !strings.Contains(who.Title, v) {
			t.Errorf("/who ushakov does not list the variant %q: %s", v, who.Text)
		}
	}
}

func TestSeeds_Conflicts(t *testing.T) {
	b, _, _ := seededBot(t)
	r := ask(t, b, "/conflicts")
	if len(r.Items) == 0 {
		t.Fatal("no conflicts found in the seeds")
	}
	for _, it := range r.Items {
		t.Logf("%s: %s", it.Label, it.Text)
		if len(it.Claims) < 2 {
			t.Errorf("conflict with %d sides: %+v", len(it.Claims), it)
		}
		vals := map[string]bool{}
		for _, c := range it.Claims {
			t.Logf("   %q (%d sources)", c.Value, len(c.Sources))
			if len(c.Sources) == 0 {
				t.Errorf("claim without sources: %+v", c)
			}
			v := strings.ToLower(c.Value)
			if vals[v] {
				t.Errorf("two sides with the same value %q", c.Value)
			}
			vals[v] = true
		}
		// never a spelling variant of a name, never the same duration twice
		joined := strings.ToLower(it.Text)
		for _, c := range it.Claims {
			joined += " | " + strings.ToLower(c.Value)
		}
		for _, bad := range []string{"usahkov", "whitkoff", "yuriy", "yury "} {
			if strings.Contains(joined, bad) {
				t.Errorf("conflict over a spelling: %s", joined)
			}
		}
		if strings.Contains(joined, "three-hour") && strings.Contains(joined, "five hours") {
			t.Errorf("the August and December meetings were merged: %s", joined)
		}
	}
}

func TestSeeds_Reingest(t *testing.T) {
	b, db, _ := seededBot(t)
	ctx := context.Background()
	before, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := b.IngestManifest(ctx, os.DirFS(seedsDir), "index.tsv", "file", nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Ingested != 0 || sum.Duplicates != 5 || len(sum.Failed) != 0 {
		t.Errorf("second ingest: %s, want 0 ingested, 5 duplicates", sum)
	}
	after, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	before.SizeBytes, after.SizeBytes = 0, 0
	if before != after {
		t.Errorf("stats changed: %+v → %+v", before, after)
	}
}
