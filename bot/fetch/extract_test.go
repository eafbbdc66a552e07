package fetch

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/analysis"
)

func TestExtract_Published(t *testing.T) {
	tests := []struct {
		name, head, extra, url string
		want                   string // RFC 3339
		from                   string
	}{
		{
			name: "meta article:published_time",
			head: `<meta property="article:published_time" content="2025-08-06T14:05:00+03:00">`,
			want: "2025-08-06T14:05:00+03:00", from: "meta",
		},
		{
			name: "meta name=pubdate, no zone",
			head: `<meta name="pubdate" content="2024-02-29 08:30:00">`,
			want: "2024-02-29T08:30:00Z", from: "meta",
		},
		{
			name: "meta itemprop datePublished, date only",
			head: `<meta itemprop="datePublished" content="2023-12-31">`,
			want: "2023-12-31T00:00:00Z", from: "meta",
		},
		{
			name: "unparseable meta falls through to the next style",
			head: `<meta property="article:published_time" content="yesterday"><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2025-01-15T10:00:00Z"}</script>`,
			want: "2025-01-15T10:00:00Z", from: "json-ld",
		},
		{
			name: "JSON-LD NewsArticle",
			head: `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Water board votes","datePublished":"2025-08-06T09:00:00.000+02:00","author":{"@type":"Person","name":"Ola Kvist"}}</script>`,
			want: "2025-08-06T09:00:00+02:00", from: "json-ld",
		},
		{
			name: "JSON-LD @graph with @type list",
			head: `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","@id":"https://x.example/#site","name":"X"},{"@type":"Organization","@id":"https://x.example/#org","name":"Valley Herald"},{"@type":["NewsArticle","Article"],"headline":"Dam vote","datePublished":"2025-07-01T06:00:00Z","publisher":{"@id":"https://x.example/#org"}}]}</script>`,
			want: "2025-07-01T06:00:00Z", from: "json-ld",
		},
		{
			name: "JSON-LD top-level array, CDATA wrapped",
			head: `<script type="application/ld+json">//<![CDATA[
[{"@context":"https://schema.org","@type":"BreadcrumbList"},{"@context":"https://schema.org","@type":"ReportageNewsArticle","datePublished":"2022-10-05"}]
//]]></script>`,
			want: "2022-10-05T00:00:00Z", from: "json-ld",
		},
		{
			name:  "time datetime in the article",
			extra: `<footer><time datetime="2001-01-01">1 Jan 2001</time></footer>`,
			head:  ``,
			url:   "",
			want:  "2021-06-30T17:45:00+01:00", from: "time",
		},
		{
			name: "URL path date",
			url:  "https://herald.example/news/2025/08/06/dam-vote/",
			want: "2025-08-06T00:00:00Z", from: "url",
		},
		{
			name: "URL path date, dashed slug",
			url:  "https://herald.example/2019-11-03-dam-vote",
			want: "2019-11-03T00:00:00Z", from: "url",
		},
		{
			name: "URL path date, compact",
			url:  "https://herald.example/politics/20231224/dam",
			want: "2023-12-24T00:00:00Z", from: "url",
		},
		{
			name: "no date anywhere",
			url:  "https://herald.example/news/dam-vote-12345",
			want: "", from: "",
		},
		{
			name: "impossible URL date ignored",
			url:  "https://herald.example/2025/02/30/dam",
			want: "", from: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := articlePage(tt.head, tt.extra)
			if tt.from == "time" {
				page = strings.Replace(page, "<h1>", `<p class="meta"><time datetime="2021-06-30T17:45:00+01:00">30 June</time></p><h1>`, 1)
			}
			url := tt.url
			if url == "" {
				url = "https://herald.example/news/dam-vote"
			}
			p, err := Extract([]byte(page), "text/html", url)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			got := ""
			if !p.Published.IsZero() {
				got = p.Published.Format(time.RFC3339)
			}
			if got != tt.want || p.PublishedFrom != tt.from {
				t.Errorf("Published = %q from %q, want %q from %q", got, p.PublishedFrom, tt.want, tt.from)
			}
		})
	}
}

