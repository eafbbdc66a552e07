//go:build linux

package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/briefbot/briefbot/analysis"
	"github.com/briefbot/briefbot/storage"
)

// Fault tests (issue #9). Their summary lines go into BENCHMARKS.md:
//
//	go test -count=1 -run 'Fault' -v ./cmd/briefbot/ -faults.runs=20 -faults.budget=0
var (
	faultRuns     = flag.Int("faults.runs", 20, "kill -9 runs of TestFault/KillDuringIngest (3 with -short)")
	faultArticles = flag.Int("faults.articles", 150, "BBC News articles each fault test ingests")
	faultSeed     = flag.Uint64("faults.seed", 0, "seed of the kill delays (0: from the clock; the seed is logged)")
	faultBudget   = flag.Duration("faults.budget", 45*time.Second, "start no more kill runs after this long (0: no limit); slow builds (-race) do fewer runs")
	faultMaxDelay = flag.Duration("faults.maxdelay", 0, "kill within 50ms and 50ms+this after the start (0: ¾ of a clean ingest's duration, measured)")
)

var summaryRE = regexp.MustCompile(`(\d+) ingested, (\d+) duplicates skipped, (\d+) failed`)

// parseSummary reads the summary line of briefbot ingest.
func parseSummary(out string) (ingested, dups, failed int, ok bool) {
	m := summaryRE.FindStringSubmatch(out)
	if m == nil {
		return 0, 0, 0, false
	}
	ingested, _ = strconv.Atoi(m[1])
	dups, _ = strconv.Atoi(m[2])
	failed, _ = strconv.Atoi(m[3])
	return ingested, dups, failed, true
}

