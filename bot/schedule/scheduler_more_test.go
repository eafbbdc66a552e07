package schedule

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func deliveredStrings(h *harness) []string { return gotWants(h.del.delivered()) }

func attemptStrings(h *harness) []string { return gotWants(h.del.all()) }

// A briefing missed while the bot was down is sent on start-up only on its
// own local day; an older one is skipped with a log line.
func TestScheduler_MissedRuns(t *testing.T) {
	start := at(t, "2026-06-01", "07:00", "Europe/Berlin")
	h := newHarness(t, newMemStore(), start)
	h.subscribe("telegram", "b", "08:00", "Europe/Berlin")
	h.start()
	h.clk.run(t, at(t, "2026-06-01", "12:00", "Europe/Berlin"))
	h.stop()
	// Down from Mon noon to Wed 07:00: Tuesday's is lost.
	h.clk.set(at(t, "2026-06-03", "07:00", "Europe/Berlin"))
	h.start()
	h.clk.run(t, at(t, "2026-06-03", "12:00", "Europe/Berlin"))
	h.stop()
	// Down from Wed noon to Fri 10:00: Thursday's is lost, Friday's is
	// sent at once.
	h.clk.set(at(t, "2026-06-05", "10:00", "Europe/Berlin"))
	h.start()
	h.clk.run(t, at(t, "2026-06-06", "12:00", "Europe/Berlin"))
	h.stop()

	want := []string{
		want{"telegram:b", "2026-06-01", at(t, "2026-06-01", "08:00", "Europe/Berlin")}.String(),
		want{"telegram:b", "2026-06-03", at(t, "2026-06-03", "08:00", "Europe/Berlin")}.String(),
		want{"telegram:b", "2026-06-05", at(t, "2026-06-05", "10:00", "Europe/Berlin")}.String(),
		want{"telegram:b", "2026-06-06", at(t, "2026-06-06", "08:00", "Europe/Berlin")}.String(),
	}
	if diff := cmp.Diff(want, deliveredStrings(h)); diff != "" {
		t.Errorf("deliveries (-want +got):\n%s", diff)
	}
	// Wednesday's covers everything since Monday's.
	if got := h.del.delivered()[1].Since; !got.Equal(at(t, "2026-06-01", "08:00", "Europe/Berlin")) {
		t.Errorf("since after the outage = %s, want Monday 08:00", got)
	}
	logs := h.logs.String()
	for _, day := range []string{"day=2026-06-02", "day=2026-06-04"} {
		if !strings.Contains(logs, "skipped") || !strings.Contains(logs, day) {
			t.Errorf("no skip logged for %s:\n%s", day, logs)
		}
	}
	if n := strings.Count(logs, "not delivered on its local day"); n != 2 {
		t.Errorf("%d skip lines, want 2:\n%s", n, logs)
	}
}

// A delivery that keeps failing is retried with backoff until its local day
// ends, then given up with a log line; the next day starts afresh.
func TestScheduler_RetryUntilDayEnds(t *testing.T) {
	const zone = "Asia/Kolkata"
	h := newHarness(t, newMemStore(), at(t, "2026-06-01", "20:00", zone))
	h.subscribe("console", "k", "22:00", zone)
	h.del.fail = func(s Subscription, now time.Time, attempt int) error {
		if now.Before(at(t, "2026-06-02", "00:00", zone)) {
			return errors.New("network down")
		}
		return nil
	}
	h.start()
	h.clk.run(t, at(t, "2026-06-02", "23:00", zone))
	h.stop()

	first := at(t, "2026-06-01", "22:00", zone)
	var want []string
	for _, off := range []time.Duration{0, 30 * time.Second, 90 * time.Second, 210 * time.Second, 450 * time.Second,
		930 * time.Second, 1830 * time.Second, 2730 * time.Second, 3630 * time.Second, 4530 * time.Second,
		5430 * time.Second, 6330 * time.Second} {
		want = append(want, (wantOf("console:k", first.Add(off), zone)).String())
	}
	want = append(want, wantOf("console:k", at(t, "2026-06-02", "22:00", zone), zone).String())
	if diff := cmp.Diff(want, attemptStrings(h)); diff != "" {
		t.Errorf("attempts (-want +got):\n%s", diff)
	}
	logs := h.logs.String()
	if !strings.Contains(logs, "not delivered on its local day") || !strings.Contains(logs, "attempts=12") {
		t.Errorf("the day given up is not logged with its 12 attempts:\n%s", logs)
	}
	s, _, err := Load(context.Background(), h.st, "console", "k")
	if err != nil || s.LastSent != "2026-06-02" {
		t.Errorf("stored %+v, %v; want last sent 2026-06-02", s, err)
	}
}

