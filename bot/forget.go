package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/briefbot/briefbot/analysis"
)

// Forgetter is a store that can delete an article with everything derived
// from it (facts, index entries, its hash and URL keys). DeleteArticle
// returns the deleted article, Text empty; deleting an id that is not
// stored is an error.
type Forgetter interface {
	DeleteArticle(ctx context.Context, id uint64) (analysis.Article, error)
}

// errForgetArgs is what parseForgetArgs rejects: the usage says more.
var errForgetArgs = errors.New("want an article id, as /sources lists them")

// parseForgetArgs reads /forget's arguments. The grammar: an article id in
// decimal, optionally preceded by "#", then optionally the word "confirm"
// (any case); nothing else. Id 0 is no article.
func parseForgetArgs(args string) (id uint64, confirm bool, err error) {
	words := strings.Fields(args)
	switch {
	case len(words) == 2 && strings.EqualFold(words[1], "confirm"):
		confirm = true
	case len(words) != 1:
		return 0, false, errForgetArgs
	}
	digits := strings.TrimPrefix(words[0], "#")
	if digits == "" || digits[0] < '0' || digits[0] > '9' { // ParseUint takes no sign, but be explicit
		return 0, false, errForgetArgs
	}
	id, err = strconv.ParseUint(digits, 10, 64)
	if err != nil || id == 0 {
		return 0, false, errForgetArgs
	}
	return id, confirm, nil
}

// forget is /forget: "/forget 12" shows what would be removed and asks to
// repeat the command with "confirm"; "/forget 12 confirm" removes it. Handle
// lets only admins reach it.
func (b *Bot) forget(ctx context.Context, req *Request, args string) (*Reply, error) {
	fg, ok := b.store.(Forgetter)
	if !ok {
		return userError("forget", args, "Forgetting articles is not supported by this database."), nil
	}
	id, confirm, err := parseForgetArgs(args)
	if err != nil {
		return b.usageError("forget", args, fmt.Sprintf("%q is not an article id: %v.", args, err)), nil
	}
	a, found, err := b.findArticle(ctx, id)
	if err != nil {
		return nil, err
	}
	if !found {
		r := userError("forget", args, fmt.Sprintf("There is no article #%d.", id))
		r.Text = "/sources lists the articles with their ids."
		return r, nil
	}
	if !confirm {
		r := &Reply{
			Title: fmt.Sprintf("Forget article #%d?", id),
			Text: fmt.Sprintf("This removes %s and %s derived from it, from every timeline, conflict and briefing. It cannot be undone.\nTo remove it, send: /forget %d confirm",
				describeArticle(a), count(a.Facts, "fact", "facts"), id),
			Items: []Item{articleItem(a)},
		}
		return r, nil
	}
	gone, err := fg.DeleteArticle(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("delete article %d: %w", id, err)
	}
	if gone.ID == 0 { // a store that returns no article: report what was looked up
		gone = a
	}
	b.lg.Info("article forgotten", append(requestAttrs(req, "forget"),
		"article", id, "outlet", analysis.Outlet(gone), "facts", gone.Facts)...)
	return &Reply{
		Title: fmt.Sprintf("Forgot article #%d.", id),
		Text:  fmt.Sprintf("Removed %s and its %s.", describeArticle(gone), count(gone.Facts, "fact", "facts")),
		Items: []Item{articleItem(gone)},
	}, nil
}

// findArticle looks id up among the stored articles (Text left empty).
// Listing rather than Store.Article keeps "no such article" apart from a
// broken database without knowing the store's error values.
func (b *Bot) findArticle(ctx context.Context, id uint64) (analysis.Article, bool, error) {
	arts, err := b.store.Articles(ctx)
	if err != nil {
		return analysis.Article{}, false, fmt.Errorf("list articles: %w", err)
	}
	for _, a := range arts {
		if a.ID == id {
			return a, true, nil
		}
	}
	return analysis.Article{}, false, nil
}

// describeArticle names an article for a reply: «title» (outlet, date).
func describeArticle(a analysis.Article) string {
	title := a.Title
	if title == "" {
		title = "untitled"
	}
	var about []string
	if o := analysis.Outlet(a); o != "" {
		about = append(about, o)
	}
	if d := analysis.DayOf(a.Published).String(); d != "" {
		about = append(about, "published "+d)
	}
	s := fmt.Sprintf("«%s»", title)
	if len(about) > 0 {
		s += " (" + strings.Join(about, ", ") + ")"
	}
	return s
}

// articleItem is the line /sources shows for an article.
func articleItem(a analysis.Article) Item {
	outlet := analysis.Outlet(a)
	if outlet == "" {
		outlet = "unknown outlet"
	}
	return Item{
		Date:    analysis.DayOf(a.Published).String(),
		Text:    fmt.Sprintf("#%d %s — %s (%s)", a.ID, outlet, a.Title, count(a.Facts, "fact", "facts")),
		Sources: []Source{articleSource(a, a.Title)},
	}
}
