package feeds

import (
	"context"
	"time"
)

// Run polls every due feed, one after the other, then sleeps until the next
// one is due (at most Interval), waking early when Follow adds a feed. Poll
// errors are logged and recorded in the feed's state. Run returns nil soon
// after ctx ends (an HTTP request in flight is cancelled with it).
func (p *Poller) Run(ctx context.Context) error {
	floor := min(p.o.Interval/10, time.Second)
	for {
		next := p.o.Now().Add(p.o.Interval)
		feeds, err := p.Feeds(ctx)
		if err != nil && ctx.Err() == nil {
			p.lg.Error("list feeds", "err", err)
		}
		for _, f := range feeds {
			if ctx.Err() != nil {
				return nil
			}
			if f.NextFetch.After(p.o.Now()) {
				next = minTime(next, f.NextFetch)
				continue
			}
			res, err := p.PollOnce(ctx, f.URL)
			if err != nil && ctx.Err() != nil {
				return nil
			}
			if !res.Feed.NextFetch.IsZero() {
				next = minTime(next, res.Feed.NextFetch)
			}
		}
		wait := max(next.Sub(p.o.Now()), floor)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-p.wake:
			t.Stop()
		case <-t.C:
		}
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
