package telegram

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/briefbot/briefbot/bot"
)

// MaxMessage is the most UTF-16 code units a Telegram message may hold.
// Render counts the HTML as sent, tags included, which is more than
// Telegram counts after parsing.
const MaxMessage = 4096

// Bounds, in UTF-16 units after escaping, of the pieces Render never splits;
// they make any one of them fit in a message together with the header and a
// source line.
const (
	maxTitle  = 600
	maxDate   = 60
	maxLabel  = 200
	maxNote   = 600
	maxOutlet = 300
	maxFooter = 1000
	maxHref   = 1000
)

// Render renders r as Telegram HTML messages (parse_mode "HTML"):
//
//	<b>title</b>
//
//	text
//
//	<b>2025-08-06</b> <i>label</i> text <a href="url">[1]</a>[2] <i>(note)</i>
//	• "claim value" <a href="url">[3]</a>
//
//	<i>footer</i>
//
//	[1] <a href="url">Outlet</a>, 2025-08-06
//	[2] Outlet without URL, undated
//
// Sources are numbered as bot.IndexSources does; each message ends with the
// list of the sources cited in that message. Only the tags b, i and a are
// produced, and every dynamic string is escaped (&, <, >, and " in
// attributes); only absolute http(s) URLs become links. Each message is at
// most MaxMessage UTF-16 units: items are kept whole when they fit, else the
// item is split on word boundaries outside tags (a single word longer than a
// message is cut between characters, never inside an entity); a citation is
// never cut or dropped. Messages after the first start with the title and
// "(continued)". Invalid UTF-8 becomes U+FFFD and control characters become
// spaces. Render never returns an empty slice and never panics.
func Render(r bot.Reply) []string {
	p := &packer{idx: bot.IndexSources(r), srcLine: make(map[int]string)}
	title := strings.Join(words(r.Title), " ")
	if title != "" {
		p.head = "<b>" + truncEscaped(title, maxTitle) + "</b>"
		p.contHead = p.head + " <i>(continued)</i>"
	} else {
		p.contHead = "<i>(continued)</i>"
	}
	p.reset(p.head)

	if strings.TrimSpace(r.Text) != "" {
		var lines [][]tok
		for _, l := range strings.Split(r.Text, "\n") {
			if ts := textToks(l, ""); len(ts) > 0 {
				lines = append(lines, ts)
			}
		}
		p.addUnit(lines)
	}
	for _, it := range r.Items {
		p.addUnit(p.itemLines(it))
	}
	if f := strings.Join(words(r.Footer), " "); f != "" {
		p.addUnit([][]tok{{{text: "<i>" + truncEscaped(f, maxFooter) + "</i>"}}})
	}
	if p.hasContent || (len(p.out) == 0 && p.bodyLen > 0) {
		p.flush()
	}
	if len(p.out) == 0 {
		return []string{"<i>(empty reply)</i>"}
	}
	return p.out
}

// tok is an unbreakable piece of HTML: a word, a tag with its content, a
// citation link. sep goes before it unless it starts a message.
type tok struct {
	sep, text string
	word      bool // escaped text that may be cut when longer than a message
	cite      int  // the source number a citation token cites, else 0
}

// packer fills messages with units (the text, items, the footer).
type packer struct {
	idx     *bot.SourceIndex
	srcLine map[int]string // rendered source lines by number

	head, contHead string
	out            []string

	body       strings.Builder // header and units of the current message
	bodyLen    int
	hasContent bool         // a unit (or part of one) follows the header
	cited      map[int]bool // sources cited in the current message
	srcLen     int          // length of the current message's source list
}

func (p *packer) reset(head string) {
	p.body.Reset()
	p.body.WriteString(head)
	p.bodyLen = units(head)
	p.hasContent = false
	p.cited = make(map[int]bool)
	p.srcLen = 0
}

