package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"
)

// Scheduler delivers every subscription's daily briefing (see the package
// doc for the rules). Its methods are safe for concurrent use; Run must not
// run twice at once.
type Scheduler struct {
	lg      *slog.Logger
	st      Store
	deliver Deliver
	clk     Clock
	wake    chan struct{}

	// mu serializes the read-modify-write of a record between Subscribe,
	// Unsubscribe and the marking of a delivered briefing.
	mu sync.Mutex

	// Tunables; New sets the defaults, tests may change them before Run.
	maxSleep       time.Duration // longest wait before re-reading the store
	listRetry      time.Duration // wait after the store failed to list
	deliverTimeout time.Duration // bound on one Deliver call (real time)
	parallel       int           // deliveries at once
	backoff        func(attempt int) time.Duration
}

// New returns a scheduler that reads subscriptions from st and hands each
// due briefing to deliver. A nil lg discards logs; a nil clk is the real
// clock.
func New(lg *slog.Logger, st Store, deliver Deliver, clk Clock) *Scheduler {
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	if clk == nil {
		clk = RealClock()
	}
	return &Scheduler{
		lg: lg, st: st, deliver: deliver, clk: clk,
		wake:           make(chan struct{}, 1),
		maxSleep:       5 * time.Minute,
		listRetry:      30 * time.Second,
		deliverTimeout: 5 * time.Minute,
		parallel:       4,
		backoff:        Backoff,
	}
}

// Backoff is the wait before retry number attempt (1, 2, …) of a failed
// delivery: 30 s, 1 m, 2 m, 4 m, 8 m, then 15 m.
func Backoff(attempt int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < attempt && d < 15*time.Minute; i++ {
		d *= 2
	}
	return min(d, 15*time.Minute)
}

// Wake makes a running scheduler re-read the subscriptions now (call it after
// a change made outside Subscribe and Unsubscribe). It never blocks.
func (s *Scheduler) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Subscribe stores sub as the package-level Subscribe does, at the
// scheduler's clock, and wakes the scheduler.
func (s *Scheduler) Subscribe(ctx context.Context, sub Subscription) (Subscription, error) {
	s.mu.Lock()
	out, err := Subscribe(ctx, s.st, sub, s.clk.Now())
	s.mu.Unlock()
	if err == nil {
		s.Wake()
	}
	return out, err
}

// Unsubscribe deletes a chat's subscription and wakes the scheduler;
// existed reports whether there was one.
func (s *Scheduler) Unsubscribe(ctx context.Context, platform, chat string) (existed bool, err error) {
	s.mu.Lock()
	existed, err = Delete(ctx, s.st, platform, chat)
	s.mu.Unlock()
	if err == nil {
		s.Wake()
	}
	return existed, err
}

// runState is what Run remembers between loops about one subscription.
type runState struct {
	day      string    // the local day being attempted
	attempts int       // failed attempts for day
	retryAt  time.Time // no attempt before this
	gaveUp   bool      // a permanent error: nothing more for day

	unsaved    string    // a delivered day not yet stored (store error)
	unsavedAt  time.Time // its delivery time
	skipLogged string    // the missed day last logged
	badLogged  string    // the bad record value last logged
}

type job struct {
	sub   Subscription
	day   string
	since time.Time
	now   time.Time
	err   error
}

// Run delivers briefings until ctx is done, then returns nil. Store errors
// and bad records are logged and retried or skipped; it returns an error
// only when the scheduler lacks a store or a deliver function.
func (s *Scheduler) Run(ctx context.Context) error {
	if s.st == nil || s.deliver == nil {
		return errors.New("schedule: Run needs a store and a deliver function")
	}
	state := map[string]*runState{}
	zones := zoneCache{}
	s.lg.Info("scheduler started")
	for {
		if ctx.Err() != nil {
			return nil
		}
		now := s.clk.Now()
		wait, jobs := s.scan(ctx, now, state, zones)
		if len(jobs) > 0 {
			s.runJobs(ctx, jobs)
			done := s.clk.Now()
			for i := range jobs {
				s.finish(ctx, &jobs[i], state, done)
			}
			continue
		}
		select {
		case <-ctx.Done():
			s.lg.Info("scheduler stopped")
			return nil
		case <-s.wake:
		case <-s.clk.After(wait):
		}
	}
}

// scan reads the subscriptions and returns the briefings due now and how
// long to wait for the next event when none is.
func (s *Scheduler) scan(ctx context.Context, now time.Time, state map[string]*runState, zones zoneCache) (time.Duration, []job) {
	subs, bad, err := list(ctx, s.st, zones)
	if err != nil {
		if ctx.Err() == nil {
			s.lg.Error("scheduler: list subscriptions", "err", err)
		}
		return s.listRetry, nil
	}
	seen := make(map[string]bool, len(subs)+len(bad))
	for _, b := range bad {
		seen[b.key] = true
		rs := stateFor(state, b.key)
		if rs.badLogged != b.value {
			rs.badLogged = b.value
			s.lg.Error("scheduler: skipping bad subscription record", "key", b.key, "err", b.err)
		}
	}
	next := now.Add(s.maxSleep)
	var jobs []job
	for _, sub := range subs {
		k := sub.Key()
		seen[k] = true
		rs := stateFor(state, k)
		rs.badLogged = ""
		hh, mm, loc, err := sub.parsedWith(zones)
		if err != nil {
			continue // checked by decode
		}
		// The last delivery: as stored, or as delivered and not yet stored.
		last, lastAt := sub.LastSent, sub.LastAt
		if rs.unsaved != "" {
			if rs.unsaved > last {
				last = rs.unsaved
				if rs.unsavedAt.After(lastAt) {
					lastAt = rs.unsavedAt
				}
				s.persistSent(ctx, sub.Platform, sub.ChatID, rs.unsaved, rs.unsavedAt, rs)
			} else {
				rs.unsaved, rs.unsavedAt = "", time.Time{}
			}
		}
		s.logMissed(sub, hh, mm, loc, now, last, rs)

		d, at := plan(sub, hh, mm, loc, now, last)
		ds := d.String()
		if rs.day != ds {
			rs.day, rs.attempts, rs.retryAt, rs.gaveUp = ds, 0, time.Time{}, false
		}
		switch {
		case at.After(now):
			next = earliest(next, at)
		case rs.gaveUp:
			_, at := nextRun(sub, hh, mm, loc, now, ds)
			next = earliest(next, at)
		case rs.retryAt.After(now):
			// Wake for the retry, or at the local midnight that ends the day.
			next = earliest(next, rs.retryAt)
			next = earliest(next, localInstant(d.add(1), 0, 0, loc))
		default:
			since := now.Add(-24 * time.Hour)
			if !lastAt.IsZero() && lastAt.Before(now) {
				since = lastAt
			}
			jobs = append(jobs, job{sub: sub, day: ds, since: since, now: now})
		}
	}
	for k := range state {
		if !seen[k] {
			delete(state, k)
		}
	}
	return max(next.Sub(now), 0), jobs
}

