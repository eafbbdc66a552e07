package timex

import (
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"testing"
)

// TestTBAQParts scores the two halves of the dev split separately
// (TimeBank and AQUAINT), a check of how rules fitted on one half carry to
// the other. It runs only when TIMEX_TBAQ_PARTS is set; when that names a
// folder, the errors of each part are written there as <part>.txt.
func TestTBAQParts(t *testing.T) {
	out := os.Getenv("TIMEX_TBAQ_PARTS")
	if out == "" {
		t.Skip("set TIMEX_TBAQ_PARTS=1 (or a folder for error lists) to score TimeBank and AQUAINT separately")
	}
	fsys := dataFS(t)
	for _, part := range []string{"TimeBank", "AQUAINT"} {
		dir := path.Join(DataDir, "TBAQ-cleaned", part)
		var files []string
		err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".tml") {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		sort.Strings(files)
		var total Scores
		var errs strings.Builder
		for _, p := range files {
			doc, err := readTimeMLFile(fsys, p)
			if err != nil {
				t.Fatal(err)
			}
			pred := FromExprs(Tag(doc.Text, doc.DCT))
			total = total.Add(Score(doc.Timexes, pred))
			writeErrors(&errs, path.Base(p), doc, pred)
		}
		t.Logf("%s (%d docs): %s", part, len(files), fmtMetrics(total.report("dev", part, len(files))))
		if st, err := os.Stat(out); err == nil && st.IsDir() {
			if err := os.WriteFile(path.Join(out, part+".txt"), []byte(errs.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
