package analysis

import "testing"

// Nouns that name a happening and past participles not ending in -ed
// make events, with their lemma as action.
func TestEventWord_NounsAndParticiples(t *testing.T) {
	tests := []struct {
		word, before string
		want         string
		ok           bool
	}{
		{"death", "his", "die", true},
		{"delays", "the", "delay", true},
		{"restructuring", "the", "restructure", true},
		{"drop", "a", "drop", true},
		{"undergone", "had", "undergo", true},
		{"chosen", "has", "choose", true},
		{"taken", "was", "take", true},
		{"request", "the", "", false},
		{"table", "the", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			sent := "x " + tt.word
			got, ok := eventWord(tt.word, tt.before, sent, [2]int{2, len(sent)})
			if got != tt.want || ok != tt.ok {
				t.Errorf("eventWord(%q) = %q, %v; want %q, %v", tt.word, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// A noun event carries the sentence's participants and date.
func TestMoreEvents_NounEvents(t *testing.T) {
	a := analyzeText(t, "Orvane Motors announced a restructuring of its truck unit on March 2, 2009.")
	f, ok := eventsByTrigger(a)["restructuring"]
	if !ok {
		t.Fatalf("no event told by %q: %+v", "restructuring", a.Facts)
	}
	if id := entityID(t, a, "Orvane Motors"); !containsID(f.Entities, id) {
		t.Errorf("Orvane Motors takes no part: %v", f.Entities)
	}
	if f.Date.String() != "2009-03-02" {
		t.Errorf("date %s, want 2009-03-02", f.Date)
	}
}
