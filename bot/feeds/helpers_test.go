package feeds

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/analysis"
)

// memStore is a map-backed Store that copies values in and out, as bbolt does.
type memStore struct {
	mu   sync.Mutex
	m    map[string][]byte
	fail error // returned by every call when set
}

func newMemStore() *memStore { return &memStore{m: map[string][]byte{}} }

func (s *memStore) GetState(ctx context.Context, bucket, key string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail != nil {
		return nil, s.fail
	}
	if key == "" {
		return nil, errors.New("empty state key")
	}
	v, ok := s.m[bucket+"\x00"+key]
	if !ok {
		return nil, nil
	}
	return append([]byte{}, v...), nil
}

func (s *memStore) PutState(ctx context.Context, bucket, key string, val []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail != nil {
		return s.fail
	}
	if key == "" {
		return errors.New("empty state key")
	}
	if val == nil {
		delete(s.m, bucket+"\x00"+key)
		return nil
	}
	s.m[bucket+"\x00"+key] = append([]byte{}, val...)
	return nil
}

func (s *memStore) keys() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for k := range s.m {
		out = append(out, k)
	}
	return out
}

// recIngester records every document it is given. With dedup set it answers
// duplicate for a URL or text it has seen, like the bot's Ingest; without, it
// stores everything, so the poller's own de-duplication is what a test sees.
type recIngester struct {
	mu    sync.Mutex
	dedup bool
	docs  []analysis.Document
	fail  error
	known map[string]uint64
}

func (g *recIngester) IngestDoc(ctx context.Context, doc analysis.Document) (uint64, bool, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.fail != nil {
		return 0, false, g.fail
	}
	if g.known == nil {
		g.known = map[string]uint64{}
	}
	if g.dedup {
		if id, ok := g.known["u:"+doc.URL]; ok && doc.URL != "" {
			return id, true, nil
		}
		if id, ok := g.known["h:"+analysis.ContentHash(doc.Text)]; ok {
			return id, true, nil
		}
	}
	g.docs = append(g.docs, doc)
	id := uint64(len(g.docs))
	g.known["u:"+doc.URL] = id
	g.known["h:"+analysis.ContentHash(doc.Text)] = id
	return id, false, nil
}

func (g *recIngester) all() []analysis.Document {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]analysis.Document(nil), g.docs...)
}

func (g *recIngester) titles() []string {
	var out []string
	for _, d := range g.all() {
		out = append(out, d.Title)
	}
	return out
}

// fakeArticles serves pages by URL and records what was asked.
type fakeArticles struct {
	mu    sync.Mutex
	pages map[string]analysis.Document
	asked []string
}

func (a *fakeArticles) Article(ctx context.Context, url string) (analysis.Document, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.asked = append(a.asked, url)
	d, ok := a.pages[url]
	if !ok {
		return analysis.Document{}, errors.New("couldn't find an article at that link")
	}
	return d, nil
}

// feedServer serves one feed document per path on 127.0.0.1 and records the
// requests. A response with an ETag or Last-Modified answers 304 to a
// matching conditional request.
type feedServer struct {
	*httptest.Server
	mu    sync.Mutex
	resp  map[string]response
	reqs  []http.Header
	block chan struct{} // when set, requests wait for it or for their context
}

type response struct {
	status        int // 0: 200
	ctype         string
	body          string
	etag, lastMod string
}

func newFeedServer(t *testing.T) *feedServer {
	t.Helper()
	s := &feedServer{resp: map[string]response{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *feedServer) set(path string, r response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.resp[path] = r
}

func (s *feedServer) requests() []http.Header {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]http.Header(nil), s.reqs...)
}

func (s *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.reqs = append(s.reqs, r.Header.Clone())
	resp, ok := s.resp[r.URL.Path]
	block := s.block
	s.mu.Unlock()
	if block != nil {
		select {
		case <-block:
		case <-r.Context().Done():
			return
		}
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	if resp.status != 0 {
		http.Error(w, "broken", resp.status)
		return
	}
	if resp.etag != "" {
		w.Header().Set("ETag", resp.etag)
	}
	if resp.lastMod != "" {
		w.Header().Set("Last-Modified", resp.lastMod)
	}
	if (resp.etag != "" && r.Header.Get("If-None-Match") == resp.etag) ||
		(resp.etag == "" && resp.lastMod != "" && r.Header.Get("If-Modified-Since") == resp.lastMod) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	ct := resp.ctype
	if ct == "" {
		ct = "application/rss+xml; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	_, _ = w.Write([]byte(resp.body))
}

// clock is a settable fake time.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2025, 6, 3, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// rssItem renders an RSS item; empty fields are left out.
type rssItem struct{ guid, title, link, desc, content, date string }

func rss(title string, items ...rssItem) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>` + title + `</title><link>http://example.test/</link><description>test feed</description>
`)
	for _, it := range items {
		b.WriteString("<item>")
		if it.guid != "" {
			b.WriteString("<guid isPermaLink=\"false\">" + it.guid + "</guid>")
		}
		if it.title != "" {
			b.WriteString("<title>" + it.title + "</title>")
		}
		if it.link != "" {
			b.WriteString("<link>" + it.link + "</link>")
		}
		if it.desc != "" {
			b.WriteString("<description><![CDATA[" + it.desc + "]]></description>")
		}
		if it.content != "" {
			b.WriteString("<content:encoded><![CDATA[" + it.content + "]]></content:encoded>")
		}
		if it.date != "" {
			b.WriteString("<pubDate>" + it.date + "</pubDate>")
		}
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

// longText returns a paragraph well over the summary length, distinct per seed.
func longText(seed string) string {
	var b strings.Builder
	for i := 0; b.Len() < 2*summaryRunes; i++ {
		b.WriteString("The council of Varnholm met again about " + seed + " and the harbour fees. ")
	}
	return b.String()
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}
