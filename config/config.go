// Package config holds briefbot's settings in one Config struct and loads
// them in three layers, each overriding the one before:
//
//	defaults (Default) ← JSON file (Load's path, optional) ← environment
//
// Command-line flags are the fourth layer: cmd/briefbot sets them on the
// loaded Config and then calls Validate, which reports every problem at once
// with the name of the variable to fix. Secrets (tokens, signing and webhook
// secrets) never appear in String, fmt verbs, MarshalJSON, LogValue or error
// messages; only a recognised prefix such as "xoxb-" is shown.
//
// The file is a JSON object whose keys are the "file key" column below; an
// unknown key is an error naming the key and the file.
//
//	field                file key                 environment
//	DBPath               db_path                  BRIEFBOT_DB
//	LogLevel             log_level                BRIEFBOT_LOG_LEVEL
//	LoadSamples          load_samples             BRIEFBOT_SAMPLES (0 disables)
//	SlackBotToken        slack_bot_token          SLACK_BOT_TOKEN
//	SlackAppToken        slack_app_token          SLACK_APP_TOKEN
//	SlackSigningSecret   slack_signing_secret     SLACK_SIGNING_SECRET
//	SlackAPIURL          slack_api_url            SLACK_API_URL
//	SlackListen          slack_listen             (flag only)
//	TelegramBotToken     telegram_bot_token       TELEGRAM_BOT_TOKEN
//	TelegramAPIEndpoint  telegram_api_endpoint    TELEGRAM_API_ENDPOINT
//	TelegramWebhook      telegram_webhook_url     TELEGRAM_WEBHOOK_URL
//	TelegramListen       telegram_listen          TELEGRAM_LISTEN
//	TelegramSecret       telegram_webhook_secret  TELEGRAM_WEBHOOK_SECRET
//	FetchAllowPrivate    fetch_allow_private      BRIEFBOT_FETCH_ALLOW_PRIVATE (1 enables)
//	FetchAllowedHosts    fetch_allowed_hosts      BRIEFBOT_FETCH_ALLOWED_HOSTS (comma-separated host names)
//	SlackAllowedChannels slack_allowed_channels   SLACK_ALLOWED_CHANNELS (comma-separated ids)
//	SlackAllowedUsers    slack_allowed_users      SLACK_ALLOWED_USERS (comma-separated ids)
//	TelegramAllowedChats telegram_allowed_chats   TELEGRAM_ALLOWED_CHATS (comma-separated ids)
//	Admins               admins                   BRIEFBOT_ADMINS (comma-separated platform:user-id)
//
// An environment variable that is unset or empty leaves the value from the
// layers below. Boolean variables accept 1/0, true/false, t/f in any case.
package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// Config is every setting briefbot reads. The zero value is not useful; start
// from Default or Load.
type Config struct {
	// DBPath is the bbolt database file. Default "briefbot.db" in the
	// working directory.
	DBPath string
	// LogLevel is debug, info, warn or error (any case). Default info.
	LogLevel string
	// LoadSamples loads the embedded sample articles into an empty database
	// on first run. Default true.
	LoadSamples bool

	// SlackBotToken (xoxb-…) enables the Slack adapter.
	SlackBotToken string
	// SlackAppToken (xapp-…) is needed for Socket Mode, i.e. unless
	// SlackListen is set.
	SlackAppToken string
	// SlackSigningSecret verifies Events API requests; needed with SlackListen.
	SlackSigningSecret string
	// SlackAPIURL overrides the Web API base URL (tests, proxies); empty
	// means the SDK's default.
	SlackAPIURL string
	// SlackListen is the address (host:port) to serve the Events API on
	// instead of Socket Mode. Set by flag or file only.
	SlackListen string

	// TelegramBotToken (123456:ABC…) enables the Telegram adapter.
	TelegramBotToken string
	// TelegramAPIEndpoint overrides the Bot API endpoint, either as a base
	// URL or in the SDK's format with two %s ("http://host/bot%s/%s").
	TelegramAPIEndpoint string
	// TelegramWebhook is the public URL Telegram posts updates to; empty
	// means long polling. Needs TelegramListen and TelegramSecret.
	TelegramWebhook string
	// TelegramListen is the address (host:port) the webhook server listens on.
	TelegramListen string
	// TelegramSecret is the webhook's secret token (1–256 characters of
	// A–Z, a–z, 0–9, _ and -), checked on every update.
	TelegramSecret string

	// FetchAllowPrivate lets link fetching reach loopback and private
	// addresses (tests, intranets). Default false.
	FetchAllowPrivate bool
	// FetchAllowedHosts, comma-separated host names ("example.org,
	// news.example.com"), limits link and feed fetching to those sites and
	// their subdomains (empty: every public site).
	FetchAllowedHosts string

	// SlackAllowedChannels and SlackAllowedUsers, comma-separated Slack ids,
	// limit who may use the bot in Slack (empty: everyone). A request passes
	// when its channel or its user is listed.
	SlackAllowedChannels string
	SlackAllowedUsers    string
	// TelegramAllowedChats, comma-separated chat ids, limits the Telegram
	// chats the bot answers (empty: every chat).
	TelegramAllowedChats string

	// Admins, comma-separated "platform:user-id" entries
	// ("slack:U024BE7LH, telegram:123456789"), may run the destructive and
	// administrative commands (/forget; /follow and /unfollow once any admin
	// is listed). The console and briefbot ask are always admins. Platforms:
	// slack (a member id) and telegram (a numeric user id). Admins are not
	// added to the allowlists: an admin outside them is refused like anyone.
	Admins string
}

