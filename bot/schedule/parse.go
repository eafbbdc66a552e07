package schedule

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Usage is the form of the /subscribe arguments, for error messages and help.
const Usage = "/subscribe HH:MM ZONE [names or words], e.g. /subscribe 08:00 Europe/Berlin witkoff ushakov"

// Limits on a filter, so one chat cannot store an unbounded record.
const (
	MaxFilterTerms = 20
	MaxTermBytes   = 100
)

// ParseArgs parses the arguments of /subscribe into a Subscription with At,
// Zone and Filter set (Platform and ChatID are the caller's).
//
// Grammar: TIME ZONE [FILTER], the time and the zone in either order.
//
//   - TIME: 24-hour "8:00", "08:00", "8.30", or a bare hour "8"; 12-hour
//     "8am", "8:30pm", "8 pm", "8 a.m."; "noon", "midnight". Stored as
//     "HH:MM". "24:00" and seconds are refused.
//   - ZONE: an IANA name ("Europe/Berlin", "America/New_York", "UTC"),
//     matched case-insensitively where the canonical spelling can be
//     guessed ("europe/berlin"). The zone is required: there is no default,
//     because a briefing at the wrong hour is worse than one more word.
//   - FILTER: the rest. When it contains a comma it is split on commas, so
//     names may have several words ("Steve Witkoff, Yuri Ushakov");
//     otherwise on spaces ("witkoff ushakov"). Quotes around a term are
//     dropped, spaces inside collapsed, duplicates (ignoring case) removed;
//     at most MaxFilterTerms terms of MaxTermBytes bytes each.
//
// Errors are meant for the user: they name the bad part and the form. Empty
// args are an error too: the handler shows the current setting (Describe)
// before calling ParseArgs.
func ParseArgs(args string) (Subscription, error) {
	args = sanitize(args)
	fields := strings.Fields(args)
	if len(fields) == 0 {
		return Subscription{}, errors.New("missing time and time zone; usage: " + Usage)
	}
	at := 0
	if !looksLikeTime(fields[0]) {
		// The zone may come first: "Europe/Berlin 08:00".
		if len(fields) < 2 || !looksLikeTime(fields[1]) {
			return Subscription{}, fmt.Errorf("%q is not a time of day; usage: %s", fields[0], Usage)
		}
		if _, err := LoadZone(strings.TrimRight(fields[0], ",")); err != nil {
			return Subscription{}, fmt.Errorf("%q is not a time of day; usage: %s", fields[0], Usage)
		}
		at = 1
	}
	timeTok := strings.TrimRight(fields[at], ",")
	if at+1 < len(fields) && isMeridiem(strings.TrimRight(fields[at+1], ",")) {
		timeTok += strings.TrimRight(fields[at+1], ",")
		fields = append(fields[:at+1:at+1], fields[at+2:]...)
	}
	hhmm, err := parseClock(timeTok)
	if err != nil {
		return Subscription{}, err
	}
	zone := 1 - at
	if zone >= len(fields) {
		return Subscription{}, errors.New("missing time zone; usage: " + Usage)
	}
	loc, err := LoadZone(strings.TrimRight(fields[zone], ","))
	if err != nil {
		return Subscription{}, err
	}
	// A comma right after the zone or time ("Europe/Berlin, witkoff") only
	// separates it from the filter.
	restText := strings.TrimLeft(strings.Join(fields[2:], " "), ", ")
	filter, err := parseFilter(restText)
	if err != nil {
		return Subscription{}, err
	}
	return Subscription{At: hhmm, Zone: loc.String(), Filter: filter}, nil
}

