package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/storage"
)

func TestCommands_PrivateAndGroups(t *testing.T) {
	f := newFakeAPI(t)
	h := &fakeHandler{}
	start(t, h, newMemStore(), fastOptions(f), nil)

	const private, group = 111, -100200
	f.push(
		textMessage(privateChat(private), 1, "/timeline witkoff"),
		textMessage(groupChat(group), 2, "/timeline@"+testUsername+" witkoff"),
		textMessage(groupChat(group), 3, "/TL@BriefBot_Test_Bot ushakov"), // alias, username in other case
		textMessage(groupChat(group), 4, "/timeline@some_other_bot witkoff"),
		textMessage(groupChat(group), 5, "/start"),       // unknown in a group, maybe another bot's
		textMessage(groupChat(group), 6, "good morning"), // chatter
		textMessage(groupChat(group), 7, "see https://news.example/story"),
		textMessage(privateChat(private), 8, "/start"),
		textMessage(groupChat(group), 9, "/echo done"),
	)
	f.waitSent(t, group, 3)
	f.waitSent(t, private, 2)

	// Chats are handled at once, each in order.
	got := map[string][]string{}
	for _, r := range h.requests() {
		got[r.ChatID] = append(got[r.ChatID], r.Text)
	}
	want := map[string][]string{
		"111":     {"/timeline witkoff", "/help"},
		"-100200": {"/timeline@" + testUsername + " witkoff", "/TL@BriefBot_Test_Bot ushakov", "/echo done"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	for _, r := range h.requests() {
		if r.Platform != "telegram" || r.UserID != "7001" || r.Forward != nil {
			t.Errorf("request %+v: want platform telegram, user 7001, no forward", r)
		}
	}

	// Group replies answer the command's message; private ones do not.
	for _, c := range f.callsOf("sendMessage", true) {
		rp := c.Params.Get("reply_parameters")
		if c.Params.Get("chat_id") == strconv.Itoa(group) != (rp != "") {
			t.Errorf("chat %s: reply_parameters %q", c.Params.Get("chat_id"), rp)
		}
		if c.Params.Get("parse_mode") != "HTML" || c.Params.Get("disable_web_page_preview") != "true" {
			t.Errorf("sendMessage params %v: want HTML parse mode and no link previews", c.Params)
		}
	}
	if got := f.sent(group)[0]; got != "<b>ok: /timeline@"+testUsername+" witkoff</b>" {
		t.Errorf("first group reply = %q", got)
	}
}

func TestSetMyCommands_FromTable(t *testing.T) {
	f := newFakeAPI(t)
	start(t, &fakeHandler{}, newMemStore(), fastOptions(f), nil)
	f.waitFor(t, "setMyCommands", func() bool { return len(f.callsOf("setMyCommands", true)) == 1 })
	var got []map[string]string
	if err := json.Unmarshal([]byte(f.callsOf("setMyCommands", true)[0].Params.Get("commands")), &got); err != nil {
		t.Fatal(err)
	}
	want := []map[string]string{
		{"command": "help", "description": "What briefbot can do"},
		{"command": "timeline", "description": "Dated, sourced chronology"},
		{"command": "echo", "description": "Says it back"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("commands (-want +got):\n%s", diff)
	}
	f.waitFor(t, "getUpdates", func() bool { return len(f.callsOf("getUpdates", true)) > 0 })
	if n := len(f.callsOf("deleteWebhook", true)); n != 1 {
		t.Errorf("deleteWebhook called %d times in polling mode, want 1", n)
	}
}

// fictional article, long enough to be ingested; it names no outlet.
const forwardedArticle = `Harbor officials in Port Vellamy said on Tuesday that the new ferry terminal will open on September 14. ` +
	`Mayor Talia Brenn told reporters that the terminal cost 40 million crowns and would carry 3,000 passengers a day. ` +
	`"We built it for the next fifty years," Brenn said at the ceremony. Engineers from Corvane Works finished the pier in July.`

func TestForward_ChannelPostIngestedWithChannelAsOutlet(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "briefbot.db"), storage.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	logs := &syncBuffer{}
	b := bot.New(newLogger(logs), db, bot.WithClock(func() time.Time { return time.Date(2025, 8, 8, 12, 0, 0, 0, time.UTC) }))
	f := newFakeAPI(t)
	start(t, b, db, fastOptions(f), nil)

	const chatID = 111
	fwd := textMessage(privateChat(chatID), 10, forwardedArticle)
	fwd["message"].(map[string]any)["forward_origin"] = map[string]any{
		"type":       "channel",
		"chat":       map[string]any{"id": -1001777, "type": "channel", "title": "Harbor Ledger", "username": "harborledger"},
		"message_id": 77,
		"date":       time.Date(2025, 8, 5, 9, 30, 0, 0, time.UTC).Unix(),
	}
	f.push(fwd)
	added := f.waitSent(t, chatID, 1)[0]
	if !strings.HasPrefix(added, "<b>Added #") || !strings.Contains(added, "Harbor Ledger, 2025-08-05") {
		t.Errorf("ingest reply = %q, want an Added reply naming Harbor Ledger, 2025-08-05", added)
	}
	f.push(textMessage(privateChat(chatID), 11, "/sources"))
	src := f.waitSent(t, chatID, 2)[1]
	for _, want := range []string{"Harbor Ledger", `<a href="https://t.me/harborledger/77">`, "2025-08-05"} {
		if !strings.Contains(src, want) {
			t.Errorf("/sources reply lacks %q:\n%s", want, src)
		}
	}
	if err := checkHTML(src); err != nil {
		t.Errorf("/sources reply: %v", err)
	}
}

func TestForwardOrigin(t *testing.T) {
	date := int64(1754386200) // 2025-08-05T09:30:00Z
	tests := []struct {
		name string
		msg  string
		want *bot.Origin
	}{
		{"channel", `{"forward_origin":{"type":"channel","date":1754386200,"chat":{"id":-100,"type":"channel","title":"Harbor  Ledger","username":"harborledger"},"message_id":77,"author_signature":"T. Brenn"}}`,
			&bot.Origin{Name: "Harbor Ledger", Date: "2025-08-05T09:30:00Z", URL: "https://t.me/harborledger/77"}},
		{"private channel", `{"forward_origin":{"type":"channel","date":1754386200,"chat":{"id":-100,"type":"channel","title":"Closed Wire"},"message_id":5}}`,
			&bot.Origin{Name: "Closed Wire", Date: "2025-08-05T09:30:00Z"}},
		{"channel without title", `{"forward_origin":{"type":"channel","date":1754386200,"chat":{"id":-100,"type":"channel","username":"wirefeed"},"message_id":5}}`,
			&bot.Origin{Name: "@wirefeed", Date: "2025-08-05T09:30:00Z", URL: "https://t.me/wirefeed/5"}},
		{"chat", `{"forward_origin":{"type":"chat","date":1754386200,"sender_chat":{"id":-200,"type":"supergroup","title":"Dockside Talk"}}}`,
			&bot.Origin{Name: "Dockside Talk", Date: "2025-08-05T09:30:00Z"}},
		{"user", `{"forward_origin":{"type":"user","date":1754386200,"sender_user":{"id":5,"is_bot":false,"first_name":"Oren","last_name":"Vask"}}}`,
			&bot.Origin{Name: "Oren Vask", Date: "2025-08-05T09:30:00Z"}},
		{"user by username", `{"forward_origin":{"type":"user","date":1754386200,"sender_user":{"id":5,"is_bot":false,"first_name":" ","username":"oren_v"}}}`,
			&bot.Origin{Name: "@oren_v", Date: "2025-08-05T09:30:00Z"}},
		{"hidden user", `{"forward_origin":{"type":"hidden_user","date":1754386200,"sender_user_name":"Anon Reader"}}`,
			&bot.Origin{Name: "Anon Reader", Date: "2025-08-05T09:30:00Z"}},
		{"unknown type", `{"forward_origin":{"type":"future_kind","date":1754386200}}`,
			&bot.Origin{Date: "2025-08-05T09:30:00Z"}},
		{"legacy fields", `{"forward_from_chat":{"id":-100,"type":"channel","title":"Old Wire","username":"oldwire"},"forward_from_message_id":9,"forward_date":1754386200}`,
			&bot.Origin{Name: "Old Wire", Date: "2025-08-05T09:30:00Z", URL: "https://t.me/oldwire/9"}},
		{"not forwarded", `{"text":"hello"}`, nil},
	}
	_ = date
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m message
			if err := json.Unmarshal([]byte(tt.msg), &m); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, forwardOrigin(&m)); diff != "" {
				t.Errorf("origin (-want +got):\n%s", diff)
			}
		})
	}
}

