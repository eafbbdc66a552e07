//go:build linux

package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot/analysis"
	"github.com/briefbot/briefbot/analysis/clean"
	"github.com/briefbot/briefbot/storage"
)

// The fault tests run briefbot in a child process they can kill or starve of
// disk: the test binary itself, started with -test.run=^TestFaultChild$ and
// these variables set.
const (
	faultChildEnv = "BRIEFBOT_FAULT_CHILD" // "1" in the child
	faultArgsEnv  = "BRIEFBOT_FAULT_ARGS"  // the command line, a JSON array
	faultFsizeEnv = "BRIEFBOT_FAULT_FSIZE" // RLIMIT_FSIZE in bytes, if set
)

// bbcDir is the BBC News corpus beside the repository (see its README).
const bbcDir = "../../../shared/data/bbc_news/bbc"

// TestFaultChild is not a test: it is the briefbot process the fault tests
// start, kill and limit. Without BRIEFBOT_FAULT_CHILD=1 it skips.
func TestFaultChild(t *testing.T) {
	if os.Getenv(faultChildEnv) != "1" {
		t.Skip("helper process of the fault tests; runs only when they start it")
	}
	os.Exit(faultChildMain())
}

// faultChildMain runs the briefbot command line from BRIEFBOT_FAULT_ARGS,
// with the file size limit from BRIEFBOT_FAULT_FSIZE, and returns the exit
// code. Writes past the limit fail with EFBIG ("file too large"), as on a
// full disk, instead of killing the process with SIGXFSZ.
func faultChildMain() int {
	var args []string
	if err := json.Unmarshal([]byte(os.Getenv(faultArgsEnv)), &args); err != nil {
		fmt.Fprintln(os.Stderr, "fault child: bad", faultArgsEnv, err)
		return 3
	}
	if s := os.Getenv(faultFsizeEnv); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			fmt.Fprintln(os.Stderr, "fault child: bad", faultFsizeEnv, err)
			return 3
		}
		signal.Ignore(syscall.SIGXFSZ)
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
			fmt.Fprintln(os.Stderr, "fault child: setrlimit:", err)
			return 3
		}
	}
	// an empty environment, as in cli: the child's own variables (tokens,
	// BRIEFBOT_DB) must not change what it does
	getenv := func(string) string { return "" }
	return run(context.Background(), args, strings.NewReader(""), os.Stdout, os.Stderr, getenv)
}

// childResult is how a child briefbot ended.
type childResult struct {
	code    int  // exit status; -1 when killed by a signal
	killed  bool // the test killed it before it exited
	elapsed time.Duration
	stdout  string
	stderr  string
}

// runChild runs briefbot args in a child process. With killAfter > 0 the
// child gets SIGKILL after that long unless it has exited already; with
// fsize > 0 its file size limit is fsize bytes.
func runChild(t *testing.T, args []string, fsize int64, killAfter time.Duration) childResult {
	t.Helper()
	js, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestFaultChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), faultChildEnv+"=1", faultArgsEnv+"="+string(js))
	if fsize > 0 {
		cmd.Env = append(cmd.Env, faultFsizeEnv+"="+strconv.FormatInt(fsize, 10))
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatalf("start child: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var res childResult
	if killAfter > 0 {
		timer := time.NewTimer(killAfter)
		select {
		case err = <-done:
			timer.Stop()
		case <-timer.C:
			kerr := cmd.Process.Kill()
			err = <-done
			res.killed = kerr == nil && signaled(cmd.ProcessState)
		}
	} else {
		err = <-done
	}
	res.elapsed = time.Since(start)
	res.stdout, res.stderr = out.String(), errb.String()
	res.code = cmd.ProcessState.ExitCode()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("child: %v", err)
	}
	if !res.killed && signaled(cmd.ProcessState) {
		t.Fatalf("child died of a signal nobody sent (%v):\n%s", cmd.ProcessState, res.stderr)
	}
	return res
}

func signaled(ps *os.ProcessState) bool {
	ws, ok := ps.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled()
}

