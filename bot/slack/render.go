package slack

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	slackapi "github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
)

// Slack's limits, counted here in UTF-16 code units (an upper bound on the
// characters Slack counts).
const (
	maxBlocks      = 50   // blocks in one message
	maxSectionText = 3000 // characters in a section's or context's text
	maxHeaderText  = 150  // characters in a header's plain_text
	// maxMessageText bounds the text of all blocks of a message together:
	// Slack rejects larger ones with msg_blocks_too_long, at an undocumented
	// total reported between 11,000 and 13,300 characters
	// (slackapi/bolt-js#2509, #2867).
	maxMessageText = 10000
	maxFallback    = 300  // characters of a message's fallback text
	maxOutlet      = 80   // runes of an outlet name inside a citation label
	maxLabel       = 60   // runes of an item label
	maxNote        = 200  // runes of an item note
	maxURL         = 1000 // bytes of a URL that is linked; longer ones are not
	maxButtons     = 25   // buttons in one actions block
	maxButtonText  = 75   // characters of a button's label
	maxButtonValue = 2000 // characters of a button's value
)

// ActionIDPrefix starts the action_id of every button Render makes for a
// reply's Actions ("briefbot_cmd:0", "briefbot_cmd:1"…); the button's value
// is the command line it runs. The adapter runs clicks on such buttons.
const ActionIDPrefix = "briefbot_cmd"

// actionsBlockID is the block_id of the actions block.
const actionsBlockID = "briefbot_actions"

// Message is one Slack message: the plain-text fallback Slack shows in
// notifications (always set, mrkdwn-escaped) and the blocks.
type Message struct {
	Text   string           `json:"text"`
	Blocks []slackapi.Block `json:"blocks"`
}

// Render renders r as one or more Block Kit messages: a header with the
// title, a section with the text, one section per item ("*2025-08-06*  text"
// then citations as links "<url|[1] Outlet, 2025-08-06>", or plain
// "[1] Outlet, 2025-08-06" when the source has no usable http(s) URL; conflict
// claims as bullet lines), and a context block with the counts and footer.
//
// Sources are numbered as bot.IndexSources does. Dynamic text is escaped for
// mrkdwn (&, <, >). No message has more than 50 blocks and no section text
// more than 3000 characters: an item too long for one section is split on
// line boundaries, then on word boundaries, and a citation link is never cut
// or dropped. Messages after the first start with a "(continued)" context
// block instead of the header. The text of a message's blocks together is
// at most maxMessageText characters, below Slack's undocumented total limit.
// Render never returns an empty slice.
func Render(r bot.Reply) []Message {
	idx := bot.IndexSources(r)
	title := strings.Join(words(r.Title), " ")

	var body []string // section texts
	if strings.TrimSpace(r.Text) != "" {
		var lines [][]tok
		for _, l := range strings.Split(r.Text, "\n") {
			if ws := textToks(l, ""); len(ws) > 0 {
				lines = append(lines, ws)
			}
		}
		body = append(body, pack(lines, maxSectionText)...)
	}
	for _, it := range r.Items {
		body = append(body, pack(itemLines(idx, it), maxSectionText)...)
	}

	fallback := truncateEscaped(escape(title), maxFallback)
	if fallback == "" {
		fallback = "Reply"
		if r.Error {
			fallback = "Error"
		}
	}

	var msgs []Message
	var cur []slackapi.Block
	curText := 0
	if title != "" {
		h := truncate(title, maxHeaderText)
		cur = append(cur, slackapi.NewHeaderBlock(slackapi.NewTextBlockObject(slackapi.PlainTextType, h, true, false)))
		curText = units(h)
	}
	cont := truncateEscaped(escape(truncate(title, maxHeaderText))+" _(continued)_", maxSectionText)
	flush := func() {
		text := fallback
		if len(msgs) > 0 {
			text += " (continued)"
		}
		msgs = append(msgs, Message{Text: text, Blocks: cur})
		cur = []slackapi.Block{contextBlock(cont)}
		curText = units(cont)
	}
	add := func(b slackapi.Block, n int) {
		if len(cur) == maxBlocks || curText+n > maxMessageText {
			flush()
		}
		cur = append(cur, b)
		curText += n
	}
	for _, text := range body {
		add(slackapi.NewSectionBlock(slackapi.NewTextBlockObject(slackapi.MarkdownType, text, false, false), nil, nil), units(text))
	}
	if f := footer(r, idx); f != "" {
		add(contextBlock(f), units(f))
	}
	if ab, n := actionsBlock(r.Actions); ab != nil {
		add(ab, n)
	}
	flush()
	return msgs
}

