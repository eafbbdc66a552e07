// Package telegram is the Telegram adapter: it receives updates from the Bot
// API (long polling or a webhook), turns messages into bot.Requests, and
// sends the replies rendered as Telegram HTML, within Telegram's rate
// limits.
//
// A reply's Actions become an inline keyboard of command buttons on its last
// text message; pressing one runs the command line as a request from the
// user who pressed it, in that chat (see handleCallback). Its Attachments
// follow the text, uploaded with sendPhoto (pictures up to 10 MB) or
// sendDocument, captioned with their Alt; one that cannot be delivered is
// logged and replaced by a short note.
//
// Updates of one getUpdates batch (or concurrent webhook requests) are
// handled by up to Options.Workers at once, those of one chat in order;
// the long-poll offset moves past a batch once all of it is handled, so an
// update is handled once, also across failures of the Bot API.
//
// Outages: a failing getUpdates is retried with a capped exponential
// backoff (RetryBase doubled up to RetryMax, 15 s by default; a 429's
// retry_after is honoured). Replies that cannot be sent (5xx, network
// errors) stay queued and go out, once each and in order per chat, when
// the API answers again (see sender), unless they waited longer than
// OutageHold. Send, used for briefings and feed announcements, returns
// ErrUnavailable while the API is down and queues nothing then, so its
// caller retries; once it returns nil the adapter owns the delivery.
//
// It wraps github.com/go-telegram-bot-api/telegram-bot-api/v5 thinly: the
// SDK validates the token (getMe) and makes the calls, through an HTTP
// client that binds each call to a context and a deadline. Updates are
// decoded by this package (see update.go), since the SDK predates
// forward_origin. No SDK type leaves the package, and the token never
// appears in an error or a log line: every SDK error goes through a
// redactor.
package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/briefbot/briefbot/bot"
)

// Handler answers requests; *bot.Bot satisfies it.
type Handler interface {
	Respond(ctx context.Context, req *bot.Request) *bot.Reply
	Commands() []bot.Command
}

// StateStore keeps small values across restarts; *storage.DB satisfies it.
// The adapter keeps the long-poll offset under ("state", OffsetKey).
type StateStore interface {
	GetState(ctx context.Context, bucket, key string) ([]byte, error)
	PutState(ctx context.Context, bucket, key string, val []byte) error
}

// State bucket and key of the update offset: the decimal id of the first
// update not processed yet.
const (
	StateBucket = "state"
	OffsetKey   = "telegram_offset"
)

// Options configures an Adapter. Token is required; the tuning fields'
// zero values mean the production defaults given in brackets.
type Options struct {
	Token string // from @BotFather: 123456789:AA…
	// APIEndpoint is the Bot API's base URL, methods being called at
	// <base>/bot<token>/<method> ("http://127.0.0.1:8081" for a
	// self-hosted Bot API server); the SDK's format with two %s
	// ("http://host/bot%s/%s") is accepted too. "" is Telegram's own.
	APIEndpoint string
	// WebhookURL, when set, selects webhook mode: Run registers it with
	// setWebhook and serves updates on Listen (host:port), accepting only
	// requests that carry Secret (1–256 characters of A–Z a–z 0–9 _ -) in
	// X-Telegram-Bot-Api-Secret-Token. Empty: long polling.
	WebhookURL string
	Listen     string
	Secret     string
	// AllowedChats, when not empty, are the only chats served; others get
	// a short refusal.
	AllowedChats []int64
	// LinkIntake hands messages that are just a link to the Handler. When
	// false (until the bot can fetch links) the adapter answers them
	// itself, saying it cannot read links yet.
	LinkIntake bool

	PollTimeout    time.Duration // getUpdates long-poll wait, whole seconds [30 s]
	RequestTimeout time.Duration // deadline of any other call, added to PollTimeout for getUpdates [30 s]
	RetryBase      time.Duration // first delay after a 5xx or network error, doubled each retry [1 s]
	RetryMax       time.Duration // longest such delay, so polling and sending resume soon after an outage [15 s]
	// MaxAttempts is how many times a message may fail with a 5xx or a
	// network error before it is dropped and logged, once other messages
	// were delivered since its first failure [5]; through an outage (no
	// delivery at all) it is kept and retried until OutageHold has passed
	// since its first failure [30 min].
	MaxAttempts     int
	OutageHold      time.Duration
	ChatInterval    time.Duration // least time between two messages to one chat [1 s]
	GroupMax        int           // messages to one group (chat id < 0) per GroupWindow [20]
	GroupWindow     time.Duration // [1 min]
	PageSize        int           // messages of a long reply sent at once, and per "More" press [2]
	MaxUnpaged      int           // longest reply, in messages, sent whole without a "More" button [3]
	PageTTL         time.Duration // how long a "More" button works [1 h]
	DrainTimeout    time.Duration // after ctx ends, how long queued messages may still go out [1 s]
	RefusalInterval time.Duration // least time between two allowlist refusals to one chat [1 min]
	// Workers is how many updates of one getUpdates batch (or webhook
	// requests) are handled at once, each chat's in order [8]; 1 handles
	// them one at a time.
	Workers int
}

