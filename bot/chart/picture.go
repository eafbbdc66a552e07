package chart

import (
	"cmp"
	"image"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/image/font"
)

// Picture geometry, in pixels.
const (
	width          = 1200
	minHeight      = 675
	margin         = 40   // left and right edge of the plot
	topMargin      = 26   // above the title
	maxRadius      = 18.0 // largest mark
	laneH          = 27.0 // one lane of labels
	boxH           = 23.0 // a label box inside its lane
	maxLanes       = 12   // lanes per side
	labelTextMax   = 250  // the widest label text, after the date
	labelTextShort = 120  // the text width tried when the full text finds no room
	stackLimit     = 64   // how far marks may be stacked from the spine
	bandGap        = 10   // between the marks and the first lane
	labelPadX      = 4    // inside a label box, left and right
	maxRunes       = 200  // label text kept before measuring
)

// item is one dated event ready to draw.
type item struct {
	st, en      time.Time // UTC; en == st for a day
	s0, s1      float64   // the same in seconds
	span        bool
	outlets     int
	conflict    bool
	planned     bool
	text        string
	date        string // as written in the label
	r           float64
	x0, x1, xc  float64
	dy          float64
	label       placement
	labelText   string // the text part of the label as drawn (maybe cut)
	labelHidden bool
}

func (it *item) colour() color.RGBA {
	if it.conflict {
		return colConflict
	}
	return colEvent
}

// radius is the size of a mark for n outlets: 6 px for one, growing with
// the logarithm, at most maxRadius.
func radius(n int) float64 {
	if n < 1 {
		n = 1
	}
	return math.Min(maxRadius, 6+3.3*math.Log(float64(n)))
}

// cleanLabel makes label text safe to draw on one line: valid UTF-8, no
// control characters, runs of white space collapsed, at most maxRunes runes.
func cleanLabel(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	space, n := false, 0
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			space = b.Len() > 0
			continue
		}
		if !unicode.IsPrint(r) && !unicode.IsMark(r) {
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
			n++
		}
		b.WriteRune(r)
		if n++; n >= maxRunes {
			break
		}
	}
	return b.String()
}

