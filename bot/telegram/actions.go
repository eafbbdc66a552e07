package telegram

import (
	"container/list"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"strings"
	"sync"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/briefbot/briefbot/bot"
)

// Callback data of command buttons (a reply's bot.Actions). Telegram allows
// 1–64 bytes of callback_data, so a command line that fits travels in the
// button itself ("cmd:timeline brennick chart") and works across restarts;
// a longer one is kept in memory under a random id ("cmdk:<id>") and
// expires when evicted or when the process restarts.
const (
	cmdPrefix    = "cmd:"
	cmdKeyPrefix = "cmdk:"
	maxCallback  = 64 // bytes of callback_data

	maxActions     = 12   // buttons of one reply
	maxButtonLabel = 40   // runes of a button's label
	maxRowLabels   = 30   // runes of the labels of one row together
	maxRowButtons  = 3    // buttons in one row
	maxCommandLine = 4000 // bytes of a command line a button may run
	maxStoredCmds  = 1024 // long command lines kept (least recently used evicted)
)

// buttonExpiredText answers a press on a command button the adapter no
// longer knows.
const buttonExpiredText = "This button expired; type the command instead."

// commands keeps long command lines for buttons, under random ids, with
// least-recently-used eviction beyond max. Safe for concurrent use.
type commands struct {
	mu    sync.Mutex
	max   int
	order *list.List // of *cmdEntry, most recently used first
	byID  map[string]*list.Element
}

type cmdEntry struct {
	id      string
	chatID  int64
	command string
}

func newCommands(max int) *commands {
	return &commands{max: max, order: list.New(), byID: make(map[string]*list.Element)}
}

// put stores command for chatID and returns its id, "" when no random id
// could be made.
func (c *commands) put(chatID int64, command string) string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return ""
	}
	id := hex.EncodeToString(b[:])
	c.mu.Lock()
	defer c.mu.Unlock()
	c.byID[id] = c.order.PushFront(&cmdEntry{id: id, chatID: chatID, command: command})
	for c.order.Len() > c.max {
		old := c.order.Back()
		c.order.Remove(old)
		delete(c.byID, old.Value.(*cmdEntry).id)
	}
	return id
}

// get returns the command stored under id for chatID, marking it used.
func (c *commands) get(id string, chatID int64) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el := c.byID[id]
	if el == nil || el.Value.(*cmdEntry).chatID != chatID {
		return "", false
	}
	c.order.MoveToFront(el)
	return el.Value.(*cmdEntry).command, true
}

// commandLine normalizes a button's command line: one line, single spaces,
// no leading "/" ("/timeline  witkoff" → "timeline witkoff"); it is
// idempotent.
func commandLine(s string) string {
	ws := words(s)
	if len(ws) > 0 {
		if ws[0] = strings.TrimLeft(ws[0], "/"); ws[0] == "" {
			ws = ws[1:]
		}
	}
	return strings.Join(ws, " ")
}

// actionRows returns the inline keyboard rows of acts for chatID: one
// button per action whose command line is not empty, not over
// maxCommandLine and not a repeat, at most maxActions, labelled with the
// action's label (else the command) cut to maxButtonLabel runes, packed
// into rows of at most maxRowButtons and maxRowLabels runes of labels. A
// long command line is stored in cmds; when that fails, its button is left
// out.
func actionRows(cmds *commands, chatID int64, acts []bot.Action) [][]tgbotapi.InlineKeyboardButton {
	var rows [][]tgbotapi.InlineKeyboardButton
	var row []tgbotapi.InlineKeyboardButton
	rowRunes, n := 0, 0
	seen := make(map[string]bool)
	for _, act := range acts {
		cmd := commandLine(act.Command)
		if cmd == "" || len(cmd) > maxCommandLine || seen[cmd] {
			continue
		}
		seen[cmd] = true
		data := cmdPrefix + cmd
		if len(data) > maxCallback {
			id := cmds.put(chatID, cmd)
			if id == "" {
				continue
			}
			data = cmdKeyPrefix + id
		}
		label := strings.Join(words(act.Label), " ")
		if label == "" {
			label = "/" + cmd
		}
		if r := []rune(label); len(r) > maxButtonLabel {
			label = string(r[:maxButtonLabel-1]) + "…"
		}
		lr := utf8.RuneCountInString(label)
		if len(row) > 0 && (len(row) == maxRowButtons || rowRunes+lr > maxRowLabels) {
			rows = append(rows, row)
			row, rowRunes = nil, 0
		}
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(label, data))
		rowRunes += lr
		if n++; n == maxActions {
			break
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

// keyboard returns the reply_markup JSON of an inline keyboard, "" when
// rows is empty.
func keyboard(rows [][]tgbotapi.InlineKeyboardButton) string {
	if len(rows) == 0 {
		return ""
	}
	b, err := json.Marshal(tgbotapi.NewInlineKeyboardMarkup(rows...))
	if err != nil {
		return ""
	}
	return string(b)
}

// buttonCommand reads the callback data of a command button. isCmd reports
// whether data is one; cmd is its command line, "" when the button
// expired.
func (a *Adapter) buttonCommand(data string, chatID int64) (cmd string, isCmd bool) {
	if c, ok := strings.CutPrefix(data, cmdPrefix); ok {
		return commandLine(c), true
	}
	if id, ok := strings.CutPrefix(data, cmdKeyPrefix); ok {
		c, _ := a.cmds.get(id, chatID)
		return c, true
	}
	return "", false
}
