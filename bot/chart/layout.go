package chart

import (
	"math"
	"slices"
	"strconv"
	"time"
)

// This file holds the pure geometry: the time scale, the ticks, the stacking
// of marks around the spine and the placement of labels. Nothing here draws.

// rect is an axis-aligned rectangle [X0, X1) × [Y0, Y1) in pixels.
type rect struct{ X0, Y0, X1, Y1 float64 }

func (a rect) overlaps(b rect) bool {
	return a.X0 < b.X1 && b.X0 < a.X1 && a.Y0 < b.Y1 && b.Y0 < a.Y1
}

func (a rect) shift(dy float64) rect { return rect{a.X0, a.Y0 + dy, a.X1, a.Y1 + dy} }

// unixSeconds is t as seconds since 1970 in a float64, precise to the
// microsecond for any date people write about and finite for any time.Time.
func unixSeconds(t time.Time) float64 {
	return float64(t.Unix()) + float64(t.Nanosecond())/1e9
}

// scale maps seconds since 1970 to x pixels.
type scale struct {
	t0, t1 float64 // the time range shown, t1 > t0
	x0, x1 float64 // the pixels it maps to
}

// newScale returns a scale whose data range [lo, hi] maps to [x0+pad, x1-pad]
// and whose shown range covers [x0, x1]. A range shorter than a day is
// widened to a week around its middle so that ticks still make sense.
func newScale(lo, hi, x0, x1, pad float64) scale {
	const day = 86400
	if !(hi-lo >= day) { // also catches NaN
		mid := lo/2 + hi/2
		lo, hi = mid-3.5*day, mid+3.5*day
	}
	perPx := (hi - lo) / (x1 - x0 - 2*pad)
	return scale{t0: lo - pad*perPx, t1: hi + pad*perPx, x0: x0, x1: x1}
}

func (s scale) x(sec float64) float64 {
	return s.x0 + (sec-s.t0)/(s.t1-s.t0)*(s.x1-s.x0)
}

// tickUnit is a kind of calendar step.
type tickUnit int

const (
	unitDay tickUnit = iota
	unitWeek
	unitMonth
	unitYear
)

// tickStep is one candidate spacing of the time axis.
type tickStep struct {
	unit tickUnit
	n    int     // how many units a step spans
	sec  float64 // approximate length in seconds, to pick the step
}

// tickSteps are the candidate spacings, finest first.
var tickSteps = func() []tickStep {
	const day = 86400.0
	const year = 365.2425 * day
	s := []tickStep{
		{unitDay, 1, day}, {unitDay, 2, 2 * day}, {unitWeek, 1, 7 * day}, {unitWeek, 2, 14 * day},
		{unitMonth, 1, year / 12}, {unitMonth, 2, year / 6}, {unitMonth, 3, year / 4}, {unitMonth, 6, year / 2},
	}
	for _, n := range []int{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000, 1000000} {
		s = append(s, tickStep{unitYear, n, float64(n) * year})
	}
	return s
}()

// tick is one position on the time axis.
type tick struct {
	t     time.Time // UTC
	x     float64
	label string // "12 Mar", "Mar", "2025"
	year  string // the year written under the label, "" when not needed
}

// maxTicks bounds the number of ticks computed for any range.
const maxTicks = 40

// pickStep returns the finest step with at most maxCount ticks in [t0, t1].
func pickStep(t0, t1 float64, maxCount int) tickStep {
	span := t1 - t0
	for _, st := range tickSteps {
		if span/st.sec <= float64(maxCount) {
			return st
		}
	}
	return tickSteps[len(tickSteps)-1]
}

