package entity

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/analysis/textseg"
)

// TestExtract_PersonEvidence checks the person rules that do not rest on a
// first-name list: line shape, name shape and context. All names and
// events are fictional; each text is given one sentence a line, as news
// wires lay out results and line-ups.
func TestExtract_PersonEvidence(t *testing.T) {
	tests := []struct {
		name     string
		lines    []string
		mentions []string
		onlyPER  bool // compare only PER mentions and those listed
	}{
		{
			name: "a long line-up without final punctuation is no headline",
			lines: []string{
				"SOCCER - PORTUGAL DRAW WITH NORWAY .",
				"Portugal - 1 - Vasco Trell ; 2 - Ilko Marveen ( 14 - Dorn Stelik 87th ) , 5 - Benno Karsk , 8 - Mirko Pallas , 3 - Tawo Quenn",
			},
			mentions: []string{"LOC:PORTUGAL", "LOC:NORWAY",
				"LOC:Portugal", "PER:Vasco Trell", "PER:Ilko Marveen", "PER:Dorn Stelik", "PER:Benno Karsk", "PER:Mirko Pallas", "PER:Tawo Quenn"},
		},
		{
			name: "a substitute by shirt number and minute",
			lines: []string{
				"SOCCER - FRIENDLY RESULT .",
				"Portugal - 1 - Vasco Trell ( 12 - Belvane 78th ) , 4 - Ilko Marveen ( Quorrin 46th ) , 5 - Benno Karsk , 8 - Mirko Pallas",
			},
			mentions: []string{"LOC:Portugal", "PER:Vasco Trell", "PER:Belvane", "PER:Ilko Marveen", "PER:Quorrin", "PER:Benno Karsk", "PER:Mirko Pallas"},
		},
		{
			name:     "a long results line with players and countries",
			lines:    []string{"Men 's singles , second round 1 - Vasco Trell ( Germany ) beat Ilko Marveen ( Japan ) 6-4 6-2 Dorn Stelik ( Austria ) beat Tawo Quenn ( Chile ) 6-3 7-5"},
			mentions: []string{"PER:Vasco Trell", "LOC:Germany", "PER:Ilko Marveen", "LOC:Japan", "PER:Dorn Stelik", "LOC:Austria", "PER:Tawo Quenn", "LOC:Chile"},
		},
		{
			name:     "a short title-case line is still a headline",
			lines:    []string{"Vasco Trell Wins Again", "Vasco Trell won the final on Sunday ."},
			mentions: []string{"PER:Vasco Trell", "PER:Vasco Trell"},
		},
		{
			name:     "hyphenated Korean and Chinese given names",
			lines:    []string{"The envoy Pak Dal-su met Ryo Sang-hoon and Chen Wei-yeh in the capital ."},
			mentions: []string{"PER:Pak Dal-su", "PER:Ryo Sang-hoon", "PER:Chen Wei-yeh"},
		},
		{
			name:     "hyphenated adjectives are not name tails",
			onlyPER:  true,
			lines:    []string{"Dorn Stelik-backed groups met Tawo Quenn-style rivals ."},
			mentions: []string{"PER:Dorn Stelik", "PER:Tawo Quenn"},
		},
		{
			name:     "Arabic particle inside a hyphenated name",
			lines:    []string{"Squad : Tarik Moal , Anwar-ul-Qadir , Basit Rehm ."},
			mentions: []string{"PER:Tarik Moal", "PER:Anwar-ul-Qadir", "PER:Basit Rehm"},
		},
		{
			name:     "two particles inside a name",
			lines:    []string{"Scrum-half Dirk van der Merwell scored twice .", "Van der Merwell said he was pleased ."},
			mentions: []string{"PER:Dirk van der Merwell", "PER:Van der Merwell"},
		},
		{
			name:     "a hyphenated double title",
			lines:    []string{"Spokesman Lieutenant-Colonel Dorn Stelik said the road was open ."},
			mentions: []string{"PER:Dorn Stelik"},
		},
		{
			name:     "a role noun opening the sentence",
			lines:    []string{"Broker Tawo Quenn said the market would rise ."},
			mentions: []string{"PER:Tawo Quenn"},
		},
		{
			name:     "a given name of the open lists carries a hyphenated surname",
			lines:    []string{"The award went to Dagmar Vell-Oster ."},
			mentions: []string{"PER:Dagmar Vell-Oster"},
		},
		{
			name:     "an unexplained name ending in a dictionary word is an organisation",
			lines:    []string{"Shares of Hindar Copper rose ."},
			mentions: []string{"ORG:Hindar Copper"},
		},
		{
			name:     "a plural dictionary word opening the sentence is no person",
			lines:    []string{"Eyewitnesses said the truck left ."},
			mentions: nil,
		},
		{
			name:     "a dictionary word opening the sentence before a company is left out",
			lines:    []string{"Broker Acme Holdings said the market would rise ."},
			mentions: []string{"ORG:Acme Holdings"},
		},
		{
			name:     "a person named like a country in a sports report",
			onlyPER:  true,
			lines:    []string{"BASEBALL - OLDTOWN BEAT NEWTOWN .", "A homer off Chad Quellin gave Oldtown the lead ."},
			mentions: []string{"PER:Chad Quellin"},
		},
		{
			name:     "a prefix before a hyphen is no part of the name",
			onlyPER:  true,
			lines:    []string{"Ex-Yankee Vasco Trell hit a homer ."},
			mentions: []string{"PER:Vasco Trell"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, sents := linesText(tc.lines)
			got := mentionsOf(Extract(text, sents))
			if tc.onlyPER {
				got = only(got, tc.mentions)
			}
			if diff := cmp.Diff(tc.mentions, got); diff != "" {
				t.Errorf("mentions (-want +got):\n%s", diff)
			}
		})
	}
}

// linesText joins lines into a text, one sentence a line.
func linesText(lines []string) (string, []textseg.Sentence) {
	var text string
	var sents []textseg.Sentence
	for i, l := range lines {
		if i > 0 {
			text += "\n"
		}
		sents = append(sents, textseg.Sentence{Start: len(text), End: len(text) + len(l), Para: i})
		text += l
	}
	return text, sents
}

// only keeps the PER mentions of got and those listed in want.
func only(got, want []string) []string {
	keep := map[string]bool{}
	for _, w := range want {
		keep[w] = true
	}
	var out []string
	for _, g := range got {
		if keep[g] || len(g) > 4 && g[:4] == "PER:" {
			out = append(out, g)
		}
	}
	return out
}
