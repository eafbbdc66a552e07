package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/storage"
)

// testPNG draws a small chart-like picture and returns it as PNG bytes.
func testPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for x := range 40 {
		img.Set(x, 10+x%7, color.RGBA{B: 200, A: 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const chartAlt = "Chart of 12 events about Talia Brennick, March to May 2026"

// longCmd is a command line too long for callback_data.
var longCmd = "timeline brennick since 2026-03-01 until 2026-05-31 chart by outlet and by week"

// chartReply answers "/timeline brennick" with a reply, a PNG and two
// buttons (one with a command too long for callback_data); other requests
// with an echo.
func chartReply(data []byte) func(*bot.Request) *bot.Reply {
	return func(req *bot.Request) *bot.Reply {
		if req.Text != "/timeline brennick" {
			return &bot.Reply{Title: "ok: " + req.Text, Items: []bot.Item{}}
		}
		return &bot.Reply{
			Command: "timeline", Title: "Timeline: Talia Brennick", Items: []bot.Item{},
			Attachments: []bot.Attachment{{Name: "timeline-brennick.png", MIME: "image/png", Alt: chartAlt, Data: data}},
			Actions:     []bot.Action{{Label: "Chart", Command: "timeline brennick chart"}, {Label: "By week", Command: longCmd}},
		}
	}
}

// keyboardOf returns the buttons (text, callback data) of a call's
// reply_markup, row by row.
func keyboardOf(t *testing.T, c apiCall) [][][2]string {
	t.Helper()
	var mk markup
	if err := json.Unmarshal([]byte(c.Params.Get("reply_markup")), &mk); err != nil {
		t.Fatalf("reply_markup %q: %v", c.Params.Get("reply_markup"), err)
	}
	var out [][][2]string
	for _, row := range mk.InlineKeyboard {
		var r [][2]string
		for _, b := range row {
			r = append(r, [2]string{b.Text, b.CallbackData})
		}
		out = append(out, r)
	}
	return out
}

// chatCalls returns the successful calls of method to chatID.
func (f *fakeAPI) chatCalls(method string, chatID int64) []apiCall {
	var out []apiCall
	for _, c := range f.callsOf(method, true) {
		if c.Params.Get("chat_id") == strconv.FormatInt(chatID, 10) {
			out = append(out, c)
		}
	}
	return out
}

func TestPhoto_AfterTextWithCaption_KeyboardOnText(t *testing.T) {
	data := testPNG(t)
	f := newFakeAPI(t)
	h := &fakeHandler{reply: chartReply(data)}
	start(t, h, newMemStore(), fastOptions(f), nil)
	const chatID = 321
	f.push(textMessage(privateChat(chatID), 1, "/timeline brennick"))
	f.waitFor(t, "the photo", func() bool { return len(f.chatCalls("sendPhoto", chatID)) == 1 })

	texts, photos := f.chatCalls("sendMessage", chatID), f.chatCalls("sendPhoto", chatID)
	if len(texts) != 1 || !texts[0].At.Before(photos[0].At) && !texts[0].At.Equal(photos[0].At) {
		t.Fatalf("want one text message before the photo; got %d texts", len(texts))
	}
	p := photos[0]
	up, ok := p.Files["photo"]
	if !ok || !bytes.Equal(up.Data, data) || up.Filename != "timeline-brennick.png" {
		t.Errorf("photo part: present %v, %q, %d bytes, equal to the PNG: %v", ok, up.Filename, len(up.Data), bytes.Equal(up.Data, data))
	}
	if p.Params.Get("caption") != chartAlt || p.Params.Get("parse_mode") != "" || p.Params.Get("chat_id") != "321" {
		t.Errorf("sendPhoto params = %v", p.Params)
	}
	kb := keyboardOf(t, texts[0])
	if len(kb) != 1 || len(kb[0]) != 2 {
		t.Fatalf("keyboard = %v, want one row of two buttons", kb)
	}
	if kb[0][0] != [2]string{"Chart", "cmd:timeline brennick chart"} {
		t.Errorf("first button = %v", kb[0][0])
	}
	if kb[0][1][0] != "By week" || !strings.HasPrefix(kb[0][1][1], cmdKeyPrefix) || len(kb[0][1][1]) > maxCallback {
		t.Errorf("second button = %v, want a stored command id", kb[0][1])
	}
	// The raw JSON, as Telegram reads it.
	var raw map[string]any
	if err := json.Unmarshal([]byte(texts[0].Params.Get("reply_markup")), &raw); err != nil || raw["inline_keyboard"] == nil {
		t.Errorf("reply_markup %s is no inline_keyboard", texts[0].Params.Get("reply_markup"))
	}
	if p.Params.Get("reply_markup") != "" {
		t.Errorf("the photo has a keyboard")
	}
}

func TestPhoto_OtherFilesAsDocuments(t *testing.T) {
	f := newFakeAPI(t)
	csv := []byte("date,events\n2026-03-01,4\n")
	h := &fakeHandler{reply: func(*bot.Request) *bot.Reply {
		return &bot.Reply{Title: "Data", Items: []bot.Item{}, Attachments: []bot.Attachment{{Name: "../events.csv", MIME: "text/csv", Data: csv}}}
	}}
	start(t, h, newMemStore(), fastOptions(f), nil)
	f.push(textMessage(privateChat(5), 1, "/echo"))
	f.waitFor(t, "the document", func() bool { return len(f.chatCalls("sendDocument", 5)) == 1 })
	d := f.chatCalls("sendDocument", 5)[0].Files["document"]
	if !bytes.Equal(d.Data, csv) || d.Filename != "..events.csv" {
		t.Errorf("document %q, %q", d.Filename, d.Data)
	}
	if n := len(f.callsOf("sendPhoto", false)); n != 0 {
		t.Errorf("%d sendPhoto calls for a CSV", n)
	}
}

func TestPhoto_Failures_NoteInstead(t *testing.T) {
	data := testPNG(t)
	tests := []struct {
		name   string
		fault  fault
		n      int  // faults in a row
		note   bool // the note replaces the photo
		tries  int  // sendPhoto calls
		logged string
	}{
		{"refused", fault{status: 400, desc: "Bad Request: PHOTO_INVALID_DIMENSIONS"}, 1, true, 1, "PHOTO_INVALID_DIMENSIONS"},
		{"server errors until giving up", fault{status: 500, desc: "Internal Server Error"}, 3, true, 3, "giving up"},
		{"one server error, then sent", fault{status: 502, desc: "Bad Gateway"}, 1, false, 2, "will retry"},
		{"flood control, then sent", fault{status: 429, retryAfter: 1}, 1, false, 2, "flood control"},
		{"dropped connection, then sent", fault{drop: true}, 1, false, 2, "will retry"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAPI(t)
			f.fail("sendPhoto", tt.n, tt.fault)
			opts := fastOptions(f)
			opts.OutageHold = time.Nanosecond // give up after MaxAttempts
			hs := start(t, &fakeHandler{reply: chartReply(data)}, newMemStore(), opts, nil)
			const chatID = 77
			f.push(textMessage(privateChat(chatID), 1, "/timeline brennick"))
			if tt.note {
				msgs := f.waitSent(t, chatID, 2)
				if msgs[1] != "Sorry, the chart could not be uploaded." {
					t.Errorf("second message %q, want the note", msgs[1])
				}
			} else {
				f.waitFor(t, "the photo", func() bool { return len(f.chatCalls("sendPhoto", chatID)) == 1 })
				time.Sleep(30 * time.Millisecond)
				if msgs := f.sent(chatID); len(msgs) != 1 {
					t.Errorf("messages %q, want the reply only", msgs)
				}
			}
			if n := len(f.callsOf("sendPhoto", false)); n != tt.tries {
				t.Errorf("sendPhoto called %d times, want %d", n, tt.tries)
			}
			if logs := hs.logs.String(); !strings.Contains(logs, tt.logged) || !strings.Contains(logs, "sendPhoto") {
				t.Errorf("logs lack %q and sendPhoto:\n%s", tt.logged, logs)
			}
		})
	}
}

func TestPhoto_EmptyFile_NoteWithoutCall(t *testing.T) {
	f := newFakeAPI(t)
	hs := start(t, &fakeHandler{reply: chartReply(nil)}, newMemStore(), fastOptions(f), nil)
	f.push(textMessage(privateChat(9), 1, "/timeline brennick"))
	msgs := f.waitSent(t, 9, 2)
	if msgs[1] != "Sorry, the chart could not be uploaded." {
		t.Errorf("note %q", msgs[1])
	}
	if n := len(f.callsOf("sendPhoto", false)); n != 0 {
		t.Errorf("%d sendPhoto calls for an empty file", n)
	}
	if !strings.Contains(hs.logs.String(), "empty file") {
		t.Errorf("no log line for the empty file:\n%s", hs.logs.String())
	}
}

func callbackIn(id string, ch map[string]any, msgID int64, data string) map[string]any {
	u := callbackUpdate(id, 0, msgID, data)
	u["callback_query"].(map[string]any)["message"].(map[string]any)["chat"] = ch
	return u
}

func TestButton_RoundTrip(t *testing.T) {
	data := testPNG(t)
	tests := []struct {
		name    string
		chat    map[string]any
		chatID  int64
		replyTo bool // the answer replies to the button's message
	}{
		{"private chat", privateChat(4242), 4242, false},
		{"group", groupChat(-100555), -100555, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAPI(t)
			h := &fakeHandler{reply: chartReply(data)}
			start(t, h, newMemStore(), fastOptions(f), nil)
			f.push(textMessage(tt.chat, 1, "/timeline brennick"))
			f.waitFor(t, "the reply", func() bool { return len(f.chatCalls("sendMessage", tt.chatID)) == 1 })
			btnMsg := f.chatCalls("sendMessage", tt.chatID)[0]
			kb := keyboardOf(t, btnMsg)
			if len(kb) != 1 || len(kb[0]) != 2 {
				t.Fatalf("keyboard %v", kb)
			}
			// Press both buttons: the short command and the stored one.
			f.push(callbackIn("cb1", tt.chat, 501, kb[0][0][1]), callbackIn("cb2", tt.chat, 501, kb[0][1][1]))
			f.waitFor(t, "both answers", func() bool { return len(f.chatCalls("sendMessage", tt.chatID)) == 3 })
			id := strconv.FormatInt(tt.chatID, 10)
			want := []bot.Request{
				{Platform: "telegram", ChatID: id, UserID: "7001", Text: "/timeline brennick"},
				{Platform: "telegram", ChatID: id, UserID: "7001", Text: "/timeline brennick chart"},
				{Platform: "telegram", ChatID: id, UserID: "7001", Text: "/" + longCmd},
			}
			if diff := cmp.Diff(want, h.requests()); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			answers := f.callsOf("answerCallbackQuery", true)
			if len(answers) != 2 || answers[0].Params.Get("text") != "" || answers[1].Params.Get("text") != "" {
				t.Errorf("callback answers = %v", answers)
			}
			for _, c := range f.chatCalls("sendMessage", tt.chatID)[1:] {
				rp := c.Params.Get("reply_parameters")
				if tt.replyTo != strings.Contains(rp, `"message_id":501`) {
					t.Errorf("answer reply_parameters = %q", rp)
				}
			}
		})
	}
}

func TestButton_Expired(t *testing.T) {
	f := newFakeAPI(t)
	h := &fakeHandler{reply: chartReply(testPNG(t))}
	start(t, h, newMemStore(), fastOptions(f), nil)
	f.push(textMessage(privateChat(10), 1, "/timeline brennick"))
	f.waitFor(t, "the reply", func() bool { return len(f.chatCalls("sendMessage", 10)) == 1 })
	stored := keyboardOf(t, f.chatCalls("sendMessage", 10)[0])[0][1][1]

	f.push(
		callbackUpdate("x1", 10, 501, cmdKeyPrefix+"0123456789abcdef"), // unknown id
		callbackUpdate("x2", 11, 502, stored),                          // another chat's button
		callbackUpdate("x3", 10, 503, "cmd:   "),                       // empty command
		callbackUpdate("x4", 10, 504, "nonsense"),                      // not ours
	)
	f.waitFor(t, "four answers", func() bool { return len(f.callsOf("answerCallbackQuery", true)) == 4 })
	got := map[string]string{}
	for _, c := range f.callsOf("answerCallbackQuery", true) {
		got[c.Params.Get("callback_query_id")] = c.Params.Get("text")
	}
	want := map[string]string{"x1": buttonExpiredText, "x2": buttonExpiredText, "x3": buttonExpiredText, "x4": expiredText}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
	time.Sleep(20 * time.Millisecond)
	if n := len(h.requests()); n != 1 {
		t.Errorf("%d requests, want the first message only", n)
	}
}

func TestButton_WithMoreButton(t *testing.T) {
	f := newFakeAPI(t)
	reply := longTimeline(60)
	reply.Actions = []bot.Action{{Label: "Chart", Command: "timeline brenn chart"}}
	all := Render(reply)
	h := &fakeHandler{reply: func(req *bot.Request) *bot.Reply {
		if req.Text == "/timeline brenn" {
			return &reply
		}
		return &bot.Reply{Title: "ok: " + req.Text, Items: []bot.Item{}}
	}}
	opts := fastOptions(f)
	opts.PageSize, opts.MaxUnpaged = 2, 3
	start(t, h, newMemStore(), opts, nil)
	f.push(textMessage(privateChat(12), 1, "/timeline brenn"))
	f.waitSent(t, 12, 2)
	kb := keyboardOf(t, f.chatCalls("sendMessage", 12)[1])
	if len(kb) != 2 || kb[0][0][0] != "More ("+strconv.Itoa(len(all)-2)+" left)" || kb[1][0] != [2]string{"Chart", "cmd:timeline brenn chart"} {
		t.Fatalf("keyboard = %v, want More then Chart", kb)
	}
	f.push(callbackUpdate("m1", 12, 600, kb[0][0][1]))
	f.waitSent(t, 12, 4)
	f.push(callbackUpdate("c1", 12, 600, kb[1][0][1]))
	f.waitFor(t, "the chart command", func() bool { return len(h.requests()) == 2 })
	if r := h.requests()[1]; r.Text != "/timeline brenn chart" {
		t.Errorf("button ran %q", r.Text)
	}
}

func TestSend_PhotoAndButtons(t *testing.T) {
	data := testPNG(t)
	f := newFakeAPI(t)
	hs := start(t, &fakeHandler{}, newMemStore(), fastOptions(f), nil)
	r := chartReply(data)(&bot.Request{Text: "/timeline brennick"})
	if err := hs.a.Send(context.Background(), "-100777", r); err != nil {
		t.Fatal(err)
	}
	f.waitFor(t, "the photo", func() bool { return len(f.chatCalls("sendPhoto", -100777)) == 1 })
	if p := f.chatCalls("sendPhoto", -100777)[0]; !bytes.Equal(p.Files["photo"].Data, data) || p.Params.Get("caption") != chartAlt {
		t.Errorf("photo: %d bytes, caption %q", len(p.Files["photo"].Data), p.Params.Get("caption"))
	}
	if kb := keyboardOf(t, f.chatCalls("sendMessage", -100777)[0]); len(kb) != 1 || len(kb[0]) != 2 {
		t.Errorf("keyboard = %v", kb)
	}
}

func TestFileMsg(t *testing.T) {
	tests := []struct {
		name          string
		att           bot.Attachment
		file, caption string
		note          string
	}{
		{"chart", bot.Attachment{Name: "tl.png", MIME: "image/png", Alt: " Chart of\nevents "}, "tl.png", "Chart of events", "Sorry, the chart could not be uploaded."},
		{"no name", bot.Attachment{MIME: "image/png"}, "chart.png", "", "Sorry, the chart could not be uploaded."},
		{"no name, not a picture", bot.Attachment{MIME: "text/csv"}, "file", "", "Sorry, the file could not be uploaded."},
		{"path and controls removed", bot.Attachment{Name: "a/b\\c\x00\".png", MIME: "image/png"}, "abc.png", "", "Sorry, the chart could not be uploaded."},
		{"long caption cut to 1024", bot.Attachment{Name: "x.png", MIME: "image/png", Alt: strings.Repeat("😀", 600)}, "x.png", strings.Repeat("😀", 511) + "…", "Sorry, the chart could not be uploaded."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fileMsg(1, tt.att)
			if m.file.name != tt.file || m.file.caption != tt.caption || m.failNote != tt.note {
				t.Errorf("got name %q caption %q note %q", m.file.name, m.file.caption, m.failNote)
			}
			if units(m.file.caption) > maxCaption {
				t.Errorf("caption of %d units", units(m.file.caption))
			}
		})
	}
}

