package console

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/storage"
)

const articleA = `Harbor council approves new ferry line

The harbor council of Port Velin approved a new ferry line to the islands on Tuesday, council chair Mira Olsen said.

The line will start in June and run four times a day, Olsen told reporters after a two-hour session.`

const articleB = `Bridge repairs begin in Tarn

Repairs on the old stone bridge in Tarn began on Monday and will last six weeks, the city engineer Pavel Runo said.`

func runConsole(t *testing.T, in string) (string, int) {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "c.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	lg := slog.New(slog.NewTextHandler(io.Discard, nil))
	var out bytes.Buffer
	failures, err := New(lg, bot.New(lg, db), strings.NewReader(in), &out, false).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return out.String(), failures
}

func TestConsole_Grammar(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		added    int // "Added #" replies
		failures int
		want     []string
	}{
		{"article with blank lines between paragraphs is one article", articleA + "\n", 1, 0, nil},
		{"two blank lines separate articles", articleA + "\n\n\n" + articleB + "\n", 2, 0, nil},
		{"--- separates articles", articleA + "\n---\n" + articleB, 2, 0, nil},
		{"a command ends an article", articleA + "\n/sources\n", 1, 0, []string{"Sources", "1 article."}},
		{"quit stops", "/help\n/quit\n/sources\n", 0, 0, []string{"briefbot reads the news"}},
		{"unknown command counts as a failure", "/nope\n/help\n", 0, 1, []string{"There is no command /nope"}},
		{"short text is no article", "hello there\n", 0, 1, []string{"too short to be an article"}},
		{"the same article twice", articleA + "\n---\n" + articleA + "\n", 1, 0, []string{"Already read"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, failures := runConsole(t, tt.in)
			if got := strings.Count(out, "Added #"); got != tt.added {
				t.Errorf("%d articles added, want %d:\n%s", got, tt.added, out)
			}
			if failures != tt.failures {
				t.Errorf("failures = %d, want %d:\n%s", failures, tt.failures, out)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestConsole_StopsWhenContextEnds(t *testing.T) {
	db, err := storage.Open(filepath.Join(t.TempDir(), "c.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lg := slog.New(slog.NewTextHandler(io.Discard, nil))
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := New(lg, bot.New(lg, db), pr, io.Discard, false).Run(ctx)
		done <- err
	}()
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
