package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/analysis"
)

// fullAnalysis is an article with every field of every type set.
func fullAnalysis() *analysis.Analysis {
	text := "Envoy Mara Quill met Chair Tobin Vale at the Old Harbour on Tuesday. " +
		"\"The talks lasted about three hours,\" Quill said. " +
		"The Harbour Council said a second round is planned for September."
	zone := time.FixedZone("UTC+2", 2*3600)
	return &analysis.Analysis{
		Article: analysis.Article{
			Title:     "Envoy meets harbour chair",
			Outlet:    "The Test Courier",
			URL:       "https://www.example.org/harbour/talks/?utm_source=chat",
			Published: time.Date(2025, 8, 7, 10, 15, 0, 0, zone),
			Received:  time.Date(2025, 8, 7, 11, 0, 0, 0, time.UTC),
			Origin:    analysis.Origin{Kind: "chat", Ref: "C123"},
			Text:      text,
			Hash:      analysis.ContentHash(text),
			Version:   2,
		},
		Entities: []analysis.Entity{
			{ID: 1, Name: "Mara Quill", Type: analysis.PER, Aliases: []string{"Mara Quill", "Quill"}, Roles: []string{"envoy"}},
			{ID: 2, Name: "Tobin Vale", Type: analysis.PER, Aliases: []string{"Tobin Vale"}, Roles: []string{"chair"}},
			{ID: 3, Name: "Harbour Council", Type: analysis.ORG, Aliases: []string{"Harbour Council"}},
			{ID: 4, Name: "Old Harbour", Type: analysis.LOC, Aliases: []string{"Old Harbour"}},
		},
		Mentions: []analysis.Mention{
			{Span: analysis.Span{Start: 6, End: 16}, Text: "Mara Quill", Type: analysis.PER, Entity: 1},
			{Span: analysis.Span{Start: 27, End: 37}, Text: "Tobin Vale", Type: analysis.PER, Entity: 2},
			{Span: analysis.Span{Start: 45, End: 56}, Text: "Old Harbour", Type: analysis.LOC, Entity: 4},
			{Span: analysis.Span{Start: 113, End: 118}, Text: "Quill", Type: analysis.PER, Entity: 1},
			{Span: analysis.Span{Start: 130, End: 145}, Text: "Harbour Council", Type: analysis.ORG, Entity: 3},
			{Span: analysis.Span{Start: 0, End: 0}, Text: "unlinked", Type: analysis.MISC, Entity: 0},
		},
		Times: []analysis.TimeExpr{{Span: analysis.Span{Start: 57, End: 67}, Text: "on Tuesday", Type: "DATE", Value: "2025-08-05", Anchor: "publication"}},
		Facts: []analysis.Fact{
			{
				Kind: analysis.Event, Span: analysis.Span{Start: 0, End: 70},
				Evidence: text[:70], Text: text[:69], Entities: []uint64{1, 2},
				Date: day(2025, 8, 5), DateText: "on Tuesday", How: analysis.Resolved,
				Action: "meet", Trigger: "met", Place: "the Old Harbour",
			},
			{
				Kind: analysis.Quote, Span: analysis.Span{Start: 70, End: 121},
				Evidence: text[70:121], Text: text[70:121], Entities: []uint64{1},
				Date: day(2025, 8, 7), How: analysis.Publication,
				Numbers: []analysis.Quantity{{Text: "about three hours", Kind: "duration", Value: 10800, Unit: "s", Mod: "about"}},
				Speaker: 1, Cue: "said", Quote: "The talks lasted about three hours,",
			},
			{
				Kind: analysis.Claim, Span: analysis.Span{Start: 121, End: len(text)},
				Evidence: text[121:], Text: "a second round is planned for September", Entities: []uint64{3},
				Date: month(2025, 9), DateText: "for September", How: analysis.Resolved, Planned: true,
				Speaker: 3, Cue: "said", Subject: 3, Attribute: "date", Value: "September",
			},
		},
	}
}

