package chart

import (
	"bytes"
	"image"
	"image/png"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// decode checks that b is a PNG 1200 pixels wide and at least 675 tall and
// returns it with the number of pixels that are not the background.
func decode(t testing.TB, b []byte) (image.Image, int) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode png: %v", err)
	}
	bd := img.Bounds()
	if bd.Dx() != width || bd.Dy() < minHeight {
		t.Fatalf("size %dx%d, want %d wide and at least %d tall", bd.Dx(), bd.Dy(), width, minHeight)
	}
	ink := 0
	if rgba, ok := img.(*image.RGBA); ok {
		return img, inkOf(rgba)
	}
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r>>8 != 0xff || g>>8 != 0xff || b>>8 != 0xff {
				ink++
			}
		}
	}
	return img, ink
}

func TestRender_Sizes(t *testing.T) {
	for _, tc := range []struct {
		name    string
		tl      Timeline
		minInk  int
		minTall int
	}{
		{"0 events", Timeline{Title: "Nobody Yet", Undated: 2}, 2000, minHeight},
		{"1 event", Timeline{Title: "Anna Lindqvist", Events: []Event{{
			Start: time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC), Label: "Met Foreign Minister Okafor in Lagos", Outlets: 3}}}, 5000, minHeight},
		{"5 events", sampleTimeline(5, 120*24*time.Hour), 10000, minHeight},
		{"80 events", sampleTimeline(80, 540*24*time.Hour), 40000, 800},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b1, err := Render(tc.tl)
			if err != nil {
				t.Fatal(err)
			}
			img, ink := decode(t, b1)
			if ink < tc.minInk {
				t.Errorf("only %d non-background pixels, want at least %d", ink, tc.minInk)
			}
			if img.Bounds().Dy() < tc.minTall {
				t.Errorf("height %d, want at least %d", img.Bounds().Dy(), tc.minTall)
			}
			// Same input, same bytes. (Encoding is slow under the race
			// detector, so the larger cases compare pixels.)
			if len(tc.tl.Events) == 5 {
				b2, err := Render(tc.tl)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(b1, b2) {
					t.Error("two renders of the same timeline differ")
				}
			} else if len(tc.tl.Events) > 5 && !bytes.Equal(composeT(t, tc.tl).Pix, composeT(t, tc.tl).Pix) {
				t.Error("two renders of the same timeline differ")
			}
			// The order of the events does not matter.
			shuffled := tc.tl
			shuffled.Events = append([]Event(nil), tc.tl.Events...)
			rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled.Events), func(i, j int) {
				shuffled.Events[i], shuffled.Events[j] = shuffled.Events[j], shuffled.Events[i]
			})
			if len(shuffled.Events) > 1 && !bytes.Equal(composeT(t, tc.tl).Pix, composeT(t, shuffled).Pix) {
				t.Error("shuffling the events changed the picture")
			}
		})
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestRender_ExtremeInputs(t *testing.T) {
	many := func(n int, f func(i int) Event) []Event {
		var evs []Event
		for i := range n {
			evs = append(evs, f(i))
		}
		return evs
	}
	d := day(2025, 8, 6)
	for _, tc := range []struct {
		name string
		tl   Timeline
	}{
		{"all on one day", Timeline{Title: "Same Day", Events: many(40, func(i int) Event {
			return Event{Start: d, End: d, Label: sampleLabels[i%len(sampleLabels)], Outlets: i%7 + 1}
		})}},
		{"30-year range", Timeline{Title: "Long Career", Events: many(30, func(i int) Event {
			return Event{Start: day(1995+i, time.Month(i%12+1), 1+i%28), Label: sampleLabels[i%len(sampleLabels)], Outlets: 1}
		})}},
		{"500-char label", Timeline{Title: strings.Repeat("Very Long Title ", 30), Events: []Event{
			{Start: d, Label: strings.Repeat("word ", 100), Outlets: 2},
			{Start: d.AddDate(0, 0, 3), Label: strings.Repeat("x", 500), Outlets: 1},
		}}},
		{"non-Latin labels", Timeline{Title: "Анна Линдквист", Events: []Event{
			{Start: d, Label: "Встреча с министром в Осло", Outlets: 2},
			{Start: d.AddDate(0, 0, 2), Label: "与外交部长会面", Outlets: 1},
			{Start: d.AddDate(0, 0, 4), Label: "لقاء مع وزير الخارجية", Outlets: 1, Conflict: true},
			{Start: d.AddDate(0, 0, 6), Label: "Συνάντηση στην Αθήνα", Outlets: 4, Planned: true},
			{Start: d.AddDate(0, 0, 8), Label: "e\u0301\u200d👩‍👩‍👧 \x00\x1b[31m\xff\xfe", Outlets: 1},
		}}},
		{"zero times", Timeline{Title: "Undated", Events: []Event{{Label: "no date"}, {Label: "no date either", End: d}}, Undated: -3}},
		{"zero and dated", Timeline{Events: []Event{{Label: "no date"}, {Start: d, Label: "dated", Outlets: 1}}}},
		{"outlets 0 and 10000", Timeline{Events: []Event{
			{Start: d, Label: "none", Outlets: 0}, {Start: d.AddDate(0, 0, 1), Label: "negative", Outlets: -5},
			{Start: d.AddDate(0, 0, 2), Label: "everyone", Outlets: 10000}, {Start: d.AddDate(0, 0, 3), Label: "max", Outlets: int(^uint(0) >> 1)},
		}}},
		{"end before start", Timeline{Events: []Event{{Start: d, End: d.AddDate(-1, 0, 0), Label: "backwards", Outlets: 1}}}},
		{"year 1 to 9999", Timeline{Events: []Event{
			{Start: time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC), Label: "ancient", Outlets: 1},
			{Start: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), Label: "far future", Outlets: 1, Planned: true},
		}}},
		{"far beyond 9999", Timeline{Events: []Event{
			{Start: time.Date(-292277022399, 1, 1, 0, 0, 0, 0, time.UTC), Label: "min", Outlets: 1},
			{Start: time.Date(292277026596, 12, 1, 0, 0, 0, 0, time.UTC), End: time.Date(292277026596, 12, 4, 0, 0, 0, 0, time.UTC), Label: "max", Outlets: 1},
		}}},
		{"year spans", Timeline{Events: []Event{
			{Start: day(2020, 1, 1), End: day(2021, 1, 1), Label: "a year", Outlets: 2},
			{Start: day(2021, 1, 1), End: day(2023, 1, 1), Label: "two years", Outlets: 1, Conflict: true, Planned: true},
			{Start: day(2022, 5, 1), End: day(2022, 6, 1), Label: "a month", Outlets: 5},
			{Start: day(2022, 5, 3), End: day(2022, 5, 9), Label: "some days", Outlets: 1},
		}}},
		{"time zones and clock times", Timeline{Events: []Event{
			{Start: time.Date(2025, 1, 1, 23, 30, 0, 0, time.FixedZone("X", -11*3600)), Label: "late", Outlets: 1},
			{Start: time.Date(2025, 1, 1, 0, 0, 0, 1, time.UTC), Label: "early", Outlets: 1},
		}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img, _ := checkLayout(t, tc.tl)
			if ink := inkOf(img); ink < 1000 {
				t.Errorf("only %d non-background pixels", ink)
			}
		})
	}
}

