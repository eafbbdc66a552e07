package feeds

import (
	"net/url"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zone data for the host-zone test

	"github.com/google/go-cmp/cmp"
)

const atomDoc = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Varnholm Ledger</title>
  <updated>2025-06-03T10:00:00Z</updated>
  <entry>
    <id>tag:ledger.test,2025:ferry</id>
    <title>Ferry timetable changes</title>
    <link rel="alternate" href="stories/ferry.html"/>
    <published>2025-06-03T09:15:00-03:30</published>
    <content type="html">&lt;p&gt;The ferry to Osk will leave at dawn.&lt;/p&gt;&lt;p&gt;Captain Ilse Marrow said so.&lt;/p&gt;</content>
  </entry>
  <entry>
    <id>tag:ledger.test,2025:bridge</id>
    <title>Bridge repaired</title>
    <link href="https://ledger.test/bridge"/>
    <updated>2025-06-02T18:00:00+05:45</updated>
    <summary>Workers finished the bridge.</summary>
  </entry>
</feed>`

const jsonDoc = `{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Osk Evening Post",
  "items": [
    {"id": "42", "url": "/2025/06/03/harbour", "title": "Harbour fees rise",
     "content_text": "Harbour fees in Osk rose on Tuesday.\n\nMayor Tobin Quay objected.",
     "date_published": "2025-06-03T23:30:00+14:00"},
    {"id": "43", "title": "No link here", "summary": "A short note.",
     "date_published": "2025-06-03T08:00:00Z"}
  ]
}`

func TestParseFeed_Formats(t *testing.T) {
	base, _ := url.Parse("http://news.test/feeds/main.xml")
	utc := func(s string) time.Time {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return t.UTC()
	}
	type item struct {
		GUID, Title, Link, Text string
		Published               time.Time
	}
	tests := []struct {
		name  string
		doc   string
		title string
		want  []item
	}{
		{
			name:  "rss",
			title: "Varnholm Courier",
			doc: rss("Varnholm Courier",
				rssItem{guid: "c-1", title: "Dock strike ends", link: "/news/dock.html", desc: "<p>The strike ended.</p>", date: "Tue, 03 Jun 2025 09:15:00 +0545"},
				rssItem{guid: "c-2", title: "Storm warning", link: "storm.html", desc: "Winds &amp; rain.", date: "Tue, 03 Jun 2025 09:15:00 EDT"},
				rssItem{title: "Market day", link: "https://other.test/market", content: "<div>Stalls <b>opened</b> early.<script>x()</script></div>", date: "Tue, 03 Jun 2025 09:15:00 IST"},
			),
			want: []item{
				{"c-1", "Dock strike ends", "http://news.test/news/dock.html", "The strike ended.", utc("2025-06-03T03:30:00Z")},
				{"c-2", "Storm warning", "http://news.test/feeds/storm.html", "Winds & rain.", utc("2025-06-03T13:15:00Z")},
				{"", "Market day", "https://other.test/market", "Stalls opened early.", utc("2025-06-03T03:45:00Z")},
			},
		},
		{
			name:  "atom",
			title: "Varnholm Ledger",
			doc:   atomDoc,
			want: []item{
				{"tag:ledger.test,2025:ferry", "Ferry timetable changes", "http://news.test/feeds/stories/ferry.html",
					"The ferry to Osk will leave at dawn.\n\nCaptain Ilse Marrow said so.", utc("2025-06-03T12:45:00Z")},
				{"tag:ledger.test,2025:bridge", "Bridge repaired", "https://ledger.test/bridge", "Workers finished the bridge.", utc("2025-06-02T12:15:00Z")},
			},
		},
		{
			name:  "json feed",
			title: "Osk Evening Post",
			doc:   jsonDoc,
			want: []item{
				{"42", "Harbour fees rise", "http://news.test/2025/06/03/harbour",
					"Harbour fees in Osk rose on Tuesday.\n\nMayor Tobin Quay objected.", utc("2025-06-03T09:30:00Z")},
				{"43", "No link here", "", "A short note.", utc("2025-06-03T08:00:00Z")},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pf, err := parseFeed([]byte(tc.doc), base)
			if err != nil {
				t.Fatal(err)
			}
			if pf.title != tc.title {
				t.Errorf("title = %q, want %q", pf.title, tc.title)
			}
			var got []item
			for _, it := range pf.items {
				got = append(got, item{it.guid, it.title, it.link, it.text, it.published.UTC()})
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("items (-want +got):\n%s", d)
			}
		})
	}
}

func TestParseFeed_NotAFeed(t *testing.T) {
	for _, doc := range []string{"", "<html><body>hello</body></html>", "<rss><channel><item>", "{\"nope\": 1}", "\x00\x01garbage"} {
		if _, err := parseFeed([]byte(doc), nil); err == nil {
			t.Errorf("parseFeed(%q) succeeded", doc)
		}
	}
}

func TestItemKeys(t *testing.T) {
	a := itemKeys(parsedItem{guid: "g1", link: "http://x.test/a", title: "T", text: "body"})
	if len(a) != 2 || !strings.HasPrefix(a[0], "g:") || !strings.HasPrefix(a[1], "l:") {
		t.Errorf("guid+link keys = %q", a)
	}
	h1 := itemKeys(parsedItem{title: "Title", text: "Some text."})
	h2 := itemKeys(parsedItem{title: "title", text: "some   text"})
	if len(h1) != 1 || !strings.HasPrefix(h1[0], "h:") || h1[0] != h2[0] {
		t.Errorf("hash keys = %q, %q; want one equal h: key", h1, h2)
	}
	if k := itemKeys(parsedItem{}); k != nil {
		t.Errorf("empty item keys = %q", k)
	}
}

func TestHTMLText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain  text\nwrapped\n\nsecond para", "plain text wrapped\n\nsecond para"},
		{"<p>One &amp; two.</p><p>Three<br>four</p>", "One & two.\n\nThree\n\nfour"},
		{"<style>p{}</style><p>Kept</p><script>drop()</script>", "Kept"},
		{"Broken <b>markup", "Broken markup"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := htmlText(tc.in); got != tc.want {
			t.Errorf("htmlText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNormalizeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{" HTTPS://News.Test/rss#top ", "https://news.test/rss"},
		{"http://news.test", "http://news.test/"},
		{"<http://news.test/a.xml>", "http://news.test/a.xml"},
		{"ftp://news.test/rss", ""},
		{"news.test/rss", ""},
		{"http://user:pw@news.test/", ""},
		{"", ""},
	}
	for _, tc := range tests {
		got, err := NormalizeURL(tc.in)
		if tc.want == "" {
			if err == nil {
				t.Errorf("NormalizeURL(%q) = %q, want error", tc.in, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("NormalizeURL(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

// FuzzParse feeds raw bytes to the feed parser: it must not panic, and what
// it returns must hold its invariants.
func FuzzParse(f *testing.F) {
	f.Add([]byte(rss("Seed", rssItem{guid: "1", title: "A", link: "/a", desc: "<p>x</p>", date: "Tue, 03 Jun 2025 09:15:00 IST"})))
	f.Add([]byte(atomDoc))
	f.Add([]byte(jsonDoc))
	f.Add([]byte(`<rss><channel><item><link>javascript:alert(1)</link></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="../"><entry><link href="//x"/></entry></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","items":[{"url":"%zz"}]}`))
	base, _ := url.Parse("http://news.test/feeds/main.xml")
	f.Fuzz(func(t *testing.T, b []byte) {
		pf, err := parseFeed(b, base)
		if err != nil {
			return
		}
		for _, it := range pf.items {
			if len(it.keys) == 0 {
				t.Errorf("item without keys: %+v", it)
			}
			if it.link != "" && !strings.HasPrefix(it.link, "http://") && !strings.HasPrefix(it.link, "https://") {
				t.Errorf("link %q is not http(s)", it.link)
			}
		}
	})
}