func TestCommands_LRU(t *testing.T) {
	c := newCommands(2)
	a := c.put(1, "timeline a")
	b := c.put(1, "timeline b")
	if got, ok := c.get(a, 1); !ok || got != "timeline a" { // a is now the most recent
		t.Fatalf("get a = %q %v", got, ok)
	}
	d := c.put(1, "timeline d") // evicts b, the least recently used
	if _, ok := c.get(b, 1); ok {
		t.Error("b survived eviction")
	}
	for id, want := range map[string]string{a: "timeline a", d: "timeline d"} {
		if got, ok := c.get(id, 1); !ok || got != want {
			t.Errorf("get %s = %q %v, want %q", id, got, ok, want)
		}
	}
	if _, ok := c.get(a, 2); ok {
		t.Error("a button worked in another chat")
	}
}

func FuzzActionRows(f *testing.F) {
	f.Add("Chart", "timeline brennick chart", uint8(3))
	f.Add("", "/who \xff\x00 é", uint8(1))
	f.Add(strings.Repeat("😀", 80), strings.Repeat("ж", 40), uint8(20))
	f.Fuzz(func(t *testing.T, label, cmd string, n uint8) {
		cmds := newCommands(8)
		var acts []bot.Action
		lines := map[string]bool{}
		for i := range int(n % 30) {
			acts = append(acts, bot.Action{Label: label, Command: cmd + strconv.Itoa(i%5)})
			lines[commandLine(cmd+strconv.Itoa(i%5))] = true
		}
		rows := actionRows(cmds, 1, acts)
		total := 0
		for _, row := range rows {
			if len(row) == 0 || len(row) > maxRowButtons {
				t.Fatalf("row of %d buttons", len(row))
			}
			for _, b := range row {
				total++
				d := *b.CallbackData
				if len(d) == 0 || len(d) > maxCallback || !utf8.ValidString(d) || !utf8.ValidString(b.Text) || b.Text == "" {
					t.Fatalf("button %q data %q", b.Text, d)
				}
				got, isCmd := (&Adapter{cmds: cmds}).buttonCommand(d, 1)
				if !isCmd || !lines[got] {
					t.Fatalf("data %q reads back as %q", d, got)
				}
			}
		}
		if total > maxActions {
			t.Fatalf("%d buttons", total)
		}
		if keyboard(rows) == "" && total > 0 {
			t.Fatal("no markup")
		}
	})
}

