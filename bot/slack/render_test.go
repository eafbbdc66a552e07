package slack

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	slackapi "github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

type namedReply struct {
	Name  string    `json:"name"`
	Reply bot.Reply `json:"reply"`
}

// loadReplies reads the representative replies shared by the renderers'
// golden tests (fictional content), kept with the bot package's renderers.
func loadReplies(tb testing.TB) []namedReply {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "render", "replies.json"))
	if err != nil {
		tb.Fatalf("read fixtures: %v", err)
	}
	var rs []namedReply
	if err := json.Unmarshal(b, &rs); err != nil {
		tb.Fatalf("decode fixtures: %v", err)
	}
	return rs
}

func TestRender_Golden(t *testing.T) {
	for _, nr := range loadReplies(t) {
		t.Run(nr.Name, func(t *testing.T) {
			msgs := Render(nr.Reply)
			checkMessages(t, msgs)
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(msgs); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			path := filepath.Join("testdata", nr.Name+".json")
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
		})
	}
}

// sectionTexts returns the mrkdwn of every section, message by message.
func sectionTexts(msgs []Message) []string {
	var out []string
	for _, m := range msgs {
		for _, b := range m.Blocks {
			if s, ok := b.(*slackapi.SectionBlock); ok {
				out = append(out, s.Text.Text)
			}
		}
	}
	return out
}

// linkOrText matches, in escaped mrkdwn, a link <…|…>, a bare < or >, or a
// raw & that does not start one of the three entities.
var (
	linkRE    = regexp.MustCompile(`<(https?://[^<>|\s]+)\|([^<>]*)>`)
	badAmpRE  = regexp.MustCompile(`&(?:amp;|lt;|gt;)?`)
	citeRE    = regexp.MustCompile(`\[(\d+)\] [^<>]*?, (?:\d{4}(?:-\d\d){0,2}|undated)`)
	anyCiteRE = regexp.MustCompile(`\[(\d+)\] `)
)

// checkMessages checks Slack's limits and the mrkdwn syntax of every message.
func checkMessages(t *testing.T, msgs []Message) {
	t.Helper()
	if len(msgs) == 0 {
		t.Fatal("no messages")
	}
	for i, m := range msgs {
		if m.Text == "" {
			t.Errorf("message %d: empty fallback text", i)
		}
		if len(m.Blocks) > maxBlocks {
			t.Errorf("message %d: %d blocks", i, len(m.Blocks))
		}
		total := 0
		for j, b := range m.Blocks {
			switch b := b.(type) {
			case *slackapi.HeaderBlock:
				if i > 0 || j > 0 {
					t.Errorf("message %d block %d: header not first", i, j)
				}
				if n := units(b.Text.Text); n > maxHeaderText || n == 0 {
					t.Errorf("header of %d characters", n)
				}
				total += units(b.Text.Text)
			case *slackapi.SectionBlock:
				checkMrkdwn(t, fmt.Sprintf("message %d block %d", i, j), b.Text.Text)
				total += units(b.Text.Text)
			case *slackapi.ContextBlock:
				for _, e := range b.ContextElements.Elements {
					checkMrkdwn(t, fmt.Sprintf("message %d context %d", i, j), e.(*slackapi.TextBlockObject).Text)
					total += units(e.(*slackapi.TextBlockObject).Text)
				}
			case *slackapi.ActionBlock:
				if i != len(msgs)-1 || j != len(m.Blocks)-1 {
					t.Errorf("message %d block %d: actions not last", i, j)
				}
				els := b.Elements.ElementSet
				if len(els) == 0 || len(els) > maxButtons {
					t.Errorf("actions block with %d buttons", len(els))
				}
				ids := map[string]bool{}
				for _, e := range els {
					btn, ok := e.(*slackapi.ButtonBlockElement)
					if !ok {
						t.Errorf("actions element %T", e)
						continue
					}
					if n := units(btn.Text.Text); n == 0 || n > maxButtonText || btn.Text.Type != slackapi.PlainTextType {
						t.Errorf("button label %q (%d characters)", btn.Text.Text, n)
					}
					if n := units(btn.Value); n == 0 || n > maxButtonValue {
						t.Errorf("button value of %d characters", n)
					}
					if ids[btn.ActionID] || !strings.HasPrefix(btn.ActionID, ActionIDPrefix+":") || len(btn.ActionID) > 255 {
						t.Errorf("button action_id %q repeated or malformed", btn.ActionID)
					}
					ids[btn.ActionID] = true
					total += units(btn.Text.Text)
				}
			default:
				t.Errorf("message %d block %d: unexpected %T", i, j, b)
			}
		}
		if total > maxMessageText {
			t.Errorf("message %d: %d characters of text in all", i, total)
		}
		if i > 0 {
			if _, ok := m.Blocks[0].(*slackapi.ContextBlock); !ok {
				t.Errorf("continuation message %d does not start with a context block", i)
			}
		}
	}
}

