package fetch

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// meta is what a page's head and structured data say about the article.
type meta struct {
	title, byline, outlet, canonical string
	published                        time.Time
	publishedFrom                    string // "meta", "json-ld", "time"
	paywalled                        bool   // JSON-LD isAccessibleForFree: false
}

// publishedKeys are meta names, properties and itemprops that carry the
// publication time, best first (lower case).
var publishedKeys = []string{
	"article:published_time", "og:article:published_time", "article:published", "article.published",
	"datepublished", "publishdate", "publish-date", "publish_date", "pubdate", "publication_date",
	"sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created",
	"date",
}

// readMeta reads the metadata of a parsed page; base (may be nil) resolves
// relative URLs.
func readMeta(doc *goquery.Document, base *url.URL) meta {
	var m meta
	tags := map[string][]string{}
	doc.Find("meta").Each(func(_ int, s *goquery.Selection) {
		content, ok := s.Attr("content")
		if !ok {
			return
		}
		content = clean(content)
		if content == "" {
			return
		}
		for _, attr := range []string{"property", "name", "itemprop"} {
			if k, ok := s.Attr(attr); ok {
				for _, key := range strings.Fields(strings.ToLower(k)) {
					tags[key] = append(tags[key], content)
				}
			}
		}
	})
	first := func(keys ...string) string {
		for _, k := range keys {
			if v := tags[k]; len(v) > 0 {
				return v[0]
			}
		}
		return ""
	}

	ld := readJSONLD(doc)

	m.title = firstNonEmpty(ld.headline, first("og:title", "twitter:title"))
	m.outlet = firstNonEmpty(first("og:site_name", "application-name"), ld.publisher)
	m.paywalled = ld.paywalled

	// Byline: structured data, then meta tags; URLs (profile links) are no names.
	var authors []string
	authors = append(authors, ld.authors...)
	if len(authors) == 0 {
		for _, k := range []string{"author", "article:author", "dc.creator", "parsely-author", "sailthru.author"} {
			for _, v := range tags[k] {
				if !looksLikeURL(v) {
					authors = append(authors, v)
				}
			}
			if len(authors) > 0 {
				break
			}
		}
	}
	m.byline = strings.Join(dedupe(authors), ", ")

	// Published time: meta tags, JSON-LD, <time> elements.
	for _, k := range publishedKeys {
		for _, v := range tags[k] {
			if t, ok := parseTime(v); ok {
				m.published, m.publishedFrom = t, "meta"
				break
			}
		}
		if m.publishedFrom != "" {
			break
		}
	}
	if m.published.IsZero() {
		for _, v := range ld.published {
			if t, ok := parseTime(v); ok {
				m.published, m.publishedFrom = t, "json-ld"
				break
			}
		}
	}
	if m.published.IsZero() {
		if t, ok := timeElement(doc); ok {
			m.published, m.publishedFrom = t, "time"
		}
	}

	// Canonical URL: link rel=canonical, then og:url.
	doc.Find("link[rel][href]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		rel, _ := s.Attr("rel")
		for _, r := range strings.Fields(strings.ToLower(rel)) {
			if r == "canonical" {
				href, _ := s.Attr("href")
				m.canonical = canonicalURL(href, base)
				return m.canonical == ""
			}
		}
		return true
	})
	if m.canonical == "" {
		m.canonical = canonicalURL(first("og:url"), base)
	}
	return m
}

// timeElement finds the publication time in <time> (or itemprop) elements:
// itemprop=datePublished, time[pubdate], a <time> inside the article or
// main element, then the first <time> outside headers, navigation, footers
// and asides.
func timeElement(doc *goquery.Document) (time.Time, bool) {
	attrTime := func(s *goquery.Selection) (time.Time, bool) {
		for _, a := range []string{"datetime", "content"} {
			if v, ok := s.Attr(a); ok {
				if t, ok := parseTime(v); ok {
					return t, true
				}
			}
		}
		return time.Time{}, false
	}
	for _, sel := range []string{`[itemprop~="datePublished"]`, "time[pubdate]", "article time[datetime]", "main time[datetime]", "time[datetime]"} {
		var found time.Time
		doc.Find(sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if sel == "time[datetime]" && s.ParentsFiltered("header, nav, footer, aside").Length() > 0 {
				return true
			}
			if t, ok := attrTime(s); ok {
				found = t
				return false
			}
			return true
		})
		if !found.IsZero() {
			return found, true
		}
	}
	return time.Time{}, false
}

