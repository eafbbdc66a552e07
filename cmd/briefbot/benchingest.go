package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot/analysis"
	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/storage"
)

// ingestRun is one "bench ingest" measurement.
type ingestRun struct {
	Cores        int     `json:"cores"`
	Articles     int     `json:"articles"`
	Failed       int     `json:"failed"`
	Bytes        int     `json:"bytes"`
	Seconds      float64 `json:"seconds"`
	ArticlesPerS float64 `json:"articles_per_s"`
	MBPerS       float64 `json:"mb_per_s"`
	DBBytes      int64   `json:"db_bytes"`
}

// ingestResult is what "bench ingest" prints: the figures of the run with
// the most cores at the top, every run below.
type ingestResult struct {
	ingestRun
	Fsync bool        `json:"fsync"`
	Batch int         `json:"max_batch"`
	Runs  []ingestRun `json:"runs"`
}

// bbcDoc is one BBC News article with the publication date the benchmarks
// give it.
type bbcDoc struct {
	name string
	text string
	pub  time.Time
}

// readBBC reads the BBC News articles under data in path order. The corpus
// has no dates, so article i of n is given a publication date spread evenly
// over the 30 days from 1 March 2005, at a time of day derived from i; the
// order of the dates follows a fixed shuffle, not the category folders.
func readBBC(data string) ([]bbcDoc, error) {
	fsys := os.DirFS(data)
	var names []string
	err := fs.WalkDir(fsys, "bbc_news/bbc", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".txt") && path.Base(path.Dir(p)) != "bbc" {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %s/bbc_news: %w", data, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no articles under %s/bbc_news/bbc", data)
	}
	sort.Strings(names)
	docs := make([]bbcDoc, 0, len(names))
	start := time.Date(2005, 3, 1, 0, 0, 0, 0, time.UTC)
	n := len(names)
	for i, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		// a fixed permutation of 0..n-1 (7919 is prime, so coprime with
		// any n that is not its multiple)
		slot := (i * 7919) % n
		pub := start.Add(time.Duration(slot) * 30 * 24 * time.Hour / time.Duration(n))
		docs = append(docs, bbcDoc{name: name, text: string(b), pub: pub.Truncate(time.Minute)})
	}
	return docs, nil
}

// benchIngest stores the BBC News articles through the whole pipeline
// (analysis on every core allowed, batched transactions, fsync on) into a
// fresh database, once per core count.
func (e *environment) benchIngest(ctx context.Context, args []string) error {
	fset := flag.NewFlagSet("bench ingest", flag.ContinueOnError)
	fset.SetOutput(e.stderr)
	data := fset.String("data", "../shared/data", "the shared data folder")
	asJSON := fset.Bool("json", false, "print one JSON object")
	coresFlag := fset.String("cores", "1,2", "comma-separated core counts (GOMAXPROCS) to run with")
	batch := fset.Int("batch", 64, "most articles per transaction")
	dir := fset.String("dir", "", "folder for the databases (default: a temporary folder, removed after)")
	cpuProfile := fset.String("cpuprofile", "", "write a CPU profile of the runs to this file")
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
	var cores []int
	for _, c := range strings.Split(*coresFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n < 1 || n > 256 {
			return &exitError{code: 2, msg: fmt.Sprintf("--cores: %q is not a core count", c)}
		}
		cores = append(cores, n)
	}
	docs, err := readBBC(*data)
	if err != nil {
		return &exitError{code: 1, msg: err.Error()}
	}
	root := *dir
	if root == "" {
		tmp, err := os.MkdirTemp("", "briefbot-bench-ingest-")
		if err != nil {
			return fmt.Errorf("temporary folder: %w", err)
		}
		defer os.RemoveAll(tmp)
		root = tmp
	}
	res := ingestResult{Fsync: true, Batch: *batch}
	for _, c := range cores {
		r, err := ingestOnce(ctx, docs, filepath.Join(root, fmt.Sprintf("ingest-%dcores.db", c)), c, *batch)
		if err != nil {
			return err
		}
		res.Runs = append(res.Runs, r)
		if r.Cores >= res.Cores {
			res.ingestRun = r
		}
	}
	if *asJSON {
		b, _ := json.Marshal(res)
		fmt.Fprintln(e.stdout, string(b))
		return nil
	}
	fmt.Fprintf(e.stdout, "ingest of BBC News (%d articles) into a fresh database, fsync on, up to %d articles per transaction\n", len(docs), *batch)
	for _, r := range res.Runs {
		fmt.Fprintf(e.stdout, "  %d core(s): %d stored, %d failed in %.2f s: %.0f articles/s, %.2f MB/s; database %.1f MB\n",
			r.Cores, r.Articles, r.Failed, r.Seconds, r.ArticlesPerS, r.MBPerS, float64(r.DBBytes)/1e6)
	}
	return nil
}

// startCPUProfile writes a CPU profile to path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// ingestOnce ingests docs into a new database at dbPath on cores cores.
func ingestOnce(ctx context.Context, docs []bbcDoc, dbPath string, cores, batch int) (ingestRun, error) {
	_ = os.Remove(dbPath)
	db, err := storage.Open(dbPath, storage.Options{Timeout: time.Second})
	if err != nil {
		return ingestRun{}, &exitError{code: 1, msg: err.Error()}
	}
	defer db.Close()
	lg := slog.New(slog.NewTextHandler(io.Discard, nil))
	b := bot.New(lg, db)
	prev := runtime.GOMAXPROCS(cores)
	defer runtime.GOMAXPROCS(prev)
	runtime.GC()
	items := func(yield func(bot.BatchItem) bool) {
		for _, d := range docs {
			it := bot.BatchItem{Name: d.name, Load: func() (analysis.Document, error) {
				return analysis.Document{Text: d.text, Outlet: "BBC News", Published: d.pub,
					Received: d.pub.Add(2 * time.Hour), Origin: analysis.Origin{Kind: "file", Ref: d.name}}, nil
			}}
			if !yield(it) {
				return
			}
		}
	}
	start := time.Now()
	sum, err := b.IngestBatch(ctx, items, bot.BatchOptions{Workers: cores, MaxBatch: batch})
	secs := time.Since(start).Seconds()
	if err != nil {
		return ingestRun{}, fmt.Errorf("ingest on %d cores: %w", cores, err)
	}
	r := ingestRun{Cores: cores, Articles: sum.Ingested, Failed: len(sum.Failed), Seconds: secs}
	for _, d := range docs {
		r.Bytes += len(d.text)
	}
	r.ArticlesPerS = float64(r.Articles) / secs
	r.MBPerS = float64(r.Bytes) / secs / 1e6
	if st, err := os.Stat(dbPath); err == nil {
		r.DBBytes = st.Size()
	}
	return r, nil
}
