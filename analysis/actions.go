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
	if a == b || a != "" && actionStem(a) == actionStem(b) {
		return true
	}
	pair := func(x, y string) bool { return (a == x && b == y) || (a == y && b == x) }
	return pair("meet", "summit") || pair("meet", "visit")
}

// Beyond actionClasses, the words that tell a happening in any domain
// (products launched, companies sold, executives resigned), used by
// moreEvents. Their class is their lemma ("sold" → "sell").
var (
	// irregularPast are past forms that do not end in -ed, with their lemma.
	irregularPast = map[string]string{
		"sold": "sell", "bought": "buy", "won": "win", "lost": "lose", "made": "make", "took": "take",
		"began": "begin", "fell": "fall", "rose": "rise", "left": "leave", "led": "lead", "built": "build",
		"brought": "bring", "came": "come", "went": "go", "gave": "give", "held": "hold", "kept": "keep",
		"paid": "pay", "ran": "run", "sent": "send", "showed": "show", "shown": "show", "spent": "spend",
		"wrote": "write", "fought": "fight", "grew": "grow", "became": "become", "found": "find",
		"born": "born", "died": "die", "underwent": "undergo", "sought": "seek", "chose": "choose", "broke": "break",
		"drew": "draw", "froze": "freeze", "shut": "shut", "sank": "sink", "slid": "slide",
		"stole": "steal", "threw": "throw", "withdrew": "withdraw", "overtook": "overtake", "forgave": "forgive",
		// past participles that do not end in -ed: "has undergone", "was taken"
		"undergone": "undergo", "taken": "take", "given": "give", "begun": "begin", "chosen": "choose",
		"fallen": "fall", "risen": "rise", "grown": "grow", "written": "write", "withdrawn": "withdraw",
		"overtaken": "overtake", "sunk": "sink", "frozen": "freeze",
	}
	// presentEvents are present-tense forms that tell a happening in news
	// ("Apple sells", "the store launches"), with their lemma.
	presentEvents = map[string]string{
		"sells": "sell", "buys": "buy", "unveils": "unveil", "launches": "launch", "announces": "announce",
		"releases": "release", "introduces": "introduce", "acquires": "acquire", "opens": "open",
		"closes": "close", "wins": "win", "loses": "lose", "sues": "sue", "files": "file", "signs": "sign",
		"cuts": "cut", "raises": "raise", "falls": "fall", "rises": "rise", "drops": "drop", "gains": "gain",
		"resigns": "resign", "leaves": "leave", "returns": "return", "offers": "offer", "plans": "plan",
		"agrees": "agree", "reports": "report", "passes": "pass", "expands": "expand",
		"climbs": "climb", "slides": "slide", "plunges": "plunge", "rallies": "rally", "tumbles": "tumble",
		"surges": "surge", "jumps": "jump", "declines": "decline", "slips": "slip", "soars": "soar",
		"sinks": "sink", "ends": "end", "finishes": "finish", "recovers": "recover", "rebounds": "rebound",
	}
	// baseEvents are base forms that tell a (planned) happening after "to"
	// or a modal ("will launch", "to leave").
	baseEvents = map[string]bool{
		"sell": true, "buy": true, "unveil": true, "launch": true, "announce": true, "release": true,
		"introduce": true, "acquire": true, "open": true, "close": true, "win": true, "lose": true,
		"sue": true, "file": true, "sign": true, "cut": true, "raise": true, "leave": true, "return": true,
		"resign": true, "ship": true, "merge": true, "expand": true, "build": true, "hire": true,
		"fire": true, "reduce": true, "discontinue": true, "proceed": true, "offer": true, "step": true,
	}
	// eventNouns are nouns that name a happening.
	eventNouns = map[string]string{
		"launch": "launch", "release": "release", "sale": "sell", "sales": "sell", "merger": "merge",
		"acquisition": "acquire", "takeover": "acquire", "order": "order", "orders": "order",
		"delivery": "deliver", "deliveries": "deliver", "contract": "contract", "bid": "bid",
		"loss": "lose", "losses": "lose", "profit": "profit", "profits": "profit", "decline": "decline",
		"crash": "crash", "bankruptcy": "bankruptcy", "bailout": "bailout", "keynote": "keynote",
		"speech": "speech", "invitation": "invite", "appearance": "appear", "decision": "decide",
		"lawsuit": "sue", "suit": "sue", "ruling": "rule", "absence": "leave", "recall": "recall",
		"layoffs": "lay off", "collapse": "collapse", "dispute": "dispute", "reduction": "reduce",
		"pre-orders": "order", "debut": "debut", "introduction": "introduce", "purchase": "buy",
		"purchases": "buy", "investment": "invest", "settlement": "settle",
		// what befalls people and companies, and what markets do, told by a noun
		"death": "die", "leave": "leave", "absences": "leave", "development": "develop",
		"demand": "demand", "breach": "breach", "growth": "grow", "production": "produce", "delay": "delay",
		"delays": "delay", "shipments": "ship", "expansion": "expand", "closure": "close", "closures": "close",
		"drop": "drop", "rise": "rise", "jump": "jump", "plunge": "plunge", "surge": "surge", "slump": "slump",
		"downturn": "decline", "recovery": "recover", "restructuring": "restructure", "cutbacks": "cut",
	}
	// ingLemmas are the verbs whose -ing form tells a happening when it
	// is a verb ("is selling", "fighting cancer since 2004", "…, saying
	// that"): the lemmas of the tables above and these.
	ingLemmas = map[string]bool{
		"say": true, "introduce": true, "unveil": true, "launch": true, "sell": true, "buy": true,
		"fight": true, "hint": true, "reveal": true, "announce": true, "cut": true,
		"fall": true, "rise": true, "drop": true, "gain": true, "climb": true, "slide": true, "plunge": true,
		"rally": true, "tumble": true, "surge": true, "jump": true, "decline": true, "slip": true,
		"soar": true, "sink": true, "lose": true, "win": true, "acquire": true, "merge": true,
		"release": true, "offer": true, "ship": true, "deliver": true, "file": true,
		"sue": true, "seek": true, "close": true, "open": true, "hire": true, "fire": true, "reduce": true,
		"raise": true, "add": true, "leave": true, "return": true, "resign": true, "step": true,
		"expand": true, "invest": true, "develop": true, "produce": true, "fly": true,
		"promote": true, "succeed": true, "replace": true, "warn": true, "report": true,
		"negotiate": true, "discuss": true, "push": true, "pay": true, "borrow": true, "lend": true,
		"lower": true, "trade": true, "recover": true, "rebound": true, "boost": true, "restructure": true,
		"compete": true, "struggle": true, "sign": true, "show": true, "take": true, "walk": true,
		"talk": true, "visit": true, "attend": true, "bid": true, "bail": true, "shed": true,
	}
	// reportingVerbs tell that somebody spoke: a quote's happening.
	reportingVerbs = map[string]bool{
		"said": true, "says": true, "told": true, "added": true, "noted": true, "stated": true,
		"explained": true, "stressed": true, "commented": true, "remarked": true, "admitted": true,
		"described": true, "claimed": true, "insisted": true, "argued": true, "wrote": true,
	}
	// notEvents are -ed words that seldom tell a happening.
	notEvents = map[string]bool{
		"based": true, "used": true, "united": true, "limited": true, "related": true, "advanced": true,
		"detailed": true, "indeed": true, "hundred": true, "need-based": true, "interested": true,
		"concerned": true, "supposed": true, "allowed": true, "required": true, "called": true,
		"expected": true, "estimated": true, "reported": true, "reportedly": true, "unnamed": true,
		"unexpected": true, "unlimited": true, "unrelated": true, "listed": true, "priced": true,
		"armed": true, "skilled": true, "talented": true, "noted": false, "aged": true, "tired": true,
		"pleased": true, "surprised": true, "excited": true, "dedicated": true, "embed": true,
		"succeed": true, "proceed": true, "exceed": true, "speed": true, "feed": true, "seed": true,
		"breed": true, "bleed": true, "shred": true, "sacred": true, "wicked": true, "naked": true,
		"kindred": true, "hatred": true, "crooked": true, "beloved": true, "ragged": true, "rugged": true,
	}
)