// flush ends the current message with its source list.
func (p *packer) flush() {
	nums := make([]int, 0, len(p.cited))
	for n := range p.cited {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	var b strings.Builder
	b.WriteString(p.body.String())
	for i, n := range nums {
		if i == 0 {
			b.WriteString("\n\n")
		} else {
			b.WriteByte('\n')
		}
		b.WriteString(p.source(n))
	}
	p.out = append(p.out, b.String())
	p.reset(p.contHead)
}

// gap returns the separator to write before a token whose own separator is
// sep: none at the very start of a message, a blank line after the header.
func (p *packer) gap(sep string) string {
	if !p.hasContent {
		if p.bodyLen == 0 {
			return ""
		}
		return "\n\n"
	}
	return sep
}

// srcLenWith is the length of the source list once cites are added.
func (p *packer) srcLenWith(cites []int) int {
	n, k := p.srcLen, len(p.cited)
	for _, c := range cites {
		if p.cited[c] {
			continue
		}
		if k == 0 {
			n = 2 + units(p.source(c))
		} else {
			n += 1 + units(p.source(c))
		}
		k++
	}
	return n
}

func (p *packer) fits(sep, text string, cites []int) bool {
	return p.bodyLen+units(sep)+units(text)+p.srcLenWith(cites) <= MaxMessage
}

func (p *packer) add(sep, text string, cites []int) {
	p.srcLen = p.srcLenWith(cites)
	for _, c := range cites {
		p.cited[c] = true
	}
	p.body.WriteString(sep)
	p.body.WriteString(text)
	p.bodyLen += units(sep) + units(text)
	p.hasContent = true
}

// addUnit adds lines as a whole to the current message or the next one, or
// token by token when they do not fit in one message.
func (p *packer) addUnit(lines [][]tok) {
	if len(lines) == 0 {
		return
	}
	var whole strings.Builder
	var cites []int
	for i, line := range lines {
		if i > 0 {
			whole.WriteByte('\n')
		}
		for j, t := range line {
			if j > 0 {
				whole.WriteString(t.sep)
			}
			whole.WriteString(t.text)
			if t.cite > 0 {
				cites = append(cites, t.cite)
			}
		}
	}
	if p.fits(p.gap("\n\n"), whole.String(), cites) {
		p.add(p.gap("\n\n"), whole.String(), cites)
		return
	}
	if p.hasContent {
		p.flush()
		if p.fits(p.gap("\n\n"), whole.String(), cites) {
			p.add(p.gap("\n\n"), whole.String(), cites)
			return
		}
	}
	for i, line := range lines {
		for j, t := range line {
			sep := t.sep
			switch {
			case i == 0 && j == 0:
				sep = "\n\n"
			case j == 0:
				sep = "\n"
			}
			p.addTok(sep, t)
		}
	}
}

func (p *packer) addTok(sep string, t tok) {
	var cites []int
	if t.cite > 0 {
		cites = []int{t.cite}
	}
	if p.fits(p.gap(sep), t.text, cites) {
		p.add(p.gap(sep), t.text, cites)
		return
	}
	if p.hasContent {
		p.flush()
		if p.fits(p.gap(sep), t.text, cites) {
			p.add(p.gap(sep), t.text, cites)
			return
		}
	}
	if !t.word {
		// Unreachable with the bounds above: a non-word token always fits
		// in a message of its own. Keep it whole rather than cut a tag.
		p.add(p.gap(sep), t.text, cites)
		return
	}
	rest := t.text
	for {
		g := p.gap(sep)
		avail := MaxMessage - p.bodyLen - units(g) - p.srcLen
		if avail < 8 && p.hasContent { // room for the widest character or entity
			p.flush()
			continue
		}
		piece := firstPiece(rest, avail)
		p.add(g, piece, nil)
		if len(piece) == len(rest) {
			return
		}
		rest = rest[len(piece):]
		p.flush()
	}
}

// source renders the line of source n in the source list.
func (p *packer) source(n int) string {
	if l, ok := p.srcLine[n]; ok {
		return l
	}
	s := p.idx.Source(n)
	outlet := truncEscaped(orDefault(strings.Join(words(s.Outlet), " "), "unknown outlet"), maxOutlet)
	if h := href(s.URL); h != "" {
		outlet = `<a href="` + h + `">` + outlet + "</a>"
	}
	l := "[" + strconv.Itoa(n) + "] " + outlet + ", " + truncEscaped(orDefault(strings.Join(words(s.Published), " "), "undated"), maxDate)
	p.srcLine[n] = l
	return l
}

func (p *packer) itemLines(it bot.Item) [][]tok {
	date := orDefault(strings.Join(words(it.Date), " "), "undated")
	first := []tok{{text: "<b>" + truncEscaped(date, maxDate) + "</b>"}}
	if l := strings.Join(words(it.Label), " "); l != "" {
		first = append(first, tok{sep: " ", text: "<i>" + truncEscaped(l, maxLabel) + "</i>"})
	}
	first = append(first, textToks(it.Text, " ")...)
	first = append(first, p.cites(it.Sources)...)
	if n := strings.Join(words(it.Note), " "); n != "" {
		first = append(first, tok{sep: " ", text: "<i>(" + truncEscaped(n, maxNote) + ")</i>"})
	}
	lines := [][]tok{first}
	for _, c := range it.Claims {
		line := []tok{{text: "•"}}
		line = append(line, textToks(`"`+c.Display()+`"`, " ")...)
		line = append(line, p.cites(c.Sources)...)
		lines = append(lines, line)
	}
	return lines
}

// cites renders the citations of ss as "[1][2]" links, without repeating a
// number.
func (p *packer) cites(ss []bot.Source) []tok {
	var ts []tok
	seen := make(map[int]bool)
	for _, s := range ss {
		n := p.idx.Number(s)
		if n == 0 || seen[n] {
			continue
		}
		seen[n] = true
		text := "[" + strconv.Itoa(n) + "]"
		if h := href(s.URL); h != "" {
			text = `<a href="` + h + `">` + text + "</a>"
		}
		sep := ""
		if len(ts) == 0 {
			sep = " "
		}
		ts = append(ts, tok{sep: sep, text: text, cite: n})
	}
	return ts
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

// href returns u escaped for an href attribute, or "" when u is not an
// absolute http(s) URL or is too long.
func href(u string) string {
	u = strings.TrimSpace(u)
	if !utf8.ValidString(u) || strings.ContainsFunc(u, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return ""
	}
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return ""
	}
	u = pu.Scheme + u[len(pu.Scheme):] // lower-case scheme
	h := attrEscaper.Replace(u)
	if units(h) > maxHref {
		return ""
	}
	return h
}

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
)

// escape escapes s for text in Telegram HTML.
func escape(s string) string { return textEscaper.Replace(s) }

// words splits s into words after replacing invalid UTF-8 and control
// characters.
func words(s string) []string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) })
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// truncEscaped escapes s and shortens it to at most max UTF-16 units, ending
// with "…" when cut, never inside an entity.
func truncEscaped(s string, max int) string {
	e := escape(s)
	if units(e) <= max {
		return e
	}
	return cutEscaped(e, max-1)[0] + "…"
}

// cutEscaped cuts s into pieces of at most limit UTF-16 units, never inside
// a character entity such as &amp; (a piece holds at least one character or
// entity, even when that is longer than limit).
func cutEscaped(s string, limit int) []string {
	var out []string
	for {
		p := firstPiece(s, limit)
		out = append(out, p)
		if len(p) == len(s) {
			return out
		}
		s = s[len(p):]
	}
}

// firstPiece returns the longest prefix of s of at most limit UTF-16 units
// that does not end inside an entity, or the first character or entity of s
// when that alone is longer.
func firstPiece(s string, limit int) string {
	n := 0
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
			return s[:i]
		}
		n += w
		i = j
	}
	return s
}

// units counts s in UTF-16 code units, as Telegram does.
func units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