// List splits a comma-separated setting into its trimmed, non-empty parts.
func List(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Default returns the settings used when neither file nor environment says
// otherwise.
func Default() Config {
	return Config{
		DBPath:      "briefbot.db",
		LogLevel:    "info",
		LoadSamples: true,
	}
}

// field describes one setting: its names and how to reach it. Exactly one of
// str and flag is set.
type field struct {
	name   string // Go field name
	key    string // JSON file key
	env    string // environment variable, "" when flag/file only
	secret bool   // never printed
	prefix string // a public prefix that may be shown for a secret ("xoxb-")
	kind   string // "url", "webhook" (URL whose path may hold a secret) or ""
	str    func(*Config) *string
	flag   func(*Config) *bool
}

// fields is the table every loader and printer walks; the test checks it
// covers every field of Config.
var fields = []field{
	{name: "DBPath", key: "db_path", env: "BRIEFBOT_DB", str: func(c *Config) *string { return &c.DBPath }},
	{name: "LogLevel", key: "log_level", env: "BRIEFBOT_LOG_LEVEL", str: func(c *Config) *string { return &c.LogLevel }},
	{name: "LoadSamples", key: "load_samples", env: "BRIEFBOT_SAMPLES", flag: func(c *Config) *bool { return &c.LoadSamples }},
	{name: "SlackBotToken", key: "slack_bot_token", env: "SLACK_BOT_TOKEN", secret: true, prefix: "xoxb-", str: func(c *Config) *string { return &c.SlackBotToken }},
	{name: "SlackAppToken", key: "slack_app_token", env: "SLACK_APP_TOKEN", secret: true, prefix: "xapp-", str: func(c *Config) *string { return &c.SlackAppToken }},
	{name: "SlackSigningSecret", key: "slack_signing_secret", env: "SLACK_SIGNING_SECRET", secret: true, str: func(c *Config) *string { return &c.SlackSigningSecret }},
	{name: "SlackAPIURL", key: "slack_api_url", env: "SLACK_API_URL", kind: "url", str: func(c *Config) *string { return &c.SlackAPIURL }},
	{name: "SlackListen", key: "slack_listen", str: func(c *Config) *string { return &c.SlackListen }},
	{name: "TelegramBotToken", key: "telegram_bot_token", env: "TELEGRAM_BOT_TOKEN", secret: true, str: func(c *Config) *string { return &c.TelegramBotToken }},
	{name: "TelegramAPIEndpoint", key: "telegram_api_endpoint", env: "TELEGRAM_API_ENDPOINT", kind: "url", str: func(c *Config) *string { return &c.TelegramAPIEndpoint }},
	{name: "TelegramWebhook", key: "telegram_webhook_url", env: "TELEGRAM_WEBHOOK_URL", kind: "webhook", str: func(c *Config) *string { return &c.TelegramWebhook }},
	{name: "TelegramListen", key: "telegram_listen", env: "TELEGRAM_LISTEN", str: func(c *Config) *string { return &c.TelegramListen }},
	{name: "TelegramSecret", key: "telegram_webhook_secret", env: "TELEGRAM_WEBHOOK_SECRET", secret: true, str: func(c *Config) *string { return &c.TelegramSecret }},
	{name: "FetchAllowPrivate", key: "fetch_allow_private", env: "BRIEFBOT_FETCH_ALLOW_PRIVATE", flag: func(c *Config) *bool { return &c.FetchAllowPrivate }},
	{name: "FetchAllowedHosts", key: "fetch_allowed_hosts", env: "BRIEFBOT_FETCH_ALLOWED_HOSTS", str: func(c *Config) *string { return &c.FetchAllowedHosts }},
	{name: "SlackAllowedChannels", key: "slack_allowed_channels", env: "SLACK_ALLOWED_CHANNELS", str: func(c *Config) *string { return &c.SlackAllowedChannels }},
	{name: "SlackAllowedUsers", key: "slack_allowed_users", env: "SLACK_ALLOWED_USERS", str: func(c *Config) *string { return &c.SlackAllowedUsers }},
	{name: "TelegramAllowedChats", key: "telegram_allowed_chats", env: "TELEGRAM_ALLOWED_CHATS", str: func(c *Config) *string { return &c.TelegramAllowedChats }},
	{name: "Admins", key: "admins", env: "BRIEFBOT_ADMINS", str: func(c *Config) *string { return &c.Admins }},
}

// Load returns Default overridden by the JSON file at path (none when path is
// "") and then by the environment as read through getenv (os.Getenv when
// nil). It reports unreadable or malformed files, unknown or mistyped keys
// (naming the key and the file) and unparsable boolean variables; it does not
// check the values themselves: call Validate after applying flags.
func Load(path string, getenv func(string) string) (Config, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	c := Default()
	if path != "" {
		if err := c.loadFile(path); err != nil {
			return Config{}, err
		}
	}
	if err := c.loadEnv(getenv); err != nil {
		return Config{}, err
	}
	return c, nil
}

func (c *Config) loadFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read config file: %w", err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			line, col := position(data, syn.Offset)
			return fmt.Errorf("config file %s: line %d, column %d: %v", path, line, col, err)
		}
		return fmt.Errorf("config file %s: want a JSON object of settings: %v", path, err)
	}
	if raw == nil { // the file says null
		return fmt.Errorf("config file %s: want a JSON object of settings, got null", path)
	}
	for _, f := range fields { // table order: deterministic errors
		v, ok := raw[f.key]
		if !ok {
			continue
		}
		delete(raw, f.key)
		if f.flag != nil {
			if err := json.Unmarshal(v, f.flag(c)); err != nil {
				return fmt.Errorf("config file %s: key %q: want true or false, got %s", path, f.key, shorten(v, f))
			}
			continue
		}
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			return fmt.Errorf("config file %s: key %q: want a string, got %s", path, f.key, shorten(v, f))
		}
		*f.str(c) = strings.TrimSpace(s)
	}
	for key := range raw {
		return fmt.Errorf("config file %s: unknown key %q (known keys: %s)", path, key, knownKeys())
	}
	return nil
}

