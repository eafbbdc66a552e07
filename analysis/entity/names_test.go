package entity

import "testing"

func TestFirstNameVariants(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Steve", "Stephen", true},
		{"Steven", "Stephen", true},
		{"Yuri", "Yuriy", true},
		{"Yury", "Iurii", true},
		{"Yurii", "Yuri", true},
		{"Mohammed", "Muhammad", true},
		{"Alexander", "Aleksandr", true},
		{"Alex", "Alexander", true},
		{"Oleksandr", "Alexander", true},
		{"Dmitry", "Dmytro", true},
		{"Sergei", "Serhiy", true},
		{"Gennady", "Gennadiy", true},
		{"D.", "Donald", true},
		{"stephen", "STEVE", true},
		{"José", "Jose", true},
		{"Steve", "Daniel", false},
		{"Anna", "Anton", false},
		{"Yuri", "Yulia", false},
		{"Alexander", "Alexandra", false},
		{"", "Steve", false},
	}
	for _, tc := range tests {
		t.Run(tc.a+"/"+tc.b, func(t *testing.T) {
			if got := FirstNameVariants(tc.a, tc.b); got != tc.want {
				t.Errorf("FirstNameVariants(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
			if got := FirstNameVariants(tc.b, tc.a); got != tc.want {
				t.Errorf("not symmetric for %q, %q", tc.b, tc.a)
			}
		})
	}
}

func TestSameName(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Steve Holloway", "Stephen Holloway", true},
		{"Yuri Belenko", "Yuriy Belenko", true},
		{"Holloway", "Steve Holloway", true},
		{"Mr. Holloway", "Steve Holloway", true},
		{"Steve Holloway", "Steve Hollowey", true},          // one edit
		{"Yuri Belenko", "Yury Belneko", true},              // transposition
		{"Volodymyr Zelensky", "Volodymyr Zelenskyy", true}, // transliteration
		{"Daniel J. Marsh", "Daniel Marsh", true},
		{"D. Marsh", "Daniel Marsh", true},
		{"Anna Marsh", "Daniel Marsh", false},
		{"Steve Holloway", "Steve Galloway", false},
		{"Ivan Lee", "Ivan Leo", false}, // short surnames must match exactly
		{"", "Marsh", false},
	}
	for _, tc := range tests {
		t.Run(tc.a+"/"+tc.b, func(t *testing.T) {
			if got := SameName(tc.a, tc.b); got != tc.want {
				t.Errorf("SameName(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
			if got := SameName(tc.b, tc.a); got != tc.want {
				t.Errorf("not symmetric for %q, %q", tc.b, tc.a)
			}
		})
	}
}

func TestOneEdit(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Witkoff", "Whitkoff", true},  // insertion
		{"Ushakov", "Usahkov", true},   // transposition
		{"Holloway", "Hollowey", true}, // substitution
		{"Belenko", "Belnko", true},    // deletion
		{"belenko", "BELENKO", false},  // equal is not one edit
		{"Marsh", "March", true},
		{"Lee", "Leo", false},           // too short
		{"Marsh", "Mars", false},        // "Mars" has 4 letters
		{"Holloway", "Galloway", false}, // two edits
		{"Ushakov", "Uhsakvo", false},
		{"abcde", "badce", false}, // two transpositions
	}
	for _, tc := range tests {
		t.Run(tc.a+"/"+tc.b, func(t *testing.T) {
			if got := OneEdit(tc.a, tc.b); got != tc.want {
				t.Errorf("OneEdit(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
			if got := OneEdit(tc.b, tc.a); got != tc.want {
				t.Errorf("not symmetric for %q, %q", tc.b, tc.a)
			}
		})
	}
}

func TestCountryOf(t *testing.T) {
	for in, want := range map[string]string{"Uzbek": "Uzbekistan", "American": "United States", "kazakh": "Kazakhstan", "Ukrainian": "Ukraine", "Marsh": ""} {
		if got := CountryOf(in); got != want {
			t.Errorf("CountryOf(%q) = %q, want %q", in, got, want)
		}
	}
}
