package slack

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/bot"
)

var outageFlag = flag.Duration("slack.outage", 0, "run TestOutage with a Slack outage this long (e.g. 60s) and the production timings; by default a 2 s outage with timings scaled down")

// A Slack outage (every Web API call, response_url and websocket request
// answered 5xx or dropped; the websocket dropped): the adapter reconnects
// by itself, never waiting more than ReconnectMax between attempts; the
// replies it could not post are held and delivered afterwards, each once,
// in order per channel, and so are the commands Slack delivers when the
// websocket is back; Send fails during the outage and works after it.
func TestOutage_RepliesHeldAndDeliveredOnceInOrder(t *testing.T) {
	d := 2 * time.Second
	long := *outageFlag > 0
	if long {
		d = *outageFlag
	}
	hs := startSocket(t, nil, func(o *Options) {
		o.HTTPTimeout = time.Second
		if long { // production timings
			o.RetryBase, o.MaxRetries = 0, 0
			return
		}
		o.RetryBase, o.MaxRetries, o.ReconnectMax = 20*time.Millisecond, 2, 300*time.Millisecond
	})
	hs.h.slow = 30 * time.Millisecond
	f, opts := hs.fake, hs.ad.opts

	const channels = 6
	want := map[string][]string{} // channel → the replies it must get, in order
	n := 0
	ask := func(k int) {
		for c := range channels {
			ch := fmt.Sprintf("C%d", c)
			id := fmt.Sprintf("c%d-%d", c, k)
			f.send(slashEnv("env-"+id, "trig-"+id, ch, fmt.Sprintf("U%d", c), "/who", id, f.hookURL(id)))
			want[ch] = append(want[ch], "Echo: /who "+id)
			n++
		}
	}
	// before: answers under way when Slack goes down
	for k := range 3 {
		ask(k)
	}
	time.Sleep(20 * time.Millisecond)
	start := time.Now()
	f.outage(true)
	// during: Slack keeps them until the websocket is back
	sendErr := make(chan error, 1)
	go func() {
		time.Sleep(d / 10)
		sendErr <- hs.ad.Send(context.Background(), "CBRIEF", &bot.Reply{Title: "Daily briefing", Items: []bot.Item{}})
	}()
	for k := 3; k < 9; k += 2 {
		time.Sleep(d / 4)
		ask(k)
		ask(k + 1)
	}
	time.Sleep(time.Until(start.Add(d)))
	f.outage(false)
	end := time.Now()
	if err := <-sendErr; err == nil {
		t.Error("Send during the outage returned nil; want an error for the caller to retry")
	}

	innerRetries := time.Duration(0) // longest a call's own retries wait
	for i, w := 0, opts.RetryBase; i < opts.MaxRetries; i, w = i+1, min(2*w, maxBackoff) {
		innerRetries += w
	}
	limit := d + opts.ReconnectMax + innerRetries + 10*time.Second
	deadline := start.Add(limit)
	got := map[string][]string{}
	count := func() int {
		got = map[string][]string{}
		m := 0
		for _, p := range f.delivered("chat.postMessage") {
			got[p.Channel] = append(got[p.Channel], p.Text)
			m++
		}
		return m
	}
	for count() < n && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond) // room for a wrong extra reply
	count()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("replies per channel (-want +got):\n%s", diff)
	}
	asked := map[string]int{}
	for _, r := range hs.h.requests() {
		asked[r.Text]++
	}
	for text, k := range asked {
		if k != 1 {
			t.Errorf("%q reached the bot %d times", text, k)
		}
	}
	if len(asked) != n {
		t.Errorf("%d commands reached the bot, want %d", len(asked), n)
	}
	if e := f.delivered("chat.postEphemeral"); len(e) != 0 {
		t.Errorf("users were told of failures: %+v", e)
	}

	// reconnection: no pause between attempts over ReconnectMax, and back
	// within ReconnectMax of the end
	f.mu.Lock()
	opens := append([]call(nil), f.openCalls...)
	f.mu.Unlock()
	var last, back time.Time
	maxGap := time.Duration(0)
	for _, o := range opens {
		if o.At.Before(start) {
			continue
		}
		if !last.IsZero() {
			maxGap = max(maxGap, o.At.Sub(last))
		}
		last = o.At
		if !o.Failed && back.IsZero() && o.At.After(end) {
			back = o.At
		}
	}
	slack := time.Second // attempts fail at once: no call waits its timeout
	if !long {
		slack = opts.ReconnectMax
	}
	if maxGap > opts.ReconnectMax+slack {
		t.Errorf("%v between two attempts to reconnect, want at most ReconnectMax %v", maxGap, opts.ReconnectMax)
	}
	if back.IsZero() || back.Sub(end) > opts.ReconnectMax+slack {
		t.Errorf("websocket back %v after the outage, want within ReconnectMax %v", back.Sub(end), opts.ReconnectMax)
	}
	var firstReply time.Time
	for _, p := range f.delivered("chat.postMessage") {
		if p.At.After(end) {
			firstReply = p.At
			break
		}
	}
	t.Logf("outage %v: %d commands, %d replies; websocket back %v after the end, first reply %v after; longest pause between reconnection attempts %v",
		d, n, count(), back.Sub(end).Round(time.Millisecond), firstReply.Sub(end).Round(time.Millisecond), maxGap.Round(time.Millisecond))
	if !strings.Contains(hs.logs.String(), "reply held") {
		t.Errorf("no reply was held: the outage came too late to test holding")
	}

	if err := hs.ad.Send(context.Background(), "CBRIEF", &bot.Reply{Title: "Daily briefing", Items: []bot.Item{}}); err != nil {
		t.Errorf("Send after the outage: %v", err)
	}
}

// A 429 on apps.connections.open is waited out even when its Retry-After
// is longer than ReconnectMax.
func TestSocket_Reconnect_HonoursRetryAfter(t *testing.T) {
	hs := startSocket(t, nil, func(o *Options) { o.ReconnectMax = 100 * time.Millisecond })
	f := hs.fake
	f.failNext("apps.connections.open", failure{status: 429, retryAfter: "1"})
	f.drop()
	waitFor(t, "the reconnection", func() bool { _, _, n, _ := f.snapshot(); return n >= 2 })
	f.mu.Lock()
	opens := append([]call(nil), f.openCalls...)
	f.mu.Unlock()
	if len(opens) != 3 || !opens[1].Failed || opens[2].Failed {
		t.Fatalf("apps.connections.open calls: %+v; want a success, a 429, a success", opens)
	}
	if gap := opens[2].At.Sub(opens[1].At); gap < time.Second {
		t.Errorf("reconnected %v after a 429 with Retry-After: 1", gap)
	}
}