func TestSave_ReadBackEveryField(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	a := fullAnalysis()
	orig := fullAnalysis()
	res := mustSave(t, db, a)

	if res.ID != 1 || a.Article.ID != 1 || a.Article.Facts != 3 {
		t.Errorf("ids: result %d, article %d facts %d", res.ID, a.Article.ID, a.Article.Facts)
	}
	if len(res.Entities) != 4 {
		t.Fatalf("Entities map = %v, want 4 entries", res.Entities)
	}
	for i := range a.Entities {
		if a.Entities[i].ID != res.Entities[uint64(i+1)] || a.Entities[i].ID == 0 {
			t.Errorf("entity %d: ID in analysis %d, in result %d", i+1, a.Entities[i].ID, res.Entities[uint64(i+1)])
		}
	}
	st := func(local uint64) uint64 { return res.Entities[local] }

	// The article, with its text.
	wantArt := orig.Article
	wantArt.ID, wantArt.Facts = 1, 3
	gotArt, err := db.Article(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantArt, gotArt); diff != "" {
		t.Errorf("Article (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantArt, a.Article); diff != "" {
		t.Errorf("a.Article after Save (-want +got):\n%s", diff)
	}
	list, err := db.Articles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantArt.Text = ""
	if diff := cmp.Diff([]analysis.Article{wantArt}, list); diff != "" {
		t.Errorf("Articles (-want +got):\n%s", diff)
	}

	// The facts, with stored ids.
	want := orig.Facts
	for i := range want {
		f := &want[i]
		f.Article, f.Seq = 1, uint32(i)
		for j := range f.Entities {
			f.Entities[j] = st(f.Entities[j])
		}
		f.Speaker, f.Subject = st(f.Speaker), st(f.Subject)
	}
	got, err := db.ArticleFacts(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ArticleFacts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, a.Facts); diff != "" {
		t.Errorf("a.Facts after Save (-want +got):\n%s", diff)
	}
	if a.Mentions[0].Entity != st(1) || a.Mentions[5].Entity != 0 {
		t.Errorf("mentions not relinked: %+v", a.Mentions)
	}
	if diff := cmp.Diff(orig.Times, a.Times); diff != "" {
		t.Errorf("Save changed Times:\n%s", diff)
	}

	// The entities, with their peers.
	quill, err := db.Entity(ctx, st(1))
	if err != nil {
		t.Fatal(err)
	}
	wantQuill := analysis.Entity{
		ID: st(1), Name: "Mara Quill", Type: analysis.PER,
		Aliases: []string{"Mara Quill", "Quill"}, Roles: []string{"envoy"},
		Peers: []uint64{st(2), st(3), st(4)},
	}
	if diff := cmp.Diff(wantQuill, quill); diff != "" {
		t.Errorf("Entity (-want +got):\n%s", diff)
	}
	all, err := db.Entities(ctx)
	if err != nil || len(all) != 4 {
		t.Errorf("Entities = %d, %v; want 4", len(all), err)
	}
	if _, err := db.Entity(ctx, 99); !errors.Is(err, ErrNotFound) {
		t.Errorf("Entity(99) error = %v, want ErrNotFound", err)
	}
	if _, err := db.Article(ctx, 99); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article(99) error = %v, want ErrNotFound", err)
	}
	if _, err := db.ArticleFacts(ctx, 99); !errors.Is(err, ErrNotFound) {
		t.Errorf("ArticleFacts(99) error = %v, want ErrNotFound", err)
	}

	// Sightings and the alias index.
	sg, err := db.Sightings(ctx, st(1))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]Sighting{{Article: 1, Mentions: 2, Aliases: []string{"Mara Quill", "Quill"}}}, sg); diff != "" {
		t.Errorf("Sightings (-want +got):\n%s", diff)
	}
	for _, key := range []string{"mara quill", "quill"} {
		if ids, err := db.LookupAlias(ctx, key); err != nil || !cmp.Equal(ids, []uint64{st(1)}) {
			t.Errorf("LookupAlias(%q) = %v, %v", key, ids, err)
		}
	}
	if ids, err := db.LookupAlias(ctx, "mara"); err != nil || len(ids) != 0 {
		t.Errorf(`LookupAlias("mara") = %v, %v; want none (first names are not keys)`, ids, err)
	}
	if s := mustStats(t, db); s.Articles != 1 || s.Facts != 3 || s.Entities != 4 || s.SizeBytes <= 0 {
		t.Errorf("Stats = %+v", s)
	}
}

