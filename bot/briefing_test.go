package bot

import (
	"context"
	"io"
	"io/fs"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/analysis"
	"github.com/briefbot/briefbot/examples"
	"github.com/briefbot/briefbot/storage"
)

// briefingBot stores the sample articles, each received at 06:00 UTC on
// its publication day, and returns a bot whose clock the test sets.
func briefingBot(t *testing.T) (*Bot, *time.Time) {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "b.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := new(time.Time)
	b := New(slog.New(slog.NewTextHandler(io.Discard, nil)), db, WithClock(func() time.Time { return *now }))
	fsys := examples.FS()
	mf, err := fsys.Open("index.tsv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := ParseManifest(mf)
	mf.Close()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, row := range rows {
		text, err := fs.ReadFile(fsys, row.File)
		if err != nil {
			t.Fatal(err)
		}
		*now = row.Published.Add(6 * time.Hour)
		doc := analysis.Document{Text: string(text), Outlet: row.Outlet, URL: row.URL, Published: row.Published, Origin: analysis.Origin{Kind: "sample", Ref: row.File}}
		if _, _, err := b.IngestDoc(ctx, doc); err != nil {
			t.Fatalf("%s: %v", row.File, err)
		}
	}
	return b, now
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestBriefing_Golden(t *testing.T) {
	b, _ := briefingBot(t)
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skipf("no time zone data: %v", err)
	}
	cases := []struct {
		name string
		req  BriefingRequest
	}{
		// a morning briefing after one new article (the six-hours report)
		{"briefing_morning", BriefingRequest{Since: at("2026-03-05T07:00:00Z"), Until: at("2026-03-06T07:00:00Z"), Zone: berlin}},
		// the first week of coverage, one screen, and in full
		{"briefing_week", BriefingRequest{Since: at("2026-02-26T07:00:00Z"), Until: at("2026-03-12T07:00:00Z")}},
		{"briefing_week_full", BriefingRequest{Since: at("2026-02-26T07:00:00Z"), Until: at("2026-03-12T07:00:00Z"), Full: true}},
		// limited to a person and a word
		{"briefing_filtered", BriefingRequest{Since: at("2026-02-26T07:00:00Z"), Until: at("2026-04-30T07:00:00Z"), Filter: []string{"laskaris", "farmers"}}},
		// a day's articles
		{"briefing_day", BriefingRequest{Day: analysis.Date{Year: 2026, Month: 4, Day: 10, Prec: analysis.Day}}},
		// nothing new: one line
		{"briefing_empty", BriefingRequest{Since: at("2026-05-01T07:00:00Z"), Until: at("2026-05-02T07:00:00Z"), Zone: berlin}},
		// new articles, nothing about the filter
		{"briefing_empty_filter", BriefingRequest{Since: at("2026-04-09T00:00:00Z"), Until: at("2026-04-09T23:00:00Z"), Filter: []string{"zzyzx"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := b.Briefing(context.Background(), c.req)
			if err != nil {
				t.Fatal(err)
			}
			got := RenderText(*r)
			goldenFile(t, filepath.Join("testdata", "golden", c.name+".txt"), []byte(got))
			if !c.req.Full && len(r.Items) > screenItems {
				t.Errorf("%d items on one screen, want at most %d", len(r.Items), screenItems)
			}
			for _, it := range r.Items {
				if len(it.Sources) == 0 {
					t.Errorf("item without sources: %+v", it)
				}
			}
			if strings.HasPrefix(c.name, "briefing_empty") && strings.Count(strings.TrimSpace(got), "\n") != 1 {
				t.Errorf("an empty briefing should be a title and one line, got:\n%s", got)
			}
		})
	}
}

// /brief without a date covers the last 24 hours of the bot's clock; "full"
// lists everything.
func TestBrief_Command(t *testing.T) {
	b, now := briefingBot(t)
	*now = at("2026-03-06T12:00:00Z")
	ctx := context.Background()
	r, err := b.Handle(ctx, &Request{Platform: "cli", Text: "/brief"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Text, "1 new article from 1 outlet since") {
		t.Errorf("/brief at 2026-03-06 12:00 = %q", r.Text)
	}
	full, err := b.Handle(ctx, &Request{Platform: "cli", Text: "/brief 2026-03-04 full"})
	if err != nil {
		t.Fatal(err)
	}
	if full.Footer != "" || full.Error {
		t.Errorf("/brief full: footer %q error %v", full.Footer, full.Error)
	}
	bad, err := b.Handle(ctx, &Request{Platform: "cli", Text: "/brief 2026-03"})
	if err != nil {
		t.Fatal(err)
	}
	if !bad.Error {
		t.Errorf("/brief 2026-03 should ask for a day: %+v", bad)
	}
}
