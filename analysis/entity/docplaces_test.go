package entity

import (
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/examples"
)

// All places, people and outlets in these fixtures are fictional (several
// sentences come from the project's own sample articles in examples/).

// TestExtract_UnknownPlaces: places no gazetteer knows, learnt from the
// document (a derived adjective, "President of", "in" and a country ending).
func TestExtract_UnknownPlaces(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		mentions []string
		roles    []string
	}{
		{
			name:     "role complement up to the comma, place after President of",
			text:     "Oleksandr Dorenko, the special envoy of the President of Dravenia, will travel next week.",
			mentions: []string{"PER:Oleksandr Dorenko", "LOC:Dravenia"},
			roles:    []string{"Oleksandr Dorenko|special envoy of the President of Dravenia|special envoy"},
		},
		{
			name:     "adjective in the role complement",
			text:     "Alexander Dorenko, the envoy of the Dravenian president, spent six hours in Lissen.",
			mentions: []string{"PER:Alexander Dorenko", "MISC:Dravenian", "LOC:Lissen"},
			roles:    []string{"Alexander Dorenko|envoy of the Dravenian president|envoy"},
		},
		{
			name: "place after a name, taught by its adjective",
			text: "Foreign Minister Yevgenia Laskaris of Karstia said her country would wait. " +
				"Karstian officials declined to comment.",
			mentions: []string{"PER:Yevgenia Laskaris", "LOC:Karstia", "MISC:Karstian"},
			roles:    []string{"Yevgenia Laskaris|Foreign Minister|foreign minister"},
		},
		{
			name: "adjectives are never people",
			text: "Velmora has been building the dam. The meeting was requested by the Velmoran side. " +
				"Velmoran officials did not comment. Brezhin, a Karstian citizen, met the envoy in Karstia.",
			mentions: []string{"LOC:Velmora", "MISC:Velmoran", "MISC:Velmoran", "MISC:Karstian", "LOC:Karstia"},
		},
		{
			name:     "adjective without its place, before a noun of state",
			text:     "The meeting was requested by the Ruritanian side, a diplomat said.",
			mentions: []string{"MISC:Ruritanian"},
		},
		{
			name:     "country ending after a preposition",
			text:     "The envoy flew from Zembla to Freedonia on Monday.",
			mentions: []string{"LOC:Freedonia"},
		},
		{
			name:     "a first name is not a country",
			text:     "The letter went to Olivia before the meeting.",
			mentions: []string{"PER:Olivia"},
		},
		{
			name:     "a word inside a longer name is not taught as a place",
			text:     "The Freedonia Tigers lost. Fans travelled to Freedonia anyway.",
			mentions: []string{"ORG:Freedonia Tigers"},
		},
		{
			name:     "a verb before a name is not a role",
			text:     "\"We will judge Velmora by the water that reaches us,\" she said.",
			mentions: nil,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Extract(tc.text, nil)
			if diff := cmp.Diff(tc.mentions, mentionsOf(r)); diff != "" {
				t.Errorf("mentions (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.roles, rolesOf(r)); diff != "" {
				t.Errorf("roles (-want +got):\n%s", diff)
			}
			checkResult(t, tc.text, nil, r)
		})
	}
}

