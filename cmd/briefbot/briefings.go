package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/schedule"
)

// subscriptions gives the bot a chat's subscription through the running
// scheduler (which wakes on every change) and its store.
type subscriptions struct {
	*schedule.Scheduler
	st schedule.Store
}

func (s subscriptions) Current(ctx context.Context, platform, chat string) (schedule.Subscription, bool, error) {
	return schedule.Load(ctx, s.st, platform, chat)
}

// deliverBriefing is the scheduler's Deliver: the briefing of what was
// received since the chat's previous one, sent through the platform's
// adapter. A platform that is not running in this process cannot be
// reached today: that is a permanent failure for the day (logged by the
// scheduler), not a retry loop.
func (a *app) deliverBriefing(ctx context.Context, sub schedule.Subscription, since, now time.Time) error {
	s, ok := a.senders.get(sub.Platform)
	if !ok {
		return schedule.Permanent(fmt.Errorf("platform %s is not running in this process", sub.Platform))
	}
	if !a.mayDeliver("briefing", sub.Platform, sub.ChatID) {
		return schedule.Permanent(fmt.Errorf("chat %s is not on the allowlist", sub.Key()))
	}
	loc, err := schedule.LoadZone(sub.Zone)
	if err != nil {
		return schedule.Permanent(fmt.Errorf("time zone of %s: %w", sub.Key(), err))
	}
	r, err := a.bot.Briefing(ctx, bot.BriefingRequest{Since: since, Until: now, Zone: loc, Filter: sub.Filter})
	if err != nil {
		return fmt.Errorf("briefing for %s: %w", sub.Key(), err)
	}
	r.Title = "Daily briefing — " + now.In(loc).Format("Mon 2 Jan 2006")
	if len(sub.Filter) > 0 {
		r.Title += " — " + strings.Join(sub.Filter, ", ")
	}
	if err := s.Send(ctx, sub.ChatID, r); err != nil {
		return fmt.Errorf("send briefing to %s: %w", sub.Key(), err)
	}
	a.lg.Info("briefing delivered", "platform", sub.Platform, "chat", sub.ChatID, "items", len(r.Items))
	return nil
}
