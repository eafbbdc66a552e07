// Package bot is briefbot's platform-neutral core: the command table, the
// handlers that answer each command from the store, the intake of pasted
// articles, and the Request and Reply types the adapters (console, Slack,
// Telegram) translate to and from their platforms.
package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/briefbot/briefbot/analysis"
)

// Store is what the bot needs from the database.
type Store interface {
	Save(ctx context.Context, a *analysis.Analysis) (analysis.Saved, error)
	Article(ctx context.Context, id uint64) (analysis.Article, error)
	Articles(ctx context.Context) ([]analysis.Article, error)
	ArticleFacts(ctx context.Context, id uint64) ([]analysis.Fact, error)
	Entity(ctx context.Context, id uint64) (analysis.Entity, error)
	Entities(ctx context.Context) ([]analysis.Entity, error)
	LookupAlias(ctx context.Context, key string) ([]uint64, error)
	FactsAbout(ctx context.Context, entityID uint64) ([]analysis.Fact, error)
	FactsBetween(ctx context.Context, from, to analysis.Date) ([]analysis.Fact, error)
	// ArticlesReceived: received after from, not after to; ArticlesPublished:
	// published at or after from, before to (a zero to is open). Text empty.
	ArticlesReceived(ctx context.Context, from, to time.Time) ([]analysis.Article, error)
	ArticlesPublished(ctx context.Context, from, to time.Time) ([]analysis.Article, error)
	// RecentlyPublished: the n most recently published articles, oldest
	// first, Text empty.
	RecentlyPublished(ctx context.Context, n int) ([]analysis.Article, error)
	// ArticlesAfter: the articles with a greater id, in id order, Text empty.
	ArticlesAfter(ctx context.Context, id uint64) ([]analysis.Article, error)
	Sightings(ctx context.Context, entityID uint64) ([]analysis.Sighting, error)
	Stats(ctx context.Context) (analysis.Counts, error)
}

// Bot answers requests from any platform.
type Bot struct {
	lg      *slog.Logger
	store   Store
	now     func() time.Time
	cmds    []Command
	index   map[string]*Command
	fetcher Fetcher       // nil: links cannot be read
	feeds   Feeds         // nil: feeds cannot be followed
	subs    Subscriptions // nil: no daily briefings
	policy  Policy        // who may use the bot and run admin commands
	outlets outletCache   // every outlet's name, for comparing part of the corpus

	conflictsLimit int // tests: articles a bare /conflicts compares [conflictsArticles]
}

// Option configures a Bot.
type Option func(*Bot)

// WithClock sets the clock used for "today" (tests use a fixed one).
func WithClock(now func() time.Time) Option { return func(b *Bot) { b.now = now } }

// New returns a bot answering from store.
func New(lg *slog.Logger, store Store, opts ...Option) *Bot {
	b := &Bot{lg: lg, store: store, now: time.Now}
	for _, o := range opts {
		o(b)
	}
	b.cmds = b.commandTable()
	b.index = map[string]*Command{}
	for i := range b.cmds {
		c := &b.cmds[i]
		b.index[c.Name] = c
		for _, a := range c.Aliases {
			b.index[a] = c
		}
	}
	return b
}

// Commands returns the command table, in the order /help lists it. Slack's
// manifest and Telegram's command menu are made from it.
func (b *Bot) Commands() []Command { return b.cmds }