// checkLayout composes tl and checks that the labels drawn do not overlap
// each other or other labels' leader lines and stay inside the picture.
func checkLayout(t testing.TB, tl Timeline) (*image.RGBA, stats) {
	t.Helper()
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	defer fs.close()
	img, st := compose(fs, tl)
	b := img.Bounds()
	if b.Dx() != width || b.Dy() < minHeight {
		t.Fatalf("size %dx%d, want %d wide and at least %d tall", b.Dx(), b.Dy(), width, minHeight)
	}
	for i, a := range st.boxes {
		if a.X0 < 0 || a.X1 > float64(b.Dx()) || a.Y0 < 0 || a.Y1 > float64(b.Dy()) {
			t.Errorf("label box %d %v outside the %v picture", i, a, b)
		}
		for j, c := range st.boxes {
			if i != j && a.overlaps(c) {
				t.Errorf("label boxes %d %v and %d %v overlap", i, a, j, c)
			}
			if i != j && a.overlaps(st.stems[j]) {
				t.Errorf("label box %d %v crosses leader line %d %v", i, a, j, st.stems[j])
			}
		}
	}
	return img, st
}

// composeT composes tl without encoding it.
func composeT(t testing.TB, tl Timeline) *image.RGBA {
	t.Helper()
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	defer fs.close()
	img, _ := compose(fs, tl)
	return img
}