func (o Options) withDefaults() Options {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	defInt := func(n *int, v int) {
		if *n <= 0 {
			*n = v
		}
	}
	def(&o.PollTimeout, 30*time.Second)
	def(&o.RequestTimeout, 30*time.Second)
	def(&o.RetryBase, time.Second)
	def(&o.RetryMax, 15*time.Second)
	defInt(&o.MaxAttempts, 5)
	def(&o.OutageHold, 30*time.Minute)
	def(&o.ChatInterval, time.Second)
	defInt(&o.GroupMax, 20)
	def(&o.GroupWindow, time.Minute)
	defInt(&o.PageSize, 2)
	defInt(&o.MaxUnpaged, 3)
	o.MaxUnpaged = max(o.MaxUnpaged, o.PageSize)
	def(&o.PageTTL, time.Hour)
	def(&o.DrainTimeout, time.Second)
	def(&o.RefusalInterval, time.Minute)
	defInt(&o.Workers, 8)
	return o
}

// Texts the adapter answers itself.
const (
	refusalText = "Sorry, briefbot is not available in this chat."
	linkText    = "I cannot read links yet: paste the article's text, or forward the post itself."
	expiredText = "This list has expired; ask again."
)

// Adapter connects a Handler to Telegram. Create it with New, then call Run
// once.
type Adapter struct {
	lg       *slog.Logger
	h        Handler
	st       StateStore
	opts     Options
	red      *redactor
	api      *tgbotapi.BotAPI // as built by New; Run uses copies bound to its contexts
	username string           // the bot's, from getMe
	allowed  map[int64]bool
	cmdNames map[string]bool // command names and aliases, lower case
	pages    *pages
	cmds     *commands // long command lines of buttons

	running  atomic.Bool
	call     *tgbotapi.BotAPI // bound to Run's ctx: getUpdates, answers, setup
	sender   *sender
	ready    chan struct{} // closed once Run has set up the sender
	pollDown atomic.Bool   // the last getUpdates failed (5xx, network)
	apiUp    chan struct{} // signalled by the sender when a delivery ends an outage

	mu      sync.Mutex // guards refused
	refused map[int64]time.Time

	hookMu    sync.Mutex // guards seen, seenIDs and chatLocks
	seen      map[int64]bool
	seenIDs   []int64
	chatLocks map[int64]*chatLock // webhook: one update of a chat at a time
	hookSem   chan struct{}       // webhook: at most Workers updates at once

	listening func(net.Addr) // tests: called with the webhook server's address
}

