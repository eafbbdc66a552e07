package chart

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func testGeom() labelGeom {
	return labelGeom{up: 20, down: 20, laneH: 27, boxH: 23, lanes: 8, minX: 6, maxX: 1194, flagGap: 3, sepX: 10, stemHalf: 2}
}

// checkPlacements fails when placed boxes overlap, leave the bounds or meet
// another label's leader line, or when a leader line does not reach its box.
func checkPlacements(t *testing.T, reqs []labelReq, ps []placement, g labelGeom) {
	t.Helper()
	for i, p := range ps {
		if !p.ok {
			continue
		}
		if p.box.X0 < g.minX || p.box.X1 > g.maxX {
			t.Errorf("box %d %v outside [%g, %g]", i, p.box, g.minX, g.maxX)
		}
		if math.Abs(p.box.X1-p.box.X0-reqs[i].widths[p.variant]) > 1e-6 {
			t.Errorf("box %d is %g wide, want %g", i, p.box.X1-p.box.X0, reqs[i].widths[p.variant])
		}
		mid := (p.box.Y0 + p.box.Y1) / 2
		if p.stem.Y0 > mid || p.stem.Y1 < mid {
			t.Errorf("leader line %d %v does not reach its box %v", i, p.stem, p.box)
		}
		for j, q := range ps {
			if i == j || !q.ok {
				continue
			}
			if p.box.overlaps(q.box) {
				t.Errorf("boxes %d %v and %d %v overlap", i, p.box, j, q.box)
			}
			if p.box.overlaps(q.stem) {
				t.Errorf("box %d %v meets leader line %d %v", i, p.box, j, q.stem)
			}
		}
	}
}

func TestLayoutLabels_NeverOverlap(t *testing.T) {
	for seed := range uint64(200) {
		g := testGeom()
		rng := rand.New(rand.NewPCG(seed, 1))
		n := rng.IntN(100)
		spread := 20 + rng.Float64()*1200
		reqs := make([]labelReq, n)
		for i := range reqs {
			r := 6 + rng.Float64()*12
			dy := 0.0
			if rng.IntN(4) == 0 {
				dy = (rng.Float64() - 0.5) * 60
			}
			reqs[i] = labelReq{x: 40 + rng.Float64()*spread, top: dy - r, bottom: dy + r, side: sign(dy)}
			for range 1 + rng.IntN(3) {
				reqs[i].widths = append(reqs[i].widths, 30+rng.Float64()*400)
			}
		}
		for _, r := range reqs { // the lanes start beyond the marks
			g.up = math.Max(g.up, -r.top+10)
			g.down = math.Max(g.down, r.bottom+10)
		}
		ps := layoutLabels(reqs, g)
		if len(ps) != n {
			t.Fatalf("seed %d: %d placements for %d labels", seed, len(ps), n)
		}
		checkPlacements(t, reqs, ps, g)
		for i, p := range ps {
			if p.ok && reqs[i].side != 0 && (p.lane < 0) != (reqs[i].side < 0) {
				t.Errorf("seed %d: label %d on side %d placed in lane %d", seed, i, reqs[i].side, p.lane)
			}
			if p.ok && (p.lane == 0 || p.lane > g.lanes || -p.lane > g.lanes) {
				t.Errorf("seed %d: label %d in lane %d of %d", seed, i, p.lane, g.lanes)
			}
		}
	}
}

func sign(v float64) int {
	switch {
	case v < 0:
		return -1
	case v > 0:
		return 1
	}
	return 0
}

