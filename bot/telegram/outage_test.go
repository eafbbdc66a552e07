package telegram

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/bot"
)

var outageFlag = flag.Duration("telegram.outage", 0, "length of the Bot API outage TestOutage_RepliesDeliveredOnceAfterwards simulates (0: 2 s, with the adapter's delays scaled down; 60s: the full outage with the production delays)")

// outageOptions are the adapter's options for an outage of d: the
// production delays for a minute or more, else scaled down with d.
func outageOptions(f *fakeAPI, d time.Duration) Options {
	opts := fastOptions(f)
	opts.RetryMax = min(15*time.Second, d/4)
	opts.RetryBase = opts.RetryMax / 16
	if d >= time.Minute {
		opts.PollTimeout = 30 * time.Second
	}
	return opts
}

// TestOutage_RepliesDeliveredOnceAfterwards: the Bot API fails (502 pages,
// 500s, dropped connections) for every getUpdates and sendMessage call
// for a while. Commands whose replies could not be sent, and commands sent
// during the outage, each get exactly one reply afterwards, in order per
// chat; no update is handled twice; Send refuses while the API is down and
// works after; polling resumes within RetryMax of the end.
func TestOutage_RepliesDeliveredOnceAfterwards(t *testing.T) {
	outage := *outageFlag
	if outage <= 0 {
		outage = 2 * time.Second
	}
	t.Parallel()
	f := newFakeAPI(t)
	h := &fakeHandler{}
	opts := outageOptions(f, outage)
	hs := start(t, h, newMemStore(), opts, nil)
	chats := []int64{301, 302, 303, 304, 305, 306, -401, -402, -403, -404}
	chatOf := func(id int64) map[string]any {
		if id < 0 {
			return groupChat(id)
		}
		return privateChat(id)
	}
	push := func(phase string) {
		var ups []map[string]any
		for i, c := range chats {
			ups = append(ups, textMessage(chatOf(c), int64(100+i), "/echo "+phase+" "+strconv.FormatInt(c, 10)))
		}
		f.push(ups...)
	}
	wantText := func(phase string, c int64) string {
		return "<b>ok: /echo " + phase + " " + strconv.FormatInt(c, 10) + "</b>"
	}

	// Before: all is well.
	push("before")
	for _, c := range chats {
		f.waitSent(t, c, 1)
	}

	// The outage starts with sendMessage: the commands of phase "queued"
	// are handled, their replies cannot go out.
	begin := time.Now()
	f.outage(true, "sendMessage", "sendPhoto")
	push("queued")
	f.waitFor(t, "the queued commands handled", func() bool { return len(h.requests()) == 2*len(chats) })
	f.outage(true, "sendMessage", "sendPhoto", "getUpdates")

	// A briefing sent while the API is down is refused (the scheduler
	// retries), and nothing of it is delivered later.
	f.waitFor(t, "the adapter to notice the outage", func() bool { return hs.a.pollDown.Load() || hs.a.sender.down() })
	brief := &bot.Reply{Title: "Briefing refused", Items: []bot.Item{}}
	if err := hs.a.Send(context.Background(), "301", brief); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Send during the outage = %v, want ErrUnavailable", err)
	}

	// Commands sent during the outage.
	push("during")
	time.Sleep(time.Until(begin.Add(outage)))
	pollsDuring := len(f.callsOf("getUpdates", false))
	f.outage(false)
	end := time.Now()
	t.Logf("outage of %v over", end.Sub(begin).Round(time.Millisecond))

	deadline := time.Now().Add(opts.RetryMax + 5*time.Second)
	for _, c := range chats {
		for len(f.sent(c)) < 3 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
	}
	time.Sleep(100 * time.Millisecond) // room for a duplicate to show
	var last time.Time
	for _, c := range chats {
		want := []string{wantText("before", c), wantText("queued", c), wantText("during", c)}
		if diff := cmp.Diff(want, f.sent(c)); diff != "" {
			t.Errorf("chat %d: replies (-want +got):\n%s", c, diff)
		}
		for _, call := range f.chatCalls("sendMessage", c) {
			if call.Status == 200 && call.At.After(last) {
				last = call.At
			}
		}
	}
	if d := last.Sub(end); d > opts.RetryMax+time.Second {
		t.Errorf("last reply %v after the outage, want within RetryMax (%v)", d, opts.RetryMax)
	}
	t.Logf("all %d replies delivered %v after the outage; %d getUpdates calls", 3*len(chats), last.Sub(end).Round(time.Millisecond), pollsDuring)
	if max := 2*int(outage/opts.RetryBase) + 10; pollsDuring > max {
		t.Errorf("%d getUpdates calls, want at most %d (backoff)", pollsDuring, max)
	}

	// Every update handled once.
	seen := map[string]int{}
	for _, r := range h.requests() {
		seen[r.ChatID+" "+r.Text]++
	}
	for k, n := range seen {
		if n != 1 {
			t.Errorf("%q handled %d times", k, n)
		}
	}
	if len(seen) != 3*len(chats) {
		t.Errorf("%d updates handled, want %d", len(seen), 3*len(chats))
	}

	// After: Send works again, and the refused briefing never went out.
	if hs.a.pollDown.Load() || hs.a.sender.down() {
		t.Errorf("after the replies went out: getUpdates down %v, sender down %v; want both up", hs.a.pollDown.Load(), hs.a.sender.down())
	}
	if err := hs.a.Send(context.Background(), "301", &bot.Reply{Title: "Briefing after", Items: []bot.Item{}}); err != nil {
		t.Fatalf("Send after the outage: %v", err)
	}
	got := f.waitSent(t, 301, 4)
	if got[3] != "<b>Briefing after</b>" || strings.Contains(strings.Join(got, "\n"), "Briefing refused") {
		t.Errorf("chat 301 got %q", got)
	}
	if !strings.Contains(hs.logs.String(), "looks down") {
		t.Errorf("no outage log line")
	}
}

