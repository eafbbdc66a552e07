package xdoc

// goldItem is a named gold mention of a corpus with its cluster key.
type goldItem struct {
	doc         int
	first, last int
	key         string // the ENTITY instance; a unique key when the mention refers to none
}

// predItem is a predicted mention of a corpus with its cluster.
type predItem struct {
	doc         int
	first, last int
	cluster     uint64
}

// matchDoc pairs one document's predicted mentions with its gold mentions,
// one to one: first identical token spans; then (unless exact) a predicted
// mention lying inside a gold mention and ending on the same token, the
// gold mention's head in English name phrases ("U.S. automaker Chrysler",
// "the US Bankruptcy Court"), the shortest such gold mention first. It
// returns, for each predicted mention, the index of its gold mention or -1.
func matchDoc(gold []goldItem, pred []predItem, exact bool) []int {
	match := make([]int, len(pred))
	used := make([]bool, len(gold))
	for i := range match {
		match[i] = -1
	}
	for i, p := range pred {
		for j, g := range gold {
			if !used[j] && g.first == p.first && g.last == p.last {
				match[i], used[j] = j, true
				break
			}
		}
	}
	if exact {
		return match
	}
	for i, p := range pred {
		if match[i] >= 0 {
			continue
		}
		best := -1
		for j, g := range gold {
			if used[j] || g.last != p.last || g.first > p.first {
				continue
			}
			if best < 0 || g.last-g.first < gold[best].last-gold[best].first {
				best = j
			}
		}
		if best >= 0 {
			match[i], used[best] = best, true
		}
	}
	return match
}

// bcubed accumulates B-cubed sums over corpora: precision and recall are
// summed per mention and divided by the mention counts at the end.
type bcubed struct {
	p, r   float64
	np, nr int
}

func (b bcubed) scores() (p, r, f float64) {
	if b.np > 0 {
		p = 100 * b.p / float64(b.np)
	}
	if b.nr > 0 {
		r = 100 * b.r / float64(b.nr)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// addMatched adds B³ (Bagga and Baldwin 1998, equal mention weights) over
// the mentions both sides share, the matched pairs: each pair has its gold
// key and its predicted cluster; precision of a pair is the share of the
// pairs in its predicted cluster that share its key, recall the share of
// the pairs with its key that share its predicted cluster. This is the
// standard definition restricted to the shared mentions (what a gold-mention
// evaluation measures, on the gold mentions that were found); it leaves
// mention detection out, which mention_f1 and addAll's figure measure.
func (b *bcubed) addMatched(keys []string, clusters []uint64) {
	type kc struct {
		k string
		c uint64
	}
	nk, nc, both := map[string]int{}, map[uint64]int{}, map[kc]int{}
	for i := range keys {
		nk[keys[i]]++
		nc[clusters[i]]++
		both[kc{keys[i], clusters[i]}]++
	}
	for i := range keys {
		n := float64(both[kc{keys[i], clusters[i]}])
		b.p += n / float64(nc[clusters[i]])
		b.r += n / float64(nk[keys[i]])
	}
	b.np += len(keys)
	b.nr += len(keys)
}

// addAll adds end-to-end B³ over every gold and every predicted mention of
// a corpus, as the CoNLL-2012 reference scorer computes it with predicted
// mentions (Pradhan et al. 2014, "Scoring coreference partitions of
// predicted mentions"; the scorer used for ECB+ and MEANTIME cross-document
// coreference over predicted mentions): recall sums |K∩R|²/|K| over gold
// clusters K and predicted clusters R, divided by the number of gold
// mentions; precision sums |K∩R|²/|R|, divided by the number of predicted
// mentions. Per mention: a matched gold mention's recall is the share of its
// gold cluster in its predicted mention's cluster, an unmatched one's is 0
// (it is in no predicted cluster); likewise for precision. Singletons count
// on both sides. match[i] is predicted mention i's gold index or -1.
//
// An earlier version counted an unmatched mention as a singleton of the
// other side (recall 1/|K| for a missed gold mention, as in Cai and
// Strube's B³sys), which credits mentions never found; it is not used.
func (b *bcubed) addAll(gold []goldItem, pred []predItem, match []int) {
	type kc struct {
		k string
		c uint64
	}
	nk, nc, both := map[string]int{}, map[uint64]int{}, map[kc]int{}
	for _, g := range gold {
		nk[g.key]++
	}
	for _, p := range pred {
		nc[p.cluster]++
	}
	for i, j := range match {
		if j >= 0 {
			both[kc{gold[j].key, pred[i].cluster}]++
		}
	}
	for i, j := range match {
		if j < 0 {
			continue
		}
		n := float64(both[kc{gold[j].key, pred[i].cluster}])
		b.r += n / float64(nk[gold[j].key])
		b.p += n / float64(nc[pred[i].cluster])
	}
	b.nr += len(gold)
	b.np += len(pred)
}

// prf returns precision, recall and F1 in percent.
func prf(tp, pred, gold int) (p, r, f float64) {
	if pred > 0 {
		p = 100 * float64(tp) / float64(pred)
	}
	if gold > 0 {
		r = 100 * float64(tp) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}
