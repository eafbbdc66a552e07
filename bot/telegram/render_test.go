package telegram

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

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
			for i, m := range msgs {
				if err := checkHTML(m); err != nil {
					t.Errorf("message %d: %v", i, err)
				}
			}
			got := []byte(strings.Join(msgs, "\n\n---- next message ----\n\n") + "\n")
			path := filepath.Join("testdata", nr.Name+".html")
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

var allowedTags = map[string]bool{"b": true, "i": true, "a": true, "code": true, "pre": true}

var hrefRE = regexp.MustCompile(`^a href="(https?://[^"<>]*)"$`)

// checkHTML checks a message the way Telegram's HTML parser would reject
// it: its length in UTF-16 units, valid UTF-8, only the allowed tags,
// balanced and properly nested, attributes quoted and escaped, no bare < or
// >, and & only in the entities &amp; &lt; &gt; &quot;.
func checkHTML(s string) error {
	if n := units(s); n > MaxMessage {
		return fmt.Errorf("%d UTF-16 units", n)
	}
	if strings.TrimSpace(s) == "" {
		return fmt.Errorf("empty message")
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("invalid UTF-8")
	}
	var stack []string
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			j := strings.IndexByte(s[i:], '>')
			if j < 0 {
				return fmt.Errorf("unterminated tag at %d", i)
			}
			tag := s[i+1 : i+j]
			i += j
			if name, ok := strings.CutPrefix(tag, "/"); ok {
				if len(stack) == 0 || stack[len(stack)-1] != name {
					return fmt.Errorf("closing </%s> does not match %v", name, stack)
				}
				stack = stack[:len(stack)-1]
				continue
			}
			name := tag
			if strings.HasPrefix(tag, "a ") {
				if !hrefRE.MatchString(tag) {
					return fmt.Errorf("bad link tag <%s>", tag)
				}
				if err := checkEntities(hrefRE.FindStringSubmatch(tag)[1]); err != nil {
					return fmt.Errorf("in href: %v", err)
				}
				name = "a"
			}
			if !allowedTags[name] {
				return fmt.Errorf("tag <%s> not allowed", tag)
			}
			if slices.Contains(stack, name) {
				return fmt.Errorf("<%s> nested in itself", name)
			}
			stack = append(stack, name)
		case '>':
			return fmt.Errorf("bare > at %d", i)
		case '&':
			n := entityAt(s[i:])
			if n == 0 {
				return fmt.Errorf("bad entity at %q", s[i:min(len(s), i+8)])
			}
			i += n - 1
		}
	}
	if len(stack) > 0 {
		return fmt.Errorf("unclosed tags %v", stack)
	}
	return nil
}

// checkEntities checks that every & in s starts &amp; &lt; &gt; or &quot;.
func checkEntities(s string) error {
	for i := 0; i < len(s); i++ {
		if s[i] != '&' {
			continue
		}
		n := entityAt(s[i:])
		if n == 0 {
			return fmt.Errorf("bad entity at %q", s[i:min(len(s), i+8)])
		}
		i += n - 1
	}
	return nil
}

// entityAt returns the length of the entity s starts with, 0 if none.
func entityAt(s string) int {
	for _, e := range []string{"&amp;", "&lt;", "&gt;", "&quot;"} {
		if strings.HasPrefix(s, e) {
			return len(e)
		}
	}
	return 0
}

func TestCheckHTML(t *testing.T) {
	bad := []string{
		"<b>x", "<b>x</i>", "<u>x</u>", "a > b", "a & b", "<a href='x'>y</a>",
		`<a href="javascript:x">y</a>`, "<b><b>x</b></b>", strings.Repeat("😀", 2049),
	}
	for _, s := range bad {
		if checkHTML(s) == nil {
			t.Errorf("checkHTML(%.40q) = nil, want an error", s)
		}
	}
	good := `<b>a &amp; b</b> <a href="https://x.example/?a=1&amp;b=&quot;">[1]</a> &lt;i&gt;`
	if err := checkHTML(good); err != nil {
		t.Errorf("checkHTML(%q) = %v", good, err)
	}
}

