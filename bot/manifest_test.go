package bot

import (
	"strings"
	"testing"
)

func TestParseManifest(t *testing.T) {
	in := "file\tpublished\toutlet\turl\n" +
		"a.txt\t2025-08-06\tNorth Post\thttps://example.org/a\n" +
		"\n" +
		"# a comment\n" +
		"b.txt\t2025-13-01\t\t\n" +
		"c.txt\t\tHarbor Wire\n" +
		"\t2025-08-06\tX\n" +
		"d.txt\t2025-08-07T10:00:00+03:00\n"
	rows, err := ParseManifest(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 {
		t.Fatalf("got %d rows, want 5", len(rows))
	}
	if r := rows[0]; r.File != "a.txt" || r.Outlet != "North Post" || r.URL != "https://example.org/a" || r.Published.Format("2006-01-02") != "2025-08-06" || r.Err != nil {
		t.Errorf("row 0 = %+v", r)
	}
	if r := rows[1]; r.Err == nil || !strings.Contains(r.Err.Error(), "line 5") || !strings.Contains(r.Err.Error(), "not YYYY-MM-DD") {
		t.Errorf("malformed date: err = %v", r.Err)
	}
	if r := rows[2]; r.Err != nil || !r.Published.IsZero() || r.Outlet != "Harbor Wire" {
		t.Errorf("row without date = %+v", r)
	}
	if r := rows[3]; r.Err == nil || !strings.Contains(r.Err.Error(), "no file name") {
		t.Errorf("row without file: err = %v", r.Err)
	}
	if r := rows[4]; r.Err != nil || r.Published.IsZero() {
		t.Errorf("RFC 3339 row = %+v", r)
	}
}

func TestParseManifest_Bad(t *testing.T) {
	for _, in := range []string{"", "\n\n", "name,date\nx,y\n", "published\toutlet\n"} {
		if _, err := ParseManifest(strings.NewReader(in)); err == nil {
			t.Errorf("ParseManifest(%q) accepted", in)
		}
	}
}

func FuzzParseManifest(f *testing.F) {
	f.Add("file\tpublished\toutlet\na.txt\t2025-08-06\tX\n")
	f.Add("\ufefffile\tpublished\n\t\t\t\n")
	f.Fuzz(func(t *testing.T, s string) {
		rows, err := ParseManifest(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, r := range rows {
			if r.File == "" && r.Err == nil {
				t.Fatalf("row without file and without error: %+v", r)
			}
		}
	})
}