func checkMrkdwn(t *testing.T, where, s string) {
	t.Helper()
	if n := units(s); n == 0 || n > maxSectionText {
		t.Errorf("%s: text of %d characters", where, n)
	}
	rest := linkRE.ReplaceAllString(s, "$2")
	if strings.ContainsAny(rest, "<>") {
		t.Errorf("%s: unescaped < or > or broken link in %q", where, s)
	}
	for _, m := range badAmpRE.FindAllString(rest, -1) {
		if m == "&" {
			t.Errorf("%s: unescaped & in %q", where, s)
			break
		}
	}
}

func TestRender_Escaping(t *testing.T) {
	r := bot.Reply{
		Title: `<script>alert("x")</script> & co`,
		Items: []bot.Item{{
			Date: "2025-01-02", Text: "a < b && c > d <https://evil.example|click>",
			Sources: []bot.Source{
				{Article: "1", Outlet: "A&B <News>", Published: "2025-01-02", URL: "https://a.example.org/x?p=1&q=<2>|3"},
				{Article: "2", Outlet: "Evil", URL: "javascript:alert(1)"},
			},
		}},
	}
	msgs := Render(r)
	checkMessages(t, msgs)
	sec := sectionTexts(msgs)
	want := "*2025-01-02*  a &lt; b &amp;&amp; c &gt; d &lt;https://evil.example|click&gt; " +
		"<https://a.example.org/x?p=1&amp;q=%3C2%3E%7C3|[1] A&amp;B &lt;News&gt;, 2025-01-02> [2] Evil, undated"
	if diff := cmp.Diff([]string{want}, sec); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
	if h := msgs[0].Blocks[0].(*slackapi.HeaderBlock).Text.Text; h != r.Title {
		t.Errorf("header = %q, want the plain title %q", h, r.Title)
	}
	if msgs[0].Text != "&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; co" {
		t.Errorf("fallback text = %q", msgs[0].Text)
	}
}

func TestRender_HeaderTruncated(t *testing.T) {
	msgs := Render(bot.Reply{Title: strings.Repeat("é", 200)})
	h := msgs[0].Blocks[0].(*slackapi.HeaderBlock).Text.Text
	if units(h) != maxHeaderText || !strings.HasSuffix(h, "…") {
		t.Errorf("header %q (%d units), want %d units ending in …", h, units(h), maxHeaderText)
	}
}

// bigReply is a reply of n items with long texts, several sources each and
// some conflict claims, as a long /timeline could produce.
func bigReply(n int) bot.Reply {
	r := bot.Reply{Command: "timeline", Title: "Timeline: Ilse Varga", Text: "Many events.", Footer: "big"}
	src := func(i int) bot.Source {
		s := bot.Source{
			Article:   strconv.Itoa(i),
			Outlet:    fmt.Sprintf("Outlet %d %s", i, strings.Repeat("Ω", i%90)),
			Published: fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%28),
		}
		if i%5 != 0 {
			s.URL = fmt.Sprintf("https://news%d.example.org/a?id=%d&x=%s", i, i, strings.Repeat("p", i%400))
		}
		return s
	}
	for i := 0; i < n; i++ {
		words := make([]string, 0, 700)
		for w := 0; w < 20+(i*37)%700; w++ {
			words = append(words, fmt.Sprintf("w%d&<%d>", i, w))
		}
		if i%17 == 0 {
			words = append(words, strings.Repeat("😀", 3100)) // one word longer than a section
		}
		it := bot.Item{Date: fmt.Sprintf("2025-%02d", 1+i%12), Text: strings.Join(words, " "), Note: "planned"}
		for k := 0; k < 1+i%7; k++ {
			it.Sources = append(it.Sources, src((i*13+k*7)%150))
		}
		if i%9 == 0 {
			it.Claims = []bot.Claim{
				{Value: strings.Repeat("value ", 300), Sources: []bot.Source{src(i % 150), src((i + 1) % 150)}},
				{Value: "other", Sources: []bot.Source{src((i + 2) % 150)}},
			}
		}
		r.Items = append(r.Items, it)
	}
	return r
}

