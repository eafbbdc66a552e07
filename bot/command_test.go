package bot

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseCommand(t *testing.T) {
	tests := []struct {
		in   string
		want Parsed
		ok   bool
	}{
		{"/timeline witkoff", Parsed{Name: "timeline", Args: "witkoff"}, true},
		{"  /Timeline   Steve Witkoff  ", Parsed{Name: "timeline", Args: "Steve Witkoff"}, true},
		{"/timeline@briefbot witkoff", Parsed{Name: "timeline", Bot: "briefbot", Args: "witkoff"}, true},
		{"/conflicts", Parsed{Name: "conflicts"}, true},
		{"/help\ttimeline", Parsed{Name: "help", Args: "timeline"}, true},
		{"/who\nushakov", Parsed{Name: "who", Args: "ushakov"}, true},
		{"/", Parsed{}, false},
		{"/ timeline", Parsed{}, false},
		{"//timeline", Parsed{}, false},
		{"/123", Parsed{}, false},
		{"timeline witkoff", Parsed{}, false},
		{"/tïmeline", Parsed{}, false},
		{"", Parsed{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseCommand(tt.in)
		if ok != tt.ok {
			t.Errorf("ParseCommand(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseCommand(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func FuzzParseCommand(f *testing.F) {
	for _, s := range []string{"/timeline witkoff", "/who@bot x", "/", "hello", "/a b c since 2025", "/\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := ParseCommand(s)
		if !ok {
			return
		}
		if p.Name == "" || p.Name != strings.ToLower(p.Name) {
			t.Fatalf("bad name %q from %q", p.Name, s)
		}
		if p.Args != strings.TrimSpace(p.Args) {
			t.Fatalf("args not trimmed: %q", p.Args)
		}
	})
}

func TestSplitRange(t *testing.T) {
	tests := []struct{ in, name, since, until string }{
		{"witkoff", "witkoff", "", ""},
		{"Steve Witkoff since 2025-08", "Steve Witkoff", "2025-08", ""},
		{"witkoff since 2025-08-01 until 2025-08-31", "witkoff", "2025-08-01", "2025-08-31"},
		{"witkoff until 6 August 2025", "witkoff", "", "6 August 2025"},
		{"since 2025", "", "2025", ""},
	}
	for _, tt := range tests {
		n, s, u := splitRange(tt.in)
		if n != tt.name || s != tt.since || u != tt.until {
			t.Errorf("splitRange(%q) = %q, %q, %q; want %q, %q, %q", tt.in, n, s, u, tt.name, tt.since, tt.until)
		}
	}
}
