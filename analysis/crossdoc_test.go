package analysis

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func d(s string) Date {
	v, ok := ParseDate(s)
	if !ok {
		panic(s)
	}
	return v
}

// corpus is a small fictional set of articles about a meeting of 1 (Arlen
// Voss) and 2 (Mira Telk), reported by three outlets, plus an unrelated
// meeting months later.
func corpus() ([]Fact, map[uint64]Article) {
	arts := map[uint64]Article{
		1: {ID: 1, Outlet: "North Post", Published: day("2026-03-04")},
		2: {ID: 2, Outlet: "Harbor Wire", Published: day("2026-03-05")},
		3: {ID: 3, Outlet: "", Published: day("2026-03-06")},
		4: {ID: 4, Outlet: "North Post", Published: day("2026-06-20")},
		5: {ID: 5, Outlet: "Delta Times", Published: day("2026-02-27")},
	}
	facts := []Fact{
		{Article: 1, Seq: 0, Kind: Event, Action: "meet", Date: d("2026-03-04"), How: Resolved, DateText: "on Wednesday", Entities: []uint64{1, 2}, Text: "Voss met Telk on Wednesday.", Evidence: "Voss met Telk on Wednesday.", Numbers: []Quantity{{Text: "four-hour", Kind: "duration", Value: 4 * 3600, Unit: "s"}}, Place: "Korvo"},
		{Article: 2, Seq: 0, Kind: Event, Action: "meet", Date: d("2026-03-04"), How: Resolved, DateText: "yesterday", Entities: []uint64{2, 1}, Text: "Telk and Voss held talks yesterday.", Evidence: "Telk and Voss held talks yesterday.", Numbers: []Quantity{{Text: "4 hours", Kind: "duration", Value: 4 * 3600, Unit: "s"}}, Place: "Korvo"},
		{Article: 3, Seq: 0, Kind: Event, Action: "meet", Date: d("2026-03-04"), How: Stated, DateText: "March 4", Entities: []uint64{1, 2}, Text: "The March 4 meeting of Voss and Telk lasted six hours.", Evidence: "The March 4 meeting of Voss and Telk lasted six hours.", Numbers: []Quantity{{Text: "six hours", Kind: "duration", Value: 6 * 3600, Unit: "s"}}, Place: "Lissen"},
		// the same article again, undated: joins its own article's meeting
		{Article: 3, Seq: 1, Kind: Event, Action: "meet", How: Publication, Entities: nil, Text: "The talks ended late.", Evidence: "The talks ended late."},
		// months later, undated: a different meeting
		{Article: 4, Seq: 0, Kind: Event, Action: "meet", How: Publication, Entities: []uint64{1, 2}, Text: "Voss and Telk met again, for two hours.", Evidence: "Voss and Telk met again, for two hours.", Numbers: []Quantity{{Text: "two hours", Kind: "duration", Value: 2 * 3600, Unit: "s"}}},
		// a plan before it happened
		{Article: 5, Seq: 0, Kind: Event, Action: "visit", Date: d("2026-03-04"), How: Stated, DateText: "March 4", Planned: true, Entities: []uint64{1}, Text: "Voss is expected in Korvo on March 4.", Evidence: "Voss is expected in Korvo on March 4."},
		// an earlier, separate meeting
		{Article: 5, Seq: 1, Kind: Event, Action: "meet", Date: d("2026-01-15"), How: Stated, DateText: "January 15", Entities: []uint64{1, 2}, Text: "They first met on January 15.", Evidence: "They first met on January 15."},
		// roles
		{Article: 1, Seq: 1, Kind: Claim, Attribute: "role", Subject: 2, Entities: []uint64{2}, Value: "Foreign Minister", Evidence: "Foreign Minister Mira Telk said."},
		{Article: 3, Seq: 2, Kind: Claim, Attribute: "role", Subject: 2, Entities: []uint64{2}, Value: "Deputy Foreign Minister", Evidence: "Deputy Foreign Minister Mira Telk said."},
		{Article: 2, Seq: 1, Kind: Claim, Attribute: "role", Subject: 1, Entities: []uint64{1}, Value: "special envoy of the president", Evidence: "Voss, special envoy of the president, said."},
		{Article: 3, Seq: 3, Kind: Claim, Attribute: "role", Subject: 1, Entities: []uint64{1}, Value: "presidential envoy", Evidence: "presidential envoy Voss."},
	}
	return facts, arts
}

