package fetch

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/briefbot/briefbot/analysis"
)

// Thresholds below which a page is not an article.
const (
	minChars = 600 // characters of article text
	minWords = 80  // words of article text (CJK characters count as words)

	// maxElems bounds the element count readability scores (its time grows
	// faster than linearly: about 1.5 s at 30,000); a news page has a few
	// thousand.
	maxElems = 50_000
)

// Extract reads the article out of a page already fetched: body is the raw
// bytes, contentType the Content-Type header ("" to sniff), pageURL the URL
// it came from (after redirects; used to resolve relative links, as the
// fallback outlet and for a date in its path; may be empty). It decodes the
// declared charset (header, BOM, meta or XML declaration; UTF-8 or
// windows-1252 when none is declared), extracts the text of HTML pages with
// readability, and reads the metadata. Received and Origin are left zero.
//
// Errors: ErrContentType for media types other than HTML, XHTML and plain
// text; ErrNotArticle (wrapped with the reason) for consent walls, paywall
// stubs and pages with too little text; an *analysis.InputError when the
// text cannot be an article (see analysis.CheckText). It never panics.
func Extract(body []byte, contentType, pageURL string) (Page, error) {
	if contentType == "" {
		contentType = http.DetectContentType(body)
	}
	if err := checkType(contentType); err != nil {
		return Page{}, err
	}
	var base *url.URL
	if pageURL != "" {
		if u, err := url.Parse(pageURL); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			u.Fragment, u.RawFragment = "", ""
			base = u
		}
	}
	src := decode(body, contentType)

	var p Page
	if mediaType(contentType) == "text/plain" {
		p.Text = cleanText(src)
	} else {
		if err := extractHTML(&p, src, base); err != nil {
			return Page{}, err
		}
	}
	if base != nil {
		p.FinalURL = stripTracking(base).String()
	}
	if p.Outlet == "" {
		p.Outlet = siteHost(firstNonEmpty(p.Canonical, p.FinalURL))
	}
	if p.Published.IsZero() {
		for _, link := range []string{p.Canonical, p.FinalURL} {
			if u, err := url.Parse(link); err == nil && link != "" {
				if t, ok := dateInPath(u.Path); ok {
					p.Published, p.PublishedFrom = t, "url"
					break
				}
			}
		}
	}
	p.URL = p.FinalURL
	if p.Canonical != "" {
		p.URL = p.Canonical
	}
	p.Words = countWords(p.Text)
	if why := notArticle(p.Text, p.Words); why != "" {
		return Page{}, fmt.Errorf("%w (%s)", ErrNotArticle, why)
	}
	if err := analysis.CheckText(p.Text); err != nil {
		return Page{}, err
	}
	return p, nil
}

// extractHTML fills p from an HTML page: metadata first (goquery, read
// only), then the article text (readability, which mutates the tree).
func extractHTML(p *Page, src string, base *url.URL) error {
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return fmt.Errorf("%w (the page could not be read as HTML: %v)", ErrNotArticle, err)
	}
	if n := countElements(root, maxElems+1); n > maxElems {
		return fmt.Errorf("%w (the page has more than %d HTML elements, too many to look for an article in)", ErrNotArticle, maxElems)
	}
	m := readMeta(goquery.NewDocumentFromNode(root), base)

	parser := readability.NewParser()
	parser.MaxElemsToParse = maxElems
	art, err := parser.ParseAndMutate(root, base)
	if err != nil {
		return fmt.Errorf("%w (%v)", ErrNotArticle, err)
	}
	if art.Node != nil {
		p.Text = cleanText(render.InnerText(art.Node))
	}

	p.Title = firstNonEmpty(m.title, clean(art.Title()))
	p.Byline = firstNonEmpty(m.byline, clean(art.Byline()))
	p.Outlet = firstNonEmpty(m.outlet, clean(art.SiteName()))
	p.Title = stripOutlet(p.Title, p.Outlet)
	p.Byline = strings.TrimSpace(trimPrefixFold(p.Byline, "by "))
	p.Text = dropTitleLine(p.Text, p.Title)
	p.Canonical = m.canonical
	p.Published, p.PublishedFrom = m.published, m.publishedFrom
	if p.Published.IsZero() {
		if t, err := art.PublishedTime(); err == nil && plausible(t) {
			p.Published, p.PublishedFrom = t, "readability"
		}
	}
	if m.paywalled && countWords(p.Text) < 250 {
		return fmt.Errorf("%w (the page says the article is for subscribers only)", ErrNotArticle)
	}
	return nil
}

// decode converts body to valid UTF-8 by its declared charset: BOM, then the
// Content-Type charset, then a <meta> or XML declaration in the first 64 KB;
// without one, UTF-8 when the bytes are valid UTF-8, else windows-1252.
func decode(body []byte, contentType string) string {
	var enc encoding.Encoding
	if e, _, certain := charset.DetermineEncoding(body, contentType); certain {
		enc = e // BOM or header
	} else if name := declaredCharset(body); name != "" {
		if e, canonical := charset.Lookup(name); e != nil {
			if strings.HasPrefix(canonical, "utf-16") {
				e = xunicode.UTF8 // a meta tag cannot truly declare UTF-16 (HTML spec)
			}
			enc = e
		}
	}
	if enc == nil {
		if utf8.Valid(body) {
			enc = xunicode.UTF8
		} else {
			enc, _ = charset.Lookup("windows-1252")
		}
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		out = body
	}
	out = bytes.TrimPrefix(out, []byte("\uFEFF"))
	return strings.ToValidUTF8(string(out), "\uFFFD")
}

