package bot

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestTimelineChart(t *testing.T) {
	b, _ := briefingBot(t)
	ctx := context.Background()
	r, err := b.Handle(ctx, &Request{Platform: "cli", Text: "/timeline dorenko"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Attachments) != 0 || len(r.Actions) != 1 || r.Actions[0].Command != "/timeline dorenko chart" {
		t.Fatalf("plain timeline: attachments %d, actions %+v", len(r.Attachments), r.Actions)
	}
	r, err = b.Handle(ctx, &Request{Platform: "cli", Text: r.Actions[0].Command})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Attachments) != 1 {
		t.Fatalf("chart: %d attachments", len(r.Attachments))
	}
	a := r.Attachments[0]
	if a.Name != "timeline-oleksandr-dorenko.png" || a.MIME != "image/png" || !strings.HasPrefix(a.Alt, "Timeline of Oleksandr Dorenko: ") {
		t.Errorf("attachment %q %q %q", a.Name, a.MIME, a.Alt)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(a.Data))
	if err != nil || cfg.Width < 800 || cfg.Height < 400 {
		t.Errorf("PNG %dx%d, %v", cfg.Width, cfg.Height, err)
	}
	if len(r.Items) == 0 {
		t.Error("the chart reply should keep the timeline's sourced items")
	}
	// ranges keep working with a chart
	r, err = b.Handle(ctx, &Request{Platform: "cli", Text: "/timeline dorenko since 2026-03-05 chart"})
	if err != nil || len(r.Attachments) != 1 || !strings.Contains(r.Title, "since") {
		t.Errorf("ranged chart: %+v, %v", r.Title, err)
	}
	// the text renderer names the attachment
	if txt := RenderText(*r); !strings.Contains(txt, "Attachment: timeline-oleksandr-dorenko.png") {
		t.Errorf("text rendering does not mention the attachment:\n%s", txt)
	}
}

func TestChartLabelHelpers(t *testing.T) {
	for _, tc := range []struct {
		args, rest string
		chart      bool
	}{
		{"dorenko chart", "dorenko", true},
		{"dorenko CHART", "dorenko", true},
		{"dorenko since 2026-03 chart", "dorenko since 2026-03", true},
		{"chart", "chart", false}, // a name alone is a name
		{"dorenko", "dorenko", false},
	} {
		rest, chart := splitChart(tc.args)
		if rest != tc.rest || chart != tc.chart {
			t.Errorf("splitChart(%q) = %q, %v; want %q, %v", tc.args, rest, chart, tc.rest, tc.chart)
		}
	}
	for w, want := range map[string]bool{"met": true, "visited": true, "held talks": true, "will meet": true, "meeting": false, "talks": false, "summit": false, "": false} {
		if verbal(w) != want {
			t.Errorf("verbal(%q) = %v", w, !want)
		}
	}
	for in, want := range map[string]string{"Oleksandr Dorenko": "oleksandr-dorenko", "  ": "entity", "Ålesund FK / U-19": "ålesund-fk-u-19"} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSaveAttachments(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	r := &Reply{Attachments: []Attachment{
		{Name: "../../escape.png", Data: []byte("png1")},
		{Name: ".hidden", Data: []byte("png2")},
		{Name: `a\b\c.png`, Data: []byte("png3")},
	}}
	paths, err := SaveAttachments(dir, r)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"escape.png", "attachment-2", "c.png"}
	if len(paths) != len(want) {
		t.Fatalf("paths = %v", paths)
	}
	for i, p := range paths {
		if filepath.Dir(p) != dir || filepath.Base(p) != want[i] {
			t.Errorf("path %d = %s, want %s in %s", i, p, want[i], dir)
		}
		if b, err := os.ReadFile(p); err != nil || string(b) != string(r.Attachments[i].Data) {
			t.Errorf("%s: %q, %v", p, b, err)
		}
	}
	left, _ := os.ReadDir(dir)
	if len(left) != 3 {
		t.Errorf("%d files in dir, want 3 (no temporary files left)", len(left))
	}
	// a directory that cannot be made
	file := filepath.Join(t.TempDir(), "f")
	os.WriteFile(file, nil, 0o644)
	if _, err := SaveAttachments(filepath.Join(file, "sub"), r); err == nil {
		t.Error("saving under a file succeeded")
	}
}

// The alt text's range covers the dated happenings only, even when the
// first entry is one placed at its report's date.
func TestTimelineChart_AltRange(t *testing.T) {
	b, _ := briefingBot(t)
	ctx := context.Background()
	for _, name := range []string{"dorenko", "laskaris", "sveto"} {
		r, err := b.Handle(ctx, &Request{Platform: "cli", Text: "/timeline " + name + " chart"})
		if err != nil || len(r.Attachments) != 1 {
			t.Fatalf("%s: %v, %d attachments", name, err, len(r.Attachments))
		}
		var dated []string
		for _, it := range r.Items {
			if it.Date != "" {
				dated = append(dated, it.Date)
			}
		}
		if len(dated) == 0 {
			continue
		}
		slices.Sort(dated)
		// item dates are the happenings' dates at their precision
		want := " from " + dated[0] + " to "
		if !strings.Contains(r.Attachments[0].Alt, want) {
			t.Errorf("%s: alt %q, want it to start the range at %s", name, r.Attachments[0].Alt, dated[0])
		}
	}
}
