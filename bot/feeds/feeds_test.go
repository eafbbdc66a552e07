package feeds

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestFollow_StatePersists(t *testing.T) {
	body := rss("Varnholm Courier", rssItem{guid: "a", title: "First", link: "/a", content: longText("a")})
	srv := newFeedServer(t)
	srv.set("/rss", response{body: body})
	srv.set("/atom", response{body: atomDoc, ctype: "application/atom+xml"})
	srv.set("/page", response{body: "<html><body><p>Just a page.</p></body></html>", ctype: "text/html"})
	st := newMemStore()
	ctx := ctxT(t)
	chatB := Subscriber{Platform: "slack", ChatID: "C9"}

	p := New(nil, srv.Client(), st, &recIngester{}, nil, Options{})
	f, err := p.Follow(ctx, srv.URL+"/rss", chatA)
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "Varnholm Courier" || f.LastStatus != "new" || f.Announce {
		t.Errorf("Follow = %+v", f)
	}
	if _, err := p.Follow(ctx, srv.URL+"/rss#again", Subscriber{Platform: chatA.Platform, ChatID: chatA.ChatID, Announce: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Follow(ctx, srv.URL+"/rss", chatB); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Follow(ctx, srv.URL+"/atom", chatB); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.requests()); n != 2 {
		t.Errorf("%d fetches for 2 new feeds, want 2 (an already followed feed is not fetched)", n)
	}

	// A new poller over the same store sees the same state.
	p2 := New(nil, srv.Client(), st, &recIngester{}, nil, Options{})
	feeds, err := p2.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		URL, Title string
		Chats      []Subscriber
		Announce   bool
	}
	var got []row
	for _, f := range feeds {
		got = append(got, row{f.URL, f.Title, f.Chats, f.Announce})
	}
	want := []row{
		{srv.URL + "/atom", "Varnholm Ledger", []Subscriber{chatB}, false},
		{srv.URL + "/rss", "Varnholm Courier", []Subscriber{{chatA.Platform, chatA.ChatID, true}, chatB}, true},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Feeds after reopening (-want +got):\n%s", d)
	}
	if !feeds[1].Follows(chatA) || feeds[0].Follows(chatA) {
		t.Error("Follows is wrong")
	}

	if err := p2.Unfollow(ctx, srv.URL+"/rss", chatA); err != nil {
		t.Fatal(err)
	}
	if err := p2.Unfollow(ctx, srv.URL+"/rss", chatA); !errors.Is(err, ErrNotFollowed) {
		t.Errorf("second Unfollow: %v, want ErrNotFollowed", err)
	}
	if err := p2.Unfollow(ctx, srv.URL+"/atom", chatB); err != nil {
		t.Fatal(err)
	}
	feeds, err = New(nil, srv.Client(), st, &recIngester{}, nil, Options{}).Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 1 || feeds[0].URL != srv.URL+"/rss" || !cmp.Equal(feeds[0].Chats, []Subscriber{chatB}) || feeds[0].Announce {
		t.Errorf("after unfollows: %+v", feeds)
	}
	if err := p2.Unfollow(ctx, srv.URL+"/rss", chatB); err != nil {
		t.Fatal(err)
	}
	if keys := st.keys(); len(keys) != 0 {
		t.Errorf("state left after the last unfollow: %q", keys)
	}

	for _, tc := range []struct {
		url  string
		want error
	}{
		{srv.URL + "/page", ErrNotFeed},
		{"ftp://news.test/rss", ErrBadURL},
		{"not a url", ErrBadURL},
	} {
		if _, err := p.Follow(ctx, tc.url, chatA); !errors.Is(err, tc.want) {
			t.Errorf("Follow(%q) = %v, want %v", tc.url, err, tc.want)
		}
	}
	if _, err := p.Follow(ctx, srv.URL+"/missing", chatA); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("Follow of a 404: %v", err)
	}
	if keys := st.keys(); len(keys) != 0 {
		t.Errorf("failed follows left state: %q", keys)
	}
}

func TestFeeds_StoreError(t *testing.T) {
	st := newMemStore()
	st.fail = errors.New("db closed")
	p := New(nil, nil, st, &recIngester{}, nil, Options{})
	if _, err := p.Feeds(context.Background()); err == nil || !strings.Contains(err.Error(), "db closed") {
		t.Errorf("Feeds = %v", err)
	}
}

