package slack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/briefbot/briefbot/bot"
)

// ManifestOptions describes the app a manifest declares.
type ManifestOptions struct {
	Name        string // app and bot user name; "briefbot" when empty
	Description string // one line; a default when empty
	// RequestURL is the public base URL of HTTP mode
	// ("https://bot.example.org"): requests go to RequestURL+"/slack/…".
	// Empty means Socket Mode, which needs no public URL.
	RequestURL string
}

// botScopes are the bot token scopes the adapter uses: slash commands,
// posting (chat:write), mentions, direct messages, reading shared snippets
// (files:read), uploading charts (files:write), and users:read for the
// shortcut's author name.
var botScopes = []string{"app_mentions:read", "chat:write", "commands", "files:read", "files:write", "im:history", "im:read", "im:write", "users:read"}

// botEvents are the bot events the adapter subscribes to.
var botEvents = []string{"app_mention", "message.im"}

var slashName = regexp.MustCompile(`^[a-z0-9_-]{1,31}$`)

// UmbrellaCommand is the slash command that reaches every command:
// "/briefbot timeline witkoff".
const UmbrellaCommand = "briefbot"

// slackReserved are names of Slack's built-in slash commands (or ones it has
// had), which an app cannot register: a manifest naming one is refused as a
// whole. Those commands are reached through UmbrellaCommand.
var slackReserved = map[string]bool{
	"who": true, "help": true, "me": true, "status": true, "join": true, "leave": true, "invite": true,
	"remind": true, "topic": true, "msg": true, "dm": true, "away": true, "active": true, "shrug": true,
	"mute": true, "feed": true, "search": true, "apps": true, "archive": true, "collapse": true,
	"expand": true, "open": true, "rename": true, "star": true, "call": true, "shortcuts": true,
	"feedback": true, "prefs": true, "kick": true, "remove": true, "dnd": true, "giphy": true,
}

// Manifest returns the Slack app manifest (JSON, indented, ending in a
// newline) for the command table: the umbrella /briefbot and one slash
// command per command whose name Slack does not reserve, the
// "Analyze with briefbot" message shortcut, the bot events and scopes the
// adapter uses, interactivity, the Messages tab for direct messages, and
// Socket Mode unless o.RequestURL is set. It fails on a command name Slack
// would refuse (letters, digits, "_" and "-", at most 31) or a duplicate.
func Manifest(cmds []bot.Command, o ManifestOptions) ([]byte, error) {
	if o.Name == "" {
		o.Name = "briefbot"
	}
	if o.Description == "" {
		o.Description = "Reads the news articles you share and answers with dated, sourced timelines and conflicts."
	}
	base := strings.TrimRight(o.RequestURL, "/")
	url := func(path string) string {
		if base == "" {
			return ""
		}
		return base + path
	}

	type slash struct {
		Command      string `json:"command"`
		URL          string `json:"url,omitempty"`
		Description  string `json:"description"`
		UsageHint    string `json:"usage_hint,omitempty"`
		ShouldEscape bool   `json:"should_escape"`
	}
	var slashes []slash
	seen := map[string]bool{UmbrellaCommand: true}
	slashes = append(slashes, slash{Command: "/" + UmbrellaCommand, URL: url("/slack/commands"),
		Description: "Any " + o.Name + " command: /" + UmbrellaCommand + " who <name>", UsageHint: "<command> [arguments]"})
	for _, c := range cmds {
		name := strings.ToLower(c.Name)
		if !slashName.MatchString(name) {
			return nil, fmt.Errorf("slack manifest: command name %q is not a valid slash command (a-z, 0-9, _ and -, at most 31)", c.Name)
		}
		if seen[name] {
			return nil, fmt.Errorf("slack manifest: command /%s appears twice", name)
		}
		seen[name] = true
		if slackReserved[name] {
			continue // Slack's own: reached as /briefbot <name>
		}
		hint := strings.TrimSpace(strings.TrimPrefix(c.Usage, "/"+c.Name))
		desc := c.Summary
		if desc == "" {
			desc = "/" + name
		}
		slashes = append(slashes, slash{Command: "/" + name, URL: url("/slack/commands"), Description: desc, UsageHint: hint})
	}

	type obj = map[string]any
	events := obj{"bot_events": botEvents}
	if base != "" {
		events["request_url"] = url("/slack/events")
	}
	interactivity := obj{"is_enabled": true}
	if base != "" {
		interactivity["request_url"] = url("/slack/interactive")
	}
	m := obj{
		"_metadata":           obj{"major_version": 1, "minor_version": 1},
		"display_information": obj{"name": o.Name, "description": o.Description},
		"features": obj{
			"app_home": obj{"home_tab_enabled": false, "messages_tab_enabled": true, "messages_tab_read_only_enabled": false},
			"bot_user": obj{"display_name": o.Name, "always_online": true},
			"shortcuts": []obj{{
				"name": "Analyze with " + o.Name, "type": "message", "callback_id": ShortcutCallbackID,
				"description": "Read this message as an article and add its facts",
			}},
			"slash_commands": slashes,
		},
		"oauth_config": obj{"scopes": obj{"bot": botScopes}},
		"settings": obj{
			"event_subscriptions":    events,
			"interactivity":          interactivity,
			"org_deploy_enabled":     false,
			"socket_mode_enabled":    base == "",
			"token_rotation_enabled": false,
		},
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("slack manifest: %w", err)
	}
	return buf.Bytes(), nil
}