func TestLayoutLabels_Cases(t *testing.T) {
	g := testGeom()
	req := func(x, w float64) labelReq { return labelReq{x: x, top: -8, bottom: 8, widths: []float64{w}} }
	for _, tc := range []struct {
		name  string
		reqs  []labelReq
		lanes []int // want, 0 for left out
		left  []bool
	}{
		{"far apart share the first lane", []labelReq{req(100, 200), req(500, 200), req(900, 200)},
			[]int{-1, -1, -1}, []bool{false, false, false}},
		{"close ones stack in steps, the later one inside, alternating sides",
			[]labelReq{req(100, 300), req(150, 300), req(200, 300), req(250, 300), req(300, 300)},
			[]int{-3, 2, -2, 1, -1}, nil},
		{"same day stacks", []labelReq{req(400, 200), req(400, 200), req(400, 200)},
			[]int{-1, 1, -2}, nil},
		{"right edge flips the text left", []labelReq{req(1150, 300)}, []int{-1}, []bool{true}},
		{"too wide for either side is left out", []labelReq{req(600, 2000)}, []int{0}, nil},
		{"fixed side", []labelReq{{x: 300, top: 4, bottom: 20, side: 1, widths: []float64{100}}}, []int{1}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := layoutLabels(tc.reqs, g)
			checkPlacements(t, tc.reqs, ps, g)
			var lanes []int
			var left []bool
			for _, p := range ps {
				lanes = append(lanes, p.lane)
				left = append(left, p.left)
			}
			if diff := cmp.Diff(tc.lanes, lanes); diff != "" {
				t.Errorf("lanes (-want +got):\n%s", diff)
			}
			if tc.left != nil {
				if diff := cmp.Diff(tc.left, left); diff != "" {
					t.Errorf("text left of the line (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestLayoutLabels_PrefersImportant(t *testing.T) {
	g := testGeom()
	g.lanes = 1
	// Both cannot fit in one lane above and one below with the third; the
	// first two (most important) must be kept.
	reqs := []labelReq{
		{x: 300, top: -8, bottom: 8, widths: []float64{300}},
		{x: 320, top: -8, bottom: 8, widths: []float64{300}},
		{x: 340, top: -8, bottom: 8, widths: []float64{300}},
	}
	ps := layoutLabels(reqs, g)
	if !ps[0].ok || !ps[1].ok || ps[2].ok {
		t.Errorf("kept %v %v %v, want the first two only", ps[0].ok, ps[1].ok, ps[2].ok)
	}
}

func TestStackMarks_NoOverlapWithinLimit(t *testing.T) {
	var ms []markShape
	for i := range 6 {
		ms = append(ms, markShape{head: capsule{500, 500, 6 + float64(i)}})
	}
	ms = append(ms, markShape{head: capsule{520, 520, 10}, bar: &capsule{480, 560, 4}})
	dy := stackMarks(ms, 64, 2)
	if dy[0] != 0 {
		t.Errorf("first mark at %g, want on the spine", dy[0])
	}
	for i := range ms {
		for j := range i {
			for _, a := range ms[i].parts() {
				for _, b := range ms[j].parts() {
					if p := penetration(a, b, dy[i]-dy[j], 0); p > 0 {
						t.Errorf("marks %d (dy %g) and %d (dy %g) overlap by %g", i, dy[i], j, dy[j], p)
					}
				}
			}
		}
	}
}

func TestTicks_StepFromRange(t *testing.T) {
	for _, tc := range []struct {
		name      string
		from, to  time.Time
		wantUnit  tickUnit
		wantN     int
		wantFirst string
	}{
		{"a week", day(2025, 8, 1), day(2025, 8, 8), unitDay, 1, "1 Aug"},
		{"one day", day(2025, 8, 6), day(2025, 8, 6), unitDay, 1, "3 Aug"},
		{"two months", day(2025, 3, 1), day(2025, 5, 1), unitWeek, 1, "3 Mar"},
		{"a year", day(2024, 1, 1), day(2024, 12, 31), unitMonth, 2, "Jan"},
		{"three years", day(2022, 1, 1), day(2024, 12, 31), unitMonth, 6, "Jan"},
		{"thirty years", day(1995, 1, 1), day(2025, 1, 1), unitYear, 5, "1995"},
		{"two thousand years", day(1, 1, 2), day(2025, 1, 1), unitYear, 200, "0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := newScale(unixSeconds(tc.from), unixSeconds(tc.to), 40, 1160, 26)
			st := pickStep(sc.t0, sc.t1, 11)
			if st.unit != tc.wantUnit || st.n != tc.wantN {
				t.Errorf("step %v×%d, want %v×%d", st.unit, st.n, tc.wantUnit, tc.wantN)
			}
			tks := ticks(sc, st)
			if len(tks) < 3 || len(tks) > 12 {
				t.Fatalf("%d ticks, want 3 to 12", len(tks))
			}
			if tks[0].label != tc.wantFirst {
				t.Errorf("first tick %q, want %q", tks[0].label, tc.wantFirst)
			}
			if st.unit != unitYear && tks[0].year == "" {
				t.Error("first tick has no year")
			}
			for i := 1; i < len(tks); i++ {
				if tks[i].x <= tks[i-1].x || tks[i].x-tks[i-1].x < 80 {
					t.Errorf("ticks %d and %d at %g and %g: too close or out of order", i-1, i, tks[i-1].x, tks[i].x)
				}
			}
		})
	}
}

func TestDateText(t *testing.T) {
	for _, tc := range []struct {
		st, en   time.Time
		withYear bool
		want     string
	}{
		{day(2025, 8, 6), day(2025, 8, 6), false, "6 Aug"},
		{day(2025, 8, 6), day(2025, 8, 6), true, "6 Aug 2025"},
		{day(2025, 8, 1), day(2025, 9, 1), false, "Aug 2025"},
		{day(2025, 1, 1), day(2026, 1, 1), false, "2025"},
		{day(2024, 1, 1), day(2026, 1, 1), false, "2024–2025"},
		{day(2025, 3, 1), day(2025, 6, 1), false, "Mar–May 2025"},
		{day(2024, 12, 1), day(2025, 2, 1), false, "Dec 2024–Jan 2025"},
		{day(2025, 8, 4), day(2025, 8, 11), false, "4 Aug–10 Aug"},
	} {
		span := tc.en.After(tc.st)
		if got := dateText(tc.st, tc.en, span, tc.withYear); got != tc.want {
			t.Errorf("dateText(%v, %v) = %q, want %q", tc.st, tc.en, got, tc.want)
		}
	}
}

func TestFitText(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	defer fs.close()
	short := "Met the envoy"
	if got := fitText(fs.label, short, 500); got != short {
		t.Errorf("short text changed to %q", got)
	}
	long := strings.Repeat("Talks in Valletta, ", 20)
	got := fitText(fs.label, long, 200)
	if !strings.HasSuffix(got, "…") || measure(fs.label, got) > 200 || !strings.HasPrefix(long, strings.TrimSuffix(got, "…")) {
		t.Errorf("fitText(long, 200) = %q (%gpx)", got, measure(fs.label, got))
	}
	if strings.HasSuffix(strings.TrimSuffix(got, "…"), " ") || strings.HasSuffix(strings.TrimSuffix(got, "…"), ",") {
		t.Errorf("ellipsis after a space or comma: %q", got)
	}
	if got := fitText(fs.label, long, 2); got != "" {
		t.Errorf("fitText(long, 2) = %q, want empty", got)
	}
}

func TestCleanLabel(t *testing.T) {
	for in, want := range map[string]string{
		"  Met\tthe\n\nenvoy  ":  "Met the envoy",
		"a\x00b\x1b[31mc":        "a b [31mc",
		"bad \xff utf8":          "bad \uFFFD utf8",
		strings.Repeat("é", 500): strings.Repeat("é", maxRunes),
		"Встреча\u2028в Осло":    "Встреча в Осло",
	} {
		if got := cleanLabel(in); got != want {
			t.Errorf("cleanLabel(%q) = %q, want %q", in, got, want)
		}
	}
}