// faultCorpus copies the first n BBC News articles (bbc/*/*.txt in sorted
// order) into a new directory and returns it with the number of distinct
// articles among them (by analysis.ContentHash of the cleaned text, as
// storage deduplicates). It skips the test when the corpus is absent.
func faultCorpus(t *testing.T, n int) (dir string, distinct int) {
	t.Helper()
	if _, err := os.Stat(bbcDir); err != nil {
		t.Skipf("the BBC News corpus is not here (%s): it lives in ../shared/data/bbc_news beside the repository", bbcDir)
	}
	var files []string
	err := filepath.WalkDir(bbcDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".txt") && filepath.Dir(filepath.Dir(p)) == filepath.Clean(bbcDir) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("list corpus: %v", err)
	}
	slices.Sort(files)
	if len(files) < n {
		t.Fatalf("corpus has %d articles, want at least %d", len(files), n)
	}
	dir = filepath.Join(t.TempDir(), "corpus")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	hashes := map[string]bool{}
	for i, p := range files[:n] {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// one flat directory, names in the corpus order
		name := fmt.Sprintf("%04d-%s-%s", i, filepath.Base(filepath.Dir(p)), filepath.Base(p))
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		if analysis.CheckText(string(data)) == nil {
			hashes[analysis.ContentHash(clean.Clean(string(data)).Text)] = true
		}
	}
	return dir, len(hashes)
}

// ingestArgs is the command line that ingests the corpus dir into db.
func ingestArgs(db, dir string) []string {
	return []string{"--no-samples", "--db", db, "ingest", "--published", "2005-03-01", "--outlet", "BBC News", dir}
}

// refArticle is what a whole stored article has, from a clean ingest.
type refArticle struct {
	facts int // facts stored
	dated int // of them in the by_date index
}

// dbReport is what verifyDB found.
type dbReport struct {
	articles int // articles stored
	facts    int
	checkOK  bool                  // storage.DB.Check passed
	checkErr error                 // what it said when it did not
	whole    map[string]refArticle // by content hash, see wholeness
}

// verifyDB opens the database at path, runs Check and verifies that every
// stored article is whole (see inspectDB). Problems are reported with
// t.Errorf, prefixed with label; a database that does not open is fatal.
func verifyDB(t *testing.T, label, path string, ref map[string]refArticle) dbReport {
	t.Helper()
	rep, err := inspectDB(path, ref, true)
	if err != nil {
		t.Errorf("%s: %v", label, err)
	}
	return rep
}

