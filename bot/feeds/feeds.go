// Package feeds follows RSS, Atom and JSON feeds for briefbot: it keeps the
// list of followed feeds and who follows them, polls each feed with a
// conditional GET on its own schedule (backing off on errors), and hands every
// new item to the bot's intake exactly once.
//
// State lives in the Store's "feeds" bucket, one JSON value per feed URL, plus
// an index:
//
//	feeds
//	  "_index"      → JSON list of followed feed URLs (Store has no scan)
//	  <feed URL>    → JSON record: title, subscribers, ETag, Last-Modified,
//	                  last fetch and status, next fetch, failures, seen item keys
//
// An item is new when none of its keys has been seen: its GUID, its link
// (resolved against the feed URL), or, when it has neither, the hash of its
// title and text. Items that carry only a summary are read in full through
// the ArticleFetcher. Network access goes through the *http.Client given to
// New, which should be the bot's shared safe client.
package feeds

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot/analysis"
)

// ArticleFetcher fetches a linked page as an article (bot/fetch.Fetcher
// satisfies it).
type ArticleFetcher interface {
	Article(ctx context.Context, url string) (analysis.Document, error)
}

// Ingester stores a document; duplicate is true when its text or URL is
// already known (the bot's Ingest).
type Ingester interface {
	IngestDoc(ctx context.Context, doc analysis.Document) (id uint64, duplicate bool, err error)
}

// Store keeps the poller's state (storage.DB satisfies it). GetState returns
// nil, nil for an absent key; PutState with a nil value deletes the key.
type Store interface {
	GetState(ctx context.Context, bucket, key string) ([]byte, error)
	PutState(ctx context.Context, bucket, key string, val []byte) error
}

// AnnounceFunc is told about the items a poll ingested, once for every
// subscriber that asked for announcements. It runs on the polling goroutine:
// it should hand the message to a sender and return quickly. An error is
// logged.
type AnnounceFunc func(ctx context.Context, sub Subscriber, f Feed, items []Item) error

// Options tune a Poller. Zero fields take the defaults noted.
type Options struct {
	Interval        time.Duration    // time between polls of a healthy feed; 15 min
	MaxBackoff      time.Duration    // longest delay after repeated errors; 6 h
	Now             func() time.Time // clock; time.Now
	MaxItemsPerPoll int              // new items ingested per poll, newest first; 20
	MaxSeen         int              // seen item keys kept per feed beyond those still in the feed; 1000
	MaxFeedBytes    int64            // largest feed body read; 10 MB
	Announce        AnnounceFunc     // nil: no announcements
}

func (o Options) withDefaults() Options {
	if o.Interval <= 0 {
		o.Interval = 15 * time.Minute
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 6 * time.Hour
	}
	if o.MaxBackoff < o.Interval {
		o.MaxBackoff = o.Interval
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.MaxItemsPerPoll <= 0 {
		o.MaxItemsPerPoll = 20
	}
	if o.MaxSeen <= 0 {
		o.MaxSeen = 1000
	}
	if o.MaxFeedBytes <= 0 {
		o.MaxFeedBytes = 10 << 20
	}
	return o
}

// Feed is a followed feed and the state of its polling.
type Feed struct {
	URL          string
	Title        string
	Chats        []Subscriber
	Announce     bool      // some subscriber asked for announcements
	LastFetch    time.Time // zero before the first poll
	LastStatus   string    // "ok, 3 new", "not modified", "error: …"; "new" before the first poll
	NextFetch    time.Time
	Failures     int // consecutive failed polls
	ETag         string
	LastModified string
	Seen         []string // keys of items already handled, oldest first, capped
}

// Follows reports whether sub (by platform and chat) follows f.
func (f Feed) Follows(sub Subscriber) bool {
	return slices.ContainsFunc(f.Chats, sub.same)
}

// Subscriber is a chat that follows a feed.
type Subscriber struct {
	Platform, ChatID string
	Announce         bool // tell the chat about new items
}

func (s Subscriber) same(o Subscriber) bool {
	return s.Platform == o.Platform && s.ChatID == o.ChatID
}

// Item is a feed item that a poll ingested.
type Item struct {
	Title     string
	URL       string
	Published time.Time // zero when unknown
	ArticleID uint64
}

// PollResult is what one poll found.
type PollResult struct {
	Feed        Feed   // the feed's state after the poll
	New         []Item // items ingested by this poll (not those already known)
	NotModified bool   // the server answered 304
}

// Errors the user caused; the message says what is wrong in plain words.
var (
	ErrBadURL      = errors.New("not a feed address")
	ErrNotFeed     = errors.New("not a feed")
	ErrNotFollowed = errors.New("not followed")
)

const (
	bucket   = "feeds"
	indexKey = "_index"
	maxURL   = 2048
)

// Poller follows feeds and polls them. Its methods are safe for concurrent
// use.
type Poller struct {
	lg     *slog.Logger
	client *http.Client
	st     Store
	ing    Ingester
	art    ArticleFetcher
	o      Options

	mu sync.Mutex // serializes read-modify-write of the stored state

	locksMu sync.Mutex
	locks   map[string]*sync.Mutex // one per feed URL: polls of a feed don't overlap

	wake chan struct{} // Follow tells Run about a new feed
}

// New returns a Poller. client should be the bot's shared safe client; nil
// means a plain client with a 60 s timeout (tests only: it reaches private
// addresses). art may be nil: summary-only items are then ingested as they
// are.
func New(lg *slog.Logger, client *http.Client, st Store, ing Ingester, art ArticleFetcher, o Options) *Poller {
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	if client == nil {
		client = &http.Client{Timeout: time.Minute}
	}
	return &Poller{
		lg: lg, client: client, st: st, ing: ing, art: art, o: o.withDefaults(),
		locks: map[string]*sync.Mutex{},
		wake:  make(chan struct{}, 1),
	}
}

// NormalizeURL checks that raw is an absolute http(s) URL and returns the
// form the poller keys feeds by: scheme and host lower case, no fragment.
// The error wraps ErrBadURL.
func NormalizeURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	raw = strings.TrimSuffix(strings.TrimPrefix(raw, "<"), ">") // Slack wraps links
	if raw == "" {
		return "", fmt.Errorf("%w: empty", ErrBadURL)
	}
	if len(raw) > maxURL {
		return "", fmt.Errorf("%w: longer than %d characters", ErrBadURL, maxURL)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("%w: %q does not parse", ErrBadURL, raw)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("%w: %q is not an http or https link", ErrBadURL, raw)
	}
	if u.Host == "" || u.User != nil {
		return "", fmt.Errorf("%w: %q has no plain host", ErrBadURL, raw)
	}
	u.Host = strings.ToLower(u.Host)
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String(), nil
}

