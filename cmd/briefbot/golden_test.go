package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// TestGoldenSampleReplies asks every command of the README about the sample
// articles and compares the text replies with golden files, so a change in
// what users read shows up in review. Regenerate with
// go test ./cmd/briefbot -run Golden -update.
func TestGoldenSampleReplies(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	cases := []struct{ name, cmd string }{
		{"timeline", "/timeline dorenko"},
		{"timeline_range", "/timeline dorenko since 2026-03-05 until 2026-03"},
		{"conflicts", "/conflicts"},
		{"conflicts_person", "/conflicts laskaris"},
		{"who", "/who valk"},
		{"quotes", "/quotes laskaris"},
		{"sources", "/sources lissen"},
		{"brief", "/brief 2026-03-05"},
		{"help", "/help timeline"},
		{"unknown_name", "/who nobody"},
		{"misspelled_name", "/timeline doremko"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := cli(t, db, "", "ask", c.cmd)
			if errs != "" {
				t.Logf("stderr: %s", errs)
			}
			got := "$ briefbot ask \"" + c.cmd + "\"  (exit " + string(rune('0'+code)) + ")\n" + out
			path := filepath.Join("testdata", "golden", c.name+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("reply to %s changed (run with -update if intended):\n--- want\n%s\n--- got\n%s", c.cmd, want, got)
			}
			if strings.Contains(c.name, "unknown") != (code != 0) {
				t.Errorf("exit %d", code)
			}
		})
	}
}