func TestExtract_Metadata(t *testing.T) {
	tests := []struct {
		name, head, url string
		want            Page // only the metadata fields are compared
	}{
		{
			name: "og tags, canonical relative",
			head: `<meta property="og:site_name" content="Valley Herald"><meta property="og:title" content="Water board votes to raise Marrow dam | Valley Herald"><link rel="canonical" href="/news/marrow-dam">`,
			url:  "https://www.herald.example/a/b?utm_source=x&id=7#frag",
			want: Page{Canonical: "https://www.herald.example/news/marrow-dam", FinalURL: "https://www.herald.example/a/b?id=7",
				Document: docOf("Water board votes to raise Marrow dam", "Valley Herald", "https://www.herald.example/news/marrow-dam")},
		},
		{
			name: "og:url when no link rel=canonical",
			head: `<meta property="og:url" content="https://herald.example/news/marrow-dam?utm_medium=social">`,
			url:  "https://m.herald.example/news/marrow-dam?amp=1",
			want: Page{Canonical: "https://herald.example/news/marrow-dam", FinalURL: "https://m.herald.example/news/marrow-dam?amp=1",
				Document: docOf("Water board votes to raise Marrow dam", "herald.example", "https://herald.example/news/marrow-dam")},
		},
		{
			name: "front page as canonical is ignored",
			head: `<link rel="canonical" href="https://herald.example/">`,
			url:  "https://herald.example/news/marrow-dam",
			want: Page{FinalURL: "https://herald.example/news/marrow-dam",
				Document: docOf("Water board votes to raise Marrow dam", "herald.example", "https://herald.example/news/marrow-dam")},
		},
		{
			name: "application-name as outlet",
			head: `<meta name="application-name" content="Kestrel Times">`,
			url:  "https://kt.example/x",
			want: Page{FinalURL: "https://kt.example/x",
				Document: docOf("Water board votes to raise Marrow dam", "Kestrel Times", "https://kt.example/x")},
		},
		{
			name: "JSON-LD publisher, headline and authors",
			head: `<script type="application/ld+json">{"@context":"http://schema.org","@type":"NewsArticle","headline":"Marrow dam to rise two metres","author":[{"@type":"Person","name":"Ola Kvist"},{"@type":"Person","name":"Siv Rud"},"https://herald.example/staff/9"],"publisher":{"@type":"NewsMediaOrganization","name":"Valley Herald"}}</script>`,
			url:  "https://herald.example/x",
			want: Page{FinalURL: "https://herald.example/x", Byline: "Ola Kvist, Siv Rud",
				Document: docOf("Marrow dam to rise two metres", "Valley Herald", "https://herald.example/x")},
		},
		{
			name: "meta author; profile URL in article:author skipped",
			head: `<meta property="article:author" content="https://social.example/olakvist"><meta name="author" content="By Ola Kvist">`,
			url:  "https://herald.example/x",
			want: Page{FinalURL: "https://herald.example/x", Byline: "Ola Kvist",
				Document: docOf("Water board votes to raise Marrow dam", "herald.example", "https://herald.example/x")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Extract([]byte(articlePage(tt.head, "")), "text/html; charset=utf-8", tt.url)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			got := Page{Canonical: p.Canonical, FinalURL: p.FinalURL, Byline: p.Byline,
				Document: docOf(p.Title, p.Outlet, p.URL)}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("metadata (-want +got):\n%s", diff)
			}
		})
	}
}

func docOf(title, outlet, url string) (d analysis.Document) {
	d.Title, d.Outlet, d.URL = title, outlet, url
	return d
}

