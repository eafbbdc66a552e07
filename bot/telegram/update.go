package telegram

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/bot"
)

// The adapter decodes updates itself, into the small structs below, rather
// than into the SDK's Update: the SDK predates forward_origin (Bot API 7.0)
// and knows only the removed forward_from* fields. Only the fields the
// adapter reads are declared; unknown fields are ignored.

type tgUpdate struct {
	UpdateID      int64          `json:"update_id"`
	Message       *message       `json:"message"`
	ChannelPost   *message       `json:"channel_post"`
	CallbackQuery *callbackQuery `json:"callback_query"`
}

type message struct {
	MessageID       int64          `json:"message_id"`
	From            *user          `json:"from"`
	SenderChat      *chat          `json:"sender_chat"`
	Chat            chat           `json:"chat"`
	Date            int64          `json:"date"`
	Text            string         `json:"text"`
	Caption         string         `json:"caption"`
	Entities        []entity       `json:"entities"`
	CaptionEntities []entity       `json:"caption_entities"`
	ForwardOrigin   *messageOrigin `json:"forward_origin"`

	// Fields of Bot API servers older than 7.0 (some self-hosted ones),
	// read only when forward_origin is absent.
	ForwardFrom          *user  `json:"forward_from"`
	ForwardFromChat      *chat  `json:"forward_from_chat"`
	ForwardFromMessageID int64  `json:"forward_from_message_id"`
	ForwardSenderName    string `json:"forward_sender_name"`
	ForwardDate          int64  `json:"forward_date"`
}

