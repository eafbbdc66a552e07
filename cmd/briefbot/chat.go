package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/briefbot/briefbot/bot"
	slackbot "github.com/briefbot/briefbot/bot/slack"
	"github.com/briefbot/briefbot/bot/telegram"
	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/storage"
)

// adapter is a chat platform the bot serves until ctx ends.
type adapter interface {
	Run(ctx context.Context) error
}

// runChat serves every configured chat platform side by side in one process
// until ctx ends (SIGINT, SIGTERM) or one of them fails; then it stops the
// others and closes the database. Sample articles are not loaded: a team's
// database starts with its own news.
func (e *environment) runChat(ctx context.Context) error {
	a, err := e.setup(false)
	if err != nil {
		return err
	}
	defer closeDB(a.lg, a.db)
	adapters, err := newAdapters(a.cfg, a.lg, a.db, a.bot)
	if err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}
	for name, ad := range adapters {
		if s, ok := ad.(sender); ok {
			a.senders.set(name, s)
		}
	}
	adapters["feeds"] = a.feeds    // followed feeds are read alongside
	adapters["schedule"] = a.sched // and daily briefings sent
	a.lg.Info("briefbot serving", "platforms", len(adapters)-2, "db", a.cfg.DBPath)
	return runAll(ctx, a.lg, adapters)
}

// newAdapters builds the adapters the configuration enables.
func newAdapters(cfg config.Config, lg *slog.Logger, db *storage.DB, b *bot.Bot) (map[string]adapter, error) {
	out := map[string]adapter{}
	if cfg.Slack() {
		sl, err := slackbot.New(lg.With("adapter", "slack"), b, slackbot.Options{
			BotToken: cfg.SlackBotToken, AppToken: cfg.SlackAppToken, SigningSecret: cfg.SlackSigningSecret,
			APIURL: cfg.SlackAPIURL, Listen: cfg.SlackListen,
			AllowedChannels: config.List(cfg.SlackAllowedChannels), AllowedUsers: config.List(cfg.SlackAllowedUsers),
		})
		if err != nil {
			return nil, fmt.Errorf("slack: %w", err)
		}
		out["slack"] = sl
	}
	if cfg.Telegram() {
		var chats []int64
		for _, s := range config.List(cfg.TelegramAllowedChats) {
			id, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("TELEGRAM_ALLOWED_CHATS: %q is not a chat id", s)
			}
			chats = append(chats, id)
		}
		tg, err := telegram.New(lg.With("adapter", "telegram"), b, db, telegram.Options{
			Token: cfg.TelegramBotToken, APIEndpoint: cfg.TelegramAPIEndpoint,
			WebhookURL: cfg.TelegramWebhook, Listen: cfg.TelegramListen, Secret: cfg.TelegramSecret,
			AllowedChats: chats, LinkIntake: true,
		})
		if err != nil {
			return nil, fmt.Errorf("telegram: %w", err)
		}
		out["telegram"] = tg
	}
	return out, nil
}

// runAll runs the adapters until ctx ends or one returns an error, which
// stops the others. It returns the first error, or nil on a clean stop.
func runAll(ctx context.Context, lg *slog.Logger, adapters map[string]adapter) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, len(adapters))
	for name, a := range adapters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			err := a.Run(ctx)
			if err != nil && !errors.Is(err, context.Canceled) {
				lg.Error("adapter stopped", "adapter", name, "err", err, "after", time.Since(start).Round(time.Millisecond))
				errs <- fmt.Errorf("%s: %w", name, err)
				cancel()
				return
			}
			lg.Info("adapter stopped", "adapter", name)
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// policyFrom turns the configuration's allowlists and admins into the bot's
// access policy.
func policyFrom(cfg config.Config) bot.Policy {
	p := bot.Policy{
		Admins: map[string]bool{},
		AllowedChats: map[string][]string{
			"slack":    config.List(cfg.SlackAllowedChannels),
			"telegram": telegramIDs(config.List(cfg.TelegramAllowedChats)),
		},
		AllowedUsers: map[string][]string{"slack": config.List(cfg.SlackAllowedUsers)},
	}
	for _, k := range cfg.AdminKeys() {
		p.Admins[k] = true
	}
	return p
}

// telegramIDs writes chat ids the way the adapter does ("-042" → "-42");
// ids that are no number (Validate rejects them) are left out.
func telegramIDs(ids []string) []string {
	var out []string
	for _, s := range ids {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			out = append(out, strconv.FormatInt(n, 10))
		}
	}
	return out
}

// mayDeliver reports whether a message nobody asked for (what: "briefing",
// "feed announcement") may go to chat on platform, logging when it may
// not: a subscription made before the chat left the allowlist is not
// served.
func (a *app) mayDeliver(what, platform, chat string) bool {
	if a.policy.ChatAllowed(platform, chat) {
		return true
	}
	a.lg.Warn(what+" not sent: chat not on the allowlist", "platform", platform, "chat", chat)
	return false
}