// secretRE is what Telegram accepts as a webhook secret_token.
var secretRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// New checks the options and the token (the SDK calls getMe, with
// RequestTimeout as deadline) and returns an adapter for the bot the token
// belongs to. Errors never contain the token.
func New(lg *slog.Logger, h Handler, st StateStore, opts Options) (*Adapter, error) {
	if lg == nil || h == nil || st == nil {
		return nil, errors.New("telegram: New needs a logger, a handler and a state store")
	}
	if strings.TrimSpace(opts.Token) == "" {
		return nil, errors.New("telegram: no bot token: set TELEGRAM_BOT_TOKEN to the token from @BotFather")
	}
	opts = opts.withDefaults()
	if opts.WebhookURL != "" {
		if opts.Listen == "" {
			return nil, errors.New("telegram: webhook mode needs an address to listen on (TELEGRAM_LISTEN)")
		}
		if !secretRE.MatchString(opts.Secret) {
			return nil, errors.New("telegram: webhook mode needs a secret token of 1-256 characters of A-Z, a-z, 0-9, _ and - (TELEGRAM_WEBHOOK_SECRET)")
		}
	}
	ep, err := endpointFormat(opts.APIEndpoint)
	if err != nil {
		return nil, fmt.Errorf("telegram: TELEGRAM_API_ENDPOINT: %w", err)
	}
	red := newRedactor(opts.Token, opts.Secret)
	hc := &ctxClient{hc: &http.Client{}, ctx: context.Background(), timeout: opts.RequestTimeout, poll: opts.PollTimeout}
	api, err := tgbotapi.NewBotAPIWithClient(opts.Token, ep, hc)
	if err != nil {
		ae := red.wrap("getMe", err)
		if ae.fatal() {
			return nil, fmt.Errorf("telegram: the Bot API refused the token (%w): check TELEGRAM_BOT_TOKEN", ae)
		}
		return nil, fmt.Errorf("telegram: connect: %w", ae)
	}
	a := &Adapter{
		ready: make(chan struct{}),
		apiUp: make(chan struct{}, 1),
		lg:    lg, h: h, st: st, opts: opts, red: red, api: api,
		username: api.Self.UserName,
		allowed:  make(map[int64]bool),
		cmdNames: make(map[string]bool),
		pages:    newPages(opts.PageTTL, 1000),
		cmds:     newCommands(maxStoredCmds),
		refused:  make(map[int64]time.Time),
		seen:     make(map[int64]bool),

		chatLocks: make(map[int64]*chatLock),
		hookSem:   make(chan struct{}, max(opts.Workers, 1)),
	}
	for _, id := range opts.AllowedChats {
		a.allowed[id] = true
	}
	for _, c := range h.Commands() {
		a.cmdNames[strings.ToLower(c.Name)] = true
		for _, al := range c.Aliases {
			a.cmdNames[strings.ToLower(al)] = true
		}
	}
	return a, nil
}

// Username returns the bot's username, from getMe.
func (a *Adapter) Username() string { return a.username }

// apiWith returns a copy of the SDK client whose calls are bound to ctx.
func (a *Adapter) apiWith(ctx context.Context) *tgbotapi.BotAPI {
	c := *a.api
	c.Client = &ctxClient{hc: &http.Client{}, ctx: ctx, timeout: a.opts.RequestTimeout, poll: a.opts.PollTimeout}
	return &c
}

// Run serves Telegram until ctx ends: it registers the command menu
// (setMyCommands), then long-polls getUpdates (after deleteWebhook) or, in
// webhook mode, registers the webhook and serves it on Listen. Replies go
// out through a sender that keeps the rate limits. When ctx ends, Run aborts
// the pending long poll, gives queued messages DrainTimeout to go out, and
// returns nil, within about DrainTimeout+1 s. It returns an error early
// when the token is refused, when the webhook cannot be set or served, or
// when the offset cannot be read. Run may be called once.
func (a *Adapter) Run(ctx context.Context) error {
	if !a.running.CompareAndSwap(false, true) {
		return errors.New("telegram: Run called twice")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sendCtx, cancelSend := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelSend()
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(a.opts.DrainTimeout, cancelSend) })
	defer stop()

	a.call = a.apiWith(ctx)
	sendAPI := a.apiWith(sendCtx)
	a.sender = newSender(a.lg, senderConfig{
		chatInterval: a.opts.ChatInterval,
		groupMax:     a.opts.GroupMax,
		groupWindow:  a.opts.GroupWindow,
		retryBase:    a.opts.RetryBase,
		retryMax:     a.opts.RetryMax,
		maxAttempts:  a.opts.MaxAttempts,
		maxFloods:    10,
		maxQueue:     500,
		hold:         a.opts.OutageHold,
	}, func(_ context.Context, m *outMsg) *apiError { return a.sendMessage(sendAPI, m) })
	a.sender.up = a.apiUp
	close(a.ready)
	var wg sync.WaitGroup
	wg.Go(func() { a.sender.run(ctx, sendCtx) })

	a.setCommands()
	var err error
	if a.opts.WebhookURL != "" {
		err = a.serveWebhook(ctx)
	} else {
		err = a.poll(ctx)
	}
	cancel()
	wg.Wait()
	return err
}

// setCommands registers the command table as the bot's menu. Names
// Telegram does not accept (1–32 of a–z, 0–9, _) are left out.
func (a *Adapter) setCommands() {
	var cmds []tgbotapi.BotCommand
	for _, c := range a.h.Commands() {
		name := strings.ToLower(c.Name)
		if !commandNameRE.MatchString(name) {
			continue
		}
		desc := clean(c.Summary)
		if len([]rune(desc)) < 3 {
			desc = "/" + name
		}
		if r := []rune(desc); len(r) > 256 {
			desc = string(r[:255]) + "…"
		}
		cmds = append(cmds, tgbotapi.BotCommand{Command: name, Description: desc})
	}
	if len(cmds) == 0 {
		return
	}
	_, err := a.call.Request(tgbotapi.NewSetMyCommands(cmds...))
	if err := a.red.wrap("setMyCommands", err); err != nil {
		a.lg.Warn("telegram: command menu not set", "err", err)
	}
}

