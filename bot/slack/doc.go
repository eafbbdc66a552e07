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
// Every request is acknowledged at once and answered in the background (at
// most Options.MaxConcurrent at a time) through the Web API: Render's
// Block Kit messages, several in one thread when a reply is long. A slash
// command whose channel the bot cannot post in (a DM between people, a
// channel it is not in) is answered through its response_url instead.
// Deliveries that meet 429 wait the Retry-After given; 5xx answers and
// dropped connections are retried with backoff; a reply that still fails is
// logged with its channel id and the user is told so, ephemerally. Requests
// delivered twice (Slack's retries, reconnections) are answered once: they
// are recognised by envelope, event, trigger and message ids for ten
// minutes. With an allowlist (Options.AllowedChannels, AllowedUsers), others
// get a short refusal and a log line. Tokens and the signing secret never
// appear in logs or errors.
//
// Manifest generates the app manifest (manifest.json in this directory) from
// the command table.
package slack
