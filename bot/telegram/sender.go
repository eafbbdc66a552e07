package telegram

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// outMsg is one message waiting to be sent.
type outMsg struct {
	chatID  int64
	text    string   // Telegram HTML
	markup  string   // reply_markup JSON, "" for none
	replyTo int64    // message id to answer in a group, 0 for none
	file    *outFile // when set, a photo or document to upload instead of text
	// failNote, when set, is sent (Telegram HTML) in place of the message
	// when it cannot be delivered.
	failNote string

	seq       uint64    // enqueue order, for fairness between chats
	attempts  int       // failed tries (5xx, network)
	floods    int       // 429s received
	firstFail time.Time // of the first failed try
	retryAt   time.Time // no try before
	lastTry   time.Time // of the last failed try
}

// sender sends messages from per-chat FIFO queues, one at a time, within
// the limits: at most one message per chatInterval to a chat, groupMax per
// groupWindow to a group (chat id < 0), nothing at all while a 429's
// retry_after runs.
//
// A message that fails with a 5xx or a network error stays at the head of
// its chat's queue and is tried again after an exponential backoff
// (retryBase doubled per try, at most retryMax), holding back the later
// messages of its chat, never those of others. Two failures in a row, with
// no delivery between, mean the Bot API is down (an outage): then all
// sending pauses, with the same capped backoff, and only one message at a
// time probes the API; the first delivery (or resume, called when
// getUpdates works again) ends the outage and every chat's queue goes
// again at once. A failing message is dropped and logged only once it has
// failed maxAttempts times and the fault looks like its own (since its
// first failure some other message was delivered, or getUpdates answered
// while no other chat's message failed) or it has waited hold since its
// first failure; so an outage shorter than hold loses nothing. Other
// errors (4xx) drop the message at once. A dropped message with a
// failNote is replaced by that note, sent in its place. A retry only
// follows a failed call (though a connection cut after Telegram accepted
// a message makes a duplicate: the Bot API has no idempotency key).
type sender struct {
	lg   *slog.Logger
	send func(ctx context.Context, m *outMsg) *apiError
	cfg  senderConfig
	now  func() time.Time

	mu          sync.Mutex
	queues      map[int64][]*outMsg
	nextAt      map[int64]time.Time   // earliest next try per chat
	groupSent   map[int64][]time.Time // recent sends to groups
	pauseUntil  time.Time             // 429: nothing before
	outageUntil time.Time             // outage: no probe before
	failStreak  int                   // failed tries since the last delivery
	streakChats map[int64]bool        // chats of those failures
	lastOK      time.Time             // last delivery
	lastPoll    time.Time             // last getUpdates answered (polled)
	seq         uint64
	closed      bool
	wake        chan struct{}
	// up, when not nil, is signalled (without blocking) when a delivery
	// ends an outage.
	up chan struct{}
}

type senderConfig struct {
	chatInterval time.Duration
	groupMax     int
	groupWindow  time.Duration
	retryBase    time.Duration
	retryMax     time.Duration
	maxAttempts  int
	maxFloods    int           // 429s a message may get before it is dropped
	maxQueue     int           // per chat; beyond it the oldest waiting message is dropped
	hold         time.Duration // how long a failing message may wait through an outage
}

func newSender(lg *slog.Logger, cfg senderConfig, send func(ctx context.Context, m *outMsg) *apiError) *sender {
	return &sender{
		lg: lg, send: send, cfg: cfg, now: time.Now,
		queues:      make(map[int64][]*outMsg),
		nextAt:      make(map[int64]time.Time),
		groupSent:   make(map[int64][]time.Time),
		streakChats: make(map[int64]bool),
		wake:        make(chan struct{}, 1),
	}
}

// down reports whether the Bot API looks down to the sender: sends to two
// chats or more failed with no delivery since, and a failed message still
// waits for its retry.
func (s *sender) down() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.streakChats) < 2 {
		return false
	}
	for _, q := range s.queues {
		if len(q) > 0 && q[0].attempts > 0 {
			return true
		}
	}
	return false
}

