package entity

import (
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tWord  tokKind = iota // letters and digits: "Putin", "U.S.", "O'Brien", "G20"
	tPunct                // any other single rune
)

// token is one word or punctuation mark of a sentence, with byte offsets
// into the whole text.
type token struct {
	start, end int
	text       string
	key        string // fold(text), computed once
	kind       tokKind
	cap        bool // starts with an upper-case letter (or is a capitalized alphanumeric like "G20")
	upper      bool // at least two letters and all letters upper case ("CNN", "U.S.")
	hasLetter  bool
	tight      bool // punctuation with no space on either side ("Putin-Witkoff")
	poss       bool // possessive marker: "’s", "'s", "`s"
	initial    bool // sentence-initial position (first word, or after an opening quote, colon or bracket)
}

// abbrevWithDot are words whose following period belongs to them.
var abbrevWithDot = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Gen": true, "Sen": true, "Rep": true, "Gov": true,
	"Lt": true, "Col": true, "Capt": true, "Maj": true, "Adm": true, "Sgt": true, "St": true, "Jr": true,
	"Sr": true, "Prof": true, "Rev": true, "Mt": true, "Ft": true, "Messrs": true, "Mme": true, "Inc": true,
	"Corp": true, "Co": true, "Ltd": true,
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '`' || r == 'ʼ' }

func isDash(r rune) bool { return r == '-' || r == '–' || r == '—' || r == '‑' || r == '‐' }

// tokenizeAppend appends the tokens of text[start:end] to buf and returns
// them (a slice of buf that later appends cannot change) and the grown buf.
func tokenizeAppend(buf []token, text string, start, end int) (toks, grown []token) {
	first := len(buf)
	toks = buf
	i := start
	for i < end {
		r, size := utf8.DecodeRuneInString(text[i:end])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		if isApostrophe(r) {
			// possessive "’s" (also CoNLL's detached "'s")
			j := i + size
			if j < end {
				r2, s2 := utf8.DecodeRuneInString(text[j:end])
				if r2 == 's' || r2 == 'S' {
					k := j + s2
					if k >= end || !isWordRune(runeAt(text, k, end)) {
						toks = append(toks, token{start: i, end: k, text: text[i:k], key: fold(text[i:k]), kind: tPunct, poss: true})
						i = k
						continue
					}
				}
			}
		}
		if isWordRune(r) {
			j := i
			for j < end {
				r2, s2 := utf8.DecodeRuneInString(text[j:end])
				if isWordRune(r2) {
					j += s2
					continue
				}
				if (isApostrophe(r2) || r2 == '.' || r2 == '&') && j+s2 < end {
					r3, s3 := utf8.DecodeRuneInString(text[j+s2 : end])
					if unicode.IsLetter(r3) {
						if isApostrophe(r2) && (r3 == 's' || r3 == 'S') {
							k := j + s2 + s3
							if k >= end || !isWordRune(runeAt(text, k, end)) {
								break // possessive follows
							}
						}
						j += s2
						continue
					}
				}
				break
			}
			w := text[i:j]
			// "U.S." and "Mr." keep their final period; so do initials ("F.").
			if j < end && text[j] == '.' {
				if isDottedAcronym(w) || abbrevWithDot[w] || isInitial(w) {
					j++
					w = text[i:j]
				}
			}
			toks = append(toks, newWord(i, j, w))
			i = j
			continue
		}
		t := token{start: i, end: i + size, text: text[i : i+size], kind: tPunct}
		t.key = fold(t.text)
		if isDash(r) && i > start && i+size < end {
			pr, _ := utf8.DecodeLastRuneInString(text[start:i])
			nr, _ := utf8.DecodeRuneInString(text[i+size : end])
			t.tight = isWordRune(pr) && isWordRune(nr)
		}
		toks = append(toks, t)
		i += size
	}
	// sentence-initial positions
	sent := toks[first:]
	seenWord := false // a word before k
	for k := range sent {
		if sent[k].kind != tWord {
			continue
		}
		if k == 0 {
			sent[k].initial = true
			seenWord = true
			continue
		}
		p := sent[k-1]
		if p.kind == tPunct && !p.poss {
			pr, _ := utf8.DecodeRuneInString(p.text)
			switch pr {
			case '"', '“', '‘', '«', ':', '\'', '•', '*', '|', '>':
				sent[k].initial = true
			case '-', '–', '—':
				sent[k].initial = !p.tight
			}
			if !seenWord {
				sent[k].initial = true
			}
		}
		seenWord = true
	}
	return toks[first:len(toks):len(toks)], toks
}

func runeAt(text string, k, end int) rune {
	r, _ := utf8.DecodeRuneInString(text[k:end])
	return r
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func newWord(i, j int, w string) token {
	t := token{start: i, end: j, text: w, key: fold(w), kind: tWord}
	letters, uppers := 0, 0
	first := true
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				uppers++
			}
			if first {
				t.cap = unicode.IsUpper(r) || unicode.IsTitle(r)
				first = false
			}
		} else if unicode.IsDigit(r) && first {
			// "1996" is not capitalized; "G20" is (its first letter decides)
			continue
		}
	}
	r0, _ := utf8.DecodeRuneInString(w)
	if unicode.IsDigit(r0) {
		t.cap = false
	}
	t.hasLetter = letters > 0
	t.upper = letters >= 2 && uppers == letters
	return t
}

// isDottedAcronym: "U.S", "U.N", "E.U" (the final period is then taken too).
func isDottedAcronym(w string) bool {
	n := 0
	for i, r := range w {
		if i%2 == 0 {
			if !unicode.IsUpper(r) || r > unicode.MaxASCII {
				return false
			}
			n++
		} else if r != '.' {
			return false
		}
	}
	return n >= 2 && len(w)%2 == 1
}

func isInitial(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && unicode.IsUpper(r)
}
