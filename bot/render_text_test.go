package bot

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// namedReply is one fixture of testdata/render/replies.json, the
// representative replies every renderer's golden tests use.
type namedReply struct {
	Name  string `json:"name"`
	Reply Reply  `json:"reply"`
}

// loadReplies reads the shared fixture replies (fictional content).
func loadReplies(tb testing.TB) []namedReply {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "render", "replies.json"))
	if err != nil {
		tb.Fatalf("read fixtures: %v", err)
	}
	var rs []namedReply
	if err := json.Unmarshal(b, &rs); err != nil {
		tb.Fatalf("decode fixtures: %v", err)
	}
	return rs
}

// golden compares got with testdata/render/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenFile(t, filepath.Join("testdata", "render", name), got)
}

// goldenFile compares got with the file at path, rewriting it with -update.
func goldenFile(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatalf("write golden: %v", err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatalf("write golden: %v", err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run go test -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

func TestRenderText_Golden(t *testing.T) {
	for _, nr := range loadReplies(t) {
		t.Run(nr.Name, func(t *testing.T) {
			golden(t, nr.Name+".txt", []byte(RenderText(nr.Reply)))
		})
	}
}

func TestIndexSources_FirstAppearanceOrder(t *testing.T) {
	a := Source{Article: "7", Outlet: "A"}
	b := Source{Article: "3", Outlet: "B"}
	c := Source{Outlet: "C", URL: "https://c.example.org/x"}
	d := Source{Outlet: "D", Title: "no id, no url"}
	r := Reply{Items: []Item{
		{Sources: []Source{b}},
		{Claims: []Claim{{Sources: []Source{a, b}}, {Sources: []Source{c}}}},
		{Sources: []Source{d, a, {Article: "3", Outlet: "B again"}}},
	}}
	idx := IndexSources(r)
	var got []string
	for n := 1; n <= idx.Len(); n++ {
		got = append(got, idx.Source(n).Outlet)
	}
	if diff := cmp.Diff([]string{"B", "A", "C", "D"}, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	if n := idx.Number(Source{Article: "3"}); n != 1 {
		t.Errorf("Number(article 3) = %d, want 1", n)
	}
	if n := idx.Number(Source{Article: "99"}); n != 0 {
		t.Errorf("Number(uncited) = %d, want 0", n)
	}
}

func TestRenderText_Lines(t *testing.T) {
	src := Source{Article: "1", Outlet: "Tern Post", Published: "2025-03-02", URL: "https://tern.example.org/1"}
	long := strings.Repeat("lorem ipsum dolor ", 20)
	tests := []struct {
		name  string
		reply Reply
		want  []string // substrings, each expected on a line of its own
	}{
		{
			name:  "dated item with note",
			reply: Reply{Items: []Item{{Date: "2025-03-01", Text: "Boat launched.", Note: "planned", Sources: []Source{src}}}},
			want:  []string{"2025-03-01  Boat launched. [1]  (planned)", "[1] Tern Post, 2025-03-02 <https://tern.example.org/1>"},
		},
		{
			name:  "undated, unknown outlet",
			reply: Reply{Items: []Item{{Text: "Boat sank.", Sources: []Source{{Article: "2"}}}}},
			want:  []string{"undated     Boat sank. [1]", "[1] unknown outlet, undated"},
		},
		{
			name:  "label and month precision",
			reply: Reply{Items: []Item{{Date: "2025-03", Label: "contradiction", Text: "Crew size", Sources: []Source{src}}}},
			want:  []string{"2025-03     contradiction: Crew size [1]"},
		},
		{
			name: "claims",
			reply: Reply{Items: []Item{{Text: "Crew size", Claims: []Claim{
				{Value: "12", Sources: []Source{src, {Article: "2", Outlet: "Gull"}}},
				{Value: "9", Sources: []Source{{Article: "2", Outlet: "Gull"}}},
			}}}},
			want: []string{"undated     Crew size", `            • "12" [1][2]`, `            • "9" [2]`},
		},
		{
			name:  "control characters removed",
			reply: Reply{Title: "red \x1b[31malert\x1b[0m\nline two", Items: []Item{{Text: "bad \xff byte\tand tab", Sources: []Source{src}}}},
			want:  []string{"red [31malert [0m line two", "undated     bad \uFFFD byte and tab [1]"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RenderText(tt.reply)
			lines := strings.Split(got, "\n")
			for _, w := range tt.want {
				found := false
				for _, l := range lines {
					if l == w {
						found = true
					}
				}
				if !found {
					t.Errorf("no line %q in:\n%s", w, got)
				}
			}
			if strings.ContainsRune(got, '\x1b') {
				t.Errorf("output contains ESC:\n%q", got)
			}
		})
	}

	t.Run("wrapped with hanging indent", func(t *testing.T) {
		got := RenderText(Reply{Items: []Item{{Date: "2025-03-01", Text: long, Note: "planned", Sources: []Source{src}}}})
		lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		if len(lines) < 4 {
			t.Fatalf("expected a wrapped item, got:\n%s", got)
		}
		for i, l := range lines {
			if n := utf8.RuneCountInString(l); n > textWidth {
				t.Errorf("line %d has %d columns: %q", i, n, l)
			}
		}
		if !strings.HasPrefix(lines[1], strings.Repeat(" ", 12)) || lines[1][12] == ' ' {
			t.Errorf("continuation line not indented under the text: %q", lines[1])
		}
		if !strings.Contains(got, "[1]") || !strings.Contains(got, "(planned)") {
			t.Errorf("citation or note lost in wrapping:\n%s", got)
		}
	})
}

func TestRenderText_ErrorReply(t *testing.T) {
	got := RenderText(Reply{Title: "Unknown command: /x", Text: "Try /help", Error: true})
	want := "Unknown command: /x\nTry /help\n"
	if got != want {
		t.Errorf("RenderText = %q, want %q", got, want)
	}
	if got := RenderText(Reply{}); got != "" {
		t.Errorf("empty reply rendered as %q", got)
	}
}