// Follow subscribes sub to the feed at feedURL and returns the feed. A feed
// nobody followed yet is fetched and parsed once to check that it is a feed
// (errors wrap ErrBadURL or ErrNotFeed, or are the client's own, such as a
// refused private address); it is then due for polling at once, and a
// running Run is woken. Following again is idempotent: it only updates the
// subscriber's Announce flag.
func (p *Poller) Follow(ctx context.Context, feedURL string, sub Subscriber) (Feed, error) {
	u, err := NormalizeURL(feedURL)
	if err != nil {
		return Feed{}, err
	}
	p.mu.Lock()
	_, ok, err := p.load(ctx, u)
	p.mu.Unlock()
	if err != nil {
		return Feed{}, err
	}
	var title string
	if !ok {
		pf, _, err := p.fetch(ctx, Feed{URL: u})
		if err != nil {
			return Feed{}, err
		}
		title = pf.title
	}

	p.mu.Lock()
	defer p.mu.Unlock()
	f, ok, err := p.load(ctx, u)
	if err != nil {
		return Feed{}, err
	}
	if !ok {
		f = Feed{URL: u, Title: title, LastStatus: "new", NextFetch: p.o.Now()}
		if err := p.addToIndex(ctx, u); err != nil {
			return Feed{}, err
		}
	}
	if i := slices.IndexFunc(f.Chats, sub.same); i >= 0 {
		f.Chats[i].Announce = sub.Announce
	} else {
		f.Chats = append(f.Chats, sub)
	}
	if err := p.save(ctx, &f); err != nil {
		return Feed{}, err
	}
	if !ok {
		select {
		case p.wake <- struct{}{}:
		default:
		}
	}
	return f, nil
}

// Unfollow removes sub from the feed's subscribers, and the feed with its
// state when nobody follows it any more. It returns an error wrapping
// ErrNotFollowed when sub did not follow the feed.
func (p *Poller) Unfollow(ctx context.Context, feedURL string, sub Subscriber) error {
	u, err := NormalizeURL(feedURL)
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	f, ok, err := p.load(ctx, u)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(f.Chats, sub.same)
	if !ok || i < 0 {
		return fmt.Errorf("%w: %s", ErrNotFollowed, u)
	}
	f.Chats = slices.Delete(f.Chats, i, i+1)
	if len(f.Chats) > 0 {
		return p.save(ctx, &f)
	}
	if err := p.st.PutState(ctx, bucket, u, nil); err != nil {
		return fmt.Errorf("unfollow %s: %w", u, err)
	}
	return p.removeFromIndex(ctx, u)
}

// Feeds returns every followed feed, sorted by URL.
func (p *Poller) Feeds(ctx context.Context) ([]Feed, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	urls, err := p.index(ctx)
	if err != nil {
		return nil, err
	}
	var out []Feed
	for _, u := range urls {
		f, ok, err := p.load(ctx, u)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, f)
		}
	}
	return out, nil
}

// feedLock returns the lock that keeps polls of one feed from overlapping.
func (p *Poller) feedLock(u string) *sync.Mutex {
	p.locksMu.Lock()
	defer p.locksMu.Unlock()
	l := p.locks[u]
	if l == nil {
		l = &sync.Mutex{}
		p.locks[u] = l
	}
	return l
}

