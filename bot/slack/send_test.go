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