// actionsBlock returns an actions block with one button per usable action,
// and the characters of its labels; nil when there is none. A button's label
// is the action's (else its command) on one line, cut to 75 characters
// (Block Kit's limit); its value is the command line with spaces collapsed
// and a leading "/" removed; its action_id is ActionIDPrefix+":"+index.
// Actions with an empty command or one longer than 2000 characters (the
// limit of a value), and repeats of a command, are left out; at most 25
// buttons are kept (the limit of one block).
func actionsBlock(acts []bot.Action) (*slackapi.ActionBlock, int) {
	var els []slackapi.BlockElement
	n := 0
	seen := map[string]bool{}
	for _, act := range acts {
		cmd := commandLine(act.Command)
		if cmd == "" || units(cmd) > maxButtonValue || seen[cmd] {
			continue
		}
		seen[cmd] = true
		label := strings.Join(words(act.Label), " ")
		if label == "" {
			label = cmd
		}
		label = truncate(label, maxButtonText)
		id := ActionIDPrefix + ":" + strconv.Itoa(len(els))
		els = append(els, slackapi.NewButtonBlockElement(id, cmd, slackapi.NewTextBlockObject(slackapi.PlainTextType, label, true, false)))
		n += units(label)
		if len(els) == maxButtons {
			break
		}
	}
	if len(els) == 0 {
		return nil, 0
	}
	return slackapi.NewActionBlock(actionsBlockID, els...), n
}

// commandLine normalizes a button's command line: one line, single spaces,
// no leading "/" ("/timeline  witkoff" → "timeline witkoff"); it is
// idempotent.
func commandLine(s string) string {
	ws := words(s)
	if len(ws) > 0 {
		if ws[0] = strings.TrimLeft(ws[0], "/"); ws[0] == "" {
			ws = ws[1:]
		}
	}
	return strings.Join(ws, " ")
}

func contextBlock(mrkdwn string) *slackapi.ContextBlock {
	return slackapi.NewContextBlock("", slackapi.NewTextBlockObject(slackapi.MarkdownType, strings.TrimSpace(mrkdwn), false, false))
}

// footer returns the escaped context text: the counts (not for error
// replies or replies without items) and the reply's footer.
func footer(r bot.Reply, idx *bot.SourceIndex) string {
	var parts []string
	if len(r.Items) > 0 && !r.Error {
		parts = append(parts, plural(len(r.Items), "item")+" · "+plural(idx.Len(), "source"))
	}
	if f := strings.Join(words(r.Footer), " "); f != "" {
		parts = append(parts, escape(f))
	}
	return truncateEscaped(strings.Join(parts, " · "), maxSectionText)
}

func plural(n int, what string) string {
	s := strconv.Itoa(n) + " " + what
	if n != 1 {
		s += "s"
	}
	return s
}

// tok is an unbreakable piece of mrkdwn: a word, a bold date, a citation
// link. sep goes before it unless it starts a section.
type tok struct {
	sep, text string
	word      bool // may be cut into pieces when longer than a section
}

func itemLines(idx *bot.SourceIndex, it bot.Item) [][]tok {
	date := strings.Join(words(it.Date), " ")
	if date == "" {
		date = "undated"
	}
	first := []tok{{text: "*" + escape(date) + "*"}}
	if l := strings.Join(words(it.Label), " "); l != "" {
		first = append(first, tok{sep: "  ", text: "_" + escape(truncate(l, maxLabel)) + "_"})
	}
	text := textToks(it.Text, "  ")
	first = append(first, text...)
	first = append(first, cites(idx, it.Sources)...)
	if n := strings.Join(words(it.Note), " "); n != "" {
		first = append(first, tok{sep: "  ", text: "_(" + escape(truncate(n, maxNote)) + ")_"})
	}
	lines := [][]tok{first}
	for _, c := range it.Claims {
		line := []tok{{text: "•"}}
		line = append(line, textToks(`"`+c.Display()+`"`, " ")...)
		line = append(line, cites(idx, c.Sources)...)
		lines = append(lines, line)
	}
	return lines
}

// textToks splits s into escaped word tokens, the first with separator sep0.
func textToks(s, sep0 string) []tok {
	ws := words(s)
	ts := make([]tok, 0, len(ws))
	for i, w := range ws {
		sep := " "
		if i == 0 {
			sep = sep0
		}
		ts = append(ts, tok{sep: sep, text: escape(w), word: true})
	}
	return ts
}

