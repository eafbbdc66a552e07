package analysis

import (
	"testing"
	"time"
)

// analyzeText runs the pipeline on a fictional article published on
// 2009-03-05.
func analyzeText(t *testing.T, text string) *Analysis {
	t.Helper()
	a, err := Analyze(Document{Text: text, Published: time.Date(2009, 3, 5, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func entityID(t *testing.T, a *Analysis, name string) uint64 {
	t.Helper()
	for _, e := range a.Entities {
		for _, al := range e.Aliases {
			if al == name {
				return e.ID
			}
		}
	}
	t.Fatalf("no entity %q among %+v", name, a.Entities)
	return 0
}

// eventsByTrigger returns the event facts of a by their trigger word.
func eventsByTrigger(a *Analysis) map[string]Fact {
	out := map[string]Fact{}
	for _, f := range a.Facts {
		if f.Kind == Event {
			out[f.Trigger] = f
		}
	}
	return out
}

func TestMoreEvents(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		trigger string // the fact wanted ("" with absent)
		absent  string // a trigger that must make no fact
		entity  string // a participant the fact must have
		date    string // its date ("" when placed at publication)
		action  string
	}{
		{"two happenings in one sentence", "Orvane Motors launched the Skylark sedan on March 3, 2009, and sold 4,000 cars within a week.", "sold", "", "Orvane Motors", "2009-03-03", "sell"},
		{"business verb", "Tobias Renk founded Kestrel Motors in 1998 after years at a rival firm.", "founded", "", "Tobias Renk", "1998", "found"},
		{"a pronoun carries the person", "Tobias Renk ran Kestrel Motors for a decade. In 2004 he resigned from the board.", "resigned", "", "Tobias Renk", "2004", "resign"},
		{"a description carries the company", "Orvane Motors is based in Halden. The company acquired a small battery maker in 2008.", "acquired", "", "Orvane Motors", "2008", "acquire"},
		{"negated", "Kestrel Motors did not release any figures for the quarter.", "", "release", "", "", ""},
		{"adjective after a determiner", "Kestrel Motors showed the long-awaited Falcon coupe and a limited series to dealers in Halden.", "showed", "limited", "Kestrel Motors", "", "show"},
		{"light verb", "Mara Oldwin gave a keynote to the dealers of Kestrel Motors.", "keynote", "gave", "Mara Oldwin", "", "keynote"},
		{"inside a quote", `Mara Oldwin said: "We bought nothing and sold nothing."`, "said", "sold", "", "", "say"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := analyzeText(t, tt.text)
			evs := eventsByTrigger(a)
			if tt.absent != "" {
				if f, ok := evs[tt.absent]; ok {
					t.Errorf("%q made a fact: %+v", tt.absent, f)
				}
			}
			if tt.trigger == "" {
				return
			}
			f, ok := evs[tt.trigger]
			if !ok {
				t.Fatalf("no event told by %q; events %+v", tt.trigger, evs)
			}
			if f.Action != tt.action {
				t.Errorf("action %q, want %q", f.Action, tt.action)
			}
			if tt.entity != "" {
				if id := entityID(t, a, tt.entity); !containsID(f.Entities, id) && f.Speaker != id {
					t.Errorf("%s takes no part: entities %v, speaker %d", tt.entity, f.Entities, f.Speaker)
				}
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

// A statement is a happening in its speaker's timeline only; minor words
// make no happening of their own, and ride with the sentence's main one.
func TestTimeline_SalienceAndStatements(t *testing.T) {
	a := analyzeText(t, "Mara Oldwin met Tobias Renk in Halden on Tuesday and praised his plan. "+
		"Tobias Renk said Kestrel Motors would keep the plant open. "+
		"Kestrel Motors remained quiet about the talks.")
	a.Article.ID = 1
	for i := range a.Facts {
		a.Facts[i].Article = 1
	}
	arts := map[uint64]Article{1: a.Article}
	mara, renk, kestrel := entityID(t, a, "Mara Oldwin"), entityID(t, a, "Tobias Renk"), entityID(t, a, "Kestrel Motors")

	lines := func(id uint64) []string {
		var out []string
		for _, e := range Timeline(id, a.Facts, arts, Date{}, Date{}) {
			out = append(out, e.Lead.Trigger)
		}
		return out
	}
	if got := lines(mara); len(got) != 1 || got[0] != "met" {
		t.Errorf("Oldwin's timeline %q, want the meeting only (praised rides with it)", got)
	}
	if got := lines(renk); len(got) != 2 {
		t.Errorf("Renk's timeline %q, want the meeting and his statement", got)
	}
	if got := lines(kestrel); len(got) != 0 {
		t.Errorf("Kestrel's timeline %q, want nothing: named in a statement, and 'remained' is minor", got)
	}
	for _, g := range GroupEvents(a.Facts, arts) {
		if !g.Salient() {
			t.Errorf("GroupEvents returned a minor happening: %+v", g)
		}
		for _, f := range g.Facts {
			if f.Trigger == "praised" && g.Action != "meet" {
				t.Errorf("'praised' did not join the meeting of its sentence: %+v", g)
			}
		}
	}
}

func TestLemmaOf(t *testing.T) {
	for in, want := range map[string]string{
		"dropped": "drop", "announced": "announce", "carried": "carry", "launched": "launch",
		"agreed": "agree", "named": "name", "visited": "visit", "indicated": "indicate",
		"argued": "argue", "filed": "file", "called": "call", "sold": "sold",
	} {
		if got := lemmaOf(in); got != want {
			t.Errorf("lemmaOf(%q) = %q, want %q", in, got, want)
		}
	}
	if !compatibleActions("launch", "launches") || compatibleActions("launch", "sell") {
		t.Error("compatibleActions: forms of one word must agree, different words not")
	}
}
