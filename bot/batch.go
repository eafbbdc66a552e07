package bot

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"sync"
	"time"

	"github.com/briefbot/briefbot/analysis"
)

// BatchItem is one document of a bulk ingest: a name for the summary and a
// loader, called on a worker, that reads the document (a file that cannot be
// read fails alone).
type BatchItem struct {
	Name string
	Load func() (analysis.Document, error)
}

// BatchOptions tune IngestBatch.
type BatchOptions struct {
	// Workers analyse documents in parallel [runtime.GOMAXPROCS(0)].
	Workers int
	// MaxBatch is the most articles stored in one transaction [64]. A
	// transaction holds what the workers finished while the previous one
	// committed, so batches are small when analysis is the bottleneck.
	MaxBatch int
	// Progress, if not nil, is called from one goroutine after each
	// transaction with the number of items done so far.
	Progress func(done int)
}

// BatchSaver is a Store that can store many analysed articles in one
// transaction, each with Save's semantics (duplicates, linking against the
// articles earlier in the batch). The returned errs holds, per article, a
// problem with that article alone (nothing of it written); err means the
// transaction failed and nothing of the batch was written.
type BatchSaver interface {
	SaveBatch(ctx context.Context, as []*analysis.Analysis) (saved []analysis.Saved, errs []error, err error)
}

// analysed is a worker's result for item seq.
type analysed struct {
	seq  int
	name string
	a    *analysis.Analysis
	err  error
}

// IngestBatch analyses documents on several goroutines and stores them in
// batches, in the order items yields them, so ids are the same as with one
// Ingest after the other. Every committed transaction is whole: a crash
// loses at most the articles not yet committed, and running the same
// ingest again stores exactly those (the others are duplicates). A document
// that is not an article, or cannot be read, is a Failure in the summary;
// the returned error is a storage failure or the end of ctx, with the
// summary of what was committed before it.
func (b *Bot) IngestBatch(ctx context.Context, items iter.Seq[BatchItem], opts BatchOptions) (Summary, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	maxBatch := opts.MaxBatch
	if maxBatch <= 0 {
		maxBatch = 64
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		seq  int
		item BatchItem
	}
	jobs := make(chan job)
	results := make(chan analysed, workers)
	// slots bounds the documents loaded but not yet stored, so a large
	// corpus is never all in memory.
	slots := make(chan struct{}, workers*2+maxBatch*2)

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- b.analyseItem(j.seq, j.item)
			}
		}()
	}
	go func() {
		defer close(jobs)
		seq := 0
		for it := range items {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{seq, it}:
				seq++
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()

	var sum Summary
	pending := map[int]analysed{}
	next, done := 0, 0
	var batch []analysed
	var saveErr error
	flush := func() {
		if len(batch) == 0 || saveErr != nil {
			return
		}
		if err := b.storeBatch(ctx, batch, &sum); err != nil {
			saveErr = err
			cancel()
			return
		}
		done += len(batch)
		for range batch {
			<-slots
		}
		batch = batch[:0]
		if opts.Progress != nil {
			opts.Progress(done)
		}
	}
	// A transaction commits when it holds MaxBatch articles, or when
	// nothing is ready and the last commit is commitEvery old: one fsync
	// then covers everything analysed meanwhile.
	last := time.Now()
	for r := range merge(results) {
		if r == nil { // the timer
			if time.Since(last) >= commitEvery {
				flush()
				last = time.Now()
			}
			continue
		}
		if saveErr != nil {
			continue // drain the workers
		}
		pending[r.seq] = *r
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			batch = append(batch, p)
			if len(batch) >= maxBatch {
				flush()
				last = time.Now()
			}
		}
		if len(results) == 0 && time.Since(last) >= commitEvery {
			flush()
			last = time.Now()
		}
	}
	flush()
	if saveErr != nil {
		return sum, saveErr
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	return sum, nil
}

// commitEvery is the longest a bulk ingest waits to commit what is ready.
const commitEvery = 50 * time.Millisecond

// merge yields the results, and nil whenever commitEvery passes without
// one, until results is closed.
func merge(results <-chan analysed) iter.Seq[*analysed] {
	return func(yield func(*analysed) bool) {
		t := time.NewTicker(commitEvery)
		defer t.Stop()
		for {
			select {
			case r, ok := <-results:
				if !ok {
					return
				}
				if !yield(&r) {
					return
				}
			case <-t.C:
				if !yield(nil) {
					return
				}
			}
		}
	}
}

// analyseItem loads and analyses one item.
func (b *Bot) analyseItem(seq int, it BatchItem) analysed {
	r := analysed{seq: seq, name: it.Name}
	defer func() {
		if p := recover(); p != nil { // a bug in analysis fails one article, not the ingest
			b.lg.Error("analysis panicked", "name", it.Name, "panic", fmt.Sprint(p))
			r.a, r.err = nil, &analysis.InputError{Msg: "internal error while reading this article"}
		}
	}()
	doc, err := it.Load()
	if err != nil {
		r.err = readError{err}
		return r
	}
	if doc.Received.IsZero() {
		doc.Received = b.now().UTC()
	}
	r.a, r.err = analysis.Analyze(doc)
	return r
}

// storeBatch stores the analysed items of batch in one transaction when the
// store can, and adds each outcome to sum.
func (b *Bot) storeBatch(ctx context.Context, batch []analysed, sum *Summary) error {
	var as []*analysis.Analysis
	var idx []int
	for i, r := range batch {
		if r.err != nil {
			b.lg.Warn("article not ingested", "name", r.name, "err", r.err)
			sum.Add(r.name, IngestResult{}, r.err)
			continue
		}
		as = append(as, r.a)
		idx = append(idx, i)
	}
	if len(as) == 0 {
		return nil
	}
	saved := make([]analysis.Saved, len(as))
	errs := make([]error, len(as))
	if bs, ok := b.store.(BatchSaver); ok {
		s, es, err := bs.SaveBatch(ctx, as)
		if err != nil {
			return fmt.Errorf("save %d articles: %w", len(as), err)
		}
		copy(saved, s)
		copy(errs, es)
	} else {
		for i, a := range as {
			s, err := b.store.Save(ctx, a)
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				return fmt.Errorf("save article %q: %w", a.Article.Title, err)
			}
			saved[i] = s
		}
	}
	for j, a := range as {
		name := batch[idx[j]].name
		switch {
		case errs[j] != nil:
			err := errs[j]
			if !analysis.IsInputError(err) {
				err = &analysis.InputError{Msg: "not stored: " + err.Error()}
			}
			b.lg.Warn("article not stored", "name", name, "err", errs[j])
			sum.Add(name, IngestResult{}, err)
		case saved[j].Duplicate:
			b.lg.Debug("duplicate article", "name", name, "id", saved[j].ID)
			sum.Add(name, IngestResult{Analysis: a, Duplicate: true}, nil)
		default:
			b.lg.Debug("article ingested", "name", name, "id", saved[j].ID, "facts", len(a.Facts))
			sum.Add(name, IngestResult{Analysis: a}, nil)
		}
	}
	return nil
}
