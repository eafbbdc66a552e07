package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

const linkedPage = `<!doctype html><html><head>
<title>Ferry line to the islands approved | Velin Post</title>
<meta property="og:site_name" content="Velin Post">
<meta property="article:published_time" content="2026-05-06T09:30:00+02:00">
<link rel="canonical" href="https://velinpost.example/2026/05/06/ferry-line">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ferry line to the islands approved</h1>
<p>The harbor council of Port Velin approved a new ferry line to the islands on Tuesday, council chair Mira Olsen said after a two-hour session.</p>
<p>The line will start in June and run four times a day between the harbor and the three inhabited islands, Olsen told reporters.</p>
<p>"This connects the islands to the mainland all year," she said, adding that the council had waited more than a decade for the money.</p>
<p>The regional transport authority will pay for two new boats, which are being built at a yard in Tarn and should be ready in May.</p>
<p>Islanders have asked for a winter service since the old ferry company stopped running in 2019, leaving only a weekly supply boat.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>`

func TestIngestLink_AllowPrivate(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, linkedPage)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "l.db")

	// refused by default: nothing is requested
	code, out, errs := cli(t, db, "", "--no-samples", "ingest", srv.URL+"/a.html")
	if code == 0 || !strings.Contains(out+errs, "won't fetch 127.0.0.1") || hits.Load() != 0 {
		t.Fatalf("default client: exit %d, %d requests, out %q", code, hits.Load(), out+errs)
	}

	// allowed explicitly: the page's article and meta tags
	code, out, errs = cli(t, db, "", "--no-samples", "--allow-private", "ingest", srv.URL+"/a.html")
	if code != 0 || !strings.Contains(out, "1 ingested") {
		t.Fatalf("with --allow-private: exit %d, out %q, err %q", code, out, errs)
	}
	code, out, _ = cli(t, db, "", "--no-samples", "ask", "--format", "json", "/sources")
	if code != 0 {
		t.Fatalf("ask: exit %d", code)
	}
	var r struct {
		Items []struct {
			Sources []map[string]string
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || len(r.Items) != 1 {
		t.Fatalf("sources: %v %s", err, out)
	}
	s := r.Items[0].Sources[0]
	if s["outlet"] != "Velin Post" || s["published"] != "2026-05-06" || s["title"] != "Ferry line to the islands approved" || s["url"] != "https://velinpost.example/2026/05/06/ferry-line" {
		t.Errorf("source = %v", s)
	}
	// the same link again is a duplicate (by canonical URL and text)
	if code, out, _ := cli(t, db, "", "--no-samples", "--allow-private", "ingest", srv.URL+"/a.html"); code != 0 || !strings.Contains(out, "1 duplicates skipped") {
		t.Errorf("second ingest: exit %d, %q", code, out)
	}
}

const feedXML = `<?xml version="1.0"?><rss version="2.0"><channel><title>Velin Post</title><link>%[1]s/</link>
<item><title>Ferry line to the islands approved</title><link>%[1]s/a.html</link><guid>ferry-1</guid><pubDate>Wed, 06 May 2026 09:30:00 +0200</pubDate><description>Short summary.</description></item>
</channel></rss>`

func TestFollow_ReadsFeedOnce(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/rss.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, feedXML, srv.URL)
		default:
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, linkedPage)
		}
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "f.db")
	code, out, errs := cli(t, db, "", "--no-samples", "--allow-private", "follow", srv.URL+"/rss.xml")
	if code != 0 || !strings.Contains(out, "1 new articles ingested") {
		t.Fatalf("follow: exit %d, out %q, err %q", code, out, errs)
	}
	code, out, _ = cli(t, db, "", "--no-samples", "--allow-private", "feeds")
	if code != 0 || !strings.Contains(out, srv.URL+"/rss.xml") || !strings.Contains(out, "Velin Post") {
		t.Errorf("feeds: exit %d, %q", code, out)
	}
	code, out, _ = cli(t, db, "", "--no-samples", "opml", "export")
	if code != 0 || !strings.Contains(out, `xmlUrl="`+srv.URL+`/rss.xml"`) {
		t.Errorf("opml export: exit %d, %q", code, out)
	}
	code, out, _ = cli(t, db, "", "--no-samples", "unfollow", srv.URL+"/rss.xml")
	if code != 0 {
		t.Errorf("unfollow: exit %d, %q", code, out)
	}
	if code, out, _ := cli(t, db, "", "--no-samples", "feeds"); code != 0 || !strings.Contains(out, "no feeds followed") {
		t.Errorf("feeds after unfollow: %q", out)
	}
}

// TestConsole_FollowAnnounce follows a feed with "announce" in the console:
// the poller reads it while the console runs and the new article is
// announced in the console.
func TestConsole_FollowAnnounce(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/rss.xml" {
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, feedXML, srv.URL)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, linkedPage)
	}))
	defer srv.Close()
	pr, pw := io.Pipe()
	out := &syncWriter{w: &bytes.Buffer{}}
	env := map[string]string{"BRIEFBOT_DB": filepath.Join(t.TempDir(), "c.db")}
	done := make(chan int, 1)
	go func() {
		done <- run(context.Background(), []string{"--no-samples", "--allow-private", "console"}, pr, out, io.Discard, func(k string) string { return env[k] })
	}()
	fmt.Fprintf(pw, "/follow %s/rss.xml announce\n", srv.URL)
	waitFor(t, "the announcement", func() bool { return strings.Contains(out.String(), "New from Velin Post") })
	pw.Close()
	if code := <-done; code != 0 {
		t.Errorf("console exit %d:\n%s", code, out.String())
	}
	if !strings.Contains(out.String(), "Following Velin Post") || !strings.Contains(out.String(), "Ferry line to the islands approved") {
		t.Errorf("console output:\n%s", out.String())
	}
}