// TestExtract_FacilitiesAndOrganisations: keyword names, organisations
// named after a person, and shape-only names that are not people.
func TestExtract_FacilitiesAndOrganisations(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		mentions []string
		clusters []string // when set, compared too
	}{
		{
			name:     "facility and river keywords",
			text:     "They argued over the disputed Ostra Dam on the upper Selka River near Lake Orva.",
			mentions: []string{"LOC:Ostra Dam", "LOC:Selka River", "LOC:Lake Orva"},
		},
		{
			name:     "more place keywords",
			text:     "Crowds gathered on Castle Square and at Korvo Central Station before the Velna Palace reopened.",
			mentions: []string{"LOC:Castle Square", "LOC:Korvo Central Station", "LOC:Velna Palace"},
		},
		{
			name:     "a lower-case place noun after an unknown word",
			text:     "Officials want to fill the Ostra reservoir more slowly.",
			mentions: []string{"LOC:Ostra"},
		},
		{
			name: "organisation named after a person",
			text: "Businessman Anton Brezhin, whose firm Brezhin Hydro holds the contract, spoke first. " +
				"Brezhin Hydro proposed a joint company. Later the Brezhin Hydro firm agreed. Brezhin said little.",
			mentions: []string{"PER:Anton Brezhin", "ORG:Brezhin Hydro", "ORG:Brezhin Hydro", "ORG:Brezhin Hydro", "PER:Brezhin"},
			clusters: []string{"ORG:Brezhin Hydro=Brezhin Hydro", "PER:Anton Brezhin=Anton Brezhin,Brezhin"},
		},
		{
			name:     "outlet keyword",
			text:     "Karl Vennholt told Baltic Wire he remained hopeful, the Harbour Standard reported.",
			mentions: []string{"PER:Karl Vennholt", "ORG:Baltic Wire", "ORG:Harbour Standard"},
		},
		{
			name:     "organisation keywords",
			text:     "The Velmoran Water Agency and the Korvo Development Bank wrote to the Selka Basin Commission.",
			mentions: []string{"ORG:Velmoran Water Agency", "ORG:Korvo Development Bank", "ORG:Selka Basin Commission"},
		},
		{
			name:     "nationality before a generic ministry",
			text:     "The German Foreign Ministry and the Ruritanian Trade Ministry said nothing.",
			mentions: []string{"MISC:German", "ORG:Foreign Ministry", "ORG:Ruritanian Trade Ministry"},
		},
		{
			name:     "a name after in is a place",
			text:     "The attack took place in Verkhny Ostrog on Friday.",
			mentions: []string{"LOC:Verkhny Ostrog"},
		},
		{
			name:     "an organisation noun after a name",
			text:     "But Le Vigilant newspaper said seven people were hurt.",
			mentions: []string{"ORG:Le Vigilant"},
		},
		{
			name:     "a quoted title",
			text:     "He is best known for \"Silent Orchard\" and two plays.",
			mentions: []string{"MISC:Silent Orchard"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			expectExtract(t, tc.text, tc.mentions, tc.clusters, true)
		})
	}
}

// TestExtract_RoleEdges: roles at the start of a sentence and roles with a
// possessor.
func TestExtract_RoleEdges(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		mentions []string
		roles    []string
	}{
		{
			name:     "multi-word title at the start of a sentence",
			text:     "Deputy Foreign Minister Evgenia Laskaris, who leads the team, welcomed the contacts.",
			mentions: []string{"PER:Evgenia Laskaris"},
			roles:    []string{"Evgenia Laskaris|Deputy Foreign Minister|deputy foreign minister"},
		},
		{
			name:     "occupation at the start of a sentence",
			text:     "Businessman Anton Brezhin, whose firm builds the spillway, was hopeful.",
			mentions: []string{"PER:Anton Brezhin"},
			roles:    []string{"Anton Brezhin|Businessman|businessman"},
		},
		{
			name:     "sentence-initial modifier of a role",
			text:     "Spillway contractor Anton Brezhin said he was hopeful.",
			mentions: []string{"PER:Anton Brezhin"},
			roles:    []string{"Anton Brezhin|Spillway contractor|contractor"},
		},
		{
			name:     "possessor is its own mention",
			text:     "Radomir Sveto waited. Sveto's spokesman Dmitri Valk told reporters the talks went well.",
			mentions: []string{"PER:Radomir Sveto", "PER:Sveto", "PER:Dmitri Valk"},
			roles:    []string{"Dmitri Valk|spokesman|spokesperson"},
		},
		{
			name:     "apposition after an article",
			text:     "A presidential spokesman, Dmitri Valk, said only that the talks were detailed.",
			mentions: []string{"PER:Dmitri Valk"},
			roles:    []string{"Dmitri Valk|presidential spokesman|spokesperson"},
		},
		{
			name:     "possessor in an apposition after the name",
			text:     "Radomir Sveto waited. Dmitri Valk, Sveto's spokesman, said nothing.",
			mentions: []string{"PER:Radomir Sveto", "PER:Dmitri Valk", "PER:Sveto"},
			roles:    []string{"Dmitri Valk|spokesman|spokesperson"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Extract(tc.text, nil)
			if diff := cmp.Diff(tc.mentions, mentionsOf(r)); diff != "" {
				t.Errorf("mentions (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.roles, rolesOf(r)); diff != "" {
				t.Errorf("roles (-want +got):\n%s", diff)
			}
			checkResult(t, tc.text, nil, r)
		})
	}
}