func TestChannelPost_IngestedSilentlyCommandsAnswered(t *testing.T) {
	f := newFakeAPI(t)
	h := &fakeHandler{}
	start(t, h, newMemStore(), fastOptions(f), nil)
	channel := map[string]any{"id": -1001888, "type": "channel", "title": "Quay Notes", "username": "quaynotes"}
	f.push(
		map[string]any{"channel_post": map[string]any{"message_id": 31, "chat": channel, "date": 1754386200, "text": forwardedArticle}},
		map[string]any{"channel_post": map[string]any{"message_id": 32, "chat": channel, "date": 1754386260, "text": "/echo hi"}},
	)
	f.waitSent(t, -1001888, 1)
	reqs := h.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	want := &bot.Origin{Name: "Quay Notes", Date: "2025-08-05T09:30:00Z", URL: "https://t.me/quaynotes/31"}
	if diff := cmp.Diff(want, reqs[0].Forward); diff != "" {
		t.Errorf("channel post origin (-want +got):\n%s", diff)
	}
	time.Sleep(50 * time.Millisecond)
	if got := f.sent(-1001888); len(got) != 1 || got[0] != "<b>ok: /echo hi</b>" {
		t.Errorf("channel got %q, want only the command's reply", got)
	}
}

func TestLinkOnly(t *testing.T) {
	tests := []struct {
		text   string
		entity bool
		want   bool
	}{
		{"https://news.example/2025/08/story", false, true},
		{"read this: https://news.example/a?b=c", false, true},
		{"www.news.example/story", false, true},
		{"(https://news.example/story).", false, true},
		{"two https://a.example/x https://b.example/y", false, true},
		{"this one", true, true}, // a text_link
		{"hello there", false, false},
		{"https://", false, false},
		{"http://localhost", false, false},
		{forwardedArticle + " https://news.example/source", false, false},
		{forwardedArticle, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.text[:min(len(tt.text), 30)], func(t *testing.T) {
			if got := linkOnly(tt.text, tt.entity); got != tt.want {
				t.Errorf("linkOnly(%q, %v) = %v, want %v", tt.text, tt.entity, got, tt.want)
			}
		})
	}
}

