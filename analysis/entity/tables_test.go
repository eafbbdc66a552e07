package entity

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// All clubs, players and towns in these fixtures are fictional, except
// real countries and cities used as places.

func TestExtract_ResultTables(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{
			name: "score line: clubs, a national team is a place",
			text: "SOCCER - CUP RESULTS .\nVellbridge 3 Ostermoor Rovers 1\nFreedonia Athletic 0 Germany 2",
			want: []string{"ORG:Vellbridge", "ORG:Ostermoor Rovers", "ORG:Freedonia Athletic", "LOC:Germany"},
		},
		{
			name: "standings: a club named after a city is an organisation",
			text: "Standings after Saturday 's games :\nMadrid 4 3 1 0 9 2 10\nKornhaven 4 2 1 1 6 5 7",
			want: []string{"ORG:Madrid", "ORG:Kornhaven"},
		},
		{
			name: "fixtures: the ground after at is a place",
			text: "VELLBRIDGE AT KORNHAVEN\nPostponed : Ostermoor v Brackwell",
			want: []string{"ORG:VELLBRIDGE", "LOC:KORNHAVEN", "ORG:Ostermoor", "ORG:Brackwell"},
		},
		{
			name: "ranking: rider, country, team",
			text: "CYCLING - TOUR RESULTS .\n1. Tomas Vellner ( Italy ) Kestrel Pro 4:12:07\n2. Brodsky ( France ) 0:12",
			want: []string{"PER:Tomas Vellner", "LOC:Italy", "ORG:Kestrel Pro", "PER:Brodsky", "LOC:France"},
		},
		{
			name: "cricket scorecard",
			text: "Amir Qadri c Vellner b Ostrow 33\nBowling : Ostrow 10-0-50-2 , Pell 6-1-23-1 .",
			want: []string{"PER:Amir Qadri", "PER:Vellner", "PER:Ostrow", "PER:Ostrow", "PER:Pell"},
		},
		{
			name: "scorers and minutes",
			text: "Scorers : Anna Brodsky ( 21st minute ) , Tomas Weller ( 65th )",
			want: []string{"PER:Anna Brodsky", "PER:Tomas Weller"},
		},
		{
			name: "dateline",
			text: "KORNHAVEN , Freedonia 1996-08-30\nThe mayor spoke .",
			want: []string{"LOC:KORNHAVEN", "LOC:Freedonia"},
		},
		{
			name: "a club in the prose of a report on club games",
			text: "SOCCER - VELLBRIDGE WIN .\nVellbridge 3 Ostermoor 1\nChicago beat Vellbridge on Friday , and Vellbridge lost again in Chicago .",
			want: []string{"ORG:VELLBRIDGE", "ORG:Vellbridge", "ORG:Ostermoor", "ORG:Chicago", "ORG:Vellbridge", "ORG:Vellbridge", "LOC:Chicago"},
		},
		{
			name: "towns stay places in a report on a sport between players",
			text: "TENNIS - BRODSKY WINS .\nAnna Brodsky beat Lena Pell in Chicago on Friday , and Chicago cheered .",
			want: []string{"PER:BRODSKY", "PER:Anna Brodsky", "PER:Lena Pell", "LOC:Chicago", "LOC:Chicago"},
		},
		{
			name: "not a table: prose with figures",
			text: "Vellbridge Holdings said profit rose 12 percent to 3.4 million in 1996 .",
			want: []string{"ORG:Vellbridge Holdings"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := mentionsOf(Extract(tc.text, nil))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("mentions (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWordLists checks the open word lists as loaded: common words leave
// out words that are also names, the wider dictionary adds vocabulary, and
// given names never shadow a gazetteer entry, a particle or a common word.
func TestWordLists(t *testing.T) {
	tests := []struct {
		name string
		set  map[string]bool
		key  string
		want bool
	}{
		{"a common word", commonWords, "computer", true},
		{"a common word that is also a name", commonWords, "bush", false},
		{"a function word added by hand", commonWords, "whom", true},
		{"a wider dictionary word", dictWords, "copper", true},
		{"common words are not repeated in the wider dictionary", dictWords, "computer", false},
		{"a given name", givenNames, "dagmar", true},
		{"a given name that is a city", givenNames, "cleveland", false},
		{"a given name that is a particle", givenNames, "le", false},
		{"a given name of the hand-made table", givenNames, "mark", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.set[tc.key]; got != tc.want {
				t.Errorf("%q: got %v, want %v", tc.key, got, tc.want)
			}
		})
	}
	if len(commonWords) < 3000 || len(dictWords) < 20000 || len(givenNames) < 4000 {
		t.Errorf("lists too small: %d common, %d dictionary, %d given names", len(commonWords), len(dictWords), len(givenNames))
	}
}
