package feeds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot/analysis"
)

// errNotModified is fetch's answer to a 304.
var errNotModified = errors.New("not modified")

// validators are the conditional-GET tokens of a response.
type validators struct{ etag, lastModified string }

// fetch GETs the feed, conditionally when f carries an ETag or Last-Modified,
// and parses it. A 304 answer is errNotModified.
func (p *Poller) fetch(ctx context.Context, f Feed) (parsedFeed, validators, error) {
	base, err := url.Parse(f.URL)
	if err != nil {
		return parsedFeed{}, validators{}, fmt.Errorf("%w: %v", ErrBadURL, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.URL, nil)
	if err != nil {
		return parsedFeed{}, validators{}, fmt.Errorf("%w: %v", ErrBadURL, err)
	}
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	req.Header.Set("User-Agent", "briefbot-feeds/1")
	if f.ETag != "" {
		req.Header.Set("If-None-Match", f.ETag)
	}
	if f.LastModified != "" {
		req.Header.Set("If-Modified-Since", f.LastModified)
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return parsedFeed{}, validators{}, fmt.Errorf("fetch %s: %w", f.URL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return parsedFeed{}, validators{}, errNotModified
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return parsedFeed{}, validators{}, fmt.Errorf("fetch %s: HTTP %s", f.URL, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, p.o.MaxFeedBytes+1))
	if err != nil {
		return parsedFeed{}, validators{}, fmt.Errorf("read %s: %w", f.URL, err)
	}
	if int64(len(body)) > p.o.MaxFeedBytes {
		return parsedFeed{}, validators{}, fmt.Errorf("read %s: feed larger than %d bytes", f.URL, p.o.MaxFeedBytes)
	}
	if resp.Request != nil && resp.Request.URL != nil {
		base = resp.Request.URL // after redirects, links are relative to where the feed was found
	}
	pf, err := parseFeed(body, base)
	if err != nil {
		return parsedFeed{}, validators{}, fmt.Errorf("parse %s: %w", f.URL, err)
	}
	if pf.title == "" {
		pf.title = base.Host
	}
	return pf, validators{resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")}, nil
}

// backoff is the delay before the next poll after n consecutive failures:
// Interval × 2^n, capped at MaxBackoff.
func (p *Poller) backoff(n int) time.Duration {
	d := p.o.Interval
	for range n {
		if d >= p.o.MaxBackoff/2 {
			return p.o.MaxBackoff
		}
		d *= 2
	}
	return min(d, p.o.MaxBackoff)
}

// PollOnce polls one followed feed now, whether or not it is due: a
// conditional GET (If-None-Match, If-Modified-Since), then each new item
// (up to MaxItemsPerPoll, newest first) is ingested, its full page fetched
// first when the item carries only a summary. The outcome is recorded in the
// feed's state: on success the failure count resets and the next poll is due
// after Interval; on error (network, HTTP status, unparsable feed, every
// ingest failing) Failures grows and the next poll waits Interval ×
// 2^Failures, capped at MaxBackoff. Items left over (beyond the cap, or whose
// ingest failed) are taken at a later poll: the validators are then not
// kept, so that poll fetches the feed in full. Subscribers who asked for
// announcements hear of the new items through Options.Announce. It returns
// an error wrapping ErrNotFollowed for an unknown feed.
func (p *Poller) PollOnce(ctx context.Context, feedURL string) (PollResult, error) {
	u, err := NormalizeURL(feedURL)
	if err != nil {
		return PollResult{}, err
	}
	l := p.feedLock(u)
	l.Lock()
	defer l.Unlock()

	p.mu.Lock()
	f, ok, err := p.load(ctx, u)
	p.mu.Unlock()
	if err != nil {
		return PollResult{}, err
	}
	if !ok {
		return PollResult{}, fmt.Errorf("%w: %s", ErrNotFollowed, u)
	}

	pf, val, err := p.fetch(ctx, f)
	if ctx.Err() != nil {
		return PollResult{Feed: f}, ctx.Err() // shutting down: not the feed's fault
	}
	res := PollResult{NotModified: errors.Is(err, errNotModified)}
	upd := outcome{now: p.o.Now()}
	switch {
	case res.NotModified:
		upd.status = "not modified"
	case err != nil:
		upd.err = err
	default:
		upd = p.ingestNew(ctx, f, pf, val, upd.now)
		res.New = upd.items
	}

	// Record even when ctx ended during the ingests, so items ingested are
	// not taken again.
	f, err = p.record(context.WithoutCancel(ctx), u, upd)
	if err != nil {
		p.lg.Error("feed state not saved", "feed", u, "err", err)
		return res, err
	}
	res.Feed = f
	if upd.err != nil {
		p.lg.Warn("feed poll failed", "feed", u, "failures", f.Failures, "next", f.NextFetch, "err", upd.err)
		return res, upd.err
	}
	p.lg.Info("feed polled", "feed", u, "status", f.LastStatus)
	p.announce(ctx, f, res.New)
	return res, nil
}

// outcome is what a poll changes in a feed's state.
type outcome struct {
	now        time.Time
	status     string
	err        error
	title      string
	validators *validators // nil: keep the old ones
	seenAdd    []string    // keys handled by this poll
	seenKeep   []string    // keys of the items still in the feed
	items      []Item
}

// ingestNew ingests the new items of pf and returns the outcome.
func (p *Poller) ingestNew(ctx context.Context, f Feed, pf parsedFeed, val validators, now time.Time) outcome {
	seen := make(map[string]bool, len(f.Seen))
	for _, k := range f.Seen {
		seen[k] = true
	}
	out := outcome{now: now, title: pf.title}
	var fresh []parsedItem
	for _, it := range pf.items {
		out.seenKeep = append(out.seenKeep, it.keys...)
		if slices.ContainsFunc(it.keys, func(k string) bool { return seen[k] }) {
			continue
		}
		for _, k := range it.keys { // the same item twice in one document
			seen[k] = true
		}
		fresh = append(fresh, it)
	}
	leftover := max(len(fresh)-p.o.MaxItemsPerPoll, 0)
	fresh = fresh[:len(fresh)-leftover] // feeds list the newest first
	slices.Reverse(fresh)               // ingest oldest first

	var dup, failed int
	var firstErr error
	for _, it := range fresh {
		if ctx.Err() != nil {
			leftover++
			continue
		}
		doc := p.document(ctx, f.URL, pf, it)
		if doc.Text == "" {
			p.lg.Info("feed item has no text", "feed", f.URL, "item", it.link)
			out.seenAdd = append(out.seenAdd, it.keys...)
			continue
		}
		id, isDup, err := p.ing.IngestDoc(ctx, doc)
		if err != nil {
			failed++
			if firstErr == nil {
				firstErr = fmt.Errorf("ingest %q: %w", it.title, err)
			}
			p.lg.Warn("feed item ingest failed", "feed", f.URL, "item", it.link, "err", err)
			continue
		}
		out.seenAdd = append(out.seenAdd, it.keys...)
		if isDup {
			dup++
			continue
		}
		out.items = append(out.items, Item{Title: doc.Title, URL: doc.URL, Published: doc.Published, ArticleID: id})
	}
	slices.Reverse(out.items) // newest first, as in the feed

	if leftover == 0 && failed == 0 {
		out.validators = &val
	} else {
		out.validators = &validators{} // refetch in full next time
	}
	if failed > 0 && failed == len(fresh) {
		out.err = firstErr
		return out
	}
	out.status = fmt.Sprintf("ok, %d new", len(out.items))
	if dup > 0 {
		out.status += fmt.Sprintf(", %d known", dup)
	}
	if failed > 0 {
		out.status += fmt.Sprintf(", %d failed", failed)
	}
	if leftover > 0 {
		out.status += fmt.Sprintf(", %d left for the next poll", leftover)
	}
	return out
}

// document builds the document to ingest for a feed item, fetching the
// linked page when the item carries only a summary. When the fetch fails the
// summary itself is used.
func (p *Poller) document(ctx context.Context, feedURL string, pf parsedFeed, it parsedItem) analysis.Document {
	doc := analysis.Document{
		Text:      it.text,
		Title:     it.title,
		URL:       it.link,
		Published: it.published,
		Received:  p.o.Now(),
		Origin:    analysis.Origin{Kind: "feed", Ref: feedURL},
	}
	if p.art != nil && it.summaryOnly() {
		page, err := p.art.Article(ctx, it.link)
		switch {
		case err != nil:
			p.lg.Info("feed item page not read; using its summary", "feed", feedURL, "item", it.link, "err", err)
		case strings.TrimSpace(page.Text) == "":
			p.lg.Info("feed item page has no text; using its summary", "feed", feedURL, "item", it.link)
		default:
			doc.Text = page.Text
			if doc.Title == "" {
				doc.Title = page.Title
			}
			if doc.Published.IsZero() {
				doc.Published = page.Published
			}
			doc.Outlet = page.Outlet
		}
	}
	if pf.title != "" {
		doc.Outlet = pf.title
	}
	if doc.Published.IsZero() {
		doc.Published = pf.published
	}
	return doc
}

// record applies a poll's outcome to the stored feed and returns it. A feed
// unfollowed meanwhile is left deleted.
func (p *Poller) record(ctx context.Context, u string, o outcome) (Feed, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f, ok, err := p.load(ctx, u)
	if err != nil || !ok {
		return f, err
	}
	f.LastFetch = o.now
	if o.err != nil {
		f.Failures++
		f.LastStatus = "error: " + o.err.Error()
		f.NextFetch = o.now.Add(p.backoff(f.Failures))
	} else {
		f.Failures = 0
		f.LastStatus = o.status
		f.NextFetch = o.now.Add(p.o.Interval)
	}
	if o.title != "" {
		f.Title = o.title
	}
	if o.validators != nil {
		f.ETag, f.LastModified = o.validators.etag, o.validators.lastModified
	}
	if len(o.seenAdd) > 0 {
		f.Seen = p.capSeen(append(f.Seen, o.seenAdd...), o.seenKeep)
	}
	if err := p.save(ctx, &f); err != nil {
		return f, err
	}
	return f, nil
}

// capSeen keeps seen without duplicates, dropping the oldest keys beyond
// MaxSeen except those of items still in the feed (else they would come back
// as new).
func (p *Poller) capSeen(seen, keep []string) []string {
	inFeed := make(map[string]bool, len(keep))
	for _, k := range keep {
		inFeed[k] = true
	}
	dedup := make(map[string]bool, len(seen))
	var out []string
	for i := len(seen) - 1; i >= 0; i-- { // newest last: walk back, keep the latest copy
		k := seen[i]
		if dedup[k] {
			continue
		}
		dedup[k] = true
		out = append(out, k)
	}
	slices.Reverse(out)
	drop := len(out) - p.o.MaxSeen
	if drop <= 0 {
		return out
	}
	kept := out[:0]
	for _, k := range out {
		if drop > 0 && !inFeed[k] {
			drop--
			continue
		}
		kept = append(kept, k)
	}
	return kept
}

// announce tells the subscribers who asked about the items of a poll.
func (p *Poller) announce(ctx context.Context, f Feed, items []Item) {
	if p.o.Announce == nil || len(items) == 0 {
		return
	}
	for _, s := range f.Chats {
		if !s.Announce {
			continue
		}
		if err := p.o.Announce(ctx, s, f, items); err != nil {
			p.lg.Warn("feed announcement failed", "feed", f.URL, "platform", s.Platform, "chat", s.ChatID, "err", err)
		}
	}
}