// TestCanonical: the most frequent multi-word form names a cluster.
func TestCanonical(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string // the cluster whose name starts the list
	}{
		{
			name: "frequency beats length",
			text: "Stephen Holloway arrived. Steve Holloway spoke. Steve Holloway left. Holloway smiled.",
			want: "PER:Steve Holloway=Stephen Holloway,Steve Holloway,Holloway",
		},
		{
			name: "surname alone never names a cluster with a full form",
			text: "Holloway arrived. Holloway spoke. Holloway left. Then Steve Holloway smiled.",
			want: "PER:Steve Holloway=Holloway,Steve Holloway",
		},
		{
			name: "equal counts: more words, then first seen",
			text: "Anna Marie Lund came. Anna Lund spoke.",
			want: "PER:Anna Marie Lund=Anna Marie Lund,Anna Lund",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Extract(tc.text, nil)
			got := clustersOf(r)
			if !slices.Contains(got, tc.want) {
				t.Errorf("clusters %q, want one %q", got, tc.want)
			}
		})
	}
}

// TestExtract_SampleArticles runs over the project's fictional sample
// articles: no country, adjective, facility or outlet is taken for a
// person, and every person holds only the roles the text gives.
func TestExtract_SampleArticles(t *testing.T) {
	files := sampleArticles(t)
	notPeople := []string{"Dravenia", "Dravenian", "Velmora", "Velmoran", "Karstia", "Karstian",
		"Ostra Dam", "Selka River", "Lake Orva", "Baltic Wire", "Brezhin Hydro", "Northgate Times", "Corvia Daily"}
	people := map[string]bool{}
	for name, text := range files {
		r := Extract(text, nil)
		checkResult(t, text, nil, r)
		for _, c := range r.Clusters {
			if c.Type != "PER" {
				continue
			}
			people[c.Name] = true
			for _, a := range c.Aliases {
				for _, np := range notPeople {
					if a == np || strings.HasPrefix(a, np+" ") {
						t.Errorf("%s: %q is a person (cluster %q)", name, a, c.Name)
					}
				}
			}
		}
		for _, ro := range r.Roles {
			if strings.HasSuffix(ro.Text, " of") || strings.Contains(ro.Text, "'s spokesman") {
				t.Errorf("%s: role %q", name, ro.Text)
			}
		}
	}
	for _, p := range []string{"Oleksandr Dorenko", "Radomir Sveto", "Yevgenia Laskaris", "Dmitri Valk", "Anton Brezhin"} {
		if !people[p] {
			t.Errorf("no person cluster %q in the sample articles", p)
		}
	}
}

// sampleArticles reads the embedded sample articles, by file name.
func sampleArticles(t *testing.T) map[string]string {
	t.Helper()
	names, err := fs.Glob(examples.FS(), "*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("no sample articles: %v", err)
	}
	out := map[string]string{}
	for _, n := range names {
		b, err := fs.ReadFile(examples.FS(), n)
		if err != nil {
			t.Fatalf("read sample %s: %v", n, err)
		}
		out[n] = string(b)
	}
	return out
}
