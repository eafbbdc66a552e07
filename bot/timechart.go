package bot

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/briefbot/briefbot/analysis"
	"github.com/briefbot/briefbot/bot/chart"
)

// chartWord is the last word of "/timeline NAME chart".
const chartWord = "chart"

// splitChart strips a trailing "chart" from /timeline's arguments.
func splitChart(args string) (string, bool) {
	f := strings.Fields(args)
	if len(f) > 1 && strings.EqualFold(f[len(f)-1], chartWord) {
		return strings.Join(f[:len(f)-1], " "), true
	}
	return args, false
}

// timelineChart draws the entries as a PNG attachment: one mark per
// happening at its date (a span for a month or a year), sized by its
// independent outlets, in the conflict colour when sources disagree about
// it, hollow when planned. Its label is composed from the extracted facts:
// the words that told it, the others involved and the place.
func (b *Bot) timelineChart(ctx context.Context, e analysis.Entity, entries []analysis.TimelineEntry, facts []analysis.Fact, arts map[uint64]analysis.Article) (Attachment, error) {
	disputed := map[[2]uint64]bool{}
	for _, c := range analysis.Conflicts(facts, arts) {
		if c.Event == nil || c.Label == analysis.PrecisionDiff {
			continue // an approximate value that fits the exact one is no disagreement
		}
		for _, f := range c.Event.Facts {
			disputed[[2]uint64{f.Article, uint64(f.Seq)}] = true
		}
	}
	names := map[uint64]string{}
	outlets := map[string]bool{}
	for _, a := range arts {
		outlets[strings.ToLower(analysis.Outlet(a))] = true
	}
	tl := chart.Timeline{Title: e.Name}
	var first, last analysis.Date // the range drawn, for the alt text
	for _, en := range entries {
		if en.How == analysis.Publication || en.Date.IsZero() {
			tl.Undated++
			continue
		}
		if first.IsZero() || en.Date.Time().Before(first.Time()) {
			first = en.Date
		}
		if last.IsZero() || en.Date.Time().After(last.Time()) {
			last = en.Date
		}
		ev := chart.Event{Start: en.Date.Time(), Outlets: max(en.Outlets, 1), Planned: en.Planned}
		if en.Date.Prec != analysis.Day {
			ev.End = en.Date.End()
		}
		for _, f := range en.Facts {
			if disputed[[2]uint64{f.Article, uint64(f.Seq)}] {
				ev.Conflict = true
				break
			}
		}
		label, err := b.chartLabel(ctx, e.ID, en, names, outlets)
		if err != nil {
			return Attachment{}, err
		}
		ev.Label = label
		tl.Events = append(tl.Events, ev)
	}
	png, err := chart.Render(tl)
	if err != nil {
		return Attachment{}, fmt.Errorf("chart of %s: %w", e.Name, err)
	}
	alt := fmt.Sprintf("Timeline of %s: %s", e.Name, count(len(tl.Events), "dated happening", "dated happenings"))
	if !first.IsZero() {
		alt += fmt.Sprintf(" from %s to %s", first, last)
	}
	return Attachment{Name: "timeline-" + slug(e.Name) + ".png", MIME: "image/png", Alt: alt, Data: png}, nil
}

// chartLabel is a happening in a few words, composed from its lead fact:
// the verbatim trigger ("met", "held talks", "meeting"), the people and
// organisations involved besides the entity (surnames for people), and
// the place (outlets left out): "met Sveto in Korvograd", "meeting with Sveto, Valk". A
// statement is its sentence, which the chart cuts to fit.
func (b *Bot) chartLabel(ctx context.Context, self uint64, en analysis.TimelineEntry, names map[uint64]string, outlets map[string]bool) (string, error) {
	lead := en.Lead
	if lead.Action == "say" || strings.TrimSpace(lead.Trigger) == "" {
		return strings.TrimSpace(lead.Text), nil
	}
	words := strings.TrimSpace(lead.Trigger)
	var others []string
	for _, id := range en.Entities {
		if id == self || len(others) == 2 {
			continue
		}
		n, ok := names[id]
		if !ok {
			ent, err := b.store.Entity(ctx, id)
			if err != nil {
				return "", fmt.Errorf("entity %d: %w", id, err)
			}
			switch ent.Type {
			case analysis.PER:
				f := strings.Fields(ent.Name)
				if len(f) > 0 {
					n = f[len(f)-1]
				}
			case analysis.ORG:
				if !outlets[strings.ToLower(ent.Name)] { // "told Baltic Wire": the outlet is no participant
					n = ent.Name
				}
			}
			names[id] = n
		}
		if n != "" {
			others = append(others, n)
		}
	}
	label := words
	if len(others) > 0 {
		if !verbal(words) {
			label += " with"
		}
		label += " " + strings.Join(others, ", ")
	}
	if p := strings.TrimSpace(lead.Place); p != "" && !strings.Contains(label, p) {
		label += " in " + p
	}
	return label, nil
}

// pastForms are common irregular past tenses that open a trigger.
var pastForms = map[string]bool{
	"met": true, "held": true, "spoke": true, "took": true, "made": true, "went": true, "flew": true,
	"gave": true, "told": true, "said": true, "saw": true, "won": true, "led": true, "began": true,
	"sent": true, "came": true, "left": true, "put": true, "set": true, "ran": true, "hit": true,
	"met with": true, "sat": true, "fought": true, "sold": true, "bought": true, "brought": true,
	"struck": true, "quit": true, "lost": true, "paid": true, "wrote": true, "rang": true, "shook": true,
}

// verbal reports whether a trigger opens with a verb ("met", "visited",
// "will meet", "is expected"), so that its participants follow it directly;
// a noun ("meeting", "talks") takes "with".
func verbal(trigger string) bool {
	f := strings.Fields(strings.ToLower(trigger))
	if len(f) == 0 {
		return false
	}
	w := f[0]
	switch {
	case pastForms[w], strings.HasSuffix(w, "ed"):
		return true
	case w == "will" || w == "would" || w == "is" || w == "was" || w == "are" || w == "were" || w == "has" || w == "had" || w == "to":
		return true
	}
	return false
}

// slug turns a name into a file-name part: lower-case letters and digits
// joined by dashes.
func slug(s string) string {
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && sb.Len() > 0 {
				sb.WriteByte('-')
			}
			sb.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if sb.Len() == 0 {
		return "entity"
	}
	return sb.String()
}