// polled records that getUpdates answered. With recovered (it had
// failed before), it also ends an outage: failed messages are tried again
// at once rather than after their backoff.
func (s *sender) polled(recovered bool) {
	s.mu.Lock()
	s.lastPoll = s.now()
	if !recovered || s.failStreak == 0 {
		s.mu.Unlock()
		return
	}
	s.endOutage()
	s.mu.Unlock()
	s.poke()
}

// endOutage clears the outage pause and the retry times of the failed
// messages. Call with s.mu held.
func (s *sender) endOutage() {
	s.outageUntil = time.Time{}
	for _, q := range s.queues {
		if len(q) > 0 {
			q[0].retryAt = time.Time{}
		}
	}
}

func (s *sender) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// enqueue adds msgs, in order, at the end of their chats' queues, and
// reports whether it did. It never blocks on the network. After the sender
// has stopped it drops them and returns false.
func (s *sender) enqueue(msgs ...*outMsg) bool {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		s.lg.Warn("telegram: sender stopped, reply dropped", "messages", len(msgs))
		return false
	}
	for _, m := range msgs {
		s.seq++
		m.seq = s.seq
		q := append(s.queues[m.chatID], m)
		if len(q) > s.cfg.maxQueue {
			s.lg.Error("telegram: chat queue full, oldest message dropped", "chat", m.chatID, "queued", len(q)-1)
			q = q[1:]
		}
		s.queues[m.chatID] = q
	}
	s.mu.Unlock()
	s.poke()
	return true
}

// queued returns the number of messages waiting.
func (s *sender) queued() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.queuedLocked()
}

func (s *sender) queuedLocked() int {
	n := 0
	for _, q := range s.queues {
		n += len(q)
	}
	return n
}

// pick returns the message to send now, or nil and how long to wait.
func (s *sender) pick(now time.Time) (*outMsg, time.Duration, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var best *outMsg
	var bestAt time.Time
	for chatID, q := range s.queues {
		if len(q) == 0 {
			delete(s.queues, chatID)
			continue
		}
		at := s.readyAt(chatID, now)
		if at.Before(now) {
			at = now // all ready: the least recently tried, then the oldest, first
		}
		if best == nil || at.Before(bestAt) || at.Equal(bestAt) && (q[0].lastTry.Before(best.lastTry) || q[0].lastTry.Equal(best.lastTry) && q[0].seq < best.seq) {
			best, bestAt = q[0], at
		}
	}
	if best == nil {
		return nil, 0, false
	}
	if bestAt.After(now) {
		return nil, bestAt.Sub(now), true
	}
	return best, 0, true
}

// readyAt is when chatID may get its next message. Call with s.mu held.
func (s *sender) readyAt(chatID int64, now time.Time) time.Time {
	at := s.pauseUntil
	if s.outageUntil.After(at) {
		at = s.outageUntil
	}
	if t := s.nextAt[chatID]; t.After(at) {
		at = t
	}
	if q := s.queues[chatID]; len(q) > 0 && q[0].retryAt.After(at) {
		at = q[0].retryAt
	}
	if chatID < 0 {
		sent := s.groupSent[chatID]
		i := 0
		for i < len(sent) && now.Sub(sent[i]) >= s.cfg.groupWindow {
			i++
		}
		sent = sent[i:]
		if len(sent) == 0 {
			delete(s.groupSent, chatID)
		} else {
			s.groupSent[chatID] = sent
		}
		if len(sent) >= s.cfg.groupMax {
			if t := sent[len(sent)-s.cfg.groupMax].Add(s.cfg.groupWindow); t.After(at) {
				at = t
			}
		}
	}
	return at
}

// run sends until ctx ends and then, for at most drain, what is still
// queued; sendCtx is the context the sends use, canceled by the caller
// when the drain time is over. It returns when done.
func (s *sender) run(ctx, sendCtx context.Context) {
	defer func() {
		s.mu.Lock()
		s.closed = true
		n := 0
		for _, q := range s.queues {
			n += len(q)
		}
		s.queues = nil
		s.mu.Unlock()
		if n > 0 {
			s.lg.Warn("telegram: shutting down with unsent messages", "dropped", n)
		}
	}()
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		if sendCtx.Err() != nil {
			return
		}
		m, wait, pending := s.pick(s.now())
		if !pending && ctx.Err() != nil {
			return // drained
		}
		if m == nil {
			if !pending {
				wait = time.Hour
			}
			timer.Reset(wait)
			done := ctx.Done()
			if ctx.Err() != nil {
				done = nil // draining: wait for the timer or the end of sendCtx
			}
			select {
			case <-done:
			case <-sendCtx.Done():
			case <-s.wake:
			case <-timer.C:
			}
			if !timer.Stop() {
				select {
				case <-timer.C:
				default:
				}
			}
			continue
		}
		err := s.send(sendCtx, m)
		s.done(m, err)
	}
}

