package timex

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind tells what a token is.
type tokKind uint8

const (
	tWord  tokKind = iota // letters: "August", "a.m."
	tNum                  // digits: "6", "2025", "2,025", "3:30", "1990s", "'90s"
	tOrd                  // ordinal digits: "6th"
	tPunct                // one other rune
)

// tok is one token with its byte span in the text.
type tok struct {
	s          string // text as written
	l          string // lower case
	start, end int
	kind       tokKind
	sp         bool // whitespace (or the start of text) precedes it
	nl         bool // a line break precedes it
	// numbers
	n       int  // value of tNum/tOrd when integral, else -1
	comma   bool // "2,025"
	colon   bool // "3:30"
	decimal bool // "1.5"
	plural  bool // "1990s"
	short   bool // "'90s"
	digits  int  // number of leading digits
}

// tokenize splits text into tokens. It never fails; invalid UTF-8 bytes
// become punctuation tokens of one byte.
func tokenize(text string) []tok {
	out := make([]tok, 0, len(text)/5+1) // news averages about 5 bytes a token
	sp, nl := true, false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			sp = true
			if r == '\n' {
				nl = true
			}
			i += size
			continue
		case unicode.IsLetter(r):
			j := i
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += s2
			}
			// a.m. / p.m. / a.m / p.m
			if j == i+1 && (r == 'a' || r == 'p' || r == 'A' || r == 'P') {
				if k := matchAMPM(text, i); k > 0 {
					j = k
				}
			}
			out = append(out, tok{s: text[i:j], l: strings.ToLower(text[i:j]), start: i, end: j, kind: tWord, sp: sp, nl: nl, n: -1})
			i = j
		case r >= '0' && r <= '9':
			t := numTok(text, i)
			t.sp, t.nl = sp, nl
			out = append(out, t)
			i = t.end
		case (r == '\'' || r == '’') && i+size+1 < len(text) && isDigit(text[i+size]) && isDigit(text[i+size+1]) &&
			(i+size+2 == len(text) || !isDigit(text[i+size+2])):
			j := i + size + 2
			t := tok{start: i, kind: tNum, short: true, digits: 2}
			t.n, _ = strconv.Atoi(text[i+size : j])
			if j < len(text) && text[j] == 's' && (j+1 == len(text) || !isLetterAt(text, j+1)) {
				t.plural = true
				j++
			}
			t.end, t.s = j, text[i:j]
			t.l, t.sp, t.nl = t.s, sp, nl
			out = append(out, t)
			i = j
		default:
			out = append(out, tok{s: text[i : i+size], l: text[i : i+size], start: i, end: i + size, kind: tPunct, sp: sp, nl: nl, n: -1})
			i += size
		}
		sp, nl = false, false
	}
	return out
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func isLetterAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r)
}

// matchAMPM returns the end of "a.m."/"p.m."/"a.m" starting at i, or 0.
func matchAMPM(text string, i int) int {
	if i+3 > len(text) || text[i+1] != '.' || (text[i+2] != 'm' && text[i+2] != 'M') {
		return 0
	}
	j := i + 3
	if j < len(text) && text[j] == '.' {
		j++
	}
	if j < len(text) && isLetterAt(text, j) {
		return 0
	}
	return j
}

// numTok reads a number token starting at the digit at i.
func numTok(text string, i int) tok {
	t := tok{start: i, kind: tNum, n: -1}
	j := i
	for j < len(text) && isDigit(text[j]) {
		j++
	}
	t.digits = j - i
	for j+1 < len(text) && (text[j] == ',' || text[j] == '.' || text[j] == ':') && isDigit(text[j+1]) {
		switch text[j] {
		case ',':
			t.comma = true
		case '.':
			t.decimal = true
		case ':':
			t.colon = true
		}
		j++
		for j < len(text) && isDigit(text[j]) {
			j++
		}
	}
	s := text[i:j]
	if !t.colon && !t.decimal {
		if v, err := strconv.Atoi(strings.ReplaceAll(s, ",", "")); err == nil {
			t.n = v
		}
	}
	// suffixes: 6th, 1990s
	if !t.comma && !t.colon && !t.decimal && j < len(text) {
		k := j
		for k < len(text) && k-j < 3 && ((text[k] >= 'a' && text[k] <= 'z') || (text[k] >= 'A' && text[k] <= 'Z')) {
			k++
		}
		suf := strings.ToLower(text[j:k])
		end := k == len(text) || !isLetterAt(text, k)
		switch {
		case end && (suf == "st" || suf == "nd" || suf == "rd" || suf == "th"):
			t.kind = tOrd
			j = k
		case end && suf == "s" && t.digits == 4:
			t.plural = true
			j = k
		}
	}
	t.end, t.s = j, text[i:j]
	t.l = strings.ToLower(t.s)
	return t
}
