package xdoc

import (
	"sort"
	"strings"

	"github.com/briefbot/briefbot/analysis"
)

// article is a document's text as given to the pipeline, with the byte span
// of every token.
type article struct {
	text  string
	start []int // start[i], end[i]: byte span of Doc.Tokens[i] in text
	end   []int
}

// Text writes the document as briefbot receives an article: one line per
// sentence, the tokens of a sentence joined by single spaces ("Apple 's
// iPod , the player"). start[i] and end[i] are the byte span of
// d.Tokens[i] in text. Undoing the tokenization ("Apple's iPod, the
// player") was tried and changes no figure.
func (d Doc) Text() (text string, start, end []int) {
	a := buildText(d)
	return a.text, a.start, a.end
}

// ByCreation returns the indexes of docs in order of creation time (the
// DCT), then document id: the order articles reach the linker.
func ByCreation(docs []Doc) []int {
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := docs[order[i]], docs[order[j]]
		if !a.DCT.Equal(b.DCT) {
			return a.DCT.Before(b.DCT)
		}
		return a.ID < b.ID
	})
	return order
}

func buildText(d Doc) article {
	var b strings.Builder
	a := article{start: make([]int, len(d.Tokens)), end: make([]int, len(d.Tokens))}
	for i, t := range d.Tokens {
		if i > 0 {
			if d.Tokens[i-1].Sentence != t.Sentence {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		a.start[i] = b.Len()
		b.WriteString(t.Text)
		a.end[i] = b.Len()
	}
	a.text = b.String()
	return a
}

// predMention is a predicted mention as a token range of the document.
type predMention struct {
	First, Last int    // token indexes, inclusive
	Entity      uint64 // entity ID (local to the analysis until linked)
	Text        string
	Type        analysis.EntityType
}

// alignMentions maps the analysis's mentions (byte spans in the cleaned
// text) back to tokens of the document. The cleaner keeps whole lines
// (trimmed), so each cleaned line is found among the original lines in
// order; a mention on a line that cannot be found is dropped and counted.
func alignMentions(src article, a *analysis.Analysis) (out []predMention, dropped int) {
	clean := a.Article.Text
	// line starts in the cleaned text → offset in src.text
	type lineMap struct{ cStart, cEnd, oStart int }
	var maps []lineMap
	cursor := 0
	for cStart := 0; cStart <= len(clean); {
		nl := strings.IndexByte(clean[cStart:], '\n')
		cEnd := len(clean)
		if nl >= 0 {
			cEnd = cStart + nl
		}
		line := clean[cStart:cEnd]
		if line != "" {
			if k := strings.Index(src.text[cursor:], line); k >= 0 {
				maps = append(maps, lineMap{cStart, cEnd, cursor + k})
				cursor += k + len(line)
			}
		}
		if nl < 0 {
			break
		}
		cStart = cEnd + 1
	}
	for _, m := range a.Mentions {
		off := -1
		for _, lm := range maps {
			if m.Span.Start >= lm.cStart && m.Span.End <= lm.cEnd {
				off = lm.oStart - lm.cStart
				break
			}
		}
		if off < 0 {
			dropped++
			continue
		}
		s, e := m.Span.Start+off, m.Span.End+off
		first, last := -1, -1
		for i := range src.start {
			if src.end[i] > s && src.start[i] < e {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		if first < 0 {
			dropped++
			continue
		}
		out = append(out, predMention{First: first, Last: last, Entity: m.Entity, Text: m.Text, Type: m.Type})
	}
	return out, dropped
}