var commandNameRE = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

// poll is the long-polling loop.
func (a *Adapter) poll(ctx context.Context) error {
	if _, err := a.call.Request(tgbotapi.DeleteWebhookConfig{}); err != nil {
		if ae := a.red.wrap("deleteWebhook", err); !ae.canceled {
			a.lg.Warn("telegram: could not remove a webhook; getUpdates may fail while one is set", "err", ae)
		}
	}
	offset, err := a.loadOffset(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	a.lg.Info("telegram: polling for updates", "bot", a.username, "offset", offset)
	fails := 0
	for ctx.Err() == nil {
		// After a failure, a short poll: it answers at once, so a recovery
		// is seen (and Send accepts again) without waiting a long poll out.
		raws, err := a.getUpdates(offset, fails > 0)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if err.fatal() {
				return fmt.Errorf("telegram: the Bot API refused the token (%w): check TELEGRAM_BOT_TOKEN", err)
			}
			fails++
			d := a.backoff(fails)
			var up <-chan struct{}
			if err.code == 429 && err.retryAfter > 0 {
				d = err.retryAfter
			} else {
				a.pollDown.Store(true)
				up = a.apiUp // a delivery shows the API is back: poll at once
			}
			a.lg.Warn("telegram: getUpdates failed", "err", err, "retry_in", d, "failures", fails)
			sleep(ctx, d, up)
			continue
		}
		if fails > 0 {
			a.lg.Info("telegram: getUpdates works again", "after_failures", fails)
			a.pollDown.Store(false)
		}
		a.sender.polled(fails > 0)
		fails = 0
		var ups []tgUpdate
		for _, raw := range raws {
			u, ok := decodeUpdate(raw)
			if !ok {
				a.lg.Warn("telegram: undecodable update skipped", "bytes", len(raw))
				continue
			}
			if u.UpdateID < offset {
				continue
			}
			ups = append(ups, u)
		}
		if next := a.handleBatch(ctx, ups, offset); next != offset {
			offset = next
			a.saveOffset(ctx, offset)
		}
	}
	return nil
}

// handleBatch handles ups, in update_id order as getUpdates returns them,
// up to Workers at once, the updates of one chat one after the other in
// order. It returns once all are done, with the offset to ask for next:
// past the last update, or, when ctx ended first, the first update not
// done (it and the later ones not done are handled after a restart; with
// Workers > 1 a later one that was done may then be handled again).
func (a *Adapter) handleBatch(ctx context.Context, ups []tgUpdate, offset int64) int64 {
	done := make([]bool, len(ups))
	if a.opts.Workers <= 1 || len(ups) <= 1 {
		for i, u := range ups {
			if !a.handleUpdate(ctx, u) {
				break
			}
			done[i] = true
		}
	} else {
		var order []int64
		byChat := make(map[int64][]int)
		for i, u := range ups {
			k := u.chatKey()
			if _, ok := byChat[k]; !ok {
				order = append(order, k)
			}
			byChat[k] = append(byChat[k], i)
		}
		sem := make(chan struct{}, a.opts.Workers)
		var wg sync.WaitGroup
		for _, k := range order {
			sem <- struct{}{}
			wg.Go(func() {
				defer func() { <-sem }()
				for _, i := range byChat[k] {
					if !a.handleUpdate(ctx, ups[i]) {
						return
					}
					done[i] = true
				}
			})
		}
		wg.Wait()
	}
	next := offset
	for i, u := range ups {
		if !done[i] {
			break
		}
		next = u.UpdateID + 1
	}
	return next
}

func (a *Adapter) backoff(fails int) time.Duration {
	d := a.opts.RetryBase << min(fails-1, 20)
	if d > a.opts.RetryMax || d <= 0 {
		d = a.opts.RetryMax
	}
	return d
}

// sleep waits d, or until ctx ends or wake is signalled (nil: never).
func sleep(ctx context.Context, d time.Duration, wake <-chan struct{}) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	case <-wake:
	}
}

