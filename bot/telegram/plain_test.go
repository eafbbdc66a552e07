package telegram

import (
	"context"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot"
)

func TestPlainText(t *testing.T) {
	in := `<b>Timeline: Mira Olsen</b>` + "\n" + `<b>2026-05-05</b> The council met &amp; voted &lt;3 times&gt; <a href="https://velinpost.example/a?x=1&amp;y=2">[1]</a>` + "\n" + `[1] <a href="https://velinpost.example/a">Velin Post</a>, 2026-05-06`
	want := "Timeline: Mira Olsen\n2026-05-05 The council met & voted <3 times> [1] (https://velinpost.example/a?x=1&y=2)\n[1] Velin Post (https://velinpost.example/a), 2026-05-06"
	if got := plainText(in); got != want {
		t.Errorf("plainText =\n%s\nwant\n%s", got, want)
	}
	if got := plainText("a < b"); !strings.Contains(got, "a < b") {
		t.Errorf("unterminated tag: %q", got)
	}
}

func TestSend_FallsBackToPlainText(t *testing.T) {
	f := newFakeAPI(t)
	f.fail("sendMessage", 1, fault{status: 400, desc: "Bad Request: can't parse entities: Unsupported start tag"})
	hs := start(t, &fakeHandler{}, newMemStore(), fastOptions(f), nil)
	r := &bot.Reply{Title: "New from Velin Post", Items: []bot.Item{{Text: "The ferry line opens.", Sources: []bot.Source{{Article: "1", Outlet: "Velin Post", URL: "https://velinpost.example/a"}}}}}
	if err := hs.a.Send(context.Background(), "42", r); err != nil {
		t.Fatal(err)
	}
	msgs := f.waitSent(t, 42, 1)
	if strings.Contains(msgs[0], "<b>") || !strings.Contains(msgs[0], "New from Velin Post") || !strings.Contains(msgs[0], "https://velinpost.example/a") {
		t.Fatalf("plain-text fallback = %q", msgs[0])
	}
}
