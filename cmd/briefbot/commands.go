package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/briefbot/briefbot/analysis"
	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/console"
	"github.com/briefbot/briefbot/bot/feeds"
	"github.com/briefbot/briefbot/bot/fetch"
	"github.com/briefbot/briefbot/bot/schedule"
	"github.com/briefbot/briefbot/bot/slack"
	"github.com/briefbot/briefbot/bot/telegram"
	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/examples"
	"github.com/briefbot/briefbot/storage"
)

// globals are the flags before the command.
type globals struct {
	db              string
	config          string
	noSamples       bool
	logLevel        string
	slackListen     string
	telegramWebhook string
	telegramListen  string
	allowPrivate    bool
	attachments     string
}

func (g *globals) register(fs *flag.FlagSet) {
	fs.StringVar(&g.db, "db", "", "database file (default briefbot.db; env BRIEFBOT_DB)")
	fs.StringVar(&g.config, "config", "", "JSON configuration file")
	fs.BoolVar(&g.noSamples, "no-samples", false, "do not load the sample articles into an empty database")
	fs.StringVar(&g.logLevel, "log-level", "", "debug, info, warn or error")
	fs.StringVar(&g.slackListen, "slack-listen", "", "serve Slack over HTTP on this address instead of Socket Mode")
	fs.StringVar(&g.telegramWebhook, "telegram-webhook", "", "public URL for Telegram's webhook instead of long polling")
	fs.StringVar(&g.telegramListen, "telegram-listen", "", "address the Telegram webhook server listens on")
	fs.BoolVar(&g.allowPrivate, "allow-private", false, "let links and feeds reach private and local addresses (self-hosted setups, tests)")
	fs.StringVar(&g.attachments, "attachments", "", "console and ask: save pictures (timeline charts) in this directory")
}

// apply sets the flags given on cfg.
func (g *globals) apply(cfg *config.Config) {
	if g.db != "" {
		cfg.DBPath = g.db
	}
	if g.noSamples {
		cfg.LoadSamples = false
	}
	if g.logLevel != "" {
		cfg.LogLevel = g.logLevel
	}
	if g.slackListen != "" {
		cfg.SlackListen = g.slackListen
	}
	if g.telegramWebhook != "" {
		cfg.TelegramWebhook = g.telegramWebhook
	}
	if g.telegramListen != "" {
		cfg.TelegramListen = g.telegramListen
	}
	if g.allowPrivate {
		cfg.FetchAllowPrivate = true
	}
}

// environment is what every subcommand runs with.
type environment struct {
	g      *globals
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

// app is everything a subcommand runs with.
type app struct {
	cfg     config.Config
	lg      *slog.Logger
	db      *storage.DB
	bot     *bot.Bot
	fetcher *fetch.Fetcher
	feeds   *feeds.Poller
	senders *senders // where feed announcements and briefings go, by platform
	sched   *schedule.Scheduler
	policy  bot.Policy // who is served and who may run admin commands
}

// setup loads the configuration, opens the database and builds the bot with
// its link fetcher and feed poller. quiet lowers the default log level to
// warnings (the console and ask print replies on the same terminal).
func (e *environment) setup(quiet bool) (*app, error) {
	cfg, err := config.Load(e.g.config, e.getenv)
	if err != nil {
		return nil, &exitError{code: 2, msg: err.Error()}
	}
	e.g.apply(&cfg)
	if quiet && e.g.logLevel == "" && e.getenv("BRIEFBOT_LOG_LEVEL") == "" {
		cfg.LogLevel = "warn"
	}
	if err := cfg.Validate(); err != nil {
		return nil, &exitError{code: 2, msg: err.Error()}
	}
	lg := newLogger(e.stderr, cfg.SlogLevel())
	for _, w := range config.FileWarnings(e.g.config) {
		lg.Warn(w)
	}
	db, err := storage.Open(cfg.DBPath, storage.Options{Timeout: time.Second})
	if err != nil {
		return nil, &exitError{code: 1, msg: err.Error()}
	}
	lg.Debug("database open", "path", cfg.DBPath)
	a := &app{cfg: cfg, lg: lg, db: db, senders: newSenders(), policy: policyFrom(cfg)}
	a.fetcher = fetch.New(lg.With("component", "fetch"), fetch.Options{AllowPrivate: cfg.FetchAllowPrivate, AllowedHosts: config.List(cfg.FetchAllowedHosts)})
	// the poller ingests through the bot, and the bot follows through the
	// poller: the bot is bound once built
	var b *bot.Bot
	ing := ingestFunc(func(ctx context.Context, d analysis.Document) (uint64, bool, error) { return b.IngestDoc(ctx, d) })
	a.feeds = feeds.New(lg.With("component", "feeds"), a.fetcher.Client(), db, ing, a.fetcher, feeds.Options{Announce: a.announce})
	a.sched = schedule.New(lg.With("component", "schedule"), db, a.deliverBriefing, schedule.RealClock())
	b = bot.New(lg, db, bot.WithFetcher(a.fetcher), bot.WithFeeds(a.feeds), bot.WithSubscriptions(subscriptions{a.sched, db}), bot.WithPolicy(a.policy))
	a.bot = b
	return a, nil
}

// ingestFunc adapts a function to feeds.Ingester.
type ingestFunc func(ctx context.Context, d analysis.Document) (uint64, bool, error)

func (f ingestFunc) IngestDoc(ctx context.Context, d analysis.Document) (uint64, bool, error) {
	return f(ctx, d)
}

// announce tells a chat that follows a feed with "announce" about its new
// articles, through the platform's adapter.
func (a *app) announce(ctx context.Context, sub feeds.Subscriber, f feeds.Feed, items []feeds.Item) error {
	s, ok := a.senders.get(sub.Platform)
	if !ok {
		a.lg.Info("feed announcement not sent: platform not running", "platform", sub.Platform, "feed", f.URL)
		return nil
	}
	if !a.mayDeliver("feed announcement", sub.Platform, sub.ChatID) {
		return nil
	}
	return s.Send(ctx, sub.ChatID, bot.AnnounceReply(f, items))
}

// sender delivers a reply nobody asked for (Slack, Telegram, console).
type sender interface {
	Send(ctx context.Context, chatID string, r *bot.Reply) error
}

// senders maps platform names to the running adapters' senders.
type senders struct {
	mu sync.Mutex
	m  map[string]sender
}

func newSenders() *senders { return &senders{m: map[string]sender{}} }

func (s *senders) set(platform string, x sender) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[platform] = x
}

