package slack

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	slackapi "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/briefbot/briefbot/bot"
)

// incoming is one request from Slack, whatever way it came (slash command,
// mention, direct message, shortcut), with where its answer goes.
type incoming struct {
	kind        string   // "slash", "mention", "dm", "shortcut", "button", "send"
	keys        []string // dedupe keys: envelope, event, trigger, message ids
	channel     string
	user        string
	text        string      // bot.Request.Text
	forward     *bot.Origin // shortcut: where the message came from
	author      string      // shortcut: the message author's user id, resolved to a name later
	threadTS    string      // answer in this thread ("" = a new message, threaded after the first)
	responseURL string      // slash and shortcut: fallback when the channel is not accessible
	ephemeral   bool        // answer only to user
	notice      string      // answer with this note instead of asking the bot
	fileURL     string      // a DM'd snippet or text file to read as the text
}

// maxFileBytes is the largest snippet or text file read.
const maxFileBytes = 2 << 20

// textFile reports whether a shared file is a snippet or plain-text file
// small enough to read.
func textFile(f slackapi.File) bool {
	if f.URLPrivateDownload == "" || f.Size > maxFileBytes || f.IsExternal {
		return false
	}
	switch f.Filetype {
	case "text", "post", "markdown", "md", "txt", "space":
		return true
	}
	return strings.HasPrefix(f.Mimetype, "text/plain") || strings.HasPrefix(f.Mimetype, "text/markdown")
}

