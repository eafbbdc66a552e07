// Package schedule runs briefbot's daily briefings: "/subscribe 08:00
// Europe/Berlin witkoff" asks for a briefing in a chat every day at that
// local time, optionally limited to some names or words.
//
// The package is platform-neutral: a Subscription names its platform and chat
// as strings, and the briefing itself is built and sent by the Deliver
// function the caller gives to New.
//
// # Use
//
// Wiring: sched := schedule.New(lg, db, deliver, nil) and go sched.Run(ctx)
// (stop it before closing db). The command handlers:
//
//	/subscribe ARGS  s, err := ParseArgs(ARGS) (err is for the user);
//	                 s.Platform, s.ChatID = …; s, err = sched.Subscribe(ctx, s);
//	                 reply Describe(s, now)
//	/subscribe       s, ok, err := Load(ctx, db, platform, chat);
//	                 reply Describe(s, now), or Usage when !ok
//	/unsubscribe     existed, err := sched.Unsubscribe(ctx, platform, chat)
//
// Zone names are resolved with time.LoadLocation, which needs the zone
// database: the program should import time/tzdata so that it does not
// depend on the machine's (a slim container image has none).
//
// # Storage
//
// Subscriptions live in the Store's "subscriptions" bucket, one JSON record
// per chat:
//
//	subscriptions
//	  "<platform>:<chat id>" → {"v":1, "platform", "chat", "at":"08:00",
//	                            "zone":"Europe/Berlin", "filter":[…],
//	                            "last_sent":"2026-03-29", "last_at", "changed"}
//
// The package imports storage only for its KV type, so that *storage.DB
// satisfies Store as it is; it uses nothing else of it.
//
// # Rules
//
// A chat gets at most one briefing per local day (the day in its own zone),
// and the day is recorded (LastSent) only once the briefing was delivered.
//
//   - Local time: each run is computed with time.LoadLocation on the day's
//     date. A time that does not exist on a spring-forward day (02:30 in
//     Berlin on the last Sunday of March) runs at the first instant after
//     it (03:00 CEST); a time that occurs twice on a fall-back day runs at
//     its first occurrence, once.
//   - Missed runs: a briefing whose time passed while the bot was down is
//     sent as soon as the scheduler starts if it is still that local day;
//     an earlier day's is skipped with a log line (no flood of old
//     briefings after a long outage).
//   - Failures: a failed (or panicking) delivery is retried after 30 s, 1 m,
//     2 m, 4 m, 8 m, then every 15 m until the local day ends, after which
//     that day is given up with a log line. Deliver may return an error
//     wrapped with Permanent to stop retrying for the day.
//   - Changes: a new or re-timed subscription (Changed) owes no run whose
//     instant is at or before the change: subscribing at 10:00 for 08:00
//     starts tomorrow, not at once.
//   - Reloads: the scheduler re-reads the store every loop (at least every
//     5 minutes) and at once after Wake, so changes need no restart.
package schedule

import (
	"context"
	"errors"
	"time"
)

// Subscription is one chat's daily briefing.
type Subscription struct {
	Platform string   // "slack", "telegram", "console"; no ':'
	ChatID   string   // the platform's chat id
	At       string   // local time of day, 24 h "HH:MM" ("08:00")
	Zone     string   // IANA zone name ("Europe/Berlin", "UTC")
	Filter   []string // names or words the briefing is limited to; empty: all
	// LastSent is the local date ("2006-01-02", in Zone) of the last
	// delivered briefing, "" if none.
	LastSent string
	// LastAt is when the last briefing was delivered: the next one covers
	// what arrived since then. Zero if none.
	LastAt time.Time
	// Changed is when At or Zone were last set (by Subscribe): runs at or
	// before it are not owed. Zero means every run is owed.
	Changed time.Time
}

// Key is the subscription's store key, Platform+":"+ChatID.
func (s Subscription) Key() string { return key(s.Platform, s.ChatID) }

func key(platform, chat string) string { return platform + ":" + chat }

// Deliver builds the briefing for s covering what arrived between since and
// now, and sends it to the chat. It returns nil once the chat has it (or when
// it chose to send nothing): the local day then counts as done. An error
// makes the scheduler retry later the same day; wrap it with Permanent to
// give up on the day at once (for instance when the bot was removed from the
// chat). Deliver should honour ctx; it may be called from several goroutines
// at once for different chats.
type Deliver func(ctx context.Context, s Subscription, since, now time.Time) error

// Permanent marks a delivery error as not worth retrying today.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanentError{err}
}

type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

// IsPermanent reports whether err was wrapped with Permanent.
func IsPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}

// Clock is the scheduler's view of time, replaced by a fake in tests.
type Clock interface {
	Now() time.Time
	// After returns a channel that receives the time once d has passed.
	After(d time.Duration) <-chan time.Time
}

// RealClock returns the system clock.
func RealClock() Clock { return realClock{} }

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }
