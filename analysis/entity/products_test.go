package entity

import (
	"testing"
)

// The people, companies and products of these fixtures are fictional,
// except real manufacturers and market indexes that the rules are about.

func TestExtract_AdjectiveCompanies(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		mentions []string
		clusters []string
	}{
		{
			name:     "General before a plural common noun is a company",
			text:     "Shares of General Motors fell after the carmaker cut its forecast.",
			mentions: []string{"ORG:General Motors"},
		},
		{
			name:     "General before an -ics or -ic noun, also opening a sentence",
			text:     "General Dynamics won the contract. Later General Electric and General Foods bid too.",
			mentions: []string{"ORG:General Dynamics", "ORG:General Electric", "ORG:General Foods"},
		},
		{
			name:     "General before a name stays a title",
			text:     "General Grant won the battle, and General Dana Vellner testified before Congress.",
			mentions: []string{"PER:Grant", "PER:Dana Vellner", "ORG:Congress"},
		},
		{
			name:     "a company opened by General before a corporate title",
			text:     "General Motors Chief Executive Tomas Rell said the plan would work.",
			mentions: []string{"ORG:General Motors", "PER:Tomas Rell"},
		},
		{
			name:     "other corporate adjectives before common nouns",
			text:     "United Ferries ordered ten ships, and National Grid and Royal Dutch Shell rose.",
			mentions: []string{"ORG:United Ferries", "ORG:National Grid", "ORG:Royal Dutch Shell"},
		},
		{
			name:     "an adjective-first union and its acronym are one organisation",
			text:     "The United Automobile Workers union met on Monday. The UAW said talks would resume.",
			clusters: []string{"ORG:United Automobile Workers=United Automobile Workers,UAW"},
		},
		{
			name:     "an adjective before a place keyword is no company",
			text:     "Hikers crossed the National Park near Vellbridge.",
			mentions: []string{"LOC:National Park", "LOC:Vellbridge"},
		},
		{
			name:     "names joined by a spaced ampersand are a company",
			text:     "Shares of Vellner & Ostrow rose, Brackwell & Sons said, and Standard & Poor's agreed.",
			mentions: []string{"ORG:Vellner & Ostrow", "ORG:Brackwell & Sons", "ORG:Standard & Poor"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			expectExtract(t, tc.text, tc.mentions, tc.clusters, false)
		})
	}
}

func TestExtract_ProductsAndIndexes(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		mentions []string
		clusters []string
	}{
		{
			name:     "a known manufacturer and a model are one product",
			text:     "Airbus said the Airbus A380 would fly in 2007.",
			mentions: []string{"ORG:Airbus", "MISC:Airbus A380"},
		},
		{
			name:     "a digit model and the unknown name after it",
			text:     "The first Boeing 787 Dreamliner left the plant, and the Airbus A350 XWB followed.",
			mentions: []string{"MISC:Boeing 787 Dreamliner", "MISC:Airbus A350 XWB"},
		},
		{
			name:     "a manufacturer the document knows, and the model alone later",
			text:     "Vellcorp Inc. unveiled the jet on Monday. The Vellcorp V220 seats 90, and the V220 flies in May.",
			mentions: []string{"ORG:Vellcorp Inc.", "MISC:Vellcorp V220", "MISC:V220"},
			clusters: []string{"MISC:Vellcorp V220=Vellcorp V220,V220", "ORG:Vellcorp Inc.=Vellcorp Inc."},
		},
		{
			name:     "a count, a year or a quantity after a company is no model",
			text:     "Boeing 200 jobs were cut, Airbus 2008 results were weak, and the order went to Airbus 50 to 20.",
			mentions: []string{"ORG:Boeing", "ORG:Airbus", "ORG:Airbus"},
		},
		{
			name:     "a club and its score in a sports report are no product",
			text:     "CRICKET - COUNTY SCORES .\nOn Friday Essex 296 was the total .",
			mentions: []string{"ORG:Essex"},
		},
		{
			name:     "an index and its number",
			text:     "The CAC 40 fell 2 percent while the FTSE 100 rose, the S&P 500 closed flat and the Nikkei 225 slipped.",
			mentions: []string{"MISC:CAC 40", "MISC:FTSE 100", "MISC:S&P 500", "MISC:Nikkei 225"},
		},
		{
			name:     "index names with their words",
			text:     "The Dow Jones Industrial Average rose, the NASDAQ Composite gained and the Euro Stoxx 50 and the Hang Seng fell.",
			mentions: []string{"MISC:Dow Jones Industrial Average", "MISC:NASDAQ Composite", "MISC:Euro Stoxx 50", "MISC:Hang Seng"},
		},
		{
			name:     "S&P alone is the agency; Nikkei before an index word is the index",
			text:     "The Nikkei average rose, and analysts at S&P cut their outlook.",
			mentions: []string{"MISC:Nikkei", "ORG:S&P"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			expectExtract(t, tc.text, tc.mentions, tc.clusters, false)
		})
	}
}

func TestModelToken(t *testing.T) {
	tests := []struct {
		w    string
		want bool
	}{
		{"A380", true}, {"787", true}, {"777X", true}, {"A350", true}, {"MD11", true},
		{"2007", false}, {"1999", false}, {"7", false}, {"A3", false}, {"ABC380", false},
		{"10am", false}, {"12345", false}, {"Boeing", false},
	}
	for _, tc := range tests {
		t.Run(tc.w, func(t *testing.T) {
			if got := modelToken(newWord(0, len(tc.w), tc.w)); got != tc.want {
				t.Errorf("modelToken(%q) = %v, want %v", tc.w, got, tc.want)
			}
		})
	}
}