// inspectDB opens the database at path, runs Check and verifies that every
// stored article is whole: stored once (by content hash), known to ref, with
// ref's number of facts, each fact listed under every entity it names
// (by_entity), in a sighting of each such entity, and ref's number of its
// facts in the by_date index; Stats agree. It returns what it counted and
// the problems found. check false skips Check, to test the rest alone.
func inspectDB(path string, ref map[string]refArticle, check bool) (rep dbReport, err error) {
	ctx := context.Background()
	db, err := storage.Open(path, storage.Options{Timeout: 5 * time.Second})
	if err != nil {
		return rep, fmt.Errorf("open after the fault: %w", err)
	}
	defer func() {
		if cerr := db.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	if check {
		if rep.checkErr = db.Check(ctx); rep.checkErr != nil {
			return rep, fmt.Errorf("database check: %w", rep.checkErr)
		}
		rep.checkOK = true
	}
	got, err := wholeness(ctx, db)
	if err != nil {
		return rep, err
	}
	rep.articles, rep.whole = len(got), got
	var problems []error
	for h, g := range got {
		rep.facts += g.facts
		want, ok := ref[h]
		if !ok {
			problems = append(problems, fmt.Errorf("stored article with hash %.12s is not in the reference database", h))
		} else if g != want {
			problems = append(problems, fmt.Errorf("article %.12s has %d facts (%d dated), want %d (%d dated)", h, g.facts, g.dated, want.facts, want.dated))
		}
	}
	st, err := db.Stats(ctx)
	if err != nil {
		problems = append(problems, err)
	} else if st.Articles != rep.articles || st.Facts != rep.facts {
		problems = append(problems, fmt.Errorf("stats say %d articles and %d facts, the articles have %d and %d", st.Articles, st.Facts, rep.articles, rep.facts))
	}
	return rep, errors.Join(problems...)
}

// wholeness returns, by content hash, the facts and dated facts of every
// stored article, after checking each fact's entity index entries and
// sightings. An article stored twice is an error.
func wholeness(ctx context.Context, db *storage.DB) (map[string]refArticle, error) {
	arts, err := db.Articles(ctx)
	if err != nil {
		return nil, err
	}
	dated, err := db.FactsBetween(ctx, analysis.Date{}, analysis.Date{})
	if err != nil {
		return nil, err
	}
	datedByArticle := map[uint64]int{}
	for _, f := range dated {
		datedByArticle[f.Article]++
	}
	type factID struct {
		art uint64
		seq uint32
	}
	aboutCache := map[uint64]map[factID]bool{}
	sightCache := map[uint64]map[uint64]bool{}
	entityIndex := func(e uint64) (map[factID]bool, map[uint64]bool, error) {
		if m, ok := aboutCache[e]; ok {
			return m, sightCache[e], nil
		}
		fs, err := db.FactsAbout(ctx, e)
		if err != nil {
			return nil, nil, err
		}
		m := map[factID]bool{}
		for _, f := range fs {
			m[factID{f.Article, f.Seq}] = true
		}
		ss, err := db.Sightings(ctx, e)
		if err != nil {
			return nil, nil, err
		}
		s := map[uint64]bool{}
		for _, x := range ss {
			s[x.Article] = true
		}
		aboutCache[e], sightCache[e] = m, s
		return m, s, nil
	}
	out := map[string]refArticle{}
	for _, a := range arts {
		if _, dup := out[a.Hash]; dup {
			return nil, fmt.Errorf("article %d (%q) is stored twice", a.ID, a.Title)
		}
		facts, err := db.ArticleFacts(ctx, a.ID)
		if err != nil {
			return nil, err
		}
		for i, f := range facts {
			if f.Article != a.ID || int(f.Seq) != i {
				return nil, fmt.Errorf("article %d: fact %d is %d/%d", a.ID, i, f.Article, f.Seq)
			}
			for _, e := range factEntityIDs(f) {
				about, seen, err := entityIndex(e)
				if err != nil {
					return nil, fmt.Errorf("article %d fact %d: %w", a.ID, f.Seq, err)
				}
				if !about[factID{a.ID, f.Seq}] {
					return nil, fmt.Errorf("article %d fact %d names entity %d but is not in its by_entity index", a.ID, f.Seq, e)
				}
				if !seen[a.ID] {
					return nil, fmt.Errorf("article %d fact %d names entity %d, which has no sighting in the article", a.ID, f.Seq, e)
				}
			}
		}
		out[a.Hash] = refArticle{facts: len(facts), dated: datedByArticle[a.ID]}
	}
	return out, nil
}

// factEntityIDs returns the distinct non-zero entity ids a fact names.
func factEntityIDs(f analysis.Fact) []uint64 {
	var out []uint64
	for _, id := range append(slices.Clone(f.Entities), f.Speaker, f.Subject) {
		if id != 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// refCounts returns wholeness of the database at path, which must pass
// Check.
func refCounts(t *testing.T, path string) map[string]refArticle {
	t.Helper()
	ctx := context.Background()
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Check(ctx); err != nil {
		t.Fatalf("reference database: %v", err)
	}
	ref, err := wholeness(ctx, db)
	if err != nil {
		t.Fatalf("reference database: %v", err)
	}
	return ref
}

// tornCommit reports whether the bbolt file at path holds pages written past
// the end its newest valid meta page records: the trace of a commit cut
// between its page writes and its meta write (bbolt writes the meta last).
// A commit cut earlier, or one whose pages all reused freed space inside the
// file, leaves no such trace, so this undercounts. known is false when the
// file's meta pages are not what this function understands (another bbolt
// format or byte order).
func tornCommit(path string) (torn, known bool, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return false, false, err
	}
	const (
		pageHeader = 16         // id, flags, count, overflow
		metaLen    = 64         // magic … txid, checksum
		magic      = 0xED0CDAED // bbolt's
	)
	// meta returns the high-water mark (in bytes) and txid of the meta page
	// at off, ok false when it is not a valid meta page
	meta := func(off int) (end, txid uint64, pageSize int, ok bool) {
		if off < 0 || off+pageHeader+metaLen > len(data) {
			return 0, 0, 0, false
		}
		m := data[off+pageHeader : off+pageHeader+metaLen]
		if binary.LittleEndian.Uint32(m[0:]) != magic {
			return 0, 0, 0, false
		}
		h := fnv.New64a()
		h.Write(m[:56])
		if h.Sum64() != binary.LittleEndian.Uint64(m[56:]) {
			return 0, 0, 0, false
		}
		ps := int(binary.LittleEndian.Uint32(m[8:]))
		return binary.LittleEndian.Uint64(m[40:]) * uint64(ps), binary.LittleEndian.Uint64(m[48:]), ps, true
	}
	end0, tx0, ps, ok0 := meta(0)
	if !ok0 {
		return false, false, nil
	}
	end1, tx1, _, ok1 := meta(ps)
	end := end0
	if ok1 && tx1 > tx0 {
		end = end1
	}
	if end > uint64(len(data)) {
		return false, false, nil
	}
	for _, b := range data[end:] {
		if b != 0 {
			return true, true, nil
		}
	}
	return false, true, nil
}
