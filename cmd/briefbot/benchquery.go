package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/analysis"
	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/storage"
)

// copyDays is how far each copy of the corpus is shifted in time: the BBC
// articles are spread over 30 days, so copies follow one another.
const copyDays = 30

// benchMarker is the state key that records a finished benchmark database.
const benchMarker = "bench-corpus"

// queryResult is what "bench query" prints.
type queryResult struct {
	DB               string  `json:"db"`
	Articles         int     `json:"articles"`
	Facts            int     `json:"facts"`
	Entities         int     `json:"entities"`
	DBMB             float64 `json:"db_mb"`
	BuildSeconds     float64 `json:"build_seconds,omitempty"`
	Queries          int     `json:"queries"`
	TimelineP50      float64 `json:"timeline_p50_ms"`
	TimelineP99      float64 `json:"timeline_p99_ms"`
	WhoP50           float64 `json:"who_p50_ms"`
	WhoP99           float64 `json:"who_p99_ms"`
	ConflictsP50     float64 `json:"conflicts_p50_ms"`
	ConflictsP99     float64 `json:"conflicts_p99_ms"`
	ConflictsAllP50  float64 `json:"conflicts_all_p50_ms"`
	ConflictsAllP99  float64 `json:"conflicts_all_p99_ms"`
	BriefP50         float64 `json:"brief_p50_ms"`
	BriefP99         float64 `json:"brief_p99_ms"`
	RSSMB            float64 `json:"rss_mb"`
	EmptyReplies     int     `json:"empty_replies"`
	FailedQueries    int     `json:"failed_queries"`
	Cores            int     `json:"cores"`
	RSSResetMeasured bool    `json:"rss_reset"`
}

// benchQuery builds (or reuses) a database of many articles made from the
// BBC News corpus and times the commands on it.
func (e *environment) benchQuery(ctx context.Context, args []string) error {
	fset := flag.NewFlagSet("bench query", flag.ContinueOnError)
	fset.SetOutput(e.stderr)
	data := fset.String("data", "../shared/data", "the shared data folder")
	asJSON := fset.Bool("json", false, "print one JSON object")
	n := fset.Int("articles", 100000, "articles in the benchmark database")
	queries := fset.Int("queries", 1000, "random queries per command")
	dbPath := fset.String("db", "", "the benchmark database (default: briefbot-bench-N.db in the user cache folder)")
	seed := fset.Uint64("seed", 1, "seed of the random queries")
	cpuProfile := fset.String("cpuprofile", "", "write a CPU profile (build and queries) to this file")
	if err := fset.Parse(args); err != nil {
		return usageErr(err)
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return &exitError{code: 1, msg: err.Error()}
		}
		defer stop()
	}
	if *n < 1 || *queries < 1 {
		return &exitError{code: 2, msg: "--articles and --queries must be positive"}
	}
	path := *dbPath
	if path == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			dir = os.TempDir()
		}
		path = filepath.Join(dir, "briefbot", fmt.Sprintf("briefbot-bench-%d.db", *n))
	}
	res := queryResult{DB: path, Queries: *queries, Cores: runtime.GOMAXPROCS(0)}
	built, secs, err := e.ensureBenchDB(ctx, *data, path, *n)
	if err != nil {
		return err
	}
	if built {
		res.BuildSeconds = secs
	}
	// What the build used is not the query path's: give it back and start
	// the peak-RSS count afresh.
	runtime.GC()
	debug.FreeOSMemory()
	res.RSSResetMeasured = resetPeakRSS()

	db, err := storage.Open(path, storage.Options{Timeout: time.Second})
	if err != nil {
		return &exitError{code: 1, msg: err.Error()}
	}
	defer db.Close()
	st, err := db.Stats(ctx)
	if err != nil {
		return err
	}
	res.Articles, res.Facts, res.Entities = st.Articles, st.Facts, st.Entities
	if fi, err := os.Stat(path); err == nil {
		res.DBMB = float64(fi.Size()) / 1e6
	}
	if err := runQueries(ctx, db, *queries, *seed, &res); err != nil {
		return err
	}
	if rss, ok := peakRSS(); ok {
		res.RSSMB = float64(rss) / 1e6
	}
	if *asJSON {
		b, _ := json.Marshal(res)
		fmt.Fprintln(e.stdout, string(b))
		return nil
	}
	fmt.Fprintf(e.stdout, "database %s: %d articles, %d facts, %d entities, %.0f MB\n", res.DB, res.Articles, res.Facts, res.Entities, res.DBMB)
	if built {
		fmt.Fprintf(e.stdout, "built in %.0f s\n", res.BuildSeconds)
	}
	fmt.Fprintf(e.stdout, "%d random queries per command, on %d core(s):\n", res.Queries, res.Cores)
	fmt.Fprintf(e.stdout, "  /timeline NAME   p50 %6.1f ms  p99 %6.1f ms\n", res.TimelineP50, res.TimelineP99)
	fmt.Fprintf(e.stdout, "  /who NAME        p50 %6.1f ms  p99 %6.1f ms\n", res.WhoP50, res.WhoP99)
	fmt.Fprintf(e.stdout, "  /conflicts NAME  p50 %6.1f ms  p99 %6.1f ms\n", res.ConflictsP50, res.ConflictsP99)
	fmt.Fprintf(e.stdout, "  /conflicts       p50 %6.1f ms  p99 %6.1f ms\n", res.ConflictsAllP50, res.ConflictsAllP99)
	fmt.Fprintf(e.stdout, "  /brief           p50 %6.1f ms  p99 %6.1f ms\n", res.BriefP50, res.BriefP99)
	fmt.Fprintf(e.stdout, "peak RSS while querying %.0f MB; %d empty replies, %d failed\n", res.RSSMB, res.EmptyReplies, res.FailedQueries)
	return nil
}

