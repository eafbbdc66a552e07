package bot

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// RenderJSON renders r as the JSON contract of `briefbot ask --format json`:
//
//	{"command", "query", "title", "text",
//	 "items": [{"date", "label"?, "text", "note"?,
//	            "sources": [{"article", "outlet", "title", "url", "published", "evidence"}],
//	            "claims"?: [{"value", "sources": […]}]}],
//	 "footer"?, "error"?}
//
// Fields marked ? are omitted when empty. "items" and every "sources" are
// arrays, never null. The output is indented with two spaces, does not escape
// <, > and & (it is meant for terminals and programs, not HTML), and ends
// with a newline. Invalid UTF-8 in r becomes U+FFFD. r is not modified.
func RenderJSON(r Reply) ([]byte, error) {
	out := r
	out.Items = make([]Item, len(r.Items))
	for i, it := range r.Items {
		it.Sources = nonNilSources(it.Sources)
		if len(it.Claims) == 0 {
			it.Claims = nil
		} else {
			claims := make([]Claim, len(it.Claims))
			for j, c := range it.Claims {
				c.Sources = nonNilSources(c.Sources)
				claims[j] = c
			}
			it.Claims = claims
		}
		out.Items[i] = it
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return nil, fmt.Errorf("encode reply %q as JSON: %w", r.Title, err)
	}
	return buf.Bytes(), nil
}

func nonNilSources(ss []Source) []Source {
	if ss == nil {
		return []Source{}
	}
	return ss
}