// prepare turns the events into items sorted by a total order on their
// content (so input order does not matter) and counts the undated ones.
func prepare(t Timeline) (items []*item, undated int) {
	undated = max(t.Undated, 0)
	for _, e := range t.Events {
		if e.Start.IsZero() {
			undated++
			continue
		}
		it := &item{
			st:       e.Start.UTC(),
			outlets:  max(e.Outlets, 1),
			conflict: e.Conflict,
			planned:  e.Planned,
			text:     cleanLabel(e.Label),
		}
		it.en = it.st
		if e.End.After(e.Start) {
			it.en, it.span = e.End.UTC(), true
		}
		it.s0, it.s1 = unixSeconds(it.st), unixSeconds(it.en)
		it.r = radius(it.outlets)
		items = append(items, it)
	}
	slices.SortStableFunc(items, func(a, b *item) int {
		return cmp.Or(
			cmp.Compare(a.s0, b.s0), cmp.Compare(a.s1, b.s1),
			strings.Compare(a.text, b.text), cmp.Compare(a.outlets, b.outlets),
			compareBool(a.conflict, b.conflict), compareBool(a.planned, b.planned))
	})
	return items, undated
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// dateText writes an event's date at its precision; withYear adds the
// year to day and month dates.
func dateText(st, en time.Time, span, withYear bool) string {
	day := "2 Jan"
	if withYear {
		day = "2 Jan 2006"
	}
	if !span {
		return st.Format(day)
	}
	monthStart := func(t time.Time) bool {
		return t.Day() == 1 && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
	}
	if monthStart(st) && monthStart(en) {
		months := (en.Year()-st.Year())*12 + int(en.Month()) - int(st.Month())
		last := en.AddDate(0, -1, 0)
		switch {
		case st.Month() == time.January && months%12 == 0:
			if months == 12 {
				return yearString(st.Year())
			}
			return yearString(st.Year()) + "–" + yearString(last.Year())
		case months == 1:
			return st.Format("Jan 2006")
		case st.Year() == last.Year():
			return st.Format("Jan") + "–" + last.Format("Jan 2006")
		default:
			return st.Format("Jan 2006") + "–" + last.Format("Jan 2006")
		}
	}
	last := en.Add(-time.Nanosecond)
	return st.Format(day) + "–" + last.Format(day)
}

// rangeText is the date range of the subtitle.
func rangeText(lo, hi time.Time) string {
	if lo.Year() == hi.Year() && lo.YearDay() == hi.YearDay() {
		return lo.Format("2 Jan 2006")
	}
	if lo.Year() == hi.Year() {
		return lo.Format("2 Jan") + " – " + hi.Format("2 Jan 2006")
	}
	return lo.Format("2 Jan 2006") + " – " + hi.Format("2 Jan 2006")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// legendPiece is one swatch or text of the legend.
type legendPiece struct {
	text   string
	face   font.Face
	swatch func(c *canvas, x, y float64) // draws centred vertically on y, starting at x
	w      float64
}

// stats describe a composed picture, for tests.
type stats struct {
	labelled, hidden int
	boxes, stems     []rect // of the labels drawn, in image coordinates
}

// compose composes the whole picture.
func compose(fs *fontSet, t Timeline) (*image.RGBA, stats) {
	var st stats
	items, undated := prepare(t)
	title := cleanLabel(t.Title)
	if title == "" {
		title = "Timeline"
	}

	plotX0, plotX1 := float64(margin), float64(width-margin)

	// Subtitle and notes.
	var sub string
	var lo, hi time.Time
	nConf, nPlan, nSpan := 0, 0, 0
	for _, it := range items {
		if it.conflict {
			nConf++
		}
		if it.planned {
			nPlan++
		}
		if it.span {
			nSpan++
		}
	}
	if len(items) == 0 {
		sub = "Timeline · no dated events"
	} else {
		lo = items[0].st
		for _, it := range items {
			last := it.en
			if it.span { // End is exclusive
				last = last.Add(-time.Nanosecond)
			}
			if last.After(hi) {
				hi = last
			}
		}
		sub = "Timeline · " + rangeText(lo, hi) + " · " + plural(len(items), "event", "events")
		if nConf > 0 {
			sub += ", " + strconv.Itoa(nConf) + " disputed"
		}
		if nPlan > 0 {
			sub += ", " + strconv.Itoa(nPlan) + " planned"
		}
	}

	// Horizontal layout: scale, marks, ticks.
	var sc scale
	var tks []tick
	if len(items) > 0 {
		loS, hiS := items[0].s0, items[0].s1
		for _, it := range items {
			hiS = math.Max(hiS, it.s1)
		}
		sc = newScale(loS, hiS, plotX0, plotX1, maxRadius+8)
		tks = ticks(sc, pickStep(sc.t0, sc.t1, 11))
		withYear := lo.Year() != hi.Year()
		for _, it := range items {
			it.x0, it.x1 = sc.x(it.s0), sc.x(it.s1)
			it.xc = (it.x0 + it.x1) / 2
			it.date = dateText(it.st, it.en, it.span, withYear)
		}
	}

	// Stack marks, biggest first so the important ones sit on the spine.
	order := make([]*item, len(items))
	copy(order, items)
	slices.SortStableFunc(order, func(a, b *item) int {
		return cmp.Or(cmp.Compare(b.r, a.r), compareBool(b.conflict, a.conflict), cmp.Compare(a.xc, b.xc))
	})
	shapes := make([]markShape, len(order))
	for i, it := range order {
		shapes[i] = it.shape()
	}
	for i, dy := range stackMarks(shapes, stackLimit, 2) {
		order[i].dy = dy
	}
	bandUp, bandDown := 0.0, 0.0
	for _, it := range items {
		hr := it.headR()
		bandUp = math.Max(bandUp, hr-it.dy)
		bandDown = math.Max(bandDown, hr+it.dy)
	}

	// Labels: most outlets first, then conflicts, then earliest.
	prio := make([]*item, len(items))
	copy(prio, items)
	slices.SortStableFunc(prio, func(a, b *item) int {
		return cmp.Or(cmp.Compare(b.outlets, a.outlets), compareBool(b.conflict, a.conflict))
	})
	texts := make([][]string, len(prio))
	reqs := make([]labelReq, len(prio))
	space := measure(fs.label, " ")
	// Few events leave room for longer labels.
	textMax := float64(labelTextMax)
	switch {
	case len(items) <= 8:
		textMax = labelTextMax * 1.7
	case len(items) <= 25:
		textMax = labelTextMax * 1.3
	}
	for i, it := range prio {
		face := fs.label
		if it.planned {
			face = fs.labelItalic
		}
		dw := measure(fs.labelBold, it.date)
		req := labelReq{x: it.xc, top: it.dy - it.headR(), bottom: it.dy + it.headR()}
		switch {
		case it.dy < 0:
			req.side = -1
		case it.dy > 0:
			req.side = 1
		}
		full := measure(face, it.text)
		for _, maxW := range []float64{textMax, labelTextShort} {
			if maxW < textMax && full <= maxW {
				break
			}
			s := ""
			if it.text != "" {
				if s = fitText(face, it.text, maxW); s == "" {
					continue
				}
			}
			w := dw + 2*labelPadX
			if s != "" {
				w += space + measure(face, s)
			}
			req.widths = append(req.widths, math.Ceil(w))
			texts[i] = append(texts[i], s)
		}
		reqs[i] = req
	}
	geom := labelGeom{
		up: bandUp + bandGap, down: bandDown + bandGap,
		laneH: laneH, boxH: boxH, lanes: maxLanes,
		minX: 12, maxX: width - 12,
		flagGap: 3, sepX: 10, stemHalf: 2,
	}
	hidden := 0
	usedUp, usedDown := 0, 0
	for i, p := range layoutLabels(reqs, geom) {
		it := prio[i]
		it.label = p
		if !p.ok {
			it.labelHidden = true
			hidden++
			continue
		}
		it.labelText = texts[i][p.variant]
		if p.lane < 0 {
			usedUp = max(usedUp, -p.lane)
		} else {
			usedDown = max(usedDown, p.lane)
		}
	}

	// Legend pieces.
	var legend [][]legendPiece
	if len(items) > 0 {
		dot := func(r float64, col color.RGBA, hollow bool) func(c *canvas, x, y float64) {
			return func(c *canvas, x, y float64) { drawHead(c, x+r, y, r, col, false, hollow) }
		}
		legend = append(legend, []legendPiece{{swatch: dot(7, colEvent, false), w: 14}, {text: "reported"}})
		if nConf > 0 {
			legend = append(legend, []legendPiece{{swatch: dot(7, colConflict, false), w: 14}, {text: "sources disagree"}})
		}
		if nPlan > 0 {
			legend = append(legend, []legendPiece{{swatch: dot(7, colEvent, true), w: 14}, {text: "planned (italic)"}})
		}
		if nSpan > 0 {
			legend = append(legend, []legendPiece{{swatch: func(c *canvas, x, y float64) {
				c.fillCapsule(x+3, x+31, y, 3, colEvent)
				drawHead(c, x+17, y, 7, colEvent, true, false)
			}, w: 34}, {text: "dated to a month or year (bar: the period)"}})
		}
		sizes := []legendPiece{}
		for _, n := range []int{1, 5, 40} {
			r := radius(n)
			sizes = append(sizes, legendPiece{swatch: dot(r, colMuted, false), w: 2 * r}, legendPiece{text: strconv.Itoa(n)})
		}
		sizes = append(sizes, legendPiece{text: "outlets"})
		sizes[len(sizes)-2].text = "40+"
		legend = append(legend, sizes)
	}
	for _, g := range legend {
		for i := range g {
			if g[i].swatch == nil {
				g[i].face = fs.small
				g[i].w = measure(fs.small, g[i].text)
			}
		}
	}
	// Flow the legend groups into rows.
	const legendGap, pieceGap = 26.0, 6.0
	var rows [][][]legendPiece
	rowW := 0.0
	for _, g := range legend {
		gw := 0.0
		for i, p := range g {
			if i > 0 {
				gw += pieceGap
			}
			gw += p.w
		}
		if len(rows) == 0 || rowW+legendGap+gw > plotX1-plotX0 {
			rows = append(rows, nil)
			rowW = -legendGap
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], g)
		rowW += legendGap + gw
	}
	var notes []string
	if undated > 0 {
		notes = append(notes, plural(undated, "undated event", "undated events")+" not shown")
	}
	if hidden > 0 {
		notes = append(notes, plural(hidden, "label", "labels")+" left out for lack of room (marks kept)")
	}

	// Vertical layout.
	titleH := 40.0
	subH := 28.0
	headerH := topMargin + titleH + subH + 18
	aboveH := bandUp + bandGap + float64(usedUp)*laneH
	belowH := bandDown + bandGap + float64(usedDown)*laneH
	axisH := 58.0
	footerH := float64(len(rows))*26 + 10
	if len(notes) > 0 {
		footerH += 26
	}
	footerH += 14
	if len(items) == 0 {
		aboveH, belowH, axisH = 40, 40, 0
	}
	fixedH := headerH + aboveH + belowH + axisH + footerH + 24
	extra := math.Max(0, minHeight-fixedH)
	height := int(math.Ceil(fixedH + extra))
	spineY := math.Round(headerH + 12 + extra/2 + aboveH)
	axisY := math.Round(spineY + belowH + 12 + extra/2)

	c := newCanvas(width, height)
	st.hidden = hidden
	for _, it := range items {
		if !it.labelHidden {
			st.labelled++
			st.boxes = append(st.boxes, it.label.box.shift(spineY))
			st.stems = append(st.stems, it.label.stem.shift(spineY))
		}
	}

	// Title and subtitle.
	y := topMargin + ascent(fs.title)
	c.text(fs.title, fitText(fs.title, title, plotX1-plotX0), plotX0, y, colText)
	y += subH + 4
	c.text(fs.sub, fitText(fs.sub, sub, plotX1-plotX0), plotX0, y, colMuted)

	if len(items) == 0 {
		msg := "No dated events to draw"
		c.text(fs.sub, msg, (width-measure(fs.sub, msg))/2, spineY, colMuted)
	} else {
		plotTop := headerH + 4
		// Grid and spine.
		for _, tk := range tks {
			c.vline(tk.x, plotTop, axisY, 1, colGrid)
		}
		c.hline(plotX0, plotX1, spineY, 2, colSpine)
		// Leader lines, under the marks.
		for _, it := range items {
			if it.labelHidden {
				continue
			}
			p := it.label
			y0, y1 := spineY+p.stem.Y0, spineY+p.stem.Y1
			c.vline(it.xc, y0, y1, 1, lighten(it.colour(), 0.35))
		}
		// Marks: bars of periods first, then heads, biggest first.
		for _, it := range order {
			if it.span {
				c.fillCapsule(it.x0, it.x1, spineY+it.dy, 4, colBG)
				c.fillCapsule(it.x0, it.x1, spineY+it.dy, 3, lighten(it.colour(), 0.3))
			}
		}
		for _, it := range order {
			drawHead(c, it.xc, spineY+it.dy, it.r, it.colour(), it.span, it.planned)
		}
		// Labels.
		for _, it := range items {
			if it.labelHidden {
				continue
			}
			b := it.label.box
			c.fillRect(b.X0, spineY+b.Y0, b.X1, spineY+b.Y1, colBG)
			base := spineY + (b.Y0+b.Y1)/2 + (ascent(fs.label)-descent(fs.label))/2
			x := c.text(fs.labelBold, it.date, b.X0+labelPadX, base, it.colour())
			if it.labelText != "" {
				face := fs.label
				if it.planned {
					face = fs.labelItalic
				}
				c.text(face, it.labelText, x+space, base, colText)
			}
		}
		// Time axis.
		c.hline(plotX0, plotX1, axisY, 1, colAxis)
		lastEnd := math.Inf(-1)
		lastYearEnd := math.Inf(-1)
		for _, tk := range tks {
			c.vline(tk.x, axisY, axisY+6, 1, colAxis)
			w := measure(fs.small, tk.label)
			x := tk.x - w/2
			if x < 4 || x+w > width-4 || x < lastEnd+12 {
				continue
			}
			c.text(fs.small, tk.label, x, axisY+8+ascent(fs.small), colAxis)
			lastEnd = x + w
			if tk.year != "" {
				yw := measure(fs.smallBold, tk.year)
				yx := math.Max(4, math.Min(x, width-4-yw))
				if yx > lastYearEnd+12 {
					c.text(fs.smallBold, tk.year, yx, axisY+8+ascent(fs.small)+20, colText)
					lastYearEnd = yx + yw
				}
			}
		}
	}

	// Legend and notes.
	y = float64(height) - 24 - footerH + 14
	for _, row := range rows {
		x := plotX0
		mid := y + 13
		for gi, g := range row {
			if gi > 0 {
				x += legendGap
			}
			for i, p := range g {
				if i > 0 {
					x += pieceGap
				}
				if p.swatch != nil {
					p.swatch(c, x, mid)
				} else {
					c.text(p.face, p.text, x, mid+(ascent(p.face)-descent(p.face))/2, colMuted)
				}
				x += p.w
			}
		}
		y += 26
	}
	if len(notes) > 0 {
		y += 4
		c.text(fs.small, fitText(fs.small, strings.Join(notes, " · "), plotX1-plotX0), plotX0, y+13+(ascent(fs.small)-descent(fs.small))/2, colText)
	}
	return c.img, st
}

// headR is the half-height of an item's head: a diamond for a period is
// drawn a little larger than a disc so that both look the same size.
func (it *item) headR() float64 {
	if it.span {
		return it.r * 1.25
	}
	return it.r
}

func (it *item) shape() markShape {
	m := markShape{head: capsule{it.xc, it.xc, it.headR()}}
	if it.span {
		m.bar = &capsule{it.x0, it.x1, 4}
	}
	return m
}

// drawHead draws a mark's head: a disc, or a diamond for a period; hollow
// for planned events; with a white rim so stacked marks stay apart.
func drawHead(c *canvas, x, y, r float64, col color.RGBA, diamond, hollow bool) {
	const rim, ring = 1.5, 2.5
	if diamond {
		d := r * 1.25
		c.fillDiamond(x, y, d+rim*1.4, colBG)
		c.fillDiamond(x, y, d, col)
		if hollow && d-ring*1.4 > 1 {
			c.fillDiamond(x, y, d-ring*1.4, colBG)
		}
		return
	}
	c.fillCapsule(x, x, y, r+rim, colBG)
	c.fillCapsule(x, x, y, r, col)
	if hollow && r-ring > 1 {
		c.fillCapsule(x, x, y, r-ring, colBG)
	}
}

// lighten mixes col with white; f = 0 keeps col, 1 gives white.
func lighten(col color.RGBA, f float64) color.RGBA {
	mix := func(v uint8) uint8 { return uint8(math.Round(float64(v) + (255-float64(v))*f)) }
	return color.RGBA{mix(col.R), mix(col.G), mix(col.B), 0xff}
}