// ensureBenchDB builds the benchmark database at path unless a finished one
// with n articles is there. An interrupted build is resumed: its committed
// articles are duplicates the second time.
func (e *environment) ensureBenchDB(ctx context.Context, data, path string, n int) (built bool, secs float64, err error) {
	want := []byte(strconv.Itoa(n))
	if _, err := os.Stat(path); err == nil {
		db, err := storage.Open(path, storage.Options{Timeout: time.Second})
		if err != nil {
			return false, 0, &exitError{code: 1, msg: err.Error()}
		}
		v, err := db.GetState(ctx, "state", benchMarker)
		db.Close()
		if err != nil {
			return false, 0, err
		}
		if string(v) == string(want) {
			return false, 0, nil
		}
	}
	docs, err := readBBC(data)
	if err != nil {
		return false, 0, &exitError{code: 1, msg: err.Error()}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return false, 0, fmt.Errorf("benchmark database folder: %w", err)
	}
	fmt.Fprintf(e.stderr, "building %s: %d articles from %d BBC News articles (copies with shifted dates and renamed names); this runs once\n", path, n, len(docs))
	start := time.Now()
	db, err := storage.Open(path, storage.Options{Timeout: time.Second})
	if err != nil {
		return false, 0, &exitError{code: 1, msg: err.Error()}
	}
	defer db.Close()
	base := distinctDocs(docs)
	names := corpusNames(base)
	b := bot.New(slog.New(slog.NewTextHandler(io.Discard, nil)), db)
	for k := 0; ; k++ {
		st, err := db.Stats(ctx)
		if err != nil {
			return false, 0, err
		}
		if st.Articles >= n {
			break
		}
		if k > n/len(base)+10 {
			return false, 0, fmt.Errorf("benchmark database: %d articles after %d copies, %d wanted", st.Articles, k, n)
		}
		need := n - st.Articles
		items := func(yield func(bot.BatchItem) bool) {
			for i, d := range base {
				if i >= need {
					return
				}
				it := bot.BatchItem{Name: d.name, Load: func() (analysis.Document, error) {
					pub := d.pub.AddDate(0, 0, k*copyDays)
					return analysis.Document{Text: renameText(d.text, names, k), Outlet: outletFor(i), Published: pub,
						Received: pub.Add(2 * time.Hour), Origin: analysis.Origin{Kind: "bench", Ref: fmt.Sprintf("%s#%d", d.name, k)}}, nil
				}}
				if !yield(it) {
					return
				}
			}
		}
		sum, err := b.IngestBatch(ctx, items, bot.BatchOptions{MaxBatch: 256})
		if err != nil {
			return false, 0, fmt.Errorf("build benchmark database: %w", err)
		}
		fmt.Fprintf(e.stderr, "  copy %d: %s\n", k, sum.String())
	}
	if err := db.PutState(ctx, "state", benchMarker, want); err != nil {
		return false, 0, err
	}
	return true, time.Since(start).Seconds(), nil
}