// readFile downloads a shared text file (files:read), at most maxFileBytes.
func (a *Adapter) readFile(ctx context.Context, url string) (string, error) {
	var buf limitedBuffer
	buf.limit = maxFileBytes
	if err := a.api.GetFileContext(ctx, url, &buf); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// limitedBuffer keeps at most limit bytes and then refuses more.
type limitedBuffer struct {
	strings.Builder
	limit int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.limit {
		return 0, errors.New("the file is larger than 2 MB")
	}
	return b.Builder.Write(p)
}

// fileNotice answers a file or snippet sent to the bot.
const fileNotice = "I read text snippets and plain-text files only. Paste the article as a message or a snippet, or send a link to it."

const (
	refusalText = "Sorry, briefbot is not enabled for you here. Ask an admin to add this channel or your user to its allowlist."
	busyText    = "Sorry, I am too busy right now. Please try again in a minute."
	failedText  = "Sorry, I could not deliver the reply. Please try again in a minute."
)

// fromSlash turns a slash command into a request "/command text". The
// umbrella command /briefbot takes the command as its first word
// ("/briefbot who ushakov" → "/who ushakov"), for the commands whose names
// Slack reserves and for workspaces where another app owns a name.
func (a *Adapter) fromSlash(c slackapi.SlashCommand) *incoming {
	name := strings.TrimPrefix(strings.TrimSpace(c.Command), "/")
	text := strings.TrimSpace("/" + name + " " + plainText(c.Text))
	if strings.EqualFold(name, UmbrellaCommand) {
		rest := strings.TrimSpace(plainText(c.Text))
		if rest == "" {
			rest = "help"
		}
		text = "/" + strings.TrimPrefix(rest, "/")
	}
	return &incoming{
		kind:        "slash",
		keys:        []string{"trigger:" + c.TriggerID},
		channel:     c.ChannelID,
		user:        c.UserID,
		text:        text,
		responseURL: c.ResponseURL,
	}
}

// fromEvent turns an app_mention, or a direct message from a person, into a
// request answered in the message's thread; other events give nil.
func (a *Adapter) fromEvent(e slackevents.EventsAPIEvent) *incoming {
	if e.Type != slackevents.CallbackEvent {
		return nil
	}
	eventID := ""
	if cb, ok := e.Data.(*slackevents.EventsAPICallbackEvent); ok {
		eventID = cb.EventID
	}
	var channel, user, text, ts, thread string
	kind := ""
	switch ev := e.InnerEvent.Data.(type) {
	case *slackevents.AppMentionEvent:
		if ev.BotID != "" {
			return nil
		}
		kind, channel, user, text, ts, thread = "mention", ev.Channel, ev.User, ev.Text, ev.TimeStamp, ev.ThreadTimeStamp
	case *slackevents.MessageEvent:
		// Only new messages typed by a person in a DM with the bot: no
		// edits, deletions, joins or bot posts (ours included). A file
		// share (Slack turns long pastes into snippets) is answered with
		// what to do instead, so it is not silently lost.
		if ev.ChannelType != "im" || ev.BotID != "" || ev.SubType != "" && ev.SubType != "file_share" {
			return nil
		}
		kind, channel, user, text, ts, thread = "dm", ev.Channel, ev.User, ev.Text, ev.TimeStamp, ev.ThreadTimeStamp
		if ev.SubType == "file_share" {
			if user == "" || user == a.botUserID {
				return nil
			}
			in := &incoming{kind: "dm", keys: []string{"event:" + eventID, "message:" + channel + "/" + ts},
				channel: channel, user: user, threadTS: firstNonEmpty(thread, ts), text: commandText(text, a.botUserID, a.names)}
			// a snippet or text file (Slack turns long pastes into
			// snippets) is read as the article; anything else is answered
			// with what to do instead
			if ev.Message != nil {
				for _, f := range ev.Message.Files {
					if textFile(f) {
						in.fileURL = f.URLPrivateDownload
						break
					}
				}
			}
			if in.fileURL == "" {
				in.notice = fileNotice
			}
			return in
		}
	default:
		return nil
	}
	if user == "" || user == a.botUserID || channel == "" {
		return nil
	}
	if thread == "" {
		thread = ts
	}
	return &incoming{
		kind:     kind,
		keys:     []string{"event:" + eventID, "message:" + channel + "/" + ts},
		channel:  channel,
		user:     user,
		text:     commandText(text, a.botUserID, a.names),
		threadTS: thread,
	}
}

// fromInteraction turns the "Analyze with briefbot" message shortcut into a
// request that ingests the message, and a click on one of the bot's command
// buttons into that command (fromButton); other interactions give nil.
func (a *Adapter) fromInteraction(cb slackapi.InteractionCallback) *incoming {
	if cb.Type == slackapi.InteractionTypeBlockActions {
		return fromButton(cb)
	}
	if cb.Type != slackapi.InteractionTypeMessageAction || cb.CallbackID != ShortcutCallbackID {
		return nil
	}
	channel := cb.Channel.ID
	label := channel
	if n := cb.Channel.Name; n != "" && n != "directmessage" && n != "privategroup" {
		label = "#" + n
	}
	author := cb.Message.User
	if author == "" {
		author = cb.Message.Username
	}
	in := &incoming{
		kind:        "shortcut",
		keys:        []string{"trigger:" + cb.TriggerID},
		channel:     channel,
		user:        cb.User.ID,
		text:        plainText(cb.Message.Text),
		forward:     &bot.Origin{Name: "Slack " + label, Date: tsTime(cb.Message.Timestamp)},
		author:      author,
		responseURL: cb.ResponseURL,
		ephemeral:   true,
	}
	if cb.Message.User == "" && cb.Message.Username != "" {
		in.author = ""
		in.forward.Name += " / " + cb.Message.Username
	}
	return in
}

// fromButton turns a block_actions click on a button Render made (action_id
// starting with ActionIDPrefix) into its command line ("/" + the button's
// value), asked by the user who clicked, in the channel of the message, and
// answered in that message's thread (ephemerally when the message was
// ephemeral). Other actions, and values that are empty or longer than a
// button may hold, give nil.
func fromButton(cb slackapi.InteractionCallback) *incoming {
	var act *slackapi.BlockAction
	for _, ba := range cb.ActionCallback.BlockActions {
		if ba != nil && (ba.ActionID == ActionIDPrefix || strings.HasPrefix(ba.ActionID, ActionIDPrefix+":")) {
			act = ba
			break
		}
	}
	if act == nil {
		return nil
	}
	cmd := commandLine(act.Value)
	if cmd == "" || units(act.Value) > maxButtonValue {
		return nil
	}
	channel := firstNonEmpty(cb.Channel.ID, cb.Container.ChannelID)
	if channel == "" || cb.User.ID == "" {
		return nil
	}
	in := &incoming{
		kind:        "button",
		keys:        []string{"trigger:" + cb.TriggerID, "action:" + channel + "/" + act.ActionTs},
		channel:     channel,
		user:        cb.User.ID,
		text:        "/" + cmd,
		responseURL: cb.ResponseURL,
		ephemeral:   cb.Container.IsEphemeral,
	}
	if !in.ephemeral {
		in.threadTS = firstNonEmpty(cb.Container.ThreadTs, cb.Message.ThreadTimestamp, cb.Container.MessageTs, cb.Message.Timestamp)
	}
	if act.ActionTs == "" {
		in.keys = in.keys[:1]
	}
	return in
}

// accept decides what to do with a request at once, before Slack is
// acknowledged: drop a duplicate, refuse one from outside the allowlist, or
// start answering it in the background. It returns the payload for the
// acknowledgement (a refusal shown to the user of a slash command), or nil.
func (a *Adapter) accept(in *incoming) any {
	if in.channel == "" || in.user == "" {
		// every request the bot sees names its chat and its user (the
		// allowlists and admin commands rely on them)
		a.lg.Warn("slack request ignored: no channel or no user", "kind", in.kind, "channel", in.channel, "user", in.user)
		return nil
	}
	if !a.seen.firstTime(in.keys) {
		a.lg.Info("slack duplicate delivery ignored", "kind", in.kind, "channel", in.channel)
		return nil
	}
	if !a.allowed(in.channel, in.user) {
		a.lg.Warn("slack request refused: channel and user not on the allowlist", "kind", in.kind, "channel", in.channel, "user", in.user)
		if in.kind == "slash" {
			return map[string]string{"response_type": "ephemeral", "text": refusalText}
		}
		a.background(func(ctx context.Context) { a.tell(ctx, in, refusalText) })
		return nil
	}
	if a.pending.Load() >= maxPending {
		a.lg.Warn("slack request refused: too many pending", "kind", in.kind, "channel", in.channel)
		if in.kind == "slash" {
			return map[string]string{"response_type": "ephemeral", "text": busyText}
		}
		return nil
	}
	a.enqueue(in.channel, func(ctx context.Context) { a.serve(ctx, in) })
	return nil
}

func (a *Adapter) allowed(channel, user string) bool {
	if len(a.allowCh) == 0 && len(a.allowUser) == 0 {
		return true
	}
	return a.allowCh[channel] || a.allowUser[user]
}

// background runs f on the requests' context, at most MaxConcurrent at once.
func (a *Adapter) background(f func(ctx context.Context)) {
	ctx := a.work
	a.wg.Add(1)
	a.pending.Add(1)
	go func() {
		defer a.wg.Done()
		defer a.pending.Add(-1)
		select {
		case a.sem <- struct{}{}:
		case <-ctx.Done():
			return
		}
		defer func() { <-a.sem }()
		defer func() {
			if r := recover(); r != nil { // a bug must not take the other adapters down
				a.lg.Error("slack request panicked", "panic", fmt.Sprint(r))
			}
		}()
		f(ctx)
	}()
}

// serve answers one request and delivers the reply, holding it through
// an outage. It works in one of the MaxConcurrent slots, except while the
// reply is held: the slot it answered in is kept for the first attempt to
// post, then given back.
func (a *Adapter) serve(ctx context.Context, in *incoming) {
	start := time.Now()
	if !a.acquire(ctx) {
		return
	}
	var slot sync.Once // the slot is kept for the first delivery attempt
	defer slot.Do(a.release)
	reply := a.answer(ctx, in)
	n, err := a.deliverReply(ctx, in, reply, func() { slot.Do(a.release) })
	if err != nil {
		a.lg.Error("slack reply not delivered", "kind", in.kind, "channel", in.channel, "messages", n, "err", a.redact(err))
		a.tellFailure(ctx, in)
		return
	}
	a.lg.Info("slack request answered", "kind", in.kind, "channel", in.channel, "command", reply.Command,
		"text_len", len(in.text), "messages", n, "files", len(reply.Attachments), "took", time.Since(start).Round(time.Millisecond))
}

// answer asks the bot (or reads the file first, or gives the notice); it
// never returns nil.
func (a *Adapter) answer(ctx context.Context, in *incoming) *bot.Reply {
	if in.forward != nil && in.author != "" {
		in.forward.Name += " / " + a.userName(ctx, in.author)
	}
	var reply *bot.Reply
	if in.fileURL != "" {
		content, err := a.readFile(ctx, in.fileURL)
		if err != nil {
			a.lg.Warn("slack file not read", "channel", in.channel, "err", a.redact(err))
			in.notice = "I could not read that file. Paste the article as a message, or send a link to it."
		} else {
			in.text = strings.TrimSpace(in.text + "\n\n" + content)
		}
	}
	if in.notice != "" {
		reply = &bot.Reply{Title: in.notice, Items: []bot.Item{}}
	} else {
		req := &bot.Request{Platform: "slack", ChatID: in.channel, UserID: in.user, Text: in.text, Forward: in.forward}
		reply = a.h.Respond(ctx, req)
	}
	if reply == nil {
		reply = &bot.Reply{Title: "Sorry, something went wrong on my side.", Items: []bot.Item{}, Error: true}
	}
	return reply
}

// userName returns a display name for a user id (users.info, cached), or the
// id when it cannot be had.
func (a *Adapter) userName(ctx context.Context, id string) string {
	a.userMu.Lock()
	n, ok := a.userNames[id]
	a.userMu.Unlock()
	if ok {
		return n
	}
	u, err := a.api.GetUserInfoContext(ctx, id)
	if err != nil {
		a.lg.Warn("slack users.info failed; using the id", "user", id, "err", a.redact(err))
		return id
	}
	n = firstNonEmpty(u.Profile.DisplayName, u.Profile.RealName, u.RealName, u.Name, id)
	a.userMu.Lock()
	a.userNames[id] = n
	a.userMu.Unlock()
	return n
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// tsTime turns a Slack message ts ("1712345678.000200") into RFC 3339 UTC,
// or "" when it is not one.
func tsTime(ts string) string {
	sec, _, _ := strings.Cut(ts, ".")
	n, err := strconv.ParseInt(sec, 10, 64)
	if err != nil || n <= 0 || n > 1<<40 {
		return ""
	}
	return time.Unix(n, 0).UTC().Format(time.RFC3339)
}

// commandText reads a mention or direct message: mentions of the bot are
// removed and Slack markup made plain; then text that starts with a known
// command name, with or without "/", becomes "/name args" ("timeline
// witkoff" → "/timeline witkoff"). Anything else (an article, a greeting) is
// returned as it is, for the bot to ingest or to answer with a hint; so is
// text long enough to be an article, even when its first word is a command
// name ("Who said…").
func commandText(text, botUserID string, names map[string]bool) string {
	if botUserID != "" {
		text = strings.ReplaceAll(text, "<@"+botUserID+">", " ")
		// "<@UBOT|briefbot>" form.
		for {
			i := strings.Index(text, "<@"+botUserID+"|")
			if i < 0 {
				break
			}
			j := strings.IndexByte(text[i:], '>')
			if j < 0 {
				break
			}
			text = text[:i] + " " + text[i+j+1:]
		}
	}
	s := strings.TrimSpace(plainText(text))
	if strings.HasPrefix(s, "/") {
		return s
	}
	if bot.LooksLikeArticle(s) {
		return s // "Who said…" opening an article is no command
	}
	first, rest := s, ""
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		first, rest = s[:i], s[i:]
	}
	name := strings.ToLower(strings.TrimRight(first, ":,"))
	if names[name] {
		return strings.TrimSpace("/" + name + " " + strings.TrimSpace(rest))
	}
	return s
}

// plainText turns Slack message markup into plain text: user, channel and
// group mentions become "@name"/"#name" (or the id), links their label or
// URL, special mentions "@here"; then &lt; &gt; &amp; are unescaped. A "<"
// without a closing ">" is kept.
func plainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		b.WriteString(markup(s[i+1 : i+j]))
		s = s[i+j+1:]
	}
	b.WriteString(s)
	return entityReplacer.Replace(b.String())
}

var entityReplacer = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")

// markup renders the inside of one <…> element.
func markup(m string) string {
	target, label, hasLabel := strings.Cut(m, "|")
	switch {
	case strings.HasPrefix(target, "@"):
		if hasLabel && label != "" {
			return "@" + strings.TrimPrefix(label, "@")
		}
		return target
	case strings.HasPrefix(target, "#"):
		if hasLabel && label != "" {
			return "#" + label
		}
		return target
	case strings.HasPrefix(target, "!"):
		if hasLabel && label != "" {
			return label
		}
		name, _, _ := strings.Cut(target[1:], "^")
		return "@" + name
	}
	if hasLabel && label != "" {
		return label
	}
	return strings.TrimPrefix(target, "mailto:")
}