func TestSave_RejectsBadInput(t *testing.T) {
	db := mustOpen(t)
	tests := []struct {
		name string
		edit func(a *analysis.Analysis)
		want string
	}{
		{"no hash", func(a *analysis.Analysis) { a.Article.Hash = "" }, "no content hash"},
		{"no text", func(a *analysis.Analysis) { a.Article.Text = "" }, "empty text"},
		{"fact entity out of range", func(a *analysis.Analysis) { a.Facts[0].Entities = []uint64{9} }, "names entity 9"},
		{"fact entity zero", func(a *analysis.Analysis) { a.Facts[0].Entities = []uint64{0} }, "names entity 0"},
		{"speaker out of range", func(a *analysis.Analysis) { a.Facts[1].Speaker = 5 }, "speaker 5"},
		{"subject out of range", func(a *analysis.Analysis) { a.Facts[2].Subject = 5 }, "subject 5"},
		{"mention out of range", func(a *analysis.Analysis) { a.Mentions[0].Entity = 5 }, "mention 0 names entity 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := fullAnalysis()
			tt.edit(a)
			_, err := db.Save(context.Background(), a)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Save error = %v, want one containing %q", err, tt.want)
			}
		})
	}
	if _, err := db.Save(context.Background(), nil); err == nil {
		t.Error("Save(nil) succeeded")
	}
	if s := mustStats(t, db); s != (Stats{SizeBytes: s.SizeBytes}) {
		t.Errorf("rejected saves wrote: %+v", s)
	}
}

func TestSave_Duplicate(t *testing.T) {
	tests := []struct {
		name string
		edit func(a *analysis.Analysis)
	}{
		{"same hash", func(a *analysis.Analysis) {
			a.Article.URL = "https://example.org/elsewhere"
			a.Article.Text = strings.ToUpper(a.Article.Text) // ContentHash folds case
		}},
		{"same URL", func(a *analysis.Analysis) {
			a.Article.URL = "http://example.org/harbour/talks#top"
			a.Article.Text += " An update was added."
			a.Article.Hash = analysis.ContentHash(a.Article.Text)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := mustOpen(t)
			first := mustSave(t, db, fullAnalysis())
			before := dump(t, db)
			a := fullAnalysis()
			tt.edit(a)
			orig := fullAnalysis()
			tt.edit(orig)
			res, err := db.Save(context.Background(), a)
			if err != nil {
				t.Fatal(err)
			}
			if !res.Duplicate || res.ID != first.ID || res.Entities != nil {
				t.Errorf("SaveResult = %+v, want duplicate of %d", res, first.ID)
			}
			if diff := cmp.Diff(before, dump(t, db)); diff != "" {
				t.Errorf("duplicate Save wrote (-before +after):\n%s", diff)
			}
			if diff := cmp.Diff(orig, a); diff != "" {
				t.Errorf("duplicate Save changed the analysis:\n%s", diff)
			}
		})
	}
}