var (
	rxMetaCharset = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)`)
	rxXMLEncoding = regexp.MustCompile(`(?i)^\s*<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_.:-]+)`)
)

// declaredCharset finds the charset a page declares in its first 64 KB.
func declaredCharset(body []byte) string {
	if len(body) > 64<<10 {
		body = body[:64<<10]
	}
	if m := rxXMLEncoding.FindSubmatch(body); m != nil {
		return string(m[1])
	}
	if m := rxMetaCharset.FindSubmatch(body); m != nil {
		return string(m[1])
	}
	return ""
}

// cleanText turns rendered text into one paragraph a line: spaces (no-break
// spaces included) collapsed, lines trimmed, blank lines dropped, control
// characters other than newline removed.
func cleanText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for line := range strings.SplitSeq(s, "\n") {
		line = clean(line)
		if line == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(line)
	}
	return b.String()
}

// clean collapses runs of white space (and drops control and format
// characters such as zero-width spaces) inside one line.
func clean(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
		case unicode.IsControl(r) || r == '\u200b' || r == '\ufeff' || r == '\u00ad':
			// dropped
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
	}
	return b.String()
}

// countWords counts white-space separated words; in scripts written without
// spaces (Han, Hiragana, Katakana, Hangul) each character counts as a word.
func countWords(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		cjk := 0
		for _, r := range w {
			if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
				cjk++
			}
		}
		if cjk > 1 {
			n += cjk
		} else {
			n++
		}
	}
	return n
}

// wallPhrases mark consent walls and paywall stubs (lower case).
var wallPhrases = []string{
	// consent
	"accept all cookies", "accept cookies", "we use cookies", "use of cookies", "cookie settings",
	"cookie policy", "manage cookies", "manage your cookie", "cookie preferences", "your privacy choices",
	"we value your privacy", "before you continue", "consent to the use", "by continuing to use",
	"reject all", "privacy settings", "manage preferences", "partners process your data",
	"wir verwenden cookies", "alle akzeptieren", "nous utilisons des cookies", "accepter et continuer",
	"используем файлы cookie", "мы используем cookie",
	// paywall
	"subscribe to continue", "subscribe to read", "to continue reading", "continue reading with",
	"already a subscriber", "already have an account", "sign in to continue", "log in to continue",
	"sign in to read", "log in to read", "for subscribers only", "is for subscribers", "subscribers only",
	"exclusive to subscribers", "subscribe now", "start your free trial", "start your subscription",
	"reached your limit", "free articles remaining", "unlock this article", "become a member to",
	"create a free account", "register to continue", "register for free to", "this article is locked",
	"jetzt abonnieren", "abonnez-vous", "доступно только подписчикам", "оформите подписку",
}

// notArticle says why text is not an article, or "" when it is one. The
// text is thin when it has fewer than minChars characters or minWords
// words, and a wall when consent or paywall phrases dominate it: lines
// holding one make up a quarter of the words, or any is present in a text
// under 1.5 × minWords words.
func notArticle(text string, words int) string {
	if strings.TrimSpace(text) == "" {
		return "the page has no article text"
	}
	wallWords, kind := 0, ""
	for line := range strings.SplitSeq(text, "\n") {
		if k := wallKind(line); k != "" {
			wallWords += countWords(line)
			if kind == "" {
				kind = k
			}
		}
	}
	if kind != "" && (wallWords*4 >= words || words < minWords*3/2) {
		if kind == "consent" {
			return "it looks like a cookie consent page"
		}
		return "it looks like a subscription wall"
	}
	if n := utf8.RuneCountInString(text); n < minChars || words < minWords {
		return fmt.Sprintf("only %d words of text", words)
	}
	return ""
}

// wallKind returns "consent" or "paywall" when line holds a wall phrase.
func wallKind(line string) string {
	l := strings.ToLower(line)
	for i, ph := range wallPhrases {
		if strings.Contains(l, ph) {
			if i < firstPaywallPhrase {
				return "consent"
			}
			return "paywall"
		}
	}
	return ""
}

// firstPaywallPhrase is the index of the first paywall phrase in wallPhrases.
var firstPaywallPhrase = func() int {
	for i, p := range wallPhrases {
		if p == "subscribe to continue" {
			return i
		}
	}
	return len(wallPhrases)
}()

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

func trimPrefixFold(s, prefix string) string {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):]
	}
	return s
}

// stripOutlet removes a trailing " | Outlet" or " - Outlet" from a title.
func stripOutlet(title, outlet string) string {
	if outlet == "" {
		return title
	}
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · "} {
		if head, tail, ok := cutLast(title, sep); ok && strings.EqualFold(strings.TrimSpace(tail), outlet) && strings.TrimSpace(head) != "" {
			return strings.TrimSpace(head)
		}
	}
	return title
}

func cutLast(s, sep string) (string, string, bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// dropTitleLine removes a first line that repeats the title: the Document
// carries the title apart, and a headline is not a sentence of the story.
func dropTitleLine(text, title string) string {
	first, rest, _ := strings.Cut(text, "\n")
	if title != "" && strings.EqualFold(strings.TrimSpace(first), strings.TrimSpace(title)) {
		return rest
	}
	return text
}

// siteHost returns the host of link without "www.", "m." or "amp.", for
// an outlet name of last resort; "" when link has none.
func siteHost(link string) string {
	u, err := url.Parse(link)
	if err != nil || link == "" {
		return ""
	}
	h := strings.ToLower(u.Hostname())
	for _, p := range []string{"www.", "m.", "amp."} {
		if rest, ok := strings.CutPrefix(h, p); ok && strings.Contains(rest, ".") {
			return rest
		}
	}
	return h
}

// countElements counts the element nodes under n, stopping at limit.
func countElements(n *html.Node, limit int) int {
	count := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && count < limit; c = c.NextSibling {
			if c.Type == html.ElementNode {
				count++
			}
			walk(c)
		}
	}
	walk(n)
	return count
}
