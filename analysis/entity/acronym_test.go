package entity

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestExtract_DocumentEvidence checks the rules that read context and the
// document's own evidence: long names before their bracketed acronym, a
// surname that is also a place, an age after a lone name, company cues,
// venues and clubs in sports reports, and wire contact lines. All names
// and events are fictional.
func TestExtract_DocumentEvidence(t *testing.T) {
	tests := []struct {
		name     string
		lines    []string
		mentions []string
		keep     []string // when set, compare only these types ("PER", "ORG" …)
	}{
		{
			name:     "a long name before its acronym, with connectors and a place inside",
			lines:    []string{"The Council for Trade and Peace in Europe ( CTPE ) met on Monday ."},
			mentions: []string{"ORG:Council for Trade and Peace in Europe", "ORG:CTPE"},
		},
		{
			name:     "two connectors in a row",
			lines:    []string{"The Rally for the Return of Exiles ( RRE ) urged calm ."},
			mentions: []string{"ORG:Rally for the Return of Exiles", "ORG:RRE"},
		},
		{
			name:     "an agreement before its acronym is MISC",
			lines:    []string{"Ministers signed the Northern Grain Trade Agreement ( NGTA ) ."},
			mentions: []string{"MISC:Northern Grain Trade Agreement", "ORG:NGTA"},
		},
		{
			name:     "an acronym that does not spell the name leaves it alone",
			keep:     []string{"ORG"},
			lines:    []string{"Dorn Stelik met Vasco Trell ( XQZ ) ."},
			mentions: []string{"ORG:XQZ"},
		},
		{
			name: "a surname that is also a place names the person",
			keep: []string{"PER", "LOC"},
			lines: []string{
				"Director Neil Jordan defended his new film .",
				"Jordan , whose last film won prizes , said he was proud .",
				"Critics praised Jordan 's film .",
			},
			mentions: []string{"PER:Neil Jordan", "PER:Jordan", "PER:Jordan"},
		},
		{
			name: "the place stays a place when the text puts someone in it",
			keep: []string{"PER", "LOC"},
			lines: []string{
				"Envoy Neil Jordan arrived on Monday .",
				"Talks in Jordan will resume on Friday .",
			},
			mentions: []string{"PER:Neil Jordan", "LOC:Jordan"},
		},
		{
			name: "an age after a lone name makes it a person in the whole text",
			keep: []string{"PER"},
			lines: []string{
				"Quorrin , 45 , fights on Saturday .",
				"The fight is Quorrin 's first at home .",
			},
			mentions: []string{"PER:Quorrin", "PER:Quorrin"},
		},
		{
			name: "company cues make a lone name a company in the whole text",
			keep: []string{"ORG", "PER"},
			lines: []string{
				"Shares of Vellcorp rose 3 percent on Monday .",
				"Analysts expect Vellcorp to report a profit .",
				"Vellcorp 's board will meet in May .",
			},
			mentions: []string{"ORG:Vellcorp", "ORG:Vellcorp", "ORG:Vellcorp"},
		},
		{
			name:     "a guessed two-word name with a company cue",
			keep:     []string{"ORG", "PER"},
			lines:    []string{"Traders sold Quillon Tarvex shares on Monday ."},
			mentions: []string{"ORG:Quillon Tarvex"},
		},
		{
			name:     "a wire contact line names a newsroom",
			lines:    []string{"Bond prices fell on Monday .", "-- Oslo Newsroom +47 2200 1111"},
			mentions: []string{"ORG:Oslo Newsroom"},
		},
		{
			name: "the ground opening a scores line is a place",
			keep: []string{"LOC"},
			lines: []string{
				"CRICKET - COUNTY SCORES .",
				"Quarnby Vale : Oldshire 214 ( P. Vell 84 ; M. Stelik 4-55 ) , Newshire 108-3 .",
			},
			mentions: []string{"LOC:Quarnby Vale"},
		},
		{
			name: "a scorers line opens with no place",
			keep: []string{"LOC"},
			lines: []string{
				"SOCCER - FRIENDLY RESULT .",
				"Scorers : Dorn Stelik ( 5th ) , Vasco Trell ( 7th ) , Tawo Quenn ( 11th ) .",
			},
			mentions: nil,
		},
		{
			name: "a name word before a city in a sports report is a club",
			keep: []string{"ORG"},
			lines: []string{
				"SOCCER - FANS BANNED .",
				"Fans threw bottles at Torvik Moscow players during the defeat .",
			},
			mentions: []string{"ORG:Torvik Moscow"},
		},
		{
			name:     "outside sports the same shape is not a club",
			keep:     []string{"ORG"},
			lines:    []string{"Delegates from Torvik Moscow arrived on Monday ."},
			mentions: nil,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, sents := linesText(tc.lines)
			got := mentionsOf(Extract(text, sents))
			if tc.keep != nil {
				var kept []string
				for _, g := range got {
					for _, k := range tc.keep {
						if len(g) > len(k) && g[:len(k)+1] == k+":" {
							kept = append(kept, g)
						}
					}
				}
				got = kept
			}
			if diff := cmp.Diff(tc.mentions, got); diff != "" {
				t.Errorf("mentions (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLongNameBefore checks the acronym matching directly.
func TestLongNameBefore(t *testing.T) {
	tests := []struct {
		text string
		ok   bool
		from string
	}{
		{"the London Grain and Seed Exchange ( LGSE )", true, "London"},
		{"the Freedonia Ports Authority ( FPA )", true, "Freedonia"},
		{"met Vasco Trell ( VT )", true, "Vasco"},
		{"met Vasco Trell ( QX )", false, ""},
		{"in the morning ( AM )", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			toks, _ := tokenizeAppend(nil, tc.text, 0, len(tc.text))
			p := -1
			for i, tk := range toks {
				if tk.text == "(" {
					p = i
				}
			}
			a, ok := longNameBefore(toks, p, toks[p+1].text)
			if ok != tc.ok || ok && toks[a].text != tc.from {
				t.Errorf("longNameBefore = %d, %v; want %v from %q", a, ok, tc.ok, tc.from)
			}
		})
	}
}
