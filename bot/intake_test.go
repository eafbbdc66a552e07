package bot_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/analysis"
	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/feeds"
	"github.com/briefbot/briefbot/storage"
)

type fakeFetcher map[string]analysis.Document

func (f fakeFetcher) Article(_ context.Context, url string) (analysis.Document, error) {
	d, ok := f[url]
	if !ok {
		return analysis.Document{}, errors.New("couldn't find an article at that link")
	}
	return d, nil
}

type fakeFeeds struct{ followed map[string][]feeds.Subscriber }

func (f *fakeFeeds) Follow(_ context.Context, u string, s feeds.Subscriber) (feeds.Feed, error) {
	if !strings.HasSuffix(u, ".xml") {
		return feeds.Feed{}, feeds.ErrNotFeed
	}
	f.followed[u] = append(f.followed[u], s)
	return feeds.Feed{URL: u, Title: "Velin Post", Chats: f.followed[u]}, nil
}

func (f *fakeFeeds) Unfollow(_ context.Context, u string, s feeds.Subscriber) error {
	if len(f.followed[u]) == 0 {
		return feeds.ErrNotFollowed
	}
	delete(f.followed, u)
	return nil
}

func (f *fakeFeeds) Feeds(context.Context) ([]feeds.Feed, error) {
	var out []feeds.Feed
	for u, subs := range f.followed {
		out = append(out, feeds.Feed{URL: u, Title: "Velin Post", Chats: subs, LastFetch: time.Date(2026, 5, 6, 10, 0, 0, 0, time.UTC), LastStatus: "ok, 1 new"})
	}
	return out, nil
}

func intakeBot(t *testing.T) (*bot.Bot, *fakeFeeds) {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "i.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ff := &fakeFeeds{followed: map[string][]feeds.Subscriber{}}
	fetcher := fakeFetcher{"https://velinpost.example/ferry": {
		Text:      "The harbor council of Port Velin approved a new ferry line to the islands on Tuesday, council chair Mira Olsen said.\nThe line will start in June and run four times a day, Olsen told reporters.",
		Title:     "Ferry line approved",
		Outlet:    "Velin Post",
		URL:       "https://velinpost.example/ferry",
		Published: time.Date(2026, 5, 6, 0, 0, 0, 0, time.UTC),
	}}
	return bot.New(slog.New(slog.NewTextHandler(io.Discard, nil)), db, bot.WithFetcher(fetcher), bot.WithFeeds(ff)), ff
}

func TestIntake_Links(t *testing.T) {
	b, _ := intakeBot(t)
	tests := []struct {
		text, want string
		isErr      bool
	}{
		{"/add https://velinpost.example/ferry", "Added #1: Ferry line approved", false},
		{"worth a read: <https://velinpost.example/ferry|ferry>", "Already read", false},
		{"/add https://velinpost.example/nothing", "I could not read that link: couldn't find an article at that link.", true},
		{"/add no link here", "/add needs a link", true},
	}
	for _, tt := range tests {
		r := ask(t, b, tt.text)
		if !strings.Contains(r.Title, tt.want) || r.Error != tt.isErr {
			t.Errorf("%q → %q (error %v), want %q (error %v)", tt.text, r.Title, r.Error, tt.want, tt.isErr)
		}
	}
}

func TestIntake_Feeds(t *testing.T) {
	b, ff := intakeBot(t)
	req := func(text string) *bot.Reply {
		r, err := b.Handle(context.Background(), &bot.Request{Platform: "telegram", ChatID: "42", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if r := req("/follow https://velinpost.example/rss.xml announce"); r.Error || !strings.Contains(r.Title, "Following Velin Post") || !strings.Contains(r.Text, "announced in this chat") {
		t.Errorf("follow: %+v", r)
	}
	if subs := ff.followed["https://velinpost.example/rss.xml"]; len(subs) != 1 || subs[0] != (feeds.Subscriber{Platform: "telegram", ChatID: "42", Announce: true}) {
		t.Errorf("subscribers = %+v", subs)
	}
	if r := req("/follow https://velinpost.example/page.html"); !r.Error || !strings.Contains(r.Title, "could not follow") {
		t.Errorf("follow a page: %+v", r)
	}
	if r := req("/feeds"); len(r.Items) != 1 || !strings.Contains(r.Items[0].Note, "followed here") {
		t.Errorf("feeds: %+v", r)
	}
	if r := req("/unfollow https://velinpost.example/rss.xml"); r.Error {
		t.Errorf("unfollow: %+v", r)
	}
	if r := req("/unfollow https://velinpost.example/rss.xml"); !r.Error || !strings.Contains(r.Title, "does not follow") {
		t.Errorf("unfollow twice: %+v", r)
	}
}

func TestAnnounceReply(t *testing.T) {
	r := bot.AnnounceReply(feeds.Feed{URL: "https://velinpost.example/rss.xml", Title: "Velin Post"},
		[]feeds.Item{{Title: "Ferry line approved", URL: "https://velinpost.example/ferry", Published: time.Date(2026, 5, 6, 9, 0, 0, 0, time.UTC), ArticleID: 7}})
	if r.Title != "New from Velin Post" || len(r.Items) != 1 || r.Items[0].Sources[0].Article != "7" || r.Items[0].Date != "2026-05-06" {
		t.Errorf("reply = %+v", r)
	}
}
