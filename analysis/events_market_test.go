package analysis

import "testing"

// Words beyond the meeting vocabulary: -ing forms that are verbs, a time
// told from the last date ("one year later"), and what markets and
// companies' shares do (fell, plunged, rallied), which makes a happening
// of its own in a timeline.
func TestMoreEvents_FormsAndRelativeDates(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		trigger string // the fact wanted ("" with absent)
		absent  string // a trigger that must make no fact
		entity  string // a participant the fact must have
		date    string // its date ("" when placed at publication)
		how     Known  // how the date is known ("" when not checked)
		action  string
	}{
		{"progressive", "Kestrel Motors is selling its truck unit to a rival.", "selling", "", "Kestrel Motors", "", "", "sell"},
		{"participle after a comma", "Tobias Renk unveiled the Falcon coupe in Halden, saying it would reach dealers soon.", "saying", "", "Tobias Renk", "", "", "say"},
		{"doubled consonant", "Orvane Motors is cutting 300 jobs at its Halden plant.", "cutting", "", "Orvane Motors", "", "", "cut"},
		{"-ing noun after a determiner", "Mara Oldwin attended the opening of the Orvane Motors plant.", "attended", "opening", "Mara Oldwin", "", "", "attend"},
		{"years later", "Mara Oldwin founded Orvane Motors in 1998. One year later she was fired from the company.", "fired", "", "Mara Oldwin", "1999", Resolved, "dismiss"},
		{"two years later", "Tobias Renk joined Kestrel Motors in 2001. Two years later he resigned from the board.", "resigned", "", "Tobias Renk", "2003", Resolved, "resign"},
		{"months later", "Kestrel Motors opened a plant in Halden in May 2004. Three months later Kestrel Motors closed it.", "closed", "", "Kestrel Motors", "2004-08", Resolved, "close"},
		{"later with nothing before", "One year later Tobias Renk resigned from the board of Kestrel Motors.", "resigned", "", "Tobias Renk", "", "", "resign"},
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
			f, ok := evs[tt.trigger]
			if !ok {
				t.Fatalf("no event told by %q; events %+v", tt.trigger, evs)
			}
			if f.Action != tt.action {
				t.Errorf("action %q, want %q", f.Action, tt.action)
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
			if tt.how != "" && f.How != tt.how {
				t.Errorf("how %s, want %s", f.How, tt.how)
			}
		})
	}
}

// A market move is a happening of its own in the timeline of what moved.
func TestTimeline_MarketMoves(t *testing.T) {
	a := analyzeText(t, "Shares of Kestrel Motors plunged on Tuesday after the recall of the Falcon coupe. "+
		"Orvane Motors rallied on Wednesday.")
	a.Article.ID = 1
	for i := range a.Facts {
		a.Facts[i].Article = 1
	}
	arts := map[uint64]Article{1: a.Article}
	for name, want := range map[string]string{"Kestrel Motors": "plunged", "Orvane Motors": "rallied"} {
		var got []string
		for _, e := range Timeline(entityID(t, a, name), a.Facts, arts, Date{}, Date{}) {
			got = append(got, e.Lead.Trigger)
		}
		found := false
		for _, g := range got {
			found = found || g == want
		}
		if !found {
			t.Errorf("%s's timeline %q, want %q in it", name, got, want)
		}
	}
}

func TestIngLemma(t *testing.T) {
	for in, want := range map[string]string{
		"selling": "sell", "cutting": "cut", "introducing": "introduce", "saying": "say",
		"falling": "fall", "dropping": "drop", "rallying": "rally", "morning": "", "during": "", "king": "",
	} {
		got, ok := ingLemma(in)
		if got != want || ok != (want != "") {
			t.Errorf("ingLemma(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}