// done records the outcome of sending m, the head of its chat's queue.
func (s *sender) done(m *outMsg, err *apiError) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	drop := func() {
		q := s.queues[m.chatID]
		if len(q) > 0 && q[0] == m {
			s.queues[m.chatID] = q[1:]
			if err != nil && m.failNote != "" {
				// Tell the chat, in the message's place.
				q[0] = &outMsg{chatID: m.chatID, text: m.failNote, seq: m.seq}
				s.queues[m.chatID] = q
			}
		}
	}
	switch {
	case err == nil:
		drop()
		s.nextAt[m.chatID] = now.Add(s.cfg.chatInterval)
		if m.chatID < 0 {
			s.groupSent[m.chatID] = append(s.groupSent[m.chatID], now)
		}
		s.lastOK = now
		if s.failStreak >= 2 {
			s.lg.Info("telegram: the Bot API answers again; sending what waited", "failed_tries", s.failStreak)
			s.endOutage()
			if s.up != nil {
				select {
				case s.up <- struct{}{}:
				default:
				}
			}
		}
		s.failStreak = 0
		clear(s.streakChats)
	case err.canceled:
		// Shutting down: leave it queued; run returns.
	case err.code == 429:
		m.floods++
		m.lastTry = now
		wait := err.retryAfter
		if wait <= 0 {
			wait = s.cfg.retryBase
		}
		if t := now.Add(wait); t.After(s.pauseUntil) {
			s.pauseUntil = t
		}
		if m.floods > s.cfg.maxFloods {
			drop()
			s.lg.Error("telegram: message dropped after repeated flood control", "chat", m.chatID, "err", err)
			return
		}
		s.lg.Warn("telegram: flood control, all sending paused", "chat", m.chatID, "retry_after", wait, "err", err)
	case err.retryable():
		m.attempts++
		m.lastTry = now
		if m.firstFail.IsZero() {
			m.firstFail = now
		}
		s.failStreak++
		s.streakChats[m.chatID] = true
		own := s.lastOK.After(m.firstFail) || s.lastPoll.After(m.firstFail) && len(s.streakChats) == 1
		if m.attempts >= s.cfg.maxAttempts && (own || now.Sub(m.firstFail) >= s.cfg.hold) {
			drop()
			s.nextAt[m.chatID] = now.Add(s.cfg.chatInterval)
			s.lg.Error("telegram: message not delivered, giving up", "chat", m.chatID, "attempts", m.attempts, "waited", now.Sub(m.firstFail).Round(time.Millisecond), "err", err)
			return
		}
		m.retryAt = now.Add(s.backoff(m.attempts))
		if s.failStreak >= 2 {
			d := s.backoff(s.failStreak - 1)
			s.outageUntil = now.Add(d)
			s.lg.Warn("telegram: the Bot API looks down; sending paused", "failed_tries", s.failStreak, "retry_in", d, "queued", s.queuedLocked(), "err", err)
			return
		}
		s.lg.Warn("telegram: send failed, will retry", "chat", m.chatID, "attempt", m.attempts, "retry_in", m.retryAt.Sub(now), "err", err)
	default:
		drop()
		s.nextAt[m.chatID] = now.Add(s.cfg.chatInterval)
		attrs := []any{"chat", m.chatID, "err", err}
		if err.migrateTo != 0 {
			attrs = append(attrs, "migrated_to", err.migrateTo)
		}
		s.lg.Error("telegram: message refused", attrs...)
	}
}

// backoff is the wait after the n-th failure in a row (n ≥ 1): retryBase
// doubled n-1 times, at most retryMax.
func (s *sender) backoff(n int) time.Duration {
	d := s.cfg.retryBase << min(n-1, 30)
	if d > s.cfg.retryMax || d <= 0 {
		d = s.cfg.retryMax
	}
	return d
}