func TestLinkOnly_AnsweredNotIngested(t *testing.T) {
	f := newFakeAPI(t)
	h := &fakeHandler{}
	start(t, h, newMemStore(), fastOptions(f), nil)
	f.push(textMessage(privateChat(111), 1, "https://news.example/2025/08/ferry-terminal"))
	got := f.waitSent(t, 111, 1)
	if got[0] != linkText {
		t.Errorf("reply = %q, want %q", got[0], linkText)
	}
	if n := len(h.requests()); n != 0 {
		t.Errorf("handler got %d requests, want 0", n)
	}
}

// longTimeline is a fictional timeline long enough for several messages.
func longTimeline(items int) bot.Reply {
	r := bot.Reply{Command: "timeline", Query: "brenn", Title: "Timeline: Talia Brenn", Text: "Everything the articles say about Talia Brenn, oldest first.", Footer: fmt.Sprintf("%d happenings from 6 articles.", items)}
	outlets := []string{"Harbor Ledger", "Quay Notes", "The Vellamy Post", "Corvane Daily", "Dockside Wire", "North Pier Radio"}
	for i := range items {
		var srcs []bot.Source
		for j := range 1 + i%3 {
			k := (i + j) % len(outlets)
			s := bot.Source{Article: strconv.Itoa(k + 1), Outlet: outlets[k], Title: "Story " + strconv.Itoa(k+1), Published: fmt.Sprintf("2025-08-%02d", k+1),
				Evidence: "Brenn spoke at the pier."}
			if k%2 == 0 {
				s.URL = fmt.Sprintf("https://news%d.example/story?id=%d&lang=en", k+1, k+1)
			}
			srcs = append(srcs, s)
		}
		r.Items = append(r.Items, bot.Item{
			Date:    fmt.Sprintf("2025-07-%02d", 1+i%28),
			Text:    fmt.Sprintf("Talia Brenn inspected section %d of the new ferry terminal with engineers from Corvane Works, and told the crews that the schedule of works would hold until the opening day in September, weather permitting, according to the harbor office.", i+1),
			Note:    []string{"", "planned", "month only"}[i%3],
			Sources: srcs,
		})
	}
	return r
}

func TestLongReply_SplitGolden(t *testing.T) {
	f := newFakeAPI(t)
	reply := longTimeline(60)
	h := &fakeHandler{reply: func(*bot.Request) *bot.Reply { return &reply }}
	start(t, h, newMemStore(), fastOptions(f), nil)
	f.push(textMessage(privateChat(111), 1, "/timeline brenn"))
	want := Render(reply)
	if len(want) < 4 {
		t.Fatalf("fixture renders as %d messages, want at least 4", len(want))
	}
	msgs := f.waitSent(t, 111, len(want))
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("messages sent differ from Render's, in order (-want +got):\n%s", diff)
	}

	// Every part is valid HTML; every citation in a part is listed in
	// that part; every source of the reply is cited somewhere.
	idx := bot.IndexSources(reply)
	cited := map[int]bool{}
	for i, m := range msgs {
		if err := checkHTML(m); err != nil {
			t.Errorf("message %d: %v", i, err)
		}
		for _, sm := range citeRE.FindAllStringSubmatch(m, -1) {
			n, _ := strconv.Atoi(sm[1])
			cited[n] = true
			if !regexp.MustCompile(`(?m)^\[` + sm[1] + `\] `).MatchString(m) {
				t.Errorf("message %d cites [%d] without listing it", i, n)
			}
		}
	}
	for n := 1; n <= idx.Len(); n++ {
		if !cited[n] {
			t.Errorf("source [%d] %s never cited", n, idx.Source(n).Outlet)
		}
	}

	var golden bytes.Buffer
	for i, c := range f.callsOf("sendMessage", true) {
		fmt.Fprintf(&golden, "==== sendMessage %d: chat_id=%s parse_mode=%s disable_web_page_preview=%s link_preview_options=%s reply_markup=%q\n%s\n",
			i+1, c.Params.Get("chat_id"), c.Params.Get("parse_mode"), c.Params.Get("disable_web_page_preview"), c.Params.Get("link_preview_options"), c.Params.Get("reply_markup"), c.Params.Get("text"))
	}
	compareGolden(t, filepath.Join("testdata", "send_long_timeline.golden"), golden.Bytes())
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run go test -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