// Handle answers one request. Problems with the request itself (unknown
// command, missing argument, text that is no article) come back as a Reply
// with Error set; an error return means something broke and was not the
// user's doing. Every request passes the Policy (WithPolicy) first: a chat
// it does not serve, or an admin command from someone who is no admin, is
// answered with such a Reply and logged.
func (b *Bot) Handle(ctx context.Context, req *Request) (*Reply, error) {
	if r := b.refuseChat(req); r != nil {
		return r, nil
	}
	text := strings.TrimSpace(req.Text)
	if text == "" {
		return userError("", "", "Nothing to do: send a command (try /help) or paste an article."), nil
	}
	if p, ok := ParseCommand(text); ok {
		c := b.index[p.Name]
		if c == nil {
			msg := fmt.Sprintf("There is no command /%s.", p.Name)
			if s := b.closestCommand(p.Name); s != "" {
				msg += fmt.Sprintf(" Did you mean /%s?", s)
			}
			r := userError(p.Name, p.Args, msg)
			r.Text = "Commands: " + b.commandNames() + ". /help <command> explains one."
			return r, nil
		}
		if r := b.refuseCommand(c, req); r != nil {
			return r, nil
		}
		if c.NeedsArg && strings.TrimSpace(p.Args) == "" {
			r := userError(c.Name, "", fmt.Sprintf("/%s needs an argument.", c.Name))
			r.Text = "Usage: " + c.Usage + "\nExample: " + c.Example
			return r, nil
		}
		r, err := c.Handle(ctx, req, p.Args)
		if err != nil {
			return nil, fmt.Errorf("/%s %s: %w", c.Name, p.Args, err)
		}
		r.Command, r.Query = c.Name, strings.TrimSpace(p.Args)
		return r, nil
	}
	if u, ok := linkOnly(text); ok {
		r, err := b.ingestLink(ctx, req, u)
		if err != nil {
			return nil, err
		}
		return r, nil
	}
	if !LooksLikeArticle(text) {
		r := userError("", "", "That is not a command, and too short to be an article.")
		r.Text = "Commands start with / (try /help). To add an article, paste its whole text: a few sentences at least."
		return r, nil
	}
	doc := analysis.Document{Text: req.Text, Received: b.now().UTC(), Origin: analysis.Origin{Kind: req.Platform, Ref: req.ChatID}}
	if req.Forward != nil {
		doc.Outlet = req.Forward.Name
		doc.URL = req.Forward.URL
		if t, err := time.Parse(time.RFC3339, req.Forward.Date); err == nil {
			doc.Published = t
		}
	}
	res, err := b.Ingest(ctx, doc)
	if err != nil {
		if analysis.IsInputError(err) {
			return userError("", "", "I could not read that as an article: "+err.Error()+"."), nil
		}
		return nil, err
	}
	return b.ingestReply(ctx, res)
}

// Respond is Handle for chat adapters: an error is logged with an error id
// and answered with a short apology that quotes the id.
func (b *Bot) Respond(ctx context.Context, req *Request) *Reply {
	r, err := b.Handle(ctx, req)
	if err == nil {
		return r
	}
	id := errorID()
	b.lg.Error("request failed", "error_id", id, "platform", req.Platform, "chat", req.ChatID, "err", err)
	return &Reply{Title: "Sorry, something went wrong on my side.", Text: "Error id " + id + " (it is in the log).", Items: []Item{}, Error: true}
}

func errorID() string {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "unknown"
	}
	return hex.EncodeToString(b[:])
}

func userError(cmd, query, title string) *Reply {
	return &Reply{Command: cmd, Query: query, Title: title, Items: []Item{}, Error: true}
}

// LooksLikeArticle reports whether free text (not a command) is long enough
// to be taken as an article: at least 120 characters and 12 words.
func LooksLikeArticle(text string) bool {
	return len(text) >= 120 && len(strings.Fields(text)) >= 12
}

func (b *Bot) commandNames() string {
	var names []string
	for _, c := range b.cmds {
		names = append(names, "/"+c.Name)
	}
	return strings.Join(names, ", ")
}

// closestCommand suggests a command for a mistyped name: one it starts
// ("/time" → timeline), else one at most two edits away, else "".
func (b *Bot) closestCommand(name string) string {
	best, bestD := "", 3
	for _, c := range b.cmds {
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			if len(name) >= 2 && strings.HasPrefix(n, name) {
				return c.Name
			}
			if d := analysis.EditDistance(name, n); d < bestD {
				best, bestD = c.Name, d
			}
		}
	}
	return best
}