func wantOf(key string, now time.Time, zone string) want {
	loc, _ := time.LoadLocation(zone)
	return want{key, now.In(loc).Format(dateLayout), now}
}

func TestBackoff(t *testing.T) {
	want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute,
		15 * time.Minute, 15 * time.Minute, 15 * time.Minute}
	for i, w := range want {
		if got := Backoff(i + 1); got != w {
			t.Errorf("Backoff(%d) = %s, want %s", i+1, got, w)
		}
	}
	if got := Backoff(1000); got != 15*time.Minute {
		t.Errorf("Backoff(1000) = %s", got)
	}
}

// A Permanent error stops the retries for the day only.
func TestScheduler_Permanent(t *testing.T) {
	const zone = "America/New_York"
	h := newHarness(t, newMemStore(), at(t, "2026-06-01", "06:00", zone))
	h.subscribe("slack", "n", "07:00", zone)
	h.del.fail = func(s Subscription, now time.Time, attempt int) error {
		if now.Before(at(t, "2026-06-02", "00:00", zone)) {
			return Permanent(errors.New("channel_not_found"))
		}
		return nil
	}
	h.start()
	h.clk.run(t, at(t, "2026-06-02", "12:00", zone))
	h.stop()
	want := []string{
		wantOf("slack:n", at(t, "2026-06-01", "07:00", zone), zone).String(),
		wantOf("slack:n", at(t, "2026-06-02", "07:00", zone), zone).String(),
	}
	if diff := cmp.Diff(want, attemptStrings(h)); diff != "" {
		t.Errorf("attempts (-want +got):\n%s", diff)
	}
	if !strings.Contains(h.logs.String(), "failed permanently") {
		t.Errorf("no log of the permanent failure:\n%s", h.logs.String())
	}
}

// Subscribing, changing and unsubscribing while Run waits take effect
// without a restart.
func TestScheduler_ChangesWithoutRestart(t *testing.T) {
	const zone = "Europe/Berlin"
	h := newHarness(t, newMemStore(), at(t, "2026-06-01", "06:00", zone))
	h.subscribe("telegram", "a", "08:00", zone)
	h.subscribe("telegram", "b", "09:00", zone)
	h.start()
	h.clk.run(t, at(t, "2026-06-01", "07:00", zone))
	// New subscription, due in 30 minutes (the scheduler re-reads the
	// store at least every 5 minutes).
	h.subscribe("telegram", "c", "07:30", zone)
	h.clk.run(t, at(t, "2026-06-01", "08:30", zone))
	// a: after today's was sent, move it to 20:00: no second one today.
	h.subscribe("telegram", "a", "20:00", zone)
	// b: move it from 09:00 to 08:45, before it was sent: today at 08:45.
	h.subscribe("telegram", "b", "08:45", zone)
	// c: gone.
	if existed, err := Delete(context.Background(), h.st, "telegram", "c"); err != nil || !existed {
		t.Fatalf("Unsubscribe = %v, %v", existed, err)
	}
	h.clk.run(t, at(t, "2026-06-02", "21:00", zone))
	h.stop()
	want := []string{
		wantOf("telegram:c", at(t, "2026-06-01", "07:30", zone), zone).String(),
		wantOf("telegram:a", at(t, "2026-06-01", "08:00", zone), zone).String(),
		wantOf("telegram:b", at(t, "2026-06-01", "08:45", zone), zone).String(),
		wantOf("telegram:b", at(t, "2026-06-02", "08:45", zone), zone).String(),
		wantOf("telegram:a", at(t, "2026-06-02", "20:00", zone), zone).String(),
	}
	if diff := cmp.Diff(want, deliveredStrings(h)); diff != "" {
		t.Errorf("deliveries (-want +got):\n%s", diff)
	}
}