type markup struct {
	InlineKeyboard [][]struct {
		Text         string `json:"text"`
		CallbackData string `json:"callback_data"`
	} `json:"inline_keyboard"`
}

// button returns the text and data of a sent message's only button.
func button(t *testing.T, c apiCall) (text, data string) {
	t.Helper()
	var mk markup
	if err := json.Unmarshal([]byte(c.Params.Get("reply_markup")), &mk); err != nil {
		t.Fatalf("reply_markup %q: %v", c.Params.Get("reply_markup"), err)
	}
	if len(mk.InlineKeyboard) != 1 || len(mk.InlineKeyboard[0]) != 1 {
		t.Fatalf("reply_markup %q: want one button", c.Params.Get("reply_markup"))
	}
	b := mk.InlineKeyboard[0][0]
	return b.Text, b.CallbackData
}

func TestMoreButton_PagesAndAnswersEveryCallback(t *testing.T) {
	f := newFakeAPI(t)
	reply := longTimeline(60)
	all := Render(reply)
	if len(all) < 6 {
		t.Fatalf("fixture renders as %d messages, want at least 6", len(all))
	}
	h := &fakeHandler{reply: func(*bot.Request) *bot.Reply { return &reply }}
	opts := fastOptions(f)
	opts.PageSize, opts.MaxUnpaged = 2, 3
	start(t, h, newMemStore(), opts, nil)

	const chatID = 111
	f.push(textMessage(privateChat(chatID), 1, "/timeline brenn"))
	f.waitSent(t, chatID, 2)
	calls := f.callsOf("sendMessage", true)
	if calls[0].Params.Get("reply_markup") != "" {
		t.Errorf("first message has a button")
	}
	text, data := button(t, calls[1])
	if want := fmt.Sprintf("More (%d left)", len(all)-2); text != want {
		t.Errorf("button %q, want %q", text, want)
	}
	firstData := data

	answers := func() map[string]string {
		m := map[string]string{}
		for _, c := range f.callsOf("answerCallbackQuery", true) {
			m[c.Params.Get("callback_query_id")] = c.Params.Get("text")
		}
		return m
	}
	waitAnswer := func(id string) string {
		f.waitFor(t, "answer to "+id, func() bool { _, ok := answers()[id]; return ok })
		return answers()[id]
	}

	// Press More until the list ends.
	sent, press := 2, 0
	for sent < len(all) {
		press++
		id := "cb" + strconv.Itoa(press)
		f.push(callbackUpdate(id, chatID, int64(600+press), data))
		if got := waitAnswer(id); got != "" {
			t.Fatalf("More press %d answered %q", press, got)
		}
		next := min(sent+2, len(all))
		f.waitSent(t, chatID, next)
		calls = f.callsOf("sendMessage", true)
		last := calls[next-1]
		if next < len(all) {
			text, data = button(t, last)
			if want := fmt.Sprintf("More (%d left)", len(all)-next); text != want {
				t.Errorf("button %q, want %q", text, want)
			}
		} else if last.Params.Get("reply_markup") != "" {
			t.Errorf("last message has a button")
		}
		sent = next
	}
	if diff := cmp.Diff(all, f.sent(chatID)); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}

	// An old button, another chat's button, garbage and an expired list
	// are all answered, and send nothing.
	f.push(
		callbackUpdate("old", chatID, 700, firstData),
		callbackUpdate("foreign", 222, 701, firstData),
		callbackUpdate("garbage", chatID, 702, "rm -rf"),
		map[string]any{"callback_query": map[string]any{"id": "nomsg", "from": map[string]any{"id": 1, "is_bot": false, "first_name": "X"}, "data": "more:x:1"}},
	)
	for _, id := range []string{"old", "foreign", "garbage", "nomsg"} {
		if got := waitAnswer(id); got != expiredText {
			t.Errorf("callback %s answered %q, want %q", id, got, expiredText)
		}
	}
	if n := len(f.callsOf("sendMessage", true)); n != len(all) {
		t.Errorf("%d messages sent, want %d", n, len(all))
	}
}

func TestPages_Expire(t *testing.T) {
	p := newPages(time.Minute, 2)
	now := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
	p.now = func() time.Time { return now }
	id := p.put(1, []string{"a", "b", "c"}, 1)
	if msgs, left, ok := p.take(id, 1, 1, 1); !ok || left != 1 || msgs[0] != "b" {
		t.Fatalf("take = %v %d %v", msgs, left, ok)
	}
	now = now.Add(2 * time.Minute)
	if _, _, ok := p.take(id, 1, 2, 1); ok {
		t.Errorf("expired list still served")
	}
	a, b, c := p.put(1, []string{"x"}, 0), p.put(1, []string{"y"}, 0), p.put(1, []string{"z"}, 0)
	if _, _, ok := p.take(a, 1, 0, 1); ok {
		t.Errorf("oldest list kept beyond the maximum")
	}
	for _, id := range []string{b, c} {
		if _, _, ok := p.take(id, 1, 0, 1); !ok {
			t.Errorf("list %s lost", id)
		}
	}
}

