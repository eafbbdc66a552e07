// Package fetch reads articles from the web, safely.
//
// Every outside request goes through one client (NewClient) that refuses to
// connect to loopback, private, link-local and other non-public addresses —
// checked on the address actually dialed, so neither DNS answers nor
// redirects reach them — and bounds connect time, total time, redirects and
// body size. A Fetcher uses it to fetch a link and extract the article:
// its text (one paragraph a line), title, byline, outlet, publication time
// and canonical URL. Pages that are not articles (consent walls, paywall
// stubs, pages with too little text) are answered with ErrNotArticle.
//
// Every error this package returns has a message fit to show a user as is.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/briefbot/briefbot/analysis"
)

// Options configures the safe client and the Fetcher. The zero value is the
// safe default.
type Options struct {
	AllowPrivate   bool          // lifts the private-address refusal (BRIEFBOT_FETCH_ALLOW_PRIVATE / --allow-private)
	MaxBytes       int64         // largest body read, after decompression; default 5 MB
	ConnectTimeout time.Duration // TCP connect and TLS handshake; default 10 s
	Timeout        time.Duration // whole request, body included; default 30 s
	MaxRedirects   int           // default 5; negative: follow none
	UserAgent      string        // default DefaultUserAgent
	// AllowedHosts, when not empty, limits fetching to these host names and
	// their subdomains ("example.org" allows news.example.org), in ASCII
	// (punycode) form; others are refused with a *HostRefused, redirects
	// included (BRIEFBOT_FETCH_ALLOWED_HOSTS).
	AllowedHosts []string
}

// Defaults for the zero fields of Options.
const (
	DefaultMaxBytes       = 5 << 20
	DefaultConnectTimeout = 10 * time.Second
	DefaultTimeout        = 30 * time.Second
	DefaultMaxRedirects   = 5
	DefaultUserAgent      = "briefbot/1 (+https://github.com/briefbot/briefbot)"
)

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = DefaultConnectTimeout
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	return o
}

// Sentinel errors, for errors.Is. The errors returned wrap them with a
// message that says more (the size limit, the content type, the time).
var (
	// ErrNotArticle: the page has no article to read — a consent wall, a
	// paywall stub, or too little text. Such pages are never ingested.
	ErrNotArticle = errors.New("couldn't find an article at that link")
	// ErrTooLarge: the body is larger than Options.MaxBytes.
	ErrTooLarge = errors.New("the page is too large")
	// ErrContentType: the page is not HTML, XHTML or plain text (see *ContentTypeError).
	ErrContentType = errors.New("that link is not a web page")
	// ErrTimeout: the site did not answer, or send the whole page, in time.
	ErrTimeout = errors.New("the site took too long to answer")
	// ErrBadURL: the link is not an http or https URL.
	ErrBadURL = errors.New("that is not a web link")
)

// userError carries a user-facing message and the sentinel it stands for.
type userError struct {
	msg  string
	kind error
}

func (e *userError) Error() string { return e.msg }
func (e *userError) Unwrap() error { return e.kind }

// ContentTypeError says the page's media type is not one the Fetcher reads.
// It matches ErrContentType with errors.Is.
type ContentTypeError struct {
	Type string // the media type, without parameters ("image/png"); "" when unknown
}

func (e *ContentTypeError) Error() string {
	if e.Type == "" {
		return "that link is not a web page (no content type); I read HTML and plain text pages"
	}
	article := "a"
	if e.Type != "" && strings.ContainsRune("aeiou", rune(e.Type[0])) {
		article = "an"
	}
	return fmt.Sprintf("that link is %s %s file, not a web page; I read HTML and plain text pages", article, e.Type)
}

// Is reports whether target is ErrContentType.
func (e *ContentTypeError) Is(target error) bool { return target == ErrContentType }

// StatusError is an HTTP answer other than 2xx.
type StatusError struct {
	Code   int
	Status string // "404 Not Found"
}

func (e *StatusError) Error() string { return "the site answered " + e.Status }

// Page is an extracted article with what the Document has no field for.
type Page struct {
	analysis.Document        // URL is the canonical URL when the page names one, else FinalURL
	Byline            string // "Jane Doe, Ola Nordmann"; may be empty
	Canonical         string // absolute canonical URL (link rel=canonical or og:url); may be empty
	FinalURL          string // the URL fetched, after redirects, without fragment and tracking parameters
	PublishedFrom     string // where Published came from: "meta", "json-ld", "time", "url", "readability" or ""
	Words             int    // words of article text
}

// Fetcher fetches links through the safe client and extracts articles. It
// is safe for concurrent use.
type Fetcher struct {
	lg     *slog.Logger
	o      Options
	client *http.Client
	now    func() time.Time
}

// New returns a Fetcher with its own safe client (see NewClient). lg may be
// nil.
func New(lg *slog.Logger, o Options) *Fetcher {
	return newFetcher(lg, o, nil, nil)
}

func newFetcher(lg *slog.Logger, o Options, hosts map[string]string, public map[netip.AddrPort]bool) *Fetcher {
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	o = o.withDefaults()
	return &Fetcher{lg: lg, o: o, client: newClient(o, hosts, public), now: time.Now}
}

// Client returns the Fetcher's safe client, for other fetches (the feed
// poller) to share its limits and refusals. Callers must bound the bodies
// they read themselves (MaxBytes applies only to Article and Page).
func (f *Fetcher) Client() *http.Client { return f.client }