// A subscription made after today's time starts tomorrow; one made before
// it starts today.
func TestScheduler_NewSubscriptionStartsAtNextTime(t *testing.T) {
	const zone = "UTC"
	h := newHarness(t, newMemStore(), at(t, "2026-06-01", "10:00", zone))
	h.subscribe("console", "late", "08:00", zone)
	h.subscribe("console", "early", "11:00", zone)
	h.start()
	h.clk.run(t, at(t, "2026-06-02", "09:00", zone))
	h.stop()
	want := []string{
		wantOf("console:early", at(t, "2026-06-01", "11:00", zone), zone).String(),
		wantOf("console:late", at(t, "2026-06-02", "08:00", zone), zone).String(),
	}
	if diff := cmp.Diff(want, deliveredStrings(h)); diff != "" {
		t.Errorf("deliveries (-want +got):\n%s", diff)
	}
}

// New York's fall-back: 01:30 happens twice on 1 Nov 2026 and runs once, at
// the first; 02:30 on 8 Mar 2026 does not exist and runs at 03:00 EDT.
func TestScheduler_NewYorkChanges(t *testing.T) {
	const zone = "America/New_York"
	for _, tc := range []struct {
		name, at   string
		start, end time.Time
		want       []time.Time
	}{
		{
			"fall back", "01:30",
			time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC),
			[]time.Time{
				time.Date(2026, 10, 31, 5, 30, 0, 0, time.UTC),
				time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC), // 01:30 EDT, not 01:30 EST
				time.Date(2026, 11, 2, 6, 30, 0, 0, time.UTC),
			},
		},
		{
			"spring forward", "02:30",
			time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC),
			[]time.Time{
				time.Date(2026, 3, 7, 7, 30, 0, 0, time.UTC),
				time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC), // 03:00 EDT
				time.Date(2026, 3, 9, 6, 30, 0, 0, time.UTC),
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, mustOpen(t), tc.start)
			h.subscribe("slack", "n", tc.at, zone)
			h.start()
			h.clk.run(t, tc.end)
			h.stop()
			var want []string
			for _, w := range tc.want {
				want = append(want, wantOf("slack:n", w, zone).String())
			}
			if diff := cmp.Diff(want, attemptStrings(h)); diff != "" {
				t.Errorf("attempts (-want +got):\n%s", diff)
			}
		})
	}
}

// Bad records are logged once and skipped; the others are served.
func TestScheduler_BadRecords(t *testing.T) {
	st := newMemStore()
	ctx := context.Background()
	for k, v := range map[string]string{
		"telegram:junk":  "{not json",
		"telegram:zone":  `{"v":1,"platform":"telegram","chat":"zone","at":"08:00","zone":"Mars/Base"}`,
		"telegram:time":  `{"v":1,"platform":"telegram","chat":"time","at":"8 o'clock","zone":"UTC"}`,
		"telegram:other": `{"v":1,"platform":"telegram","chat":"elsewhere","at":"08:00","zone":"UTC"}`,
		"telegram:v2":    `{"v":2,"platform":"telegram","chat":"v2","at":"08:00","zone":"UTC"}`,
	} {
		if err := st.PutState(ctx, Bucket, k, []byte(v)); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, st, at(t, "2026-06-01", "07:00", "UTC"))
	h.subscribe("telegram", "good", "08:00", "UTC")
	h.start()
	h.clk.run(t, at(t, "2026-06-02", "09:00", "UTC"))
	h.stop()
	want := []string{
		wantOf("telegram:good", at(t, "2026-06-01", "08:00", "UTC"), "UTC").String(),
		wantOf("telegram:good", at(t, "2026-06-02", "08:00", "UTC"), "UTC").String(),
	}
	if diff := cmp.Diff(want, attemptStrings(h)); diff != "" {
		t.Errorf("attempts (-want +got):\n%s", diff)
	}
	if n := strings.Count(h.logs.String(), "skipping bad subscription record"); n != 5 {
		t.Errorf("%d bad-record log lines, want 5 (once each):\n%s", n, h.logs.String())
	}
	subs, err := List(ctx, st)
	if !errors.Is(err, ErrBadRecord) || len(subs) != 1 {
		t.Errorf("List = %d subscriptions, %v; want the good one and ErrBadRecord", len(subs), err)
	}
}