func TestHostileText_Escaped(t *testing.T) {
	f := newFakeAPI(t)
	h := &fakeHandler{reply: func(req *bot.Request) *bot.Reply {
		return &bot.Reply{Title: req.Text, Text: req.Text, Footer: "</i>" + req.Text, Items: []bot.Item{{
			Date: "2025-08-06", Label: "<i>label", Text: req.Text, Note: "</b>&",
			Sources: []bot.Source{
				{Article: "1", Outlet: "A&B <News>", URL: `https://news.example/a?x=1&y="2"<z>`, Published: "2025-08-06"},
				{Article: "2", Outlet: "Evil", URL: `javascript:alert(1)`, Published: "2025-08-06"},
			},
		}}}
	}}
	start(t, h, newMemStore(), fastOptions(f), nil)
	hostile := "/echo <script>alert('x')</script> & &amp; <b>bold <i>unclosed </a> 😀👩‍👩‍👧 مرحبا بالعالم שלום \u202Eevil\u202C end"
	f.push(textMessage(privateChat(111), 1, hostile))
	msgs := f.waitSent(t, 111, 1)
	all := strings.Join(msgs, "\n")
	for i, m := range msgs {
		if err := checkHTML(m); err != nil {
			t.Errorf("message %d: %v\n%s", i, err, m)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert('x')&lt;/script&gt; &amp; &amp;amp; &lt;b&gt;bold", "A&amp;B &lt;News&gt;",
		`href="https://news.example/a?x=1&amp;y=&quot;2&quot;&lt;z&gt;"`, "😀👩‍👩‍👧", "مرحبا بالعالم שלום", "\u202Eevil\u202C"} {
		if !strings.Contains(all, want) {
			t.Errorf("reply lacks %q:\n%s", want, all)
		}
	}
	for _, bad := range []string{"<script", "javascript:", "<b>bold"} {
		if strings.Contains(all, bad) {
			t.Errorf("reply contains %q:\n%s", bad, all)
		}
	}
}

func TestWebhook_Secret(t *testing.T) {
	f := newFakeAPI(t)
	h := &fakeHandler{}
	opts := fastOptions(f)
	opts.WebhookURL, opts.Listen, opts.Secret = "https://bot.example/telegram/hook", "127.0.0.1:0", "s3cret-Token_1"
	addr := make(chan net.Addr, 1)
	hs := start(t, h, newMemStore(), opts, func(a *Adapter) { a.listening = func(ad net.Addr) { addr <- ad } })
	var base string
	select {
	case ad := <-addr:
		base = "http://" + ad.String() + "/telegram/hook"
	case <-time.After(3 * time.Second):
		t.Fatal("webhook server did not start")
	}
	f.waitFor(t, "setWebhook", func() bool { return len(f.callsOf("setWebhook", true)) == 1 })
	sw := f.callsOf("setWebhook", true)[0].Params
	if sw.Get("url") != opts.WebhookURL || sw.Get("secret_token") != opts.Secret {
		t.Errorf("setWebhook params %v", sw)
	}
	if n := len(f.callsOf("getUpdates", false)); n != 0 {
		t.Errorf("getUpdates called %d times in webhook mode", n)
	}

	post := func(secret *string, upd map[string]any) int {
		t.Helper()
		b, _ := json.Marshal(upd)
		req, _ := http.NewRequest(http.MethodPost, base, bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		if secret != nil {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", *secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	upd := func(id int, text string) map[string]any {
		u := textMessage(privateChat(111), int64(id), text)
		u["update_id"] = 5000 + id
		return u
	}
	right, wrong, prefix := opts.Secret, "s3cret-Token_2", opts.Secret[:5]
	tests := []struct {
		name   string
		secret *string
		upd    map[string]any
		want   int
	}{
		{"right", &right, upd(1, "/echo one"), 200},
		{"wrong", &wrong, upd(2, "/echo two"), 401},
		{"prefix", &prefix, upd(3, "/echo three"), 401},
		{"missing", nil, upd(4, "/echo four"), 401},
		{"repeated update", &right, upd(1, "/echo one"), 200},
		{"right again", &right, upd(5, "/echo five"), 200},
	}
	for _, tt := range tests {
		if got := post(tt.secret, tt.upd); got != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, got, tt.want)
		}
	}
	var got []string
	for _, r := range h.requests() {
		got = append(got, r.Text)
	}
	if diff := cmp.Diff([]string{"/echo one", "/echo five"}, got); diff != "" {
		t.Errorf("handled (-want +got):\n%s", diff)
	}
	f.waitSent(t, 111, 2)
	if n := strings.Count(hs.logs.String(), "wrong or missing secret token"); n != 3 {
		t.Errorf("%d refusal log lines, want 3:\n%s", n, hs.logs.String())
	}
	start := time.Now()
	if err := hs.stop(t); err != nil {
		t.Errorf("Run: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("shutdown took %v", d)
	}
}

func TestRun_ShutdownWithPendingLongPoll(t *testing.T) {
	f := newFakeAPI(t)
	opts := fastOptions(f)
	opts.PollTimeout = 30 * time.Second
	hs := start(t, &fakeHandler{}, newMemStore(), opts, nil)
	f.waitFor(t, "a pending long poll", func() bool { return f.pendingPolls() == 1 })
	time.Sleep(100 * time.Millisecond)
	begin := time.Now()
	if err := hs.stop(t); err != nil {
		t.Errorf("Run: %v", err)
	}
	if d := time.Since(begin); d > 2*time.Second {
		t.Errorf("Run returned %v after shutdown, want under 2 s", d)
	}
	if gu := f.callsOf("getUpdates", false); len(gu) == 0 || gu[0].Params.Get("timeout") != "30" {
		t.Errorf("getUpdates calls %v, want timeout=30", gu)
	}
}

func TestRun_RestartDoesNotReprocess(t *testing.T) {
	f := newFakeAPI(t)
	st := newMemStore()
	h1 := &fakeHandler{}
	hs1 := start(t, h1, st, fastOptions(f), nil)
	ids := f.push(
		textMessage(privateChat(111), 1, "/echo a"),
		textMessage(privateChat(111), 2, "/echo b"),
		textMessage(privateChat(222), 3, "/echo c"),
	)
	f.waitSent(t, 111, 2)
	f.waitSent(t, 222, 1)
	if err := hs1.stop(t); err != nil {
		t.Fatal(err)
	}
	off, _ := st.GetState(context.Background(), StateBucket, OffsetKey)
	if want := strconv.FormatInt(ids[2]+1, 10); string(off) != want {
		t.Errorf("stored offset %q, want %q", off, want)
	}

	h2 := &fakeHandler{}
	nPolls := len(f.callsOf("getUpdates", false))
	start(t, h2, st, fastOptions(f), nil)
	f.push(textMessage(privateChat(111), 4, "/echo d"))
	f.waitSent(t, 111, 3)
	var got []string
	for _, r := range h2.requests() {
		got = append(got, r.Text)
	}
	if diff := cmp.Diff([]string{"/echo d"}, got); diff != "" {
		t.Errorf("after restart handled (-want +got):\n%s", diff)
	}
	if first := f.callsOf("getUpdates", false)[nPolls]; first.Params.Get("offset") != strconv.FormatInt(ids[2]+1, 10) {
		t.Errorf("first getUpdates after restart with offset %q", first.Params.Get("offset"))
	}
	if len(h1.requests()) != 3 {
		t.Errorf("first run handled %d, want 3", len(h1.requests()))
	}
}

func TestFloodControl_PausesAllChats(t *testing.T) {
	f := newFakeAPI(t)
	f.fail("sendMessage", 1, fault{status: 429, retryAfter: 1})
	hs := start(t, &fakeHandler{}, newMemStore(), fastOptions(f), nil)
	f.push(
		textMessage(privateChat(111), 1, "/echo a"),
		textMessage(privateChat(222), 2, "/echo b"),
		textMessage(groupChat(-333), 3, "/echo c"),
	)
	f.waitSent(t, 111, 1)
	f.waitSent(t, 222, 1)
	f.waitSent(t, -333, 1)
	all := f.callsOf("sendMessage", false)
	if all[0].Status != 429 {
		t.Fatalf("first sendMessage answered %d", all[0].Status)
	}
	for _, c := range f.callsOf("sendMessage", true) {
		if d := c.At.Sub(all[0].At); d < time.Second {
			t.Errorf("message to %s sent %v after the 429, want at least retry_after (1 s)", c.Params.Get("chat_id"), d)
		}
	}
	if len(f.sent(111)) != 1 {
		t.Errorf("chat 111 got %d messages, want 1 (retried, not duplicated)", len(f.sent(111)))
	}
	if !strings.Contains(hs.logs.String(), "flood control") {
		t.Errorf("no flood control log line")
	}
}

func TestSend_RetriesThenGivesUp(t *testing.T) {
	f := newFakeAPI(t)
	f.fail("sendMessage", 2, fault{status: 500, desc: "Internal Server Error"})
	opts := fastOptions(f)
	opts.OutageHold = time.Nanosecond // give up after MaxAttempts
	hs := start(t, &fakeHandler{}, newMemStore(), opts, nil)
	f.push(textMessage(privateChat(111), 1, "/echo retried"))
	if got := f.waitSent(t, 111, 1); got[0] != "<b>ok: /echo retried</b>" {
		t.Errorf("got %q", got)
	}
	if n := len(f.callsOf("sendMessage", false)); n != 3 {
		t.Errorf("%d sendMessage calls, want 3 (two 500s, then success)", n)
	}

	// Always failing: 3 tries (MaxAttempts), then logged; the chat's next
	// message still goes.
	f.fail("sendMessage", 3, fault{status: 502, html: true})
	f.push(textMessage(privateChat(111), 2, "/echo lost"))
	f.waitFor(t, "giving up", func() bool { return strings.Contains(hs.logs.String(), "giving up") })
	if !regexp.MustCompile(`giving up" chat=111 attempts=3`).MatchString(hs.logs.String()) {
		t.Errorf("give-up log line lacks the chat id:\n%s", hs.logs.String())
	}
	f.fail("sendMessage", 1, fault{status: 400, desc: "Bad Request: chat not found"})
	f.push(textMessage(privateChat(111), 3, "/echo refused"), textMessage(privateChat(111), 4, "/echo after"))
	if got := f.waitSent(t, 111, 2); got[1] != "<b>ok: /echo after</b>" {
		t.Errorf("got %q", got)
	}
	if !strings.Contains(hs.logs.String(), "message refused") {
		t.Errorf("no log line for the 400")
	}
}

func TestAllowlist_Refusal(t *testing.T) {
	f := newFakeAPI(t)
	h := &fakeHandler{}
	opts := fastOptions(f)
	opts.AllowedChats = []int64{111}
	hs := start(t, h, newMemStore(), opts, nil)
	f.push(
		textMessage(privateChat(222), 1, "/timeline witkoff"),
		textMessage(privateChat(222), 2, "/timeline again"),
		textMessage(groupChat(-333), 3, "/echo@"+testUsername+" hi"),
		textMessage(groupChat(-333), 4, "chatter not for the bot"),
		textMessage(privateChat(111), 5, "/echo allowed"),
	)
	f.waitSent(t, 111, 1)
	f.waitSent(t, -333, 1)
	if got := f.sent(222); len(got) != 1 || got[0] != refusalText {
		t.Errorf("chat 222 got %q, want one refusal", got)
	}
	if got := f.sent(-333); got[0] != refusalText {
		t.Errorf("group got %q, want a refusal", got)
	}
	if reqs := h.requests(); len(reqs) != 1 || reqs[0].ChatID != "111" {
		t.Errorf("handled %v, want only chat 111", reqs)
	}
	if n := strings.Count(hs.logs.String(), "not on the allowlist refused"); n != 3 {
		t.Errorf("%d refusal log lines, want 3", n)
	}
}

func TestToken_NeverInLogsOrErrors(t *testing.T) {
	secrets := []string{testToken, strings.SplitN(testToken, ":", 2)[1]}
	var errs []string
	check := func(where, s string) {
		t.Helper()
		for _, sec := range secrets {
			if strings.Contains(s, sec) {
				t.Errorf("%s contains the token:\n%s", where, s)
			}
		}
	}

	// New against a closed port: the SDK's error is a URL error quoting
	// the URL, token included.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String()
	ln.Close()
	_, err = New(newLogger(&syncBuffer{}), &fakeHandler{}, newMemStore(), Options{Token: testToken, APIEndpoint: dead})
	if err == nil {
		t.Fatal("New against a closed port succeeded")
	}
	errs = append(errs, err.Error())
	if !strings.Contains(err.Error(), "<redacted>") {
		t.Errorf("New error %q: want the URL with the token redacted", err)
	}

	// A token the API refuses.
	f := newFakeAPI(t)
	f.token = "111:other-token"
	_, err = New(newLogger(&syncBuffer{}), &fakeHandler{}, newMemStore(), Options{Token: testToken, APIEndpoint: f.URL()})
	if err == nil || !strings.Contains(err.Error(), "TELEGRAM_BOT_TOKEN") {
		t.Errorf("New with a refused token: %v", err)
	}
	if err != nil {
		errs = append(errs, err.Error())
	}
	f.token = testToken

	// Failing calls while running: dropped connections, 5xx pages, 500s.
	f.fail("setMyCommands", 1, fault{drop: true})
	f.fail("getUpdates", 1, fault{drop: true})
	f.fail("getUpdates", 1, fault{status: 502, html: true})
	f.fail("sendMessage", 3, fault{drop: true})
	f.fail("answerCallbackQuery", 1, fault{drop: true})
	opts := fastOptions(f)
	opts.OutageHold = time.Nanosecond // give up after MaxAttempts
	hs := start(t, &fakeHandler{}, newMemStore(), opts, nil)
	f.push(textMessage(privateChat(111), 1, "/echo lost"), callbackUpdate("cb", 111, 9, "x"))
	f.waitFor(t, "the failures", func() bool {
		l := hs.logs.String()
		return strings.Contains(l, "giving up") && strings.Contains(l, "callback query not answered") && len(f.callsOf("getUpdates", false)) >= 3
	})
	hs.stop(t)
	logs := hs.logs.String()
	check("log", logs)
	for _, e := range errs {
		check("error", e)
	}
	if n := strings.Count(logs, "<redacted>"); n < 4 {
		t.Errorf("%d redacted URLs in the log, want at least 4 (the test must exercise URL errors):\n%s", n, logs)
	}
}

func TestNew_Options(t *testing.T) {
	f := newFakeAPI(t)
	lg := newLogger(&syncBuffer{})
	tests := []struct {
		name    string
		opts    Options
		wantErr string
	}{
		{"base URL", Options{Token: testToken, APIEndpoint: f.URL()}, ""},
		{"base URL with slash", Options{Token: testToken, APIEndpoint: f.URL() + "/"}, ""},
		{"SDK format", Options{Token: testToken, APIEndpoint: f.URL() + "/bot%s/%s"}, ""},
		{"no token", Options{APIEndpoint: f.URL()}, "TELEGRAM_BOT_TOKEN"},
		{"bad endpoint", Options{Token: testToken, APIEndpoint: "ftp://x"}, "not an absolute http(s) URL"},
		{"one %s", Options{Token: testToken, APIEndpoint: "http://x/bot%s"}, "two %s"},
		{"webhook without listen", Options{Token: testToken, APIEndpoint: f.URL(), WebhookURL: "https://b.example/h", Secret: "abc"}, "TELEGRAM_LISTEN"},
		{"webhook bad secret", Options{Token: testToken, APIEndpoint: f.URL(), WebhookURL: "https://b.example/h", Listen: ":0", Secret: "a b"}, "secret token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New(lg, &fakeHandler{}, newMemStore(), tt.opts)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				if a.Username() != testUsername {
					t.Errorf("Username() = %q", a.Username())
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("New: %v, want an error mentioning %q", err, tt.wantErr)
			}
		})
	}
}

