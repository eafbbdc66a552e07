package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	slackapi "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/briefbot/briefbot/bot"
)

// Handler is what the adapter needs from the bot; *bot.Bot satisfies it.
type Handler interface {
	Respond(ctx context.Context, req *bot.Request) *bot.Reply
	Commands() []bot.Command
}

// Options configures an Adapter. The tuning fields at the end may be left
// zero: zero means the production default given in each comment.
type Options struct {
	BotToken      string // SLACK_BOT_TOKEN, xoxb-…; always needed
	AppToken      string // SLACK_APP_TOKEN, xapp-…; needed for Socket Mode
	SigningSecret string // SLACK_SIGNING_SECRET; needed in HTTP mode
	// APIURL is the Web API base URL (SLACK_API_URL), e.g.
	// "http://127.0.0.1:9000/api/"; "" means Slack's own.
	APIURL string
	// Listen is the host:port to serve the Events API, slash commands and
	// interactivity on over HTTP; "" means Socket Mode.
	Listen string
	// AllowedChannels and AllowedUsers, Slack ids, limit who may use the
	// bot: when either is non-empty a request passes when its channel or its
	// user is listed; everyone else gets a short refusal.
	AllowedChannels []string
	AllowedUsers    []string

	MaxConcurrent int           // requests worked on at once, each channel's in order (8)
	MaxRetries    int           // retries of a failed Web API call (4); <0 means none
	RetryBase     time.Duration // first wait after a 5xx or a dropped connection, doubled each time (500ms, at most 8s)
	MaxRetryAfter time.Duration // longest 429 Retry-After honoured; longer gives up (2m)
	PingInterval  time.Duration // Socket Mode: reconnect when Slack sent no ping for this long (30s)
	ShutdownGrace time.Duration // after ctx ends, how long Run lets requests in flight finish (1s)
	HTTPTimeout   time.Duration // one Web API call (20s)
	// ReconnectMax caps the wait between two attempts to reach Slack again
	// during an outage: reopening the Socket Mode websocket, and posting a
	// held reply (15s). A longer 429 Retry-After is still honoured.
	ReconnectMax time.Duration
	// HoldFor is how long a reply Slack could not take (5xx answers,
	// dropped connections: an outage) is held and tried again before the
	// user is told it failed (10m).
	HoldFor time.Duration
}

// ShortcutCallbackID is the callback id of the "Analyze with briefbot"
// message shortcut, as declared in the manifest.
const ShortcutCallbackID = "analyze_message"

const (
	maxBackoff = 8 * time.Second
	dedupeTTL  = 10 * time.Minute
	maxPending = 1024 // requests accepted but not yet answered (held ones included); beyond, "busy"
	maxBody    = 1 << 20
)

// Adapter connects a Handler to Slack. Create it with New, then call Run
// once.
type Adapter struct {
	lg   *slog.Logger
	h    Handler
	opts Options
	api  *slackapi.Client
	http *http.Client

	names     map[string]bool // command names and aliases, lower case
	allowCh   map[string]bool
	allowUser map[string]bool
	redactor  *strings.Replacer
	seen      *dedupe

	sem     chan struct{}
	pending atomic.Int64
	wg      sync.WaitGroup
	work    context.Context // requests' context; set by Run before any request

	laneMu sync.Mutex
	lanes  map[string][]func(context.Context) // channel → requests waiting their turn; present while its lane runs

	health  health       // whether Slack is reachable, and who waits for it
	sends   sendCache    // Send's progress on replies that failed part way
	connect atomic.Int64 // Socket Mode connections made

	botUserID, botID string // from auth.test

	userMu    sync.Mutex
	userNames map[string]string

	onListen func(addr string) // tests: called with the HTTP mode address
}