func TestActionRows_Layout(t *testing.T) {
	acts := func(labels ...string) []bot.Action {
		var out []bot.Action
		for i, l := range labels {
			out = append(out, bot.Action{Label: l, Command: "timeline x " + strconv.Itoa(i)})
		}
		return out
	}
	many := make([]string, 20)
	for i := range many {
		many[i] = "P" + strconv.Itoa(i)
	}
	tests := []struct {
		name string
		acts []bot.Action
		want []int // buttons per row
	}{
		{"none", nil, nil},
		{"short labels: three a row", acts("A", "B", "C", "D"), []int{3, 1}},
		{"long labels: fewer a row", acts("Chart of the week", "Chart of the month", "Sources"), []int{1, 2}},
		{"at most 12", acts(many...), []int{3, 3, 3, 3}},
		{"repeats and empty commands left out", []bot.Action{{Label: "A", Command: "help"}, {Label: "B", Command: "/help"}, {Label: "C", Command: " "}}, []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int
			for _, row := range actionRows(newCommands(4), 1, tt.acts) {
				got = append(got, len(row))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
		})
	}
	// A label with no text shows the command; a long one is cut.
	rows := actionRows(newCommands(4), 1, []bot.Action{{Command: "who brennick"}, {Label: strings.Repeat("ж", 50), Command: "help"}})
	if rows[0][0].Text != "/who brennick" || rows[1][0].Text != strings.Repeat("ж", 39)+"…" {
		t.Errorf("labels %q, %q", rows[0][0].Text, rows[1][0].Text)
	}
}