func (s *senders) get(platform string) (sender, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	x, ok := s.m[platform]
	return x, ok
}

// loadSamples loads the embedded sample articles into an empty database.
func loadSamples(ctx context.Context, lg *slog.Logger, db *storage.DB, b *bot.Bot) error {
	st, err := db.Stats(ctx)
	if err != nil {
		return fmt.Errorf("database stats: %w", err)
	}
	if st.Articles > 0 {
		return nil
	}
	sum, err := b.IngestManifest(ctx, examples.FS(), examples.ManifestName, "sample", nil)
	if err != nil {
		return fmt.Errorf("load sample articles: %w", err)
	}
	lg.Info("sample articles loaded", "summary", sum.String())
	return nil
}

func (e *environment) runDefault(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return &exitError{code: 2, msg: fmt.Sprintf("unexpected arguments %q\n%s", args, usage)}
	}
	cfg, err := config.Load(e.g.config, e.getenv)
	if err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}
	if !cfg.Slack() && !cfg.Telegram() {
		return e.runConsole(ctx, nil)
	}
	return e.runChat(ctx)
}

func (e *environment) runConsole(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return &exitError{code: 2, msg: fmt.Sprintf("console takes no arguments, got %q", args)}
	}
	interactive := isTerminal(e.stdin) && isTerminal(e.stdout)
	a, err := e.setup(true)
	if err != nil {
		return err
	}
	defer closeDB(a.lg, a.db)
	if a.cfg.LoadSamples {
		if err := loadSamples(ctx, a.lg, a.db, a.bot); err != nil {
			return err
		}
	}
	con := console.New(a.lg, a.bot, e.stdin, e.stdout, interactive)
	if e.g.attachments != "" {
		con.SaveAttachmentsTo(e.g.attachments)
	}
	a.senders.set("console", con)
	// followed feeds are read, and daily briefings sent, while the console is open
	pollCtx, stopPoll := context.WithCancel(ctx)
	var bg sync.WaitGroup
	bg.Go(func() {
		if err := a.feeds.Run(pollCtx); err != nil {
			a.lg.Error("feed poller stopped", "err", err)
		}
	})
	bg.Go(func() {
		if err := a.sched.Run(pollCtx); err != nil {
			a.lg.Error("briefing scheduler stopped", "err", err)
		}
	})
	failures, err := con.Run(ctx)
	stopPoll()
	bg.Wait()
	if err != nil {
		return err
	}
	if !interactive && failures > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d request(s) failed", failures)}
	}
	return nil
}