// New checks the options and returns an adapter. Errors name the setting to
// fix (SLACK_BOT_TOKEN, SLACK_APP_TOKEN, …) and never contain a token.
func New(lg *slog.Logger, h Handler, opts Options) (*Adapter, error) {
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	if h == nil {
		return nil, errors.New("slack: no handler")
	}
	if err := checkOptions(&opts); err != nil {
		return nil, err
	}
	a := &Adapter{
		lg:        lg.With("adapter", "slack"),
		h:         h,
		opts:      opts,
		names:     map[string]bool{},
		allowCh:   set(opts.AllowedChannels),
		allowUser: set(opts.AllowedUsers),
		seen:      newDedupe(dedupeTTL),
		sem:       make(chan struct{}, opts.MaxConcurrent),
		lanes:     map[string][]func(context.Context){},
		health:    health{back: make(chan struct{})},
		sends:     sendCache{m: map[string]sendProgress{}},
		userNames: map[string]string{},
		work:      context.Background(),
	}
	for _, c := range h.Commands() {
		a.names[strings.ToLower(c.Name)] = true
		for _, al := range c.Aliases {
			a.names[strings.ToLower(al)] = true
		}
	}
	var secrets []string
	for _, s := range []string{opts.BotToken, opts.AppToken, opts.SigningSecret} {
		if s != "" {
			secrets = append(secrets, s, "[redacted]")
		}
	}
	a.redactor = strings.NewReplacer(secrets...)
	// Keep a connection per working slot (and a few for Send and the
	// websocket's calls) open: the default 2 per host would make most
	// posts open a new TLS connection when many channels are answered.
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = opts.MaxConcurrent + 4
	a.http = &http.Client{Timeout: opts.HTTPTimeout, Transport: tr}
	apiOpts := []slackapi.Option{slackapi.OptionHTTPClient(a.http), slackapi.OptionLog(sdkLog{a})}
	if opts.APIURL != "" {
		apiOpts = append(apiOpts, slackapi.OptionAPIURL(opts.APIURL))
	}
	if opts.AppToken != "" {
		apiOpts = append(apiOpts, slackapi.OptionAppLevelToken(opts.AppToken))
	}
	a.api = slackapi.New(opts.BotToken, apiOpts...)
	return a, nil
}

func checkOptions(o *Options) error {
	var probs []string
	switch {
	case o.BotToken == "":
		probs = append(probs, "SLACK_BOT_TOKEN is missing: set the app's bot token (xoxb-…, from OAuth & Permissions)")
	case strings.HasPrefix(o.BotToken, "xapp-"):
		probs = append(probs, "SLACK_BOT_TOKEN holds an app-level token (xapp-…): the bot token starts with xoxb- (OAuth & Permissions); the xapp- token goes in SLACK_APP_TOKEN")
	case !strings.HasPrefix(o.BotToken, "xoxb-"):
		probs = append(probs, "SLACK_BOT_TOKEN does not start with xoxb-: use the Bot User OAuth Token (OAuth & Permissions), not a user or legacy token")
	}
	if o.Listen == "" {
		switch {
		case o.AppToken == "":
			probs = append(probs, "SLACK_APP_TOKEN is missing: Socket Mode needs an app-level token (xapp-…, Basic Information → App-Level Tokens, scope connections:write); or serve HTTP with --slack-listen and SLACK_SIGNING_SECRET")
		case strings.HasPrefix(o.AppToken, "xoxb-"):
			probs = append(probs, "SLACK_APP_TOKEN holds a bot token (xoxb-…): the app-level token starts with xapp- (Basic Information → App-Level Tokens)")
		case !strings.HasPrefix(o.AppToken, "xapp-"):
			probs = append(probs, "SLACK_APP_TOKEN does not start with xapp-: use an app-level token (Basic Information → App-Level Tokens)")
		}
	} else if o.SigningSecret == "" {
		probs = append(probs, "SLACK_SIGNING_SECRET is missing: HTTP mode needs the app's signing secret (Basic Information → App Credentials) to verify requests")
	}
	if o.APIURL != "" {
		u, err := url.Parse(o.APIURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			probs = append(probs, fmt.Sprintf("SLACK_API_URL %q is not an http(s) URL such as http://127.0.0.1:9000/api/", o.APIURL))
		} else if !strings.HasSuffix(o.APIURL, "/") {
			o.APIURL += "/"
		}
	}
	if len(probs) > 0 {
		return errors.New("slack: " + strings.Join(probs, "; "))
	}
	if o.MaxConcurrent <= 0 {
		o.MaxConcurrent = 8
	}
	if o.MaxRetries == 0 {
		o.MaxRetries = 4
	} else if o.MaxRetries < 0 {
		o.MaxRetries = 0
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.RetryBase, 500*time.Millisecond)
	def(&o.MaxRetryAfter, 2*time.Minute)
	def(&o.PingInterval, 30*time.Second)
	def(&o.ShutdownGrace, time.Second)
	def(&o.HTTPTimeout, 20*time.Second)
	def(&o.ReconnectMax, 15*time.Second)
	def(&o.HoldFor, 10*time.Minute)
	return nil
}

