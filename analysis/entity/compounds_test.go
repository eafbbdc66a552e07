package entity

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The people, firms, clubs and towns of these fixtures are fictional;
// real countries and cities appear only as places.

// TestExtract_HeldOutClasses covers the classes of CoNLL-2003 errors found
// on held-out text: currencies, hyphenated compounds, organisations that
// open with a keyword, words of a full name used alone, ALL-CAPS headline
// surnames, standings headers, non-team table rows, lists of people.
func TestExtract_HeldOutClasses(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{
			name: "a currency code is MISC, not a place",
			text: "Vellcorp shares rose to A$ 6.39 , or US$ 5.02 , by 0400 GMT .",
			want: []string{"ORG:Vellcorp", "MISC:A$", "MISC:US$", "MISC:GMT"},
		},
		{
			name: "a place glued to a participle or prefix is one MISC compound",
			text: "The Berlin-based firm backed a U.S.-led plan and a pro-Moscow party .",
			want: []string{"MISC:Berlin-based", "MISC:U.S.-led", "MISC:pro-Moscow"},
		},
		{
			name: "a person glued to a participle stays a person",
			text: "Dorn Stelik-backed groups met on Monday .",
			want: []string{"PER:Dorn Stelik"},
		},
		{
			name: "a keyword of a sentence start heads an organisation with of",
			text: "Bank of Freedonia said rates would fall .\nRadio Germany reported the news .",
			want: []string{"ORG:Bank of Freedonia", "ORG:Radio Germany"},
		},
		{
			name: "a dictionary word before a legal form is part of the company",
			text: "Arch Vellum Inc said output rose .",
			want: []string{"ORG:Arch Vellum Inc"},
		},
		{
			name: "any word of a full name, used alone, names the person",
			text: "Tomaz Quillo Verrada Azul spoke on Monday .\nVerrada 's aides said little .",
			want: []string{"PER:Tomaz Quillo Verrada Azul", "PER:Verrada"},
		},
		{
			name: "an ALL-CAPS headline surname confirmed by the body",
			text: "TENNIS - KROSLAVEK WINS IN SPAIN .\nDana Kroslavek won the final on Sunday .",
			want: []string{"PER:KROSLAVEK", "LOC:SPAIN", "PER:Dana Kroslavek"},
		},
		{
			name: "a standings header line is MISC",
			text: "BASEBALL - STANDINGS .\nEASTERN DIVISION\nOSTERMOOR 75 59 .560 -",
			want: []string{"MISC:EASTERN DIVISION", "ORG:OSTERMOOR"},
		},
		{
			name: "a common word before a figure is no team",
			text: "SOCCER - LEAGUE SUMMARY .\nVellbridge 2 ( Brodsky 27th ) Ostermoor 0 .\nHalftime 1-0 .\nAttendance 7,032 .",
			want: []string{"ORG:Vellbridge", "PER:Brodsky", "ORG:Ostermoor"},
		},
		{
			name: "two scored names side by side are teams, even with first names",
			text: "SOCCER - LEAGUE SUMMARY .\nWillem Vell 0 Fortuna Quill 1 ( Hamming 65th ) .",
			want: []string{"ORG:Willem Vell", "ORG:Fortuna Quill", "PER:Hamming"},
		},
		{
			name: "a club sport's standings row with a first name is a club",
			text: "SOCCER - LEAGUE STANDINGS .\nOstermoor 2 2 0 0 8 2 6\nWillem Vell 2 0 1 1 0 1 1",
			want: []string{"ORG:Ostermoor", "ORG:Willem Vell"},
		},
		{
			name: "a list of people names its unknown items too",
			text: "Squad : Dana Vell , Breck , Stanner , Tomas Quinn , Ollaway .",
			want: []string{"PER:Dana Vell", "PER:Breck", "PER:Stanner", "PER:Tomas Quinn", "PER:Ollaway"},
		},
		{
			name: "a list's label stays out",
			text: "Midfielders - Dana Vell , Tomas Breck , Lena Stanner .",
			want: []string{"PER:Dana Vell", "PER:Tomas Breck", "PER:Lena Stanner"},
		},
		{
			name: "a common first name opening a sentence before an unknown surname",
			text: "Mark Ollaway , Dana Vell and Tom Breck skipped the event .",
			want: []string{"PER:Mark Ollaway", "PER:Dana Vell", "PER:Tom Breck"},
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
