// Package textseg splits cleaned article text into paragraphs and sentences.
//
// Offsets are byte offsets into the text given, so every later stage can cite
// the exact bytes a fact came from. A paragraph is a run of non-blank lines
// that ends at a line break: pasted news text puts one paragraph per line, and
// headlines and crossheads have no final punctuation, so every line break ends
// a sentence too. Inside a line, a sentence ends at '.', '!' or '?' (possibly
// followed by closing quotes or brackets) when the next word starts a new
// sentence, except after known abbreviations and initials.
package textseg

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is one sentence: the bytes text[Start:End], trimmed of spaces,
// and the index of the paragraph (line) it belongs to, counting from 0.
type Sentence struct {
	Start, End int
	Para       int
}

// Text returns the sentence's text inside text.
func (s Sentence) Text(text string) string { return text[s.Start:s.End] }

// abbreviations that end in a period but rarely end a sentence (lower case,
// without the final period).
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true, "jr": true,
	"st": true, "gen": true, "col": true, "lt": true, "sgt": true, "capt": true, "cmdr": true,
	"gov": true, "sen": true, "rep": true, "rev": true, "hon": true, "pres": true, "amb": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true, "thurs": true,
	"fri": true, "sat": true, "sun": true,
	"no": true, "nos": true, "vs": true, "etc": true, "inc": true, "ltd": true, "co": true, "corp": true,
	"approx": true, "est": true, "dept": true, "univ": true, "fig": true, "vol": true,
	"u.s": true, "u.k": true, "u.n": true, "e.u": true, "a.m": true, "p.m": true, "i.e": true, "e.g": true,
	"d.c": true,
}

// Split returns the sentences of text in order. Empty lines and lines of only
// spaces produce nothing.
func Split(text string) []Sentence {
	var out []Sentence
	para := 0
	lineStart := 0
	for lineStart <= len(text) {
		nl := strings.IndexByte(text[lineStart:], '\n')
		lineEnd := len(text)
		if nl >= 0 {
			lineEnd = lineStart + nl
		}
		line := text[lineStart:lineEnd]
		if strings.TrimSpace(line) != "" {
			for _, s := range splitLine(line) {
				out = append(out, Sentence{Start: lineStart + s[0], End: lineStart + s[1], Para: para})
			}
			para++
		}
		if nl < 0 {
			break
		}
		lineStart = lineEnd + 1
	}
	return out
}

// splitLine returns [start,end) pairs of the sentences in one line.
func splitLine(line string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		if r != '.' && r != '!' && r != '?' && r != '…' {
			i += size
			continue
		}
		end := i + size
		// swallow repeated terminators and closing quotes/brackets
		for end < len(line) {
			r2, s2 := utf8.DecodeRuneInString(line[end:])
			if r2 == '.' || r2 == '!' || r2 == '?' || isCloser(r2) {
				end += s2
				continue
			}
			break
		}
		if end >= len(line) {
			break
		}
		next, _ := utf8.DecodeRuneInString(line[end:])
		if !unicode.IsSpace(next) {
			i = end
			continue
		}
		// find the next word
		j := end
		for j < len(line) {
			r2, s2 := utf8.DecodeRuneInString(line[j:])
			if !unicode.IsSpace(r2) {
				break
			}
			j += s2
		}
		if j >= len(line) {
			break
		}
		nr, _ := utf8.DecodeRuneInString(line[j:])
		startsSentence := unicode.IsUpper(nr) || unicode.IsDigit(nr) || isOpener(nr)
		if r == '.' && startsSentence && isAbbreviation(line[start:i]) {
			startsSentence = false
		}
		if startsSentence {
			if s, e := trim(line, start, end); e > s {
				out = append(out, [2]int{s, e})
			}
			start = j
		}
		i = j
	}
	if s, e := trim(line, start, len(line)); e > s {
		out = append(out, [2]int{s, e})
	}
	return out
}

// isAbbreviation reports whether the text before a period ends in a known
// abbreviation or a single-letter initial.
func isAbbreviation(before string) bool {
	k := len(before)
	for k > 0 {
		r, size := utf8.DecodeLastRuneInString(before[:k])
		if unicode.IsSpace(r) || r == '(' || r == '"' || r == '“' {
			break
		}
		k -= size
	}
	word := strings.ToLower(before[k:])
	if word == "" {
		return false
	}
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsLetter(r) // an initial: "John F. Kennedy"
	}
	return abbreviations[word]
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', ')', ']', '»':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '“', '‘', '(', '[', '«', '\'':
		return true
	}
	return false
}

func trim(s string, start, end int) (int, int) {
	for start < end {
		r, size := utf8.DecodeRuneInString(s[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(s[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return start, end
}