func (c *Config) loadEnv(getenv func(string) string) error {
	for _, f := range fields {
		if f.env == "" {
			continue
		}
		v := strings.TrimSpace(getenv(f.env))
		if v == "" {
			continue
		}
		if f.flag != nil {
			b, err := strconv.ParseBool(strings.ToLower(v))
			if err != nil {
				return fmt.Errorf("environment variable %s=%q: want 1 or 0 (true or false)", f.env, v)
			}
			*f.flag(c) = b
			continue
		}
		*f.str(c) = v
	}
	return nil
}

// position turns a byte offset into a 1-based line and column.
func position(data []byte, off int64) (line, col int) {
	line, col = 1, 1
	for i, b := range data {
		if int64(i) >= off-1 {
			break
		}
		if b == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// shorten quotes a mistyped file value for an error message, hiding it
// entirely when the key holds a secret.
func shorten(v json.RawMessage, f field) string {
	if f.secret {
		return "a value of the wrong type"
	}
	s := string(v)
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return s
}

func knownKeys() string {
	keys := make([]string, len(fields))
	for i, f := range fields {
		keys[i] = f.key
	}
	return strings.Join(keys, ", ")
}

// label names a setting for the user: its environment variable when it has
// one, else its file key and flag.
func label(name string) string {
	for _, f := range fields {
		if f.name != name {
			continue
		}
		if f.env != "" {
			return f.env
		}
		return "--" + strings.ReplaceAll(f.key, "_", "-") + " (file key " + f.key + ")"
	}
	return name
}

// Slack reports whether the Slack adapter is configured (a bot token is set).
func (c Config) Slack() bool { return c.SlackBotToken != "" }

// Telegram reports whether the Telegram adapter is configured (a bot token is
// set).
func (c Config) Telegram() bool { return c.TelegramBotToken != "" }

// SlogLevel returns LogLevel as a slog.Level; info when LogLevel is not valid
// (Validate reports that).
func (c Config) SlogLevel() slog.Level {
	switch strings.ToLower(c.LogLevel) {
	case "debug":
		return slog.LevelDebug
	case "warn", "warning":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	}
	return slog.LevelInfo
}

// Validate checks the values and how they combine, and returns every problem
// found, joined (errors.Join), each naming the variable to set or fix; nil
// when the configuration can run. No message contains a secret's value.
func (c Config) Validate() error {
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	if strings.TrimSpace(c.DBPath) == "" {
		add("%s: the database path is empty", label("DBPath"))
	}
	switch strings.ToLower(c.LogLevel) {
	case "debug", "info", "warn", "warning", "error":
	default:
		add("%s=%q: want debug, info, warn or error", label("LogLevel"), c.LogLevel)
	}

	for _, id := range List(c.TelegramAllowedChats) {
		if _, err := strconv.ParseInt(id, 10, 64); err != nil {
			add("%s: %q is not a Telegram chat id (a whole number such as -1001234567890)", label("TelegramAllowedChats"), id)
		}
	}

	for _, h := range List(c.FetchAllowedHosts) {
		if !hostShape(h) {
			add("%s: %q is not a host name: want names such as example.org or news.example.com (no scheme, port or path; subdomains are included)", label("FetchAllowedHosts"), h)
		}
	}
	for _, e := range List(c.Admins) {
		if _, err := parseAdmin(e); err != nil {
			add("%s: %v", label("Admins"), err)
		}
	}

	// Slack.
	switch {
	case c.SlackBotToken == "":
		for _, s := range []struct{ name, v string }{{"SlackAppToken", c.SlackAppToken}, {"SlackSigningSecret", c.SlackSigningSecret}, {"SlackListen", c.SlackListen}} {
			if s.v != "" {
				add("%s is set but SLACK_BOT_TOKEN is missing: the Slack adapter needs a bot token (xoxb-…)", label(s.name))
			}
		}
	case strings.HasPrefix(c.SlackBotToken, "xapp-"):
		add("SLACK_BOT_TOKEN starts with xapp-, which is an app-level token: the bot token starts with xoxb- (OAuth & Permissions page), the xapp- token goes in SLACK_APP_TOKEN")
	case !strings.HasPrefix(c.SlackBotToken, "xoxb-"):
		add("SLACK_BOT_TOKEN must start with xoxb- (the Bot User OAuth Token)")
	}
	if c.SlackAppToken != "" && !strings.HasPrefix(c.SlackAppToken, "xapp-") {
		add("SLACK_APP_TOKEN must start with xapp- (an app-level token with the connections:write scope)")
	}
	if c.SlackBotToken != "" {
		if c.SlackListen == "" {
			if c.SlackAppToken == "" {
				add("SLACK_BOT_TOKEN is set but SLACK_APP_TOKEN is missing: set SLACK_APP_TOKEN (xapp-…) for Socket Mode, or set %s with SLACK_SIGNING_SECRET to receive the Events API over HTTP", label("SlackListen"))
			}
		} else if c.SlackSigningSecret == "" {
			add("%s is set but SLACK_SIGNING_SECRET is missing: the Events API over HTTP needs the app's signing secret", label("SlackListen"))
		}
	}
	if c.SlackListen != "" {
		if err := checkAddr(c.SlackListen); err != nil {
			add("%s=%q: %v", label("SlackListen"), c.SlackListen, err)
		}
	}
	if c.SlackAPIURL != "" {
		if err := checkURL(c.SlackAPIURL); err != nil {
			add("SLACK_API_URL: %v, got %s", err, quoteBad(c.SlackAPIURL, false))
		}
	}

	// Telegram.
	if c.TelegramBotToken == "" {
		for _, s := range []struct{ name, v string }{{"TelegramWebhook", c.TelegramWebhook}, {"TelegramListen", c.TelegramListen}, {"TelegramSecret", c.TelegramSecret}} {
			if s.v != "" {
				add("%s is set but TELEGRAM_BOT_TOKEN is missing: the Telegram adapter needs the token from @BotFather", label(s.name))
			}
		}
	} else if !telegramTokenShape(c.TelegramBotToken) {
		add("TELEGRAM_BOT_TOKEN does not look like a bot token: want the form 123456789:ABC… from @BotFather")
	}
	if c.TelegramAPIEndpoint != "" {
		if err := checkURL(c.TelegramAPIEndpoint); err != nil {
			add("TELEGRAM_API_ENDPOINT: %v, got %s", err, quoteBad(c.TelegramAPIEndpoint, false))
		}
	}
	if c.TelegramWebhook != "" {
		if err := checkURL(c.TelegramWebhook); err != nil {
			add("TELEGRAM_WEBHOOK_URL: %v", err)
		}
		if c.TelegramListen == "" {
			add("TELEGRAM_WEBHOOK_URL is set but TELEGRAM_LISTEN is missing: set the address (host:port) the webhook server listens on")
		}
		if c.TelegramSecret == "" {
			add("TELEGRAM_WEBHOOK_URL is set but TELEGRAM_WEBHOOK_SECRET is missing: set a secret token (1-256 characters of A-Z, a-z, 0-9, _ and -)")
		}
	} else if c.TelegramBotToken != "" {
		if c.TelegramListen != "" {
			add("TELEGRAM_LISTEN is set but TELEGRAM_WEBHOOK_URL is missing: set the public webhook URL, or unset TELEGRAM_LISTEN to use long polling")
		}
		if c.TelegramSecret != "" {
			add("TELEGRAM_WEBHOOK_SECRET is set but TELEGRAM_WEBHOOK_URL is missing: set the public webhook URL, or unset TELEGRAM_WEBHOOK_SECRET to use long polling")
		}
	}
	if c.TelegramListen != "" {
		if err := checkAddr(c.TelegramListen); err != nil {
			add("TELEGRAM_LISTEN=%q: %v", c.TelegramListen, err)
		}
	}
	if c.TelegramSecret != "" && !telegramSecretShape(c.TelegramSecret) {
		add("TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
	}
	return errors.Join(errs...)
}

// checkURL accepts absolute http and https URLs with a host. The SDK's
// "%s" placeholders (Telegram endpoint) are allowed.
func checkURL(s string) error {
	u, err := url.Parse(strings.ReplaceAll(s, "%s", "x"))
	if err != nil {
		return errors.New("not a valid URL")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return errors.New("want an http:// or https:// URL")
	}
	if u.Host == "" {
		return errors.New("the URL has no host")
	}
	return nil
}

// checkAddr accepts host:port and :port.
func checkAddr(s string) error {
	_, port, err := net.SplitHostPort(s)
	if err != nil || port == "" {
		return errors.New("want a listen address host:port or :port")
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return errors.New("the port must be a number from 0 to 65535")
	}
	return nil
}

// telegramTokenShape reports whether s looks like "<bot id>:<key>".
func telegramTokenShape(s string) bool {
	id, key, ok := strings.Cut(s, ":")
	if !ok || id == "" || key == "" {
		return false
	}
	for _, r := range id {
		if r < '0' || r > '9' {
			return false
		}
	}
	return !strings.ContainsAny(key, " \t\r\n/?#")
}

func telegramSecretShape(s string) bool {
	if len(s) < 1 || len(s) > 256 {
		return false
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-':
		default:
			return false
		}
	}
	return true
}

// AdminKeys returns Admins as normalized "platform:user-id" keys: the
// platform in lower case ("slack:U024BE7LH", "telegram:123456789"), in the
// order given, without duplicates. Entries Validate rejects are left out.
func (c Config) AdminKeys() []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range List(c.Admins) {
		k, err := parseAdmin(e)
		if err != nil || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, k)
	}
	return out
}

