package entity

import "strings"

// Result tables of sports news: score lines ("Wigan 4 Chester 2"),
// standings ("Barnsley 3 3 0 0 8 2 9"), fixtures ("Boston v Leeds",
// "CHICAGO AT TORONTO"), rankings ("3. Anna Brodsky ( Freedonia ) Team
// Acme 1:16") and cricket scorecards ("A. Vale c Brook b Marsh 33"). Such a
// line has no verb and no final period, so prose rules (and the headline
// rule) misread it; tables reads it by its shape:
//
//   - a name before a score, or beside "v", "vs" or "at" between two names,
//     is a team: a place when a country (national teams), otherwise an
//     organisation (clubs named after cities included);
//   - in a standings line a name with a known first name or an initial is a
//     person (golf, athletics);
//   - the name after a rank ("3.") or before a bracketed country is a
//     person, the country a place, and a name after the bracket the
//     person's team (an organisation);
//   - names around the scorecard words "c", "b", "st", "lbw", "run out",
//     "not out" or before bowling figures ("10-0-50-0") are people.
//
// A name the tables show to be a club is a club in the whole document
// ("for Seattle", "ESSEX AND KENT …"), unless it is a country.

// tableGroup is a name in a table line: tokens [a, b).
type tableGroup struct{ a, b int }

// statToken: a score, time, figure or rank number ("3", "1:16", ".567",
// "10-0-50-0", "6-3", "32-22").
func statToken(t token) bool {
	if t.kind != tWord || t.text == "" {
		return false
	}
	r := t.text[0]
	return r >= '0' && r <= '9'
}

