package chart

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var outDir = flag.String("chart.out", "", "write sample pictures to this directory (to look at them)")

// TestWriteSamples writes sample pictures when -chart.out is given:
//
//	go test ./bot/chart -run WriteSamples -chart.out=/tmp/chart
func TestWriteSamples(t *testing.T) {
	if *outDir == "" {
		t.Skip("no -chart.out directory given")
	}
	cases := map[string]Timeline{
		"events5":  sampleTimeline(5, 120*24*time.Hour),
		"events20": sampleTimeline(20, 300*24*time.Hour),
		"events80": sampleTimeline(80, 540*24*time.Hour),
		"empty":    {Title: "Tomas Reinholt", Undated: 3},
		"oneday": {Title: "Mira Castell", Events: []Event{
			{Start: time.Date(2025, 8, 6, 0, 0, 0, 0, time.UTC), Label: "Met opposition leaders in Split", Outlets: 4},
			{Start: time.Date(2025, 8, 6, 0, 0, 0, 0, time.UTC), Label: "Встреча с министром в Осло", Outlets: 1, Conflict: true},
			{Start: time.Date(2025, 8, 6, 0, 0, 0, 0, time.UTC), Label: "与外交部长会面", Outlets: 2, Planned: true},
		}},
		"decades": func() Timeline {
			tl := sampleTimeline(30, 30*365*24*time.Hour)
			tl.Events = append(tl.Events, Event{Start: time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2003, 1, 1, 0, 0, 0, 0, time.UTC), Label: "Posted to the embassy in Reykjavik", Outlets: 3})
			return tl
		}(),
	}
	for name, tl := range cases {
		b, err := Render(tl)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(*outDir, name+".png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