func TestTimeline_MergesSameEvent(t *testing.T) {
	facts, arts := corpus()
	tl := Timeline(1, facts, arts, Date{}, Date{})
	var got []string
	for _, e := range tl {
		var as []uint64
		for _, r := range e.Reports {
			as = append(as, r.Article)
		}
		got = append(got, e.Date.String()+"|"+string(e.How)+"|"+e.Action+"|"+fmtIDs(as))
	}
	want := []string{
		"2026-01-15|stated|meet|5",
		"2026-03-04|stated|meet|5,1,2,3",
		"2026-06-20|publication|meet|4",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("timeline (-want +got):\n%s", diff)
	}
	// the meeting entry's lead is a report of what happened, not the plan
	if tl[1].Lead.Planned {
		t.Errorf("lead of the meeting is the plan: %q", tl[1].Lead.Text)
	}
	if tl[1].Planned {
		t.Error("a happened meeting is marked planned")
	}
	if tl[1].Outlets != 4 {
		t.Errorf("outlets = %d, want 4 (North Post, Harbor Wire, Delta Times, one unknown)", tl[1].Outlets)
	}
}

func fmtIDs(ids []uint64) string {
	var parts []string
	for _, id := range ids {
		parts = append(parts, strconv.FormatUint(id, 10))
	}
	return strings.Join(parts, ",")
}

func TestTimeline_Range(t *testing.T) {
	facts, arts := corpus()
	tests := []struct {
		since, until string
		want         int
	}{
		{"2026-03", "", 2},
		{"", "2026-02", 1},
		{"2026-03-04", "2026-03-04", 1},
		{"2027", "", 0},
	}
	for _, tt := range tests {
		var since, until Date
		if tt.since != "" {
			since = d(tt.since)
		}
		if tt.until != "" {
			until = d(tt.until)
		}
		if got := len(Timeline(1, facts, arts, since, until)); got != tt.want {
			t.Errorf("Timeline(since %q, until %q) has %d entries, want %d", tt.since, tt.until, got, tt.want)
		}
	}
}

func TestConflicts(t *testing.T) {
	facts, arts := corpus()
	cs := Conflicts(facts, arts)
	var got []string
	for _, c := range cs {
		var vals []string
		for _, s := range c.Sides {
			v := s.Value
			if len(s.Also) > 0 {
				v += "+" + strings.Join(s.Also, "+")
			}
			vals = append(vals, v)
		}
		got = append(got, c.Attribute+": "+strings.Join(vals, " | "))
	}
	want := []string{
		"duration: four-hour+4 hours | six hours",
		"place: Korvo | Lissen",
		"role: Foreign Minister | Deputy Foreign Minister",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("conflicts (-want +got):\n%s", diff)
	}
}