// ingLemma returns the lemma of an -ing form when it is one of ingLemmas
// ("selling" → "sell", "cutting" → "cut", "introducing" → "introduce").
func ingLemma(w string) (string, bool) {
	if len(w) < 5 || !strings.HasSuffix(w, "ing") {
		return "", false
	}
	b := w[:len(w)-3]
	n := len(b)
	cands := []string{b, b + "e"}
	if n >= 2 && b[n-1] == b[n-2] {
		cands = append(cands, b[:n-1]) // cutting, dropping
	}
	if strings.HasSuffix(b, "y") && n >= 2 {
		cands = append(cands, b[:n-1]+"ie") // dying
	}
	for _, c := range cands {
		if ingLemmas[c] {
			return c, true
		}
	}
	return "", false
}

// lemmaOf returns the base form of a regular -ed or -s verb form (the
// spelling rules of English, approximately): "dropped" → "drop",
// "announced" → "announce", "carried" → "carry", "launched" → "launch".
func lemmaOf(w string) string {
	switch {
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ed") && len(w) > 4:
		b := w[:len(w)-2]
		n := len(b)
		if b[n-1] == b[n-2] && !strings.ContainsRune("lsaeiouz", rune(b[n-1])) {
			return b[:n-1] // dropped, planned
		}
		if strings.HasSuffix(b, "e") {
			return b + "e" // agreed, freed
		}
		if strings.HasSuffix(b, "ir") || strings.HasSuffix(b, "ur") {
			return b + "e" // acquired, secured
		}
		if n >= 5 && strings.HasSuffix(b, "at") || strings.HasSuffix(b, "uot") {
			return b + "e" // indicated, quoted
		}
		if strings.ContainsRune("cgvzu", rune(b[n-1])) || strings.HasSuffix(b, "as") || strings.HasSuffix(b, "us") && !strings.HasSuffix(b, "ous") {
			return b + "e" // announced, changed, moved, argued, released, caused
		}
		if n >= 3 && !isVowel(b[n-3]) && isVowel(b[n-2]) && !isVowel(b[n-1]) && !strings.ContainsRune("wxyrn", rune(b[n-1])) && n <= 4 {
			return b + "e" // named, filed, hoped
		}
		return b
	}
	return w
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// actionStem reduces an action to what different forms of the same word
// share, for comparing actions: "launch", "launched", "launches",
// "launching" → "launch".
func actionStem(a string) string {
	for _, suf := range []string{"ing", "es", "ed", "e", "s"} {
		if len(a) > len(suf)+2 && strings.HasSuffix(a, suf) {
			a = a[:len(a)-len(suf)]
			break
		}
	}
	return a
}

// particles complete a phrasal verb ("step down", "took six months off",
// "showed off", "taking the phone out").
var particles = map[string]bool{"down": true, "out": true, "off": true, "up": true, "over": true, "back": true}

// particleGapStops end the search for a particle: punctuation, and words
// that start a clause or a prepositional phrase, after which "out" or
// "over" belongs to something else.
var particleGapStops = map[string]bool{
	"in": true, "on": true, "at": true, "to": true, "for": true, "with": true, "by": true, "from": true,
	"of": true, "and": true, "or": true, "but": true, "that": true, "which": true, "who": true, "as": true,
	"than": true, "into": true, "after": true, "before": true, "since": true, "while": true, "when": true,
}

// PhrasalParticle returns the particle that completes the verb before
// words (the words after it, in order, any case): the first word when it
// is one of down, out, off, up, over, back ("step down"), or one of down,
// out, off, up, back after at most three words of its object with no
// punctuation or preposition between ("took six months off", "taking the
// phone out of his pocket"). "" when there is none.
func PhrasalParticle(words []string) string {
	for i, w := range words {
		if i > 3 {
			break
		}
		w = strings.ToLower(w)
		if w == "" {
			break
		}
		if i == 0 && particles[w] {
			return w
		}
		if i > 0 && particles[w] && w != "over" {
			return w
		}
		if particleGapStops[w] || !isWordByte(w[0]) && w != "'s" {
			break
		}
	}
	return ""
}
