package slack

import (
	"context"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot"
)

func TestSend_PostsToChannel(t *testing.T) {
	hs := startSocket(t, nil, nil)
	r := &bot.Reply{Title: "New from Harbor Ledger", Items: []bot.Item{{Date: "2026-05-12", Text: "The ferry line opens.", Sources: []bot.Source{{Article: "1", Outlet: "Harbor Ledger"}}}}}
	if err := hs.ad.Send(context.Background(), "C42", r); err != nil {
		t.Fatal(err)
	}
	posts := hs.fake.delivered("chat.postMessage")
	if len(posts) != 1 || posts[0].Channel != "C42" || !strings.Contains(posts[0].Text, "Harbor Ledger") {
		t.Fatalf("posts = %+v", posts)
	}
}

// Send does not hold a reply through an outage: it fails, for the caller
// to try again later; the retry resumes after the messages already posted,
// in the same thread, so none is posted twice. A later Send of the same
// reply, once the first went through, posts it again.
func TestSend_FailsThenRetryResumes(t *testing.T) {
	hs := startSocket(t, nil, nil)
	f := hs.fake
	r := longTimeline()
	n := len(Render(*r))
	if n < 3 {
		t.Fatalf("fixture renders as %d messages; want at least 3", n)
	}
	fails := []failure{{pass: true}}
	for range 1 + hs.ad.opts.MaxRetries {
		fails = append(fails, failure{status: 503})
	}
	f.failNext("chat.postMessage", fails...)
	if err := hs.ad.Send(context.Background(), "C42", r); err == nil {
		t.Fatal("Send while Slack fails = nil, want an error")
	}
	if got := len(f.delivered("chat.postMessage")); got != 1 {
		t.Fatalf("%d messages posted before the failure, want 1", got)
	}
	if err := hs.ad.Send(context.Background(), "C42", r); err != nil {
		t.Fatalf("retried Send: %v", err)
	}
	posts := f.delivered("chat.postMessage")
	if len(posts) != n {
		t.Fatalf("%d messages posted in all, want %d, each once", len(posts), n)
	}
	for i, p := range posts {
		want := posts[0].TS
		if i == 0 {
			want = ""
		}
		if p.ThreadTS != want {
			t.Errorf("message %d in thread %q, want %q", i, p.ThreadTS, want)
		}
	}
	if err := hs.ad.Send(context.Background(), "C42", r); err != nil {
		t.Fatal(err)
	}
	if got := len(f.delivered("chat.postMessage")); got != 2*n {
		t.Errorf("a new Send of the same reply posted %d messages, want %d", got-n, n)
	}
}
