package quote

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/analysis/entity"

	"github.com/briefbot/briefbot/analysis/textseg"
)

// TestExtract_Seeds runs over the real seed articles with the names of
// entity.Extract: spans are valid and nearly every quote of three words or more
// gets a speaker (a quoted phrase with no speech verb may not).
func TestExtract_Seeds(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/seeds/*.txt")
	if len(files) == 0 {
		t.Skip("no seed articles in ../../../shared/seeds (the shared folder is a sibling of the module root)")
	}
	total, attributed := 0, 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		for _, q := range Extract(text, textseg.Split(text), Names(entity.Extract(text, nil))) {
			checkQuote(t, text, q)
			if len(strings.Fields(q.Text)) < 3 {
				continue
			}
			total++
			if q.SpeakerText != "" {
				attributed++
			} else {
				t.Logf("%s: no speaker for %.60q", filepath.Base(f), q.Text)
			}
			t.Logf("%s: %q %s %.50q", filepath.Base(f), q.SpeakerText, q.Cue, q.Text)
		}
	}
	if total == 0 || float64(attributed) < 0.85*float64(total) {
		t.Errorf("%d of %d quotes attributed, want at least 85%%", attributed, total)
	}
}
