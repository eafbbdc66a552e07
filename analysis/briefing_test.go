package analysis

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// storyKeys summarizes stories as "date|action|articles|new|fresh".
func storyKeys(ss []Story) []string {
	var out []string
	for _, s := range ss {
		var as []uint64
		for _, r := range s.Reports {
			as = append(as, r.Article)
		}
		n := "known"
		if s.New {
			n = "new"
		}
		out = append(out, s.Date.String()+"|"+s.Action+"|"+fmtIDs(as)+"|"+n+"|"+itoa(s.Fresh))
	}
	return out
}

// briefingCorpus adds to corpus() a quote-rich article of 2026-03-06 and an
// article of 2026-06-20 that recalls the January meeting as background.
func briefingCorpus() ([]Fact, map[uint64]Article) {
	facts, arts := corpus()
	arts[6] = Article{ID: 6, Outlet: "Harbor Wire", Published: day("2026-03-06")}
	facts = append(facts,
		Fact{Article: 6, Seq: 0, Kind: Quote, Speaker: 2, Entities: []uint64{2}, Quote: "We will not sign anything this month", Evidence: "\"We will not sign anything this month,\" Telk said."},
		Fact{Article: 6, Seq: 1, Kind: Quote, Speaker: 2, Entities: []uint64{2}, Quote: "No", Evidence: "\"No,\" Telk said."},
		Fact{Article: 6, Seq: 2, Kind: Quote, Speaker: 1, Entities: []uint64{1}, Quote: "The dam stays open for now, whatever they say", Evidence: "\"The dam stays open for now, whatever they say,\" Voss said."},
		// the same words again in another article count once
		Fact{Article: 3, Seq: 4, Kind: Quote, Speaker: 2, Entities: []uint64{2}, Quote: "We will not sign anything this month.", Evidence: "Telk: \"We will not sign anything this month.\""},
		// background told in June: the January meeting
		Fact{Article: 4, Seq: 1, Kind: Event, Action: "meet", Date: d("2026-01-15"), How: Stated, DateText: "January 15", Entities: []uint64{1, 2}, Text: "They had first met on January 15.", Evidence: "They had first met on January 15."},
	)
	return facts, arts
}

func TestMakeBriefing(t *testing.T) {
	facts, arts := briefingCorpus()
	published := func(days ...string) func(Article) bool {
		return func(a Article) bool {
			for _, s := range days {
				if DayOf(a.Published) == d(s) {
					return true
				}
			}
			return false
		}
	}
	tests := []struct {
		name      string
		isNew     func(Article) bool
		terms     []Term
		stories   []string
		conflicts int
		quoted    []uint64 // speakers, most quoted first
		followed  []int    // stories+quotes per term
	}{
		{
			name:  "first report of a meeting is new",
			isNew: published("2026-03-04"),
			// the meeting was announced on 02-27 by Delta Times (5): known, but
			// only as a plan; North Post is the one new outlet
			stories:   []string{"2026-03-04|meet|5,1,2,3|known|1"},
			conflicts: 3, // duration, place, and Telk's title: each has a side from North Post
		},
		{
			name:      "later reports of a known meeting are follow-ups; quotes ranked by distinct quotes",
			isNew:     published("2026-03-06"),
			stories:   []string{"2026-03-04|meet|5,1,2,3|known|1"},
			conflicts: 3,
			quoted:    []uint64{2, 1},
		},
		{
			name:    "a months-old meeting recalled in June is background, not a story",
			isNew:   published("2026-06-20"),
			stories: []string{"2026-06-20|meet|4|new|1"},
		},
		{
			name:     "a word filter keeps what mentions it",
			isNew:    published("2026-03-06"),
			terms:    []Term{{Text: "dam"}},
			quoted:   []uint64{1},
			followed: []int{1},
		},
		{
			name:      "an entity filter",
			isNew:     published("2026-06-20"),
			terms:     []Term{{Text: "Voss", Entities: []uint64{1}}},
			stories:   []string{"2026-06-20|meet|4|new|1"},
			followed:  []int{2}, // the June meeting and the recalled January one
			conflicts: 0,
		},
		{
			name:  "nothing new",
			isNew: published("2027-01-01"),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := MakeBriefing(facts, arts, tc.isNew, tc.terms, nil)
			if diff := cmp.Diff(tc.stories, storyKeys(b.Stories)); diff != "" {
				t.Errorf("stories (-want +got):\n%s", diff)
			}
			if len(b.Conflicts) != tc.conflicts {
				t.Errorf("%d conflicts, want %d: %+v", len(b.Conflicts), tc.conflicts, b.Conflicts)
			}
			var q []uint64
			for _, x := range b.Quoted {
				q = append(q, x.Speaker)
			}
			if diff := cmp.Diff(tc.quoted, q); diff != "" {
				t.Errorf("quoted (-want +got):\n%s", diff)
			}
			var fl []int
			for _, f := range b.Followed {
				fl = append(fl, len(f.Stories)+len(f.Quotes))
			}
			if diff := cmp.Diff(tc.followed, fl); diff != "" {
				t.Errorf("followed (-want +got):\n%s", diff)
			}
			if b.Empty() != (len(tc.stories) == 0 && tc.conflicts == 0 && len(tc.quoted) == 0 && sum(tc.followed) == 0) {
				t.Errorf("Empty() = %v", b.Empty())
			}
		})
	}
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// The short quote shown for a person is their shortest of six words or more.
func TestMakeBriefing_ShortQuote(t *testing.T) {
	facts, arts := briefingCorpus()
	b := MakeBriefing(facts, arts, func(a Article) bool { return a.ID == 6 || a.ID == 3 }, nil, nil)
	if len(b.Quoted) == 0 || b.Quoted[0].Speaker != 2 {
		t.Fatalf("quoted = %+v", b.Quoted)
	}
	if got := b.Quoted[0]; got.Count != 2 || normQuote(got.Quote.Quote) != "wewillnotsignanythingthismonth" {
		t.Errorf("Telk: %d quotes, shown %q; want 2 and the six-word one", got.Count, got.Quote.Quote)
	}
}

func TestContainsWords(t *testing.T) {
	tests := []struct {
		text, phrase string
		want         bool
	}{
		{"The dam stays open.", "dam", true},
		{"The Dam stays open.", "dam", true},
		{"Amsterdam stays open.", "dam", false},
		{"damages were paid; the dam held", "dam", true},
		{"Ostra Dam talks", "ostra dam", true},
		{"", "dam", false},
		{"über Straße", "straße", true},
	}
	for _, tc := range tests {
		if got := containsWords(tc.text, tc.phrase); got != tc.want {
			t.Errorf("containsWords(%q, %q) = %v, want %v", tc.text, tc.phrase, got, tc.want)
		}
	}
}