func TestSave_LinksEntitiesAcrossArticles(t *testing.T) {
	t.Run("surname alone joins the full name", func(t *testing.T) {
		db := mustOpen(t)
		r1 := mustSave(t, db, article("A1", "Steve Witkoff arrived in the capital. Witkoff met the mayor. ",
			[]analysis.Entity{person("Steve Witkoff", "Witkoff")}))
		r2 := mustSave(t, db, article("A2", "Witkoff left on Friday. ",
			[]analysis.Entity{person("Witkoff")}))
		if r1.Entities[1] != r2.Entities[1] {
			t.Fatalf("Witkoff is %d in A1 and %d in A2, want one entity", r1.Entities[1], r2.Entities[1])
		}
		e := entityNamed(t, db, "Witkoff")
		if e.Name != "Steve Witkoff" {
			t.Errorf("Name = %q, want the full name kept", e.Name)
		}
		if n := mustStats(t, db).Entities; n != 1 {
			t.Errorf("%d entities, want 1", n)
		}
		facts, err := db.FactsAbout(context.Background(), e.ID)
		if err != nil || len(facts) != 3 {
			t.Errorf("FactsAbout = %d facts, %v; want 3 across both articles", len(facts), err)
		}
	})
	t.Run("full name arrives later and becomes the name", func(t *testing.T) {
		db := mustOpen(t)
		r1 := mustSave(t, db, article("A1", "Witkoff spoke. ", []analysis.Entity{person("Witkoff")}))
		r2 := mustSave(t, db, article("A2", "Steve Witkoff spoke again. ", []analysis.Entity{person("Steve Witkoff")}))
		if r1.Entities[1] != r2.Entities[1] {
			t.Fatalf("two entities %d and %d, want one", r1.Entities[1], r2.Entities[1])
		}
		if e := entityNamed(t, db, "Steve Witkoff"); e.Name != "Steve Witkoff" {
			t.Errorf("Name = %q, want Steve Witkoff", e.Name)
		}
	})
	t.Run("transliteration variants", func(t *testing.T) {
		db := mustOpen(t)
		r1 := mustSave(t, db, article("A1", "Yuri Ushakov briefed reporters. ", []analysis.Entity{person("Yuri Ushakov")}))
		r2 := mustSave(t, db, article("A2", "Yuriy Ushakov confirmed the call. ", []analysis.Entity{person("Yuriy Ushakov")}))
		if r1.Entities[1] != r2.Entities[1] {
			t.Fatalf("two entities %d and %d, want one", r1.Entities[1], r2.Entities[1])
		}
		e := entityNamed(t, db, "Ushakov")
		if diff := cmp.Diff([]string{"Yuri Ushakov", "Yuriy Ushakov"}, e.Aliases); diff != "" {
			t.Errorf("Aliases (-want +got):\n%s", diff)
		}
		if e.Name != "Yuri Ushakov" {
			t.Errorf("Name = %q, want the first full form seen, kept over a variant spelling", e.Name)
		}
	})
	t.Run("near surname without shared context stays apart", func(t *testing.T) {
		db := mustOpen(t)
		r1 := mustSave(t, db, article("A1", "Yuri Ushakov briefed reporters. ", []analysis.Entity{person("Yuri Ushakov")}))
		stored, err := db.Entity(context.Background(), r1.Entities[1])
		if err != nil {
			t.Fatal(err)
		}
		other := person("Anna Ushakova")
		if _, ok := analysis.Link(other, []analysis.Entity{stored}, nil); ok {
			t.Fatal("precondition: analysis.Link now links Anna Ushakova to Yuri Ushakov")
		}
		r2 := mustSave(t, db, article("A2", "Anna Ushakova opened the exhibition. ", []analysis.Entity{other}))
		if r1.Entities[1] == r2.Entities[1] {
			t.Errorf("Anna Ushakova linked to Yuri Ushakov (%d)", r1.Entities[1])
		}
		if n := mustStats(t, db).Entities; n != 2 {
			t.Errorf("%d entities, want 2", n)
		}
	})
	t.Run("misspelling links in shared context", func(t *testing.T) {
		db := mustOpen(t)
		r1 := mustSave(t, db, article("A1", "Yuri Ushakov spoke at the Kremlin. The Kremlin agreed. ",
			[]analysis.Entity{place("Kremlin"), person("Yuri Ushakov")}))
		// Kremlin is mentioned more, so it is linked first and gives the context.
		r2 := mustSave(t, db, article("A2", "The Kremlin said Yuri Ushakow would travel. The Kremlin confirmed. ",
			[]analysis.Entity{person("Yuri Ushakow"), place("Kremlin")}))
		if r2.Entities[2] != r1.Entities[1] {
			t.Fatalf("Kremlin not linked: %v vs %v", r1.Entities, r2.Entities)
		}
		if r2.Entities[1] != r1.Entities[2] {
			t.Errorf("Yuri Ushakow (%d) not linked to Yuri Ushakov (%d) despite the shared Kremlin", r2.Entities[1], r1.Entities[2])
		}
		// Without the context it stays apart.
		r3 := mustSave(t, db, article("A3", "Yuri Ushakiv was seen. ", []analysis.Entity{person("Yuri Ushakiv")}))
		if r3.Entities[1] == r1.Entities[2] {
			t.Error("Yuri Ushakiv linked to Yuri Ushakov without context")
		}
	})
	t.Run("entities of one article stay apart", func(t *testing.T) {
		db := mustOpen(t)
		r1 := mustSave(t, db, article("A1", "Steve Witkoff spoke. ", []analysis.Entity{person("Steve Witkoff")}))
		r2 := mustSave(t, db, article("A2", "Steve Witkoff and his sister Anna Witkoff arrived. Steve Witkoff spoke. ",
			[]analysis.Entity{person("Steve Witkoff"), person("Anna Witkoff")}))
		if r2.Entities[1] != r1.Entities[1] {
			t.Errorf("Steve Witkoff not linked: %v vs %v", r1.Entities, r2.Entities)
		}
		if r2.Entities[2] == r2.Entities[1] {
			t.Error("Anna Witkoff merged with Steve Witkoff within one article")
		}
		if ids, _ := db.LookupAlias(context.Background(), "witkoff"); len(ids) != 2 {
			t.Errorf(`LookupAlias("witkoff") = %v, want both`, ids)
		}
	})
	t.Run("types must agree", func(t *testing.T) {
		db := mustOpen(t)
		r1 := mustSave(t, db, article("A1", "Jordan visited. ", []analysis.Entity{person("Jordan")}))
		r2 := mustSave(t, db, article("A2", "Jordan closed its border. ", []analysis.Entity{place("Jordan")}))
		if r1.Entities[1] == r2.Entities[1] {
			t.Error("person Jordan and place Jordan linked")
		}
	})
}

