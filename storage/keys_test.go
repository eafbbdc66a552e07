package storage

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/analysis"
)

func TestDateKey_SortsByTimeUndatedLast(t *testing.T) {
	// In the order their keys must sort.
	dates := []analysis.Date{
		year(1999),
		year(2025),
		month(2025, 1),
		day(2025, 1, 1),
		day(2025, 1, 31),
		month(2025, 8),
		day(2025, 8, 6),
		day(2025, 12, 31),
		year(2026),
		day(9999, 12, 31),
		{}, // undated
	}
	var keys [][]byte
	for _, d := range dates {
		k := dateKey(d)
		if len(k) != dateKeyLen {
			t.Fatalf("dateKey(%v) = %q, want %d bytes", d, k, dateKeyLen)
		}
		keys = append(keys, k)
		back, ok := parseDateKey(k)
		if !ok || back != d {
			t.Errorf("parseDateKey(%q) = %v, %v; want %v", k, back, ok, d)
		}
	}
	if !slices.IsSortedFunc(keys, bytes.Compare) {
		t.Errorf("date keys out of order: %q", keys)
	}
	if got := string(dateKey(day(2025, 8, 6))); got != "2025-08-06" {
		t.Errorf("dateKey(2025-08-06) = %q", got)
	}
}

func TestDateKey_NonCalendarDatesAreUndated(t *testing.T) {
	for _, d := range []analysis.Date{
		{Year: 0, Prec: analysis.Year},
		{Year: 10000, Prec: analysis.Year},
		{Year: -5, Month: 1, Day: 1, Prec: analysis.Day},
		{Year: 2025, Month: 13, Prec: analysis.Month},
		{Year: 2025, Month: 0, Day: 4, Prec: analysis.Day},
		{Year: 2025, Month: 2, Day: 40, Prec: analysis.Day},
		{Year: 2025, Month: 2, Day: 4}, // no precision
	} {
		if k := dateKey(d); !bytes.Equal(k, undatedKey) {
			t.Errorf("dateKey(%+v) = %q, want the undated key", d, k)
		}
	}
}

func TestParseDateKey_RejectsJunk(t *testing.T) {
	for _, k := range []string{"", "2025", "2025-08-6x", "2025/08/06", "0000-00-00", "2025-00-05", "2025-13-00", "abcd-ef-gh"} {
		if d, ok := parseDateKey([]byte(k)); ok {
			t.Errorf("parseDateKey(%q) = %v, true; want false", k, d)
		}
	}
}

func TestNormalizeURL(t *testing.T) {
	tests := []struct{ a, b string }{
		{"https://www.Example.org/news/a-story/", "http://example.org/news/a-story"},
		{"https://example.org/a?utm_source=tg&id=3&fbclid=x", "https://example.org/a?id=3"},
		{"https://example.org/a?b=2&a=1#comments", "https://example.org/a?a=1&b=2"},
		{"https://example.org:443/a", "https://example.org/a"},
		{"  not a url  ", "not a url"},
	}
	for _, tt := range tests {
		if ka, kb := normalizeURL(tt.a), normalizeURL(tt.b); ka != kb {
			t.Errorf("normalizeURL(%q) = %q, normalizeURL(%q) = %q; want equal", tt.a, ka, tt.b, kb)
		}
	}
	different := [][2]string{
		{"https://example.org/a", "https://example.org/b"},
		{"https://example.org/a?id=3", "https://example.org/a?id=4"},
		{"https://example.org/a", "https://example.net/a"},
		{"https://example.org:8080/a", "https://example.org/a"},
	}
	for _, p := range different {
		if normalizeURL(p[0]) == normalizeURL(p[1]) {
			t.Errorf("normalizeURL(%q) == normalizeURL(%q) = %q; want different", p[0], p[1], normalizeURL(p[0]))
		}
	}
	if normalizeURL("") != "" || normalizeURL("   ") != "" {
		t.Error("empty URL must give the empty key")
	}
	long := "https://example.org/" + strings.Repeat("x", 2*maxURLKey)
	if k := normalizeURL(long); len(k) > maxURLKey || !strings.HasPrefix(k, "sha256:") {
		t.Errorf("long URL key = %q…, want a short sha256 key", k[:min(len(k), 40)])
	}
}

func TestNameKey(t *testing.T) {
	k := nameKey("mara quill", 42)
	name, id, ok := splitNameKey(k)
	if !ok || string(name) != "mara quill" || id != 42 {
		t.Errorf("splitNameKey(nameKey) = %q, %d, %v", name, id, ok)
	}
	if !bytes.HasPrefix(k, namePrefix("mara quill")) {
		t.Error("key does not start with its prefix")
	}
	// "mara" must not find "mara quill"'s keys.
	if bytes.HasPrefix(k, namePrefix("mara")) {
		t.Error(`prefix of "mara" matches "mara quill"`)
	}
	for _, bad := range []string{"", "a\x00b", strings.Repeat("x", maxNameKey+1)} {
		if nameKey(bad, 1) != nil || namePrefix(bad) != nil {
			t.Errorf("name %q…: want no key", bad[:min(len(bad), 10)])
		}
	}
}
