package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/briefbot/briefbot/bot/feeds"
)

// cliSubscriber is the command line's own subscription: feeds followed from
// the command line are read by every running briefbot sharing the database.
var cliSubscriber = feeds.Subscriber{Platform: "cli", ChatID: "cli"}

// runFollow is "briefbot follow URL": follow a feed and read it once now.
func (e *environment) runFollow(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return &exitError{code: 2, msg: "usage: briefbot follow URL"}
	}
	a, err := e.setup(false)
	if err != nil {
		return err
	}
	defer closeDB(a.lg, a.db)
	f, err := a.feeds.Follow(ctx, args[0], cliSubscriber)
	if err != nil {
		return &exitError{code: 1, msg: fmt.Sprintf("follow %s: %v", args[0], err)}
	}
	res, err := a.feeds.PollOnce(ctx, f.URL)
	if err != nil {
		return &exitError{code: 1, msg: fmt.Sprintf("read %s: %v", f.URL, err)}
	}
	fmt.Fprintf(e.stdout, "following %s (%s): %d new articles ingested\n", orURL(res.Feed.Title, f.URL), f.URL, len(res.New))
	return nil
}

func orURL(title, url string) string {
	if title == "" {
		return url
	}
	return title
}

// runUnfollow is "briefbot unfollow URL".
func (e *environment) runUnfollow(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return &exitError{code: 2, msg: "usage: briefbot unfollow URL"}
	}
	a, err := e.setup(false)
	if err != nil {
		return err
	}
	defer closeDB(a.lg, a.db)
	if err := a.feeds.Unfollow(ctx, args[0], cliSubscriber); err != nil {
		if errors.Is(err, feeds.ErrNotFollowed) {
			return &exitError{code: 1, msg: fmt.Sprintf("%s is not followed from the command line", args[0])}
		}
		return &exitError{code: 1, msg: fmt.Sprintf("unfollow %s: %v", args[0], err)}
	}
	fmt.Fprintf(e.stdout, "no longer following %s\n", args[0])
	return nil
}

// runFeeds is "briefbot feeds": every followed feed and its last read.
func (e *environment) runFeeds(ctx context.Context, args []string) error {
	if len(args) != 0 {
		return &exitError{code: 2, msg: "usage: briefbot feeds"}
	}
	a, err := e.setup(false)
	if err != nil {
		return err
	}
	defer closeDB(a.lg, a.db)
	fs, err := a.feeds.Feeds(ctx)
	if err != nil {
		return err
	}
	if len(fs) == 0 {
		fmt.Fprintln(e.stdout, "no feeds followed")
	}
	for _, f := range fs {
		status := "not read yet"
		if !f.LastFetch.IsZero() {
			status = f.LastFetch.UTC().Format("2006-01-02 15:04 UTC") + ": " + f.LastStatus
		}
		fmt.Fprintf(e.stdout, "%s\t%s\t%d chats\t%s\n", f.URL, orURL(f.Title, "-"), len(f.Chats), status)
	}
	return nil
}

// runOPML is "briefbot opml import FILE" (follow every feed listed) and
// "briefbot opml export [FILE]" (list the followed feeds; standard output
// when no file).
func (e *environment) runOPML(ctx context.Context, args []string) error {
	fset := flag.NewFlagSet("opml", flag.ContinueOnError)
	fset.SetOutput(e.stderr)
	if err := fset.Parse(args); err != nil {
		return usageErr(err)
	}
	args = fset.Args()
	if len(args) < 1 || (args[0] == "import" && len(args) != 2) || (args[0] == "export" && len(args) > 2) || (args[0] != "import" && args[0] != "export") {
		return &exitError{code: 2, msg: "usage: briefbot opml import FILE | briefbot opml export [FILE]"}
	}
	a, err := e.setup(false)
	if err != nil {
		return err
	}
	defer closeDB(a.lg, a.db)
	if args[0] == "import" {
		f, err := os.Open(args[1])
		if err != nil {
			return &exitError{code: 1, msg: err.Error()}
		}
		defer f.Close()
		urls, err := feeds.ImportOPML(f)
		if err != nil {
			return &exitError{code: 1, msg: fmt.Sprintf("%s: %v", args[1], err)}
		}
		failed := 0
		for _, u := range urls {
			if _, err := a.feeds.Follow(ctx, u, cliSubscriber); err != nil {
				failed++
				fmt.Fprintf(e.stdout, "  failed: %s: %v\n", u, err)
			}
		}
		fmt.Fprintf(e.stdout, "%d feeds followed, %d failed\n", len(urls)-failed, failed)
		if failed > 0 {
			return &exitError{code: 1}
		}
		return nil
	}
	fs, err := a.feeds.Feeds(ctx)
	if err != nil {
		return err
	}
	out := e.stdout
	if len(args) == 2 {
		f, err := os.Create(args[1])
		if err != nil {
			return &exitError{code: 1, msg: err.Error()}
		}
		defer f.Close()
		out = f
	}
	if err := feeds.ExportOPML(out, fs); err != nil {
		return &exitError{code: 1, msg: err.Error()}
	}
	return nil
}
