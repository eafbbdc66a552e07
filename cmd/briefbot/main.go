// Command briefbot reads the news for a team and answers in chat with
// dated, sourced facts.
//
//	briefbot [--db PATH] [--config FILE]           run every configured adapter (Slack, Telegram); with no chat tokens: the console chat
//	briefbot console                               the interactive console chat
//	briefbot ingest [--published DATE] [--outlet NAME] [--url URL] FILE|DIR|URL|- ...
//	briefbot ingest --manifest index.tsv           TSV with header: file, published, outlet[, url]
//	briefbot ask [--format text|json|slack|telegram] "/timeline witkoff"
//	briefbot backup FILE                           hot backup of the database
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // daily briefings need time zones, also in an image without a zone database
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// exitError carries an exit status; its message has already been printed
// when msg is empty.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// run is main without the process: arguments, standard streams and the
// environment are parameters, so tests can run every subcommand.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	err := dispatch(ctx, args, stdin, stdout, stderr, getenv)
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(stderr, "briefbot:", ee.msg)
		}
		return ee.code
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintln(stderr, "briefbot:", err)
	return 1
}

func dispatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	g := &globals{}
	fs := flag.NewFlagSet("briefbot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	g.register(fs)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	if err := fs.Parse(args); err != nil {
		return usageErr(err)
	}
	rest := fs.Args()
	cmd := ""
	if len(rest) > 0 {
		cmd, rest = rest[0], rest[1:]
	}
	env := &environment{g: g, stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	switch cmd {
	case "", "run":
		return env.runDefault(ctx, rest)
	case "console":
		return env.runConsole(ctx, rest)
	case "ingest":
		return env.runIngest(ctx, rest)
	case "ask":
		return env.runAsk(ctx, rest)
	case "backup":
		return env.runBackup(ctx, rest)
	case "bench":
		return env.runBench(ctx, rest)
	case "eval":
		return env.runEval(ctx, rest)
	case "follow":
		return env.runFollow(ctx, rest)
	case "unfollow":
		return env.runUnfollow(ctx, rest)
	case "feeds":
		return env.runFeeds(ctx, rest)
	case "opml":
		return env.runOPML(ctx, rest)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return &exitError{code: 2, msg: fmt.Sprintf("unknown command %q\n%s", cmd, usage)}
}

func usageErr(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	return &exitError{code: 2, msg: ""}
}

const usage = `usage:
  briefbot [--db PATH] [--config FILE]           run every configured adapter (Slack, Telegram);
                                                 with no chat tokens: the console chat
  briefbot console                               the interactive console chat
  briefbot ingest [--published DATE] [--outlet NAME] [--url URL] FILE|DIR|URL|- ...
  briefbot ingest --manifest index.tsv           TSV with header: file, published, outlet[, url]
  briefbot follow URL | unfollow URL | feeds     follow news feeds (read while briefbot runs)
  briefbot opml import FILE | opml export [FILE]
  briefbot ask [--format text|json|slack|telegram] "/timeline witkoff"
  briefbot backup FILE                           hot backup of the database
  briefbot eval timex|ner|quotes|xdoc|all --data ../shared/data [--split dev|test] [--json]
  briefbot bench extract --data ../shared/data [--json]   extraction speed on BBC News

global flags (before the command):
  --db PATH        database file (default briefbot.db; env BRIEFBOT_DB)
  --config FILE    JSON configuration file
  --no-samples     do not load the sample articles into an empty database (env BRIEFBOT_SAMPLES=0)
  --log-level L    debug, info, warn or error (env BRIEFBOT_LOG_LEVEL)
  --slack-listen ADDR       serve Slack over signed HTTP instead of Socket Mode
  --telegram-webhook URL    Telegram webhook URL instead of long polling
  --telegram-listen ADDR    address of the Telegram webhook server
  --allow-private           let links and feeds reach private and local addresses (env BRIEFBOT_FETCH_ALLOW_PRIVATE=1)

Slack runs when SLACK_BOT_TOKEN is set, Telegram when TELEGRAM_BOT_TOKEN is set
(see README.md); with neither, the console chat opens.
`

// logger returns the process logger: text on stderr at the given level.
func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}