func cites(idx *bot.SourceIndex, ss []bot.Source) []tok {
	var ts []tok
	seen := make(map[int]bool)
	for _, s := range ss {
		n := idx.Number(s)
		if n == 0 || seen[n] {
			continue
		}
		seen[n] = true
		outlet := strings.Join(words(s.Outlet), " ")
		if outlet == "" {
			outlet = "unknown outlet"
		}
		date := strings.Join(words(s.Published), " ")
		if date == "" {
			date = "undated"
		}
		label := "[" + strconv.Itoa(n) + "] " + escape(truncate(outlet, maxOutlet)) + ", " + escape(truncate(date, 20))
		if u := linkURL(s.URL); u != "" {
			label = "<" + u + "|" + label + ">"
		}
		ts = append(ts, tok{sep: " ", text: label})
	}
	return ts
}

// linkURL returns u escaped for a mrkdwn link, or "" when u is not an
// absolute http(s) URL or is too long to link.
func linkURL(u string) string {
	u = strings.TrimSpace(u)
	if len(u) > maxURL || strings.ContainsFunc(u, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	u = p.Scheme + u[len(p.Scheme):] // lower-case scheme
	return urlEscaper.Replace(strings.ToValidUTF8(u, ""))
}

var urlEscaper = strings.NewReplacer("&", "&amp;", "<", "%3C", ">", "%3E", "|", "%7C")

var mrkdwnEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escape escapes s for Slack mrkdwn.
func escape(s string) string { return mrkdwnEscaper.Replace(s) }

// words splits s into words after replacing invalid UTF-8 and control
// characters.
func words(s string) []string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) })
}

// pack joins lines with newlines and their tokens with their separators into
// chunks of at most limit UTF-16 units: whole lines while they fit, else
// token by token, cutting only a word token longer than limit (outside
// character entities). Non-word tokens must be at most limit long.
func pack(lines [][]tok, limit int) []string {
	var out []string
	var cur strings.Builder
	curLen := 0
	flush := func() {
		if curLen > 0 {
			out = append(out, cur.String())
		}
		cur.Reset()
		curLen = 0
	}
	add := func(sep, s string, n int) {
		if curLen == 0 {
			sep = ""
		}
		cur.WriteString(sep)
		cur.WriteString(s)
		curLen += units(sep) + n
	}
	for _, line := range lines {
		if len(line) == 0 {
			continue
		}
		whole := joinToks(line)
		n := units(whole)
		if curLen > 0 && curLen+1+n <= limit {
			add("\n", whole, n)
			continue
		}
		if n <= limit {
			flush()
			add("", whole, n)
			continue
		}
		for i, t := range line {
			sep := t.sep
			if i == 0 {
				sep = "\n"
			}
			if curLen == 0 {
				sep = ""
			}
			tn := units(t.text)
			if curLen+units(sep)+tn <= limit {
				add(sep, t.text, tn)
				continue
			}
			flush()
			if tn <= limit || !t.word {
				add("", t.text, tn)
				continue
			}
			pieces := cutEscaped(t.text, limit)
			out = append(out, pieces[:len(pieces)-1]...)
			last := pieces[len(pieces)-1]
			add("", last, units(last))
		}
	}
	flush()
	return out
}

func joinToks(ts []tok) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteString(t.sep)
		}
		b.WriteString(t.text)
	}
	return b.String()
}

// cutEscaped cuts s into pieces of at most limit UTF-16 units, never inside
// a character entity such as &amp;.
func cutEscaped(s string, limit int) []string {
	var out []string
	start, n := 0, 0
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		j := i + size
		if s[i] == '&' {
			if k := strings.IndexByte(s[i:], ';'); k > 0 && k < 8 {
				j = i + k + 1
			}
		}
		w := units(s[i:j])
		if n+w > limit && n > 0 {
			out = append(out, s[start:i])
			start, n = i, 0
		}
		n += w
		i = j
	}
	return append(out, s[start:])
}

// units counts s in UTF-16 code units.
func units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// truncate shortens s to at most max UTF-16 units, ending with "…" when cut.
func truncate(s string, max int) string {
	if units(s) <= max {
		return s
	}
	n := 0
	for i, r := range s {
		if n+utf16.RuneLen(r)+1 > max {
			return s[:i] + "…"
		}
		n += utf16.RuneLen(r)
	}
	return s
}

// truncateEscaped is truncate for escaped text: it does not cut an entity.
func truncateEscaped(s string, max int) string {
	if units(s) <= max {
		return s
	}
	return cutEscaped(s, max-1)[0] + "…"
}
