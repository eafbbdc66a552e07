package bot

import (
	"context"
	"strings"
	"testing"
)

// A bare /conflicts compares only the most recent articles when there are
// more than it compares, and says so; with fewer it compares everything.
func TestConflicts_RecentWindow(t *testing.T) {
	ctx := context.Background()
	b, _ := briefingBot(t)
	all, err := b.Handle(ctx, &Request{Platform: "cli", Text: "/conflicts"})
	if err != nil {
		t.Fatal(err)
	}
	if all.Footer != "" {
		t.Errorf("8 articles, all compared: footer %q, want none", all.Footer)
	}
	b.conflictsLimit = 2 // the two April articles of the samples
	recent, err := b.Handle(ctx, &Request{Platform: "cli", Text: "/conflicts"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Compared: the 2 most recent articles, published 2026-04-09 to 2026-04-10."; !strings.HasPrefix(recent.Footer, want) {
		t.Errorf("footer %q, want it to start %q", recent.Footer, want)
	}
	if len(recent.Items) == 0 || len(recent.Items) >= len(all.Items) {
		t.Fatalf("%d conflicts among the recent articles, %d among all: want fewer, not none", len(recent.Items), len(all.Items))
	}
	for _, it := range recent.Items {
		for _, s := range it.Sources {
			if !strings.HasPrefix(s.Published, "2026-04") {
				t.Errorf("conflict %q cites %s of %s, outside the window", it.Text, s.Outlet, s.Published)
			}
		}
	}
	// a name still compares everything about it
	named, err := b.Handle(ctx, &Request{Platform: "cli", Text: "/conflicts sveto"})
	if err != nil {
		t.Fatal(err)
	}
	if named.Footer != "" || len(named.Items) <= len(recent.Items) {
		t.Errorf("/conflicts sveto: %d items, footer %q; want more than the window's %d, no footer", len(named.Items), named.Footer, len(recent.Items))
	}
}