// TestFault runs the fault tests on one corpus: a clean ingest first, the
// reference for whole articles and for the kill window, then the subtests.
func TestFault(t *testing.T) {
	dir, distinct := faultCorpus(t, *faultArticles)
	refDB := filepath.Join(t.TempDir(), "ref.db")
	res := runChild(t, ingestArgs(refDB, dir), 0, 0)
	if res.code != 0 {
		t.Fatalf("clean ingest: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	ref := refCounts(t, refDB)
	if len(ref) != distinct {
		t.Fatalf("clean ingest stored %d articles, the corpus has %d distinct ones", len(ref), distinct)
	}
	t.Logf("corpus: %d BBC News files, %d distinct articles; clean ingest in a child process: %v",
		*faultArticles, distinct, res.elapsed.Round(time.Millisecond))
	fc := faultCase{dir: dir, files: *faultArticles, distinct: distinct, ref: ref, clean: res.elapsed}
	t.Run("CheckerCatchesDamage", func(t *testing.T) { checkerCatchesDamage(t, refDB, ref) })
	t.Run("KillDuringIngest", fc.killDuringIngest)
	t.Run("DiskFull", fc.diskFull)
	t.Run("DiskFullAtCreate", fc.diskFullAtCreate)
}

// faultCase is the corpus the fault subtests ingest and what a clean ingest
// of it stores.
type faultCase struct {
	dir      string
	files    int                   // files in dir
	distinct int                   // distinct articles among them
	ref      map[string]refArticle // whole articles, by content hash
	clean    time.Duration         // a clean ingest in a child process
}

// killDuringIngest kills `briefbot ingest` with SIGKILL at random moments.
// After each kill the database must open, pass Check, and hold only whole
// articles (every fact, every index entry); running the same ingest again
// must store exactly the missing articles and end with one copy of each
// distinct article.
func (fc faultCase) killDuringIngest(t *testing.T) {
	runs := *faultRuns
	if testing.Short() && runs > 3 {
		runs = 3
	}
	dir, distinct, ref, files := fc.dir, fc.distinct, fc.ref, fc.files
	tmp := t.TempDir()
	// a clean ingest's time varies with the machine's load: ¾ of it puts
	// most kills mid-ingest, few after the end
	window := *faultMaxDelay
	if window <= 0 {
		window = max(fc.clean*3/4, time.Millisecond)
	}
	seed := *faultSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("kills at 50ms + [0, %v) after the start, seed %d (-faults.seed=%d repeats the delays)",
		window.Round(time.Millisecond), seed, seed)
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))

	var (
		midIngest, beforeFirst, afterLast, finished, checkPasses, completed int
		tornCommits, tornUnknown                                            int
		storedPerKill                                                       []string
	)
	start := time.Now()
	done := 0
	for i := range runs {
		if *faultBudget > 0 && i > 0 && time.Since(start) > *faultBudget {
			t.Logf("time budget of %v spent after %d of %d runs (-faults.budget=0 lifts it)", *faultBudget, i, runs)
			break
		}
		done++
		label := "run " + strconv.Itoa(i+1)
		db := filepath.Join(tmp, "run"+strconv.Itoa(i+1)+".db")
		delay := 50*time.Millisecond + time.Duration(rng.Int64N(int64(window)))
		res := runChild(t, ingestArgs(db, dir), 0, delay)
		if res.killed {
			switch torn, known, err := tornCommit(db); {
			case err != nil && !errors.Is(err, fs.ErrNotExist):
				t.Errorf("%s: %v", label, err)
			case torn:
				tornCommits++
			case err == nil && !known:
				tornUnknown++
			}
		}
		rep := verifyDB(t, label+" after the kill", db, ref)
		if rep.checkOK {
			checkPasses++
		}
		switch {
		case !res.killed:
			finished++
			if res.code != 0 {
				t.Errorf("%s: not killed, exit %d:\n%s", label, res.code, res.stderr)
			}
		case rep.articles == 0:
			beforeFirst++
		case rep.articles < distinct:
			midIngest++
		default:
			afterLast++
		}
		storedPerKill = append(storedPerKill, strconv.Itoa(rep.articles))
		if t.Failed() {
			t.Logf("%s: killed after %v: %s", label, delay, res.stderr)
			break
		}

		// the same ingest again stores exactly what is missing
		again := runChild(t, ingestArgs(db, dir), 0, 0)
		if again.code != 0 {
			t.Fatalf("%s: re-ingest: exit %d\n%s%s", label, again.code, again.stdout, again.stderr)
		}
		ing, dups, failed, ok := parseSummary(again.stdout)
		if !ok {
			t.Fatalf("%s: re-ingest printed no summary: %q", label, again.stdout)
		}
		if ing != distinct-rep.articles || failed != 0 || ing+dups != files {
			t.Errorf("%s: %d stored after the kill; re-ingest says %q, want %d ingested and %d duplicates",
				label, rep.articles, strings.TrimSpace(again.stdout), distinct-rep.articles, files-(distinct-rep.articles))
		}
		final := verifyDB(t, label+" after the re-ingest", db, ref)
		if final.articles == distinct && final.checkOK {
			completed++
		} else {
			t.Errorf("%s: re-ingest ended with %d articles, want %d", label, final.articles, distinct)
		}
		if t.Failed() {
			break
		}
		if err := os.Remove(db); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("kill -9 summary: %d runs in %v (seed %d): %d killed mid-ingest (some articles stored, not all), %d of all kills cut a commit between its page writes and its meta write (pages past the committed end; %d files unreadable for this), %d killed before the first article was stored, %d after the last, %d finished before the kill; articles stored at each kill: [%s] of %d; Check passed %d/%d after the kill; re-ingest completed the set %d/%d (final count %d = distinct articles)",
		done, time.Since(start).Round(time.Second), seed, midIngest, tornCommits, tornUnknown, beforeFirst, afterLast, finished,
		strings.Join(storedPerKill, " "), distinct, checkPasses, len(storedPerKill), completed, len(storedPerKill), distinct)
	if midIngest == 0 && done >= 5 {
		t.Errorf("no kill landed mid-ingest in %d runs: the kill window (%v) does not fit the ingest", done, window)
	}
}

// headArticles is how many articles TestFault/DiskFull stores before it
// limits the file size.
const headArticles = 10

// diskFull runs `briefbot ingest` with the database file limited in size
// (RLIMIT_FSIZE: writes past it fail with EFBIG, as on a full disk). The
// limit is twice the file size after the first headArticles articles: bbolt
// grows a small file by doubling it, so the ingest can store some more and
// then fails on the next growth. The ingest must fail with a plain message
// and a non-zero exit status, leave a database that passes Check and holds
// only whole articles, and, once the limit is lifted, complete with the same
// command and answer queries.
func (fc faultCase) diskFull(t *testing.T) {
	dir, distinct, ref, files := fc.dir, fc.distinct, fc.ref, fc.files
	db := filepath.Join(t.TempDir(), "full.db")

	head := headDir(t, dir, headArticles)
	if res := runChild(t, ingestArgs(db, head), 0, 0); res.code != 0 {
		t.Fatalf("ingest of the first %d articles: exit %d\n%s%s", headArticles, res.code, res.stdout, res.stderr)
	}
	before := verifyDB(t, "after the first articles", db, ref)
	fi, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	limit := 2 * fi.Size()

	res := runChild(t, ingestArgs(db, dir), limit, 0)
	if res.code == 0 {
		t.Fatalf("ingest into a full disk exited 0:\n%s%s", res.stdout, res.stderr)
	}
	msg := strings.ToLower(res.stdout + res.stderr)
	if !strings.Contains(msg, "file too large") && !strings.Contains(msg, "no space left") {
		t.Errorf("the error does not say the disk is full:\n%s%s", res.stdout, res.stderr)
	}
	if strings.Contains(msg, "panic") || strings.Contains(msg, "goroutine ") {
		t.Errorf("panic:\n%s", res.stderr)
	}
	lastLine := lastLine(res.stderr)
	rep := verifyDB(t, "after the disk filled up", db, ref)
	if rep.articles < before.articles || rep.articles >= distinct {
		t.Errorf("%d of %d articles stored when the disk filled up (%d before): the limit of %d bytes did not hit mid-ingest", rep.articles, distinct, before.articles, limit)
	}

	// lift the limit: the same command completes the set
	again := runChild(t, ingestArgs(db, dir), 0, 0)
	if again.code != 0 {
		t.Fatalf("ingest after the limit was lifted: exit %d\n%s%s", again.code, again.stdout, again.stderr)
	}
	ing, dups, failed, ok := parseSummary(again.stdout)
	if !ok || ing != distinct-rep.articles || failed != 0 || ing+dups != files {
		t.Errorf("%d stored before; re-ingest says %q, want %d ingested", rep.articles, strings.TrimSpace(again.stdout), distinct-rep.articles)
	}
	final := verifyDB(t, "after the limit was lifted", db, ref)
	if final.articles != distinct {
		t.Errorf("%d articles after the limit was lifted, want %d", final.articles, distinct)
	}
	name := somePerson(t, db)
	code, out, errs := cli(t, db, "", "--no-samples", "ask", "/who "+name)
	if code != 0 || !strings.Contains(out, lastWord(name)) {
		t.Errorf("ask /who %s after the disk was full: exit %d\n%s%s", name, code, out, errs)
	}
	t.Logf("disk full summary: %d files (%d distinct), %d stored first (file %d bytes), then the file limited to %d bytes: the ingest stopped with exit %d with %d articles stored, saying %q; Check passed: %v; after lifting the limit the same ingest stored %d more (%d in all), Check passed: %v; /who answered: %v",
		files, distinct, before.articles, fi.Size(), limit, res.code, rep.articles, lastLine, rep.checkOK, ing, final.articles, final.checkOK, code == 0)
}

// diskFullAtCreate fills the disk while briefbot creates a new database
// file: bbolt writes its first four pages (16 KiB) in one write, and a full
// disk leaves a shorter file. The ingest must fail plainly, and once there is
// room again the same ingest must succeed: the file never held data.
//
// Before storage.Open made new files under a temporary name, a file cut at
// 4 KiB was refused ever after as "not a briefbot database: file size too
// small", and one cut at 8 or 12 KiB crashed every later briefbot with
// SIGBUS in bbolt's Open.
func (fc faultCase) diskFullAtCreate(t *testing.T) {
	head := headDir(t, fc.dir, headArticles)
	for _, limit := range []int64{4 << 10, 8 << 10, 12 << 10} {
		t.Run(strconv.FormatInt(limit, 10), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "new.db")
			res := runChild(t, ingestArgs(db, head), limit, 0)
			msg := strings.ToLower(res.stdout + res.stderr)
			if res.code == 0 || !strings.Contains(msg, "file too large") {
				t.Errorf("ingest into a full disk: exit %d, and the error does not say the disk is full:\n%s%s", res.code, res.stdout, res.stderr)
			}
			again := runChild(t, ingestArgs(db, head), 0, 0)
			if again.code != 0 {
				t.Fatalf("after the limit was lifted: exit %d\n%s%.600s", again.code, again.stdout, again.stderr)
			}
			if rep := verifyDB(t, "after the limit was lifted", db, fc.ref); rep.articles == 0 {
				t.Error("no article stored after the limit was lifted")
			}
		})
	}
}

