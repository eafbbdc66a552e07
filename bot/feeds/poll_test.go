package feeds

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/analysis"
)

var chatA = Subscriber{Platform: "telegram", ChatID: "100"}

// setup returns a server, a poller over fresh fakes, and follows path.
func setup(t *testing.T, path string, r response, o Options) (*feedServer, *Poller, *recIngester, *fakeArticles, *memStore) {
	t.Helper()
	srv := newFeedServer(t)
	srv.set(path, r)
	st := newMemStore()
	ing := &recIngester{}
	art := &fakeArticles{pages: map[string]analysis.Document{}}
	p := New(nil, srv.Client(), st, ing, art, o)
	if path != "" {
		if _, err := p.Follow(ctxT(t), srv.URL+path, chatA); err != nil {
			t.Fatalf("Follow: %v", err)
		}
	}
	return srv, p, ing, art, st
}

func TestPollOnce_NotModified(t *testing.T) {
	body := rss("Courier",
		rssItem{guid: "a", title: "First", link: "/a", content: longText("a")},
		rssItem{guid: "b", title: "Second", link: "/b", content: longText("b")})
	srv, p, ing, _, _ := setup(t, "/rss", response{body: body, etag: `"v1"`, lastMod: "Tue, 03 Jun 2025 10:00:00 GMT"}, Options{})
	ctx := ctxT(t)

	res, err := p.PollOnce(ctx, srv.URL+"/rss")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.New) != 2 || res.NotModified {
		t.Fatalf("first poll: %d new, not modified %v; want 2, false", len(res.New), res.NotModified)
	}
	if res.Feed.ETag != `"v1"` || res.Feed.LastModified == "" || res.Feed.LastStatus != "ok, 2 new" {
		t.Errorf("state after first poll: etag %q, last-modified %q, status %q", res.Feed.ETag, res.Feed.LastModified, res.Feed.LastStatus)
	}

	res, err = p.PollOnce(ctx, srv.URL+"/rss")
	if err != nil {
		t.Fatal(err)
	}
	if !res.NotModified || len(res.New) != 0 || res.Feed.LastStatus != "not modified" {
		t.Errorf("second poll: not modified %v, %d new, status %q", res.NotModified, len(res.New), res.Feed.LastStatus)
	}
	if n := len(ing.all()); n != 2 {
		t.Errorf("%d documents ingested, want 2", n)
	}
	reqs := srv.requests()
	last := reqs[len(reqs)-1]
	if last.Get("If-None-Match") != `"v1"` || last.Get("If-Modified-Since") != "Tue, 03 Jun 2025 10:00:00 GMT" {
		t.Errorf("conditional headers: If-None-Match %q, If-Modified-Since %q", last.Get("If-None-Match"), last.Get("If-Modified-Since"))
	}
	if first := reqs[0]; first.Get("If-None-Match") != "" {
		t.Errorf("Follow's request was conditional: %v", first)
	}
}

