package feeds

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"github.com/briefbot/briefbot/analysis"
)

// parsedFeed is a feed document reduced to what the poller uses.
type parsedFeed struct {
	title     string
	published time.Time // the channel's own publication date; zero when absent
	items     []parsedItem
}

// parsedItem is one feed entry, links resolved and text extracted.
type parsedItem struct {
	guid      string
	title     string
	link      string // absolute, or empty
	text      string // plain text of the content, else of the description
	published time.Time
	keys      []string // seen keys: GUID and link, or the content hash when neither
}

// summaryRunes is the length under which an item's text counts as a summary:
// the full article is then fetched from its link.
const summaryRunes = 1200

// summaryOnly reports whether the item carries only a short summary.
func (it parsedItem) summaryOnly() bool {
	return it.link != "" && utf8.RuneCountInString(it.text) < summaryRunes
}

// parseFeed parses an RSS, Atom or JSON Feed document. Relative links are
// resolved against base (the feed URL), times come from gofeed's parser with
// unknown zone abbreviations corrected, and items with no GUID, link, title
// or text are dropped. Errors wrap ErrNotFeed. It never panics.
func parseFeed(body []byte, base *url.URL) (pf parsedFeed, err error) {
	defer func() {
		if r := recover(); r != nil {
			pf, err = parsedFeed{}, fmt.Errorf("%w: parser failed: %v", ErrNotFeed, r)
		}
	}()
	gf, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return parsedFeed{}, fmt.Errorf("%w: %v", ErrNotFeed, err)
	}
	if strings.TrimSpace(gf.Title) == "" && len(gf.Items) == 0 {
		return parsedFeed{}, fmt.Errorf("%w: no title and no items", ErrNotFeed)
	}
	pf.title = cleanLine(gf.Title)
	pf.published = itemTime(gf.PublishedParsed, gf.Published)
	for _, gi := range gf.Items {
		if gi == nil {
			continue
		}
		it := parsedItem{
			guid:  strings.TrimSpace(gi.GUID),
			title: cleanLine(htmlText(gi.Title)),
			link:  resolveLink(base, gi.Link),
		}
		if it.link == "" {
			for _, l := range gi.Links {
				if it.link = resolveLink(base, l); it.link != "" {
					break
				}
			}
		}
		it.text = htmlText(gi.Content)
		if it.text == "" {
			it.text = htmlText(gi.Description)
		}
		it.published = itemTime(gi.PublishedParsed, gi.Published)
		if it.published.IsZero() {
			it.published = itemTime(gi.UpdatedParsed, gi.Updated)
		}
		it.keys = itemKeys(it)
		if len(it.keys) == 0 {
			continue
		}
		pf.items = append(pf.items, it)
	}
	return pf, nil
}

// itemKeys returns the keys an item is known by: its GUID and its link, or
// the hash of its title and text when it has neither. Keys are hashed so the
// stored state stays small whatever the feed puts in its GUIDs.
func itemKeys(it parsedItem) []string {
	var keys []string
	if it.guid != "" {
		keys = append(keys, hashKey("g:", it.guid))
	}
	if it.link != "" {
		keys = append(keys, hashKey("l:", it.link))
	}
	if len(keys) == 0 && (it.title != "" || it.text != "") {
		keys = append(keys, "h:"+analysis.ContentHash(it.title + "\n" + it.text)[:32])
	}
	return keys
}

func hashKey(prefix, s string) string {
	sum := sha256.Sum256([]byte(s))
	return prefix + hex.EncodeToString(sum[:16])
}

// resolveLink returns ref resolved against base when it is an http(s) link,
// else "". The fragment is dropped.
func resolveLink(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		r = base.ResolveReference(r)
	}
	if (r.Scheme != "http" && r.Scheme != "https") || r.Host == "" {
		return ""
	}
	r.Fragment, r.RawFragment = "", ""
	return r.String()
}

