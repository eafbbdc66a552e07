package bot

import (
	"context"
	"strings"
	"unicode"
)

// Command is one entry of the command table.
type Command struct {
	Name     string   // "timeline"
	Aliases  []string // other names that reach it
	Usage    string   // "/timeline <name> [since DATE] [until DATE]"
	Summary  string   // one line for menus
	Help     string   // a paragraph for /help <command>
	Example  string   // "/timeline witkoff"
	NeedsArg bool
	Handle   func(ctx context.Context, req *Request, args string) (*Reply, error)
}

// Parsed is a command as typed.
type Parsed struct {
	Name string // lower case, without "/" and without "@bot"
	Bot  string // the "@bot" suffix's name in "/timeline@briefbot", or ""
	Args string // the rest, trimmed
}

// ParseCommand reads "/name[@bot] args". The grammar: optional spaces, "/",
// a name of letters, digits and "_" (case-insensitive), optionally "@" and a
// bot username, then optional spaces and arguments. Text that does not start
// with "/" followed by a letter is no command.
func ParseCommand(text string) (Parsed, bool) {
	t := strings.TrimSpace(text)
	if len(t) < 2 || t[0] != '/' {
		return Parsed{}, false
	}
	rest := t[1:]
	end := strings.IndexFunc(rest, unicode.IsSpace)
	head, args := rest, ""
	if end >= 0 {
		head, args = rest[:end], strings.TrimSpace(rest[end:])
	}
	name, bot, _ := strings.Cut(head, "@")
	if name == "" || !isLetter(rune(name[0])) {
		return Parsed{}, false
	}
	for _, r := range name {
		if !(isLetter(r) || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return Parsed{}, false
		}
	}
	return Parsed{Name: strings.ToLower(name), Bot: bot, Args: args}, true
}

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// splitRange splits "<name> [since DATE] [until DATE]" arguments.
func splitRange(args string) (name, since, until string) {
	words := strings.Fields(args)
	part := &name
	var buf []string
	flush := func() {
		*part = strings.Join(buf, " ")
		buf = nil
	}
	for _, w := range words {
		switch strings.ToLower(w) {
		case "since", "from", "after":
			flush()
			part = &since
			continue
		case "until", "till", "to", "before":
			flush()
			part = &until
			continue
		}
		buf = append(buf, w)
	}
	flush()
	return name, since, until
}