// parseAdmin checks one "platform:user-id" entry and returns its normalized
// key. Errors quote the entry (user ids are not secrets) and say what a
// valid one looks like.
func parseAdmin(e string) (string, error) {
	platform, id, ok := strings.Cut(e, ":")
	platform, id = strings.ToLower(strings.TrimSpace(platform)), strings.TrimSpace(id)
	if !ok || platform == "" {
		return "", fmt.Errorf("%q: want platform:user-id, such as slack:U024BE7LH or telegram:123456789", e)
	}
	if id == "" {
		return "", fmt.Errorf("%q: no user id after %q (want platform:user-id, such as slack:U024BE7LH or telegram:123456789)", e, platform+":")
	}
	switch platform {
	case "slack":
		if !slackUserShape(id) {
			return "", fmt.Errorf("%q: want a Slack member id after slack: (capital letters and digits starting with U or W, such as U024BE7LH; in Slack: profile, ⋮, Copy member ID)", e)
		}
		return platform + ":" + id, nil
	case "telegram":
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			return "", fmt.Errorf("%q: want a numeric Telegram user id after telegram: (such as telegram:123456789)", e)
		}
		return platform + ":" + strconv.FormatInt(n, 10), nil
	case "console", "cli", "ask":
		return "", fmt.Errorf("%q: the console and briefbot ask are always admins; list slack or telegram users only", e)
	}
	return "", fmt.Errorf("%q: unknown platform %q (want slack or telegram)", e, platform)
}

// hostShape reports whether s is a host name in ASCII (punycode for
// international names) or an IP address: labels of letters, digits and
// hyphens separated by dots, an optional trailing dot.
func hostShape(s string) bool {
	if net.ParseIP(s) != nil {
		return true
	}
	s = strings.TrimSuffix(s, ".")
	if s == "" || len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

// slackUserShape reports whether s looks like a Slack user id: U or W, then
// capital letters and digits.
func slackUserShape(s string) bool {
	if len(s) < 2 || s[0] != 'U' && s[0] != 'W' {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// FileWarnings returns what is unsafe about the configuration file at path:
// a file other users may read (group or world read permission), since it
// may hold chat tokens. None for "" or a file only its owner reads.
func FileWarnings(path string) []string {
	if path == "" {
		return nil
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil // Load reports unreadable files
	}
	if perm := st.Mode().Perm(); perm&0o044 != 0 {
		return []string{fmt.Sprintf("config file %s can be read by other users (mode %04o) and may hold tokens: chmod 600 %s", path, perm, path)}
	}
	return nil
}