func set(ids []string) map[string]bool {
	m := map[string]bool{}
	for _, id := range ids {
		if id = strings.TrimSpace(id); id != "" {
			m[id] = true
		}
	}
	return m
}

// Run connects to Slack and answers requests until ctx ends; then it stops
// taking requests, lets those in flight finish for Options.ShutdownGrace,
// cancels the rest and returns nil (well within 2 s). In Socket Mode the
// websocket is reopened by itself whenever it drops; in HTTP mode Run serves
// Options.Listen. Run returns an error at once when the bot token is refused
// (auth.test), the app token is refused, or the HTTP address cannot be
// listened on. Call Run once.
func (a *Adapter) Run(ctx context.Context) error {
	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	a.work = work

	if err := a.authTest(ctx); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	var err error
	if a.opts.Listen != "" {
		err = a.runHTTP(ctx)
	} else {
		err = a.runSocket(ctx)
	}
	a.drain(cancelWork)
	if ctx.Err() != nil {
		return nil
	}
	return err
}

func (a *Adapter) authTest(ctx context.Context) error {
	var res *slackapi.AuthTestResponse
	err := a.retry(ctx, "auth.test", func() error {
		var err error
		res, err = a.api.AuthTestContext(ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("slack: auth.test with SLACK_BOT_TOKEN failed: %s", a.redact(err))
	}
	a.botUserID, a.botID = res.UserID, res.BotID
	a.lg.Info("slack authenticated", "team", res.Team, "bot_user", res.UserID)
	return nil
}

// drain waits for requests in flight, at most ShutdownGrace, then cancels
// them and waits a little more for them to return.
func (a *Adapter) drain(cancelWork context.CancelFunc) {
	done := make(chan struct{})
	go func() {
		a.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return
	case <-time.After(a.opts.ShutdownGrace):
	}
	cancelWork()
	select {
	case <-done:
	case <-time.After(300 * time.Millisecond):
		a.lg.Warn("slack: requests still running at shutdown", "pending", a.pending.Load())
	}
}

// runSocket runs Socket Mode clients one after the other until ctx ends or
// the app token is refused. The SDK reconnects by itself, but its waits
// double up to 5 minutes; runSocketOnce stops a client whose next wait
// would exceed ReconnectMax, and a new one starts after ReconnectMax (or a
// longer Retry-After), so that attempts never stop for longer than that.
func (a *Adapter) runSocket(ctx context.Context) error {
	for {
		wait, err := a.runSocketOnce(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			return err
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil
		}
	}
}

// runSocketOnce runs one Socket Mode client. It returns an error when the
// app token is refused, nothing when ctx ends, and how long to wait before
// the next client when this one's reconnection backoff outgrew
// ReconnectMax.
func (a *Adapter) runSocketOnce(ctx context.Context) (time.Duration, error) {
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sm := socketmode.New(a.api, socketmode.OptionPingInterval(a.opts.PingInterval), socketmode.OptionLog(sdkLog{a}))
	errc := make(chan error, 1)
	go func() { errc <- sm.RunContext(cctx) }()
	restart := time.Duration(-1)
	for {
		select {
		case ev := <-sm.Events:
			if e, ok := ev.Data.(*slackapi.ConnectionErrorEvent); ok && ev.Type == socketmode.EventTypeConnectionError && e.Backoff > a.opts.ReconnectMax && restart < 0 {
				restart = a.opts.ReconnectMax
				var rl *slackapi.RateLimitedError
				if errors.As(e.ErrorObj, &rl) && rl.RetryAfter > restart {
					restart = rl.RetryAfter
				}
				a.lg.Warn("slack connection failed; retrying", "attempt", e.Attempt, "backoff", restart, "err", a.redact(e.ErrorObj))
				cancel()
				continue
			}
			a.onSocketEvent(ctx, sm, ev)
		case err := <-errc:
			switch {
			case ctx.Err() != nil:
				return 0, nil
			case restart >= 0:
				return restart, nil
			}
			return 0, fmt.Errorf("slack socket mode (SLACK_APP_TOKEN): %s", a.redact(err))
		}
	}
}

func (a *Adapter) onSocketEvent(ctx context.Context, sm *socketmode.Client, ev socketmode.Event) {
	switch ev.Type {
	case socketmode.EventTypeConnecting:
		a.lg.Debug("slack connecting")
	case socketmode.EventTypeConnected:
		if n := a.connect.Add(1) - 1; n == 0 {
			a.lg.Info("slack connected (Socket Mode)")
		} else {
			a.lg.Info("slack reconnected (Socket Mode)", "reconnects", n)
			a.health.up() // held replies: try now
		}
	case socketmode.EventTypeConnectionError:
		if e, ok := ev.Data.(*slackapi.ConnectionErrorEvent); ok {
			a.lg.Warn("slack connection failed; retrying", "attempt", e.Attempt, "backoff", e.Backoff, "err", a.redact(e.ErrorObj))
		}
	case socketmode.EventTypeInvalidAuth:
		a.lg.Error("slack refused SLACK_APP_TOKEN")
	case socketmode.EventTypeErrorBadMessage:
		// An envelope the SDK cannot parse (an event type it does not know):
		// acknowledge it anyway, or Slack delivers it again and again.
		bad, _ := ev.Data.(*socketmode.ErrorBadMessage)
		if bad == nil {
			return
		}
		var env struct {
			EnvelopeID string `json:"envelope_id"`
			Type       string `json:"type"`
		}
		_ = json.Unmarshal(bad.Message, &env)
		a.lg.Warn("slack envelope not understood", "type", env.Type, "err", a.redact(bad.Cause))
		if env.EnvelopeID != "" {
			actx, cancel := context.WithTimeout(ctx, 5*time.Second)
			defer cancel()
			_ = sm.AckCtx(actx, env.EnvelopeID, nil)
		}
	case socketmode.EventTypeIncomingError, socketmode.EventTypeErrorWriteFailed:
		a.lg.Warn("slack socket mode problem", "type", string(ev.Type), "detail", a.redact(fmt.Errorf("%v", ev.Data)))
	case socketmode.EventTypeSlashCommand, socketmode.EventTypeEventsAPI, socketmode.EventTypeInteractive:
		if ev.Request == nil {
			return
		}
		var in *incoming
		switch d := ev.Data.(type) {
		case slackapi.SlashCommand:
			in = a.fromSlash(d)
		case slackevents.EventsAPIEvent:
			in = a.fromEvent(d)
		case slackapi.InteractionCallback:
			in = a.fromInteraction(d)
		}
		var payload any
		if in != nil {
			in.keys = append(in.keys, "envelope:"+ev.Request.EnvelopeID)
			payload = a.accept(in)
		}
		actx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		if err := sm.AckCtx(actx, ev.Request.EnvelopeID, payload); err != nil && ctx.Err() == nil {
			a.lg.Warn("slack ack failed", "envelope", ev.Request.EnvelopeID, "err", a.redact(err))
		}
	default:
		a.lg.Debug("slack event", "type", string(ev.Type))
	}
}

// redact returns err's text with any token or secret replaced.
func (a *Adapter) redact(err error) string {
	if err == nil {
		return ""
	}
	return a.redactor.Replace(err.Error())
}

// sdkLog sends the SDK's own log lines (debug only) to slog, redacted.
type sdkLog struct{ a *Adapter }

func (l sdkLog) Output(_ int, s string) error {
	l.a.lg.Debug("slack sdk", "msg", l.a.redactor.Replace(strings.TrimSpace(s)))
	return nil
}

// dedupe remembers keys (envelope, event and trigger ids) for a while.
type dedupe struct {
	mu        sync.Mutex
	ttl       time.Duration
	seen      map[string]time.Time
	lastPrune time.Time
}

func newDedupe(ttl time.Duration) *dedupe {
	return &dedupe{ttl: ttl, seen: map[string]time.Time{}}
}

// firstTime records keys and reports whether none of them was recorded
// within the last ttl. Empty keys are ignored.
func (d *dedupe) firstTime(keys []string) bool {
	now := time.Now()
	d.mu.Lock()
	defer d.mu.Unlock()
	if now.Sub(d.lastPrune) > d.ttl/10 {
		for k, t := range d.seen {
			if now.Sub(t) > d.ttl {
				delete(d.seen, k)
			}
		}
		d.lastPrune = now
	}
	first := true
	for _, k := range keys {
		if strings.HasSuffix(k, ":") {
			continue
		}
		if t, ok := d.seen[k]; ok && now.Sub(t) <= d.ttl {
			first = false
		}
	}
	for _, k := range keys {
		if !strings.HasSuffix(k, ":") {
			d.seen[k] = now
		}
	}
	return first
}
