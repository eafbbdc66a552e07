// Package analysis is briefbot's domain: the article, the entities it names,
// its time expressions and the facts it states, each fact with its citation;
// the pure pipeline that turns a Document into those facts (Analyze); and the
// pure cross-article reasoning over stored facts (timelines, conflicts,
// briefs, name resolution). It does no I/O.
package analysis

import (
	"time"
)

// Origin says how a document reached the bot.
type Origin struct {
	Kind string `json:"kind"` // "file", "stdin", "chat", "feed", "url", "sample"
	Ref  string `json:"ref"`  // file path, chat id, feed URL…
}

// Document is an article as received, before analysis.
type Document struct {
	Text      string
	Title     string    // may be empty: the first headline-like line is used
	Outlet    string    // may be empty: looked for in the text
	URL       string    // may be empty
	Published time.Time // zero when unknown
	Received  time.Time
	Origin    Origin
}

// Article is a stored document: its cleaned text and what identifies it.
type Article struct {
	ID        uint64
	Title     string
	Outlet    string
	URL       string
	Published time.Time // zero when unknown
	Received  time.Time
	Origin    Origin
	Text      string // cleaned text; every Span points into it
	Hash      string // hex sha256 of the normalized text (see ContentHash)
	Version   int    // analysis version that produced the facts
	Facts     int    // number of facts stored with it
}

// Span is a byte range [Start, End) in Article.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// EntityType is the kind of a named entity.
type EntityType string

// Entity types, as in CoNLL-2003.
const (
	PER  EntityType = "PER"
	ORG  EntityType = "ORG"
	LOC  EntityType = "LOC"
	MISC EntityType = "MISC"
)

// Entity is a person, organisation, place or other named thing.
//
// Inside an Analysis, IDs are local (1..n, the index in Analysis.Entities plus
// one); storage replaces them with database-wide IDs when it links the
// article's entities to the ones already known.
type Entity struct {
	ID      uint64
	Name    string     // canonical name: the longest full form seen
	Type    EntityType // PER, ORG, LOC, MISC
	Aliases []string   // every surface form seen, canonical name included
	Roles   []string   // titles and roles seen ("special envoy", "presidential aide")
	Peers   []uint64   // entities it was seen with (capped), for linking in context
}

// Mention is one occurrence of an entity in the text.
type Mention struct {
	Span   Span
	Text   string
	Type   EntityType
	Entity uint64 // Entity.ID (local inside an Analysis)
}

// TimeExpr is a time expression found in the text and normalized to a
// TIMEX3 value.
type TimeExpr struct {
	Span   Span
	Text   string
	Type   string // DATE, TIME, DURATION, SET
	Value  string // TIMEX3 value: 2025-08-06, 2025-W32, P3H, PRESENT_REF, XXXX-XX-XX…
	Mod    string // TIMEX3 mod: APPROX, START, END, MORE_THAN…, or ""
	Anchor string // "publication" when resolved from the publication date, "" when stated
}

// FactKind tells what a fact is.
type FactKind string

// Fact kinds.
const (
	Event FactKind = "event" // something happened (or is planned) at a time
	Quote FactKind = "quote" // somebody said something, verbatim
	Claim FactKind = "claim" // an attribute of an entity or event has a value
)

// Known says how a fact's date was learned.
type Known string

// How a date is known.
const (
	Stated      Known = "stated"      // the text gives the date ("August 6")
	Resolved    Known = "resolved"    // computed from a relative expression and the publication date
	Publication Known = "publication" // no date of its own: placed at the article's publication date
)

// Quantity is a number the text states: a duration or a count.
type Quantity struct {
	Text  string  // verbatim: "three-hour", "five hours", "four times"
	Kind  string  // "duration" or "count"
	Value float64 // in Unit
	Unit  string  // duration: "s"; count: the thing counted ("time", "conversation")
	Mod   string  // "", "about", "over", "at least", "under", "up to"
}

// Fact is one thing an article states. Every fact carries its citation: the
// article and the byte span of the sentence it came from.
type Fact struct {
	Article  uint64   // set by storage
	Seq      uint32   // order within the article
	Kind     FactKind // event, quote, claim
	Span     Span     // the sentence: the citation
	Evidence string   // the sentence's text
	Text     string   // what the fact says, verbatim from the sentence (a clause or the sentence)
	Entities []uint64 // entities involved (participants, speaker, subject)

	// Time, for events (and claims made about a time).
	Date     Date   // at the precision known; zero when undated
	DateText string // the expression it came from ("on Wednesday", "a day earlier")
	How      Known  // how the date is known
	Planned  bool   // announced or expected, not (yet) happened

	// Events.
	Action  string     // normalized kind of happening: "meet", "call", "visit", "summit"…
	Trigger string     // the verbatim word that told it ("held a … meeting", "talks")
	Place   string     // where, verbatim ("the Kremlin", "Moscow")
	Numbers []Quantity // durations and counts stated

	// Quotes: who said it. Events: who is given as the source ("according
	// to X", "X said"); a source is not a participant.
	Speaker uint64 // entity id (0 when unknown)
	Cue     string // "said", "noted", "according to"
	Quote   string // the words, verbatim, without the quotation marks

	// Claims: Subject's Attribute has Value.
	Subject   uint64
	Attribute string // "role", "duration", "count", "date", "place", "initiative"
	Value     string // verbatim
}

// Analysis is everything the pipeline learned from one document.
type Analysis struct {
	Article  Article // ID 0 until stored
	Entities []Entity
	Mentions []Mention
	Times    []TimeExpr
	Facts    []Fact
}
