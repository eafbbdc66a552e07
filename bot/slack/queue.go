package slack

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

// enqueue runs job after the jobs of the same channel queued before it, at
// once when there are none: each channel has its lane, so its answers are
// posted in the order its requests came, while channels proceed in
// parallel (at most MaxConcurrent working at once, see acquire). A job
// runs on the requests' context; one that panics is logged and its lane
// goes on.
func (a *Adapter) enqueue(channel string, job func(ctx context.Context)) {
	a.wg.Add(1)
	a.pending.Add(1)
	a.laneMu.Lock()
	q, running := a.lanes[channel]
	a.lanes[channel] = append(q, job)
	a.laneMu.Unlock()
	if !running {
		go a.runLane(channel)
	}
}

// runLane runs the channel's jobs in order until its queue is empty.
func (a *Adapter) runLane(channel string) {
	ctx := a.work
	for {
		a.laneMu.Lock()
		q := a.lanes[channel]
		if len(q) == 0 {
			delete(a.lanes, channel)
			a.laneMu.Unlock()
			return
		}
		job := q[0]
		q[0] = nil
		a.lanes[channel] = q[1:]
		a.laneMu.Unlock()
		a.runJob(ctx, job)
	}
}

func (a *Adapter) runJob(ctx context.Context, job func(context.Context)) {
	defer a.wg.Done()
	defer a.pending.Add(-1)
	defer func() {
		if r := recover(); r != nil { // a bug must not take the other adapters down
			a.lg.Error("slack request panicked", "panic", fmt.Sprint(r))
		}
	}()
	if ctx.Err() != nil {
		return
	}
	job(ctx)
}

// acquire takes one of the MaxConcurrent working slots, waiting for one;
// it reports false when ctx ended first. Each true is followed by release.
func (a *Adapter) acquire(ctx context.Context) bool {
	select {
	case a.sem <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

func (a *Adapter) release() { <-a.sem }

// health tracks whether Slack's Web API seems down, and wakes the replies
// held for it when it comes back.
type health struct {
	mu   sync.Mutex
	down bool
	back chan struct{} // closed when Slack is back
}

// failing records a failure and returns a channel closed when Slack is
// seen answering again.
func (h *health) failing() <-chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.down = true
	return h.back
}

// up records that Slack answered (a post went through, the websocket
// reconnected), waking the replies held.
func (h *health) up() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.down {
		close(h.back)
		h.back = make(chan struct{})
		h.down = false
	}
}

// deliverHeld posts msgs as deliver does, from where p says, holding them
// through an outage: while the failure is transient (5xx, dropped or
// refused connections, a 429 whose Retry-After is honoured) it tries again,
// waiting from RetryBase doubling up to ReconnectMax, or less when Slack is
// seen back, for at most HoldFor. Messages already posted are not posted
// again. The caller's working slot is used for the first attempt and given
// back with release; later attempts take a slot of their own.
func (a *Adapter) deliverHeld(ctx context.Context, in *incoming, msgs []Message, p *progress, release func()) error {
	deadline := time.Now().Add(a.opts.HoldFor)
	wait := a.opts.RetryBase
	held := time.Time{}
	for {
		err := func() error {
			defer release() // also on a panic
			return a.deliver(ctx, in, msgs, p)
		}()
		if err == nil {
			a.health.up()
			if !held.IsZero() {
				a.lg.Info("slack held reply delivered", "kind", in.kind, "channel", in.channel, "held", time.Since(held).Round(time.Millisecond))
			}
			return nil
		}
		if ctx.Err() != nil || !a.transient(err) || time.Now().Add(wait).After(deadline) {
			return err
		}
		if held.IsZero() {
			held = time.Now()
			a.lg.Warn("slack unavailable; reply held", "kind", in.kind, "channel", in.channel, "posted", p.sent, "of", len(msgs), "err", a.redact(err))
		}
		back := a.health.failing()
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-back:
			t.Stop()
		case <-ctx.Done():
			t.Stop()
			return err
		}
		wait = min(2*wait, a.opts.ReconnectMax)
		if !a.acquire(ctx) {
			return err
		}
		release = a.release
	}
}

// transient reports whether err is worth trying again later.
func (a *Adapter) transient(err error) bool {
	_, ok := a.retryable(err, 0)
	return ok
}

// sendCache remembers, for a while, how far Send got with a reply it
// failed to post whole, so that the caller's retry of the same reply
// resumes there instead of posting its first messages twice.
type sendCache struct {
	mu sync.Mutex
	m  map[string]sendProgress
}

type sendProgress struct {
	progress
	at time.Time
}

const sendCacheTTL = time.Hour

// sendKey identifies a reply to a channel by its rendered messages.
func sendKey(channel string, msgs []Message) string {
	h := sha256.New()
	h.Write([]byte(channel))
	for _, m := range msgs {
		h.Write([]byte{0})
		h.Write([]byte(m.Text))
		h.Write([]byte{1})
		_ = json.NewEncoder(h).Encode(m.Blocks) // an error would only weaken the key
	}
	return hex.EncodeToString(h.Sum(nil))
}

// take removes and returns the progress recorded for key (zero when none).
func (c *sendCache) take(key string) progress {
	c.mu.Lock()
	defer c.mu.Unlock()
	sp, ok := c.m[key]
	delete(c.m, key)
	if !ok || time.Since(sp.at) > sendCacheTTL {
		return progress{}
	}
	return sp.progress
}

func (c *sendCache) put(key string, p progress) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	for k, sp := range c.m {
		if now.Sub(sp.at) > sendCacheTTL {
			delete(c.m, k)
		}
	}
	c.m[key] = sendProgress{p, now}
}