func TestConflicts_PrecisionAndSameValue(t *testing.T) {
	arts := map[uint64]Article{1: {ID: 1, Outlet: "A", Published: day("2026-03-04")}, 2: {ID: 2, Outlet: "B", Published: day("2026-03-04")}}
	ev := func(art uint64, q Quantity) Fact {
		return Fact{Article: art, Kind: Event, Action: "meet", Date: d("2026-03-03"), How: Stated, Entities: []uint64{1, 2}, Numbers: []Quantity{q}}
	}
	tests := []struct {
		name  string
		a, b  Quantity
		label string // "" for no conflict
	}{
		{"same value in other words", Quantity{Text: "three-hour", Kind: "duration", Value: 10800}, Quantity{Text: "3 hours", Kind: "duration", Value: 10800}, ""},
		{"approximate fits", Quantity{Text: "about three hours", Kind: "duration", Value: 10800, Mod: "about"}, Quantity{Text: "3 hours 10 minutes", Kind: "duration", Value: 11400}, PrecisionDiff},
		{"about the exact value differs in precision", Quantity{Text: "about two hours", Kind: "duration", Value: 7200, Mod: "about"}, Quantity{Text: "2 hours", Kind: "duration", Value: 7200}, PrecisionDiff},
		{"over fits", Quantity{Text: "more than 10 delegates", Kind: "count", Value: 10, Unit: "delegates", Mod: "over"}, Quantity{Text: "12 delegates", Kind: "count", Value: 12, Unit: "delegates"}, PrecisionDiff},
		{"counts differ", Quantity{Text: "12 delegates", Kind: "count", Value: 12, Unit: "delegates"}, Quantity{Text: "15 delegates", Kind: "count", Value: 15, Unit: "delegates"}, Contradiction},
		{"different things counted", Quantity{Text: "12 delegates", Kind: "count", Value: 12, Unit: "delegates"}, Quantity{Text: "3 rounds", Kind: "count", Value: 3, Unit: "rounds"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := Conflicts([]Fact{ev(1, tt.a), ev(2, tt.b)}, arts)
			switch {
			case tt.label == "" && len(cs) != 0:
				t.Errorf("got conflict %+v, want none", cs[0])
			case tt.label != "" && len(cs) != 1:
				t.Errorf("got %d conflicts, want 1", len(cs))
			case tt.label != "" && cs[0].Label != tt.label:
				t.Errorf("label %q, want %q", cs[0].Label, tt.label)
			}
		})
	}
}

func TestConflicts_PlacesThatContainEachOther(t *testing.T) {
	arts := map[uint64]Article{1: {ID: 1, Outlet: "A"}, 2: {ID: 2, Outlet: "B"}}
	fs := []Fact{
		{Article: 1, Kind: Event, Action: "meet", Date: d("2025-08-06"), How: Stated, Entities: []uint64{1, 2}, Place: "the Kremlin"},
		{Article: 2, Kind: Event, Action: "meet", Date: d("2025-08-06"), How: Stated, Entities: []uint64{1, 2}, Place: "Moscow"},
	}
	if cs := Conflicts(fs, arts); len(cs) != 0 {
		t.Errorf("the Kremlin and Moscow reported as a conflict: %+v", cs)
	}
}

func TestConflicts_DateOfSameHappening(t *testing.T) {
	arts := map[uint64]Article{1: {ID: 1, Outlet: "A"}, 2: {ID: 2, Outlet: "B"}, 3: {ID: 3, Outlet: "C"}}
	fs := []Fact{
		{Article: 1, Kind: Event, Action: "meet", Date: d("2026-03-04"), How: Stated, DateText: "March 4", Entities: []uint64{1, 2}},
		{Article: 2, Kind: Event, Action: "meet", Date: d("2026-03-05"), How: Stated, DateText: "March 5", Entities: []uint64{1, 2}},
		// one article telling two meetings two days apart: no conflict between those
		{Article: 3, Kind: Event, Action: "call", Date: d("2026-03-01"), How: Stated, Entities: []uint64{1, 2}},
		{Article: 3, Kind: Event, Action: "call", Date: d("2026-03-03"), How: Stated, Entities: []uint64{1, 2}},
	}
	cs := Conflicts(fs, arts)
	if len(cs) != 1 || cs[0].Attribute != "date" {
		t.Fatalf("conflicts = %+v, want one date conflict", cs)
	}
	if cs[0].Sides[0].Value != "March 4" || cs[0].Sides[1].Value != "March 5" {
		t.Errorf("sides = %q, %q", cs[0].Sides[0].Value, cs[0].Sides[1].Value)
	}
}

