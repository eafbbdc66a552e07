package telegram

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

type sendLog struct {
	mu    sync.Mutex
	texts map[int64][]string
	times map[int64][]time.Time
}

func (l *sendLog) send(_ context.Context, m *outMsg) *apiError {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.texts[m.chatID] = append(l.texts[m.chatID], m.text)
	l.times[m.chatID] = append(l.times[m.chatID], time.Now())
	return nil
}

func (l *sendLog) count(chatID int64) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.texts[chatID])
}

func TestSender_RateLimitsInOrder(t *testing.T) {
	const (
		interval = 40 * time.Millisecond
		window   = 300 * time.Millisecond
		groupMax = 3
	)
	l := &sendLog{texts: map[int64][]string{}, times: map[int64][]time.Time{}}
	s := newSender(newLogger(&syncBuffer{}), senderConfig{
		chatInterval: interval, groupMax: groupMax, groupWindow: window,
		retryBase: 10 * time.Millisecond, retryMax: 10 * time.Millisecond, maxAttempts: 3, maxFloods: 3, maxQueue: 100,
	}, l.send)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.run(ctx, context.Background()); close(done) }()
	defer func() { cancel(); <-done }()

	var private, group []*outMsg
	var wantPrivate, wantGroup []string
	for i := range 4 {
		txt := string(rune('a' + i))
		private = append(private, &outMsg{chatID: 1, text: txt})
		wantPrivate = append(wantPrivate, txt)
	}
	for i := range 7 {
		txt := string(rune('A' + i))
		group = append(group, &outMsg{chatID: -5, text: txt})
		wantGroup = append(wantGroup, txt)
	}
	s.enqueue(group...)
	s.enqueue(private...)
	begin := time.Now()
	deadline := time.Now().Add(3 * time.Second)
	for (l.count(1) < 4 || l.count(-5) < 7) && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if diff := cmp.Diff(wantPrivate, l.texts[1]); diff != "" {
		t.Errorf("private chat (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantGroup, l.texts[-5]); diff != "" {
		t.Errorf("group (-want +got):\n%s", diff)
	}
	slack := 2 * time.Millisecond
	for chatID, ts := range l.times {
		for i := 1; i < len(ts); i++ {
			if d := ts[i].Sub(ts[i-1]); d < interval-slack {
				t.Errorf("chat %d: messages %d and %d %v apart, want at least %v", chatID, i-1, i, d, interval)
			}
		}
	}
	g := l.times[-5]
	for i := groupMax; i < len(g); i++ {
		if d := g[i].Sub(g[i-groupMax]); d < window-slack {
			t.Errorf("group: %d messages within %v (messages %d..%d)", groupMax+1, d, i-groupMax, i)
		}
	}
	// The group's limit does not hold back the private chat.
	if d := l.times[1][3].Sub(begin); d > 3*interval+150*time.Millisecond {
		t.Errorf("private chat's 4 messages took %v", d)
	}
}

func TestSender_DrainsAtShutdownThenDrops(t *testing.T) {
	l := &sendLog{texts: map[int64][]string{}, times: map[int64][]time.Time{}}
	logs := &syncBuffer{}
	s := newSender(newLogger(logs), senderConfig{
		chatInterval: 100 * time.Millisecond, groupMax: 20, groupWindow: time.Minute,
		retryBase: 10 * time.Millisecond, retryMax: 10 * time.Millisecond, maxAttempts: 3, maxFloods: 3, maxQueue: 100,
	}, l.send)
	ctx, cancel := context.WithCancel(context.Background())
	sendCtx, cancelSend := context.WithCancel(context.Background())
	cancel() // shut down at once: queued messages get the drain time
	time.AfterFunc(250*time.Millisecond, cancelSend)
	s.enqueue(&outMsg{chatID: 1, text: "a"}, &outMsg{chatID: 1, text: "b"}, &outMsg{chatID: 1, text: "c"}, &outMsg{chatID: 1, text: "d"}, &outMsg{chatID: 1, text: "e"})
	begin := time.Now()
	s.run(ctx, sendCtx)
	if d := time.Since(begin); d > 400*time.Millisecond {
		t.Errorf("run took %v after its drain time", d)
	}
	if n := l.count(1); n < 2 || n > 4 {
		t.Errorf("%d messages drained, want 2-4 (one per 100 ms in 250 ms)", n)
	}
	s.enqueue(&outMsg{chatID: 1, text: "late"})
	if s.queued() != 0 {
		t.Errorf("a stopped sender queued a message")
	}
}

// TestSender_PoisonDroppedOutageHeld: a message that keeps failing while
// others are delivered is dropped after maxAttempts; through an outage
// (every send failing) messages are held, however many tries, and all go
// out once it ends.
func TestSender_PoisonDroppedOutageHeld(t *testing.T) {
	var mu sync.Mutex
	down := true
	var got []string
	tries := map[string]int{}
	send := func(_ context.Context, m *outMsg) *apiError {
		mu.Lock()
		defer mu.Unlock()
		tries[m.text]++
		if m.text == "poison" || down {
			return &apiError{method: "sendMessage", code: 500, msg: "Internal Server Error"}
		}
		got = append(got, m.text)
		return nil
	}
	logs := &syncBuffer{}
	s := newSender(newLogger(logs), senderConfig{
		chatInterval: time.Millisecond, groupMax: 20, groupWindow: time.Minute,
		retryBase: 5 * time.Millisecond, retryMax: 20 * time.Millisecond, maxAttempts: 3, maxFloods: 3, maxQueue: 100, hold: time.Hour,
	}, send)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.run(ctx, context.Background()); close(done) }()
	defer func() { cancel(); <-done }()

	s.enqueue(&outMsg{chatID: 1, text: "a1"}, &outMsg{chatID: 1, text: "a2"}, &outMsg{chatID: 2, text: "b1"})
	time.Sleep(300 * time.Millisecond) // an outage: many tries, nothing dropped
	if !s.down() || s.queued() != 3 {
		t.Fatalf("during the outage: down %v, %d queued; want down, 3 queued", s.down(), s.queued())
	}
	mu.Lock()
	if tries["a1"]+tries["b1"] < 6 {
		t.Errorf("tries %v: want the queue probed through the outage", tries)
	}
	down = false
	mu.Unlock()
	s.enqueue(&outMsg{chatID: 3, text: "poison"}, &outMsg{chatID: 3, text: "after poison"})
	deadline := time.Now().Add(3 * time.Second)
	for s.queued() > 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	slices.Sort(got)
	if diff := cmp.Diff([]string{"a1", "a2", "after poison", "b1"}, got); diff != "" {
		t.Errorf("delivered (-want +got):\n%s", diff)
	}
	if tries["poison"] != 3 {
		t.Errorf("poison tried %d times, want 3 (maxAttempts)", tries["poison"])
	}
	if !strings.Contains(logs.String(), "giving up") {
		t.Errorf("no give-up log line")
	}
}