func TestRender_Escaping(t *testing.T) {
	r := bot.Reply{
		Title: `<script>alert("x")</script> & co`,
		Items: []bot.Item{{
			Date: "2025-01-02", Label: "quote", Text: `a < b && c > "d" <b>x</b>`, Note: "planned",
			Sources: []bot.Source{
				{Article: "1", Outlet: "A&B <News>", Published: "2025-01-02", URL: `https://a.example.org/x?p=1&q="2"`},
				{Article: "2", Outlet: "Evil", URL: "javascript:alert(1)"},
			},
		}},
	}
	got := Render(r)
	want := []string{`<b>&lt;script&gt;alert("x")&lt;/script&gt; &amp; co</b>` + "\n\n" +
		`<b>2025-01-02</b> <i>quote</i> a &lt; b &amp;&amp; c &gt; "d" &lt;b&gt;x&lt;/b&gt; ` +
		`<a href="https://a.example.org/x?p=1&amp;q=&quot;2&quot;">[1]</a>[2] <i>(planned)</i>` + "\n\n" +
		`[1] <a href="https://a.example.org/x?p=1&amp;q=&quot;2&quot;">A&amp;B &lt;News&gt;</a>, 2025-01-02` + "\n" +
		`[2] Evil, undated`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Render (-want +got):\n%s", diff)
	}
}

func TestRender_Empty(t *testing.T) {
	got := Render(bot.Reply{})
	if len(got) != 1 || checkHTML(got[0]) != nil {
		t.Errorf("Render(empty) = %q", got)
	}
	got = Render(bot.Reply{Title: "Only a title"})
	if diff := cmp.Diff([]string{"<b>Only a title</b>"}, got); diff != "" {
		t.Errorf("Render(title only) (-want +got):\n%s", diff)
	}
}