// canonicalURL resolves href against base and returns it when it is a
// usable canonical URL: absolute http(s), with a host, not the site's front
// page standing in for an article (a common template mistake that would
// make every article of a site look like a duplicate).
func canonicalURL(href string, base *url.URL) string {
	href = strings.TrimSpace(href)
	if href == "" {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return ""
	}
	if (u.Path == "" || u.Path == "/") && u.RawQuery == "" && base != nil && strings.Trim(base.Path, "/") != "" {
		return ""
	}
	return stripTracking(u).String()
}

// trackingParams are query parameters that only track the click.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "yclid": true, "msclkid": true, "igshid": true,
	"mc_cid": true, "mc_eid": true, "_ga": true, "ocid": true, "cmpid": true, "smid": true,
}

// stripTracking returns a copy of u without fragment and tracking query
// parameters (utm_*, fbclid…). Other parameters keep their order.
func stripTracking(u *url.URL) *url.URL {
	c := *u
	c.Fragment, c.RawFragment = "", ""
	c.ForceQuery = false
	if c.RawQuery == "" {
		return &c
	}
	var kept []string
	for part := range strings.SplitSeq(c.RawQuery, "&") {
		key, _, _ := strings.Cut(part, "=")
		if k, err := url.QueryUnescape(key); err == nil {
			key = k
		}
		key = strings.ToLower(key)
		if part == "" || strings.HasPrefix(key, "utm_") || trackingParams[key] {
			continue
		}
		kept = append(kept, part)
	}
	c.RawQuery = strings.Join(kept, "&")
	return &c
}

// ldFacts is what JSON-LD structured data says about the article.
type ldFacts struct {
	headline  string
	authors   []string
	publisher string
	published []string // datePublished values, article objects first
	paywalled bool
}

// articleTypes are schema.org types of a news article or page.
var rxArticleType = regexp.MustCompile(`^(?:https?://schema\.org/)?(?:\w*Article|BlogPosting|LiveBlogPosting|Report|SocialMediaPosting|Blog)$`)

const (
	maxLDBytes   = 1 << 20 // larger JSON-LD blocks are skipped
	maxLDObjects = 2000    // objects visited over all blocks
	maxLDDepth   = 12
)

// readJSONLD reads every <script type="application/ld+json"> block,
// walking arrays, @graph lists and nested objects.
func readJSONLD(doc *goquery.Document) ldFacts {
	var articles, others []map[string]any
	byID := map[string]map[string]any{}
	budget := maxLDObjects
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > maxLDDepth || budget <= 0 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				walk(e, depth+1)
			}
		case map[string]any:
			budget--
			if id, ok := x["@id"].(string); ok && len(x) > 1 {
				byID[id] = x
			}
			if isArticle(x["@type"]) {
				articles = append(articles, x)
			} else if _, ok := x["datePublished"]; ok {
				others = append(others, x)
			}
			for k, e := range x {
				if k == "@context" {
					continue
				}
				walk(e, depth+1)
			}
		}
	}
	doc.Find("script").Each(func(_ int, s *goquery.Selection) {
		typ, _ := s.Attr("type")
		if !strings.EqualFold(strings.TrimSpace(strings.Split(typ, ";")[0]), "application/ld+json") {
			return
		}
		text := s.Text()
		if len(text) > maxLDBytes {
			return
		}
		// Cut wrappers such as //<![CDATA[ … //]]> and <!-- … -->.
		text = strings.Replace(text, "<![CDATA[", "", 1)
		if k := strings.LastIndex(text, "]]>"); k >= 0 {
			text = text[:k]
		}
		i, j := strings.IndexAny(text, "{["), strings.LastIndexAny(text, "}]")
		if i < 0 || j < i {
			return
		}
		text = text[i : j+1]
		var v any
		if json.Unmarshal([]byte(text), &v) != nil {
			return
		}
		walk(v, 0)
	})

	var f ldFacts
	resolve := func(v any) any {
		if m, ok := v.(map[string]any); ok {
			if id, ok := m["@id"].(string); ok && len(m) == 1 {
				if full, ok := byID[id]; ok {
					return full
				}
			}
		}
		return v
	}
	for _, a := range articles {
		if f.headline == "" {
			f.headline = clean(firstNonEmpty(str(a["headline"]), str(a["name"])))
		}
		if len(f.authors) == 0 {
			f.authors = names(a["author"], resolve)
		}
		if f.publisher == "" {
			if p := names(a["publisher"], resolve); len(p) > 0 {
				f.publisher = p[0]
			}
		}
		if s := str(a["datePublished"]); s != "" {
			f.published = append(f.published, s)
		}
		if isFalse(a["isAccessibleForFree"]) {
			f.paywalled = true
		}
	}
	for _, o := range others {
		if s := str(o["datePublished"]); s != "" {
			f.published = append(f.published, s)
		}
	}
	return f
}

