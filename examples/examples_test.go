package examples

import (
	"bufio"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

type entry struct {
	file, published, outlet, url string
}

// readManifest parses the manifest strictly: the exact header, four
// tab-separated fields a row, no blank or trailing-space fields.
func readManifest(t *testing.T, fsys fs.FS) []entry {
	t.Helper()
	data, err := fs.ReadFile(fsys, ManifestName)
	if err != nil {
		t.Fatalf("read manifest: %v", err)
	}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	var rows []entry
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if strings.HasSuffix(text, "\r") {
			t.Errorf("line %d: CRLF line ending", line)
		}
		fields := strings.Split(text, "\t")
		if line == 1 {
			if diff := cmp.Diff([]string{"file", "published", "outlet", "url"}, fields); diff != "" {
				t.Fatalf("header (-want +got):\n%s", diff)
			}
			continue
		}
		if len(fields) != 4 {
			t.Errorf("line %d: %d fields, want 4: %q", line, len(fields), text)
			continue
		}
		for i, f := range fields {
			if f == "" || strings.TrimSpace(f) != f {
				t.Errorf("line %d: field %d is empty or padded: %q", line, i+1, f)
			}
		}
		rows = append(rows, entry{fields[0], fields[1], fields[2], fields[3]})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("scan manifest: %v", err)
	}
	return rows
}

func TestManifest_ListsEveryArticleOnce(t *testing.T) {
	fsys := FS()
	rows := readManifest(t, fsys)

	txt, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(txt) != 8 {
		t.Errorf("%d sample articles, want 8", len(txt))
	}
	listed := map[string]int{}
	for _, r := range rows {
		listed[r.file]++
	}
	for _, name := range txt {
		if n := listed[name]; n != 1 {
			t.Errorf("%s is listed %d times in %s, want once", name, n, ManifestName)
		}
		delete(listed, name)
	}
	for name := range listed {
		t.Errorf("%s lists %s, which is not an embedded .txt file", ManifestName, name)
	}
}

func TestManifest_FieldsValid(t *testing.T) {
	rows := readManifest(t, FS())
	outlets := map[string]bool{}
	var first, last time.Time
	for _, r := range rows {
		t.Run(r.file, func(t *testing.T) {
			d, err := time.Parse(time.DateOnly, r.published)
			if err != nil {
				t.Fatalf("published %q: %v", r.published, err)
			}
			if d.Year() != 2026 {
				t.Errorf("published %s: the storyline is set in 2026", r.published)
			}
			if first.IsZero() || d.Before(first) {
				first = d
			}
			if d.After(last) {
				last = d
			}
			outlets[r.outlet] = true
			if !strings.HasPrefix(r.url, "https://") {
				t.Errorf("url %q is not https", r.url)
			}
			host := strings.SplitN(strings.TrimPrefix(r.url, "https://"), "/", 2)[0]
			if !strings.HasSuffix(host, ".example.org") && !strings.HasSuffix(host, ".example.com") && !strings.HasSuffix(host, ".example.net") {
				t.Errorf("url host %q is not on a reserved example domain", host)
			}
		})
	}
	if len(outlets) < 4 {
		t.Errorf("%d outlets, want at least 4", len(outlets))
	}
	if span := last.Sub(first); span < 4*7*24*time.Hour {
		t.Errorf("publication dates span %v, want several weeks", span)
	}
}

// TestArticles_Shape checks what the samples promise in README.md: short
// plain texts that never state their year, with the deliberate variants the
// analysis is tried on still present.
func TestArticles_Shape(t *testing.T) {
	fsys := FS()
	txt, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		t.Fatal(err)
	}
	all := ""
	for _, name := range txt {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		all += text
		words := len(strings.Fields(text))
		if words < 150 || words > 350 {
			t.Errorf("%s: %d words, want 150-350", name, words)
		}
		for _, y := range []string{"2025", "2026"} {
			if strings.Contains(text, y) {
				t.Errorf("%s states the year %s; the year must come from the manifest", name, y)
			}
		}
	}
	for _, want := range []string{
		"Oleksandr Dorenko", "Aleksandr Dorenko", "Alexander Dorenko", "Doremko", "Mr. Dorenko",
		"Yevgenia Laskaris", "Evgenia Laskaris", "Deputy Foreign Minister",
		"Dmitri Valk", "Dmitry Valk", "the aide said",
		"four-hour", "4 hours", "six hours", "12-member", "15 delegates", "Lissen",
		"on Wednesday", "yesterday", "A day earlier", "the following week", "next week",
		"later this month", "March 4", "Friday, March 6", "March 10 or 11",
		"Subscribe to Corvia Daily on Telegram", "Share this article",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no sample contains %q, which README.md documents", want)
		}
	}
}