func closeDB(lg *slog.Logger, db *storage.DB) {
	if err := db.Close(); err != nil {
		lg.Error("close database", "err", err)
	}
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func (e *environment) runAsk(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	format := fs.String("format", "text", "text, json, slack or telegram")
	fs.StringVar(&e.g.attachments, "attachments", e.g.attachments, "save pictures (timeline charts) in this directory")
	if err := fs.Parse(args); err != nil {
		return usageErr(err)
	}
	switch *format {
	case "text", "json", "slack", "telegram":
	default:
		return &exitError{code: 2, msg: fmt.Sprintf("unknown format %q: use text, json, slack or telegram", *format)}
	}
	if fs.NArg() == 0 {
		return &exitError{code: 2, msg: `ask needs a command, such as: briefbot ask "/timeline witkoff"`}
	}
	text := strings.Join(fs.Args(), " ")
	if !strings.HasPrefix(strings.TrimSpace(text), "/") {
		text = "/" + strings.TrimSpace(text)
	}
	a, err := e.setup(true)
	if err != nil {
		return err
	}
	defer closeDB(a.lg, a.db)
	if a.cfg.LoadSamples {
		if err := loadSamples(ctx, a.lg, a.db, a.bot); err != nil {
			return err
		}
	}
	r, err := a.bot.Handle(ctx, &bot.Request{Platform: "cli", ChatID: "cli", Text: text})
	if err != nil {
		return err
	}
	if err := writeReply(e.stdout, *r, *format); err != nil {
		return err
	}
	if len(r.Attachments) > 0 {
		if e.g.attachments == "" {
			fmt.Fprintln(e.stderr, "briefbot: the reply has a picture; add --attachments DIR to save it")
		} else {
			paths, err := bot.SaveAttachments(e.g.attachments, r)
			for _, p := range paths {
				fmt.Fprintln(e.stderr, "saved", p)
			}
			if err != nil {
				return &exitError{code: 1, msg: err.Error()}
			}
		}
	}
	if r.Error {
		return &exitError{code: 1}
	}
	return nil
}

func writeReply(w io.Writer, r bot.Reply, format string) error {
	switch format {
	case "json":
		data, err := bot.RenderJSON(r)
		if err != nil {
			return fmt.Errorf("render json: %w", err)
		}
		_, err = fmt.Fprintln(w, string(data))
		return err
	case "slack":
		data, err := json.MarshalIndent(slack.Render(r), "", "  ")
		if err != nil {
			return fmt.Errorf("render slack: %w", err)
		}
		_, err = fmt.Fprintln(w, string(data))
		return err
	case "telegram":
		for i, m := range telegram.Render(r) {
			if i > 0 {
				fmt.Fprintln(w, "\n-----")
			}
			if _, err := fmt.Fprintln(w, m); err != nil {
				return err
			}
		}
		return nil
	}
	_, err := fmt.Fprintln(w, bot.RenderText(r))
	return err
}

func (e *environment) runBackup(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return &exitError{code: 2, msg: "usage: briefbot backup FILE"}
	}
	a, err := e.setup(false)
	if err != nil {
		return err
	}
	defer closeDB(a.lg, a.db)
	if err := a.db.BackupFile(ctx, args[0]); err != nil {
		return &exitError{code: 1, msg: fmt.Sprintf("backup to %s: %v", args[0], err)}
	}
	fmt.Fprintf(e.stdout, "backup written to %s\n", args[0])
	return nil
}

