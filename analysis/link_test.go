package analysis

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLink(t *testing.T) {
	known := []Entity{
		{ID: 1, Name: "Steve Witkoff", Type: PER, Aliases: []string{"Steve Witkoff", "Witkoff"}, Peers: []uint64{7}},
		{ID: 2, Name: "Yuri Ushakov", Type: PER, Aliases: []string{"Yuri Ushakov", "Ushakov"}, Peers: []uint64{7}},
		{ID: 3, Name: "Moscow", Type: LOC, Aliases: []string{"Moscow"}},
	}
	tests := []struct {
		name  string
		local Entity
		peers []uint64
		want  uint64 // 0: a new entity
	}{
		{"same full name", Entity{Name: "Steve Witkoff", Type: PER, Aliases: []string{"Steve Witkoff"}}, nil, 1},
		{"first-name variant", Entity{Name: "Stephen Witkoff", Type: PER, Aliases: []string{"Stephen Witkoff"}}, nil, 1},
		{"surname alone", Entity{Name: "Witkoff", Type: PER, Aliases: []string{"Witkoff"}}, nil, 1},
		{"transliteration", Entity{Name: "Yuriy Ushakov", Type: PER, Aliases: []string{"Yuriy Ushakov"}}, nil, 2},
		{"other first name", Entity{Name: "Anna Witkoff", Type: PER, Aliases: []string{"Anna Witkoff"}}, nil, 0},
		{"misspelling in context", Entity{Name: "Usahkov", Type: PER, Aliases: []string{"Usahkov"}}, []uint64{7}, 2},
		{"misspelling out of context", Entity{Name: "Usahkov", Type: PER, Aliases: []string{"Usahkov"}}, []uint64{99}, 0},
		{"place", Entity{Name: "Moscow", Type: LOC, Aliases: []string{"Moscow"}}, nil, 3},
		{"other type", Entity{Name: "Moscow", Type: ORG, Aliases: []string{"Moscow"}}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Link(tt.local, known, tt.peers)
			if !ok {
				got = 0
			}
			if got != tt.want {
				t.Errorf("Link = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestLink_LegalSuffix(t *testing.T) {
	known := []Entity{{ID: 9, Name: "Apple", Type: ORG, Aliases: []string{"Apple"}}}
	local := Entity{Name: "Apple Inc.", Type: ORG, Aliases: []string{"Apple Inc."}}
	if id, ok := Link(local, known, nil); !ok || id != 9 {
		t.Errorf("Apple Inc. → %d, %v; want the known Apple", id, ok)
	}
	if id, ok := Link(Entity{Name: "Apple Records", Type: ORG, Aliases: []string{"Apple Records"}}, known, nil); ok {
		t.Errorf("Apple Records linked to %d", id)
	}
}

func TestLink_Variants(t *testing.T) {
	org := func(id uint64, names ...string) Entity {
		return Entity{ID: id, Name: names[0], Type: ORG, Aliases: names}
	}
	loc := func(id uint64, names ...string) Entity {
		return Entity{ID: id, Name: names[0], Type: LOC, Aliases: names}
	}
	misc := func(id uint64, names ...string) Entity {
		return Entity{ID: id, Name: names[0], Type: MISC, Aliases: names}
	}
	per := func(id uint64, names ...string) Entity {
		return Entity{ID: id, Name: names[0], Type: PER, Aliases: names}
	}
	withPeers := func(e Entity, peers ...uint64) Entity { e.Peers = peers; return e }
	tests := []struct {
		name  string
		known []Entity
		local Entity
		peers []uint64
		want  uint64 // 0: a new entity
	}{
		// places
		{"U.S. for United States", []Entity{loc(1, "United States")}, loc(0, "U.S."), nil, 1},
		{"America for US", []Entity{loc(1, "US")}, loc(0, "America"), nil, 1},
		{"Britain for U.K.", []Entity{loc(1, "U.K.")}, loc(0, "Britain"), nil, 1},
		{"initials of a place", []Entity{loc(1, "New Varna")}, loc(0, "NV"), nil, 1},
		{"town is not the club", []Entity{org(1, "Dunmore Rovers")}, loc(0, "Dunmore"), nil, 0},
		{"club is not the town", []Entity{loc(1, "Dunmore")}, org(0, "Dunmore"), nil, 0},
		{"club short name beside a known town", []Entity{loc(1, "Dunmore"), org(2, "Dunmore Rovers")}, org(0, "Dunmore"), nil, 0},
		// organisations
		{"legal form", []Entity{org(1, "Velk Orbital Systems")}, org(0, "Velk Orbital Systems Ltd."), nil, 1},
		{"leading the", []Entity{org(1, "The Daily Lumen")}, org(0, "Daily Lumen"), nil, 1},
		{"acronym for the full name", []Entity{org(1, "Velk Orbital Systems")}, org(0, "VOS"), nil, 1},
		{"full name for the acronym", []Entity{org(1, "VOS")}, org(0, "Velk Orbital Systems Inc."), nil, 1},
		{"initials with a connector", []Entity{org(1, "Bank of Tarnow")}, org(0, "BOT"), nil, 1},
		{"capitalized word is no acronym", []Entity{org(1, "Velk Orbital Systems")}, org(0, "Vos"), nil, 0},
		{"two names with the same initials", []Entity{org(1, "Velk Orbital Systems")}, org(0, "Vantor Ocean Shipping"), nil, 0},
		{"acronym of two known names", []Entity{org(1, "Velk Orbital Systems"), org(2, "Vantor Ocean Shipping")}, org(0, "VOS"), nil, 0},
		{"acronym of two, one in context", []Entity{org(1, "Velk Orbital Systems"), withPeers(org(2, "Vantor Ocean Shipping"), 50)}, org(0, "VOS"), []uint64{50}, 2},
		{"spaces and hyphens", []Entity{org(1, "Tam-Rock")}, org(0, "Tamrock"), nil, 1},
		{"spaces in a product", []Entity{{ID: 1, Name: "Zen OS X", Type: MISC, Aliases: []string{"Zen OS X"}}}, Entity{Name: "Zen OSX", Type: MISC, Aliases: []string{"Zen OSX"}}, nil, 1},
		{"first word of the one full name", []Entity{org(1, "Korvath Motors")}, org(0, "Korvath"), nil, 1},
		{"first word of two full names", []Entity{org(1, "Korvath Motors"), org(2, "Korvath Bank")}, org(0, "Korvath"), nil, 0},
		{"first word of two, one in context", []Entity{org(1, "Korvath Motors"), withPeers(org(2, "Korvath Bank"), 50)}, org(0, "Korvath"), []uint64{50}, 2},
		{"generic first word", []Entity{org(1, "National Lumen Bank")}, org(0, "National"), nil, 0},
		{"full name is not the known one-word name", []Entity{org(1, "Lumora")}, org(0, "Lumora Records"), nil, 0},
		{"other full name sharing the short name", []Entity{org(1, "Lumora Computer", "Lumora")}, org(0, "Lumora Foods", "Lumora"), nil, 0},
		{"short name of a known full name", []Entity{org(1, "Lumora Computer", "Lumora")}, org(0, "Lumora"), nil, 1},
		{"the right one of two sharing a short name", []Entity{org(1, "Lumora Computer", "Lumora"), org(2, "Lumora Foods")}, org(0, "Lumora Foods", "Lumora"), nil, 2},
		{"the one named so, not the one that took the name as an alias", []Entity{org(1, "Lumora Computer", "Lumora", "Lumora Foods"), org(2, "Lumora Foods")}, org(0, "Lumora Foods"), nil, 2},
		{"plural in context", []Entity{withPeers(misc(1, "Lumphone"), 50)}, misc(0, "Lumphones"), []uint64{50}, 1},
		{"plural out of context", []Entity{misc(1, "Lumphone")}, misc(0, "Lumphones"), nil, 0},
		{"one letter off a short product", []Entity{withPeers(misc(1, "iPad"), 50)}, misc(0, "iPod"), []uint64{50}, 0},
		{"one letter off a model number", []Entity{withPeers(misc(1, "Zen 3"), 50)}, misc(0, "Zen 3S"), []uint64{50}, 0},
		{"misspelt long name in context", []Entity{withPeers(org(1, "Halvorsen Mining"), 50)}, org(0, "Halvorson Mining"), []uint64{50}, 1},
		{"person is not the company", []Entity{org(1, "Brenn")}, per(0, "Ada Brenn"), nil, 0},
		// people
		{"surname of one known person", []Entity{per(1, "Ada Brenn")}, per(0, "Brenn"), nil, 1},
		{"surname of two known people", []Entity{per(1, "Ada Brenn"), per(2, "Tomas Brenn")}, per(0, "Brenn"), nil, 0},
		{"surname of two, one in context", []Entity{per(1, "Ada Brenn"), withPeers(per(2, "Tomas Brenn"), 50)}, per(0, "Brenn"), []uint64{50}, 2},
		{"full name among namesakes", []Entity{per(1, "Ada Brenn"), per(2, "Tomas Brenn")}, per(0, "Tomas Brenn"), nil, 2},
		{"surname alone among namesakes", []Entity{per(1, "Ada Brenn"), per(2, "Tomas Brenn"), per(3, "Brenn")}, per(0, "Ivo Brenn"), nil, 0},
		{"surname alone among namesakes, in context", []Entity{per(1, "Ada Brenn"), withPeers(per(3, "Brenn"), 50)}, per(0, "Ivo Brenn"), []uint64{50}, 3},
		{"same surname, other person", []Entity{per(1, "Ada Brenn", "Brenn")}, per(0, "Ivo Brenn"), nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Link(tt.local, tt.known, tt.peers)
			if !ok {
				got = 0
			}
			if got != tt.want {
				t.Errorf("Link = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestLinkKeys(t *testing.T) {
	tests := []struct {
		e    Entity
		want []string
	}{
		{Entity{Name: "Ada Brenn", Type: PER, Aliases: []string{"Ada Brenn"}}, []string{"ada brenn", "brenn"}},
		{Entity{Name: "U.S.", Type: LOC, Aliases: []string{"U.S."}}, []string{"us", "united states"}},
		{Entity{Name: "The Velk Orbital Systems Co.", Type: ORG}, []string{"the velk orbital systems co", "velk orbital systems", "vos", "velkorbitalsystems"}},
		{Entity{Name: "Bank of Tarnow", Type: ORG}, []string{"bank of tarnow", "bot", "bt", "bankoftarnow"}},
	}
	for _, tt := range tests {
		t.Run(tt.e.Name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, LinkKeys(tt.e)); diff != "" {
				t.Errorf("LinkKeys (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzLink checks that any name links to itself and that keys are clean.
func FuzzLink(f *testing.F) {
	for _, s := range []string{"Ada Brenn", "U.S.", "The Velk Co.", "Bank of Tarnow", "", "  ", "Ö'Brien-Łukasz", "A.B.C."} {
		f.Add(s, "ORG")
		f.Add(s, "PER")
	}
	f.Fuzz(func(t *testing.T, name, typ string) {
		e := Entity{ID: 7, Name: name, Type: EntityType(typ), Aliases: []string{name}}
		for _, k := range append(LinkKeys(e), FuzzyKeys(e)...) {
			if k == "" {
				t.Fatalf("empty key for %q", name)
			}
		}
		id, ok := Link(e, []Entity{e}, nil)
		if NormalizeName(name) != "" && (!ok || id != 7) {
			t.Errorf("%s %q does not link to itself: %d, %v", typ, name, id, ok)
		}
	})
}
