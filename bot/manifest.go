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
// relative to the manifest). Each article is stored on its own, so a bad row
// fails alone; progress, if not nil, is called after each row. An error
// return means the manifest itself could not be read or ctx ended.
func (b *Bot) IngestManifest(ctx context.Context, fsys fs.FS, name string, origin string, progress func(done, total int)) (Summary, error) {
	var sum Summary
	f, err := fsys.Open(name)
	if err != nil {
		return sum, fmt.Errorf("open manifest: %w", err)
	}
	rows, err := ParseManifest(f)
	f.Close()
	if err != nil {
		return sum, fmt.Errorf("%s: %w", name, err)
	}
	dir := path.Dir(name)
	for i, row := range rows {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		label := row.File
		if row.Err != nil {
			b.lg.Warn("manifest row skipped", "manifest", name, "err", row.Err)
			sum.Add(label, IngestResult{}, row.Err)
		} else {
			res, err := b.ingestFile(ctx, fsys, path.Join(dir, row.File), row, origin)
			if err != nil && !analysis.IsInputError(err) && !isReadError(err) {
				return sum, err
			}
			if err != nil {
				b.lg.Warn("article not ingested", "file", row.File, "err", err)
			}
			sum.Add(label, res, err)
		}
		if progress != nil {
			progress(i+1, len(rows))
		}
	}
	return sum, nil
}

type readError struct{ err error }

func (e readError) Error() string { return e.err.Error() }
func (e readError) Unwrap() error { return e.err }

func isReadError(err error) bool {
	var re readError
	return errors.As(err, &re)
}

func (b *Bot) ingestFile(ctx context.Context, fsys fs.FS, name string, row ManifestRow, origin string) (IngestResult, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return IngestResult{}, readError{fmt.Errorf("line %d: file %s does not exist", row.Line, row.File)}
		}
		return IngestResult{}, readError{fmt.Errorf("line %d: read %s: %w", row.Line, row.File, err)}
	}
	doc := analysis.Document{
		Text: string(data), Outlet: row.Outlet, URL: row.URL, Published: row.Published,
		Received: b.now().UTC(), Origin: analysis.Origin{Kind: origin, Ref: name},
	}
	return b.Ingest(ctx, doc)
}