func stateFor(state map[string]*runState, k string) *runState {
	rs := state[k]
	if rs == nil {
		rs = &runState{}
		state[k] = rs
	}
	return rs
}

func earliest(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// logMissed logs, once, a briefing of the day before now's local day that
// was owed and never delivered: missed while the bot was down, or failed
// until its day ended.
func (s *Scheduler) logMissed(sub Subscription, hh, mm int, loc *time.Location, now time.Time, last string, rs *runState) {
	y := dayOf(now.In(loc)).add(-1)
	ys := y.String()
	if rs.skipLogged == ys || !y.after(last) {
		return
	}
	r := localInstant(y, hh, mm, loc)
	if r.After(now) || !sub.Changed.IsZero() && !r.After(sub.Changed) {
		return
	}
	rs.skipLogged = ys
	attempts := 0
	if rs.day == ys {
		attempts = rs.attempts
	}
	s.lg.Warn("scheduler: daily briefing not delivered on its local day; skipped",
		"platform", sub.Platform, "chat", sub.ChatID, "day", ys, "last_sent", last, "attempts", attempts)
}

// runJobs calls Deliver for each job, s.parallel at a time, and waits for
// all of them.
func (s *Scheduler) runJobs(ctx context.Context, jobs []job) {
	sem := make(chan struct{}, max(s.parallel, 1))
	var wg sync.WaitGroup
	for i := range jobs {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			jobs[i].err = s.call(ctx, jobs[i])
		})
	}
	wg.Wait()
}

// call runs Deliver, turning a panic into an error.
func (s *Scheduler) call(ctx context.Context, j job) (err error) {
	ctx, cancel := context.WithTimeout(ctx, s.deliverTimeout)
	defer cancel()
	defer func() {
		if p := recover(); p != nil {
			s.lg.Error("scheduler: deliver panicked", "platform", j.sub.Platform, "chat", j.sub.ChatID,
				"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			err = fmt.Errorf("deliver panicked: %v", p)
		}
	}()
	return s.deliver(ctx, j.sub, j.since, j.now)
}

// finish records a job's outcome: the day as sent, or a retry.
func (s *Scheduler) finish(ctx context.Context, j *job, state map[string]*runState, done time.Time) {
	rs := stateFor(state, j.sub.Key())
	lg := s.lg.With("platform", j.sub.Platform, "chat", j.sub.ChatID, "day", j.day)
	if j.err == nil {
		lg.Info("scheduler: daily briefing delivered", "attempts", rs.attempts+1)
		s.persistSent(ctx, j.sub.Platform, j.sub.ChatID, j.day, j.now, rs)
		rs.attempts, rs.retryAt = 0, time.Time{}
		return
	}
	if ctx.Err() != nil {
		return // shutting down: not a failure of the chat
	}
	if rs.day != j.day {
		rs.day, rs.attempts, rs.gaveUp = j.day, 0, false
	}
	rs.attempts++
	if IsPermanent(j.err) {
		rs.gaveUp = true
		lg.Error("scheduler: delivery failed permanently; giving up for the day", "attempts", rs.attempts, "err", j.err)
		return
	}
	wait := s.backoff(rs.attempts)
	rs.retryAt = done.Add(wait)
	lg.Warn("scheduler: delivery failed; will retry", "attempts", rs.attempts, "retry_in", wait, "err", j.err)
}

// persistSent stores day as the chat's last sent day and at as its last
// delivery, without undoing a concurrent change and without bringing back a
// subscription deleted meanwhile. On a store error the day is kept in rs
// (so this Run sends no second briefing) and stored on a later loop.
func (s *Scheduler) persistSent(ctx context.Context, platform, chat, day string, at time.Time, rs *runState) {
	// Store the mark even when ctx ends right now: the chat has the briefing.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, ok, err := Load(ctx, s.st, platform, chat)
	if err == nil && !ok {
		rs.unsaved, rs.unsavedAt = "", time.Time{}
		return // unsubscribed while it was being delivered
	}
	if err == nil {
		if day > cur.LastSent {
			cur.LastSent = day
		}
		if at.After(cur.LastAt) {
			cur.LastAt = at
		}
		err = Save(ctx, s.st, cur)
	}
	if err != nil {
		rs.unsaved, rs.unsavedAt = day, at
		s.lg.Error("scheduler: could not record a delivered briefing; will retry", "platform", platform, "chat", chat, "day", day, "err", err)
		return
	}
	rs.unsaved, rs.unsavedAt = "", time.Time{}
}
