package analysis

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/analysis/clean"
	"github.com/briefbot/briefbot/analysis/entity"
	"github.com/briefbot/briefbot/analysis/quote"
	"github.com/briefbot/briefbot/analysis/textseg"
	"github.com/briefbot/briefbot/analysis/timex"
)

// Version is the version of the pipeline; stored with each article so that
// articles can be analysed again when it changes.
const Version = 1

// MaxTextBytes is the largest article text Analyze accepts.
const MaxTextBytes = 2 << 20

// InputError is a problem with the document itself, to be shown to the user
// as it is.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

// IsInputError reports whether err is (or wraps) an *InputError.
func IsInputError(err error) bool {
	var ie *InputError
	return errors.As(err, &ie)
}

// CheckText reports, as an *InputError, why text cannot be an article: empty,
// too large, binary data or invalid UTF-8. It returns nil for acceptable text.
func CheckText(text string) error {
	if len(text) > MaxTextBytes {
		return &InputError{fmt.Sprintf("the text is %s; the most I read as one article is %s", humanBytes(len(text)), humanBytes(MaxTextBytes))}
	}
	if strings.IndexByte(text, 0) >= 0 || controlShare(text) > 0.01 {
		return &InputError{"that looks like binary data, not article text"}
	}
	if !utf8.ValidString(text) {
		off := 0
		for off < len(text) {
			r, size := utf8.DecodeRuneInString(text[off:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			off += size
		}
		return &InputError{fmt.Sprintf("the text is not valid UTF-8 (first bad byte at offset %d): save it as UTF-8 and try again", off)}
	}
	if strings.TrimSpace(text) == "" {
		return &InputError{"the article is empty"}
	}
	return nil
}

func controlShare(s string) float64 {
	if len(s) == 0 {
		return 0
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			n++
		}
	}
	return float64(n) / float64(len(s))
}

func humanBytes(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Analyze turns a document into an article with its entities, time
// expressions and facts. It is pure and safe for concurrent use. It returns an
// *InputError when the document cannot be an article (see CheckText) or has no
// sentence left after cleaning.
func Analyze(doc Document) (*Analysis, error) {
	if err := CheckText(doc.Text); err != nil {
		return nil, err
	}
	c := clean.Clean(doc.Text)
	if strings.TrimSpace(c.Text) == "" {
		return nil, &InputError{"nothing in that text reads like an article"}
	}
	text := c.Text
	sents := textseg.Split(text)
	if len(sents) == 0 {
		return nil, &InputError{"nothing in that text reads like an article"}
	}
	a := &Analysis{Article: Article{
		Title:     firstNonEmpty(strings.TrimSpace(doc.Title), c.Title, headline(text, sents)),
		Outlet:    firstNonEmpty(strings.TrimSpace(doc.Outlet), c.Outlet),
		URL:       strings.TrimSpace(doc.URL),
		Published: doc.Published,
		Received:  doc.Received,
		Origin:    doc.Origin,
		Text:      text,
		Hash:      ContentHash(text),
		Version:   Version,
	}}
	if a.Article.Received.IsZero() {
		a.Article.Received = time.Now().UTC()
	}

	ents := entity.Extract(text, sents)
	for i, cl := range ents.Clusters {
		a.Entities = append(a.Entities, Entity{
			ID:      uint64(i + 1),
			Name:    cl.Name,
			Type:    EntityType(cl.Type),
			Aliases: append([]string(nil), cl.Aliases...),
		})
	}
	for _, m := range ents.Mentions {
		a.Mentions = append(a.Mentions, Mention{
			Span:   Span{m.Start, m.End},
			Text:   m.Text,
			Type:   EntityType(m.Type),
			Entity: uint64(m.Cluster + 1),
		})
	}
	for _, r := range ents.Roles {
		e := &a.Entities[r.Cluster]
		if !containsFold(e.Roles, r.Text) {
			e.Roles = append(e.Roles, r.Text)
		}
	}

	for _, t := range timex.Tag(text, doc.Published) {
		te := TimeExpr{Span: Span{t.Start, t.End}, Text: t.Text, Type: t.Type, Value: t.Value, Mod: t.Mod}
		if t.Anchored {
			te.Anchor = "publication"
		}
		a.Times = append(a.Times, te)
	}

	quotes := quote.Extract(text, sents, quote.Names(ents))

	x := &extractor{a: a, text: text, sents: sents, ents: ents, quotes: quotes, doc: doc}
	x.roleClaims()
	x.events()
	x.quoteFacts()
	sortFacts(a.Facts)
	for i := range a.Facts {
		a.Facts[i].Seq = uint32(i)
	}
	return a, nil
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if strings.TrimSpace(x) != "" {
			return strings.TrimSpace(x)
		}
	}
	return ""
}

// headline returns the first sentence, shortened to a title's length.
func headline(text string, sents []textseg.Sentence) string {
	s := sents[0].Text(text)
	if utf8.RuneCountInString(s) <= 100 {
		return s
	}
	cut := 0
	for i := range s {
		if i > 97 {
			break
		}
		if s[i] == ' ' {
			cut = i
		}
	}
	if cut == 0 {
		cut = 97
		for !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRightFunc(s[:cut], unicode.IsSpace) + "…"
}

func sortFacts(fs []Fact) {
	// by sentence position, then kind, so Seq follows the text
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && factLess(fs[j], fs[j-1]); j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}

func factLess(a, b Fact) bool {
	if a.Span.Start != b.Span.Start {
		return a.Span.Start < b.Span.Start
	}
	return kindRank(a.Kind) < kindRank(b.Kind)
}

func kindRank(k FactKind) int {
	switch k {
	case Event:
		return 0
	case Claim:
		return 1
	}
	return 2
}
