// Package slack is briefbot's Slack adapter, over github.com/slack-go/slack;
// no Slack type leaves it.
//
// It takes requests in Socket Mode (default: SLACK_APP_TOKEN xapp-… and
// SLACK_BOT_TOKEN xoxb-…, no public URL) or over HTTP (Options.Listen, with
// SLACK_SIGNING_SECRET):
//
//   - a slash command per command of the table (/timeline witkoff), asked as
//     "/timeline witkoff";
//   - @mentions in channels and direct messages to the bot: a command with
//     or without "/" ("@briefbot timeline witkoff"), or a pasted article,
//     which is ingested; answered in the message's thread;
//   - the "Analyze with briefbot" message shortcut (callback id
//     analyze_message): the message is ingested with "Slack #channel /
//     author" as its origin and the time it was posted as its date; answered
//     to the user who used it alone (ephemeral);
//   - a click on a command button (a reply's bot.Actions, rendered as an
//     actions block whose buttons have action_id ActionIDPrefix+":n" and
//     the command line as value): the command runs as a request from the
//     user who clicked, in that channel, allowlists applying, answered in
//     the clicked message's thread.
//
// A reply's attachments (charts) are uploaded after its messages through
// files.getUploadURLExternal, a POST of the bytes and
// files.completeUploadExternal (scope files:write), shared into the
// channel, in the thread when the answer is threaded, with the attachment's
// Alt as title and alt text. An upload that fails is logged and the user
// gets a short note instead; the text reply is never held back by it.
//
// Every request is acknowledged at once and answered in the background
// through the Web API: Render's Block Kit messages, several in one thread
// when a reply is long. Each channel's requests are answered one after the
// other, in the order they came, so a channel gets its replies in order;
// channels are answered in parallel, at most Options.MaxConcurrent at a
// time. A slash command whose channel the bot cannot post in (a DM between
// people, a channel it is not in) is answered through its response_url
// instead. Every request names its channel and its user (bot.Request's
// ChatID and UserID); one that lacks either is ignored. Requests delivered
// twice (Slack's retries, reconnections) are answered once: they are
// recognised by envelope, event, trigger and message ids for ten minutes.
// With an allowlist (Options.AllowedChannels, AllowedUsers), a request
// passes when its channel or its user is listed, whichever way it came
// (slash command, mention, DM, shortcut, button; Socket Mode or HTTP);
// others get a short refusal and a log line, and never reach the bot.
// Tokens and the signing secret never appear in logs or errors.
//
// # Failures and outages
//
// Each Web API call that meets a 429 waits the Retry-After given (up to
// Options.MaxRetryAfter); 5xx answers and dropped or refused connections
// are retried a few times with backoff (Options.RetryBase, doubling, at
// most 8 s, Options.MaxRetries times). When Slack is still failing, the
// reply is held, not dropped: it is tried again, waiting at most
// Options.ReconnectMax (15 s) between attempts, and at once when the
// websocket reconnects or another reply goes through, for up to
// Options.HoldFor (10 min). The channel's later replies wait behind it, so
// after the outage they all arrive, in order; a reply of several messages
// resumes after those already posted, so none is posted twice (a post
// whose answer was lost after Slack took it is the one exception Slack's
// API leaves). A reply that still fails is logged with its channel id and
// the user is told so, ephemerally. Held replies are dropped, with a log
// line, when Run stops.
//
// In Socket Mode the websocket is reopened by itself whenever it drops or
// Slack stops pinging. The SDK waits longer and longer between attempts
// (up to 5 minutes); the adapter restarts it whenever its wait would
// exceed Options.ReconnectMax, so that service resumes within about
// ReconnectMax of the end of an outage; a longer Retry-After from
// apps.connections.open is still honoured. Envelopes that Slack delivers
// again after a reconnection are recognised and answered once.
//
// Send (scheduled briefings, feed announcements) does not hold: during an
// outage it returns an error after its calls' few retries (about 8 s with
// the defaults), and its caller tries again later with its own backoff
// (the scheduler does). When it fails part way through a reply of several
// messages, a retry of the same reply to the same channel within an hour
// resumes after the messages already posted, in the same thread.
//
// Manifest generates the app manifest (manifest.json in this directory) from
// the command table.
package slack