// getUpdates long-polls for updates from offset on (with short, it does
// not wait for any) and returns them raw.
func (a *Adapter) getUpdates(offset int64, short bool) ([]json.RawMessage, *apiError) {
	timeout := int((a.opts.PollTimeout + time.Second - 1) / time.Second)
	if short {
		timeout = 0
	}
	p := tgbotapi.Params{
		"timeout":         strconv.Itoa(timeout),
		"allowed_updates": `["message","channel_post","callback_query"]`,
	}
	if offset > 0 {
		p["offset"] = strconv.FormatInt(offset, 10)
	}
	resp, err := a.call.MakeRequest("getUpdates", p)
	if err != nil {
		return nil, a.red.wrap("getUpdates", err)
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(resp.Result, &raws); err != nil {
		return nil, a.red.wrap("getUpdates", fmt.Errorf("decode result: %w", err))
	}
	return raws, nil
}

func (a *Adapter) loadOffset(ctx context.Context) (int64, error) {
	b, err := a.st.GetState(ctx, StateBucket, OffsetKey)
	if err != nil {
		return 0, fmt.Errorf("telegram: read update offset: %w", err)
	}
	if len(b) == 0 {
		return 0, nil
	}
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil || n < 0 {
		a.lg.Warn("telegram: stored update offset unreadable, starting afresh", "value_bytes", len(b))
		return 0, nil
	}
	return n, nil
}

// saveOffset stores offset, also when ctx has just ended (the updates
// before it were handled).
func (a *Adapter) saveOffset(ctx context.Context, offset int64) {
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel()
	if err := a.st.PutState(sctx, StateBucket, OffsetKey, []byte(strconv.FormatInt(offset, 10))); err != nil {
		a.lg.Error("telegram: could not save the update offset; updates may be handled again after a restart", "offset", offset, "err", err)
	}
}

// handleUpdate handles one update and reports whether it is done with; it
// is not when ctx ended before or while it was handled (its reply is then
// not sent, and a restart handles it again). A panic is logged, and the
// update counts as done so that it cannot stop the bot.
func (a *Adapter) handleUpdate(ctx context.Context, u tgUpdate) (done bool) {
	if ctx.Err() != nil {
		return false
	}
	defer func() {
		if r := recover(); r != nil {
			a.lg.Error("telegram: update handling panicked", "update_id", u.UpdateID, "panic", a.red.String(fmt.Sprint(r)))
			done = true
		}
	}()
	switch {
	case u.CallbackQuery != nil:
		return a.handleCallback(ctx, u.CallbackQuery)
	case u.Message != nil:
		return a.handleMessage(ctx, u.Message, false)
	case u.ChannelPost != nil:
		return a.handleMessage(ctx, u.ChannelPost, true)
	}
	return true
}

// handleMessage handles a message in a private chat, a group or (channel
// true) a channel the bot is an administrator of:
//   - a command addressed to another bot ("/timeline@otherbot") is ignored,
//     and so, in groups and channels, is an unknown command not addressed
//     to this bot (it may be another bot's);
//   - in private chats every text goes to the Handler, except a message
//     that is just a link (see Options.LinkIntake);
//   - in groups and channels, besides commands, only text long enough to be
//     an article (bot.LooksLikeArticle) goes to the Handler, silently
//     ingested in channels;
//   - a forwarded message's origin, and a channel post's channel, become
//     the request's Forward (the outlet when the text names none);
//   - the request's UserID is the sender's user id, else (an anonymous
//     group admin, a channel post, a user posting as a channel) the id of
//     the chat it was sent on behalf of, else empty; its ChatID is always
//     set.
//
// A chat not on the allowlist (Options.AllowedChats) gets nothing handled:
// messages that would be are answered with a refusal instead.
func (a *Adapter) handleMessage(ctx context.Context, m *message, channel bool) bool {
	text := m.text()
	if strings.TrimSpace(text) == "" || m.From != nil && m.From.IsBot {
		return true
	}
	private := m.Chat.Type == "private"
	chatID := m.Chat.ID
	p, isCmd := bot.ParseCommand(text)
	link := false
	if isCmd {
		if p.Bot != "" && !strings.EqualFold(p.Bot, a.username) {
			a.lg.Debug("telegram: command for another bot ignored", "chat", chatID, "bot", p.Bot)
			return true
		}
		if !private && p.Bot == "" && !a.cmdNames[p.Name] {
			a.lg.Debug("telegram: unknown command in a group ignored", "chat", chatID, "command", p.Name)
			return true
		}
		if p.Name == "start" && !a.cmdNames["start"] {
			text = "/help" // what Telegram sends when a user opens the bot
		}
	} else {
		link = !a.opts.LinkIntake && linkOnly(text, m.hasLinkEntity())
		if !private && (link || !bot.LooksLikeArticle(text)) {
			return true
		}
	}
	if len(a.allowed) > 0 && !a.allowed[chatID] {
		a.refuse(chatID)
		return true
	}
	var replyTo int64
	if !private && !channel {
		replyTo = m.MessageID
	}
	if link {
		a.sender.enqueue(&outMsg{chatID: chatID, text: escape(linkText)})
		return true
	}
	req := &bot.Request{Platform: "telegram", ChatID: strconv.FormatInt(chatID, 10), Text: text}
	switch {
	case m.From != nil:
		req.UserID = idString(m.From.ID)
	case m.SenderChat != nil:
		req.UserID = idString(m.SenderChat.ID)
	}
	if !isCmd {
		req.Forward = forwardOrigin(m)
		if req.Forward == nil && channel {
			req.Forward = channelOrigin(m)
		}
	}
	cmd := ""
	if isCmd {
		cmd = p.Name
	}
	a.lg.Info("telegram: request", "chat", chatID, "chat_type", m.Chat.Type, "command", cmd, "forwarded", req.Forward != nil)
	r := a.h.Respond(ctx, req)
	if ctx.Err() != nil {
		return false
	}
	if r == nil || channel && !isCmd {
		return true
	}
	a.sendReply(chatID, replyTo, r)
	return true
}

// sendReply queues r's messages; beyond MaxUnpaged messages, only the first
// PageSize go now, the last of them with a "More (N left)" button. The last
// message queued now also carries r's Actions as an inline keyboard of
// command buttons (under the "More" button). r's Attachments follow the
// messages, each as a photo or document (fileMsg); one that cannot be
// delivered is logged and replaced by a short note. It reports whether
// they were queued (false: the sender has stopped).
func (a *Adapter) sendReply(chatID, replyTo int64, r *bot.Reply) bool {
	msgs := Render(*r)
	now := msgs
	var rows [][]tgbotapi.InlineKeyboardButton
	if len(msgs) > a.opts.MaxUnpaged {
		if id := a.pages.put(chatID, msgs, a.opts.PageSize); id != "" {
			now = msgs[:a.opts.PageSize]
			rows = append(rows, moreRow(id, len(now), len(msgs)-len(now)))
		}
	}
	rows = append(rows, actionRows(a.cmds, chatID, r.Actions)...)
	out := a.textMsgs(chatID, replyTo, now, keyboard(rows))
	for _, att := range r.Attachments {
		out = append(out, fileMsg(chatID, att))
	}
	return a.sender.enqueue(out...)
}

func (a *Adapter) enqueue(chatID, replyTo int64, msgs []string, markup string) {
	if out := a.textMsgs(chatID, replyTo, msgs, markup); len(out) > 0 {
		a.sender.enqueue(out...)
	}
}

// textMsgs returns msgs as queued messages, the first answering replyTo,
// the last with markup.
func (a *Adapter) textMsgs(chatID, replyTo int64, msgs []string, markup string) []*outMsg {
	out := make([]*outMsg, len(msgs))
	for i, t := range msgs {
		out[i] = &outMsg{chatID: chatID, text: t}
	}
	if len(out) == 0 {
		return nil
	}
	out[0].replyTo = replyTo
	out[len(out)-1].markup = markup
	return out
}

// moreRow is the keyboard row of a "More" button.
func moreRow(id string, next, left int) []tgbotapi.InlineKeyboardButton {
	return tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(fmt.Sprintf("More (%d left)", left), moreData(id, next)))
}

