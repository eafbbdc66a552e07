package telegram

import (
	"context"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot"
)

func TestSend_QueuesToChat(t *testing.T) {
	f := newFakeAPI(t)
	hs := start(t, &fakeHandler{}, newMemStore(), fastOptions(f), nil)
	r := &bot.Reply{Title: "New from Harbor Ledger", Items: []bot.Item{{Date: "2026-05-12", Text: "The ferry line opens.", Sources: []bot.Source{{Article: "1", Outlet: "Harbor Ledger"}}}}}
	if err := hs.a.Send(context.Background(), "-100777", r); err != nil {
		t.Fatal(err)
	}
	msgs := f.waitSent(t, -100777, 1)
	if !strings.Contains(msgs[0], "Harbor Ledger") {
		t.Errorf("sent %q", msgs[0])
	}
	if err := hs.a.Send(context.Background(), "not-a-chat", r); err == nil {
		t.Error("a bad chat id was accepted")
	}
}
