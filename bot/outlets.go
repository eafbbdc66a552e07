package bot

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/briefbot/briefbot/analysis"
)

// outletCache keeps the names of the outlets of every stored article, read
// once and then only for the articles stored since (ids grow), so that a
// command comparing recent articles still knows every outlet's name. An
// outlet whose articles were all forgotten stays known: it did exist.
type outletCache struct {
	mu    sync.Mutex
	last  uint64 // the greatest article id read
	names map[string]bool
}

// knownOutlets returns the outlets of all stored articles, sorted.
func (b *Bot) knownOutlets(ctx context.Context) ([]string, error) {
	c := &b.outlets
	c.mu.Lock()
	defer c.mu.Unlock()
	arts, err := b.store.ArticlesAfter(ctx, c.last)
	if err != nil {
		return nil, fmt.Errorf("outlets: %w", err)
	}
	if c.names == nil {
		c.names = map[string]bool{}
	}
	for _, a := range arts {
		if o := analysis.Outlet(a); o != "" {
			c.names[o] = true
		}
		c.last = max(c.last, a.ID)
	}
	out := make([]string, 0, len(c.names))
	for o := range c.names {
		out = append(out, o)
	}
	sort.Strings(out)
	return out, nil
}