// moreMarkup is the reply_markup of a "More" button.
func moreMarkup(id string, next, left int) string {
	return keyboard([][]tgbotapi.InlineKeyboardButton{moreRow(id, next, left)})
}

// handleCallback answers a callback query, always: a command button (a
// reply's Action) runs its command line as a request from the user who
// pressed it, in the button's chat, answered like a typed command (in
// groups, as a reply to the button's message); a command button no longer
// known is answered with buttonExpiredText; a "More" button sends the next
// messages of its list; any other, expired or already used button is
// answered with expiredText. It reports whether the query is done with, as
// handleMessage does.
func (a *Adapter) handleCallback(ctx context.Context, cq *callbackQuery) bool {
	if cq.Message == nil {
		a.answer(cq.ID, expiredText)
		return true
	}
	chatID := cq.Message.Chat.ID
	if len(a.allowed) > 0 && !a.allowed[chatID] {
		a.lg.Info("telegram: button pressed in a chat not on the allowlist", "chat", chatID)
		a.answer(cq.ID, refusalText)
		return true
	}
	if cmd, isCmd := a.buttonCommand(cq.Data, chatID); isCmd {
		if cmd == "" {
			a.answer(cq.ID, buttonExpiredText)
			return true
		}
		a.answer(cq.ID, "")
		return a.runButton(ctx, cq, cmd)
	}
	id, next, ok := parseMoreData(cq.Data)
	var msgs []string
	var left int
	if ok {
		msgs, left, ok = a.pages.take(id, chatID, next, a.opts.PageSize)
	}
	if !ok {
		a.answer(cq.ID, expiredText)
		return true
	}
	a.answer(cq.ID, "")
	markup := ""
	if left > 0 {
		markup = moreMarkup(id, next+len(msgs), left)
	}
	a.enqueue(chatID, 0, msgs, markup)
	return true
}