func TestExtract_NotArticle(t *testing.T) {
	long := strings.Join(storyParagraphs, " ")
	tests := []struct {
		name, body string
		wantWhy    string
	}{
		{"empty", "<html><body></body></html>", "couldn't find an article at that link (the page has no article text)"},
		{"one line", "<html><body><p>Swans on the lake.</p></body></html>", "couldn't find an article at that link (only 4 words of text)"},
		{"consent dialog", `<html><body><div><h2>We value your privacy</h2><p>We and our partners use cookies to store and access information on your device, to personalise content and ads and to analyse traffic. You can accept all cookies or manage your cookie preferences at any time.</p><p>By continuing to use the site you consent to the use of cookies described in our cookie policy, and partners process your data for measurement and audience research.</p><p>Storing and accessing information on a device, personalised advertising, content measurement, audience research and service development are among the purposes listed by our vendors in the settings.</p></div></body></html>`,
			"couldn't find an article at that link (it looks like a cookie consent page)"},
		{"paywall lead plus prompt", `<html><body><article><p>` + storyParagraphs[0] + `</p><p>Subscribe now to continue reading. Already a subscriber? Sign in to read the rest of this story and every other article on the site, with our daily newsletter and crossword included in every plan.</p><p>Start your free trial today and cancel at any time.</p></article></body></html>`,
			"couldn't find an article at that link (it looks like a subscription wall)"},
		{"isAccessibleForFree false and short", `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","isAccessibleForFree":"False"}</script></head><body><article><p>` + long + `</p></article></body></html>`,
			"couldn't find an article at that link (the page says the article is for subscribers only)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Extract([]byte(tt.body), "text/html", "https://herald.example/x")
			if !errors.Is(err, ErrNotArticle) {
				t.Fatalf("error = %v, want ErrNotArticle", err)
			}
			if err.Error() != tt.wantWhy {
				t.Errorf("message = %q, want %q", err.Error(), tt.wantWhy)
			}
		})
	}

	t.Run("long article with a subscribe footer is kept", func(t *testing.T) {
		page := articlePage("", `<p class="promo">Subscribe now for the whole story of the valley.</p>`)
		if _, err := Extract([]byte(page), "text/html", ""); err != nil {
			t.Errorf("Extract: %v", err)
		}
	})
}

func TestExtract_NoURL(t *testing.T) {
	p, err := Extract([]byte(articlePage("", "")), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if p.URL != "" || p.Outlet != "" || !p.Published.IsZero() {
		t.Errorf("without a URL: URL %q, Outlet %q, Published %v; want all empty", p.URL, p.Outlet, p.Published)
	}
	if got, want := p.Text, strings.Join(storyParagraphs, "\n"); got != want {
		t.Errorf("text:\n%s\nwant:\n%s", got, want)
	}
}

func TestParseTime(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2025-08-06T14:05:00Z", "2025-08-06T14:05:00Z"},
		{"2025-08-06T14:05:00.123+0300", "2025-08-06T14:05:00+03:00"},
		{"2025-08-06T14:05+03:00", "2025-08-06T14:05:00+03:00"},
		{"2025-08-06 14:05:00", "2025-08-06T14:05:00Z"},
		{"Wed, 06 Aug 2025 14:05:00 +0300", "2025-08-06T14:05:00+03:00"},
		{"August 6, 2025", "2025-08-06T00:00:00Z"},
		{"6 August 2025", "2025-08-06T00:00:00Z"},
		{"20250806", "2025-08-06T00:00:00Z"},
		{"1754478300", "2025-08-06T11:05:00Z"},
		{"1754478300000", "2025-08-06T11:05:00Z"},
		{"0001-01-01T00:00:00Z", ""},
		{"1970-01-01", ""},
		{"yesterday", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := ""
			if tm, ok := parseTime(tt.in); ok {
				got = tm.Format(time.RFC3339)
			}
			if got != tt.want {
				t.Errorf("parseTime(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStripTracking(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://a.example/x?utm_source=a&utm_medium=b", "https://a.example/x"},
		{"https://a.example/x?id=3&fbclid=zz&page=2#c", "https://a.example/x?id=3&page=2"},
		{"https://a.example/x?b=1&a=2", "https://a.example/x?b=1&a=2"},
		{"https://a.example/x?", "https://a.example/x"},
	}
	for _, tt := range tests {
		u, err := ParseLink(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := stripTracking(u).String(); got != tt.want {
			t.Errorf("stripTracking(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestExtract_TooManyElements(t *testing.T) {
	page := articlePage("", strings.Repeat("<div><span>x</span></div>", 30_000))
	start := time.Now()
	_, err := Extract([]byte(page), "text/html", "")
	if !errors.Is(err, ErrNotArticle) || !strings.Contains(err.Error(), "more than 50000 HTML elements") {
		t.Errorf("error = %v, want ErrNotArticle for too many elements", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v to refuse", d)
	}
}
