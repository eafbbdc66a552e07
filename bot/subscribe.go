package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/briefbot/briefbot/bot/schedule"
)

// Subscriptions keeps the chats' daily briefings: the running scheduler
// and its store.
type Subscriptions interface {
	// Subscribe stores (or replaces) a chat's subscription and returns it
	// as stored.
	Subscribe(ctx context.Context, sub schedule.Subscription) (schedule.Subscription, error)
	// Unsubscribe stops a chat's briefings; existed reports whether it had any.
	Unsubscribe(ctx context.Context, platform, chat string) (existed bool, err error)
	// Current returns a chat's subscription, if any.
	Current(ctx context.Context, platform, chat string) (schedule.Subscription, bool, error)
}

// WithSubscriptions enables /subscribe and /unsubscribe.
func WithSubscriptions(s Subscriptions) Option { return func(b *Bot) { b.subs = s } }

// chatPlatform reports whether a request comes from a chat that the bot can
// send to later (not the one-shot command line).
func chatPlatform(req *Request) bool {
	return req != nil && req.ChatID != "" && req.Platform != "" && req.Platform != "cli"
}

// subscribe answers /subscribe [HH:MM ZONE [names or words]].
func (b *Bot) subscribe(ctx context.Context, req *Request, args string) (*Reply, error) {
	if b.subs == nil {
		return userError("subscribe", args, "Daily briefings are not enabled here."), nil
	}
	if !chatPlatform(req) {
		return userError("subscribe", args, "Daily briefings go to a chat: use /subscribe in Slack, Telegram or the console."), nil
	}
	if strings.TrimSpace(args) == "" {
		cur, ok, err := b.subs.Current(ctx, req.Platform, req.ChatID)
		if err != nil {
			return nil, fmt.Errorf("subscription of %s:%s: %w", req.Platform, req.ChatID, err)
		}
		r := &Reply{Command: "subscribe", Title: "Daily briefing", Items: []Item{}}
		if !ok {
			r.Text = "No daily briefing in this chat. " + schedule.Usage + "."
			return r, nil
		}
		r.Text = schedule.Describe(cur, b.now()) + ". /unsubscribe stops it."
		return r, nil
	}
	sub, err := schedule.ParseArgs(args)
	if err != nil {
		return b.usageError("subscribe", args, err.Error()), nil
	}
	sub.Platform, sub.ChatID = req.Platform, req.ChatID
	var known, words []string
	for _, w := range sub.Filter {
		ts, err := b.briefingTerms(ctx, []string{w})
		if err != nil {
			return nil, err
		}
		switch {
		case len(ts) == 0:
		case len(ts[0].Entities) > 0:
			known = append(known, fmt.Sprintf("%s (%s)", w, ts[0].Text))
		default:
			words = append(words, fmt.Sprintf("%q", w))
		}
	}
	stored, err := b.subs.Subscribe(ctx, sub)
	if err != nil {
		return nil, fmt.Errorf("subscribe %s:%s: %w", req.Platform, req.ChatID, err)
	}
	b.lg.Info("subscribed", "platform", req.Platform, "chat", req.ChatID, "at", stored.At, "zone", stored.Zone, "filter", len(stored.Filter))
	r := &Reply{Command: "subscribe", Query: args, Title: "Subscribed", Items: []Item{}}
	r.Text = schedule.Describe(stored, b.now()) + "."
	if len(known) > 0 {
		r.Text += " Names: " + strings.Join(known, ", ") + "."
	}
	if len(words) > 0 {
		r.Text += " Matched as words in the articles: " + strings.Join(words, ", ") + "."
	}
	r.Footer = "/subscribe shows the setting, /unsubscribe stops it, /brief shows the last 24 hours now."
	return r, nil
}

// unsubscribe answers /unsubscribe.
func (b *Bot) unsubscribe(ctx context.Context, req *Request, args string) (*Reply, error) {
	if b.subs == nil {
		return userError("unsubscribe", args, "Daily briefings are not enabled here."), nil
	}
	if !chatPlatform(req) {
		return userError("unsubscribe", args, "Daily briefings go to a chat: use /unsubscribe in the chat that receives them."), nil
	}
	existed, err := b.subs.Unsubscribe(ctx, req.Platform, req.ChatID)
	if err != nil {
		return nil, fmt.Errorf("unsubscribe %s:%s: %w", req.Platform, req.ChatID, err)
	}
	r := &Reply{Command: "unsubscribe", Title: "Daily briefing", Items: []Item{}}
	if existed {
		b.lg.Info("unsubscribed", "platform", req.Platform, "chat", req.ChatID)
		r.Text = "Stopped: no more daily briefings in this chat."
	} else {
		r.Text = "This chat had no daily briefing."
	}
	return r, nil
}
