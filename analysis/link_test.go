package analysis

import "testing"

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