// TestOutage_SendQueuedBeforeDetectionDeliveredOnce: a briefing Send
// accepted (nil) just as sends start failing is the adapter's to deliver:
// it goes out once when the API is back.
func TestOutage_SendQueuedBeforeDetectionDeliveredOnce(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	opts := fastOptions(f)
	opts.RetryBase, opts.RetryMax = 20*time.Millisecond, 100*time.Millisecond
	hs := start(t, &fakeHandler{}, newMemStore(), opts, nil)
	f.waitFor(t, "polling", func() bool { return f.pendingPolls() == 1 })
	f.outage(true, "sendMessage")
	for _, c := range []string{"501", "502"} {
		if err := hs.a.Send(context.Background(), c, &bot.Reply{Title: "Briefing " + c, Items: []bot.Item{}}); err != nil {
			t.Fatalf("Send before the outage was seen: %v", err)
		}
	}
	f.waitFor(t, "the outage seen", func() bool { return hs.a.sender.down() })
	if err := hs.a.Send(context.Background(), "503", &bot.Reply{Title: "Briefing 503", Items: []bot.Item{}}); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Send during the outage = %v, want ErrUnavailable", err)
	}
	time.Sleep(300 * time.Millisecond)
	f.outage(false)
	for _, c := range []int64{501, 502} {
		if got := f.waitSent(t, c, 1); len(got) != 1 || got[0] != fmt.Sprintf("<b>Briefing %d</b>", c) {
			t.Errorf("chat %d got %q", c, got)
		}
	}
	time.Sleep(100 * time.Millisecond)
	for _, c := range []int64{501, 502, 503} {
		if n := len(f.sent(c)); n > 1 || c == 503 && n != 0 {
			t.Errorf("chat %d got %d messages", c, n)
		}
	}
}

// TestPoll_HonoursRetryAfter: a 429 to getUpdates with retry_after makes
// the next call wait that long, whatever RetryMax.
func TestPoll_HonoursRetryAfter(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	f.fail("getUpdates", 1, fault{status: 429, retryAfter: 1})
	start(t, &fakeHandler{}, newMemStore(), fastOptions(f), nil)
	f.waitFor(t, "a second getUpdates", func() bool { return len(f.callsOf("getUpdates", false)) >= 2 })
	calls := f.callsOf("getUpdates", false)
	if calls[0].Status != 429 {
		t.Fatalf("first getUpdates answered %d", calls[0].Status)
	}
	if d := calls[1].At.Sub(calls[0].At); d < time.Second {
		t.Errorf("getUpdates retried %v after a 429 with retry_after 1, want at least 1 s", d)
	}
}

// TestOutage_Webhook: in webhook mode too, replies that cannot be sent
// during an outage are held and delivered once, in order, afterwards.
func TestOutage_Webhook(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	opts := fastOptions(f)
	opts.RetryBase, opts.RetryMax = 20*time.Millisecond, 100*time.Millisecond
	post := startWebhook(t, f, &fakeHandler{}, opts)
	f.outage(true, "sendMessage")
	id := 7000
	for _, c := range []int64{601, 602} {
		for i := range 3 {
			id++
			u := textMessage(privateChat(c), int64(i+1), fmt.Sprintf("/echo %d", i))
			u["update_id"] = id
			if code := post(u); code != 200 {
				t.Fatalf("webhook answered %d", code)
			}
		}
	}
	time.Sleep(400 * time.Millisecond)
	f.outage(false)
	want := []string{"<b>ok: /echo 0</b>", "<b>ok: /echo 1</b>", "<b>ok: /echo 2</b>"}
	for _, c := range []int64{601, 602} {
		f.waitSent(t, c, 3)
	}
	time.Sleep(50 * time.Millisecond)
	for _, c := range []int64{601, 602} {
		if diff := cmp.Diff(want, f.sent(c)); diff != "" {
			t.Errorf("chat %d (-want +got):\n%s", c, diff)
		}
	}
}
