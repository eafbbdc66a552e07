package slack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
)

// progress is how far the delivery of a reply got, so that trying again
// never posts a message twice.
type progress struct {
	sent    int    // messages posted
	thread  string // the thread the next messages go in ("" = none yet)
	viaHook bool   // the messages go through the response_url
}

// deliver posts msgs[p.sent:] where in's answer goes, advancing p after
// each message posted:
//   - ephemeral (shortcut): chat.postEphemeral to the user, one call per
//     message;
//   - otherwise chat.postMessage in the channel: in in.threadTS when set
//     (mentions, DMs), else the first message starts the thread the others
//     follow in (slash commands).
//
// When the first post fails because the bot cannot post there (not in the
// channel, a DM between other people) and Slack gave a response_url, all
// messages go through it instead (response_type in_channel, or ephemeral for
// a shortcut), and p.viaHook is set. Each call is retried as retry says.
// Start with p's thread set to in.threadTS.
func (a *Adapter) deliver(ctx context.Context, in *incoming, msgs []Message, p *progress) error {
	if p.viaHook {
		return a.postResponseURL(ctx, in, msgs, p)
	}
	for p.sent < len(msgs) {
		m := msgs[p.sent]
		opts := []slackapi.MsgOption{slackapi.MsgOptionText(m.Text, false), slackapi.MsgOptionBlocks(m.Blocks...)}
		if p.thread != "" {
			opts = append(opts, slackapi.MsgOptionTS(p.thread))
		}
		var err error
		if in.ephemeral {
			err = a.retry(ctx, "chat.postEphemeral", func() error {
				_, err := a.api.PostEphemeralContext(ctx, in.channel, in.user, opts...)
				return err
			})
		} else {
			var ts string
			err = a.retry(ctx, "chat.postMessage", func() error {
				var err error
				_, ts, err = a.api.PostMessageContext(ctx, in.channel, opts...)
				return err
			})
			if err == nil && p.thread == "" {
				p.thread = ts
			}
		}
		if err != nil {
			if p.sent == 0 && in.responseURL != "" && cannotPost(err) {
				a.lg.Info("slack cannot post in the channel; answering through response_url", "channel", in.channel, "err", a.redact(err))
				p.viaHook = true
				return a.postResponseURL(ctx, in, msgs, p)
			}
			return fmt.Errorf("message %d of %d: %w", p.sent+1, len(msgs), err)
		}
		p.sent++
	}
	return nil
}

// cannotPost reports whether err says the bot may not post in the channel.
func cannotPost(err error) bool {
	var se slackapi.SlackErrorResponse
	if !errors.As(err, &se) {
		return false
	}
	switch se.Err {
	case "not_in_channel", "channel_not_found", "user_not_in_channel", "is_archived", "restricted_action", "cannot_dm_bot", "messages_tab_disabled":
		return true
	}
	return false
}

// postResponseURL posts msgs[p.sent:] through in's response_url,
// advancing p.
func (a *Adapter) postResponseURL(ctx context.Context, in *incoming, msgs []Message, p *progress) error {
	typ := "in_channel"
	if in.ephemeral {
		typ = "ephemeral"
	}
	for p.sent < len(msgs) {
		m := msgs[p.sent]
		wm := &slackapi.WebhookMessage{Text: m.Text, Blocks: &slackapi.Blocks{BlockSet: m.Blocks}, ResponseType: typ}
		err := a.retry(ctx, "response_url", func() error {
			return slackapi.PostWebhookCustomHTTPContext(ctx, in.responseURL, a.http, wm)
		})
		if err != nil {
			return fmt.Errorf("response_url message %d of %d: %w", p.sent+1, len(msgs), err)
		}
		p.sent++
	}
	return nil
}

// tell sends the user a short ephemeral note (a refusal): chat.postEphemeral,
// else the response_url. Failures are logged.
func (a *Adapter) tell(ctx context.Context, in *incoming, text string) {
	err := a.retry(ctx, "chat.postEphemeral", func() error {
		_, err := a.api.PostEphemeralContext(ctx, in.channel, in.user, slackapi.MsgOptionText(text, false))
		return err
	})
	if err != nil && in.responseURL != "" {
		err = a.retry(ctx, "response_url", func() error {
			return slackapi.PostWebhookCustomHTTPContext(ctx, in.responseURL, a.http, &slackapi.WebhookMessage{Text: text, ResponseType: "ephemeral"})
		})
	}
	if err != nil {
		a.lg.Warn("slack could not tell the user", "channel", in.channel, "user", in.user, "err", a.redact(err))
	}
}

