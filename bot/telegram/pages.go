package telegram

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"sync"
	"time"
)

// morePrefix starts the callback data of a "More" button:
// "more:<list id>:<index of the next message>".
const morePrefix = "more:"

// pages keeps, in memory, the messages of long replies not sent yet, for
// the "More" button. Entries expire after ttl; at most max are kept (the
// oldest go first). Safe for concurrent use.
type pages struct {
	mu      sync.Mutex
	ttl     time.Duration
	max     int
	now     func() time.Time
	entries map[string]*pageList
	seq     uint64 // insertion counter, to find the oldest list
}

type pageList struct {
	chatID  int64
	msgs    []string
	next    int // index of the first message not sent
	expires time.Time
	seq     uint64
}

func newPages(ttl time.Duration, max int) *pages {
	return &pages{ttl: ttl, max: max, now: time.Now, entries: make(map[string]*pageList)}
}

// put stores msgs (next is the index of the first one not sent yet) for
// chatID and returns the list's id, "" if no random id could be made.
func (p *pages) put(chatID int64, msgs []string, next int) string {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return ""
	}
	id := hex.EncodeToString(b[:])
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	for k, e := range p.entries {
		if now.After(e.expires) {
			delete(p.entries, k)
		}
	}
	for len(p.entries) >= p.max {
		oldest := ""
		for k, e := range p.entries {
			if oldest == "" || e.seq < p.entries[oldest].seq {
				oldest = k
			}
		}
		delete(p.entries, oldest)
	}
	p.seq++
	p.entries[id] = &pageList{chatID: chatID, msgs: msgs, next: next, seq: p.seq, expires: now.Add(p.ttl)}
	return id
}

// take returns the next n messages of list id in chatID when next matches
// where the list stands (a button pressed twice gets nothing the second
// time), and how many remain after them. ok is false for an unknown,
// expired, foreign or already used button.
func (p *pages) take(id string, chatID int64, next, n int) (msgs []string, left int, ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	e := p.entries[id]
	if e == nil || e.chatID != chatID || e.next != next {
		return nil, 0, false
	}
	if p.now().After(e.expires) {
		delete(p.entries, id)
		return nil, 0, false
	}
	end := min(e.next+n, len(e.msgs))
	msgs = e.msgs[e.next:end]
	e.next = end
	left = len(e.msgs) - end
	if left == 0 {
		delete(p.entries, id)
	}
	return msgs, left, true
}

func moreData(id string, next int) string {
	return morePrefix + id + ":" + strconv.Itoa(next)
}

// parseMoreData reads "more:<id>:<next>".
func parseMoreData(data string) (id string, next int, ok bool) {
	rest, found := strings.CutPrefix(data, morePrefix)
	if !found {
		return "", 0, false
	}
	id, n, found := strings.Cut(rest, ":")
	if !found || id == "" || len(id) > 32 {
		return "", 0, false
	}
	next, err := strconv.Atoi(n)
	if err != nil || next < 0 {
		return "", 0, false
	}
	return id, next, true
}