// sanitize drops invalid UTF-8 and turns control characters into spaces.
func sanitize(s string) string {
	s = strings.ToValidUTF8(s, "")
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

func isMeridiem(s string) bool {
	switch strings.ToLower(s) {
	case "am", "pm", "a.m.", "p.m.":
		return true
	}
	return false
}

// looksLikeTime reports whether tok is meant as a time (so that a bad time
// gets a time error rather than a zone error).
func looksLikeTime(tok string) bool {
	switch strings.ToLower(tok) {
	case "noon", "midnight":
		return true
	}
	return tok != "" && tok[0] >= '0' && tok[0] <= '9'
}

// parseClock turns a time token into "HH:MM".
func parseClock(tok string) (string, error) {
	bad := func() (string, error) {
		return "", fmt.Errorf("%q is not a time of day: use 24-hour HH:MM such as 08:00 or 17:30, or 8am, 8:30pm", tok)
	}
	low := strings.ToLower(tok)
	switch low {
	case "noon":
		return "12:00", nil
	case "midnight":
		return "00:00", nil
	}
	mer := ""
	for _, suf := range []string{"a.m.", "p.m.", "am", "pm"} {
		if strings.HasSuffix(low, suf) {
			mer = suf[:1]
			low = strings.TrimSuffix(low, suf)
			break
		}
	}
	hs, ms, found := strings.Cut(low, ":")
	if !found {
		hs, ms, found = strings.Cut(low, ".")
	}
	if !found {
		ms = "00"
	}
	if len(hs) < 1 || len(hs) > 2 || len(ms) != 2 || !digits(hs) || !digits(ms) {
		return bad()
	}
	h, _ := strconv.Atoi(hs)
	m, _ := strconv.Atoi(ms)
	if m > 59 {
		return bad()
	}
	switch mer {
	case "":
		if h > 23 {
			return bad()
		}
	default:
		if h < 1 || h > 12 {
			return bad()
		}
		h %= 12
		if mer == "p" {
			h += 12
		}
	}
	return fmt.Sprintf("%02d:%02d", h, m), nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// clockOf parses a stored "HH:MM" strictly.
func clockOf(at string) (h, m int, err error) {
	if len(at) != 5 || at[2] != ':' || !digits(at[:2]) || !digits(at[3:]) {
		return 0, 0, fmt.Errorf("time %q is not HH:MM", at)
	}
	h, _ = strconv.Atoi(at[:2])
	m, _ = strconv.Atoi(at[3:])
	if h > 23 || m > 59 {
		return 0, 0, fmt.Errorf("time %q is not HH:MM", at)
	}
	return h, m, nil
}

// LoadZone loads an IANA time zone by the name a user typed: exactly, then
// with the usual capitalization ("europe/berlin" → "Europe/Berlin",
// "utc" → "UTC"). "Local" and names with characters no zone has are
// refused. The error is meant for the user.
func LoadZone(name string) (*time.Location, error) {
	bad := fmt.Errorf("%q is not a time zone: use an IANA name such as Europe/Berlin, America/New_York, Asia/Kolkata or UTC", name)
	if name == "" || len(name) > 64 || strings.EqualFold(name, "local") || strings.HasPrefix(name, "/") {
		return nil, bad
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '/' || c == '_' || c == '-' || c == '+') {
			return nil, bad
		}
	}
	if strings.Contains(name, "..") || strings.Contains(name, "//") {
		return nil, bad
	}
	for _, cand := range []string{name, titleZone(name), strings.ToUpper(name)} {
		if loc, err := time.LoadLocation(cand); err == nil {
			return loc, nil
		}
	}
	return nil, bad
}

// titleZone capitalizes each word of a zone name the way the IANA database
// mostly does: "america/new_york" → "America/New_York", "etc/utc" →
// "Etc/UTC", "africa/dar_es_salaam" → "Africa/Dar_es_Salaam".
func titleZone(name string) string {
	var b strings.Builder
	word := 0 // index of the word within the current part
	for i := 0; i < len(name); {
		j := i
		for j < len(name) && name[j] != '/' && name[j] != '_' && name[j] != '-' {
			j++
		}
		w := strings.ToLower(name[i:j])
		switch {
		case w == "utc" || w == "gmt":
			w = strings.ToUpper(w)
		case word > 0 && connectors[w]:
		case w != "":
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
		if j < len(name) {
			b.WriteByte(name[j])
			word++
			if name[j] == '/' {
				word = 0
			}
		}
		i = j + 1
	}
	return b.String()
}

// connectors are the words IANA zone names keep in lower case.
var connectors = map[string]bool{"es": true, "au": true, "of": true, "de": true, "del": true, "da": true}

// parseFilter splits the filter text into terms (see ParseArgs).
func parseFilter(text string) ([]string, error) {
	var raw []string
	if strings.Contains(text, ",") {
		raw = strings.Split(text, ",")
	} else {
		raw = strings.Fields(text)
	}
	var out []string
	seen := map[string]bool{}
	for _, t := range raw {
		t = strings.TrimFunc(strings.Join(strings.Fields(t), " "), func(r rune) bool {
			return unicode.IsSpace(r) || strings.ContainsRune("\"'“”‘’«»", r)
		})
		if t == "" || seen[strings.ToLower(t)] {
			continue
		}
		if len(t) > MaxTermBytes {
			return nil, fmt.Errorf("%.40q… is longer than %d bytes; use shorter names or words", t, MaxTermBytes)
		}
		seen[strings.ToLower(t)] = true
		out = append(out, t)
		if len(out) > MaxFilterTerms {
			return nil, fmt.Errorf("more than %d names or words; use fewer", MaxFilterTerms)
		}
	}
	return out, nil
}