// TestRender_200Items checks the limits on a reply far larger than one
// message, and that every citation of every item appears, in order.
func TestRender_200Items(t *testing.T) {
	r := bigReply(200)
	msgs := Render(r)
	checkMessages(t, msgs)
	if len(msgs) < 2 {
		t.Fatalf("expected several messages, got %d", len(msgs))
	}
	t.Logf("%d messages", len(msgs))

	idx := bot.IndexSources(r)
	var want []int
	for _, it := range r.Items {
		for _, s := range it.Sources {
			want = append(want, idx.Number(s))
		}
		for _, c := range it.Claims {
			for _, s := range c.Sources {
				want = append(want, idx.Number(s))
			}
		}
	}
	var got []int
	for _, s := range sectionTexts(msgs) {
		whole := citeRE.FindAllStringSubmatch(s, -1)
		if len(whole) != len(anyCiteRE.FindAllString(s, -1)) {
			t.Fatalf("a citation was cut in section %q", s)
		}
		for _, m := range whole {
			n, _ := strconv.Atoi(m[1])
			got = append(got, n)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("citations (-want +got):\n%s", diff)
	}
	// The footer comes once, last.
	last := msgs[len(msgs)-1].Blocks
	ctx, ok := last[len(last)-1].(*slackapi.ContextBlock)
	if !ok || !strings.Contains(ctx.ContextElements.Elements[0].(*slackapi.TextBlockObject).Text, "200 items") {
		t.Errorf("last block is %#v, want the footer context", last[len(last)-1])
	}
}

func TestCutEscaped(t *testing.T) {
	tests := []struct {
		s     string
		limit int
		want  []string
	}{
		{"abcdef", 4, []string{"abcd", "ef"}},
		{"ab&amp;cd", 4, []string{"ab", "&amp;", "cd"}},
		{"😀😀😀", 4, []string{"😀😀", "😀"}},
		{"😀😀😀", 3, []string{"😀", "😀", "😀"}},
		{"", 3, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.s, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, cutEscaped(tt.s, tt.limit)); diff != "" {
				t.Errorf("cutEscaped(%q, %d) (-want +got):\n%s", tt.s, tt.limit, diff)
			}
		})
	}
}

// FuzzRender renders replies built from random strings and checks Slack's
// limits and the mrkdwn escaping of every message (checkMessages), and that
// every citation is kept.
func FuzzRender(f *testing.F) {
	f.Add("Title <x>", "text & more", "2025-08-06", "word 😀 <b>", "Outlet & <Co>", "https://a.example/?x=1&y=|2", "note", uint16(3), uint16(1))
	f.Add("", "", "", "", "", "", "", uint16(0), uint16(0))
	f.Add("\xff\xfe", "a\x00b\nc", "2025\x1b[31m", strings.Repeat("&lt;", 1000), "\xc3", "javascript:alert(1)", "\u202e", uint16(200), uint16(5000))
	f.Add(strings.Repeat("T&", 300), strings.Repeat("🙂", 400), "2025", strings.Repeat("x ", 1000), strings.Repeat("<", 200), "http://"+strings.Repeat("a", 900), strings.Repeat("&", 250), uint16(29), uint16(60007))
	f.Fuzz(func(t *testing.T, title, text, date, itemText, outlet, url, note string, nItems, rep uint16) {
		if len(title)+len(text)+len(date)+len(itemText)+len(outlet)+len(url)+len(note) > 6000 {
			t.Skip("input too large to minimize quickly; TestRender_200Items covers size")
		}
		outlet = strings.NewReplacer("[", "(", "]", ")").Replace(outlet)
		long := strings.Repeat(itemText+" ", int(rep%4))
		r := bot.Reply{Title: title, Text: text, Footer: note}
		want := 0
		for i := 0; i < int(nItems%30); i++ {
			it := bot.Item{Date: date, Label: note, Text: long + strconv.Itoa(i), Note: note}
			for k := 0; k <= i%4; k++ {
				it.Sources = append(it.Sources, bot.Source{Article: strconv.Itoa((i + k) % 7), Outlet: outlet, URL: url, Published: date})
			}
			want += i%4 + 1
			if i%3 == 0 {
				it.Claims = []bot.Claim{{Value: itemText, Sources: it.Sources[:1]}}
				want++
			}
			r.Items = append(r.Items, it)
		}
		for i := 0; i < int(rep%31); i++ {
			r.Actions = append(r.Actions, bot.Action{Label: note + title, Command: itemText + strconv.Itoa(i)})
		}
		msgs := Render(r)
		checkMessages(t, msgs)
		if linkURL(url) == "" {
			return
		}
		got := 0
		for _, s := range sectionTexts(msgs) {
			got += len(linkRE.FindAllString(s, -1))
		}
		if got != want {
			t.Errorf("%d citation links, want %d", got, want)
		}
	})
}