// inkOf counts the pixels that are not the white background.
func inkOf(img *image.RGBA) int {
	ink := 0
	for i := 0; i+3 < len(img.Pix); i += 4 {
		if img.Pix[i] != 0xff || img.Pix[i+1] != 0xff || img.Pix[i+2] != 0xff {
			ink++
		}
	}
	return ink
}

func TestCompose_LabelsRealisticTimelines(t *testing.T) {
	for _, tc := range []struct {
		n, days   int
		minLabels int
	}{
		{5, 120, 5},
		{20, 300, 18},
		{40, 400, 30},
		{80, 540, 30},
	} {
		_, st := checkLayout(t, sampleTimeline(tc.n, time.Duration(tc.days)*24*time.Hour))
		if st.labelled < tc.minLabels {
			t.Errorf("%d events over %d days: %d labelled, want at least %d", tc.n, tc.days, st.labelled, tc.minLabels)
		}
		if st.labelled+st.hidden != tc.n {
			t.Errorf("%d events: %d labelled + %d hidden", tc.n, st.labelled, st.hidden)
		}
	}
}

func FuzzRender(f *testing.F) {
	f.Add(uint8(5), int64(100), "Met the envoy", 3, uint64(1))
	f.Add(uint8(0), int64(0), "", 0, uint64(2))
	f.Add(uint8(60), int64(1), strings.Repeat("é", 300), 10000, uint64(3))
	f.Add(uint8(30), int64(365*400), "与外交部长会面", -1, uint64(4))
	f.Fuzz(func(t *testing.T, n uint8, spanDays int64, label string, outlets int, seed uint64) {
		n %= 90
		rng := rand.New(rand.NewPCG(seed, 9))
		start := day(2020, 1, 1)
		var evs []Event
		for i := range int(n) {
			var s time.Time
			if spanDays != 0 {
				s = start.Add(time.Duration(rng.Int64N(max(1, min(spanDays, 100000)))) * 24 * time.Hour)
			} else {
				s = start
			}
			e := Event{Start: s, Label: label, Outlets: outlets + i, Conflict: rng.IntN(4) == 0, Planned: rng.IntN(5) == 0}
			switch rng.IntN(6) {
			case 0:
				e.End = s.AddDate(0, 1, 0)
			case 1:
				e.End = s.AddDate(int(spanDays%50), 0, 0)
			case 2:
				e.Start = time.Time{}
			}
			evs = append(evs, e)
		}
		// compose is all of Render but the PNG encoding, which is slow
		// under the race detector.
		checkLayout(t, Timeline{Title: label, Events: evs, Undated: outlets})
	})
}

func BenchmarkRender80(b *testing.B) {
	tl := sampleTimeline(80, 540*24*time.Hour)
	for b.Loop() {
		if _, err := Render(tl); err != nil {
			b.Fatal(err)
		}
	}
}