// extraZones are zone abbreviations seen in feeds that gofeed's date parser
// does not know: Go's time.Parse gives them a zero offset, which we correct.
// Ambiguous ones take the reading common in news feeds (IST: India).
var extraZones = map[string]int{
	"IST": 5*3600 + 1800, "PKT": 5 * 3600, "NPT": 5*3600 + 2700,
	"JST": 9 * 3600, "KST": 9 * 3600, "HKT": 8 * 3600, "SGT": 8 * 3600,
	"AWST": 8 * 3600, "ACST": 9*3600 + 1800, "ACDT": 10*3600 + 1800,
	"AEST": 10 * 3600, "AEDT": 11 * 3600, "NZST": 12 * 3600, "NZDT": 13 * 3600,
	"MSK": 3 * 3600, "EAT": 3 * 3600, "CAT": 2 * 3600, "SAST": 2 * 3600,
	"WAT": 1 * 3600, "AST": -4 * 3600, "ADT": -3 * 3600, "NST": -3*3600 - 1800,
	"NDT": -2*3600 - 1800, "AKST": -9 * 3600, "AKDT": -8 * 3600, "HST": -10 * 3600,
}

// itemTime returns the time of a feed date: gofeed's parsed time, corrected
// or found where gofeed fails; zero when there is none. gofeed reads a zone
// abbreviation it does not know (IST, JST…) as UTC, or in the host's zone
// when the host knows it, so a date ending in one of extraZones without a
// numeric offset is read again in that zone. A date gofeed cannot read is
// tried once more without a trailing "(comment)".
func itemTime(parsed *time.Time, raw string) time.Time {
	fields := strings.Fields(raw)
	if len(fields) >= 2 {
		name := fields[len(fields)-1]
		if off, ok := extraZones[name]; ok && !slices.ContainsFunc(fields, numericZone.MatchString) {
			rest := strings.Join(fields[:len(fields)-1], " ")
			loc := time.FixedZone(name, off)
			for _, layout := range wallLayouts {
				if t, err := time.ParseInLocation(layout, rest, loc); err == nil {
					return t
				}
			}
		}
	}
	if parsed != nil && !parsed.IsZero() {
		return *parsed
	}
	if len(fields) >= 2 && strings.HasPrefix(fields[len(fields)-1], "(") {
		rest := strings.Join(fields[:len(fields)-1], " ")
		for _, layout := range offsetLayouts {
			if t, err := time.Parse(layout, rest); err == nil {
				return t
			}
		}
	}
	return time.Time{}
}

// offsetLayouts are tried on a date with a trailing comment removed.
var offsetLayouts = []string{
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 -0700",
	time.RFC3339,
}

// wallLayouts are the zone-less date layouts tried for a date whose zone
// abbreviation is in extraZones.
var wallLayouts = []string{
	"Mon, 2 Jan 2006 15:04:05",
	"Mon, 2 Jan 2006 15:04",
	"Mon, 2 Jan 06 15:04:05",
	"Mon, 2 January 2006 15:04:05",
	"2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04",
	"Monday, 2 January 2006 15:04:05",
	"January 2, 2006 15:04:05",
	"Jan 2, 2006 15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04",
}

// numericZone matches a numeric zone offset field such as +0530 or GMT-03:00.
var numericZone = regexp.MustCompile(`^(?:GMT|UTC)?[+-]\d\d:?\d\d$`)

// blockTags end a line of text when they open or close.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"blockquote": true, "pre": true, "tr": true, "table": true, "section": true,
	"article": true, "header": true, "footer": true, "figure": true,
	"figcaption": true, "hr": true, "dd": true, "dt": true,
}

// skipTags hold no readable text.
var skipTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "iframe": true}

// htmlText returns the readable text of an HTML fragment (or of plain text):
// paragraphs separated by blank lines, spaces collapsed, entities decoded.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		return joinParas(strings.Split(s, "\n\n"))
	}
	var paras []string
	var cur strings.Builder
	flush := func() {
		paras = append(paras, cur.String())
		cur.Reset()
	}
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return joinParas(paras)
		case html.TextToken:
			if skip == 0 {
				cur.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name) //lint:ignore SA6001 the tag is looked up several times below
			switch {
			case skipTags[tag] && tt == html.StartTagToken:
				skip++
			case skipTags[tag] && tt == html.EndTagToken && skip > 0:
				skip--
			}
			if blockTags[tag] {
				flush()
			}
		}
	}
}

// joinParas collapses the white space in each paragraph and joins the
// non-empty ones with blank lines.
func joinParas(paras []string) string {
	var out []string
	for _, p := range paras {
		if f := cleanLine(p); f != "" {
			out = append(out, f)
		}
	}
	return strings.Join(out, "\n\n")
}

// cleanLine collapses a title to one line.
func cleanLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