// outletFor spreads the corpus over a few outlets, so that happenings have
// several sources as in a newsroom's feed.
func outletFor(i int) string {
	outlets := [...]string{"BBC News", "Northwind Herald", "Lakeside Post", "Meridian Wire"}
	return outlets[i%len(outlets)]
}

// distinctDocs drops texts that are the same as an earlier one (the BBC
// corpus repeats a hundred stories).
func distinctDocs(docs []bbcDoc) []bbcDoc {
	seen := map[[32]byte]bool{}
	var out []bbcDoc
	for _, d := range docs {
		h := sha256.Sum256([]byte(strings.TrimSpace(d.text)))
		if !seen[h] {
			seen[h] = true
			out = append(out, d)
		}
	}
	return out
}

// corpusNames returns the words of the names the analysis finds in docs
// (people, organisations, places; words of three letters or more), which
// renameText changes in every copy but the first.
func corpusNames(docs []bbcDoc) map[string]bool {
	var mu sync.Mutex
	names := map[string]bool{}
	var wg sync.WaitGroup
	work := make(chan bbcDoc)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range work {
				a, err := analysis.Analyze(analysis.Document{Text: d.text, Published: d.pub})
				if err != nil {
					continue
				}
				mu.Lock()
				for _, en := range a.Entities {
					if en.Type == analysis.MISC {
						continue
					}
					for _, al := range append([]string{en.Name}, en.Aliases...) {
						for _, w := range strings.FieldsFunc(al, func(r rune) bool { return !unicode.IsLetter(r) }) {
							r, _ := utf8.DecodeRuneInString(w)
							if utf8.RuneCountInString(w) >= 3 && unicode.IsUpper(r) {
								names[w] = true
							}
						}
					}
				}
				mu.Unlock()
			}
		}()
	}
	for _, d := range docs {
		work <- d
	}
	close(work)
	wg.Wait()
	return names
}

// renameSyllables make the suffix that renames the names of copy k: the
// digits of k, each a syllable ("Blair" is "Blairen" in copy 1, "Blairenar"
// in copy 10).
var renameSyllables = [...]string{"ar", "en", "il", "or", "us", "ek", "ia", "ot", "um", "ez"}

// renameText appends copy k's suffix to every word of text that is in names;
// copy 0 is text itself.
func renameText(text string, names map[string]bool, k int) string {
	if k == 0 {
		return text
	}
	var suf strings.Builder
	for _, d := range strconv.Itoa(k) {
		suf.WriteString(renameSyllables[d-'0'])
	}
	var sb strings.Builder
	sb.Grow(len(text) + len(text)/10)
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			sb.WriteString(text[i : i+size])
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(r) {
				break
			}
			j += size
		}
		w := text[i:j]
		sb.WriteString(w)
		if names[w] {
			sb.WriteString(suf.String())
		}
		i = j
	}
	return sb.String()
}

