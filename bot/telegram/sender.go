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

	seq      uint64 // enqueue order, for fairness between chats
	attempts int    // failed tries (5xx, network)
	floods   int    // 429s received
}

// sender sends messages from per-chat FIFO queues, one at a time, within
// the limits: at most one message per chatInterval to a chat, groupMax per
// groupWindow to a group (chat id < 0), nothing at all while a 429's
// retry_after runs. Failures with 5xx or network errors are retried with
// exponential backoff, maxAttempts tries in all, then logged and dropped;
// other errors are logged and dropped at once; a dropped message with a
// failNote is replaced by that note, sent in its place. A message waiting
// for a retry holds back the later messages of its chat, never those of
// others.
type sender struct {
	lg   *slog.Logger
	send func(ctx context.Context, m *outMsg) *apiError
	cfg  senderConfig
	now  func() time.Time

	mu         sync.Mutex
	queues     map[int64][]*outMsg
	nextAt     map[int64]time.Time   // earliest next try per chat
	groupSent  map[int64][]time.Time // recent sends to groups
	pauseUntil time.Time
	seq        uint64
	closed     bool
	wake       chan struct{}
}

type senderConfig struct {
	chatInterval time.Duration
	groupMax     int
	groupWindow  time.Duration
	retryBase    time.Duration
	retryMax     time.Duration
	maxAttempts  int
	maxFloods    int // 429s a message may get before it is dropped
	maxQueue     int // per chat; beyond it the oldest waiting message is dropped
}

func newSender(lg *slog.Logger, cfg senderConfig, send func(ctx context.Context, m *outMsg) *apiError) *sender {
	return &sender{
		lg: lg, send: send, cfg: cfg, now: time.Now,
		queues:    make(map[int64][]*outMsg),
		nextAt:    make(map[int64]time.Time),
		groupSent: make(map[int64][]time.Time),
		wake:      make(chan struct{}, 1),
	}
}

// enqueue adds msgs, in order, at the end of their chats' queues. It never
// blocks on the network. After the sender has stopped it drops them.
func (s *sender) enqueue(msgs ...*outMsg) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		s.lg.Warn("telegram: sender stopped, reply dropped", "messages", len(msgs))
		return
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
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// queued returns the number of messages waiting.
func (s *sender) queued() int {
	s.mu.Lock()
	defer s.mu.Unlock()
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
		if best == nil || at.Before(bestAt) || at.Equal(bestAt) && q[0].seq < best.seq {
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
	if t := s.nextAt[chatID]; t.After(at) {
		at = t
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
	case err.canceled:
		// Shutting down: leave it queued; run returns.
	case err.code == 429:
		m.floods++
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
		if m.attempts >= s.cfg.maxAttempts {
			drop()
			s.nextAt[m.chatID] = now.Add(s.cfg.chatInterval)
			s.lg.Error("telegram: message not delivered, giving up", "chat", m.chatID, "attempts", m.attempts, "err", err)
			return
		}
		d := s.cfg.retryBase << (m.attempts - 1)
		if d > s.cfg.retryMax || d <= 0 {
			d = s.cfg.retryMax
		}
		s.nextAt[m.chatID] = now.Add(d)
		s.lg.Warn("telegram: send failed, will retry", "chat", m.chatID, "attempt", m.attempts, "retry_in", d, "err", err)
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
