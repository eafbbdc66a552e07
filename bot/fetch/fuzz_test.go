package fetch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzExtract feeds raw bytes through the HTML-to-article path. It must not
// panic, must finish in bounded time, and whatever it returns must be
// well-formed: valid UTF-8 text of at least the minimum size, or an error.
//
// Run for a fixed budget with:
//
//	go test ./bot/fetch -run '^$' -fuzz '^FuzzExtract$' -fuzztime 30s -fuzzminimizetime 5s
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.html")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b, "text/html; charset=utf-8")
		}
	}
	f.Add([]byte(articlePage(`<script type="application/ld+json">{"@graph":[{"@type":["NewsArticle"],"datePublished":"2025-08-06","publisher":{"@id":"#o"}},{"@id":"#o","name":"X"}]}</script>`, "")), "text/html")
	f.Add([]byte("<meta charset=windows-1251><p>\xcf\xf0\xe8\xe2\xe5\xf2"), "")
	f.Add([]byte("<?xml version='1.0' encoding='iso-8859-1'?><html><body><p>caf\xe9</p></body></html>"), "application/xhtml+xml")
	f.Add([]byte(strings.Repeat("<div>", 600)+"text"), "text/html")
	f.Add([]byte("plain\r\ntext\x00"), "text/plain")
	f.Add([]byte{0xef, 0xbb, 0xbf, '<', 'p', '>'}, "")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		start := time.Now()
		p, err := Extract(body, contentType, "https://news.example/2025/08/06/story")
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("Extract took %v on %d bytes", d, len(body))
		}
		if err != nil {
			if err.Error() == "" {
				t.Error("empty error message")
			}
			return
		}
		if !utf8.ValidString(p.Text) || !utf8.ValidString(p.Title) || !utf8.ValidString(p.Outlet) {
			t.Errorf("invalid UTF-8 in result")
		}
		if why := notArticle(p.Text, p.Words); why != "" {
			t.Errorf("returned a page that is not an article: %s", why)
		}
		if strings.Contains(p.Text, "\n\n") || strings.HasPrefix(p.Text, " ") {
			t.Errorf("text not normalized: %q", p.Text[:min(len(p.Text), 80)])
		}
	})
}