// ticks returns the ticks of step st inside the scale's range, at most
// maxTicks of them, with labels and the year where it first appears or
// changes.
func ticks(s scale, st tickStep) []tick {
	start := timeOf(s.t0)
	var t time.Time
	switch st.unit {
	case unitDay:
		t = time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
	case unitWeek: // Mondays
		t = time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
		t = t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
	case unitMonth:
		m := (int(start.Month()) - 1) / st.n * st.n
		t = time.Date(start.Year(), time.Month(m+1), 1, 0, 0, 0, 0, time.UTC)
	case unitYear:
		y := floorDiv(start.Year(), st.n) * st.n
		t = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	var out []tick
	lastYear := math.MinInt
	for i := 0; i < 4*maxTicks && len(out) < maxTicks; i++ {
		sec := unixSeconds(t)
		if sec > s.t1 {
			break
		}
		if sec >= s.t0 {
			tk := tick{t: t, x: s.x(sec)}
			switch st.unit {
			case unitDay, unitWeek:
				tk.label = t.Format("2 Jan")
			case unitMonth:
				tk.label = t.Format("Jan")
			case unitYear:
				tk.label = yearString(t.Year())
			}
			if st.unit != unitYear && t.Year() != lastYear {
				tk.year = yearString(t.Year())
			}
			lastYear = t.Year()
			out = append(out, tk)
		}
		next := t
		switch st.unit {
		case unitDay:
			next = t.AddDate(0, 0, st.n)
		case unitWeek:
			next = t.AddDate(0, 0, 7*st.n)
		case unitMonth:
			next = t.AddDate(0, st.n, 0)
		case unitYear:
			next = t.AddDate(st.n, 0, 0)
		}
		if !next.After(t) { // overflow at the ends of time.Time's range
			break
		}
		t = next
	}
	return out
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// timeOf is the UTC time sec seconds after 1970, clamped to what time.Time
// holds.
func timeOf(sec float64) time.Time {
	const lim = 1 << 62
	switch {
	case math.IsNaN(sec):
		sec = 0
	case sec > lim:
		sec = lim
	case sec < -lim:
		sec = -lim
	}
	whole := math.Floor(sec)
	return time.Unix(int64(whole), int64((sec-whole)*1e9)).UTC()
}

func yearString(y int) string { return strconv.Itoa(y) }

// capsule is a horizontal segment from x0 to x1 (equal for a dot) at the
// height of its mark, thickened by r.
type capsule struct{ x0, x1, r float64 }

// markShape is a mark before stacking, centred on the spine: a head (a dot
// or a diamond, as a capsule of zero length) and, for events dated to a
// period, a thin bar over the period.
type markShape struct {
	head capsule
	bar  *capsule
}

func (m markShape) parts() []capsule {
	if m.bar == nil {
		return []capsule{m.head}
	}
	return []capsule{m.head, *m.bar}
}

// penetration is how far two capsules, dy apart vertically, reach into each
// other's space including gap; 0 or less means they are clear.
func penetration(a, b capsule, dy, gap float64) float64 {
	dx := math.Max(0, math.Max(a.x0, b.x0)-math.Min(a.x1, b.x1))
	return a.r + b.r + gap - math.Hypot(dx, dy)
}

// stackMarks gives each mark a vertical offset from the spine (negative is
// up) so that marks do not overlap, trying offsets nearest the spine first,
// within ±limit pixels. Marks are placed in the order given; a mark that
// finds no free place goes where it overlaps the least.
func stackMarks(ms []markShape, limit, gap float64) []float64 {
	dy := make([]float64, len(ms))
	for i, m := range ms {
		best, bestPen := 0.0, math.Inf(1)
		mp := m.parts()
	offsets:
		for k := 0; float64(k) <= limit; k++ {
			for _, sign := range []float64{-1, 1} {
				if k == 0 && sign > 0 {
					continue
				}
				y := sign * float64(k)
				pen := 0.0
				for j := 0; j < i; j++ {
					for _, a := range mp {
						for _, b := range ms[j].parts() {
							if p := penetration(a, b, y-dy[j], gap); p > pen {
								pen = p
							}
						}
					}
				}
				if pen < bestPen {
					best, bestPen = y, pen
				}
				if pen <= 0 {
					break offsets
				}
			}
		}
		dy[i] = best
	}
	return dy
}

// labelReq asks for one label: a leader line at x from a mark whose top and
// bottom are at the given y (spine at 0, up negative), text of one of the
// given widths (most preferred first), on the given side.
type labelReq struct {
	x           float64
	top, bottom float64
	side        int // -1 above only, +1 below only, 0 either
	widths      []float64
}

// labelGeom describes the lanes: lane k (1-based) above the spine spans
// y ∈ [-(up+k·laneH), -(up+(k-1)·laneH)); below, [down+(k-1)·laneH, down+k·laneH).
type labelGeom struct {
	up, down   float64 // distance from the spine to the first lane
	laneH      float64
	boxH       float64 // height of a label box inside its lane
	lanes      int     // lanes per side
	minX, maxX float64 // labels stay inside
	flagGap    float64 // between a leader line and its label
	sepX       float64 // horizontal space kept between labels in a lane
	stemHalf   float64 // half the width kept clear around a leader line
}

// placement is where one label went.
type placement struct {
	ok      bool
	variant int  // index into widths
	lane    int  // -k above, +k below
	left    bool // text to the left of the leader line
	box     rect
	stem    rect // the leader line, as the area kept clear around it
}

func (g labelGeom) laneSpan(lane int) (y0, y1 float64) {
	if lane < 0 {
		k := float64(-lane)
		return -(g.up + k*g.laneH), -(g.up + (k-1)*g.laneH)
	}
	k := float64(lane)
	return g.down + (k-1)*g.laneH, g.down + k*g.laneH
}

// layoutLabels chooses which labels to show and places them.
//
// A label is a box beside a vertical leader line from its mark to the
// middle of the box's lane: its text runs right of the line ("right flag")
// or, where that would leave the picture, left of it. For leader lines never
// to cross a box, a box that spans another label's leader line (on the same
// side of the spine) must lie in a lane further out than that label; boxes
// in the same lane must not overlap. assignLanes finds the lanes nearest
// the spine that satisfy both.
//
// Labels are admitted in priority order (reqs[0] first). Each tries both
// sides of the spine (unless its mark sits off the spine, which fixes the
// side), both directions and its widths, and takes the option that keeps
// the picture lowest, then the sides balanced, preferring full text and
// right flags; a label for
// which every option needs more than g.lanes lanes, a cycle (two boxes
// spanning each other's leader lines) or a box outside [minX, maxX] is left
// out (ok false). Labels admitted earlier stay admitted, though their lanes
// may change.
//
// The result is index-aligned with reqs. Boxes of placed labels are
// pairwise disjoint, each box lies inside [minX, maxX], and no box meets
// another label's leader line.
func layoutLabels(reqs []labelReq, g labelGeom) []placement {
	var sides [2][]flagBox // above, below
	maxLane := [2]int{}
	for i, r := range reqs {
		best, bestSide, bestCost, bestMax := flagBox{}, -1, math.Inf(1), 0
		for s := 0; s < 2; s++ {
			if (r.side < 0 && s == 1) || (r.side > 0 && s == 0) {
				continue
			}
			for v, w := range r.widths {
				if !(w > 0) || math.IsInf(w, 0) {
					continue
				}
				for _, left := range []bool{false, true} {
					f := flagBox{req: i, x: r.x, left: left, variant: v}
					if left {
						f.x0, f.x1 = r.x-g.flagGap-w, r.x-g.flagGap
					} else {
						f.x0, f.x1 = r.x+g.flagGap, r.x+g.flagGap+w
					}
					if f.x0 < g.minX || f.x1 > g.maxX {
						continue
					}
					lanes, ok := assignLanes(append(sides[s][:len(sides[s]):len(sides[s])], f), g)
					if !ok {
						continue
					}
					m := slices.Max(lanes)
					if m > g.lanes {
						continue
					}
					h := max(m, maxLane[s])
					cost := float64(h+maxLane[1-s]) + 0.25*float64(h) + 1.5*float64(v) + 0.1*float64(s)
					if left {
						cost += 0.5
					}
					if cost < bestCost {
						best, bestSide, bestCost, bestMax = f, s, cost, m
					}
				}
			}
		}
		if bestSide >= 0 {
			sides[bestSide] = append(sides[bestSide], best)
			maxLane[bestSide] = max(maxLane[bestSide], bestMax)
		}
	}
	out := make([]placement, len(reqs))
	for s, fs := range sides {
		lanes, _ := assignLanes(fs, g)
		for k, f := range fs {
			lane := lanes[k]
			if s == 0 {
				lane = -lane
			}
			r := reqs[f.req]
			y0, y1 := g.laneSpan(lane)
			pad := (g.laneH - g.boxH) / 2
			p := placement{ok: true, variant: f.variant, lane: lane, left: f.left,
				box:  rect{X0: f.x0, Y0: y0 + pad, X1: f.x1, Y1: y1 - pad},
				stem: rect{X0: r.x - g.stemHalf, X1: r.x + g.stemHalf}}
			if lane < 0 {
				p.stem.Y0, p.stem.Y1 = (y0+y1)/2, r.top
			} else {
				p.stem.Y0, p.stem.Y1 = r.bottom, (y0+y1)/2
			}
			out[f.req] = p
		}
	}
	return out
}

// flagBox is a label on one side of the spine before its lane is known: its
// leader line at x and its box from x0 to x1.
type flagBox struct {
	req     int
	x       float64
	x0, x1  float64
	left    bool
	variant int
}

// assignLanes gives each flag a lane (1 nearest the spine) such that a box
// spanning another flag's leader line lies further out than that flag and
// boxes in the same lane keep sepX apart. Flags are laid out inner first,
// each in the lowest lane allowed. It reports false when the flags cannot be
// ordered (two boxes span each other's leader lines).
func assignLanes(fs []flagBox, g labelGeom) ([]int, bool) {
	n := len(fs)
	spans := func(i, j int) bool { // box i spans the leader line of j
		return i != j && fs[i].x0 < fs[j].x+g.stemHalf && fs[j].x-g.stemHalf < fs[i].x1
	}
	inner := make([]int, n) // how many flags i spans that are not laid out yet
	for i := range fs {
		for j := range fs {
			if spans(i, j) {
				inner[i]++
			}
		}
	}
	lanes := make([]int, n)
	done := make([]bool, n)
	for range n {
		// the leftmost flag whose inner flags are all laid out
		next := -1
		for i := range fs {
			if !done[i] && inner[i] == 0 && (next < 0 || fs[i].x < fs[next].x) {
				next = i
			}
		}
		if next < 0 {
			return nil, false
		}
		lane := 1
		for j := range fs {
			if done[j] && spans(next, j) {
				lane = max(lane, lanes[j]+1)
			}
		}
		for busy := true; busy; {
			busy = false
			for j := range fs {
				if done[j] && lanes[j] == lane && fs[next].x0 < fs[j].x1+g.sepX && fs[j].x0 < fs[next].x1+g.sepX {
					lane++
					busy = true
					break
				}
			}
		}
		lanes[next] = lane
		done[next] = true
		for i := range fs {
			if spans(i, next) {
				inner[i]--
			}
		}
	}
	return lanes, true
}
