package analysis

import (
	"strings"
	"testing"
)

// An article goes on telling its main happening without repeating its day:
// the reports of what happened after it, with no date of their own, take
// its date; plans, what comes before it and articles whose first dated
// happening is background do not. (Published Thursday 2009-03-05.)
func TestCarryNarrativeDate(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		trigger string
		entity  string
		date    string // "" when placed at publication
	}{
		{"goes on telling the main happening",
			"Tobias Renk met Mara Oldwin in Halden on Tuesday. Tobias Renk also announced a new plant for Kestrel Motors.",
			"announced", "Tobias Renk", "2009-03-03"},
		{"a plan keeps no date",
			"Tobias Renk met Mara Oldwin in Halden on Tuesday. Tobias Renk will open a new plant for Kestrel Motors.",
			"open", "Tobias Renk", ""},
		{"told before the main happening",
			"Kestrel Motors announced a new plant in Halden. Tobias Renk met Mara Oldwin in Halden on Tuesday.",
			"announced", "Kestrel Motors", ""},
		{"background date carries nothing",
			"Mara Oldwin founded Orvane Motors in 1998. Mara Oldwin sold Orvane Motors to a rival.",
			"sold", "Mara Oldwin", ""},
		{"a day long ago carries nothing",
			"Tobias Renk met Mara Oldwin in Halden on January 12, 2009. Tobias Renk also announced a new plant for Kestrel Motors.",
			"announced", "Tobias Renk", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := analyzeText(t, tt.text)
			f, ok := eventsByTrigger(a)[tt.trigger]
			if !ok {
				t.Fatalf("no event told by %q; facts %+v", tt.trigger, a.Facts)
			}
			if id := entityID(t, a, tt.entity); !containsID(f.Entities, id) && f.Speaker != id {
				t.Errorf("%s takes no part: entities %v, speaker %d", tt.entity, f.Entities, f.Speaker)
			}
			got := ""
			if f.How != Publication {
				got = f.Date.String()
			}
			if got != tt.date {
				t.Errorf("date %q (%s), want %q", got, f.How, tt.date)
			}
		})
	}
}

// The source of a statement takes part in what it does itself ("Renk
// announced that…"), and a light verb completed by a particle tells a
// happening ("took six months off") where alone it does not ("took the
// stage").
func TestMoreEvents_SourceAndPhrasalVerbs(t *testing.T) {
	a := analyzeText(t, "Tobias Renk announced that Kestrel Motors would build a plant in Halden.")
	f, ok := eventsByTrigger(a)["announced"]
	if !ok {
		t.Fatalf("no event told by announced; facts %+v", a.Facts)
	}
	if id := entityID(t, a, "Tobias Renk"); !containsID(f.Entities, id) {
		t.Errorf("announced: Tobias Renk not a participant: %v", f.Entities)
	}

	a = analyzeText(t, "Mara Oldwin took six months off in 2008 to sail around the world.")
	if _, ok := eventsByTrigger(a)["took"]; !ok {
		t.Errorf("took … off: no event; facts %+v", a.Facts)
	}
	a = analyzeText(t, "Mara Oldwin took the stage in Halden in 2008.")
	if f, ok := eventsByTrigger(a)["took"]; ok {
		t.Errorf("took the stage: light verb made a fact %+v", f)
	}
}

func TestPhrasalParticle(t *testing.T) {
	tests := []struct {
		after string
		want  string
	}{
		{"down from his post", "down"},
		{"off iPhone 4 's new camera", "off"},
		{"six months off in early 2009", "off"},
		{"the phone out of his pocket", "out"},
		{"over the company", "over"},
		{"the company over to its rival", ""}, // "over" after an object: a preposition too often
		{"300 jobs in Halden and out", ""},
		{"3 percent , up from", ""},
		{"a new plant in Halden", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := PhrasalParticle(splitSpaces(tt.after)); got != tt.want {
			t.Errorf("PhrasalParticle(%q) = %q, want %q", tt.after, got, tt.want)
		}
	}
	if got := wordsAfter(" off, in 2009", 3); len(got) != 3 || got[0] != "off" || got[1] != "," || got[2] != "in" {
		t.Errorf("wordsAfter = %q", got)
	}
}

func splitSpaces(s string) []string { return strings.Fields(s) }