func TestRun_PollsAndStops(t *testing.T) {
	body := rss("Courier", rssItem{guid: "a", title: "First", link: "/a", content: longText("a")})
	srv, p, ing, _, _ := setup(t, "/rss", response{body: body, etag: `"v1"`}, Options{Interval: 20 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()

	deadline := time.Now().Add(3 * time.Second)
	for len(srv.requests()) < 4 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := len(srv.requests()); n < 4 {
		t.Errorf("%d requests in 3 s, want at least 4 (follow + 3 polls)", n)
	}
	if n := len(ing.all()); n != 1 {
		t.Errorf("%d documents ingested, want 1", n)
	}

	// A poll hanging on the server must not hold Run past ctx's end.
	block := make(chan struct{})
	defer close(block)
	srv.mu.Lock()
	srv.block = block
	srv.mu.Unlock()
	time.Sleep(60 * time.Millisecond)
	start := time.Now()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v, want nil", err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("Run returned %v after cancel", d)
		}
	case <-time.After(time.Second):
		t.Fatal("Run still running 1 s after cancel")
	}
	feeds, err := p.Feeds(context.Background())
	if err != nil || len(feeds) != 1 || feeds[0].Failures != 0 {
		t.Errorf("a cancelled poll counted as a failure: %+v, %v", feeds, err)
	}
}

// Run waits for the next due time (by the injected clock) and wakes at once
// for a newly followed feed.
func TestRun_WakesForNewFeed(t *testing.T) {
	body := rss("Courier", rssItem{guid: "a", title: "First", link: "/a", content: longText("a")})
	clk := newClock()
	srv, p, ing, _, _ := setup(t, "", response{}, Options{Interval: time.Hour, Now: clk.Now})
	srv.set("/rss", response{body: body})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	time.Sleep(20 * time.Millisecond)
	if _, err := p.Follow(ctx, srv.URL+"/rss", chatA); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for len(ing.all()) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := len(ing.all()); n != 1 {
		t.Errorf("%d documents ingested after follow, want 1", n)
	}
	time.Sleep(50 * time.Millisecond)
	if n := len(srv.requests()); n != 2 {
		t.Errorf("%d requests, want 2 (follow, first poll): the next is an hour away", n)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatal("Run still running 1 s after cancel")
	}
}

const typicalOPML = `<?xml version="1.0" encoding="ISO-8859-1"?>
<opml version="1.0">
  <head><title>Subscriptions of M. Quill</title><dateCreated>Tue, 03 Jun 2025 10:00:00 GMT</dateCreated></head>
  <body>
    <outline text="News" title="News">
      <outline text="Varnholm Courier" type="rss" xmlUrl="https://courier.test/rss" htmlUrl="https://courier.test/"/>
      <outline text="Regional">
        <outline text="Osk Gazette &amp; Post" type="rss" xmlUrl="HTTPS://Gazette.test/feed.xml#x"/>
        <outline text="Caf&eacute; d&#233;bats" type="rss" xmlURL="http://cafe.test/atom"/>
      </outline>
    </outline>
    <outline text="Dup" type="rss" xmlUrl="https://courier.test/rss"/>
    <outline text="Podcast" type="rss" xmlUrl="feed://podcast.test/rss"/>
    <outline text="Just a link" type="link" url="https://blog.test/"/>
  </body>
</opml>`

func TestImportOPML_Nested(t *testing.T) {
	got, err := ImportOPML(strings.NewReader(typicalOPML))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://courier.test/rss", "https://gazette.test/feed.xml", "http://cafe.test/atom"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("ImportOPML (-want +got):\n%s", d)
	}
	for _, bad := range []string{"", "<html><body/></html>", "not xml", "<opml><body><outline"} {
		if urls, err := ImportOPML(strings.NewReader(bad)); err == nil {
			t.Errorf("ImportOPML(%q) = %q, want error", bad, urls)
		}
	}
}

func TestOPML_RoundTrip(t *testing.T) {
	feeds := []Feed{
		{URL: "https://courier.test/rss", Title: "Varnholm Courier"},
		{URL: "https://gazette.test/feed.xml?lang=en&x=\"1\"", Title: "Osk <Gazette> & Post"},
		{URL: "http://cafe.test/atom"},
	}
	var buf bytes.Buffer
	if err := ExportOPML(&buf, feeds); err != nil {
		t.Fatal(err)
	}
	got, err := ImportOPML(&buf)
	if err != nil {
		t.Fatalf("%v in\n%s", err, buf.String())
	}
	want := []string{feeds[0].URL, feeds[1].URL, feeds[2].URL}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
}
