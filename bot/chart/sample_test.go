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
