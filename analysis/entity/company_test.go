package entity

import (
	"testing"
)

// All companies, people and products in these fixtures are fictional.

func TestExtract_CompaniesAndProducts(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		mentions []string
		clusters []string
	}{
		{
			name:     "a legal form makes an organisation and joins the bare name",
			text:     "Shares of Vellcorp Inc. rose on Monday. Analysts said Vellcorp would gain.",
			mentions: []string{"ORG:Vellcorp Inc.", "ORG:Vellcorp"},
			clusters: []string{"ORG:Vellcorp Inc.=Vellcorp Inc.,Vellcorp"},
		},
		{
			name:     "a lone legal form is no name",
			text:     "The deal was signed by Ostrava Mining Ltd. and by a partner, Ltd. being its form.",
			mentions: []string{"ORG:Ostrava Mining Ltd."},
		},
		{
			name:     "a legal form ends the name: two names run together",
			text:     "A statement from Kestrel Corp. Tomas Vellner read aloud was brief.",
			mentions: []string{"ORG:Kestrel Corp.", "PER:Tomas Vellner"},
		},
		{
			name:     "the words before a corporate title are a company",
			text:     "Brackwell Systems CEO Tomas Vellner spoke. Earlier, Ostermoor CFO Tomas Rell resigned.",
			mentions: []string{"ORG:Brackwell Systems", "PER:Tomas Vellner", "ORG:Ostermoor", "PER:Tomas Rell"},
		},
		{
			name:     "a company named only by its shape, then by its head word",
			text:     "Quillon Computer shipped the device. Critics said Quillon had waited too long for new computers, and Quillon agreed.",
			mentions: []string{"ORG:Quillon Computer", "ORG:Quillon", "ORG:Quillon"},
			clusters: []string{"ORG:Quillon Computer=Quillon Computer,Quillon"},
		},
		{
			name:     "an acronym that heads the name or is its initials",
			text:     "The NPQ Group tracks sales. NPQ said demand fell. The Iron Vale Bank lent money, and IVB declined to comment.",
			clusters: []string{"ORG:Iron Vale Bank=Iron Vale Bank,IVB", "ORG:NPQ Group=NPQ Group,NPQ"},
		},
		{
			name:     "a head word shared by two companies stays apart",
			text:     "Quillon Records and Quillon Computer settled over computers. Then Quillon spoke.",
			clusters: []string{"ORG:Quillon Computer=Quillon Computer", "ORG:Quillon Records=Quillon Records", "ORG:Quillon=Quillon"},
		},
		{
			name:     "after a place preposition the head word is a place",
			text:     "The Freedonia Tigers lost. Fans travelled to Freedonia anyway.",
			mentions: []string{"ORG:Freedonia Tigers"},
		},
		{
			name:     "camel-case product names",
			text:     "The company unveiled the zPhone 4 and the new zTunes Music Store, and said eVend sales grew.",
			mentions: []string{"MISC:zPhone 4", "MISC:zTunes Music Store", "MISC:eVend"},
		},
		{
			name:     "a first name alone joins the person named in full",
			text:     "Tomas Vellner opened the show. Later Tomas thanked the crowd.\nTomas left early.",
			clusters: []string{"PER:Tomas Vellner=Tomas Vellner,Tomas"},
		},
		{
			name:     "a first name alone goes to the person named most often",
			text:     "Tomas Vellner spoke, and Tomas Ostrow listened. Vellner smiled. Later Tomas left.",
			clusters: []string{"PER:Tomas Ostrow=Tomas Ostrow", "PER:Tomas Vellner=Tomas Vellner,Vellner,Tomas"},
		},
		{
			name:     "two people equally named: a first name alone stays apart",
			text:     "Tomas Vellner spoke, and Tomas Ostrow listened. Later Tomas left.",
			clusters: []string{"PER:Tomas Ostrow=Tomas Ostrow", "PER:Tomas Vellner=Tomas Vellner", "PER:Tomas=Tomas"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			expectExtract(t, tc.text, tc.mentions, tc.clusters, false)
		})
	}
}
