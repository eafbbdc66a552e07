package bot

import "strings"

// Request is one message to the bot, from any platform, in platform-neutral
// form.
type Request struct {
	Platform string // "console", "slack", "telegram", "cli"
	ChatID   string
	UserID   string
	Text     string  // the whole message text
	Forward  *Origin // set when the message was forwarded from elsewhere
}

// Origin describes where a forwarded message came from.
type Origin struct {
	Name string // channel title, username or user's name: becomes the outlet
	Date string // RFC 3339 time of the original post, when known
	URL  string
}

// Reply is what the bot answers: a title, optional text, and items, each
// with its sources. Renderers turn it into console text, JSON, Slack blocks or
// Telegram HTML.
type Reply struct {
	Command string `json:"command"`          // the command answered ("timeline"), "" for ingest replies
	Query   string `json:"query"`            // the command's argument text
	Title   string `json:"title"`            // one line
	Text    string `json:"text"`             // a paragraph, may be empty
	Items   []Item `json:"items"`            // never nil in JSON
	Footer  string `json:"footer,omitempty"` // counts and hints
	// Error marks a reply that reports a problem with the request (unknown
	// command, missing argument, bad input); the command line exits non-zero.
	Error bool `json:"error,omitempty"`
	// Attachments are files sent with the reply, such as a timeline chart.
	// JSON carries their names and types, not their bytes.
	Attachments []Attachment `json:"attachments,omitempty"`
	// Actions are follow-up commands a platform with buttons may offer
	// ("Chart" for a timeline); text renderers ignore them.
	Actions []Action `json:"actions,omitempty"`
}

// Attachment is a file that goes with a reply.
type Attachment struct {
	Name string `json:"name"`          // file name, such as "timeline-witkoff.png"
	MIME string `json:"mime"`          // "image/png"
	Alt  string `json:"alt,omitempty"` // one-line description for screen readers and captions
	Data []byte `json:"-"`
}

// Action is a button: a label and the command line it runs ("timeline witkoff chart").
type Action struct {
	Label   string `json:"label"`
	Command string `json:"command"`
}

// Item is one line of a reply: an event, a quote, an article, a conflict.
type Item struct {
	Date    string   `json:"date"` // ISO 8601 at the precision known, "" when undated
	Label   string   `json:"label,omitempty"`
	Text    string   `json:"text"`
	Note    string   `json:"note,omitempty"` // how the date was known, planned, precision…
	Sources []Source `json:"sources"`
	Claims  []Claim  `json:"claims,omitempty"` // conflict items: the competing values
}

// Claim is one side of a conflict: a value, verbatim, and the sources that
// give it.
type Claim struct {
	Value       string   `json:"value"`
	Also        []string `json:"also,omitempty"`         // the same value in other words
	AccordingTo []string `json:"according_to,omitempty"` // who the sources cite for it
	Outlets     int      `json:"outlets,omitempty"`      // independent outlets backing it
	Sources     []Source `json:"sources"`
}

// Display is the claim as chat renderers show it: the value, then the
// other wordings, who says so and how many outlets, in parentheses.
func (c Claim) Display() string {
	var parts []string
	if len(c.Also) > 0 {
		parts = append(parts, "also: "+strings.Join(c.Also, ", "))
	}
	if len(c.AccordingTo) > 0 {
		parts = append(parts, "according to "+joinNames(c.AccordingTo))
	}
	if c.Outlets > 0 {
		parts = append(parts, count(c.Outlets, "outlet", "outlets"))
	}
	if len(parts) == 0 {
		return c.Value
	}
	return c.Value + " (" + strings.Join(parts, "; ") + ")"
}

// Source is a citation: the article and the sentence a line came from.
type Source struct {
	Article   string `json:"article"` // article id, decimal
	Outlet    string `json:"outlet"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Published string `json:"published"` // YYYY-MM-DD, "" when unknown
	Evidence  string `json:"evidence"`  // the sentence it came from
}