// Options returns the options in effect, defaults filled in.
func (f *Fetcher) Options() Options { return f.o }

// Article fetches rawURL and extracts the article as a Document: Text (one
// paragraph a line), Title, Outlet, URL (canonical when known), Published
// (zero when unknown), Received (now) and Origin {Kind: "url", Ref: rawURL}.
// Errors: ErrBadURL, *Refused, *StatusError, ErrContentType, ErrTooLarge,
// ErrTimeout, ErrNotArticle, or a network failure; each message is fit to
// show a user.
func (f *Fetcher) Article(ctx context.Context, rawURL string) (analysis.Document, error) {
	p, err := f.Page(ctx, rawURL)
	if err != nil {
		return analysis.Document{}, err
	}
	return p.Document, nil
}

// Page is Article with the byline, canonical and final URLs and where the
// publication time came from.
func (f *Fetcher) Page(ctx context.Context, rawURL string) (Page, error) {
	start := f.now()
	u, err := ParseLink(rawURL)
	if err != nil {
		return Page{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return Page{}, &userError{fmt.Sprintf("that is not a web link I can fetch: %v", err), ErrBadURL}
	}
	req.Header.Set("User-Agent", f.o.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1")
	resp, err := f.client.Do(req)
	if err != nil {
		err = f.describe(ctx, u, err)
		f.lg.Info("fetch failed", "host", u.Host, "err", err)
		return Page{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		f.lg.Info("fetch failed", "host", u.Host, "status", resp.StatusCode)
		return Page{}, &StatusError{Code: resp.StatusCode, Status: status(resp)}
	}
	ct := resp.Header.Get("Content-Type")
	if ct != "" {
		if err := checkType(ct); err != nil {
			return Page{}, err
		}
	}
	if resp.ContentLength > f.o.MaxBytes {
		return Page{}, f.tooLarge()
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.o.MaxBytes+1))
	if err != nil {
		return Page{}, f.describe(ctx, u, err)
	}
	if int64(len(body)) > f.o.MaxBytes {
		return Page{}, f.tooLarge()
	}
	final := resp.Request.URL.String()
	p, err := Extract(body, ct, final)
	if err != nil {
		f.lg.Info("fetch: no article", "host", resp.Request.URL.Host, "bytes", len(body), "err", err)
		return Page{}, err
	}
	p.Received = f.now()
	p.Origin = analysis.Origin{Kind: "url", Ref: rawURL}
	f.lg.Info("fetched article", "host", resp.Request.URL.Host, "bytes", len(body), "words", p.Words,
		"published_from", p.PublishedFrom, "took", f.now().Sub(start).Round(time.Millisecond))
	return p, nil
}

func status(resp *http.Response) string {
	if s := strings.TrimSpace(resp.Status); s != "" {
		return s
	}
	return fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
}

func (f *Fetcher) tooLarge() error {
	return &userError{"the page is larger than " + humanBytes(f.o.MaxBytes) + ", more than I read", ErrTooLarge}
}

// describe turns a client error into one with a message fit for a user.
func (f *Fetcher) describe(ctx context.Context, u *url.URL, err error) error {
	var refused *Refused
	if errors.As(err, &refused) {
		return refused
	}
	var hostRefused *HostRefused
	if errors.As(err, &hostRefused) {
		return hostRefused
	}
	var re *redirectError
	if errors.As(err, &re) {
		return re
	}
	if ctx.Err() == context.Canceled {
		return fmt.Errorf("fetching %s was cancelled: %w", u.Host, ctx.Err())
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return &userError{fmt.Sprintf("%s took too long to answer (I wait at most %s)", u.Host, f.o.Timeout), errors.Join(ErrTimeout, err)}
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		if dns.IsNotFound {
			return fmt.Errorf("couldn't find the site %s (no such host): %w", dns.Name, dns)
		}
		return fmt.Errorf("couldn't look up the site %s: %w", dns.Name, dns)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("couldn't fetch %s: %w", u.Host, err)
}

// ParseLink parses a link the Fetcher will fetch: an absolute http or https
// URL with a host. Errors match ErrBadURL.
func ParseLink(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil {
		return nil, &userError{fmt.Sprintf("%q is not a web link I can read", raw), ErrBadURL}
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, &userError{fmt.Sprintf("%q is not a web link: I fetch http and https links only", raw), ErrBadURL}
	}
	if u.Hostname() == "" {
		return nil, &userError{fmt.Sprintf("%q has no site name in it", raw), ErrBadURL}
	}
	u.Fragment = ""
	u.RawFragment = ""
	return u, nil
}

// acceptedTypes are the media types the Fetcher reads.
var acceptedTypes = map[string]bool{
	"text/html":             true,
	"application/xhtml+xml": true,
	"text/plain":            true,
}

// mediaType returns the lower-case media type of a Content-Type value.
func mediaType(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, _, _ = strings.Cut(ct, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}

// checkType returns a *ContentTypeError unless ct is HTML, XHTML or plain text.
func checkType(ct string) error {
	mt := mediaType(ct)
	if !acceptedTypes[mt] {
		return &ContentTypeError{Type: mt}
	}
	return nil
}

// humanBytes formats a size for a message: "5 MB", "1.5 MB", "800 KB", "12 bytes".
func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		if n%(1<<20) == 0 {
			return fmt.Sprintf("%d MB", n>>20)
		}
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}
