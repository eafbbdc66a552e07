// Package chart draws a person's or organisation's timeline as a PNG picture
// that reads well in a chat window, on a phone as on a desktop.
//
// The picture is 1200 pixels wide and at least 675 tall (taller when many
// labels need lanes). From top to bottom it holds:
//
//   - the title (the entity), and a subtitle with the date range and counts;
//   - a horizontal spine with one mark per event at its date. A mark's size
//     grows with the number of independent outlets that reported the event
//     (1 outlet: 12 px across, 10 outlets: about 27 px, capped at 36 px).
//     Marks that would overlap are stacked just above and below the spine;
//   - labels in lanes (up to 12) above and below the spine, each a "flag" on
//     a thin vertical leader line from its mark: the date in bold, then the
//     label text, cut with an ellipsis beyond about 250 px (more when there
//     are few events). Labels never overlap each other and no leader line
//     crosses a label: a label whose box spans another's leader line sits in
//     a lane further out, so close events form steps. A label that finds no
//     room is left out (its mark stays) and the footer counts how many were.
//     Labels are admitted by importance: more outlets first, then conflicts;
//   - a time axis with light grid lines whose step (days, weeks, months,
//     quarters, years, decades, …) is chosen from the date range, with the
//     year written under the first tick and where it changes;
//   - a legend and the notes ("3 undated events not shown").
//
// Event kinds: events whose sources disagree are drawn in vermillion, the
// others in blue (the Okabe–Ito colour-blind-safe pair); planned events are
// hollow marks and their label text is italic. An event dated only to a
// month or a year (End after Start) is drawn as a span: a diamond (instead
// of a disc) at the middle of the period on a thin bar over the whole period
// [Start, End); its leader line leaves from the diamond and its date reads
// "Mar 2025", "Mar–May 2025" or "2025".
//
// Times are read in UTC. Text is set in the Go fonts (golang.org/x/image,
// BSD licence), which cover Latin, Greek and Cyrillic; scripts they lack
// (CJK, Arabic, …) show as empty boxes, and right-to-left text is not
// reordered.
package chart

import (
	"bytes"
	"fmt"
	"image/png"
	"time"
)

// Event is one dated event on the timeline.
type Event struct {
	// Start is when the event happened, at the precision known. End == Start
	// (or End zero or before Start) marks a day-precision event drawn at
	// Start; End after Start marks a period [Start, End), such as a month or
	// a year, drawn as a span. An event with a zero Start counts as undated:
	// it is not drawn and is added to the "undated" note.
	Start, End time.Time
	Label      string // short text, such as "Met the trade envoy in Oslo"; long text is cut
	Outlets    int    // independent outlets reporting it; values below 1 count as 1
	Conflict   bool   // the sources disagree about it
	Planned    bool   // announced for the future rather than reported as done
}

// Timeline is what Render draws.
type Timeline struct {
	Title   string  // the entity, such as "Anna Lindqvist"; empty gives "Timeline"
	Events  []Event // in any order; the picture does not depend on their order
	Undated int     // events known but without a date: not drawn, counted in a note
}

// Render draws t as a PNG image. It is deterministic: the same Timeline
// (with its events in any order) gives the same bytes. It accepts any input
// (no events, one day, thousands of years, huge outlet counts, long or
// non-Latin labels) and returns an error only when the fonts or the PNG
// encoder fail.
func Render(t Timeline) ([]byte, error) {
	fs, err := loadFonts()
	if err != nil {
		return nil, fmt.Errorf("chart: load fonts: %w", err)
	}
	defer fs.close()
	img, _ := compose(fs, t)
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("chart: encode png: %w", err)
	}
	return buf.Bytes(), nil
}
