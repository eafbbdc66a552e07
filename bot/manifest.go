package bot

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/briefbot/briefbot/analysis"
)

// ManifestRow is one article listed in a manifest.
type ManifestRow struct {
	Line      int    // line number in the manifest, from 1
	File      string // slash-separated, relative to the manifest
	Published time.Time
	Outlet    string
	URL       string
	Err       error // what is wrong with the row (bad date, no file name); nil when fine
}

// ParseManifest reads a tab-separated manifest: a header naming the columns
// file, published and outlet (in any order, optionally url), then one row per
// article. published is YYYY-MM-DD (or RFC 3339), and may be empty; outlet
// and url may be empty. A row with a problem is returned with Err set, so
// the other rows can still be read; an error return means the manifest as a
// whole cannot be read (no header, no file column).
func ParseManifest(r io.Reader) ([]ManifestRow, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var rows []ManifestRow
	col := map[string]int{}
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		if len(col) == 0 {
			for i, f := range fields {
				col[strings.ToLower(strings.TrimSpace(f))] = i
			}
			if _, ok := col["file"]; !ok {
				return nil, fmt.Errorf("manifest line %d: the header must name the columns file, published, outlet[, url] separated by tabs; got %q", line, text)
			}
			continue
		}
		get := func(name string) string {
			i, ok := col[name]
			if !ok || i >= len(fields) {
				return ""
			}
			return strings.TrimSpace(fields[i])
		}
		row := ManifestRow{Line: line, File: get("file"), Outlet: get("outlet"), URL: get("url")}
		if row.File == "" {
			row.Err = fmt.Errorf("line %d: no file name", line)
		} else if p := get("published"); p != "" {
			t, err := parsePublished(p)
			if err != nil {
				row.Err = fmt.Errorf("line %d: %w", line, err)
			}
			row.Published = t
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	if len(col) == 0 {
		return nil, errors.New("the manifest is empty: it needs a header line (file, published, outlet[, url])")
	}
	return rows, nil
}

// parsePublished reads a publication date: YYYY-MM-DD or RFC 3339.
func parsePublished(s string) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("published date %q is not YYYY-MM-DD", s)
}

// ParsePublished is parsePublished for the command line's --published.
func ParsePublished(s string) (time.Time, error) { return parsePublished(s) }

// Failure is one input that could not be ingested, and why.
type Failure struct {
	Name   string
	Reason string
}

// Summary counts what a batch ingest did.
type Summary struct {
	Ingested   int
	Duplicates int
	Failed     []Failure
}

// Add records one result.
func (s *Summary) Add(name string, res IngestResult, err error) {
	switch {
	case err != nil:
		s.Failed = append(s.Failed, Failure{Name: name, Reason: err.Error()})
	case res.Duplicate:
		s.Duplicates++
	default:
		s.Ingested++
	}
}

// String is the summary line: "5 ingested, 0 duplicates skipped, 1 failed".
func (s Summary) String() string {
	return fmt.Sprintf("%d ingested, %d duplicates skipped, %d failed", s.Ingested, s.Duplicates, len(s.Failed))
}

// IngestManifest ingests the articles a manifest in fsys lists (file paths
// relative to the manifest) through IngestBatch: analysed in parallel,
// stored in batches, in the manifest's order. A bad row or file fails alone;
// progress, if not nil, is called after each stored batch. An error return
// means the manifest itself could not be read, the store failed, or ctx
// ended.
func (b *Bot) IngestManifest(ctx context.Context, fsys fs.FS, name string, origin string, progress func(done, total int)) (Summary, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return Summary{}, fmt.Errorf("open manifest: %w", err)
	}
	rows, err := ParseManifest(f)
	f.Close()
	if err != nil {
		return Summary{}, fmt.Errorf("%s: %w", name, err)
	}
	dir := path.Dir(name)
	items := func(yield func(BatchItem) bool) {
		for _, row := range rows {
			it := BatchItem{Name: row.File, Load: func() (analysis.Document, error) {
				if row.Err != nil {
					return analysis.Document{}, row.Err
				}
				return b.loadFile(fsys, path.Join(dir, row.File), row, origin)
			}}
			if !yield(it) {
				return
			}
		}
	}
	opts := BatchOptions{}
	if progress != nil {
		opts.Progress = func(done int) { progress(done, len(rows)) }
	}
	return b.IngestBatch(ctx, items, opts)
}

type readError struct{ err error }

func (e readError) Error() string { return e.err.Error() }
func (e readError) Unwrap() error { return e.err }

// loadFile reads one manifest row's file into a document.
func (b *Bot) loadFile(fsys fs.FS, name string, row ManifestRow, origin string) (analysis.Document, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return analysis.Document{}, fmt.Errorf("line %d: file %s does not exist", row.Line, row.File)
		}
		return analysis.Document{}, fmt.Errorf("line %d: read %s: %w", row.Line, row.File, err)
	}
	return analysis.Document{
		Text: string(data), Outlet: row.Outlet, URL: row.URL, Published: row.Published,
		Received: b.now().UTC(), Origin: analysis.Origin{Kind: origin, Ref: name},
	}, nil
}