// realBot is a bot over a real database in a temporary directory.
func realBot(t testing.TB) *bot.Bot {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "tg.db"), storage.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	now := time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)
	return bot.New(slog.New(slog.DiscardHandler), db, bot.WithClock(func() time.Time { return now }))
}

// A fictional article, written for this test.
const tgArticle = `MERIDIAN CITY — Harbor Minister Talia Brennick met Governor Osric Valdane in Meridian City on Tuesday for three hours of talks on the Corran Bridge tolls, her office said.
"We will not let the tolls choke the harbor," Brennick told reporters after the meeting.
Valdane said the two sides would meet again in April. The talks were the first since the bridge reopened in January, according to the Harbor Ministry.`

// TestButton_RealBot_ChartRoundTrip runs the real bot: an ingested article,
// /timeline with its "Chart" button, a press, and the chart sent as a PNG
// photo.
func TestButton_RealBot_ChartRoundTrip(t *testing.T) {
	f := newFakeAPI(t)
	start(t, realBot(t), newMemStore(), fastOptions(f), nil)
	const chatID = 99
	f.push(textMessage(privateChat(chatID), 1, tgArticle))
	f.waitSent(t, chatID, 1)
	f.push(textMessage(privateChat(chatID), 2, "/timeline brennick"))
	f.waitSent(t, chatID, 2)
	kb := keyboardOf(t, f.chatCalls("sendMessage", chatID)[1])
	if len(kb) != 1 || len(kb[0]) != 1 || kb[0][0] != [2]string{"Chart", "cmd:timeline brennick chart"} {
		t.Fatalf("timeline keyboard = %v", kb)
	}
	f.push(callbackUpdate("press", chatID, 502, kb[0][0][1]))
	f.waitFor(t, "the chart", func() bool { return len(f.chatCalls("sendPhoto", chatID)) == 1 })
	p := f.chatCalls("sendPhoto", chatID)[0]
	if _, err := png.DecodeConfig(bytes.NewReader(p.Files["photo"].Data)); err != nil {
		t.Errorf("photo is no PNG: %v", err)
	}
	if c := p.Params.Get("caption"); c == "" || units(c) > maxCaption {
		t.Errorf("caption %q", c)
	}
}
