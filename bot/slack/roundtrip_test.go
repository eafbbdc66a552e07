package slack

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// roundTripBot returns a real bot with three fictional articles ingested.
func roundTripBot(tb testing.TB) *bot.Bot {
	tb.Helper()
	b := openBot(tb)
	for i, day := range []string{"Tuesday", "Wednesday", "Thursday"} {
		text := strings.ReplaceAll(testArticle, "Tuesday", day)
		text = strings.ReplaceAll(text, "three hours", fmt.Sprintf("%d hours", i+2))
		r := b.Respond(context.Background(), &bot.Request{Platform: "slack", ChatID: "CSETUP", UserID: "UALICE", Text: text})
		if r == nil || !strings.HasPrefix(r.Title, "Added") {
			tb.Fatalf("ingest %d: %+v", i, r)
		}
	}
	return b
}

// roundTrip is the outcome of sending cmds from each of n channels at once.
type roundTrip struct {
	replies   int
	lost, dup int
	disorder  int
	elapsed   time.Duration
	p50, p99  time.Duration
	perSecond float64
}

func (r roundTrip) String() string {
	return fmt.Sprintf("%d replies in %v: %.0f replies/s, latency p50 %v p99 %v; lost %d, duplicated %d, out of order %d",
		r.replies, r.elapsed.Round(time.Millisecond), r.perSecond, r.p50.Round(100*time.Microsecond), r.p99.Round(100*time.Microsecond), r.lost, r.dup, r.disorder)
}

// runRoundTrip sends each command of cmds, in order, from each of n
// channels (a different user each) over the fake's websocket, as fast as
// it can, and waits for one reply per command. A reply is recognised by the
// first posted message of its thread: mark(reply text) names its command.
// Latency is from sending the envelope to the fake recording the post.
// round makes the ids unique when it is called again on hs.
func runRoundTrip(tb testing.TB, hs *harness, round, n int, cmds []string, mark func(text string) string, timeout time.Duration) roundTrip {
	tb.Helper()
	f := hs.fake
	before := len(f.delivered("chat.postMessage"))
	sent := map[string]time.Time{} // channel/command index → sent at
	start := time.Now()
	for k, c := range cmds {
		name, arg, _ := strings.Cut(strings.TrimPrefix(c, "/"), " ")
		for i := range n {
			ch := fmt.Sprintf("C%04d", i)
			id := fmt.Sprintf("%s-%d-%d", ch, round, k)
			sent[fmt.Sprintf("%s/%d", ch, k)] = time.Now()
			f.send(slashEnv("env-"+id, "trig-"+id, ch, fmt.Sprintf("U%04d", i), "/"+name, arg, f.hookURL(id)))
		}
	}
	want := n * len(cmds)
	deadline := time.Now().Add(timeout)
	var posts []call
	for {
		posts = nil
		for _, p := range f.delivered("chat.postMessage")[before:] {
			if p.ThreadTS == "" { // the first message of a reply
				posts = append(posts, p)
			}
		}
		if len(posts) >= want || time.Now().After(deadline) {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond) // room for a wrong extra reply
	posts = posts[:0]
	for _, p := range f.delivered("chat.postMessage")[before:] {
		if p.ThreadTS == "" {
			posts = append(posts, p)
		}
	}
	var res roundTrip
	next := map[string]int{} // channel → index of the next command expected
	var lat []time.Duration
	var last time.Time
	for _, p := range posts {
		k := slices.Index(cmds, mark(p.Text))
		if k < 0 {
			tb.Errorf("reply in %s not recognised: %.80q", p.Channel, p.Text)
			continue
		}
		key := fmt.Sprintf("%s/%d", p.Channel, k)
		at, ok := sent[key]
		if !ok {
			res.dup++
			continue
		}
		delete(sent, key)
		if k != next[p.Channel] {
			res.disorder++
		}
		next[p.Channel] = k + 1
		res.replies++
		lat = append(lat, p.At.Sub(at))
		if p.At.After(last) {
			last = p.At
		}
	}
	res.lost = len(sent)
	res.elapsed = last.Sub(start)
	if res.elapsed > 0 {
		res.perSecond = float64(res.replies) / res.elapsed.Seconds()
	}
	slices.Sort(lat)
	if len(lat) > 0 {
		res.p50 = lat[len(lat)*50/100]
		res.p99 = lat[min(len(lat)-1, len(lat)*99/100)]
	}
	return res
}

// roundTripMark names the command a real bot's reply answers, from the
// first line of its fallback text (its title).
func roundTripMark(text string) string {
	title, _, _ := strings.Cut(text, "\n")
	switch {
	case strings.HasPrefix(title, "Sources"):
		return "/sources"
	case strings.HasPrefix(title, "Timeline: Talia Brennick"):
		return "/timeline brennick"
	}
	return ""
}

// 200 channels each ask /sources then /timeline at once, through the fake
// Slack and the real client, answered by a real bot: no reply lost, none
// twice, each channel's in order; the figures are logged.
func TestRoundTrip200Chats(t *testing.T) {
	hs := startSocket(t, roundTripBot(t), nil)
	cmds := []string{"/sources", "/timeline brennick"}
	res := runRoundTrip(t, hs, 0, 200, cmds, roundTripMark, 20*time.Second)
	t.Logf("round trip, 200 chats x %d commands: %v", len(cmds), res)
	if res.lost != 0 || res.dup != 0 || res.disorder != 0 || res.replies != 400 {
		t.Errorf("want 400 replies, none lost, twice or out of order: %v", res)
	}
}

// BenchmarkRoundTrip200Chats: one round = 200 channels asking /sources at
// once; reports replies/s and the latencies of the last round.
func BenchmarkRoundTrip200Chats(b *testing.B) {
	hs := startSocket(b, roundTripBot(b), nil)
	var res roundTrip
	total, elapsed := 0, time.Duration(0)
	for i := 0; b.Loop(); i++ {
		res = runRoundTrip(b, hs, i, 200, []string{"/sources"}, roundTripMark, 20*time.Second)
		if res.lost != 0 || res.dup != 0 {
			b.Fatalf("round %d: %v", i, res)
		}
		total += res.replies
		elapsed += res.elapsed
	}
	b.ReportMetric(float64(total)/elapsed.Seconds(), "replies/s")
	b.ReportMetric(float64(res.p50.Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(res.p99.Microseconds())/1000, "p99-ms")
}
