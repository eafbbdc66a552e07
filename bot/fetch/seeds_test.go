package fetch

import (
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestExtract_SeedRoundTrip wraps each real seed article (read from
// ../../../shared/seeds, never copied) in a page with navigation, an ad
// and comments, and checks that extraction gives back exactly its
// paragraphs, one a line.
func TestExtract_SeedRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/seeds/*.txt")
	if len(files) == 0 {
		t.Skip("no seed articles at ../../../shared/seeds (they live beside the module, outside the repository)")
	}
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			raw, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			var b strings.Builder
			b.WriteString(`<html><head><meta charset="utf-8"><title>Seed | Test Outlet</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/markets">Markets</a></li></ul></nav>
<div class="ad">Advertisement: Glimmerbrook mattresses, half price this week</div><article>`)
			for _, line := range strings.Split(string(raw), "\n") {
				if line = clean(line); line != "" {
					want = append(want, line)
					b.WriteString("<p>" + html.EscapeString(line) + "</p>\n")
				}
			}
			b.WriteString(`</article><section class="comments"><div class="comment"><p>First! Great read, thanks.</p></div></section><footer>Contact us</footer></body></html>`)
			p, err := Extract([]byte(b.String()), "text/html", "https://outlet.example/world/seed")
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if diff := cmp.Diff(strings.Join(want, "\n"), p.Text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
		})
	}
}
