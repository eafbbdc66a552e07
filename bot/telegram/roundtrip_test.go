package telegram

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/bot"
)

// Fictional articles, written for these tests, besides tgArticle.
var rtArticles = []string{
	tgArticle,
	`LOWMARSH — Governor Osric Valdane opened the new grain terminal at Lowmarsh on Monday, the Lowmarsh Courier reported.
"The harbor needs a second terminal before winter," Valdane said at the opening. Harbor Minister Talia Brennick did not attend.
The terminal will handle 40,000 tonnes of grain a month, according to the port authority.`,
	`MERIDIAN CITY — Harbor Minister Talia Brennick said on Thursday that the Corran Bridge tolls would fall by a third in May.
"Nobody should pay twice to cross one river," Brennick told the city council. Governor Osric Valdane's office declined to comment.
The council voted 12 to 3 to back the plan, the council clerk said.`,
}

// rtBot is a real bot over a temporary database with rtArticles ingested.
func rtBot(tb testing.TB) *bot.Bot {
	tb.Helper()
	b := realBot(tb)
	for i, art := range rtArticles {
		r := b.Respond(context.Background(), &bot.Request{Platform: "console", ChatID: "setup", Text: art})
		if r == nil || r.Error {
			tb.Fatalf("ingest article %d: %+v", i, r)
		}
	}
	return b
}

// rtStats are the figures of one round of a round trip.
type rtStats struct {
	n             int
	elapsed       time.Duration // first update made available → last reply received
	p50, p99, max time.Duration // update made available → its reply's last message received
}

func (s rtStats) perSecond() float64 { return float64(s.n) / s.elapsed.Seconds() }

func (s rtStats) String() string {
	return fmt.Sprintf("N=%d chats: %.0f replies/s, latency p50=%v p99=%v max=%v, all in %v",
		s.n, s.perSecond(), s.p50.Round(100*time.Microsecond), s.p99.Round(100*time.Microsecond), s.max.Round(100*time.Microsecond), s.elapsed.Round(time.Millisecond))
}

// roundTrip makes n private chats (ids from base on) send one command each
// at once (alternately /sources and /timeline brennick), waits for every
// reply and checks that each chat got exactly the reply Render gives, once
// and in order: none lost, none duplicated. want maps a command to its
// rendered reply.
func roundTrip(tb testing.TB, f *fakeAPI, n int, base int64, want map[string][]string) rtStats {
	tb.Helper()
	cmds := []string{"/sources", "/timeline brennick"}
	ups := make([]map[string]any, n)
	for i := range n {
		ups[i] = textMessage(privateChat(base+int64(i)), int64(i+1), cmds[i%len(cmds)])
	}
	ids := f.push(ups...)
	total := 0
	for i := range n {
		total += len(want[cmds[i%len(cmds)]])
	}
	f.waitFor(tb, fmt.Sprintf("%d replies", total), func() bool {
		c := 0
		for _, call := range f.callsOf("sendMessage", true) {
			if id, _ := strconv.ParseInt(call.Params.Get("chat_id"), 10, 64); id >= base && id < base+int64(n) {
				c++
			}
		}
		return c >= total
	})
	time.Sleep(20 * time.Millisecond) // let a duplicate show up, if any
	got := make(map[int64][]apiCall)
	for _, call := range f.callsOf("sendMessage", true) {
		if id, _ := strconv.ParseInt(call.Params.Get("chat_id"), 10, 64); id >= base && id < base+int64(n) {
			got[id] = append(got[id], call)
		}
	}
	first := f.pushedAt(ids[0])
	var last time.Time
	lat := make([]time.Duration, 0, n)
	for i := range n {
		chat := base + int64(i)
		var texts []string
		for _, c := range got[chat] {
			texts = append(texts, c.Params.Get("text"))
		}
		if diff := cmp.Diff(want[cmds[i%len(cmds)]], texts); diff != "" {
			tb.Errorf("chat %d (%s): replies (-want +got):\n%s", chat, cmds[i%len(cmds)], diff)
			continue
		}
		end := got[chat][len(got[chat])-1].At
		lat = append(lat, end.Sub(f.pushedAt(ids[i])))
		if end.After(last) {
			last = end
		}
	}
	slices.Sort(lat)
	if len(lat) == 0 {
		return rtStats{n: n}
	}
	q := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	return rtStats{n: n, elapsed: last.Sub(first), p50: q(0.50), p99: q(0.99), max: lat[len(lat)-1]}
}

// rtWant renders what b answers each round-trip command.
func rtWant(tb testing.TB, b *bot.Bot) map[string][]string {
	tb.Helper()
	want := map[string][]string{}
	for _, c := range []string{"/sources", "/timeline brennick"} {
		r := b.Respond(context.Background(), &bot.Request{Platform: "telegram", ChatID: "1", UserID: "1", Text: c})
		if r == nil || r.Error || len(r.Items) == 0 {
			tb.Fatalf("%s: %+v", c, r)
		}
		want[c] = Render(*r)
	}
	return want
}

// slowHandler delays every request by d before the bot answers it, as a
// slower store or a link fetch would.
type slowHandler struct {
	*bot.Bot
	d time.Duration
}

func (h slowHandler) Respond(ctx context.Context, req *bot.Request) *bot.Reply {
	time.Sleep(h.d)
	return h.Bot.Respond(ctx, req)
}

// TestRoundTrip200Chats: 200 chats send a command at once, through the
// fake Bot API and the real client, to the real bot; every chat gets its
// reply exactly once. The figures are logged, for updates handled one at
// a time (workers=1) and by the default worker pool, with the bot as it
// is and with 5 ms added to each request.
func TestRoundTrip200Chats(t *testing.T) {
	for _, delay := range []time.Duration{0, 5 * time.Millisecond} {
		for _, workers := range []int{1, 0} {
			t.Run(fmt.Sprintf("delay=%v/workers=%d", delay, workers), func(t *testing.T) {
				b := rtBot(t)
				want := rtWant(t, b)
				f := newFakeAPI(t)
				opts := fastOptions(f)
				opts.Workers = workers
				var h Handler = b
				if delay > 0 {
					h = slowHandler{b, delay}
				}
				a := start(t, h, newMemStore(), opts, nil).a
				st := roundTrip(t, f, 200, 10_000, want)
				t.Logf("round trip, handler +%v, %d workers: %v", delay, a.opts.Workers, st)
			})
		}
	}
}

// BenchmarkRoundTrip200Chats reports replies/s and latency of rounds of
// 200 chats sending a command at once.
func BenchmarkRoundTrip200Chats(b *testing.B) {
	bt := rtBot(b)
	want := rtWant(b, bt)
	f := newFakeAPI(b)
	start(b, bt, newMemStore(), fastOptions(f), nil)
	var all []rtStats
	for i := 0; b.Loop(); i++ {
		all = append(all, roundTrip(b, f, 200, int64(100_000*(i+1)), want))
	}
	var rate float64
	var p50, p99 time.Duration
	for _, s := range all {
		rate += s.perSecond()
		p50 += s.p50
		p99 += s.p99
	}
	k := float64(len(all))
	b.ReportMetric(rate/k, "replies/s")
	b.ReportMetric(float64(p50.Microseconds())/k/1000, "p50-ms")
	b.ReportMetric(float64(p99.Microseconds())/k/1000, "p99-ms")
}