// bigReply is a reply of n items with long texts, several sources each and
// some conflict claims, as a long /timeline could produce.
func bigReply(n int) bot.Reply {
	r := bot.Reply{Command: "timeline", Title: "Timeline: Ilse Varga & co", Text: "Many events.", Footer: "big"}
	src := func(i int) bot.Source {
		s := bot.Source{
			Article:   strconv.Itoa(i),
			Outlet:    fmt.Sprintf("Outlet %d %s", i, strings.Repeat("Ω&", i%90)),
			Published: fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%28),
		}
		if i%5 != 0 {
			s.URL = fmt.Sprintf("https://news%d.example.org/a?id=%d&x=%s", i, i, strings.Repeat("p", i%400))
		}
		return s
	}
	for i := 0; i < n; i++ {
		words := make([]string, 0, 500)
		for w := 0; w < 20+(i*37)%500; w++ {
			words = append(words, fmt.Sprintf("w%d&<%d>", i, w))
		}
		if i%17 == 0 {
			words = append(words, strings.Repeat("😀", 5000)) // one word longer than a message
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

var (
	citeRE    = regexp.MustCompile(`(?:<a href="[^"]*">)?\[(\d+)\](?:</a>)?`)
	srcLineRE = regexp.MustCompile(`(?m)^\[(\d+)\] `)
)

// TestRender_200Items checks the limits on a reply far larger than one
// message, that every citation appears in order, and that each message lists
// exactly the sources it cites.
func TestRender_200Items(t *testing.T) {
	r := bigReply(200)
	msgs := Render(r)
	if len(msgs) < 10 {
		t.Fatalf("expected many messages, got %d", len(msgs))
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
	for i, m := range msgs {
		if err := checkHTML(m); err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		if i > 0 && !strings.HasPrefix(m, "<b>Timeline: Ilse Varga &amp; co</b> <i>(continued)</i>") {
			t.Errorf("message %d does not start with the continued header: %.80q", i, m)
		}
		body, list := m, ""
		if k := strings.LastIndex(m, "\n\n["); k >= 0 {
			body, list = m[:k], m[k:]
		}
		cited := map[int]bool{}
		for _, c := range citeRE.FindAllStringSubmatch(body, -1) {
			n, _ := strconv.Atoi(c[1])
			got = append(got, n)
			cited[n] = true
		}
		var listed []int
		for _, c := range srcLineRE.FindAllStringSubmatch(list, -1) {
			n, _ := strconv.Atoi(c[1])
			listed = append(listed, n)
		}
		var wantListed []int
		for n := range cited {
			wantListed = append(wantListed, n)
		}
		slices.Sort(wantListed)
		if diff := cmp.Diff(wantListed, listed); diff != "" {
			t.Errorf("message %d: source list (-cited +listed):\n%s", i, diff)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("citations (-want +got):\n%s", diff)
	}
	if !strings.Contains(msgs[len(msgs)-1], "<i>big</i>") {
		t.Errorf("footer missing from the last message")
	}
}

func TestCutEscaped(t *testing.T) {
	tests := []struct {
		s     string
		limit int
		want  []string
	}{
		{"abcdef", 4, []string{"abcd", "ef"}},
		{"ab&quot;cd", 4, []string{"ab", "&quot;", "cd"}},
		{"😀😀😀", 4, []string{"😀😀", "😀"}},
		{"😀😀😀", 3, []string{"😀", "😀", "😀"}},
	}
	for _, tt := range tests {
		t.Run(tt.s, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, cutEscaped(tt.s, tt.limit)); diff != "" {
				t.Errorf("cutEscaped(%q, %d) (-want +got):\n%s", tt.s, tt.limit, diff)
			}
		})
	}
}

// FuzzRender renders replies built from random strings and checks every
// message: length, tags, escaping (checkHTML), and that every citation is
// kept.
func FuzzRender(f *testing.F) {
	f.Add("Title <x>", "text & more", "2025-08-06", "word 😀 <b>", "Outlet & <Co>", "https://a.example/?x=1&y=\"2\"", "note", uint16(3), uint16(1))
	f.Add("", "", "", "", "", "", "", uint16(0), uint16(0))
	f.Add("\xff\xfe", "a\x00b\nc", "2025\x1b[31m", strings.Repeat("&lt;", 1000), "\xc3", "javascript:alert(1)", "\u202e", uint16(200), uint16(5000))
	f.Add(strings.Repeat("T&", 300), strings.Repeat("🙂", 400), "2025", strings.Repeat("x ", 1000), strings.Repeat("<", 200), "http://"+strings.Repeat("a", 1100), strings.Repeat("&", 250), uint16(29), uint16(60007))
	f.Fuzz(func(t *testing.T, title, text, date, itemText, outlet, url, note string, nItems, rep uint16) {
		long := strings.Repeat(itemText+" ", int(rep%4))
		if len(title)+len(text)+len(date)+len(itemText)+len(outlet)+len(url)+len(note) > 6000 {
			t.Skip("input too large to minimize quickly; TestRender_200Items covers size")
		}
		outlet = strings.NewReplacer("[", "(", "]", ")").Replace(outlet) // so that "]</a>" only ends citations
		r := bot.Reply{Title: title, Text: text, Footer: note}
		wantLinks := 0
		for i := 0; i < int(nItems%30); i++ {
			it := bot.Item{Date: date, Label: note, Text: long + strconv.Itoa(i), Note: note}
			for k := 0; k <= i%4; k++ {
				it.Sources = append(it.Sources, bot.Source{Article: strconv.Itoa((i + k) % 7), Outlet: outlet, URL: url, Published: date})
			}
			if i%3 == 0 {
				it.Claims = []bot.Claim{{Value: itemText, Sources: it.Sources[:1]}, {Value: text, Sources: []bot.Source{{Article: "x" + strconv.Itoa(i), Outlet: outlet}}}}
				wantLinks++
			}
			wantLinks += min(i%4+1, 7)
			r.Items = append(r.Items, it)
		}
		msgs := Render(r)
		if len(msgs) == 0 {
			t.Fatal("no messages")
		}
		links := 0
		for i, m := range msgs {
			if err := checkHTML(m); err != nil {
				t.Fatalf("message %d: %v\n%.300q", i, err, m)
			}
			links += strings.Count(m, "]</a>")
		}
		if href(url) == "" {
			wantLinks = 0
		}
		if links != wantLinks {
			t.Errorf("%d citation links in the output, want %d", links, wantLinks)
		}
	})
}