func TestSave_MergesRolesAndCapsPeers(t *testing.T) {
	db := mustOpen(t)
	q := person("Mara Quill")
	q.Roles = []string{"envoy"}
	mustSave(t, db, article("A0", "Mara Quill travelled. ", []analysis.Entity{q}))
	for i := range 70 {
		q := person("Quill")
		q.Roles = []string{"envoy", "negotiator"}
		other := org(fmt.Sprintf("Guild Number%03d", i))
		// The guild comes first, with no context yet, so that the fuzzy
		// likeness of "Number000" and "Number001" does not link them.
		mustSave(t, db, article(fmt.Sprintf("A%d", i+1), fmt.Sprintf("Quill met Guild Number%03d. ", i), []analysis.Entity{other, q}))
	}
	e := entityNamed(t, db, "Mara Quill")
	if diff := cmp.Diff([]string{"envoy", "negotiator"}, e.Roles); diff != "" {
		t.Errorf("Roles (-want +got):\n%s", diff)
	}
	if len(e.Peers) != analysis.MaxPeers {
		t.Fatalf("%d peers, want %d", len(e.Peers), analysis.MaxPeers)
	}
	last := entityNamed(t, db, "Guild Number069")
	if e.Peers[len(e.Peers)-1] != last.ID {
		t.Errorf("most recent peer = %d, want %d", e.Peers[len(e.Peers)-1], last.ID)
	}
	first := entityNamed(t, db, "Guild Number000")
	for _, p := range e.Peers {
		if p == first.ID {
			t.Error("oldest peer kept past the cap")
		}
	}
}

