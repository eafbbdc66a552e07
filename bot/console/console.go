// Package console is the console chat: it reads commands and pasted
// articles from a reader (a terminal or a script) and prints the bot's
// replies as text.
//
// Input grammar: a line starting with "/" is a command; any other lines
// form an article (single blank lines between its paragraphs included),
// which ends at two blank lines in a row, at a line of "---", at the next
// command, or at the end of input. On a terminal, an article also ends when
// a blank line is followed by a moment of quiet (paste, then Enter), and a
// single short line left alone for a moment is answered at once (so "hello"
// gets a hint without a second Enter). "/quit" or "/exit" (or the end of
// input) stops.
package console

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// Console runs the console chat.
type Console struct {
	lg          *slog.Logger
	bot         *bot.Bot
	in          io.Reader
	out         io.Writer
	interactive bool
	render      func(bot.Reply) string
	pause       time.Duration
	mu          sync.Mutex // serializes writes to out (answers and Send)
	attachDir   string     // where pictures are saved; "" says how to get them
}

// New returns a console chat reading in and writing to out. interactive
// (a terminal) turns on prompts and the greeting.
func New(lg *slog.Logger, b *bot.Bot, in io.Reader, out io.Writer, interactive bool) *Console {
	return &Console{lg: lg, bot: b, in: in, out: out, interactive: interactive, render: bot.RenderText, pause: 700 * time.Millisecond}
}

// Run reads until end of input, "/quit", or ctx ends. It returns nil then;
// an error only when reading fails. Failed requests do not stop it: their
// replies say what went wrong. Failures reports how many replies were
// errors, for scripts.
func (c *Console) Run(ctx context.Context) (failures int, err error) {
	if c.interactive {
		g, err := c.bot.Greeting(ctx)
		if err != nil {
			return 0, fmt.Errorf("greeting: %w", err)
		}
		fmt.Fprintln(c.out, g)
	}
	lines := make(chan string)
	readErr := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(c.in)
		sc.Buffer(make([]byte, 64*1024), 8<<20)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
		readErr <- sc.Err()
		close(lines)
	}()

	var buf []string
	blanks := 0
	flush := func() {
		blanks = 0
		for len(buf) > 0 && strings.TrimSpace(buf[len(buf)-1]) == "" {
			buf = buf[:len(buf)-1]
		}
		if len(buf) == 0 {
			return
		}
		text := strings.Join(buf, "\n")
		buf = nil
		if !c.answer(ctx, text) {
			failures++
		}
	}
	c.prompt(len(buf))
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return failures, nil
		case <-timer:
			timer = nil
			if len(buf) == 1 && !bot.LooksLikeArticle(buf[0]) || len(buf) > 0 && blanks > 0 {
				flush()
				c.prompt(0)
			}
		case line, ok := <-lines:
			if !ok {
				flush()
				if err := <-readErr; err != nil {
					return failures, fmt.Errorf("read input: %w", err)
				}
				return failures, nil
			}
			trimmed := strings.TrimSpace(line)
			timer = nil
			switch {
			case trimmed == "/quit" || trimmed == "/exit":
				flush()
				return failures, nil
			case strings.HasPrefix(trimmed, "/"):
				flush()
				if !c.answer(ctx, trimmed) {
					failures++
				}
			case trimmed == "---":
				flush()
			case trimmed == "":
				if len(buf) == 0 {
					break
				}
				blanks++
				if blanks >= 2 {
					flush()
					break
				}
				buf = append(buf, line)
				if c.interactive {
					timer = time.After(c.pause)
				}
			default:
				blanks = 0
				buf = append(buf, line)
				if c.interactive && len(buf) == 1 {
					timer = time.After(c.pause)
				}
			}
			c.prompt(len(buf))
		}
	}
}

func (c *Console) prompt(pending int) {
	if !c.interactive {
		return
	}
	if pending > 0 {
		return // in the middle of a paste: no prompt
	}
	c.mu.Lock()
	fmt.Fprint(c.out, "> ")
	c.mu.Unlock()
}

// answer handles one request and prints the reply; false when the reply is
// an error.
func (c *Console) answer(ctx context.Context, text string) bool {
	r := c.bot.Respond(ctx, &bot.Request{Platform: "console", ChatID: "console", UserID: "console", Text: text})
	c.mu.Lock()
	fmt.Fprintln(c.out, c.render(*r))
	c.saveAttachments(r)
	c.mu.Unlock()
	return !r.Error
}

// SaveAttachmentsTo makes the console write the pictures replies carry
// (timeline charts) into dir; without it, it says how to get them.
func (c *Console) SaveAttachmentsTo(dir string) { c.attachDir = dir }

// saveAttachments writes r's attachments and says where; c.mu is held.
func (c *Console) saveAttachments(r *bot.Reply) {
	if len(r.Attachments) == 0 {
		return
	}
	if c.attachDir == "" {
		fmt.Fprintln(c.out, "(start briefbot with --attachments DIR to save pictures)")
		return
	}
	paths, err := bot.SaveAttachments(c.attachDir, r)
	for _, p := range paths {
		fmt.Fprintln(c.out, "Saved "+p)
	}
	if err != nil {
		c.lg.Error("attachments not saved", "dir", c.attachDir, "err", err)
		fmt.Fprintln(c.out, "Could not save the picture: "+err.Error())
	}
}

// Send prints a reply nobody asked for (a new feed item, a briefing); the
// console has one chat, so chatID is ignored.
func (c *Console) Send(_ context.Context, _ string, r *bot.Reply) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, err := fmt.Fprintln(c.out, c.render(*r))
	c.saveAttachments(r)
	return err
}