// runButton asks the Handler the command line cmd of a pressed button and
// queues the reply.
func (a *Adapter) runButton(ctx context.Context, cq *callbackQuery, cmd string) bool {
	m := cq.Message
	req := &bot.Request{Platform: "telegram", ChatID: strconv.FormatInt(m.Chat.ID, 10), UserID: idString(cq.From.ID), Text: "/" + cmd}
	name := ""
	if p, ok := bot.ParseCommand(req.Text); ok {
		name = p.Name
	}
	a.lg.Info("telegram: button", "chat", m.Chat.ID, "chat_type", m.Chat.Type, "command", name)
	r := a.h.Respond(ctx, req)
	if ctx.Err() != nil {
		return false
	}
	if r == nil {
		return true
	}
	var replyTo int64
	if m.Chat.Type != "private" && m.Chat.Type != "channel" {
		replyTo = m.MessageID
	}
	a.sendReply(m.Chat.ID, replyTo, r)
	return true
}

// answer answers a callback query at once (not through the sender's
// queues: Telegram shows a spinner until it is answered).
func (a *Adapter) answer(id, text string) {
	_, err := a.call.Request(tgbotapi.NewCallback(id, text))
	if err := a.red.wrap("answerCallbackQuery", err); err != nil && !err.canceled {
		a.lg.Warn("telegram: callback query not answered", "err", err)
	}
}

// refuse logs a message from a chat not on the allowlist and answers it
// with refusalText, at most once per RefusalInterval per chat.
func (a *Adapter) refuse(chatID int64) {
	a.lg.Info("telegram: message from a chat not on the allowlist refused", "chat", chatID)
	now := time.Now()
	a.mu.Lock()
	last, seen := a.refused[chatID]
	send := !seen || now.Sub(last) >= a.opts.RefusalInterval
	if send {
		a.refused[chatID] = now
		if len(a.refused) > 10000 {
			for k, t := range a.refused {
				if now.Sub(t) >= a.opts.RefusalInterval {
					delete(a.refused, k)
				}
			}
		}
	}
	a.mu.Unlock()
	if send {
		a.sender.enqueue(&outMsg{chatID: chatID, text: escape(refusalText)})
	}
}

// sendMessage makes one sendMessage call, or for a file, one sendPhoto or
// sendDocument call (sendFile).
func (a *Adapter) sendMessage(api *tgbotapi.BotAPI, m *outMsg) *apiError {
	if m.file != nil {
		return a.sendFile(api, m)
	}
	p := tgbotapi.Params{
		"chat_id":                  strconv.FormatInt(m.chatID, 10),
		"text":                     m.text,
		"parse_mode":               "HTML",
		"disable_web_page_preview": "true",
		"link_preview_options":     `{"is_disabled":true}`,
	}
	if m.markup != "" {
		p["reply_markup"] = m.markup
	}
	if m.replyTo != 0 {
		p["reply_parameters"] = replyParameters(m.replyTo)
	}
	_, err := api.MakeRequest("sendMessage", p)
	e := a.red.wrap("sendMessage", err)
	if e != nil && e.code == 400 && strings.Contains(strings.ToLower(e.msg), "can't parse entities") {
		// Telegram refused the HTML: send the same words as plain text
		// rather than lose the reply
		a.lg.Warn("telegram refused the HTML of a message; sending it as plain text", "chat", m.chatID, "err", e.msg)
		delete(p, "parse_mode")
		p["text"] = plainText(m.text)
		_, err = api.MakeRequest("sendMessage", p)
		return a.red.wrap("sendMessage", err)
	}
	return e
}

