package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/storage"
)

// cli runs briefbot with args against the database db, stdin in, and an
// empty environment, returning the exit code and both outputs.
func cli(t *testing.T, db, in string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := map[string]string{"BRIEFBOT_DB": db}
	code = run(context.Background(), args, strings.NewReader(in), &out, &errb, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

func stats(t *testing.T, path string) storage.Stats {
	t.Helper()
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := db.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Check(context.Background()); err != nil {
		t.Fatalf("database check: %v", err)
	}
	st.SizeBytes = 0
	return st
}

const article = `Harbor council approves new ferry line

The harbor council of Port Velin approved a new ferry line to the islands on Tuesday, council chair Mira Olsen said.
The line will start in June and run four times a day, Olsen told reporters after a two-hour session.
"This connects the islands to the mainland all year," she said.
`

func TestIngestAndAsk(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "b.db")
	f := filepath.Join(dir, "ferry.txt")
	if err := os.WriteFile(f, []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := cli(t, db, "", "ingest", "--published", "2026-05-06", "--outlet", "Velin Post", f)
	if code != 0 || !strings.Contains(out, "1 ingested, 0 duplicates skipped, 0 failed") {
		t.Fatalf("ingest: code %d, out %q, err %q", code, out, errs)
	}
	before := stats(t, db)
	code, out, _ = cli(t, db, "", "ingest", "--published", "2026-05-06", f)
	if code != 0 || !strings.Contains(out, "0 ingested, 1 duplicates skipped") {
		t.Fatalf("re-ingest: code %d, out %q", code, out)
	}
	if after := stats(t, db); after != before {
		t.Errorf("re-ingest changed the database: %+v → %+v", before, after)
	}

	code, out, errs = cli(t, db, "", "ask", "--format", "json", "/timeline olsen")
	if code != 0 {
		t.Fatalf("ask: code %d, err %q", code, errs)
	}
	var r struct {
		Command string
		Query   string
		Title   string
		Items   []struct {
			Date    string
			Text    string
			Sources []map[string]string
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("ask json: %v\n%s", err, out)
	}
	if r.Command != "timeline" || r.Query != "olsen" || len(r.Items) == 0 {
		t.Fatalf("reply = %+v", r)
	}
	if r.Items[0].Date != "2026-05-05" {
		t.Errorf("\"on Tuesday\" in an article of Wednesday 2026-05-06 resolved to %q, want 2026-05-05", r.Items[0].Date)
	}
	src := r.Items[0].Sources[0]
	for _, k := range []string{"article", "outlet", "title", "url", "published", "evidence"} {
		if _, ok := src[k]; !ok {
			t.Errorf("source lacks %q: %v", k, src)
		}
	}
	if src["outlet"] != "Velin Post" || src["published"] != "2026-05-06" {
		t.Errorf("source = %v", src)
	}

	for _, format := range []string{"text", "slack", "telegram"} {
		if code, out, errs := cli(t, db, "", "ask", "--format", format, "/who olsen"); code != 0 || !strings.Contains(out, "Olsen") {
			t.Errorf("ask --format %s: code %d, out %q, err %q", format, code, out, errs)
		}
	}

	backup := filepath.Join(dir, "copy.db")
	if code, _, errs := cli(t, db, "", "backup", backup); code != 0 {
		t.Fatalf("backup: %d %s", code, errs)
	}
	if got := stats(t, backup); got != before {
		t.Errorf("backup stats %+v, want %+v", got, before)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := write("empty.txt", []byte("   \n\n"))
	big := write("big.txt", bytes.Repeat([]byte("All work and no play makes a dull article. "), 5<<20/43+1))
	binary := write("bin.txt", []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 3, 0, 0, 0})
	invalid := write("latin1.txt", []byte("The caf\xe9 on the harbor reopened on Tuesday after a long renovation, its owner said."))
	good := write("good.txt", []byte(article))
	manifest := write("index.tsv", []byte("file\tpublished\toutlet\n"+
		"good.txt\t2026-05-06\tVelin Post\n"+
		"missing.txt\t2026-05-06\tX\n"+
		"good.txt\t06/05/2026\tX\n"))

	tests := []struct {
		name string
		args []string
		in   string
		want string // in stdout or stderr
	}{
		{"empty text", []string{"ingest", empty}, "", "empty"},
		{"5 MB of text", []string{"ingest", big}, "", "the most I read"},
		{"binary bytes", []string{"ingest", binary}, "", "binary"},
		{"invalid UTF-8", []string{"ingest", invalid}, "", "not valid UTF-8"},
		{"empty stdin", []string{"ingest", "-"}, "", "empty"},
		{"missing file", []string{"ingest", filepath.Join(dir, "nope.txt")}, "", "no such file"},
		{"manifest with bad rows", []string{"ingest", "--manifest", manifest}, "", "missing.txt does not exist"},
		{"malformed manifest date", []string{"ingest", "--manifest", manifest}, "", "not YYYY-MM-DD"},
		{"malformed --published", []string{"ingest", "--published", "yesterday", good}, "", "--published"},
		{"unknown command", []string{"ask", "/frobnicate"}, "", "There is no command /frobnicate"},
		{"command without its argument", []string{"ask", "/timeline"}, "", "needs an argument"},
		{"unknown name", []string{"ask", "/who nobodyatall"}, "", "No one named"},
		{"bad since date", []string{"ask", "/timeline olsen since someday"}, "", "not a date"},
		{"unknown subcommand", []string{"frobnicate"}, "", "unknown command"},
		{"unknown format", []string{"ask", "--format", "xml", "/help"}, "", "unknown format"},
		{"private link refused", []string{"ingest", "http://127.0.0.1:9/a.html"}, "", "won't fetch 127.0.0.1: private address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "b.db")
			code, out, errs := cli(t, db, tt.in, append([]string{"--no-samples"}, tt.args...)...)
			if code == 0 {
				t.Errorf("exit status 0, want non-zero (out %q)", out)
			}
			if !strings.Contains(out+errs, tt.want) {
				t.Errorf("output does not say %q:\nstdout: %s\nstderr: %s", tt.want, out, errs)
			}
			if strings.Contains(out+errs, "panic") || strings.Contains(out+errs, "goroutine ") {
				t.Errorf("panic: %s", errs)
			}
			if _, err := os.Stat(db); err == nil {
				st := stats(t, db)
				// only the good row of the manifest may have been stored
				if st.Articles > 1 {
					t.Errorf("bad input stored %d articles", st.Articles)
				}
			}
		})
	}
}

func TestDatabaseInUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.db")
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	code, _, errs := cli(t, path, "", "--no-samples", "ask", "/help")
	if code == 0 || !strings.Contains(errs, "is in use by another briefbot") {
		t.Errorf("code %d, stderr %q", code, errs)
	}
}

func TestConsoleScripted(t *testing.T) {
	db := filepath.Join(t.TempDir(), "b.db")
	in := "/sources\n\n" + article + "\n\n/timeline olsen\n/quit\n/help\n"
	code, out, errs := cli(t, db, in, "console")
	if code != 0 {
		t.Fatalf("console: code %d, stderr %s", code, errs)
	}
	for _, want := range []string{"Sources", "Added #", "Timeline: Mira Olsen", "2026"} {
		if !strings.Contains(out, want) {
			t.Errorf("console output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "briefbot reads the news") {
		t.Error("a command after /quit was run")
	}
	// the samples were loaded into the empty database
	if st := stats(t, db); st.Articles < 7 {
		t.Errorf("%d articles after first run, want the samples and one more", st.Articles)
	}
}

func TestEval_JSONKeys(t *testing.T) {
	data := "../../../shared/data"
	if _, err := os.Stat(data); err != nil {
		t.Skipf("the evaluation data is not here (%s): it lives in ../shared/data beside the repository", data)
	}
	want := map[string][]string{
		"timex":  {"strict_f1", "relaxed_f1", "value_f1", "type_accuracy"},
		"ner":    {"f1", "per_f1", "org_f1", "loc_f1", "misc_f1"},
		"quotes": {"content_f1", "speaker_accuracy"},
		"xdoc":   {"mention_f1", "bcubed_f1"},
	}
	for task, keys := range want {
		t.Run(task, func(t *testing.T) {
			code, out, errs := cli(t, filepath.Join(t.TempDir(), "e.db"), "", "eval", task, "--data", data, "--json")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var got map[string]float64
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			for _, k := range keys {
				v, ok := got[k]
				if !ok || v < 0 || v > 100 {
					t.Errorf("key %s = %v, %v (want a percentage)", k, v, ok)
				}
			}
		})
	}
	if code, _, errs := cli(t, "x.db", "", "eval", "nope", "--data", data); code == 0 || !strings.Contains(errs, "unknown task") {
		t.Errorf("unknown task: %d %s", code, errs)
	}
}
