package schedule

import (
	"strings"
	"testing"
	_ "time/tzdata" // the same zone rules on every machine

	"github.com/google/go-cmp/cmp"
)

func TestParseArgs(t *testing.T) {
	tests := []struct {
		in      string
		want    Subscription
		wantErr string // a part of the error; "" for success
	}{
		{in: "08:00 Europe/Berlin", want: Subscription{At: "08:00", Zone: "Europe/Berlin"}},
		{in: "8:00 Europe/Berlin", want: Subscription{At: "08:00", Zone: "Europe/Berlin"}},
		{in: "8 UTC", want: Subscription{At: "08:00", Zone: "UTC"}},
		{in: "17.45 Asia/Kolkata", want: Subscription{At: "17:45", Zone: "Asia/Kolkata"}},
		{in: "8am America/New_York", want: Subscription{At: "08:00", Zone: "America/New_York"}},
		{in: "8:30pm America/New_York", want: Subscription{At: "20:30", Zone: "America/New_York"}},
		{in: "8:30 PM America/New_York", want: Subscription{At: "20:30", Zone: "America/New_York"}},
		{in: "8 p.m. America/New_York", want: Subscription{At: "20:00", Zone: "America/New_York"}},
		{in: "12am UTC", want: Subscription{At: "00:00", Zone: "UTC"}},
		{in: "12pm UTC", want: Subscription{At: "12:00", Zone: "UTC"}},
		{in: "noon UTC", want: Subscription{At: "12:00", Zone: "UTC"}},
		{in: "Midnight UTC", want: Subscription{At: "00:00", Zone: "UTC"}},
		{in: "00:00 utc", want: Subscription{At: "00:00", Zone: "UTC"}},
		{in: "23:59 etc/utc", want: Subscription{At: "23:59", Zone: "Etc/UTC"}},
		{in: "7:05 europe/berlin", want: Subscription{At: "07:05", Zone: "Europe/Berlin"}},
		{in: "7:05 AMERICA/NEW_YORK", want: Subscription{At: "07:05", Zone: "America/New_York"}},
		{in: "7:05 africa/dar_es_salaam", want: Subscription{At: "07:05", Zone: "Africa/Dar_es_Salaam"}},
		{in: "7:05 america/port-au-prince", want: Subscription{At: "07:05", Zone: "America/Port-au-Prince"}},
		{in: "Europe/Berlin 08:00 kowalski", want: Subscription{At: "08:00", Zone: "Europe/Berlin", Filter: []string{"kowalski"}}},
		{
			in:   "  08:00   Europe/Berlin  kowalski  Varga  kowalski ",
			want: Subscription{At: "08:00", Zone: "Europe/Berlin", Filter: []string{"kowalski", "Varga"}},
		},
		{
			in:   "08:00 Europe/Berlin, Anna Kowalski, Dmitri  Varga,, ",
			want: Subscription{At: "08:00", Zone: "Europe/Berlin", Filter: []string{"Anna Kowalski", "Dmitri Varga"}},
		},
		{
			in:   "08:00 Europe/Berlin \"Anna Kowalski\",  «Lake Tarn»",
			want: Subscription{At: "08:00", Zone: "Europe/Berlin", Filter: []string{"Anna Kowalski", "Lake Tarn"}},
		},
		{
			in:   "08:00 Europe/Berlin Varga VARGA varga",
			want: Subscription{At: "08:00", Zone: "Europe/Berlin", Filter: []string{"Varga"}},
		},
		{in: "", wantErr: "missing time and time zone"},
		{in: "   ", wantErr: "usage: /subscribe HH:MM ZONE"},
		{in: "25:00 Europe/Berlin", wantErr: `"25:00" is not a time of day`},
		{in: "24:00 Europe/Berlin", wantErr: `"24:00" is not a time of day`},
		{in: "08:60 Europe/Berlin", wantErr: `"08:60" is not a time of day`},
		{in: "08:00:00 Europe/Berlin", wantErr: "not a time of day"},
		{in: "8:5 Europe/Berlin", wantErr: "not a time of day"},
		{in: "13pm Europe/Berlin", wantErr: `"13pm" is not a time of day`},
		{in: "0am Europe/Berlin", wantErr: "not a time of day"},
		{in: "123 Europe/Berlin", wantErr: "not a time of day"},
		{in: "08:00 Mars/Base", wantErr: `"Mars/Base" is not a time zone`},
		{in: "08:00 Local", wantErr: `"Local" is not a time zone`},
		{in: "08:00 ../../etc/passwd", wantErr: "is not a time zone"},
		{in: "08:00 /etc/localtime", wantErr: "is not a time zone"},
		{in: "08:00", wantErr: "missing time zone; usage: /subscribe"},
		{in: "08:00 kowalski", wantErr: `"kowalski" is not a time zone`},
		{in: "kowalski 08:00", wantErr: `"kowalski" is not a time of day`},
		{in: "daily", wantErr: `"daily" is not a time of day; usage`},
		{in: "08:00 UTC " + strings.Repeat("x", MaxTermBytes+1), wantErr: "longer than"},
		{in: "08:00 UTC " + manyWords(MaxFilterTerms+1), wantErr: "more than 20"},
		{in: "08:00 UTC " + manyWords(MaxFilterTerms), want: Subscription{At: "08:00", Zone: "UTC", Filter: strings.Fields(manyWords(MaxFilterTerms))}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseArgs(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseArgs(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseArgs(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseArgs(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func manyWords(n int) string {
	var w []string
	for i := range n {
		w = append(w, "w"+string(rune('a'+i)))
	}
	return strings.Join(w, " ")
}

// format writes s back as /subscribe arguments.
func format(s Subscription) string {
	out := s.At + " " + s.Zone
	if len(s.Filter) > 0 {
		out += " " + strings.Join(s.Filter, ", ") + ","
	}
	return out
}

func FuzzParseArgs(f *testing.F) {
	for _, s := range []string{
		"08:00 Europe/Berlin", "8:30pm America/New_York kowalski varga", "Europe/Berlin 8 am",
		"08:00 UTC Anna Kowalski, Varga", "25:00 Mars/Base", "08:00", "", "noon etc/utc \"x\"",
		"8 a.m. asia/kolkata ,,", "\x00 08:00\tUTC\xff", "12:00 ../x", "7 Europe/Berlin, a",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ParseArgs(in)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		// A parsed subscription is valid once it has a chat, and it
		// survives being written back and parsed again.
		s.Platform, s.ChatID = "console", "c"
		if err := s.Validate(); err != nil {
			t.Fatalf("ParseArgs(%q) = %+v, which does not validate: %v", in, s, err)
		}
		s.Platform, s.ChatID = "", ""
		again, err := ParseArgs(format(s))
		if err != nil {
			t.Fatalf("ParseArgs(%q) = %+v; parsing %q again: %v", in, s, format(s), err)
		}
		if diff := cmp.Diff(s, again); diff != "" {
			t.Fatalf("ParseArgs(%q) then ParseArgs(%q) (-first +second):\n%s", in, format(s), diff)
		}
		if len(s.Filter) > MaxFilterTerms {
			t.Fatalf("%d filter terms", len(s.Filter))
		}
	})
}