// replyParameters is the reply_parameters JSON of an answer to message id.
func replyParameters(id int64) string {
	return fmt.Sprintf(`{"message_id":%d,"allow_sending_without_reply":true}`, id)
}

// plainText turns a message of Telegram HTML into plain text: tags dropped,
// a link's URL kept after its text, entities decoded.
func plainText(h string) string {
	var b strings.Builder
	href := ""
	for i := 0; i < len(h); {
		if h[i] != '<' {
			b.WriteByte(h[i])
			i++
			continue
		}
		end := strings.IndexByte(h[i:], '>')
		if end < 0 {
			b.WriteString(h[i:])
			break
		}
		tag := h[i : i+end+1]
		switch {
		case strings.HasPrefix(tag, "<a "):
			if j := strings.Index(tag, `href="`); j >= 0 {
				if k := strings.IndexByte(tag[j+6:], '"'); k >= 0 {
					href = tag[j+6 : j+6+k]
				}
			}
		case tag == "</a>" && href != "":
			b.WriteString(" (" + href + ")")
			href = ""
		}
		i += end + 1
	}
	return html.UnescapeString(b.String())
}

// idString is a Telegram id as a Request's UserID: "" for 0 (missing).
func idString(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// chatLock serializes the webhook updates of one chat.
type chatLock struct {
	mu   sync.Mutex
	refs int // holders and waiters; the entry goes when it drops to 0
}

// lockChat locks chat k for a webhook update and returns the unlock.
func (a *Adapter) lockChat(k int64) func() {
	a.hookMu.Lock()
	l := a.chatLocks[k]
	if l == nil {
		l = &chatLock{}
		a.chatLocks[k] = l
	}
	l.refs++
	a.hookMu.Unlock()
	l.mu.Lock()
	return func() {
		l.mu.Unlock()
		a.hookMu.Lock()
		if l.refs--; l.refs == 0 {
			delete(a.chatLocks, k)
		}
		a.hookMu.Unlock()
	}
}

// rememberUpdate records a webhook update id and reports whether it was
// new; the last 1024 ids are kept. Call with hookMu held.
func (a *Adapter) rememberUpdate(id int64) bool {
	if a.seen[id] {
		return false
	}
	a.seen[id] = true
	a.seenIDs = append(a.seenIDs, id)
	if len(a.seenIDs) > 1024 {
		delete(a.seen, a.seenIDs[0])
		a.seenIDs = slices.Delete(a.seenIDs, 0, 1)
	}
	return true
}

// forgetUpdate undoes rememberUpdate for an update not handled, so that
// Telegram's next delivery of it is. Call with hookMu held.
func (a *Adapter) forgetUpdate(id int64) {
	delete(a.seen, id)
	if i := slices.Index(a.seenIDs, id); i >= 0 {
		a.seenIDs = slices.Delete(a.seenIDs, i, i+1)
	}
}

// ErrUnavailable is returned (wrapped) by Send while the Bot API is down.
var ErrUnavailable = errors.New("the Telegram Bot API is unavailable; try again later")

// Send queues a reply the bot was not asked for (a new feed item, a
// scheduled briefing) to a chat, with the same rate limits, retries and
// "More" paging as answers; before Run has started it waits for it (or
// for ctx).
//
// An error means nothing was queued, so the caller may (and should) try
// again later: the chat id is malformed, ctx ended, Run has stopped, or
// the Bot API is down (ErrUnavailable: the last getUpdates failed, or
// sends to several chats failed with no delivery since). nil means the
// messages are queued and the adapter owns their delivery, retrying them
// through failures as it does answers (see Options.MaxAttempts): the
// caller must not send them again.
func (a *Adapter) Send(ctx context.Context, chatID string, r *bot.Reply) error {
	id, err := strconv.ParseInt(chatID, 10, 64)
	if err != nil {
		return fmt.Errorf("telegram send: %q is not a chat id", chatID)
	}
	select {
	case <-a.ready:
	case <-ctx.Done():
		return fmt.Errorf("telegram send to %d: %w", id, ctx.Err())
	}
	if a.pollDown.Load() || a.sender.down() {
		return fmt.Errorf("telegram send to %d: %w", id, ErrUnavailable)
	}
	if !a.sendReply(id, 0, r) {
		return fmt.Errorf("telegram send to %d: the adapter has stopped", id)
	}
	return nil
}
