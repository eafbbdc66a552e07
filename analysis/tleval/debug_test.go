package tleval

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// TestDebugDev prints, for each trial timeline, the gold mentions the
// system missed, the system mentions gold does not list, and the matched
// ones with both dates. Run with TLDEBUG=1; dev split only.
func TestDebugDev(t *testing.T) {
	if os.Getenv("TLDEBUG") == "" {
		t.Skip("set TLDEBUG=1 to print the trial timelines' differences")
	}
	fsys := dataFS(t)
	sp := corpora("dev")[0]
	docs, err := readDocs(fsys, sp.docs, 0, false)
	if err != nil {
		t.Fatal(err)
	}
	golds, err := readGold(fsys, sp.gold)
	if err != nil {
		t.Fatal(err)
	}
	c, err := analyse(docs, defaults)
	if err != nil {
		t.Fatal(err)
	}
	sentOf := map[string]string{}
	for _, d := range docs {
		var b []string
		cur := -1
		flush := func() {
			if cur >= 0 {
				sentOf[fmt.Sprintf("%s-%d", d.ID, cur)] = strings.Join(b, " ")
			}
		}
		for _, tk := range d.Tokens {
			if tk.Sentence != cur {
				flush()
				cur, b = tk.Sentence, nil
			}
			b = append(b, tk.Text)
		}
		flush()
	}
	sentence := func(m string) string {
		i := strings.LastIndex(m, "-")
		return sentOf[m[:i]]
	}
	for _, g := range golds {
		sys := c.timeline(g.Entity, defaults)
		gd := map[string]string{}
		for _, l := range g.Lines {
			for _, m := range l.Mentions {
				gd[m] = fmt.Sprintf("%d %s", l.Ordinal, l.Date)
			}
		}
		sd := map[string]string{}
		for _, l := range sys.Lines {
			for _, m := range l.Mentions {
				sd[m] = fmt.Sprintf("%d %s", l.Ordinal, l.Date)
			}
		}
		sc := Score(g, sys)
		p, r, f := sc.PRF()
		fmt.Printf("=== %s  P %.1f R %.1f F %.1f\n", g.Entity, p, r, f)
		var keys []string
		for m := range gd {
			keys = append(keys, m)
		}
		for m := range sd {
			if _, ok := gd[m]; !ok {
				keys = append(keys, m)
			}
		}
		sort.Strings(keys)
		for _, m := range keys {
			gv, gok := gd[m]
			sv, sok := sd[m]
			tag := "OK  "
			switch {
			case !sok:
				tag = "MISS"
			case !gok:
				tag = "EXTRA"
			case strings.Fields(gv)[1] != strings.Fields(sv)[1]:
				tag = "DATE"
			}
			fmt.Printf("%-5s %-28s gold[%-16s] sys[%-16s] %s\n", tag, m, gv, sv, sentence(m))
		}
	}
}
