package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot/analysis"
	"github.com/briefbot/briefbot/bot/feeds"
	"github.com/briefbot/briefbot/bot/fetch"
)

// Fetcher reads the article a link points to (bot/fetch.Fetcher).
type Fetcher interface {
	Article(ctx context.Context, url string) (analysis.Document, error)
}

// Feeds keeps the followed feeds (bot/feeds.Poller).
type Feeds interface {
	Follow(ctx context.Context, feedURL string, sub feeds.Subscriber) (feeds.Feed, error)
	Unfollow(ctx context.Context, feedURL string, sub feeds.Subscriber) error
	Feeds(ctx context.Context) ([]feeds.Feed, error)
}

// WithFetcher lets the bot read links (/add, links pasted in chat).
func WithFetcher(f Fetcher) Option { return func(b *Bot) { b.fetcher = f } }

// WithFeeds lets the bot follow feeds (/follow, /unfollow, /feeds).
func WithFeeds(f Feeds) Option { return func(b *Bot) { b.feeds = f } }

// IngestDoc stores a document and reports its article id and whether it was
// already known: the feed poller's way in (bot/feeds.Ingester).
func (b *Bot) IngestDoc(ctx context.Context, doc analysis.Document) (uint64, bool, error) {
	res, err := b.Ingest(ctx, doc)
	if err != nil {
		return 0, false, err
	}
	if res.Duplicate {
		return res.Existing.ID, true, nil
	}
	return res.Analysis.Article.ID, false, nil
}

// IngestURL fetches the article at url and stores it. Problems with the link
// (a private address, not an article, too large, the site's error) come back
// as an *analysis.InputError carrying the fetcher's plain message.
func (b *Bot) IngestURL(ctx context.Context, url string, origin analysis.Origin) (IngestResult, error) {
	if b.fetcher == nil {
		return IngestResult{}, &analysis.InputError{Msg: "I cannot read links here: paste the article's text instead"}
	}
	doc, err := b.fetcher.Article(ctx, url)
	if err != nil {
		if ctx.Err() != nil {
			return IngestResult{}, ctx.Err()
		}
		b.lg.Info("link not ingested", "url", url, "err", err)
		return IngestResult{}, &analysis.InputError{Msg: err.Error()}
	}
	doc.Received = b.now().UTC()
	doc.Origin = origin
	return b.Ingest(ctx, doc)
}

// linkOnly returns the link of a message that is a link and little else (a
// few words of comment at most), or false.
func linkOnly(text string) (string, bool) {
	u, ok := fetch.ExtractURL(text)
	if !ok {
		return "", false
	}
	rest := strings.Fields(strings.Replace(text, u, " ", 1))
	return u, len(rest) <= 12
}

func (b *Bot) addLink(ctx context.Context, req *Request, args string) (*Reply, error) {
	u, ok := fetch.ExtractURL(args)
	if !ok {
		return b.usageError("add", args, "/add needs a link (http or https)."), nil
	}
	return b.ingestLink(ctx, req, u)
}

// ingestLink answers a link: what was learned from its article, or why it
// could not be read.
func (b *Bot) ingestLink(ctx context.Context, req *Request, u string) (*Reply, error) {
	res, err := b.IngestURL(ctx, u, analysis.Origin{Kind: "url", Ref: req.Platform + ":" + req.ChatID})
	if err != nil {
		if analysis.IsInputError(err) {
			return userError("add", u, "I could not read that link: "+strings.TrimSuffix(err.Error(), ".")+"."), nil
		}
		return nil, err
	}
	return b.ingestReply(ctx, res)
}

func subscriber(req *Request, announce bool) feeds.Subscriber {
	return feeds.Subscriber{Platform: req.Platform, ChatID: req.ChatID, Announce: announce}
}