func TestRoleKey(t *testing.T) {
	tests := []struct{ in, base, rank string }{
		{"former U.S. President", "president", "former"},
		{"U.S. President", "president", ""},
		{"Russian presidential aide", "aide", ""},
		{"Kremlin aide", "aide", ""},
		{"special envoy of the U.S. president", "envoy", ""},
		{"Deputy Foreign Minister", "minister", "deputy"},
		{"acting deputy minister", "minister", "acting deputy"},
		{"US President Donald Trump’s special envoy", "envoy", ""},
	}
	for _, tt := range tests {
		b, r := RoleKey(tt.in)
		if b != tt.base || r != tt.rank {
			t.Errorf("RoleKey(%q) = %q, %q; want %q, %q", tt.in, b, r, tt.base, tt.rank)
		}
	}
}

func TestRankNames(t *testing.T) {
	ents := []Entity{
		{ID: 1, Name: "Steve Witkoff", Type: PER, Aliases: []string{"Steve Witkoff", "Witkoff", "Stephen Witkoff"}},
		{ID: 2, Name: "Yuri Ushakov", Type: PER, Aliases: []string{"Yuri Ushakov", "Yuriy Ushakov", "Ushakov"}},
		{ID: 3, Name: "Vladimir Putin", Type: PER, Aliases: []string{"Vladimir Putin", "Putin"}},
	}
	tests := []struct {
		q    string
		want uint64 // 0: no match at or above the threshold
	}{
		{"witkoff", 1}, {"Steve Witkoff", 1}, {"whitkoff", 1}, {"WITKOFF", 1}, {"stephen", 1},
		{"usahkov", 2}, {"Yury Ushakov", 2}, {"putn", 3}, {"zelensky", 0}, {"", 0},
	}
	for _, tt := range tests {
		ms := RankNames(tt.q, ents)
		var got uint64
		if len(ms) > 0 && ms[0].Score >= MatchThreshold {
			got = ms[0].Entity.ID
		}
		if got != tt.want {
			t.Errorf("RankNames(%q) → %d, want %d (%+v)", tt.q, got, tt.want, ms)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"2025-08-06", "2025-08-06", true}, {"2025-08", "2025-08", true}, {"2025", "2025", true},
		{"2025-08-06T10:00", "2025-08-06", true}, {"2025-02-30", "", false}, {"XXXX-08-06", "", false},
		{"2025-W32", "", false}, {"PRESENT_REF", "", false}, {"", "", false}, {"20250806", "", false},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if ok != tt.ok || got.String() != tt.want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseUserDate(t *testing.T) {
	for _, in := range []string{"2025-08-06", "6 August 2025", "August 6, 2025", "Aug 2025", "2025"} {
		if _, err := ParseUserDate(in); err != nil {
			t.Errorf("ParseUserDate(%q): %v", in, err)
		}
	}
	for _, in := range []string{"yesterday", "2025-13", "soon", "32 August 2025"} {
		if _, err := ParseUserDate(in); err == nil {
			t.Errorf("ParseUserDate(%q) accepted", in)
		}
	}
}

func TestCheckText(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"empty", "  \n\t ", "empty"},
		{"binary", "abc\x00\x01\x02def", "binary"},
		{"invalid utf8", "Caf\xe9 au lait is served every morning in the old town.", "not valid UTF-8"},
		{"too large", strings.Repeat("a", MaxTextBytes+1), "the most I read"},
		{"fine", "A sentence of news.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckText(tt.text)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("CheckText: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || !IsInputError(err) {
				t.Fatalf("CheckText = %v, want an InputError containing %q", err, tt.want)
			}
		})
	}
}

func TestDateContains(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"2025", "2025-08-06", true}, {"2025-08", "2025-08-06", true}, {"2025-08-06", "2025-08-06", true},
		{"2025-08", "2025-09-01", false}, {"2025-08-06", "2025-08", false}, {"2024", "2025-01-01", false},
	}
	for _, tt := range tests {
		if got := d(tt.a).Contains(d(tt.b)); got != tt.want {
			t.Errorf("%s contains %s = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