type user struct {
	ID        int64  `json:"id"`
	IsBot     bool   `json:"is_bot"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Username  string `json:"username"`
}

type chat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"` // private, group, supergroup, channel
	Title     string `json:"title"`
	Username  string `json:"username"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
}

type entity struct {
	Type string `json:"type"` // url, text_link, bot_command…
}

// messageOrigin is Bot API 7.0's MessageOrigin: type "user" (sender_user),
// "hidden_user" (sender_user_name), "chat" (sender_chat) or "channel" (chat,
// message_id), each with date and optional author_signature.
type messageOrigin struct {
	Type            string `json:"type"`
	Date            int64  `json:"date"`
	SenderUser      *user  `json:"sender_user"`
	SenderUserName  string `json:"sender_user_name"`
	SenderChat      *chat  `json:"sender_chat"`
	Chat            *chat  `json:"chat"`
	MessageID       int64  `json:"message_id"`
	AuthorSignature string `json:"author_signature"`
}

type callbackQuery struct {
	ID      string   `json:"id"`
	From    user     `json:"from"`
	Message *message `json:"message"`
	Data    string   `json:"data"`
}

// chatKey is the chat an update belongs to (0 when none): updates of one
// chat are handled in order.
func (u tgUpdate) chatKey() int64 {
	switch {
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil:
		return u.CallbackQuery.Message.Chat.ID
	case u.Message != nil:
		return u.Message.Chat.ID
	case u.ChannelPost != nil:
		return u.ChannelPost.Chat.ID
	}
	return 0
}

// decodeUpdate decodes one update; ok is false when raw is not a JSON
// object with a positive update_id.
func decodeUpdate(raw []byte) (u tgUpdate, ok bool) {
	if err := json.Unmarshal(raw, &u); err != nil {
		// A field of an unexpected type: keep at least the id, so the
		// offset moves past it.
		var id struct {
			UpdateID int64 `json:"update_id"`
		}
		if json.Unmarshal(raw, &id) != nil || id.UpdateID <= 0 {
			return tgUpdate{}, false
		}
		return tgUpdate{UpdateID: id.UpdateID}, true
	}
	return u, u.UpdateID > 0
}

// text returns the message's text, or its caption for media.
func (m *message) text() string {
	if m.Text != "" {
		return m.Text
	}
	return m.Caption
}

func (m *message) hasLinkEntity() bool {
	es := m.Entities
	if m.Text == "" {
		es = m.CaptionEntities
	}
	for _, e := range es {
		if e.Type == "url" || e.Type == "text_link" {
			return true
		}
	}
	return false
}

// forwardOrigin returns where a forwarded message came from, as the bot's
// Origin: Name is the channel's or chat's title (else @username) or the
// user's name; Date the original post's time in RFC 3339 (UTC); URL the
// post's t.me link for a public channel. nil when m is not forwarded.
func forwardOrigin(m *message) *bot.Origin {
	o := m.ForwardOrigin
	if o == nil {
		o = legacyOrigin(m)
		if o == nil {
			return nil
		}
	}
	var out bot.Origin
	switch o.Type {
	case "channel":
		if o.Chat != nil {
			out.Name = chatName(o.Chat)
			out.URL = postURL(o.Chat.Username, o.MessageID)
		}
	case "chat":
		if o.SenderChat != nil {
			out.Name = chatName(o.SenderChat)
		}
	case "user":
		if o.SenderUser != nil {
			out.Name = userName(o.SenderUser)
		}
	case "hidden_user":
		out.Name = clean(o.SenderUserName)
	}
	if o.Date > 0 {
		out.Date = time.Unix(o.Date, 0).UTC().Format(time.RFC3339)
	}
	return &out
}

// legacyOrigin builds a MessageOrigin from pre-7.0 forward_* fields.
func legacyOrigin(m *message) *messageOrigin {
	switch {
	case m.ForwardFromChat != nil && m.ForwardFromChat.Type == "channel":
		return &messageOrigin{Type: "channel", Date: m.ForwardDate, Chat: m.ForwardFromChat, MessageID: m.ForwardFromMessageID}
	case m.ForwardFromChat != nil:
		return &messageOrigin{Type: "chat", Date: m.ForwardDate, SenderChat: m.ForwardFromChat}
	case m.ForwardFrom != nil:
		return &messageOrigin{Type: "user", Date: m.ForwardDate, SenderUser: m.ForwardFrom}
	case m.ForwardSenderName != "":
		return &messageOrigin{Type: "hidden_user", Date: m.ForwardDate, SenderUserName: m.ForwardSenderName}
	}
	return nil
}

// channelOrigin is the origin of a post made in a channel the bot reads: the
// channel itself.
func channelOrigin(m *message) *bot.Origin {
	out := &bot.Origin{Name: chatName(&m.Chat), URL: postURL(m.Chat.Username, m.MessageID)}
	if m.Date > 0 {
		out.Date = time.Unix(m.Date, 0).UTC().Format(time.RFC3339)
	}
	return out
}

func chatName(c *chat) string {
	if t := clean(c.Title); t != "" {
		return t
	}
	if u := clean(c.Username); u != "" {
		return "@" + u
	}
	return clean(c.FirstName + " " + c.LastName)
}

func userName(u *user) string {
	if n := clean(u.FirstName + " " + u.LastName); n != "" {
		return n
	}
	if un := clean(u.Username); un != "" {
		return "@" + un
	}
	return ""
}

// clean collapses spaces and drops invalid UTF-8 from a name.
func clean(s string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "")), " ")
}

// usernameRE is Telegram's public username syntax.
var usernameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{3,31}$`)

// postURL is the t.me link of a post in a public channel, or "".
func postURL(username string, id int64) string {
	if id <= 0 || !usernameRE.MatchString(username) {
		return ""
	}
	return "https://t.me/" + username + "/" + strconv.FormatInt(id, 10)
}

// maxLinkWords is how many words besides its links a message may have and
// still count as "just a link".
const maxLinkWords = 8

// linkOnly reports whether text is essentially a link: it holds an http(s)
// URL (or www. address, or the message has a url/text_link entity) and, the
// links removed, at most maxLinkWords words.
func linkOnly(text string, hasEntity bool) bool {
	fields := strings.Fields(text)
	links, words := 0, 0
	for _, f := range fields {
		if isLink(f) {
			links++
		} else {
			words++
		}
	}
	if links == 0 && !hasEntity {
		return false
	}
	if hasEntity && links == 0 {
		// A text_link hides its URL behind words: judge by length alone.
		return !bot.LooksLikeArticle(text)
	}
	return words <= maxLinkWords
}

func isLink(f string) bool {
	f = strings.Trim(f, "<>()[]\"'.,;!?«»")
	l := strings.ToLower(f)
	if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") && !strings.HasPrefix(l, "www.") {
		return false
	}
	if !utf8.ValidString(f) {
		return false
	}
	if strings.HasPrefix(l, "www.") {
		f = "http://" + f
	}
	u, err := url.Parse(f)
	return err == nil && u.Host != "" && strings.Contains(u.Host, ".")
}
