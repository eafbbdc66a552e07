package analysis

import "strings"

// actionClasses maps the trigger words of happenings to a small set of
// classes. Reports of the same happening use different words ("met",
// "talks", "a three-hour conversation"); the class is what is compared.
var actionClasses = map[string]string{
	"meet": "meet", "met": "meet", "meets": "meet", "meeting": "meet", "meetings": "meet",
	"talks": "meet", "talk": "meet", "talked": "meet", "conversation": "meet", "conversations": "meet",
	"discussion": "meet", "discussions": "meet", "discussed": "meet", "negotiations": "meet",
	"negotiated": "meet", "hosted": "meet", "received": "meet", "sat down": "meet", "consultations": "meet",
	"encounter": "meet", "session": "meet", "sessions": "meet",
	"summit": "summit", "summits": "summit",
	"call": "call", "called": "call", "phone call": "call", "phoned": "call", "spoke by phone": "call",
	"telephone conversation": "call", "phone conversation": "call", "phone conversations": "call",
	"phone talks": "call", "spoke by telephone": "call",
	"visit": "visit", "visited": "visit", "visits": "visit", "trip": "visit", "travelled": "visit",
	"traveled": "visit", "arrived": "visit", "arrive": "visit", "arrives": "visit", "flew": "visit", "go": "visit",
	"deadline": "deadline", "ultimatum": "deadline",
	"signed": "sign", "sign": "sign", "signing": "sign", "agreement": "agree", "agreed": "agree", "deal": "agree",
	"announced": "announce", "announcement": "announce", "announce": "announce", "unveiled": "announce",
	"sanctions": "sanction", "sanctioned": "sanction", "tariffs": "sanction",
	"elected": "elect", "election": "elect", "vote": "vote", "voted": "vote", "referendum": "vote",
	"attack": "attack", "attacked": "attack", "strike": "attack", "strikes": "attack", "struck": "attack",
	"killed": "attack", "bombing": "attack", "explosion": "attack",
	"resigned": "resign", "resignation": "resign", "appointed": "appoint", "named": "appoint",
	"nominated": "appoint", "fired": "dismiss", "dismissed": "dismiss", "sacked": "dismiss",
	"arrested": "arrest", "detained": "arrest", "charged": "charge", "indicted": "charge",
	"sentenced": "sentence", "convicted": "sentence", "released": "release", "freed": "release",
	"launched": "launch", "launch": "launch", "opened": "open", "closed": "close",
	"briefed": "brief", "informed": "brief", "briefing": "brief",
	"statement": "state", "declared": "state",
	"protest": "protest", "protests": "protest", "protested": "protest", "rally": "protest",
	"ceasefire": "ceasefire", "truce": "ceasefire",
	"hearing": "hearing", "testified": "hearing", "trial": "hearing",
	"approved": "decide", "approves": "decide", "adopted": "decide", "passed": "decide", "rejected": "decide",
	"vetoed": "decide", "ratified": "decide", "endorsed": "decide", "banned": "decide", "suspended": "decide",
	"conference": "conference", "forum": "conference", "congress": "conference",
	"news conference": "press", "press conference": "press", "briefed reporters": "press",
	"spent": "", "spends": "", "spend": "",
}

// ActionClass returns the class of a trigger word or phrase, or "" when it
// names no happening briefbot knows.
func ActionClass(trigger string) string {
	return actionClasses[strings.ToLower(strings.TrimSpace(trigger))]
}

// compatibleActions reports whether two action classes may describe the same
// happening: equal, or a meeting and a summit/visit (a visit usually is the
// meeting: "Witkoff's visit", "met Putin").
func compatibleActions(a, b string) bool {
	if a == b {
		return true
	}
	pair := func(x, y string) bool { return (a == x && b == y) || (a == y && b == x) }
	return pair("meet", "summit") || pair("meet", "visit")
}
