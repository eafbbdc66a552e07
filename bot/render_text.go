package bot

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SourceIndex numbers the distinct sources of a reply, as every renderer
// cites them: [1], [2], … in order of first appearance.
type SourceIndex struct {
	list []Source
	num  map[string]int
}

// IndexSources numbers the distinct sources of r by article id in order of
// first appearance: items in order, and within an item its Sources and then
// each claim's Sources. A source without an article id is told apart by its
// URL, or else by its outlet and title. The first occurrence of a source
// supplies the fields shown for it.
func IndexSources(r Reply) *SourceIndex {
	x := &SourceIndex{num: make(map[string]int)}
	add := func(ss []Source) {
		for _, s := range ss {
			k := sourceKey(s)
			if _, ok := x.num[k]; ok {
				continue
			}
			x.list = append(x.list, s)
			x.num[k] = len(x.list)
		}
	}
	for _, it := range r.Items {
		add(it.Sources)
		for _, c := range it.Claims {
			add(c.Sources)
		}
	}
	return x
}

// Len reports how many distinct sources the reply cites.
func (x *SourceIndex) Len() int { return len(x.list) }

// Source returns the source numbered n (1-based); n must be in [1, Len()].
func (x *SourceIndex) Source(n int) Source { return x.list[n-1] }

// Number returns the 1-based number of s, or 0 when s is not cited by the
// reply the index was built from.
func (x *SourceIndex) Number(s Source) int { return x.num[sourceKey(s)] }

func sourceKey(s Source) string {
	switch {
	case s.Article != "":
		return "a:" + s.Article
	case s.URL != "":
		return "u:" + s.URL
	default:
		return "t:" + s.Outlet + "\x00" + s.Title
	}
}

const (
	textWidth     = 100 // console columns the text renderer wraps at
	textDateWidth = 10  // width of the date column: len("2025-08-06")
)

// RenderText renders r for a console: the title, the text, one line per item
// (date column, label, text, citations such as [1][2], the note in
// parentheses), conflict claims as bullets under their item, then the
// numbered sources and the footer. Lines are wrapped at about 100 columns
// with a hanging indent; words are never broken. The result holds no ANSI
// escapes: control characters in the reply are replaced by spaces and
// invalid UTF-8 by U+FFFD. It ends with a newline unless r is entirely empty.
func RenderText(r Reply) string {
	idx := IndexSources(r)
	var b strings.Builder
	var sections [][]string

	var head []string
	if t := cleanLine(r.Title); t != "" {
		head = append(head, wrap("", t, 0)...)
	}
	if strings.TrimSpace(r.Text) != "" {
		for _, line := range strings.Split(r.Text, "\n") {
			line = cleanLine(line)
			if line == "" {
				continue
			}
			head = append(head, wrap("", line, 0)...)
		}
	}
	if len(head) > 0 {
		sections = append(sections, head)
	}

	if len(r.Items) > 0 {
		var lines []string
		indent := textDateWidth + 2
		for _, it := range r.Items {
			date := cleanLine(it.Date)
			if date == "" {
				date = "undated"
			}
			prefix := date + strings.Repeat(" ", max(textDateWidth-utf8.RuneCountInString(date), 0)+2)
			var body []string
			if l := cleanLine(it.Label); l != "" {
				body = append(body, l+":")
			}
			if t := cleanLine(it.Text); t != "" {
				body = append(body, t)
			}
			if c := textCites(idx, it.Sources); c != "" {
				body = append(body, c)
			}
			line := strings.Join(body, " ")
			if n := cleanLine(it.Note); n != "" {
				line += "  (" + n + ")"
			}
			lines = append(lines, wrap(prefix, line, indent)...)
			for _, c := range it.Claims {
				claim := `"` + cleanLine(c.Display()) + `"`
				if cs := textCites(idx, c.Sources); cs != "" {
					claim += " " + cs
				}
				lines = append(lines, wrap(strings.Repeat(" ", indent)+"• ", claim, indent+2)...)
			}
		}
		sections = append(sections, lines)
	}

	if idx.Len() > 0 {
		var lines []string
		for n := 1; n <= idx.Len(); n++ {
			s := idx.Source(n)
			label := "[" + strconv.Itoa(n) + "] "
			line := outletOrUnknown(cleanLine(s.Outlet)) + ", " + dateOrUndated(cleanLine(s.Published))
			if t := cleanLine(s.Title); t != "" {
				line += " — " + t
			}
			if u := cleanLine(s.URL); u != "" {
				line += " <" + u + ">"
			}
			lines = append(lines, wrap(label, line, utf8.RuneCountInString(label))...)
		}
		sections = append(sections, lines)
	}

	if lines := attachmentLines(r); len(lines) > 0 {
		sections = append(sections, lines)
	}

	if f := cleanLine(r.Footer); f != "" {
		sections = append(sections, wrap("", f, 0))
	}

	for i, sec := range sections {
		if i > 0 {
			b.WriteByte('\n')
		}
		for _, l := range sec {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// textCites renders the citations of ss as "[1][2]", in the order given,
// without repeating a number.
func textCites(idx *SourceIndex, ss []Source) string {
	var b strings.Builder
	seen := make(map[int]bool)
	for _, s := range ss {
		n := idx.Number(s)
		if n == 0 || seen[n] {
			continue
		}
		seen[n] = true
		b.WriteString("[" + strconv.Itoa(n) + "]")
	}
	return b.String()
}

func outletOrUnknown(s string) string {
	if s == "" {
		return "unknown outlet"
	}
	return s
}

func dateOrUndated(s string) string {
	if s == "" {
		return "undated"
	}
	return s
}

// cleanLine makes s safe to print on one console line: invalid UTF-8 becomes
// U+FFFD, control characters (including newlines and the escape that starts
// ANSI sequences) and bidirectional overrides become spaces, and runs of
// spaces are collapsed; the result is trimmed.
func cleanLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || isBidiControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func isBidiControl(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069') ||
		r == '\u200E' || r == '\u200F' || r == '\u061C'
}

// wrap splits text into words and fills lines of at most textWidth
// runes (a word longer than a line gets a line of its own). The first line
// starts with prefix, the others with indent spaces. A run of two spaces in
// text (before a note) is kept when it does not fall at a line break.
func wrap(prefix, text string, indent int) []string {
	var lines []string
	pad := strings.Repeat(" ", indent)
	cur := prefix
	curLen := utf8.RuneCountInString(prefix)
	empty := true // no word on cur yet
	for i, chunk := range strings.Split(text, "  ") {
		for j, w := range strings.Fields(chunk) {
			sep := " "
			if j == 0 && i > 0 {
				sep = "  "
			}
			wl := utf8.RuneCountInString(w)
			switch {
			case empty:
				cur += w
				curLen += wl
			case curLen+len(sep)+wl <= textWidth:
				cur += sep + w
				curLen += len(sep) + wl
			default:
				lines = append(lines, cur)
				cur = pad + w
				curLen = indent + wl
			}
			empty = false
		}
	}
	lines = append(lines, strings.TrimRight(cur, " "))
	return lines
}