// ordinalToken: "68th", "1st", "22nd" — in a results line, a minute.
func ordinalToken(t token) bool {
	w := t.text
	if t.kind != tWord || len(w) < 3 {
		return false
	}
	n := len(w) - 2
	switch w[n:] {
	case "st", "nd", "rd", "th":
	default:
		return false
	}
	for i := 0; i < n; i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// shirtNumberBefore: a shirt number and a spaced dash before token a, as
// in line-ups ("9 - Anna Brodsky").
func shirtNumberBefore(toks []token, a int) bool {
	if a < 2 || toks[a-1].text != "-" || toks[a-1].tight {
		return false
	}
	n := toks[a-2].text
	if toks[a-2].kind != tWord || len(n) > 2 {
		return false
	}
	for i := 0; i < len(n); i++ {
		if n[i] < '0' || n[i] > '9' {
			return false
		}
	}
	return true
}

// isDateToken: "1996-08-30" (a dateline, not a score).
func isDateToken(toks []token, i int) bool {
	// the tokenizer splits "1996-08-30" into "1996", "-", "08", "-", "30"
	if i+4 >= len(toks) {
		return false
	}
	return len(toks[i].text) == 4 && statToken(toks[i]) && toks[i+1].tight && statToken(toks[i+2]) && toks[i+3].tight && statToken(toks[i+4])
}

// tableWords: lower-case words that may appear in a table line.
var tableWords = map[string]bool{
	"v": true, "vs": true, "at": true, "c": true, "b": true, "st": true, "lbw": true, "run": true,
	"out": true, "not": true, "same": true, "time": true, "seconds": true, "points": true, "pts": true,
	"and": true, "beat": true, "bt": true, "drew": true, "with": true, "aggregate": true, "agg": true,
	"pen": true, "pens": true, "min": true, "ot": true, "so": true, "retired": true, "hurt": true,
	"w": true, "nb": true, "lb": true, "wd": true, "of": true, "de": true, "van": true, "der": true,
	"den": true, "von": true, "la": true, "le": true, "da": true, "di": true, "del": true, "do": true,
	"dos": true, "and-": true, "overs": true, "wkts": true, "wickets": true, "for": true, "mins": true,
	"secs": true, "laps": true, "lap": true, "behind": true, "pts.": true, "to": true, "play": true,
}

// tableJoiners stand between two names of a table line, in any case
// ("CHICAGO AT TORONTO").
var tableJoiners = map[string]bool{"at": true, "v": true, "vs": true}

// tableLine tells whether sentence si is a line of a results table. An
// ALL-CAPS line is one only when it opens with a name and a figure
// ("NEW YORK 75 59 .560") or is two names joined by "AT" or "V": other
// capitalized lines with figures are headlines ("ACME BEAT BOLTON 3-1").
func (ex *extractor) tableLine(si int) bool {
	toks := ex.sents[si].toks
	if ex.sents[si].allCaps {
		gs := tableGroups(toks)
		if len(gs) == 0 {
			return false
		}
		g := gs[0]
		if g.a == 0 && g.b < len(toks) && statToken(toks[g.b]) && !isDateToken(toks, g.b) {
			return true
		}
		return len(gs) == 2 && gs[0].a == 0 && gs[1].b == len(toks) && gs[1].a == g.b+1 && tableJoiners[toks[g.b].key]
	}
	if len(toks) < 2 || len(toks) > 60 {
		return false
	}
	stats, names, lower := 0, 0, 0
	for i, t := range toks {
		if t.kind != tWord {
			continue
		}
		switch {
		case statToken(t):
			if isDateToken(toks, i) {
				return false // a dateline
			}
			stats++
		case t.cap:
			names++
		case !tableWords[t.key]:
			lower++
		}
	}
	if stats == 0 && !fixtureLine(toks) || names == 0 || lower > 1 {
		return false
	}
	if endsSentence(toks) && stats < 2 {
		return false
	}
	return true
}

// tableGroups splits a table line into names: runs of capitalized words,
// joined by tight hyphens, particles and "&".
func tableGroups(toks []token) []tableGroup {
	var gs []tableGroup
	for i := 0; i < len(toks); {
		t := toks[i]
		if t.kind != tWord || !t.cap || t.poss || tableJoiners[t.key] || calendar[t.key] {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) {
			u := toks[j]
			if u.kind == tWord && u.cap && !tableJoiners[u.key] {
				j++
				continue
			}
			if j+1 < len(toks) && toks[j+1].kind == tWord && toks[j+1].cap {
				if u.tight || u.text == "&" || u.poss || u.kind == tWord && (particles[u.key] || u.text == "of") {
					j += 2
					continue
				}
			}
			// "Joost van der Westhuizen"
			if j+2 < len(toks) && u.kind == tWord && particles[u.key] && particles[toks[j+1].key] && toks[j+2].kind == tWord && toks[j+2].cap {
				j += 3
				continue
			}
			// "Ata-ur-Rehman"
			if u.tight && j+3 < len(toks) && toks[j+1].kind == tWord && toks[j+2].tight && toks[j+3].kind == tWord && toks[j+3].cap {
				j += 4
				continue
			}
			break
		}
		gs = append(gs, tableGroup{i, j})
		i = j
	}
	return gs
}

// tableWord is the folded word at token i, or "".
func tableWord(toks []token, i int) string {
	if i < 0 || i >= len(toks) {
		return ""
	}
	return toks[i].key
}

// bowlingFigures: "10-0-50-0", "6.5-1-23-4" (tokenized with tight dashes).
func bowlingFigures(toks []token, i int) bool {
	n := 0
	for i < len(toks) && statToken(toks[i]) {
		n++
		if i+2 < len(toks) && toks[i+1].text == "." && toks[i+1].start == toks[i].end && toks[i+2].start == toks[i+1].end {
			i += 2 // "6.5"
			continue
		}
		if i+1 < len(toks) && toks[i+1].tight && toks[i+1].text == "-" {
			i += 2
			n++
			continue
		}
		break
	}
	return n >= 7
}

// countryGroup: the whole group is a country (a gazetteer unit of a
// country name), so as a team it is a national team, LOC.
func (ex *extractor) countryGroup(st *sent, g tableGroup) (gazUnit, bool) {
	u, ok := st.gaz[g.a]
	if !ok || u.end != g.b || u.typ != "LOC" {
		return gazUnit{}, false
	}
	if _, isCountry := countryCanon[joinKey(st.toks, g.a, g.b)]; !isCountry {
		return gazUnit{}, false
	}
	return u, true
}

// personShaped: a group that starts with a known first name or an initial
// and has a second word ("Ian Woosnam", "A. Vale").
func personShaped(toks []token, g tableGroup) bool {
	if g.b-g.a < 2 {
		return false
	}
	t := toks[g.a]
	if isInitial(strings.TrimSuffix(t.text, ".")) && strings.HasSuffix(t.text, ".") {
		return true
	}
	return isFirstName(t) && !t.upper
}

// tables reads the table lines of the document, adds their mentions, and
// returns the folded names of clubs.
func (ex *extractor) tables() map[string]bool {
	teams, people := map[string]bool{}, map[string]bool{}
	clubSport := ex.sportsSlug()
	for si := range ex.sents {
		if ex.dateline(si) {
			continue
		}
		if !ex.tableLine(si) {
			continue
		}
		st := &ex.sents[si]
		st.table = true
		st.headline = false
		toks := st.toks
		gs := tableGroups(toks)
		// a rank at the start: "3 .", "1 -"
		ranked := len(toks) >= 3 && statToken(toks[0]) && (toks[1].text == "." || toks[1].text == "-") && len(gs) > 0 && gs[0].a == 2
		teamsWithCountry := 0 // "Acme ( Freedonia ) 92 Bolton ( Ruritania ) 81"
		for _, g := range gs {
			if _, c := ex.countryGroup(st, g); !c && ex.bracketedCountry(st, g.b) && g.b+3 < len(toks) &&
				statToken(toks[g.b+3]) && !strings.Contains(toks[g.b+3].text, ":") && !personShaped(toks, g) {
				teamsWithCountry++
			}
		}
		for gi := range gs {
			g := gs[gi]
			// a club's suffix in brackets: "Mladost ( L ) 2"
			if g.b+3 < len(toks) && toks[g.b].text == "(" && toks[g.b+2].text == ")" && statToken(toks[g.b+3]) &&
				toks[g.b+1].kind == tWord && isClubSuffix(toks[g.b+1].text) && !ex.bracketedCountry(st, g.b) {
				g.b += 3
			}
			prev, next := tableWord(toks, g.a-1), tableWord(toks, g.b)
			typ := ""
			team := false
			cu, isCountry := ex.countryGroup(st, g)
			bracketed := prev == "(" && next == ")"
			switch {
			case gi == 0 && g.a == 0 && next == ":" && len(gs) >= 3 && !isCountry && !personShaped(toks, g) && !commonGroup(toks, g) &&
				gs[1].b < len(toks) && statToken(toks[gs[1].b]) && !ordinalToken(toks[gs[1].b]):
				// the ground opening a scores line: "Oldtown : Acme 214 , Bolton 108-3"
				sp := span{s: si, a: g.a, b: g.b, typ: "LOC", strong: true, fixed: true}
				if u, ok := st.gaz[g.a]; ok && u.end == g.b {
					sp.key = u.key
				}
				ex.add(sp)
				continue
			case !isCountry && g.b-g.a >= 2 && orgKeywords[toks[g.b-1].text]:
				typ = "ORG" // "Oldtown Newsroom +1 555 0100", "Acme Rugby Club 3"
			case teamsWithCountry >= 2 && !isCountry && ex.bracketedCountry(st, g.b):
				typ, team = "ORG", true
			case bracketed && isCountry:
				typ = "LOC"
			case bracketed:
				// "( B )", "( captain )": leave it to the gazetteer
				if u, ok := st.gaz[g.a]; ok && u.end == g.b {
					typ = u.typ
				}
			case prev == "at" && (gi > 0 && next == "" || next == ":" || next == "("),
				prev == "(" && next == ")" && gi > 0 && tableWord(toks, gs[gi-1].a-1) == "at":
				// the ground: "Acme at Bolton", "At Oldtown ( Newtown ) :"
				sp := span{s: si, a: g.a, b: g.b, typ: "LOC", strong: true, fixed: true}
				if u, ok := st.gaz[g.a]; ok && u.end == g.b {
					sp.key = u.key
				}
				ex.add(sp)
				continue
			case prev == "c" || prev == "b" || prev == "st" || next == "c" || next == "b" || next == "lbw" || next == "st" ||
				next == "run" || next == "not" || bowlingFigures(toks, g.b) && !isCountry:
				typ = "PER"
			case g.b < len(toks) && ordinalToken(toks[g.b]) && !isCountry:
				typ = "PER" // a substitute or scorer and the minute: "Anna Brodsky 68th"
			case next == "(" && g.b+1 < len(toks) && statToken(toks[g.b+1]) && !isCountry:
				typ = "PER" // a scorer and the minute: "Anna Brodsky ( 21st minute )"
			case next == "(" && g.b+2 < len(toks) && tableWord(toks, g.b+2) == ")" && !isCountry:
				if _, ok := ex.countryGroup(st, tableGroup{g.b + 1, g.b + 2}); ok || toks[g.b+1].upper {
					typ = "PER" // "Anna Brodsky ( Freedonia )"
				}
			case ranked && gi == 0:
				if isCountry {
					typ = "LOC"
				} else if u, ok := st.gaz[g.a]; ok && u.end == g.b {
					typ = u.typ
				} else {
					typ = "PER"
				}
			case (prev == ")" || prev == "," && tableWord(toks, g.a-2) == ")") && gi > 0 && ranked:
				typ = "ORG" // the rider's team after "( Country )"
			case g.b < len(toks) && statToken(toks[g.b]) && !bowlingFigures(toks, g.b),
				next == "v" || next == "vs" || next == "at",
				prev == "v" || prev == "vs" || prev == "at":
				switch {
				case isCountry:
					typ = "LOC"
				case len(gs) == 1 && !standingsRow(toks, g.b) && (commonGroup(toks, g) || g.b-g.a == 1 && statsFrom(toks, g.b) <= 2):
					// "Halftime 2-0", "Attendance 7,032", "Net Income 821 512"
				case personShaped(toks, g) && !ex.teamLine(toks, gs) && !scorePair(toks, gs, gi) &&
					!(clubSport && standingsRow(toks, g.b)):
					typ = "PER"
				default:
					typ, team = "ORG", true
				}
			}
			if typ == "" {
				ex.tableFallback(si, g)
				continue
			}
			if typ == "PER" {
				people[joinKey(toks, g.a, g.b)] = true
			}
			sp := span{s: si, a: g.a, b: g.b, typ: typ, strong: true}
			if isCountry {
				sp.key = cu.key
			}
			ex.add(sp)
			if team {
				teams[joinKey(toks, g.a, g.b)] = true
			}
		}
	}
	for k := range people {
		delete(teams, k)
	}
	return teams
}

// tableFallback classifies a name of a table line that no table rule
// reads: by the gazetteer, as a person when it has a first name or an
// initial or several name-like words ("Scorers : Anna Brodsky , Tomas
// Weller"), else a single word waits for the document's confirmation.
func (ex *extractor) tableFallback(si int, g tableGroup) {
	st := &ex.sents[si]
	toks := st.toks
	if u, ok := st.gaz[g.a]; ok && u.end == g.b {
		ex.add(span{s: si, a: g.a, b: g.b, typ: u.typ, key: u.key, strong: true})
		return
	}
	if g.b-g.a == 1 {
		if !isCommon(toks[g.a]) && !calendar[toks[g.a].key] {
			ex.weak = append(ex.weak, span{s: si, a: g.a, b: g.b})
		}
		return
	}
	if orgKeywords[toks[g.b-1].text] {
		ex.add(span{s: si, a: g.a, b: g.b, typ: "ORG", strong: true})
		return
	}
	if personShaped(toks, g) {
		ex.add(span{s: si, a: g.a, b: g.b, typ: "PER", strong: true})
		return
	}
	for k := g.a; k < g.b; k++ {
		if toks[k].kind == tWord && toks[k].cap && (isCommon(toks[k]) || toks[k].upper || isKeyword(toks[k].text)) {
			return
		}
	}
	ex.add(span{s: si, a: g.a, b: g.b, typ: "PER", strong: true})
}

// commonGroup: a word of the group is a dictionary word ("Man of the
// Match", "Scorers").
func commonGroup(toks []token, g tableGroup) bool {
	for k := g.a; k < g.b; k++ {
		if toks[k].kind == tWord && toks[k].cap && isDictWord(toks[k]) {
			return true
		}
	}
	return false
}

// teamLine: a line with two names each followed by a score, or joined by
// "v"/"at" — a match between teams even when a name looks like a person's.
func (ex *extractor) teamLine(toks []token, gs []tableGroup) bool {
	if len(gs) != 2 {
		return false
	}
	g1, g2 := gs[0], gs[1]
	mid := tableWord(toks, g1.b)
	return mid == "v" || mid == "vs" || mid == "at" ||
		g1.b < len(toks) && statToken(toks[g1.b]) && g2.b < len(toks) && statToken(toks[g2.b]) && g1.b+1 == g2.a
}

// fixtureLine: "Postponed : Acme v Bolton , Crewe v Dale" — names joined
// by "v" or "vs".
func fixtureLine(toks []token) bool {
	for i := 1; i+1 < len(toks); i++ {
		if w := toks[i].text; (w == "v" || w == "vs") && toks[i-1].cap && toks[i+1].cap {
			return true
		}
	}
	return false
}

// sportSlugs: the sport names that open the headline of a sports report
// ("CRICKET - …", "RUGBY UNION - …"); true for sports between clubs, whose
// reports name clubs after their towns.
var sportSlugs = map[string]bool{
	"soccer": true, "football": true, "cricket": true, "baseball": true, "rugby union": true,
	"rugby league": true, "rugby": true, "basketball": true, "ice hockey": true, "hockey": true,
	"american football": true, "nfl": true, "nba": true, "nhl": true, "volleyball": true,
	"handball": true, "water polo": true,
	"tennis": false, "golf": false, "boxing": false, "squash": false, "athletics": false,
	"cycling": false, "motor racing": false, "motorcycling": false, "horse racing": false,
	"swimming": false, "skiing": false, "alpine skiing": false, "rowing": false, "sailing": false,
	"yachting": false, "badminton": false, "table tennis": false, "snooker": false, "darts": false,
	"judo": false, "wrestling": false, "gymnastics": false, "formula one": false,
	"equestrianism": false, "triathlon": false, "olympics": false, "speed skating": false,
	"figure skating": false, "bobsleigh": false, "canoeing": false, "fencing": false,
	"weightlifting": false, "chess": false, "motocross": false, "rallying": false,
}

// sportsSlug reports whether one of the first lines of the document opens
// with the name of a sport between clubs and a dash.
func (ex *extractor) sportsSlug() bool {
	for si := 0; si < len(ex.sents) && si < 3; si++ {
		toks := ex.sents[si].toks
		for e := 1; e <= 2 && e < len(toks); e++ {
			if isDash([]rune(toks[e].text)[0]) {
				club, ok := sportSlugs[joinKey(toks, 0, e)]
				if ok {
					return club
				}
			}
		}
	}
	return false
}

// retypeTeams makes every mention of a club the tables found an
// organisation, except countries; in a sports report, a city or region
// named in prose other than after "in", "at" or "from" is a club too
// ("Texas 's lead over Seattle").
func (ex *extractor) retypeTeams(teams map[string]bool) {
	if !ex.sports {
		return
	}
	for i, sp := range ex.spans {
		if sp.typ == "ORG" || sp.fixed {
			continue
		}
		toks := ex.sents[sp.s].toks
		k := joinKey(toks, sp.a, sp.b)
		if !teams[k] && !ex.proseClub(sp, k) {
			continue
		}
		if _, isCountry := countryCanon[k]; isCountry {
			continue
		}
		ex.spans[i].typ, ex.spans[i].key = "ORG", ""
	}
}

// proseClub: in a sports report, a place span that is no country, outside
// tables and datelines, and not after a locative preposition, is a club.
func (ex *extractor) proseClub(sp span, k string) bool {
	st := &ex.sents[sp.s]
	if sp.typ != "LOC" || st.table || !strings.HasPrefix(sp.key, "loc:") {
		return false
	}
	if _, isCountry := countryCanon[k]; isCountry {
		return false
	}
	if _, isDemonymCountry := demonymOf[k]; isDemonymCountry {
		return false
	}
	switch prevWord(st.toks, sp.a, 1) {
	case "in", "at", "from", "to", "near", "of", ",", "into", "outside":
		return false
	}
	for i := range st.toks {
		if isDateToken(st.toks, i) {
			return false // a dateline
		}
	}
	return true
}

// dateline reads a news dateline, "OLDTOWN , Freedonia 1996-08-30" or
// "OLDTOWN 1996-08-30": the names before the date are places. It reports
// whether sentence si is one.
func (ex *extractor) dateline(si int) bool {
	st := &ex.sents[si]
	toks := st.toks
	d := -1
	for i := range toks {
		if isDateToken(toks, i) {
			d = i
			break
		}
	}
	if d < 1 || d+5 != len(toks) {
		return false
	}
	gs := tableGroups(toks[:d])
	if len(gs) == 0 || len(gs) > 2 || gs[0].a != 0 || gs[len(gs)-1].b != d {
		return false
	}
	if len(gs) == 2 && (gs[1].a != gs[0].b+1 || toks[gs[0].b].text != ",") {
		return false
	}
	st.table, st.headline = true, false
	for _, g := range gs {
		sp := span{s: si, a: g.a, b: g.b, typ: "LOC", strong: true, fixed: true}
		if u, ok := st.gaz[g.a]; ok && u.end == g.b && u.typ == "LOC" {
			sp.key = u.key
		}
		ex.add(sp)
	}
	return true
}

// bracketedCountry: tokens i, i+1, i+2 are "(", a country, ")".
func (ex *extractor) bracketedCountry(st *sent, i int) bool {
	toks := st.toks
	if i+2 >= len(toks) || toks[i].text != "(" || toks[i+2].text != ")" {
		return false
	}
	_, ok := ex.countryGroup(st, tableGroup{i + 1, i + 2})
	return ok
}

// isClubSuffix: a one- to three-letter capital abbreviation that tells
// clubs of the same name apart ("B", "BJ").
func isClubSuffix(w string) bool {
	if len(w) > 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// individualSport reports whether the first lines name a sport between
// individuals ("TENNIS - …"): its tables list players, and towns in its
// prose are places.
func (ex *extractor) individualSport() bool {
	for si := 0; si < len(ex.sents) && si < 3; si++ {
		toks := ex.sents[si].toks
		for e := 1; e <= 2 && e < len(toks); e++ {
			if isDash([]rune(toks[e].text)[0]) {
				if club, ok := sportSlugs[joinKey(toks, 0, e)]; ok && !club {
					return true
				}
			}
		}
	}
	return false
}

// standingsRow: the tokens from i to the end of the line are four or more
// whole numbers (a standings row: played, won, drawn, lost …), none with a
// thousands comma or decimals ("Net Income 821 512 565 301" has no more
// than a figure's shape, "Attendance 7,032" fewer).
func standingsRow(toks []token, i int) bool {
	n := 0
	for ; i < len(toks); i++ {
		t := toks[i]
		switch {
		case statToken(t):
			if strings.ContainsAny(t.text, ",:") {
				return false
			}
			n++
		case t.text == "." && i+1 < len(toks) && toks[i+1].start == t.end && statToken(toks[i+1]):
			return false // "26.00"
		case t.text == "-" || t.text == "." && i == len(toks)-1:
		default:
			return false
		}
	}
	return n >= 4
}

// scorePair: group gi and a neighbour are two names each followed by a
// score, side by side ("Willem II Tilburg 0 Fortuna Sittard 1 ( … )"): a
// match between teams.
func scorePair(toks []token, gs []tableGroup, gi int) bool {
	scored := func(g tableGroup) bool {
		return g.b < len(toks) && statToken(toks[g.b]) && !ordinalToken(toks[g.b])
	}
	for _, j := range []int{gi - 1, gi} {
		if j < 0 || j+1 >= len(gs) {
			continue
		}
		g1, g2 := gs[j], gs[j+1]
		if scored(g1) && scored(g2) && g1.b+1 == g2.a {
			return true
		}
	}
	return false
}

// statsFrom counts the figures from token i to the end of the line.
func statsFrom(toks []token, i int) int {
	n := 0
	for ; i < len(toks); i++ {
		if statToken(toks[i]) {
			n++
		}
	}
	return n
}