// Each case serves two versions of a feed (no validators, so both are
// fetched in full); the item repeated in the second must not be ingested
// again, even though the ingester itself would store it.
func TestPollOnce_RepeatedItemIngestedOnce(t *testing.T) {
	tests := []struct {
		name   string
		v1, v2 []rssItem
	}{
		{
			name: "by guid",
			v1:   []rssItem{{guid: "g-1", title: "Lighthouse", link: "/l1", content: longText("lighthouse")}},
			v2: []rssItem{
				{guid: "g-2", title: "Quarry", link: "/q", content: longText("quarry")},
				{guid: "g-1", title: "Lighthouse (updated)", link: "/l1?edit=2", content: longText("lighthouse, corrected")},
			},
		},
		{
			name: "by link without guid",
			v1:   []rssItem{{title: "Lighthouse", link: "/l1", content: longText("lighthouse")}},
			v2: []rssItem{
				{title: "Quarry", link: "/q", content: longText("quarry")},
				{title: "Lighthouse, updated", link: "/l1", content: longText("lighthouse, corrected")},
			},
		},
		{
			name: "by content hash without guid or link",
			v1:   []rssItem{{title: "Lighthouse", content: longText("lighthouse")}},
			v2: []rssItem{
				{title: "Quarry", content: longText("quarry")},
				{title: "LIGHTHOUSE", content: strings.ReplaceAll(longText("lighthouse"), " ", "  ")},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv, p, ing, _, _ := setup(t, "/rss", response{body: rss("Courier", tc.v1...)}, Options{})
			ctx := ctxT(t)
			if _, err := p.PollOnce(ctx, srv.URL+"/rss"); err != nil {
				t.Fatal(err)
			}
			srv.set("/rss", response{body: rss("Courier", tc.v2...)})
			res, err := p.PollOnce(ctx, srv.URL+"/rss")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.PollOnce(ctx, srv.URL+"/rss"); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff([]string{"Lighthouse", "Quarry"}, ing.titles()); d != "" {
				t.Errorf("ingested titles (-want +got):\n%s", d)
			}
			if len(res.New) != 1 || res.New[0].Title != "Quarry" || res.New[0].ArticleID != 2 {
				t.Errorf("second poll New = %+v", res.New)
			}
		})
	}
}

// A repeated item the bot already knows (duplicate=true) is marked seen but
// not reported as new.
func TestPollOnce_DuplicateFromIngester(t *testing.T) {
	body := rss("Courier", rssItem{guid: "a", title: "First", link: "/a", content: longText("a")})
	srv, p, ing, _, _ := setup(t, "/rss", response{body: body}, Options{})
	ing.dedup = true
	if _, _, err := ing.IngestDoc(context.Background(), analysis.Document{Text: longText("a"), URL: "http://elsewhere.test/a"}); err != nil {
		t.Fatal(err)
	}
	res, err := p.PollOnce(ctxT(t), srv.URL+"/rss")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.New) != 0 || res.Feed.LastStatus != "ok, 0 new, 1 known" || len(res.Feed.Seen) != 2 {
		t.Errorf("New %v, status %q, seen %d", res.New, res.Feed.LastStatus, len(res.Feed.Seen))
	}
}

