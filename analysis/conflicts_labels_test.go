package analysis

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The fixtures below are fictional: the people (Ilse Varn, Tomas Oder, Petra
// Lind…), the countries (Orvania, Lutia), the towns and the outlets are
// invented. Each builds a few articles from different outlets about one or
// two happenings and checks what Conflicts makes of them.

// fixture is a small multi-article corpus.
type fixture struct {
	arts  map[uint64]Article
	facts []Fact
}

func newFixture() *fixture { return &fixture{arts: map[uint64]Article{}} }

// article adds an article and returns its id.
func (fx *fixture) article(outlet, published string) uint64 {
	id := uint64(len(fx.arts) + 1)
	a := Article{ID: id, Outlet: outlet}
	if published != "" {
		a.Published = day(published)
	}
	fx.arts[id] = a
	return id
}

// meeting adds a report, in article art, of the meeting of Varn (1) and
// Oder (2) on date, told by sentence; more sets the rest of the fact.
func (fx *fixture) meeting(art uint64, date, sentence string, more func(*Fact)) {
	f := Fact{Article: art, Seq: uint32(len(fx.facts)), Kind: Event, Action: "meet", Date: d(date), How: Stated,
		Entities: []uint64{1, 2}, Span: Span{Start: len(fx.facts) * 100}, Text: sentence, Evidence: sentence}
	if more != nil {
		more(&f)
	}
	fx.facts = append(fx.facts, f)
}

// role adds a role claim about subject.
func (fx *fixture) role(art, subject uint64, value, sentence string) {
	fx.facts = append(fx.facts, Fact{Article: art, Seq: uint32(len(fx.facts)), Kind: Claim, Attribute: "role",
		Subject: subject, Entities: []uint64{subject}, Value: value, Span: Span{Start: len(fx.facts) * 100}, Evidence: sentence})
}

func hours(text string, h float64, mod string) func(*Fact) {
	return func(f *Fact) {
		f.Numbers = append(f.Numbers, Quantity{Text: text, Kind: "duration", Value: h * 3600, Unit: "s", Mod: mod})
	}
}

func people(text string, n float64, mod string) func(*Fact) {
	return func(f *Fact) {
		f.Numbers = append(f.Numbers, Quantity{Text: text, Kind: "count", Value: n, Unit: "delegates", Mod: mod})
	}
}

func place(p string) func(*Fact) { return func(f *Fact) { f.Place = p } }

func speaker(id uint64) func(*Fact) { return func(f *Fact) { f.Speaker = id } }

func all(fns ...func(*Fact)) func(*Fact) {
	return func(f *Fact) {
		for _, fn := range fns {
			fn(f)
		}
	}
}

// summary renders conflicts as "attribute label: value(outlets) | value(outlets)".
func summary(cs []Conflict) []string {
	var out []string
	for _, c := range cs {
		var vals []string
		for _, s := range c.Sides {
			vals = append(vals, s.Value+"("+itoa(s.Outlets)+")")
		}
		out = append(out, c.Attribute+" "+c.Label+": "+strings.Join(vals, " | "))
	}
	return out
}

func itoa(n int) string { return fmtIDs([]uint64{uint64(n)}) }

func TestConflicts_Labels(t *testing.T) {
	tests := []struct {
		name  string
		build func(fx *fixture)
		want  []string
	}{
		{
			name: "contradiction: outlets give two lengths, in no order",
			build: func(fx *fixture) {
				a := fx.article("Harbor Ledger", "2026-05-12")
				b := fx.article("Pine Gazette", "2026-05-13")
				c := fx.article("Vessa Courier", "2026-05-14")
				fx.meeting(a, "2026-05-12", "Varn and Oder talked for four hours in Kessel.", hours("four hours", 4, ""))
				fx.meeting(b, "2026-05-12", "Varn spent six hours with Oder.", hours("six hours", 6, ""))
				fx.meeting(c, "2026-05-12", "The 4-hour talks ended at dusk.", hours("4-hour", 4, ""))
			},
			want: []string{"duration contradiction: four hours(2) | six hours(1)"},
		},
		{
			name: "contradiction: a later report that merely differs is no update",
			build: func(fx *fixture) {
				a := fx.article("Harbor Ledger", "2026-05-12")
				b := fx.article("Pine Gazette", "2026-05-14")
				fx.meeting(a, "2026-05-12", "Varn arrived with 12 delegates.", people("12 delegates", 12, ""))
				fx.meeting(b, "2026-05-12", "Varn came with 15 delegates.", people("15 delegates", 15, ""))
			},
			want: []string{"count contradiction: 12 delegates(1) | 15 delegates(1)"},
		},
		{
			name: "update: a later report says it corrects the number",
			build: func(fx *fixture) {
				a := fx.article("Harbor Ledger", "2026-05-12")
				b := fx.article("Pine Gazette", "2026-05-14")
				fx.meeting(a, "2026-05-12", "Varn arrived with 12 delegates.", people("12 delegates", 12, ""))
				fx.meeting(b, "2026-05-12", "The ministry corrected the size of Varn's delegation to 15 delegates.", people("15 delegates", 15, ""))
			},
			want: []string{"count update: 12 delegates(1) | 15 delegates(1)"},
		},
		{
			name: "update: the announced length overtaken by the real one",
			build: func(fx *fixture) {
				a := fx.article("Harbor Ledger", "2026-05-10")
				b := fx.article("Pine Gazette", "2026-05-13")
				fx.meeting(a, "2026-05-12", "Varn is expected to meet Oder for two hours on May 12.", all(hours("two hours", 2, ""), func(f *Fact) { f.Planned = true }))
				fx.meeting(b, "2026-05-12", "Varn and Oder met for five hours on May 12.", hours("five hours", 5, ""))
			},
			want: []string{"duration update: two hours(1) | five hours(1)"},
		},
		{
			name: "update: a promotion",
			build: func(fx *fixture) {
				a := fx.article("Harbor Ledger", "2026-01-20")
				b := fx.article("Pine Gazette", "2026-04-02")
				fx.role(a, 3, "Deputy Foreign Minister", "Deputy Foreign Minister Petra Lind spoke.")
				fx.role(b, 3, "Foreign Minister", "Foreign Minister Petra Lind spoke.")
			},
			want: []string{"role update: Deputy Foreign Minister(1) | Foreign Minister(1)"},
		},
		{
			name: "contradiction: a demotion in the same week",
			build: func(fx *fixture) {
				a := fx.article("Harbor Ledger", "2026-01-20")
				b := fx.article("Pine Gazette", "2026-01-22")
				fx.role(a, 3, "Foreign Minister", "Foreign Minister Petra Lind spoke.")
				fx.role(b, 3, "Deputy Foreign Minister", "Deputy Foreign Minister Petra Lind spoke.")
			},
			want: []string{"role contradiction: Foreign Minister(1) | Deputy Foreign Minister(1)"},
		},
		{
			name: "contradiction: a lone later outlet calls a sitting minister former",
			build: func(fx *fixture) {
				a := fx.article("Harbor Ledger", "2026-01-20")
				b := fx.article("Pine Gazette", "2026-01-25")
				c := fx.article("Vessa Courier", "2026-05-02")
				fx.role(a, 3, "Interior Minister", "Interior Minister Petra Lind spoke.")
				fx.role(b, 3, "Interior Minister", "Interior Minister Petra Lind said.")
				fx.role(c, 3, "former Interior Minister", "Greetings went to former Interior Minister Petra Lind.")
			},
			want: []string{"role contradiction: Interior Minister(2) | former Interior Minister(1)"},
		},
		{
			name: "update: leaving office, told by the later text",
			build: func(fx *fixture) {
				a := fx.article("Harbor Ledger", "2026-01-20")
				c := fx.article("Vessa Courier", "2026-05-02")
				fx.role(a, 3, "Interior Minister", "Interior Minister Petra Lind spoke.")
				fx.role(c, 3, "former Interior Minister", "Former Interior Minister Petra Lind, who stepped down in April, spoke.")
			},
			want: []string{"role update: Interior Minister(1) | former Interior Minister(1)"},
		},
		{
			name: "update: leaving office, told by two later outlets",
			build: func(fx *fixture) {
				a := fx.article("Harbor Ledger", "2026-01-20")
				b := fx.article("Pine Gazette", "2026-05-01")
				c := fx.article("Vessa Courier", "2026-05-02")
				fx.role(a, 3, "Interior Minister", "Interior Minister Petra Lind spoke.")
				fx.role(b, 3, "former Interior Minister", "Former Interior Minister Petra Lind spoke.")
				fx.role(c, 3, "former Interior Minister", "The former Interior Minister, Petra Lind, said.")
			},
			want: []string{"role update: Interior Minister(1) | former Interior Minister(2)"},
		},
		{
			name: "precision: over ten against twelve",
			build: func(fx *fixture) {
				a := fx.article("Harbor Ledger", "2026-05-12")
				b := fx.article("Pine Gazette", "2026-05-13")
				fx.meeting(a, "2026-05-12", "More than 10 delegates came with Varn.", people("More than 10 delegates", 10, "over"))
				fx.meeting(b, "2026-05-12", "Varn came with 12 delegates.", people("12 delegates", 12, ""))
			},
			want: []string{"count precision: More than 10 delegates(1) | 12 delegates(1)"},
		},
		{
			name: "precision: about three hours against three hours ten",
			build: func(fx *fixture) {
				a := fx.article("Harbor Ledger", "2026-05-12")
				b := fx.article("Pine Gazette", "2026-05-13")
				fx.meeting(a, "2026-05-12", "They talked for about three hours.", hours("about three hours", 3, "about"))
				fx.meeting(b, "2026-05-12", "They talked for 3 hours and 10 minutes.", hours("3 hours and 10 minutes", 3+10.0/60, ""))
			},
			want: []string{"duration precision: about three hours(1) | 3 hours and 10 minutes(1)"},
		},
		{
			name: "precision: about two hours against 2 hours",
			build: func(fx *fixture) {
				a := fx.article("Harbor Ledger", "2026-05-12")
				b := fx.article("Pine Gazette", "2026-05-13")
				fx.meeting(a, "2026-05-12", "A meeting of about two hours.", hours("about two hours", 2, "about"))
				fx.meeting(b, "2026-05-12", "They met for 2 hours.", hours("2 hours", 2, ""))
			},
			want: []string{"duration precision: about two hours(1) | 2 hours(1)"},
		},
		{
			name: "attributed: a spokesman against unnamed sources",
			build: func(fx *fixture) {
				a := fx.article("Harbor Ledger", "2026-05-12")
				b := fx.article("Pine Gazette", "2026-05-13")
				fx.meeting(a, "2026-05-12", "Varn met Oder in Kessel, spokesman Aron Tal told reporters.", all(place("Kessel"), speaker(7)))
				fx.meeting(b, "2026-05-12", "Varn met Oder at a lodge in Brill, the sources said.", place("Brill"))
			},
			want: []string{"place attributed: Kessel(1) | Brill(1)"},
		},
		{
			name: "contradiction: one side is the outlet's own statement",
			build: func(fx *fixture) {
				a := fx.article("Harbor Ledger", "2026-05-12")
				b := fx.article("Pine Gazette", "2026-05-13")
				fx.meeting(a, "2026-05-12", "Varn met Oder in Kessel, spokesman Aron Tal said.", all(place("Kessel"), speaker(7)))
				fx.meeting(b, "2026-05-12", "Varn met Oder in Brill.", place("Brill"))
			},
			want: []string{"place contradiction: Kessel(1) | Brill(1)"},
		},
		{
			name: "contradiction: the same source behind both sides",
			build: func(fx *fixture) {
				a := fx.article("Harbor Ledger", "2026-05-12")
				b := fx.article("Pine Gazette", "2026-05-13")
				fx.meeting(a, "2026-05-12", "Varn met Oder in Kessel, Aron Tal said.", all(place("Kessel"), speaker(7)))
				fx.meeting(b, "2026-05-12", "Varn met Oder in Brill, Aron Tal said.", all(place("Brill"), speaker(7)))
			},
			want: []string{"place contradiction: Kessel(1) | Brill(1)"},
		},
		{
			name: "contradiction: an outlet credited is not a source",
			build: func(fx *fixture) {
				a := fx.article("Harbor Ledger", "2026-05-12")
				b := fx.article("Pine Gazette", "2026-05-13")
				fx.meeting(a, "2026-05-12", "Varn met Oder in Kessel, Aron Tal said.", all(place("Kessel"), speaker(7)))
				fx.meeting(b, "2026-05-12", "Varn met Oder in Brill, Harbor Ledger reported.", all(place("Brill"), speaker(9)))
			},
			want: []string{"place contradiction: Kessel(1) | Brill(1)"},
		},
		{
			name: "speaker: the same words given to two people",
			build: func(fx *fixture) {
				a := fx.article("Harbor Ledger", "2026-05-12")
				b := fx.article("Pine Gazette", "2026-05-13")
				q := "We will not sign anything this side of winter"
				fx.facts = append(fx.facts,
					Fact{Article: a, Kind: Quote, Speaker: 1, Quote: q, Evidence: `"` + q + `," Varn said.`},
					Fact{Article: b, Kind: Quote, Speaker: 2, Quote: q, Evidence: `"` + q + `," Oder said.`})
			},
			want: []string{"speaker contradiction: 1(1) | 2(1)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture()
			tt.build(fx)
			got := summary(Conflicts(fx.facts, fx.arts))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("conflicts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestConflicts_NeverAConflict(t *testing.T) {
	tests := []struct {
		name  string
		build func(fx *fixture)
	}{
		{"the same length in other words", func(fx *fixture) {
			a, b := fx.article("Harbor Ledger", "2026-05-12"), fx.article("Pine Gazette", "2026-05-13")
			fx.meeting(a, "2026-05-12", "A three-hour meeting.", hours("three-hour", 3, ""))
			fx.meeting(b, "2026-05-12", "They met for 3 hours.", hours("3 hours", 3, ""))
		}},
		{"lengths of two different meetings", func(fx *fixture) {
			a, b := fx.article("Harbor Ledger", "2026-05-12"), fx.article("Pine Gazette", "2026-06-20")
			fx.meeting(a, "2026-05-12", "Varn and Oder met for four hours on May 12.", hours("four hours", 4, ""))
			fx.meeting(b, "2026-06-19", "Varn and Oder met again for two hours on June 19.", hours("two hours", 2, ""))
		}},
		{"a town and its country", func(fx *fixture) {
			a, b := fx.article("Harbor Ledger", "2026-05-12"), fx.article("Pine Gazette", "2026-05-13")
			fx.meeting(a, "2026-05-12", "They met in Geneva.", place("Geneva"))
			fx.meeting(b, "2026-05-12", "They met in Switzerland.", place("Switzerland"))
		}},
		{"initiative: spellings of one name", func(fx *fixture) {
			a, b := fx.article("Harbor Ledger", "2026-05-12"), fx.article("Pine Gazette", "2026-05-13")
			fx.meeting(a, "2026-05-12", "The meeting took place at Tomas Oder's request.", nil)
			fx.meeting(b, "2026-05-12", "The talks were requested by Tomasz Odder, aides said.", nil)
		}},
		{"initiative: a capital, its landmark and its people", func(fx *fixture) {
			a, b := fx.article("Harbor Ledger", "2026-05-12"), fx.article("Pine Gazette", "2026-05-13")
			c := fx.article("Vessa Courier", "2026-05-13")
			fx.meeting(a, "2026-05-12", "The initiative for the meeting came from Moscow.", nil)
			fx.meeting(b, "2026-05-12", "The meeting was held at the request of the Kremlin.", nil)
			fx.meeting(c, "2026-05-12", "The Russian side asked for the meeting, officials said.", nil)
		}},
		{"initiative: a person and a side nobody places them in", func(fx *fixture) {
			a, b := fx.article("Harbor Ledger", "2026-05-12"), fx.article("Pine Gazette", "2026-05-13")
			fx.meeting(a, "2026-05-12", "The meeting took place at Oder's request.", nil)
			fx.meeting(b, "2026-05-12", "The meeting was requested by the Orvanian side.", nil)
		}},
		{"initiative: a person and their own side", func(fx *fixture) {
			a, b := fx.article("Harbor Ledger", "2026-05-12"), fx.article("Pine Gazette", "2026-05-13")
			fx.role(a, 2, "Orvanian envoy", "Orvanian envoy Tomas Oder flew in.")
			fx.meeting(a, "2026-05-12", "The meeting took place at Oder's request.", nil)
			fx.meeting(b, "2026-05-12", "The meeting was requested by the Orvanian side.", nil)
		}},
		{"initiative: two different happenings", func(fx *fixture) {
			a, b := fx.article("Harbor Ledger", "2026-05-12"), fx.article("Pine Gazette", "2026-06-20")
			fx.meeting(a, "2026-05-12", "The May 12 meeting took place at Varn's request.", nil)
			fx.meeting(b, "2026-06-19", "The June 19 meeting was requested by Oder.", nil)
		}},
		{"one article giving two values", func(fx *fixture) {
			a := fx.article("Harbor Ledger", "2026-05-12")
			fx.meeting(a, "2026-05-12", "Some said three hours.", hours("three hours", 3, ""))
			fx.meeting(a, "2026-05-12", "Others said five hours.", hours("five hours", 5, ""))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture()
			tt.build(fx)
			if got := summary(Conflicts(fx.facts, fx.arts)); len(got) != 0 {
				t.Errorf("got conflicts %q, want none", got)
			}
		})
	}
}

func TestConflicts_Initiative(t *testing.T) {
	fx := newFixture()
	a := fx.article("Harbor Ledger", "2026-05-12")
	b := fx.article("Pine Gazette", "2026-05-13")
	c := fx.article("Vessa Courier", "2026-05-14")
	fx.role(a, 2, "Orvanian envoy", "Orvanian envoy Tomas Oder flew in.")
	fx.meeting(a, "2026-05-12", "The meeting was requested by the Lutian side, spokesman Aron Tal told reporters.", speaker(7))
	fx.meeting(b, "2026-05-12", "The meeting took place at Oder's request, the sources said.", nil)
	fx.meeting(c, "2026-05-12", "Lutia asked for the meeting, according to its foreign ministry.", nil)
	cs := Conflicts(fx.facts, fx.arts)
	want := []string{"initiative attributed: the Lutian side(2) | Oder(1)"}
	if diff := cmp.Diff(want, summary(cs)); diff != "" {
		t.Fatalf("conflicts (-want +got):\n%s", diff)
	}
	s := cs[0].Sides
	if diff := cmp.Diff([]uint64{7}, s[0].Speakers); diff != "" {
		t.Errorf("named sources of the first side (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"its foreign ministry"}, s[0].Unnamed); diff != "" {
		t.Errorf("unnamed sources of the first side (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"the sources"}, s[1].Unnamed); diff != "" {
		t.Errorf("unnamed sources of the second side (-want +got):\n%s", diff)
	}
}

func TestInitiativeOf(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The meeting was requested by the Lutian side, an aide said.", "the Lutian side"},
		{"The talks took place at Oder's request.", "Oder"},
		{"At the suggestion of the Orvanian side, we agreed to meet.", "the Orvanian side"},
		{"The initiative for the meeting came from Vessa.", "Vessa"},
		{"Varn was invited by Mayor Ilse Brandt to the summit.", "Mayor Ilse Brandt"},
		{"Petra Lind asked to meet with Varn.", "Petra Lind"},
		{"The visit came at the invitation of the Lutian government.", "the Lutian government"},
		{"They asked to meet with him.", ""},
		{"The meeting lasted four hours.", ""},
		{"Oder met Varn at the residence.", ""},
	}
	for _, tt := range tests {
		got, ok := InitiativeOf(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("InitiativeOf(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestCountOutlets(t *testing.T) {
	arts := map[uint64]Article{
		1: {ID: 1, Outlet: "Harbor Ledger"},
		2: {ID: 2, Outlet: "Pine Gazette"},
		3: {ID: 3, Outlet: "Harbor Ledger"},
		4: {ID: 4, Outlet: "Vessa Courier"},
		5: {ID: 5},
		6: {ID: 6},
	}
	wire := "Varn and Oder met for four hours in Kessel on Tuesday."
	rep := func(art uint64, ev string) Fact { return Fact{Article: art, Kind: Event, Evidence: ev} }
	tests := []struct {
		name    string
		reports []Fact
		credits map[uint64][]string
		want    int
	}{
		{"different outlets, different words", []Fact{rep(1, "A."), rep(2, "B.")}, nil, 2},
		{"one outlet twice", []Fact{rep(1, "A."), rep(3, "B.")}, nil, 1},
		{"a wire story under two outlets' names", []Fact{rep(1, wire), rep(2, wire)}, nil, 1},
		{"the same story under no outlet's name", []Fact{rep(5, wire), rep(6, wire)}, nil, 1},
		{"two unknown outlets, different words", []Fact{rep(5, "A."), rep(6, "B.")}, nil, 2},
		{"a rewrite that credits the outlet", []Fact{rep(1, "A."), rep(4, "B.")}, map[uint64][]string{4: {"harbor ledger"}}, 1},
		{"credit to an outlet not among the reports", []Fact{rep(2, "A."), rep(4, "B.")}, map[uint64][]string{4: {"harbor ledger"}}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CountOutlets(tt.reports, arts, tt.credits); got != tt.want {
				t.Errorf("CountOutlets = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestOutletCredits(t *testing.T) {
	arts := map[uint64]Article{
		1: {ID: 1, Outlet: "The Harbor Ledger"},
		2: {ID: 2, Outlet: "Pine Gazette"},
	}
	facts := []Fact{
		{Article: 2, Evidence: "Varn met Oder in Kessel, Harbor Ledger reported."},
		{Article: 2, Span: Span{Start: 50}, Evidence: `"It went well," Oder said, as quoted by Reuters.`},
		{Article: 1, Evidence: "Oder told Harbor Ledger the talks went well."},
	}
	got := OutletCredits(facts, arts)
	want := map[uint64][]string{2: {"harbor ledger", "reuters"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("credits (-want +got):\n%s", diff)
	}
}