func TestRender_Actions(t *testing.T) {
	long := strings.Repeat("x", 1995)
	tests := []struct {
		name    string
		actions []bot.Action
		want    [][2]string // label, value of each button
	}{
		{"none", nil, nil},
		{"one", []bot.Action{{Label: "Chart", Command: "timeline brennick chart"}}, [][2]string{{"Chart", "timeline brennick chart"}}},
		{"slash, spaces and control characters collapsed", []bot.Action{{Label: " Who\nis it ", Command: " /who \t Brennick\x00 "}}, [][2]string{{"Who is it", "who Brennick"}}},
		{"lone slash dropped", []bot.Action{{Label: "X", Command: "/ who x"}}, [][2]string{{"X", "who x"}}},
		{"no label: the command", []bot.Action{{Command: "sources brennick"}}, [][2]string{{"sources brennick", "sources brennick"}}},
		{"long label cut to 75", []bot.Action{{Label: strings.Repeat("é", 100), Command: "help"}}, [][2]string{{strings.Repeat("é", 74) + "…", "help"}}},
		{"empty, too long and repeated commands left out", []bot.Action{
			{Label: "Empty", Command: "  "}, {Label: "Long", Command: "timeline " + long}, {Label: "A", Command: "help"}, {Label: "B", Command: "/help"},
			{Label: "Just fits", Command: long[:1995] + " abcd"},
		}, [][2]string{{"A", "help"}, {"Just fits", long[:1995] + " abcd"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := Render(bot.Reply{Title: "Timeline", Actions: tt.actions})
			checkMessages(t, msgs)
			var got [][2]string
			for _, m := range msgs {
				for _, b := range m.Blocks {
					if ab, ok := b.(*slackapi.ActionBlock); ok {
						for _, e := range ab.Elements.ElementSet {
							btn := e.(*slackapi.ButtonBlockElement)
							got = append(got, [2]string{btn.Text.Text, btn.Value})
						}
					}
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("buttons (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRender_Actions_Limits(t *testing.T) {
	t.Run("at most 25 buttons", func(t *testing.T) {
		var acts []bot.Action
		for i := range 40 {
			acts = append(acts, bot.Action{Label: "Page " + strconv.Itoa(i), Command: "timeline x page " + strconv.Itoa(i)})
		}
		msgs := Render(bot.Reply{Title: "T", Actions: acts})
		checkMessages(t, msgs)
		ab := msgs[len(msgs)-1].Blocks[len(msgs[len(msgs)-1].Blocks)-1].(*slackapi.ActionBlock)
		if n := len(ab.Elements.ElementSet); n != maxButtons {
			t.Errorf("%d buttons, want %d", n, maxButtons)
		}
	})
	t.Run("the actions block counts toward 50 blocks", func(t *testing.T) {
		// header + 48 items + footer = 50 blocks: the buttons go into a
		// second message.
		r := bot.Reply{Title: "T", Actions: []bot.Action{{Label: "More", Command: "timeline x more"}}}
		for i := range 48 {
			r.Items = append(r.Items, bot.Item{Date: "2026-01-02", Text: "Event " + strconv.Itoa(i), Sources: []bot.Source{{Article: "1", Outlet: "Ledger"}}})
		}
		msgs := Render(r)
		checkMessages(t, msgs)
		if len(msgs) != 2 || len(msgs[0].Blocks) != 50 {
			t.Fatalf("%d messages, first of %d blocks; want 2, 50", len(msgs), len(msgs[0].Blocks))
		}
		if _, ok := msgs[1].Blocks[1].(*slackapi.ActionBlock); !ok || len(msgs[1].Blocks) != 2 {
			t.Errorf("second message blocks = %#v", msgs[1].Blocks)
		}
	})
}
