package fetch

import (
	"net/url"
	"strings"
)

// ExtractURL returns the first http or https URL in a chat message, and
// whether there is one. Slack's link markup (<https://…|label> and
// <https://…>, with &amp; for &) is read; a bare link ends at white space,
// quotes or angle brackets and loses trailing punctuation (.,;:!?…) and
// closing brackets that do not close one opened inside the link
// ("(see https://x.example/a)" gives https://x.example/a, while
// https://x.example/Foo_(bar) keeps its parenthesis).
func ExtractURL(s string) (string, bool) {
	lower := strings.ToLower(s)
	for from := 0; from < len(s); {
		i := nextScheme(lower, from)
		if i < 0 {
			return "", false
		}
		var cand string
		if i > 0 && s[i-1] == '<' {
			end := strings.IndexAny(s[i:], ">|")
			if end < 0 {
				end = len(s) - i
			}
			cand = strings.ReplaceAll(s[i:i+end], "&amp;", "&")
		} else {
			end := strings.IndexFunc(s[i:], func(r rune) bool {
				return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '<' || r == '>' || r == '"' ||
					r == '\u00a0' || r == '«' || r == '»' || r == '“' || r == '”' || r == '\u3000'
			})
			if end < 0 {
				end = len(s) - i
			}
			cand = trimLinkEnd(s[i : i+end])
		}
		if u, err := url.Parse(cand); err == nil && u.Hostname() != "" && (u.Scheme == "http" || u.Scheme == "https") {
			return cand, true
		}
		from = i + len("http://")
	}
	return "", false
}

// nextScheme finds the next "http://" or "https://" in lower at or after from.
func nextScheme(lower string, from int) int {
	best := -1
	for _, p := range []string{"http://", "https://"} {
		if j := strings.Index(lower[from:], p); j >= 0 && (best < 0 || from+j < best) {
			best = from + j
		}
	}
	return best
}

// trimLinkEnd drops trailing punctuation and unbalanced closing brackets.
func trimLinkEnd(s string) string {
	for s != "" {
		last := s[len(s)-1]
		switch {
		case strings.HasSuffix(s, "…"):
			s = strings.TrimSuffix(s, "…")
		case strings.HasSuffix(s, "’"):
			s = strings.TrimSuffix(s, "’")
		case strings.IndexByte(".,;:!?'*_", last) >= 0:
			s = s[:len(s)-1]
		case last == ')' && strings.Count(s, "(") < strings.Count(s, ")"),
			last == ']' && strings.Count(s, "[") < strings.Count(s, "]"),
			last == '}' && strings.Count(s, "{") < strings.Count(s, "}"):
			s = s[:len(s)-1]
		default:
			return s
		}
	}
	return s
}