// A failure at any step of Save leaves the database as it was and the
// analysis unchanged.
func TestSave_IsAtomic(t *testing.T) {
	steps := []string{"article id", "linked", "entities written", "article written", "commit"}
	for _, step := range steps {
		for _, how := range []string{"error", "cancel"} {
			t.Run(step+"/"+how, func(t *testing.T) {
				db := mustOpen(t)
				mustSave(t, db, fullAnalysis())
				before := dump(t, db)
				statsBefore := mustStats(t, db)

				// Links to stored entities and creates new ones.
				a := article("Second", "Quill met Tobin Vale and Iris Penn again. ",
					[]analysis.Entity{person("Quill"), person("Tobin Vale"), person("Iris Penn")}, day(2025, 8, 9))
				a.Article.URL = "https://example.org/second"
				orig := article("Second", "Quill met Tobin Vale and Iris Penn again. ",
					[]analysis.Entity{person("Quill"), person("Tobin Vale"), person("Iris Penn")}, day(2025, 8, 9))
				orig.Article.URL = a.Article.URL

				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				injected := errors.New("injected failure")
				reached := false
				db.failAt = func(s string) error {
					if s != step {
						return nil
					}
					reached = true
					if how == "cancel" {
						cancel()
						return nil // Save must notice at its next check
					}
					return injected
				}
				_, err := db.Save(ctx, a)
				db.failAt = nil
				if !reached {
					t.Fatalf("step %q never reached", step)
				}
				wantErr := injected
				if how == "cancel" {
					wantErr = context.Canceled
				}
				if step == "commit" && how == "cancel" {
					// Cancelled after the last check: Save may commit.
					if err != nil && !errors.Is(err, wantErr) {
						t.Fatalf("Save error = %v", err)
					}
					return
				}
				if !errors.Is(err, wantErr) {
					t.Fatalf("Save error = %v, want %v", err, wantErr)
				}
				if diff := cmp.Diff(before, dump(t, db)); diff != "" {
					t.Errorf("failed Save changed the database (-before +after):\n%s", diff)
				}
				if s := mustStats(t, db); s.Articles != statsBefore.Articles || s.Facts != statsBefore.Facts || s.Entities != statsBefore.Entities {
					t.Errorf("Stats = %+v, want %+v", s, statsBefore)
				}
				if diff := cmp.Diff(orig, a); diff != "" {
					t.Errorf("failed Save changed the analysis:\n%s", diff)
				}
				// The same article saves fine afterwards, with the next ids.
				res := mustSave(t, db, a)
				if res.ID != 2 {
					t.Errorf("retried Save got id %d, want 2", res.ID)
				}
			})
		}
	}
}

// Many goroutines saving and reading at once (run with -race).
func TestSave_Concurrent(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	const workers, each = 8, 6
	var wg sync.WaitGroup
	errs := make(chan error, workers*each*4)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				text := fmt.Sprintf("Mara Quill met delegate number %d of team %d in Port Ellis. Quill said talks went well. ", i, w)
				a := article(fmt.Sprintf("W%d-%d", w, i), text,
					[]analysis.Entity{person("Mara Quill", "Quill"), place("Port Ellis")}, day(2025, 8, 1+i))
				res, err := db.Save(ctx, a)
				if err != nil {
					errs <- err
					return
				}
				if _, err := db.Article(ctx, res.ID); err != nil {
					errs <- err
				}
				if _, err := db.FactsAbout(ctx, res.Entities[1]); err != nil {
					errs <- err
				}
				if _, err := db.FactsBetween(ctx, day(2025, 8, 1), day(2025, 8, 3)); err != nil {
					errs <- err
				}
				if _, err := db.Stats(ctx); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s := mustStats(t, db)
	if s.Articles != workers*each || s.Facts != 2*workers*each || s.Entities != 2 {
		t.Errorf("Stats = %+v, want %d articles, %d facts, 2 entities", s, workers*each, 2*workers*each)
	}
	facts, err := db.FactsAbout(ctx, entityNamed(t, db, "Quill").ID)
	if err != nil || len(facts) != 2*workers*each {
		t.Errorf("FactsAbout(Quill) = %d facts, %v", len(facts), err)
	}
}