// gofeed reads a known zone abbreviation in the host's zone; the result must
// not depend on where the bot runs.
func TestParseFeed_ZoneIndependentOfHost(t *testing.T) {
	doc := []byte(rss("Courier",
		rssItem{guid: "1", title: "A", date: "Tue, 03 Jun 2025 09:15:00 IST"},
		rssItem{guid: "2", title: "B", date: "Tue, 3 Jun 2025 09:15 JST"},
		rssItem{guid: "3", title: "C", date: "Tue, 03 Jun 2025 09:15:00 +0530 (IST)"},
		rssItem{guid: "4", title: "D", date: "Tue, 03 Jun 2025 09:15:00 XYZ"},
	))
	want := []time.Time{
		time.Date(2025, 6, 3, 3, 45, 0, 0, time.UTC),
		time.Date(2025, 6, 3, 0, 15, 0, 0, time.UTC),
		time.Date(2025, 6, 3, 3, 45, 0, 0, time.UTC),
		time.Date(2025, 6, 3, 9, 15, 0, 0, time.UTC), // unknown: read as UTC
	}
	old := time.Local
	t.Cleanup(func() { time.Local = old })
	for _, name := range []string{"UTC", "Asia/Kolkata", "Asia/Tokyo", "America/New_York"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Skipf("no zone data for %s: %v", name, err)
		}
		time.Local = loc
		pf, err := parseFeed(doc, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i, it := range pf.items {
			if !it.published.Equal(want[i]) {
				t.Errorf("host zone %s: item %s at %v, want %v", name, it.title, it.published.UTC(), want[i])
			}
		}
	}
}