// runQueries times random /timeline, /who, /conflicts (with and without a
// name) and /brief commands through bot.Handle, one after the other.
func runQueries(ctx context.Context, db *storage.DB, n int, seed uint64, res *queryResult) error {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var now time.Time
	b := bot.New(slog.New(slog.NewTextHandler(io.Discard, nil)), db, bot.WithClock(func() time.Time { return now }))
	st, err := db.Stats(ctx)
	if err != nil {
		return err
	}
	if st.Articles == 0 {
		return fmt.Errorf("the benchmark database has no articles")
	}
	// Article ids run from 1 in the order stored; none are deleted here.
	// (Listing all articles would put them in the memory measured.)
	randomArticle := func() (analysis.Article, error) {
		for range 100 {
			a, err := db.Article(ctx, 1+rng.Uint64N(uint64(st.Articles)))
			if err == nil {
				a.Text = ""
				return a, nil
			}
			if !errors.Is(err, storage.ErrNotFound) {
				return a, err
			}
		}
		return analysis.Article{}, fmt.Errorf("no article found under 100 random ids up to %d", st.Articles)
	}
	var first, last time.Time
	for range 2000 {
		a, err := randomArticle()
		if err != nil {
			return err
		}
		if first.IsZero() || a.Received.Before(first) {
			first = a.Received
		}
		if a.Received.After(last) {
			last = a.Received
		}
	}
	// names people would ask about: an entity of a random article, so a
	// name is drawn as often as the news mentions it
	pick := func(types ...analysis.EntityType) (string, error) {
		for range 50 {
			a, err := randomArticle()
			if err != nil {
				return "", err
			}
			fs, err := db.ArticleFacts(ctx, a.ID)
			if err != nil {
				return "", err
			}
			var ids []uint64
			for _, f := range fs {
				ids = append(ids, f.Entities...)
			}
			if len(ids) == 0 {
				continue
			}
			e, err := db.Entity(ctx, ids[rng.IntN(len(ids))])
			if err != nil {
				return "", err
			}
			for _, t := range types {
				if e.Type == t {
					return e.Name, nil
				}
			}
		}
		return "", fmt.Errorf("no entity of type %v found in 50 random articles", types)
	}
	type kind struct {
		p50, p99 *float64
		query    func() (string, error)
	}
	kinds := []kind{
		{&res.TimelineP50, &res.TimelineP99, func() (string, error) {
			name, err := pick(analysis.PER)
			return "/timeline " + name, err
		}},
		{&res.WhoP50, &res.WhoP99, func() (string, error) {
			name, err := pick(analysis.PER, analysis.ORG, analysis.LOC)
			return "/who " + name, err
		}},
		{&res.ConflictsP50, &res.ConflictsP99, func() (string, error) {
			name, err := pick(analysis.PER, analysis.ORG)
			return "/conflicts " + name, err
		}},
		{&res.ConflictsAllP50, &res.ConflictsAllP99, func() (string, error) { return "/conflicts", nil }},
		{&res.BriefP50, &res.BriefP99, func() (string, error) { return "/brief", nil }},
	}
	for _, k := range kinds {
		lat := make([]time.Duration, 0, n)
		for range n {
			if err := ctx.Err(); err != nil {
				return err
			}
			text, err := k.query()
			if err != nil {
				return err
			}
			now = first.Add(time.Duration(rng.Int64N(int64(last.Sub(first)) + 1)))
			start := time.Now()
			r, err := b.Handle(ctx, &bot.Request{Platform: "cli", Text: text})
			lat = append(lat, time.Since(start))
			switch {
			case err != nil || r == nil || r.Error:
				res.FailedQueries++
			case len(r.Items) == 0:
				res.EmptyReplies++
			}
		}
		*k.p50, *k.p99 = percentileMS(lat, 50), percentileMS(lat, 99)
	}
	return nil
}

// percentileMS is the p-th percentile of ds in milliseconds (nearest rank).
func percentileMS(ds []time.Duration, p int) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := (len(s)*p + 99) / 100
	if i < 1 {
		i = 1
	}
	return float64(s[i-1].Microseconds()) / 1000
}

// resetPeakRSS restarts the kernel's count of this process's peak resident
// memory (Linux: /proc/self/clear_refs), reporting whether it could.
func resetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// peakRSS is the process's peak resident memory in bytes (VmHWM).
func peakRSS() (int64, bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0, false
			}
			return kb * 1024, true
		}
	}
	return 0, false
}
