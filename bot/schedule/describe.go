package schedule

import (
	"strings"
	"time"
)

// Describe tells the chat its subscription in one line, for /subscribe
// without arguments:
//
//	Daily briefing at 08:00 Europe/Berlin (next: Mon 24 Nov 08:00 CET), limited to: witkoff, ushakov
//
// "next" is when the scheduler will deliver it if all goes well ("now" when
// today's is due and not yet sent); it is left out when s does not validate.
func Describe(s Subscription, now time.Time) string {
	var b strings.Builder
	b.WriteString("Daily briefing at " + s.At + " " + s.Zone)
	if hh, mm, loc, err := s.parsed(); err == nil {
		_, at := plan(s, hh, mm, loc, now, s.LastSent)
		if at.After(now) {
			b.WriteString(" (next: " + at.In(loc).Format("Mon 2 Jan 15:04 MST") + ")")
		} else {
			b.WriteString(" (next: now)")
		}
	}
	if len(s.Filter) > 0 {
		b.WriteString(", limited to: " + strings.Join(s.Filter, ", "))
	}
	return b.String()
}