// record is the stored form of a Feed (kept apart from the domain type so
// the format can change on its own).
type record struct {
	V            int         `json:"v"`
	URL          string      `json:"url"`
	Title        string      `json:"title,omitempty"`
	Chats        []subRecord `json:"chats,omitempty"`
	LastFetch    time.Time   `json:"last_fetch,omitzero"`
	LastStatus   string      `json:"last_status,omitempty"`
	NextFetch    time.Time   `json:"next_fetch,omitzero"`
	Failures     int         `json:"failures,omitempty"`
	ETag         string      `json:"etag,omitempty"`
	LastModified string      `json:"last_modified,omitempty"`
	Seen         []string    `json:"seen,omitempty"`
}

type subRecord struct {
	Platform string `json:"platform"`
	ChatID   string `json:"chat"`
	Announce bool   `json:"announce,omitempty"`
}

const recordVersion = 1

func encodeFeed(f Feed) ([]byte, error) {
	r := record{
		V: recordVersion, URL: f.URL, Title: f.Title, LastFetch: f.LastFetch,
		LastStatus: f.LastStatus, NextFetch: f.NextFetch, Failures: f.Failures,
		ETag: f.ETag, LastModified: f.LastModified, Seen: f.Seen,
	}
	for _, s := range f.Chats {
		r.Chats = append(r.Chats, subRecord(s))
	}
	return json.Marshal(r)
}

func decodeFeed(b []byte) (Feed, error) {
	var r record
	if err := json.Unmarshal(b, &r); err != nil {
		return Feed{}, err
	}
	if r.V != recordVersion {
		return Feed{}, fmt.Errorf("feed record version %d, want %d", r.V, recordVersion)
	}
	f := Feed{
		URL: r.URL, Title: r.Title, LastFetch: r.LastFetch, LastStatus: r.LastStatus,
		NextFetch: r.NextFetch, Failures: r.Failures, ETag: r.ETag,
		LastModified: r.LastModified, Seen: r.Seen,
	}
	for _, s := range r.Chats {
		f.Chats = append(f.Chats, Subscriber(s))
		f.Announce = f.Announce || s.Announce
	}
	return f, nil
}

// load reads the feed stored under u; ok is false when there is none.
// Callers hold p.mu.
func (p *Poller) load(ctx context.Context, u string) (f Feed, ok bool, err error) {
	b, err := p.st.GetState(ctx, bucket, u)
	if err != nil {
		return Feed{}, false, fmt.Errorf("load feed %s: %w", u, err)
	}
	if b == nil {
		return Feed{}, false, nil
	}
	f, err = decodeFeed(b)
	if err != nil {
		return Feed{}, false, fmt.Errorf("decode feed %s: %w", u, err)
	}
	f.URL = u
	return f, true, nil
}

// save stores f and recomputes its Announce flag. Callers hold p.mu.
func (p *Poller) save(ctx context.Context, f *Feed) error {
	f.Announce = slices.ContainsFunc(f.Chats, func(s Subscriber) bool { return s.Announce })
	b, err := encodeFeed(*f)
	if err != nil {
		return fmt.Errorf("encode feed %s: %w", f.URL, err)
	}
	if err := p.st.PutState(ctx, bucket, f.URL, b); err != nil {
		return fmt.Errorf("save feed %s: %w", f.URL, err)
	}
	return nil
}

// index returns the followed feed URLs, sorted. Callers hold p.mu.
func (p *Poller) index(ctx context.Context) ([]string, error) {
	b, err := p.st.GetState(ctx, bucket, indexKey)
	if err != nil {
		return nil, fmt.Errorf("load feed index: %w", err)
	}
	if b == nil {
		return nil, nil
	}
	var urls []string
	if err := json.Unmarshal(b, &urls); err != nil {
		return nil, fmt.Errorf("decode feed index: %w", err)
	}
	slices.Sort(urls)
	return slices.Compact(urls), nil
}

func (p *Poller) putIndex(ctx context.Context, urls []string) error {
	var val []byte
	if len(urls) > 0 {
		var err error
		if val, err = json.Marshal(urls); err != nil {
			return fmt.Errorf("encode feed index: %w", err)
		}
	}
	if err := p.st.PutState(ctx, bucket, indexKey, val); err != nil {
		return fmt.Errorf("save feed index: %w", err)
	}
	return nil
}

func (p *Poller) addToIndex(ctx context.Context, u string) error {
	urls, err := p.index(ctx)
	if err != nil {
		return err
	}
	if i, found := slices.BinarySearch(urls, u); !found {
		return p.putIndex(ctx, slices.Insert(urls, i, u))
	}
	return nil
}

func (p *Poller) removeFromIndex(ctx context.Context, u string) error {
	urls, err := p.index(ctx)
	if err != nil {
		return err
	}
	if i, found := slices.BinarySearch(urls, u); found {
		return p.putIndex(ctx, slices.Delete(urls, i, i+1))
	}
	return nil
}