// tellFailure tells the user a reply could not be delivered, with one
// attempt per way (no retries: Slack is likely still failing).
func (a *Adapter) tellFailure(ctx context.Context, in *incoming) {
	if in.user == "" || ctx.Err() != nil {
		return
	}
	opts := []slackapi.MsgOption{slackapi.MsgOptionText(failedText, false)}
	if in.threadTS != "" {
		opts = append(opts, slackapi.MsgOptionTS(in.threadTS))
	}
	_, err := a.api.PostEphemeralContext(ctx, in.channel, in.user, opts...)
	if err != nil && in.responseURL != "" {
		err = slackapi.PostWebhookCustomHTTPContext(ctx, in.responseURL, a.http, &slackapi.WebhookMessage{Text: failedText, ResponseType: "ephemeral"})
	}
	if err != nil {
		a.lg.Warn("slack could not tell the user the reply failed", "channel", in.channel, "err", a.redact(err))
	}
}

// retry calls f until it succeeds, at most 1+MaxRetries times. It waits the
// Retry-After Slack gives on 429 (giving up when that is over
// MaxRetryAfter), and backs off from RetryBase, doubling up to 8 s, after
// 5xx answers, Slack's transient errors and dropped or refused connections.
// Other errors (channel_not_found, invalid_auth…) and the end of ctx stop at
// once.
func (a *Adapter) retry(ctx context.Context, method string, f func() error) error {
	backoff := a.opts.RetryBase
	for attempt := 0; ; attempt++ {
		err := f()
		if err == nil || ctx.Err() != nil {
			return err
		}
		wait, ok := a.retryable(err, backoff)
		if !ok {
			return err
		}
		if attempt >= a.opts.MaxRetries {
			return fmt.Errorf("gave up after %d attempts: %w", attempt+1, err)
		}
		a.lg.Warn("slack call failed; retrying", "method", method, "attempt", attempt+1, "wait", wait, "err", a.redact(err))
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return err
		}
		backoff = min(2*backoff, maxBackoff)
	}
}

// retryable says whether err is worth another try, and after how long.
func (a *Adapter) retryable(err error, backoff time.Duration) (time.Duration, bool) {
	var rl *slackapi.RateLimitedError
	if errors.As(err, &rl) {
		if rl.RetryAfter > a.opts.MaxRetryAfter {
			return 0, false
		}
		return max(rl.RetryAfter, 0), true
	}
	var sc slackapi.StatusCodeError
	if errors.As(err, &sc) {
		return backoff, sc.Code >= 500 || sc.Code == http.StatusTooManyRequests
	}
	var se slackapi.SlackErrorResponse
	if errors.As(err, &se) {
		switch se.Err {
		case "ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout":
			return backoff, true
		}
		return 0, false
	}
	var ue *url.Error
	var ne net.Error
	if errors.As(err, &ue) || errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return backoff, true
	}
	return 0, false
}

// Send posts a reply the bot was not asked for (a new feed item, a
// scheduled briefing) to a channel: its messages in order, those after the
// first in the first one's thread, each call retried as retry says (a few
// seconds at most); then its attachments, uploaded into the channel (see
// deliverReply). Send does not hold replies through an outage: it returns
// an error when the messages could not all be posted, and the caller (the
// scheduler, with its backoff) tries again later. A retry of the same reply
// to the same channel within an hour resumes after the messages already
// posted, so none is posted twice. An attachment that could not be
// uploaded is logged and replaced by a short note.
func (a *Adapter) Send(ctx context.Context, channel string, r *bot.Reply) error {
	if channel == "" || r == nil {
		return errors.New("slack send: no channel or no reply")
	}
	in := &incoming{kind: "send", channel: channel}
	msgs := Render(*r)
	key := sendKey(channel, msgs)
	p := a.sends.take(key)
	if err := a.deliver(ctx, in, msgs, &p); err != nil {
		if p.sent > 0 {
			a.sends.put(key, p)
		}
		a.lg.Error("slack send failed", "channel", channel, "posted", p.sent, "of", len(msgs), "err", a.redact(err))
		return fmt.Errorf("slack send to %s: %s", channel, a.redact(err))
	}
	a.health.up()
	if len(r.Attachments) > 0 {
		a.uploadFiles(ctx, in, r.Attachments, p.viaHook)
	}
	return nil
}