// When the store cannot record a delivered briefing, the running scheduler
// still sends no second one that day, the next day's covers the time since
// the first, and both are recorded once the store works again.
func TestScheduler_StoreFailsAfterDelivery(t *testing.T) {
	st := newMemStore()
	h := newHarness(t, st, at(t, "2026-06-01", "07:00", "UTC"))
	h.subscribe("console", "c", "08:00", "UTC")
	h.del.fail = func(s Subscription, now time.Time, attempt int) error {
		st.set(errors.New("disk full")) // the store breaks during the delivery
		return nil
	}
	h.start()
	h.clk.run(t, at(t, "2026-06-02", "09:00", "UTC"))
	h.del.mu.Lock()
	h.del.fail = nil
	h.del.mu.Unlock()
	st.set(nil)
	h.clk.run(t, at(t, "2026-06-02", "10:00", "UTC"))
	h.stop()
	got := h.del.all()
	want := []string{
		wantOf("console:c", at(t, "2026-06-01", "08:00", "UTC"), "UTC").String(),
		wantOf("console:c", at(t, "2026-06-02", "08:00", "UTC"), "UTC").String(),
	}
	if diff := cmp.Diff(want, gotWants(got)); diff != "" {
		t.Fatalf("deliveries (-want +got):\n%s", diff)
	}
	if !got[1].Since.Equal(got[0].Now) {
		t.Errorf("second briefing since %s, want %s", got[1].Since, got[0].Now)
	}
	s, _, err := Load(context.Background(), st, "console", "c")
	if err != nil || s.LastSent != "2026-06-02" || !s.LastAt.Equal(at(t, "2026-06-02", "08:00", "UTC")) {
		t.Errorf("stored %+v, %v; want last sent 2026-06-02 08:00", s, err)
	}
	if !strings.Contains(h.logs.String(), "could not record a delivered briefing") {
		t.Errorf("the store failure is not logged:\n%s", h.logs.String())
	}
}

// A chat that unsubscribes while its briefing is being delivered is not
// brought back by the scheduler marking the briefing sent.
func TestScheduler_UnsubscribeDuringDelivery(t *testing.T) {
	st := newMemStore()
	h := newHarness(t, st, at(t, "2026-06-01", "07:00", "UTC"))
	h.subscribe("console", "c", "08:00", "UTC")
	h.del.fail = func(s Subscription, now time.Time, attempt int) error {
		if _, err := Delete(context.Background(), st, s.Platform, s.ChatID); err != nil {
			t.Error(err)
		}
		return nil
	}
	h.start()
	h.clk.run(t, at(t, "2026-06-03", "09:00", "UTC"))
	h.stop()
	if _, ok, err := Load(context.Background(), st, "console", "c"); ok || err != nil {
		t.Errorf("Load after unsubscribe = %v, %v; want none", ok, err)
	}
	if n := len(h.del.all()); n != 1 {
		t.Errorf("%d deliveries, want 1", n)
	}
}