func isArticle(t any) bool {
	switch x := t.(type) {
	case string:
		return rxArticleType.MatchString(x)
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok && rxArticleType.MatchString(s) {
				return true
			}
		}
	}
	return false
}

// str returns v as a string: a string, the first string of a list, or a
// number; "" otherwise.
func str(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok && strings.TrimSpace(s) != "" {
				return strings.TrimSpace(s)
			}
		}
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

// names reads person or organisation names: a string, an object with a
// name (or an @id reference to one), or a list of those.
func names(v any, resolve func(any) any) []string {
	var out []string
	var add func(v any, depth int)
	add = func(v any, depth int) {
		if depth > 3 {
			return
		}
		switch x := resolve(v).(type) {
		case string:
			if s := clean(x); s != "" && !looksLikeURL(s) {
				out = append(out, s)
			}
		case map[string]any:
			if s := clean(str(x["name"])); s != "" && !looksLikeURL(s) {
				out = append(out, s)
			}
		case []any:
			for _, e := range x {
				add(e, depth+1)
			}
		}
	}
	add(v, 0)
	return dedupe(out)
}

func isFalse(v any) bool {
	switch x := v.(type) {
	case bool:
		return !x
	case string:
		return strings.EqualFold(strings.TrimSpace(x), "false")
	}
	return false
}

func looksLikeURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "//")
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0:0]
	for _, s := range ss {
		k := strings.ToLower(s)
		if !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}

// timeLayouts are the publication time formats read, most common first.
var timeLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05Z07",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"January 2, 2006 15:04",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
}

// parseTime reads a publication time in one of timeLayouts, or Unix seconds
// or milliseconds. Times without a zone are taken as UTC; a zone offset is
// kept, so the local date stays the one the outlet printed.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil && plausible(t) {
			return t, true
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) >= 9 {
		var t time.Time
		if len(s) >= 12 {
			t = time.UnixMilli(n).UTC()
		} else {
			t = time.Unix(n, 0).UTC()
		}
		if plausible(t) {
			return t, true
		}
	}
	return time.Time{}, false
}

// plausible rejects times no news article was published at.
func plausible(t time.Time) bool {
	return t.Year() >= 1990 && t.Year() <= 2100
}

var rxPathDate = []*regexp.Regexp{
	regexp.MustCompile(`(?:^|/)((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/_.-]|$)`),
	regexp.MustCompile(`(?:^|/)((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)`),
}

// dateInPath finds a date in a URL path (/2025/08/06/, /2025-08-06-slug,
// /20250806/) and returns it as midnight UTC.
func dateInPath(path string) (time.Time, bool) {
	for _, rx := range rxPathDate {
		m := rx.FindStringSubmatch(path)
		if m == nil {
			continue
		}
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if t.Year() == y && int(t.Month()) == mo && t.Day() == d && plausible(t) {
			return t, true
		}
	}
	return time.Time{}, false
}
