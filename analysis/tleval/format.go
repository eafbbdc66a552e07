package tleval

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Line is one line of a timeline: an ordinal position, an ISO date with X
// for unknown digits ("2007-10-XX", "XXXX-XX-XX") and the coreferent event
// mentions it lists, each "<docid>-<sentence>-<token>".
//
// Ordinal 0 means "not anchored, not orderable": the scorer ignores such
// lines. Lines that share an ordinal are simultaneous.
type Line struct {
	Ordinal  int
	Date     string
	Mentions []string
}

// Timeline is one target entity's timeline in the SemEval-2015 Task 4
// format: the entity on the first line, then one Line a line,
// tab-separated.
type Timeline struct {
	Entity string
	Lines  []Line
}

// maxLineBytes bounds one line of a timeline file.
const maxLineBytes = 1 << 20

// ParseTimeline reads a timeline file. The first non-empty line is the
// target entity; every other non-empty line must have an integer ordinal
// ≥ 0, a date and at least one mention, separated by tabs (runs of tabs
// count as one; trailing spaces are trimmed). It returns an error naming
// the line when one is malformed; it never panics.
func ParseTimeline(r io.Reader) (Timeline, error) {
	var tl Timeline
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLineBytes)
	n := 0
	first := true
	for sc.Scan() {
		n++
		raw := strings.TrimRight(sc.Text(), " \t\r")
		if first {
			raw = strings.TrimSpace(strings.ReplaceAll(raw, "\ufeff", ""))
		}
		if strings.TrimSpace(raw) == "" {
			continue
		}
		if first {
			tl.Entity = raw
			first = false
			continue
		}
		var fields []string
		for _, f := range strings.Split(raw, "\t") {
			if f = strings.TrimSpace(f); f != "" {
				fields = append(fields, f)
			}
		}
		if len(fields) < 3 {
			return Timeline{}, fmt.Errorf("timeline line %d: want ordinal, date and at least one mention, got %q", n, raw)
		}
		ord, err := strconv.Atoi(fields[0])
		if err != nil || ord < 0 {
			return Timeline{}, fmt.Errorf("timeline line %d: ordinal %q is not a number ≥ 0", n, fields[0])
		}
		tl.Lines = append(tl.Lines, Line{Ordinal: ord, Date: fields[1], Mentions: fields[2:]})
	}
	if err := sc.Err(); err != nil {
		return Timeline{}, fmt.Errorf("read timeline: %w", err)
	}
	if first {
		return Timeline{}, fmt.Errorf("read timeline: empty file, no target entity")
	}
	return tl, nil
}

// Format writes tl in the task's format: the entity, then one line per
// Line, fields separated by tabs, each line ending in "\n".
func (tl Timeline) Format() string {
	var b strings.Builder
	b.WriteString(tl.Entity)
	b.WriteByte('\n')
	for _, l := range tl.Lines {
		b.WriteString(strconv.Itoa(l.Ordinal))
		b.WriteByte('\t')
		b.WriteString(l.Date)
		for _, m := range l.Mentions {
			b.WriteByte('\t')
			b.WriteString(m)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// FileName is the name of an entity's timeline file, as the task names
// them: lower case, "&" spelled "_and_", every run of other characters
// than a-z and 0-9 turned into "_" ("S&P 500" → "s_and_p_500.txt").
func FileName(entity string) string {
	s := strings.ReplaceAll(strings.ToLower(entity), "&", "_and_")
	var b strings.Builder
	under := false
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			under = false
			continue
		}
		if !under {
			b.WriteByte('_')
			under = true
		}
	}
	return b.String() + ".txt"
}