func (b *Bot) follow(ctx context.Context, req *Request, args string) (*Reply, error) {
	if b.feeds == nil {
		return userError("follow", args, "Following feeds is not enabled here."), nil
	}
	words := strings.Fields(args)
	announce := false
	var link string
	for _, w := range words {
		if strings.EqualFold(w, "announce") {
			announce = true
			continue
		}
		if u, ok := fetch.ExtractURL(w); ok && link == "" {
			link = u
		}
	}
	if link == "" {
		return b.usageError("follow", args, "/follow needs the feed's link (RSS, Atom or JSON Feed)."), nil
	}
	f, err := b.feeds.Follow(ctx, link, subscriber(req, announce))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		b.lg.Info("feed not followed", "url", link, "err", err)
		return userError("follow", link, "I could not follow that feed: "+err.Error()+"."), nil
	}
	title := f.Title
	if title == "" {
		title = f.URL
	}
	r := &Reply{Title: "Following " + title, Items: []Item{}}
	r.Text = fmt.Sprintf("%s is read every few minutes; its new articles are added as they appear.", f.URL)
	if announce {
		r.Text += " New articles will be announced in this chat."
	} else {
		r.Text += " Add \"announce\" (/follow <link> announce) to hear about each new article here."
	}
	return r, nil
}

func (b *Bot) unfollow(ctx context.Context, req *Request, args string) (*Reply, error) {
	if b.feeds == nil {
		return userError("unfollow", args, "Following feeds is not enabled here."), nil
	}
	link, ok := fetch.ExtractURL(args)
	if !ok {
		return b.usageError("unfollow", args, "/unfollow needs the feed's link."), nil
	}
	if err := b.feeds.Unfollow(ctx, link, subscriber(req, false)); err != nil {
		if errors.Is(err, feeds.ErrNotFollowed) || errors.Is(err, feeds.ErrBadURL) {
			return userError("unfollow", link, "This chat does not follow "+link+"."), nil
		}
		return nil, fmt.Errorf("unfollow %s: %w", link, err)
	}
	return &Reply{Title: "No longer following " + link, Text: "Articles already read stay.", Items: []Item{}}, nil
}

func (b *Bot) listFeeds(ctx context.Context, req *Request, _ string) (*Reply, error) {
	if b.feeds == nil {
		return userError("feeds", "", "Following feeds is not enabled here."), nil
	}
	fs, err := b.feeds.Feeds(ctx)
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	r := &Reply{Title: "Feeds", Items: []Item{}}
	mine := 0
	for _, f := range fs {
		title := f.Title
		if title == "" {
			title = f.URL
		}
		var notes []string
		if f.Follows(subscriber(req, false)) {
			mine++
			notes = append(notes, "followed here")
		}
		if !f.LastFetch.IsZero() {
			notes = append(notes, "last read "+f.LastFetch.UTC().Format("2006-01-02 15:04 UTC")+": "+f.LastStatus)
		} else {
			notes = append(notes, "not read yet")
		}
		if f.Failures > 0 && !f.NextFetch.IsZero() {
			notes = append(notes, "next try "+f.NextFetch.UTC().Format("15:04 UTC"))
		}
		r.Items = append(r.Items, Item{
			Date: analysis.DayOf(f.LastFetch).String(), Text: title + " — " + f.URL, Note: strings.Join(notes, "; "),
			Sources: []Source{{Outlet: title, Title: title, URL: f.URL}},
		})
	}
	switch {
	case len(fs) == 0:
		r.Text = "No feeds followed yet: /follow <link>."
	default:
		r.Text = fmt.Sprintf("%s, %d followed in this chat.", count(len(fs), "feed", "feeds"), mine)
	}
	return r, nil
}

// AnnounceReply is the message a chat that follows a feed with "announce"
// receives for its new articles: one line per article, each citing it.
func AnnounceReply(f feeds.Feed, items []feeds.Item) *Reply {
	title := f.Title
	if title == "" {
		title = f.URL
	}
	r := &Reply{Title: "New from " + title, Items: []Item{}}
	for _, it := range items {
		src := Source{Outlet: title, Title: it.Title, URL: it.URL, Evidence: it.Title}
		if it.ArticleID != 0 {
			src.Article = strconv.FormatUint(it.ArticleID, 10)
		}
		if !it.Published.IsZero() {
			src.Published = it.Published.UTC().Format(time.DateOnly)
		}
		r.Items = append(r.Items, Item{Date: src.Published, Text: it.Title, Sources: []Source{src}})
	}
	r.Text = count(len(items), "new article", "new articles") + "."
	return r
}