func TestEndpointFormat(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "https://api.telegram.org/bot%s/%s"},
		{"http://127.0.0.1:8081", "http://127.0.0.1:8081/bot%s/%s"},
		{"https://tg.example/api/", "https://tg.example/api/bot%s/%s"},
		{"http://h.example/a%20b", "http://h.example/a%%20b/bot%s/%s"},
		{"http://h.example/bot%s/%s", "http://h.example/bot%s/%s"},
		{"http://h.example/bot%s", ""},
		{"http://h.example/bot%d/%s/%s", ""},
		{"h.example", ""},
		{"http://h.example/?q=1", ""},
	}
	for _, tt := range tests {
		got, err := endpointFormat(tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("endpointFormat(%q) = %q, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("endpointFormat(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestRedactor(t *testing.T) {
	r := newRedactor(testToken, "hook-secret")
	in := `Post "http://h/bot` + testToken + `/getMe": EOF; escaped 987654321%3AAAF-veryS3cretTokenValue_xyz; half veryS3cret AAF-veryS3cretTokenValue_xyz; hook-secret`
	got := r.String(in)
	want := `Post "http://h/bot<redacted>/getMe": EOF; escaped <redacted>; half veryS3cret <redacted>; <redacted>`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func FuzzDecodeUpdate(f *testing.F) {
	f.Add([]byte(`{"update_id":5,"message":{"message_id":1,"chat":{"id":1,"type":"private"},"text":"/timeline@x y","forward_origin":{"type":"channel","date":1,"chat":{"id":-1,"type":"channel","title":"T","username":"abcde"},"message_id":3}}}`))
	f.Add([]byte(`{"update_id":6,"callback_query":{"id":"q","from":{"id":1},"data":"more:ab:2"}}`))
	f.Add([]byte(`{"update_id":7,"message":{"text":5}}`))
	f.Add([]byte(`{"update_id":8,"message":{"caption":"https://x.example","caption_entities":[{"type":"url"}],"forward_from":{"id":1,"first_name":"A"},"forward_date":-5}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		u, ok := decodeUpdate(raw)
		if ok && u.UpdateID <= 0 {
			t.Fatalf("ok with update_id %d", u.UpdateID)
		}
		for _, m := range []*message{u.Message, u.ChannelPost} {
			if m == nil {
				continue
			}
			_ = linkOnly(m.text(), m.hasLinkEntity())
			_, _ = bot.ParseCommand(m.text())
			for _, o := range []*bot.Origin{forwardOrigin(m), channelOrigin(m)} {
				if o == nil {
					continue
				}
				if o.Date != "" {
					if _, err := time.Parse(time.RFC3339, o.Date); err != nil {
						t.Errorf("origin date %q: %v", o.Date, err)
					}
				}
				if o.URL != "" && !strings.HasPrefix(o.URL, "https://t.me/") {
					t.Errorf("origin URL %q", o.URL)
				}
			}
		}
		if u.CallbackQuery != nil {
			if id, next, ok := parseMoreData(u.CallbackQuery.Data); ok && (id == "" || next < 0) {
				t.Errorf("parseMoreData(%q) = %q, %d", u.CallbackQuery.Data, id, next)
			}
		}
	})
}