// Subscribe and Unsubscribe from other goroutines while Run delivers: no
// race, and every delivered day is recorded (run with -race).
func TestScheduler_ConcurrentChanges(t *testing.T) {
	st := mustOpen(t)
	h := newHarness(t, st, at(t, "2026-06-01", "00:00", "UTC"))
	for _, c := range []string{"a", "b", "c", "d", "e", "f"} {
		h.subscribe("console", c, "08:00", "UTC")
	}
	h.start()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 50 {
			_, _ = h.sched.Subscribe(context.Background(), Subscription{Platform: "console", ChatID: "x", At: "08:00", Zone: "UTC", Filter: []string{string(rune('a' + i%26))}})
			_, _ = h.sched.Unsubscribe(context.Background(), "console", "y")
		}
	}()
	h.clk.run(t, at(t, "2026-06-03", "00:00", "UTC"))
	<-done
	h.stop()
	subs, err := List(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range subs {
		if s.ChatID != "x" && s.LastSent != "2026-06-02" {
			t.Errorf("%s last sent %q, want 2026-06-02", s.Key(), s.LastSent)
		}
	}
	seen := map[string]int{}
	for _, d := range h.del.all() {
		seen[d.Key+" "+d.Day]++
	}
	for k, n := range seen {
		if n != 1 {
			t.Errorf("%s: %d deliveries", k, n)
		}
	}
}

func TestRun_NeedsStoreAndDeliver(t *testing.T) {
	if err := New(nil, nil, nil, nil).Run(context.Background()); err == nil {
		t.Error("Run without a store = nil error")
	}
}

// Wake makes a waiting scheduler re-read the store at once: a subscription
// due in one minute is seen before the 5-minute wait ends.
func TestScheduler_Wake(t *testing.T) {
	h := newHarness(t, newMemStore(), at(t, "2026-06-01", "07:58", "UTC"))
	h.start()
	h.clk.run(t, at(t, "2026-06-01", "07:59", "UTC"))
	if _, err := h.sched.Subscribe(context.Background(), Subscription{Platform: "console", ChatID: "w", At: "08:00", Zone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	if dl, want := h.clk.next(t), at(t, "2026-06-01", "08:00", "UTC"); !dl.Equal(want) {
		t.Fatalf("after Wake the scheduler waits until %s, want %s", dl, want)
	}
	h.clk.run(t, at(t, "2026-06-01", "08:02", "UTC"))
	if existed, err := h.sched.Unsubscribe(context.Background(), "console", "w"); err != nil || !existed {
		t.Fatalf("Unsubscribe = %v, %v", existed, err)
	}
	if dl, want := h.clk.next(t), at(t, "2026-06-01", "08:07", "UTC"); !dl.Equal(want) {
		t.Fatalf("after Unsubscribe the scheduler waits until %s, want %s", dl, want)
	}
	h.clk.run(t, at(t, "2026-06-03", "00:00", "UTC"))
	h.stop()
	want := []string{wantOf("console:w", at(t, "2026-06-01", "08:00", "UTC"), "UTC").String()}
	if diff := cmp.Diff(want, attemptStrings(h)); diff != "" {
		t.Errorf("attempts (-want +got):\n%s", diff)
	}
}

// Retries of a day that keeps failing do not delay the next day's briefing:
// at 00:00 with retries every 15 minutes, day one's last retry would fall at
// 00:00:30, but day two's briefing goes at 00:00 sharp.
func TestScheduler_RetriesEndAtMidnight(t *testing.T) {
	h := newHarness(t, newMemStore(), at(t, "2026-05-31", "23:00", "UTC"))
	h.subscribe("console", "m", "00:00", "UTC")
	h.del.fail = func(s Subscription, now time.Time, attempt int) error {
		if now.Before(at(t, "2026-06-02", "00:00", "UTC")) {
			return errors.New("timeout")
		}
		return nil
	}
	h.start()
	h.clk.run(t, at(t, "2026-06-02", "01:00", "UTC"))
	h.stop()
	got := h.del.delivered()
	want := []string{wantOf("console:m", at(t, "2026-06-02", "00:00", "UTC"), "UTC").String()}
	if diff := cmp.Diff(want, gotWants(got)); diff != "" {
		t.Errorf("deliveries (-want +got):\n%s", diff)
	}
	if n := len(h.del.all()); n != 101 {
		t.Errorf("%d attempts, want 100 failed on 1 June (00:00, 00:00:30, 00:01:30, 00:03:30, 00:07:30, 00:15:30, then every 15 minutes to 23:45:30) and 1 on 2 June", n)
	}
}