// headDir copies the first n files of dir (in name order) into a new
// directory and returns it.
func headDir(t *testing.T, dir string, n int) string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	head := filepath.Join(t.TempDir(), "head")
	if err := os.Mkdir(head, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range ents[:min(n, len(ents))] {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(head, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return head
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

func lastWord(s string) string {
	f := strings.Fields(s)
	return f[len(f)-1]
}

// somePerson returns the name of a person stored in db, one of two words or
// more.
func somePerson(t *testing.T, path string) string {
	t.Helper()
	ctx := t.Context()
	d, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ents, err := d.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.Type == analysis.PER && len(strings.Fields(e.Name)) >= 2 {
			return e.Name
		}
	}
	t.Fatal("no person stored")
	return ""
}

// checkerCatchesDamage shows that inspectDB, which judges the database after
// each fault, fails on the damage a torn write could leave, both through
// storage.DB.Check and through its own article checks: it damages copies of
// a whole database with bbolt directly.
func checkerCatchesDamage(t *testing.T, refDB string, ref map[string]refArticle) {
	if _, err := inspectDB(refDB, ref, true); err != nil {
		t.Fatalf("the undamaged database: %v", err)
	}
	t.Run("a torn commit", func(t *testing.T) {
		if torn, known, err := tornCommit(refDB); torn || !known || err != nil {
			t.Fatalf("whole database: tornCommit = %v, %v, %v; want false, true, nil", torn, known, err)
		}
		// a page written past the committed end, as a cut commit leaves it
		data, err := os.ReadFile(refDB)
		if err != nil {
			t.Fatal(err)
		}
		data = append(data, bytes.Repeat([]byte{0x5a}, 4096)...)
		path := filepath.Join(t.TempDir(), "torn.db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if torn, known, err := tornCommit(path); !torn || !known || err != nil {
			t.Errorf("tornCommit = %v, %v, %v; want true, true, nil", torn, known, err)
		}
		if _, err := inspectDB(path, ref, true); err != nil {
			t.Errorf("a torn commit is no damage: %v", err)
		}
	})
	const (
		idLen      = 8
		dateLen    = 10
		byEntityLn = idLen + dateLen + idLen + 4
	)
	// firstKey deletes and returns the first key of bucket name
	firstKey := func(tx *bolt.Tx, name string) ([]byte, error) {
		b := tx.Bucket([]byte(name))
		if b == nil {
			return nil, fmt.Errorf("no bucket %q", name)
		}
		k, _ := b.Cursor().First()
		if k == nil {
			return nil, fmt.Errorf("bucket %q is empty", name)
		}
		k = slices.Clone(k)
		return k, b.Delete(k)
	}
	tests := []struct {
		name   string
		damage func(tx *bolt.Tx) error
	}{
		{"a fact missing from by_entity", func(tx *bolt.Tx) error {
			_, err := firstKey(tx, "by_entity")
			return err
		}},
		{"a fact missing from by_date", func(tx *bolt.Tx) error {
			_, err := firstKey(tx, "by_date")
			return err
		}},
		{"a sighting missing", func(tx *bolt.Tx) error {
			k, _ := tx.Bucket([]byte("by_entity")).Cursor().First()
			if len(k) != byEntityLn {
				return fmt.Errorf("by_entity key %x: not the layout this test knows", k)
			}
			pair := append(slices.Clone(k[:idLen]), k[idLen+dateLen:idLen+dateLen+idLen]...)
			return tx.Bucket([]byte("entity_articles")).Delete(pair)
		}},
		{"an article's last fact missing with its index entries", func(tx *bolt.Tx) error {
			facts := tx.Bucket([]byte("facts"))
			first, _ := facts.Cursor().First()
			if len(first) != idLen+4 {
				return fmt.Errorf("fact key %x: not the layout this test knows", first)
			}
			art := slices.Clone(first[:idLen])
			var last []byte
			c := facts.Cursor()
			for k, _ := c.Seek(art); k != nil && bytes.HasPrefix(k, art); k, _ = c.Next() {
				last = slices.Clone(k)
			}
			if err := facts.Delete(last); err != nil {
				return err
			}
			for name, at := range map[string]int{"by_entity": idLen + dateLen, "by_date": dateLen} {
				b := tx.Bucket([]byte(name))
				var dead [][]byte
				err := b.ForEach(func(k, _ []byte) error {
					if len(k) >= at+idLen+4 && bytes.Equal(k[at:], last) {
						dead = append(dead, slices.Clone(k))
					}
					return nil
				})
				if err != nil {
					return err
				}
				for _, k := range dead {
					if err := b.Delete(k); err != nil {
						return err
					}
				}
			}
			return nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "damaged.db")
			data, err := os.ReadFile(refDB)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			bdb, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			err = bdb.Update(tt.damage)
			if cerr := bdb.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				t.Fatalf("damage: %v", err)
			}
			// by Check, and by the article checks on their own
			for _, check := range []bool{true, false} {
				if _, err := inspectDB(path, ref, check); err == nil {
					t.Errorf("the damage went unnoticed (Check run: %v)", check)
				} else {
					t.Logf("noticed: %.200v", err)
				}
			}
		})
	}
}