func (e *environment) runIngest(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	published := fs.String("published", "", "publication date (YYYY-MM-DD) of the articles given")
	outlet := fs.String("outlet", "", "outlet of the articles given")
	url := fs.String("url", "", "URL of the article given")
	manifest := fs.String("manifest", "", "TSV manifest: file, published, outlet[, url]")
	if err := fs.Parse(args); err != nil {
		return usageErr(err)
	}
	if *manifest == "" && fs.NArg() == 0 {
		return &exitError{code: 2, msg: "ingest needs files, directories, - (standard input) or --manifest FILE"}
	}
	var pub time.Time
	if *published != "" {
		t, err := bot.ParsePublished(*published)
		if err != nil {
			return &exitError{code: 2, msg: "--published: " + err.Error()}
		}
		pub = t
	}
	if *url != "" && (fs.NArg() != 1 || *manifest != "") {
		return &exitError{code: 2, msg: "--url names one article: give exactly one file with it"}
	}
	a, err := e.setup(false)
	if err != nil {
		return err
	}
	defer closeDB(a.lg, a.db)
	b := a.bot
	var sum bot.Summary
	bar := newProgress(e.stderr, isTerminal(e.stderr))
	if *manifest != "" {
		dir, name := filepath.Split(*manifest)
		if dir == "" {
			dir = "."
		}
		s, err := b.IngestManifest(ctx, os.DirFS(dir), name, "file", bar.update)
		bar.done()
		if err != nil {
			return &exitError{code: 1, msg: err.Error()}
		}
		sum = s
	}
	var inputs []string
	for _, a := range fs.Args() {
		files, err := expand(a)
		if err != nil {
			sum.Failed = append(sum.Failed, bot.Failure{Name: a, Reason: err.Error()})
			continue
		}
		inputs = append(inputs, files...)
	}
	// Files go through the parallel, batched pipeline; links and standard
	// input one at a time.
	var files []string
	for _, in := range inputs {
		if in == "-" || strings.HasPrefix(in, "http://") || strings.HasPrefix(in, "https://") {
			if err := ctx.Err(); err != nil {
				return err
			}
			var res bot.IngestResult
			if in == "-" {
				res, err = e.ingestOne(ctx, b, in, analysis.Document{Outlet: *outlet, URL: *url, Published: pub})
			} else {
				res, err = b.IngestURL(ctx, in, analysis.Origin{Kind: "url", Ref: in})
			}
			if err != nil && !analysis.IsInputError(err) && !isReadErr(err) {
				bar.done()
				return err
			}
			sum.Add(in, res, err)
			continue
		}
		files = append(files, in)
	}
	if len(files) > 0 {
		items := func(yield func(bot.BatchItem) bool) {
			for _, name := range files {
				it := bot.BatchItem{Name: name, Load: func() (analysis.Document, error) {
					data, err := readLimited(name, analysis.MaxTextBytes+1)
					if err != nil {
						return analysis.Document{}, err
					}
					return analysis.Document{Text: string(data), Outlet: *outlet, URL: *url, Published: pub,
						Received: time.Now().UTC(), Origin: analysis.Origin{Kind: "file", Ref: name}}, nil
				}}
				if !yield(it) {
					return
				}
			}
		}
		s, err := b.IngestBatch(ctx, items, bot.BatchOptions{Progress: func(done int) { bar.update(done, len(files)) }})
		sum.Ingested += s.Ingested
		sum.Duplicates += s.Duplicates
		sum.Failed = append(sum.Failed, s.Failed...)
		if err != nil {
			bar.done()
			fmt.Fprintln(e.stdout, sum.String())
			return &exitError{code: 1, msg: fmt.Sprintf("ingest stopped: %v (what was stored before it is kept; run the same ingest again to finish)", err)}
		}
	}
	bar.done()
	fmt.Fprintln(e.stdout, sum.String())
	for _, f := range sum.Failed {
		fmt.Fprintf(e.stdout, "  failed: %s: %s\n", f.Name, f.Reason)
	}
	if len(sum.Failed) > 0 {
		return &exitError{code: 1}
	}
	return nil
}

type readErr struct{ error }

func isReadErr(err error) bool {
	var re readErr
	return errors.As(err, &re)
}

// ingestOne reads one input ("-" is standard input) and ingests it.
func (e *environment) ingestOne(ctx context.Context, b *bot.Bot, name string, doc analysis.Document) (bot.IngestResult, error) {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(io.LimitReader(e.stdin, analysis.MaxTextBytes+1))
		doc.Origin = analysis.Origin{Kind: "stdin"}
	} else {
		data, err = readLimited(name, analysis.MaxTextBytes+1)
		doc.Origin = analysis.Origin{Kind: "file", Ref: name}
	}
	if err != nil {
		return bot.IngestResult{}, readErr{err}
	}
	doc.Text = string(data)
	doc.Received = time.Now().UTC()
	return b.Ingest(ctx, doc)
}

func readLimited(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	return data, nil
}

// expand turns an argument into the files to ingest: "-" itself, a file, or
// every .txt, .text and .md file under a directory, sorted. URLs are refused
// until link intake exists.
func expand(arg string) ([]string, error) {
	if arg == "-" {
		return []string{"-"}, nil
	}
	if strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://") {
		return []string{arg}, nil // fetched when ingested
	}
	st, err := os.Stat(arg)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, errors.New("no such file or directory")
		}
		return nil, err
	}
	if !st.IsDir() {
		return []string{arg}, nil
	}
	var out []string
	err = filepath.WalkDir(arg, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".txt", ".text", ".md":
			if !strings.EqualFold(d.Name(), "README.md") {
				out = append(out, p)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walk %s: %w", arg, err)
	}
	sort.Strings(out)
	if len(out) == 0 {
		return nil, errors.New("no .txt or .md files in this directory")
	}
	return out, nil
}

// progress draws a one-line progress bar on a terminal; elsewhere nothing.
type progress struct {
	w     io.Writer
	on    bool
	drawn bool
}

func newProgress(w io.Writer, on bool) *progress { return &progress{w: w, on: on} }

func (p *progress) update(done, total int) {
	if !p.on || total == 0 {
		return
	}
	const width = 30
	n := done * width / total
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d", strings.Repeat("#", n), strings.Repeat(" ", width-n), done, total)
	p.drawn = true
}

func (p *progress) done() {
	if p.drawn {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
}
