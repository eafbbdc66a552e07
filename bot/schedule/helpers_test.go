package schedule

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/storage"
)

// fakeClock is a Clock that moves only when the test drives it. Every After
// call reports its deadline on waits; run then jumps the time to that
// deadline and fires the channel, so a week passes in milliseconds and
// always in the same order. The scheduler waits on one After at a time.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	pending chan time.Time // the channel of the latest After call
	waits   chan time.Time // deadlines of After calls, in order
	held    *time.Time     // the deadline the scheduler waits on when run returned
}

func newFakeClock(now time.Time) *fakeClock {
	return &fakeClock{now: now, waits: make(chan time.Time, 64)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	ch := make(chan time.Time, 1)
	c.mu.Lock()
	c.pending = ch
	dl := c.now.Add(d)
	c.mu.Unlock()
	c.waits <- dl
	return ch
}

// set moves the clock (forward only), as if the process had been stopped.
func (c *fakeClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t.After(c.now) {
		c.now = t
	}
}

// next returns the deadline of the scheduler's next wait, which the next
// run starts from (for a test that made the scheduler wait anew, by Wake).
func (c *fakeClock) next(tb testing.TB) time.Time {
	tb.Helper()
	select {
	case dl := <-c.waits:
		c.held = &dl
		return dl
	case <-time.After(10 * time.Second):
		tb.Fatalf("the scheduler did not wait within 10 s (clock at %s)", c.Now())
		return time.Time{}
	}
}

// run lets the scheduler work until its next wait would end after end: each
// time it waits, the clock jumps to the wait's deadline and fires it. When
// run returns the scheduler is waiting and the clock reads end. The test
// changes the store between runs without Wake (or calls next after Wake),
// so that the wait run returned on is still the scheduler's.
func (c *fakeClock) run(tb testing.TB, end time.Time) {
	tb.Helper()
	for {
		var dl time.Time
		if c.held != nil {
			dl, c.held = *c.held, nil
		} else {
			select {
			case dl = <-c.waits:
			case <-time.After(10 * time.Second):
				tb.Fatalf("the scheduler did not wait within 10 s (clock at %s)", c.Now())
			}
		}
		{
			if dl.After(end) {
				c.held = &dl
				c.set(end)
				return
			}
			c.mu.Lock()
			if dl.After(c.now) {
				c.now = dl
			}
			ch := c.pending
			c.mu.Unlock()
			select {
			case ch <- dl:
			default:
			}
		}
	}
}

// memStore is an in-memory Store; failPut makes PutState fail.
type memStore struct {
	mu      sync.Mutex
	m       map[string][]byte
	failPut error
	failGet error
}

func newMemStore() *memStore { return &memStore{m: map[string][]byte{}} }

func (s *memStore) GetState(ctx context.Context, bucket, key string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failGet != nil {
		return nil, s.failGet
	}
	v, ok := s.m[bucket+"/"+key]
	if !ok {
		return nil, nil
	}
	return slices.Clone(v), nil
}

func (s *memStore) PutState(ctx context.Context, bucket, key string, val []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failPut != nil {
		return s.failPut
	}
	if val == nil {
		delete(s.m, bucket+"/"+key)
	} else {
		s.m[bucket+"/"+key] = slices.Clone(val)
	}
	return nil
}

func (s *memStore) ListState(ctx context.Context, bucket string) ([]storage.KV, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failGet != nil {
		return nil, s.failGet
	}
	var out []storage.KV
	for k, v := range s.m {
		if b, key, ok := strings.Cut(k, "/"); ok && b == bucket {
			out = append(out, storage.KV{Key: key, Value: slices.Clone(v)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

func (s *memStore) set(fail error) {
	s.mu.Lock()
	s.failPut = fail
	s.mu.Unlock()
}

// mustOpen opens a real database in a temporary directory, closed at cleanup.
func mustOpen(tb testing.TB) *storage.DB {
	tb.Helper()
	db, err := storage.Open(filepath.Join(tb.TempDir(), "briefbot.db"), storage.Options{NoSync: true})
	if err != nil {
		tb.Fatalf("storage.Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil && !errors.Is(err, storage.ErrClosed) {
			tb.Errorf("Close: %v", err)
		}
	})
	return db
}

// delivery is one call of the fake Deliver.
type delivery struct {
	Key   string
	Day   string // local date of Now in the subscription's zone
	Since time.Time
	Now   time.Time
	OK    bool
}

// fakeDeliver records every call; fail decides whether one fails (it may
// also panic).
type fakeDeliver struct {
	mu    sync.Mutex
	calls []delivery
	fail  func(s Subscription, now time.Time, attempt int) error
	tries map[string]int // attempts per key and day
}

func (f *fakeDeliver) deliver(ctx context.Context, s Subscription, since, now time.Time) error {
	loc, err := time.LoadLocation(s.Zone)
	if err != nil {
		return err
	}
	d := delivery{Key: s.Key(), Day: now.In(loc).Format(dateLayout), Since: since, Now: now}
	f.mu.Lock()
	if f.tries == nil {
		f.tries = map[string]int{}
	}
	f.tries[d.Key+" "+d.Day]++
	attempt := f.tries[d.Key+" "+d.Day]
	fail := f.fail
	f.mu.Unlock()
	var ferr error
	defer func() {
		d.OK = ferr == nil && recover() == nil
		f.mu.Lock()
		f.calls = append(f.calls, d)
		f.mu.Unlock()
		if !d.OK && ferr == nil {
			panic("fake deliver panicked") // re-panic for the scheduler to recover
		}
	}()
	if fail != nil {
		ferr = fail(s, now, attempt)
	}
	return ferr
}

// delivered returns the successful calls, by time then key.
func (f *fakeDeliver) delivered() []delivery {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []delivery
	for _, c := range f.calls {
		if c.OK {
			out = append(out, c)
		}
	}
	sortDeliveries(out)
	return out
}

func (f *fakeDeliver) all() []delivery {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := slices.Clone(f.calls)
	sortDeliveries(out)
	return out
}

func sortDeliveries(ds []delivery) {
	sort.SliceStable(ds, func(i, j int) bool {
		if !ds[i].Now.Equal(ds[j].Now) {
			return ds[i].Now.Before(ds[j].Now)
		}
		return ds[i].Key < ds[j].Key
	})
}

// syncBuffer is a bytes.Buffer for a logger shared by goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// harness runs one Scheduler at a time on a store, a fake clock and a fake
// Deliver, and can restart it.
type harness struct {
	t      *testing.T
	clk    *fakeClock
	st     Store
	del    *fakeDeliver
	logs   *syncBuffer
	sched  *Scheduler
	cancel context.CancelFunc
	done   chan error
}

func newHarness(t *testing.T, st Store, start time.Time) *harness {
	return &harness{t: t, clk: newFakeClock(start), st: st, del: &fakeDeliver{}, logs: &syncBuffer{}}
}

func (h *harness) start() {
	h.t.Helper()
	lg := slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h.sched = New(lg, h.st, h.del.deliver, h.clk)
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel, h.done = cancel, make(chan error, 1)
	go func() { h.done <- h.sched.Run(ctx) }()
	h.t.Cleanup(h.stop)
}

// stop ends Run and waits for it.
func (h *harness) stop() {
	h.t.Helper()
	if h.cancel == nil {
		return
	}
	h.cancel()
	h.cancel = nil
	h.clk.held = nil
	select {
	case err := <-h.done:
		if err != nil {
			h.t.Errorf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		h.t.Fatal("Run did not return within 10 s of cancel")
	}
}

func (h *harness) subscribe(platform, chat, at, zone string, filter ...string) {
	h.t.Helper()
	s := Subscription{Platform: platform, ChatID: chat, At: at, Zone: zone, Filter: filter}
	// Not the scheduler's Subscribe: its Wake would make the scheduler wait
	// anew, racing with the fake clock; the scheduler re-reads the store
	// after at most 5 minutes anyway (TestScheduler_Wake tests Wake).
	if _, err := Subscribe(context.Background(), h.st, s, h.clk.Now()); err != nil {
		h.t.Fatalf("subscribe %s:%s: %v", platform, chat, err)
	}
}