func TestPollOnce_Document(t *testing.T) {
	body := `<?xml version="1.0"?><rss version="2.0"><channel><title>Osk Gazette</title>
<pubDate>Mon, 02 Jun 2025 06:00:00 +0000</pubDate>
<item><guid>s1</guid><title>Mill fire</title><link>/news/mill.html</link>
<description>A fire at the mill. Read more.</description><pubDate>Tue, 03 Jun 2025 09:15:00 JST</pubDate></item>
<item><guid>s2</guid><title>Bakery opens</title><link>/news/bakery.html</link>
<description>A bakery opened on the square. Nothing more here.</description></item>
<item><guid>s3</guid><title>Full story</title><link>/news/full.html</link>
<description><![CDATA[<p>` + longText("full") + `</p>]]></description></item>
</channel></rss>`
	srv, p, ing, art, _ := setup(t, "/feeds/rss.xml", response{body: body}, Options{})
	mill := srv.URL + "/news/mill.html"
	art.pages[mill] = analysis.Document{Text: "The old mill of Osk burned on Monday night, said fire chief Petra Lund.", Title: "Page title", Outlet: "Gazette site", URL: mill + "?canonical"}
	if _, err := p.PollOnce(ctxT(t), srv.URL+"/feeds/rss.xml"); err != nil {
		t.Fatal(err)
	}
	feedRef := srv.URL + "/feeds/rss.xml"
	want := []analysis.Document{
		{ // summary only: the page was fetched; item time in JST
			Text: "The old mill of Osk burned on Monday night, said fire chief Petra Lund.", Title: "Mill fire",
			Outlet: "Osk Gazette", URL: mill, Published: time.Date(2025, 6, 3, 0, 15, 0, 0, time.UTC),
		},
		{ // summary only, page not found: the summary; no item time: the channel's
			Text: "A bakery opened on the square. Nothing more here.", Title: "Bakery opens",
			Outlet: "Osk Gazette", URL: srv.URL + "/news/bakery.html", Published: time.Date(2025, 6, 2, 6, 0, 0, 0, time.UTC),
		},
		{ // full text in the feed: no fetch
			Text: longText("full")[:len(longText("full"))-1], Title: "Full story",
			Outlet: "Osk Gazette", URL: srv.URL + "/news/full.html", Published: time.Date(2025, 6, 2, 6, 0, 0, 0, time.UTC),
		},
	}
	got := ing.all()
	slicesSortByTitle(got)
	slicesSortByTitle(want)
	for i := range got {
		if got[i].Origin != (analysis.Origin{Kind: "feed", Ref: feedRef}) || got[i].Received.IsZero() {
			t.Errorf("doc %d origin %+v received %v", i, got[i].Origin, got[i].Received)
		}
		got[i].Origin, got[i].Received = analysis.Origin{}, time.Time{}
		got[i].Published = got[i].Published.UTC()
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("documents (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{srv.URL + "/news/bakery.html", mill}, sortedCopy(art.asked)); d != "" {
		t.Errorf("pages fetched (-want +got):\n%s", d)
	}
}

func TestPollOnce_BackoffAndRecovery(t *testing.T) {
	clk := newClock()
	const interval = 10 * time.Minute
	good := rss("Courier", rssItem{guid: "a", title: "Calm returns", link: "/a", content: longText("calm")})
	srv, p, ing, _, _ := setup(t, "/rss", response{body: good}, Options{Interval: interval, MaxBackoff: time.Hour, Now: clk.Now})
	ctx := ctxT(t)
	steps := []struct {
		resp      response
		failures  int
		delay     time.Duration
		statusHas string
	}{
		{response{status: 500}, 1, 20 * time.Minute, "error: fetch"},
		{response{body: "<rss><channel><item><title>cut off"}, 2, 40 * time.Minute, "error: parse"},
		{response{body: "\x00 not xml at all"}, 3, time.Hour, "error: parse"},
		{response{status: 503}, 4, time.Hour, "HTTP 503"},
		{response{body: good}, 0, interval, "ok, 1 new"},
		{response{body: good}, 0, interval, "ok, 0 new"},
	}
	for i, s := range steps {
		srv.set("/rss", s.resp)
		res, err := p.PollOnce(ctx, srv.URL+"/rss")
		if (err != nil) != (s.failures > 0) {
			t.Errorf("step %d: err = %v", i, err)
		}
		f := res.Feed
		if f.Failures != s.failures || f.NextFetch.Sub(f.LastFetch) != s.delay || !f.LastFetch.Equal(clk.Now()) ||
			!strings.Contains(f.LastStatus, s.statusHas) {
			t.Errorf("step %d: failures %d, delay %v, status %q; want %d, %v, %q",
				i, f.Failures, f.NextFetch.Sub(f.LastFetch), f.LastStatus, s.failures, s.delay, s.statusHas)
		}
		clk.Advance(s.delay)
	}
	if n := len(ing.all()); n != 1 {
		t.Errorf("%d documents ingested, want 1", n)
	}
}

func TestBackoff(t *testing.T) {
	p := New(nil, nil, newMemStore(), &recIngester{}, nil, Options{Interval: 15 * time.Minute})
	want := map[int]time.Duration{0: 15 * time.Minute, 1: 30 * time.Minute, 2: time.Hour, 4: 4 * time.Hour, 5: 6 * time.Hour, 60: 6 * time.Hour, 1000: 6 * time.Hour}
	for n, w := range want {
		if got := p.backoff(n); got != w {
			t.Errorf("backoff(%d) = %v, want %v", n, got, w)
		}
	}
}

// Beyond MaxItemsPerPoll the newest items are taken first and the rest on
// later polls, which then fetch the feed in full.
func TestPollOnce_MaxItemsPerPoll(t *testing.T) {
	var items []rssItem
	for i := 5; i >= 1; i-- { // newest first
		items = append(items, rssItem{guid: fmt.Sprint(i), title: fmt.Sprint("Item ", i), link: fmt.Sprint("/", i), content: longText(fmt.Sprint(i))})
	}
	srv, p, ing, _, _ := setup(t, "/rss", response{body: rss("Courier", items...), etag: `"e"`}, Options{MaxItemsPerPoll: 2})
	ctx := ctxT(t)
	var statuses []string
	for range 4 {
		res, err := p.PollOnce(ctx, srv.URL+"/rss")
		if err != nil {
			t.Fatal(err)
		}
		statuses = append(statuses, res.Feed.LastStatus)
	}
	want := []string{"ok, 2 new, 3 left for the next poll", "ok, 2 new, 1 left for the next poll", "ok, 1 new", "not modified"}
	if d := cmp.Diff(want, statuses); d != "" {
		t.Errorf("statuses (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"Item 4", "Item 5", "Item 2", "Item 3", "Item 1"}, ing.titles()); d != "" {
		t.Errorf("ingest order (-want +got):\n%s", d)
	}
}

func TestPollOnce_IngestFailureRetried(t *testing.T) {
	body := rss("Courier", rssItem{guid: "a", title: "First", link: "/a", content: longText("a")})
	srv, p, ing, _, _ := setup(t, "/rss", response{body: body, etag: `"v1"`}, Options{})
	ctx := ctxT(t)
	ing.fail = errors.New("disk full")
	res, err := p.PollOnce(ctx, srv.URL+"/rss")
	if err == nil || res.Feed.Failures != 1 || res.Feed.ETag != "" {
		t.Fatalf("failing ingest: err %v, failures %d, etag %q", err, res.Feed.Failures, res.Feed.ETag)
	}
	ing.fail = nil
	res, err = p.PollOnce(ctx, srv.URL+"/rss")
	if err != nil || len(res.New) != 1 || res.Feed.Failures != 0 {
		t.Errorf("retry: err %v, new %d, failures %d", err, len(res.New), res.Feed.Failures)
	}
}

func TestCapSeen(t *testing.T) {
	p := New(nil, nil, newMemStore(), &recIngester{}, nil, Options{MaxSeen: 3})
	got := p.capSeen([]string{"old1", "feed1", "old2", "old3", "old2", "new1"}, []string{"feed1", "new1"})
	if d := cmp.Diff([]string{"feed1", "old2", "new1"}, got); d != "" {
		t.Errorf("capSeen (-want +got):\n%s", d)
	}
}

func TestAnnounce(t *testing.T) {
	var mu sync.Mutex
	var got []string
	o := Options{Announce: func(ctx context.Context, sub Subscriber, f Feed, items []Item) error {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, fmt.Sprintf("%s/%s %s %d", sub.Platform, sub.ChatID, f.Title, len(items)))
		return nil
	}}
	body := rss("Courier", rssItem{guid: "a", title: "First", link: "/a", content: longText("a")})
	srv, p, _, _, _ := setup(t, "/rss", response{body: body}, o)
	ctx := ctxT(t)
	if _, err := p.Follow(ctx, srv.URL+"/rss", Subscriber{Platform: "slack", ChatID: "C1", Announce: true}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := p.PollOnce(ctx, srv.URL+"/rss"); err != nil {
			t.Fatal(err)
		}
	}
	if d := cmp.Diff([]string{"slack/C1 Courier 1"}, got); d != "" {
		t.Errorf("announcements (-want +got):\n%s", d)
	}
}

func TestPollOnce_Unfollowed(t *testing.T) {
	_, p, _, _, _ := setup(t, "", response{}, Options{})
	if _, err := p.PollOnce(ctxT(t), "http://127.0.0.1:1/none"); !errors.Is(err, ErrNotFollowed) {
		t.Errorf("err = %v, want ErrNotFollowed", err)
	}
}

func slicesSortByTitle(d []analysis.Document) {
	slices.SortFunc(d, func(a, b analysis.Document) int { return strings.Compare(a.Title, b.Title) })
}

func sortedCopy(s []string) []string {
	return slices.Sorted(slices.Values(s))
}
