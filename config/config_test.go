package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Fake secrets; the redaction tests look for each of them in every output.
const (
	botToken  = "xoxb-1111-2222-SECRETbot"
	appToken  = "xapp-1-A111-333-SECRETapp"
	signing   = "8f14e45fceea167aSECRETsign"
	tgToken   = "123456789:AAH-SECRETtelegramKey_xyz"
	tgSecret  = "wh-SECRET_webhook-0042"
	webhookPw = "SECRETpathpart"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func writeFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "briefbot.json")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFields_CoverEveryConfigField(t *testing.T) {
	typ := reflect.TypeOf(Config{})
	var inStruct []string
	for i := 0; i < typ.NumField(); i++ {
		inStruct = append(inStruct, typ.Field(i).Name)
	}
	var inTable []string
	keys, envs := map[string]bool{}, map[string]bool{}
	for _, f := range fields {
		inTable = append(inTable, f.name)
		if (f.str == nil) == (f.flag == nil) {
			t.Errorf("%s: exactly one of str and flag must be set", f.name)
		}
		if keys[f.key] {
			t.Errorf("file key %q used twice", f.key)
		}
		keys[f.key] = true
		if f.env != "" && envs[f.env] {
			t.Errorf("environment variable %q used twice", f.env)
		}
		envs[f.env] = true
		// The accessor must point at the field of the same name.
		var c Config
		v := reflect.ValueOf(&c).Elem().FieldByName(f.name)
		if !v.IsValid() {
			continue
		}
		if f.str != nil {
			*f.str(&c) = "probe"
			if v.Kind() != reflect.String || v.String() != "probe" {
				t.Errorf("%s: str accessor points at another field", f.name)
			}
		} else {
			*f.flag(&c) = true
			if v.Kind() != reflect.Bool || !v.Bool() {
				t.Errorf("%s: flag accessor points at another field", f.name)
			}
		}
	}
	if diff := cmp.Diff(inStruct, inTable); diff != "" {
		t.Errorf("fields table does not match Config (-struct +table):\n%s", diff)
	}
}

func TestLoad_Precedence(t *testing.T) {
	tests := []struct {
		name string
		file string // "" = no file
		env  map[string]string
		want func(*Config)
	}{
		{
			name: "defaults",
			want: func(*Config) {},
		},
		{
			name: "file overrides defaults",
			file: `{"db_path": "/var/lib/bb.db", "log_level": "debug", "load_samples": false, "slack_listen": ":3000"}`,
			want: func(c *Config) {
				c.DBPath, c.LogLevel, c.LoadSamples, c.SlackListen = "/var/lib/bb.db", "debug", false, ":3000"
			},
		},
		{
			name: "environment overrides file",
			file: `{"db_path": "/from/file.db", "log_level": "warn", "slack_bot_token": "xoxb-file"}`,
			env:  map[string]string{"BRIEFBOT_DB": "/from/env.db", "SLACK_BOT_TOKEN": "xoxb-env"},
			want: func(c *Config) {
				c.DBPath, c.LogLevel, c.SlackBotToken = "/from/env.db", "warn", "xoxb-env"
			},
		},
		{
			name: "empty environment variable keeps file value",
			file: `{"log_level": "error"}`,
			env:  map[string]string{"BRIEFBOT_LOG_LEVEL": "  "},
			want: func(c *Config) { c.LogLevel = "error" },
		},
		{
			name: "samples disabled by 0",
			env:  map[string]string{"BRIEFBOT_SAMPLES": "0"},
			want: func(c *Config) { c.LoadSamples = false },
		},
		{
			name: "samples re-enabled by env over file",
			file: `{"load_samples": false}`,
			env:  map[string]string{"BRIEFBOT_SAMPLES": "TRUE"},
			want: func(*Config) {},
		},
		{
			name: "fetch allow private",
			env:  map[string]string{"BRIEFBOT_FETCH_ALLOW_PRIVATE": "1"},
			want: func(c *Config) { c.FetchAllowPrivate = true },
		},
		{
			name: "every environment variable",
			env: map[string]string{
				"SLACK_BOT_TOKEN": botToken, "SLACK_APP_TOKEN": appToken, "SLACK_SIGNING_SECRET": signing,
				"SLACK_API_URL": "http://127.0.0.1:9/api/", "TELEGRAM_BOT_TOKEN": tgToken,
				"TELEGRAM_API_ENDPOINT": "http://127.0.0.1:9/bot%s/%s", "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/tg",
				"TELEGRAM_LISTEN": ":8443", "TELEGRAM_WEBHOOK_SECRET": tgSecret,
			},
			want: func(c *Config) {
				c.SlackBotToken, c.SlackAppToken, c.SlackSigningSecret = botToken, appToken, signing
				c.SlackAPIURL, c.TelegramBotToken = "http://127.0.0.1:9/api/", tgToken
				c.TelegramAPIEndpoint, c.TelegramWebhook = "http://127.0.0.1:9/bot%s/%s", "https://bot.example.org/tg"
				c.TelegramListen, c.TelegramSecret = ":8443", tgSecret
			},
		},
		{
			name: "values are trimmed",
			file: `{"slack_bot_token": " xoxb-pasted\n"}`,
			env:  map[string]string{"TELEGRAM_BOT_TOKEN": tgToken + "\n"},
			want: func(c *Config) { c.SlackBotToken, c.TelegramBotToken = "xoxb-pasted", tgToken },
		},
		{
			name: "listen has no environment variable",
			env:  map[string]string{"SLACK_LISTEN": ":3000"},
			want: func(*Config) {},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := ""
			if tt.file != "" {
				path = writeFile(t, tt.file)
			}
			got, err := Load(path, env(tt.env))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			want := Default()
			tt.want(&want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Load (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoad_Errors(t *testing.T) {
	tests := []struct {
		name     string
		file     string // content; "-" = a path that does not exist
		env      map[string]string
		want     []string // substrings of the error
		wantNone []string // must not appear
	}{
		{name: "unknown key", file: `{"db_path": "x.db", "slack_tokne": "xoxb-1"}`, want: []string{`unknown key "slack_tokne"`, "briefbot.json", "slack_bot_token"}},
		{name: "env-style key", file: `{"SLACK_BOT_TOKEN": "xoxb-1"}`, want: []string{`unknown key "SLACK_BOT_TOKEN"`}},
		{name: "string for bool", file: `{"load_samples": "no"}`, want: []string{`key "load_samples"`, "want true or false", `"no"`}},
		{name: "number for string", file: `{"db_path": 42}`, want: []string{`key "db_path"`, "want a string", "42"}},
		{name: "mistyped secret is not echoed", file: `{"slack_bot_token": ["xoxb-SECRETinlist"]}`, want: []string{`key "slack_bot_token"`}, wantNone: []string{"SECRETinlist"}},
		{name: "syntax error has line", file: "{\n  \"db_path\": \"x.db\",\n  \"log_level\" \"info\"\n}", want: []string{"briefbot.json", "line 3"}},
		{name: "trailing comma", file: `{"db_path": "x.db",}`, want: []string{"briefbot.json", "line 1"}},
		{name: "not an object", file: `["db_path"]`, want: []string{"want a JSON object"}},
		{name: "null", file: `null`, want: []string{"want a JSON object"}},
		{name: "missing file", file: "-", want: []string{"read config file", "does-not-exist.json"}},
		{name: "bad bool env", env: map[string]string{"BRIEFBOT_SAMPLES": "maybe"}, want: []string{"BRIEFBOT_SAMPLES", `"maybe"`, "1 or 0"}},
		{name: "bad private env", env: map[string]string{"BRIEFBOT_FETCH_ALLOW_PRIVATE": "yes please"}, want: []string{"BRIEFBOT_FETCH_ALLOW_PRIVATE"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := ""
			switch tt.file {
			case "":
			case "-":
				path = filepath.Join(t.TempDir(), "does-not-exist.json")
			default:
				path = writeFile(t, tt.file)
			}
			_, err := Load(path, env(tt.env))
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			for _, w := range tt.wantNone {
				if strings.Contains(err.Error(), w) {
					t.Errorf("error %q contains %q", err, w)
				}
			}
		})
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		set  func(*Config)
		want []string // substrings of the error; nil = valid
	}{
		{name: "defaults are valid", set: func(*Config) {}},
		{name: "log level any case", set: func(c *Config) { c.LogLevel = "DEBUG" }},
		{name: "bad log level", set: func(c *Config) { c.LogLevel = "verbose" }, want: []string{"BRIEFBOT_LOG_LEVEL", `"verbose"`, "debug, info, warn or error"}},
		{name: "empty db path", set: func(c *Config) { c.DBPath = " " }, want: []string{"BRIEFBOT_DB", "empty"}},

		{name: "slack socket mode", set: func(c *Config) { c.SlackBotToken, c.SlackAppToken = botToken, appToken }},
		{name: "slack events over http", set: func(c *Config) { c.SlackBotToken, c.SlackListen, c.SlackSigningSecret = botToken, ":3000", signing }},
		{name: "slack bot token without app token or listen", set: func(c *Config) { c.SlackBotToken = botToken },
			want: []string{"SLACK_BOT_TOKEN is set but SLACK_APP_TOKEN is missing", "Socket Mode", "--slack-listen", "SLACK_SIGNING_SECRET"}},
		{name: "slack listen without signing secret", set: func(c *Config) { c.SlackBotToken, c.SlackListen = botToken, ":3000" },
			want: []string{"--slack-listen", "SLACK_SIGNING_SECRET is missing"}},
		{name: "slack bot token wrong prefix", set: func(c *Config) { c.SlackBotToken, c.SlackAppToken = "xoxp-user-token", appToken },
			want: []string{"SLACK_BOT_TOKEN must start with xoxb-"}},
		{name: "slack tokens swapped", set: func(c *Config) { c.SlackBotToken, c.SlackAppToken = appToken, botToken },
			want: []string{"SLACK_BOT_TOKEN starts with xapp-", "SLACK_APP_TOKEN must start with xapp-"}},
		{name: "slack app token without bot token", set: func(c *Config) { c.SlackAppToken = appToken },
			want: []string{"SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is missing"}},
		{name: "slack bad listen", set: func(c *Config) { c.SlackBotToken, c.SlackListen, c.SlackSigningSecret = botToken, "3000", signing },
			want: []string{"--slack-listen", "host:port"}},
		{name: "slack api url scheme", set: func(c *Config) {
			c.SlackBotToken, c.SlackAppToken, c.SlackAPIURL = botToken, appToken, "ftp://127.0.0.1/api/"
		},
			want: []string{"SLACK_API_URL", "http:// or https://", `"ftp://127.0.0.1/api/"`}},
		{name: "slack api url with credentials not echoed", set: func(c *Config) {
			c.SlackBotToken, c.SlackAppToken, c.SlackAPIURL = botToken, appToken, "ftp://u:"+webhookPw+"@127.0.0.1/api/"
		}, want: []string{"SLACK_API_URL", "not shown"}},
		{name: "slack api url no host", set: func(c *Config) { c.SlackBotToken, c.SlackAppToken, c.SlackAPIURL = botToken, appToken, "http:///api/" },
			want: []string{"SLACK_API_URL", "no host"}},
		{name: "slack api url local fake", set: func(c *Config) {
			c.SlackBotToken, c.SlackAppToken, c.SlackAPIURL = botToken, appToken, "http://127.0.0.1:8080/api/"
		}},

		{name: "telegram long polling", set: func(c *Config) { c.TelegramBotToken = tgToken }},
		{name: "telegram endpoint with placeholders", set: func(c *Config) { c.TelegramBotToken, c.TelegramAPIEndpoint = tgToken, "http://127.0.0.1:8081/bot%s/%s" }},
		{name: "telegram endpoint bad", set: func(c *Config) { c.TelegramBotToken, c.TelegramAPIEndpoint = tgToken, "127.0.0.1:8081" },
			want: []string{"TELEGRAM_API_ENDPOINT"}},
		{name: "telegram webhook complete", set: func(c *Config) {
			c.TelegramBotToken, c.TelegramWebhook, c.TelegramListen, c.TelegramSecret = tgToken, "https://bot.example.org/tg", "127.0.0.1:8443", tgSecret
		}},
		{name: "telegram webhook alone", set: func(c *Config) { c.TelegramBotToken, c.TelegramWebhook = tgToken, "https://bot.example.org/tg" },
			want: []string{"TELEGRAM_LISTEN is missing", "TELEGRAM_WEBHOOK_SECRET is missing"}},
		{name: "telegram listen without webhook", set: func(c *Config) { c.TelegramBotToken, c.TelegramListen = tgToken, ":8443" },
			want: []string{"TELEGRAM_LISTEN is set but TELEGRAM_WEBHOOK_URL is missing"}},
		{name: "telegram bad secret", set: func(c *Config) {
			c.TelegramBotToken, c.TelegramWebhook, c.TelegramListen, c.TelegramSecret = tgToken, "https://bot.example.org/tg", ":8443", "has space!"
		}, want: []string{"TELEGRAM_WEBHOOK_SECRET must be 1-256 characters"}},
		{name: "telegram bad token", set: func(c *Config) { c.TelegramBotToken = "not-a-token" },
			want: []string{"TELEGRAM_BOT_TOKEN does not look like a bot token"}},
		{name: "telegram webhook without token", set: func(c *Config) { c.TelegramWebhook = "https://bot.example.org/tg" },
			want: []string{"TELEGRAM_WEBHOOK_URL is set but TELEGRAM_BOT_TOKEN is missing"}},
		{name: "telegram webhook scheme", set: func(c *Config) {
			c.TelegramBotToken, c.TelegramWebhook, c.TelegramListen, c.TelegramSecret = tgToken, "bot.example.org/tg", ":8443", tgSecret
		}, want: []string{"TELEGRAM_WEBHOOK_URL", "http:// or https://"}},
		{name: "every problem reported at once", set: func(c *Config) { c.LogLevel, c.SlackBotToken, c.TelegramBotToken = "loud", "bad", "bad" },
			want: []string{"BRIEFBOT_LOG_LEVEL", "SLACK_BOT_TOKEN must start with xoxb-", "TELEGRAM_BOT_TOKEN does not look"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			tt.set(&c)
			err := c.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("Validate succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			for _, s := range []string{botToken, appToken, signing, tgToken, tgSecret, webhookPw} {
				if strings.Contains(err.Error(), s) {
					t.Errorf("error %q contains a secret", err)
				}
			}
		})
	}
}

func TestConfigured(t *testing.T) {
	c := Default()
	if c.Slack() || c.Telegram() {
		t.Errorf("Default: Slack()=%v Telegram()=%v, want neither", c.Slack(), c.Telegram())
	}
	c.SlackBotToken = botToken
	c.TelegramBotToken = tgToken
	if !c.Slack() || !c.Telegram() {
		t.Errorf("with tokens: Slack()=%v Telegram()=%v, want both", c.Slack(), c.Telegram())
	}
}

func TestSlogLevel(t *testing.T) {
	for in, want := range map[string]slog.Level{"debug": slog.LevelDebug, "INFO": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError, "bogus": slog.LevelInfo} {
		if got := (Config{LogLevel: in}).SlogLevel(); got != want {
			t.Errorf("SlogLevel(%q) = %v, want %v", in, got, want)
		}
	}
}

func secretConfig() Config {
	c := Default()
	c.SlackBotToken, c.SlackAppToken, c.SlackSigningSecret = botToken, appToken, signing
	c.SlackAPIURL = "http://user:" + webhookPw + "@127.0.0.1:9/api/"
	c.TelegramBotToken, c.TelegramSecret = tgToken, tgSecret
	c.TelegramWebhook = "https://bot.example.org/hook/" + webhookPw + "?k=" + webhookPw
	c.TelegramAPIEndpoint = "http://127.0.0.1:8081/bot%s/%s"
	c.TelegramListen = ":8443"
	return c
}

// TestRedaction fails if any secret reaches a printed or logged form.
func TestRedaction(t *testing.T) {
	c := secretConfig()
	outputs := map[string]string{
		"String":           c.String(),
		"%v":               fmt.Sprintf("%v", c),
		"%+v":              fmt.Sprintf("%+v", c),
		"%#v":              fmt.Sprintf("%#v", c),
		"%s":               fmt.Sprintf("%s", c), //lint:ignore S1025 the test is that %s goes through String
		"%q":               fmt.Sprintf("%q", c),
		"pointer %+v":      fmt.Sprintf("%+v", &c),
		"nested %+v":       fmt.Sprintf("%+v", struct{ Cfg Config }{c}),
		"slice %v":         fmt.Sprint([]Config{c}),
		"Println":          fmt.Sprintln("config", c),
		"json.Marshal":     mustJSON(t, c),
		"json.Marshal ptr": mustJSON(t, &c),
	}
	for name, h := range map[string]func(*bytes.Buffer) slog.Handler{
		"slog JSON": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		"slog text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	} {
		var buf bytes.Buffer
		lg := slog.New(h(&buf))
		lg.Info("starting", "config", c)
		lg.Info("starting", slog.Any("config", &c))
		lg.With("cfg", c).Info("again")
		outputs[name] = buf.String()
	}
	for name, out := range outputs {
		for _, s := range []string{botToken, appToken, signing, tgToken, tgSecret, webhookPw, "SECRET"} {
			if strings.Contains(out, s) {
				t.Errorf("%s output contains secret %q:\n%s", name, s, out)
			}
		}
	}
	for _, want := range []string{`SlackBotToken:"xoxb-…(redacted)"`, `SlackAppToken:"xapp-…(redacted)"`, `TelegramBotToken:"(redacted)"`, `DBPath:"briefbot.db"`, `LoadSamples:true`, `TelegramAPIEndpoint:"http://127.0.0.1:8081/bot%s/%s"`} {
		if !strings.Contains(c.String(), want) {
			t.Errorf("String() = %s\nwant it to contain %s", c.String(), want)
		}
	}
	if empty := Default().String(); !strings.Contains(empty, `SlackBotToken:""`) {
		t.Errorf("an unset token must print as empty: %s", empty)
	}

	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "config", c)
	var rec struct {
		Config map[string]any `json:"config"`
	}
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatalf("slog JSON: %v", err)
	}
	if got := rec.Config["slack_bot_token"]; got != "xoxb-…(redacted)" {
		t.Errorf("slog config.slack_bot_token = %v, want the redacted form", got)
	}
	if got := rec.Config["db_path"]; got != "briefbot.db" {
		t.Errorf("slog config.db_path = %v, want briefbot.db", got)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	return string(b)
}

func TestRedactURL(t *testing.T) {
	tests := []struct {
		in       string
		hidePath bool
		want     string
	}{
		{"", false, ""},
		{"https://slack.com/api/", false, "https://slack.com/api/"},
		{"http://u:pw@127.0.0.1:9/api/", false, "http://(redacted)@127.0.0.1:9/api/"},
		{"http://127.0.0.1:8081/bot%s/%s", false, "http://127.0.0.1:8081/bot%s/%s"},
		{"https://bot.example.org/", true, "https://bot.example.org"},
		{"https://bot.example.org/tg/abc?x=1", true, "https://bot.example.org/…(redacted)"},
		{"https://u:p@bot.example.org", true, "https://(redacted)@bot.example.org"},
		{"https://bot.example.org/x%s", true, "https://bot.example.org/…(redacted)"},
		{"not a url", false, "(invalid URL, not shown)"},
		{"http://[::1", false, "(invalid URL, not shown)"},
	}
	for _, tt := range tests {
		if got := redactURL(tt.in, tt.hidePath); got != tt.want {
			t.Errorf("redactURL(%q, %v) = %q, want %q", tt.in, tt.hidePath, got, tt.want)
		}
	}
}

// FuzzLoad feeds arbitrary config files to Load: it must not panic, and a
// loaded configuration must validate and print without panicking or
// leaking its token.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(`{"db_path": "x.db", "slack_bot_token": "xoxb-SECRETfuzz1234"}`))
	f.Add([]byte(`{"load_samples": false, "telegram_webhook_url": "https://h/p"}`))
	f.Add([]byte(`{"unknown": 1}`))
	f.Add([]byte(`[1,2`))
	f.Add([]byte(`null`))
	f.Add([]byte("{\"log_level\": \"\xff\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "fuzz.json")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := Load(p, env(nil))
		if err != nil {
			return
		}
		_ = c.Validate()
		out := c.String() + fmt.Sprintf("%+v", c) + mustJSON(t, c)
		tok := c.SlackBotToken
		if len(tok) < 12 {
			return
		}
		for _, f := range fields { // the same text in a public field is no leak
			if !f.secret && f.str != nil && strings.Contains(*f.str(&c), tok) {
				return
			}
		}
		if strings.Contains(out, tok) {
			t.Errorf("output contains the Slack token %q", tok)
		}
	})
}

func TestAllowLists(t *testing.T) {
	env := map[string]string{"SLACK_ALLOWED_CHANNELS": " C1, C2 ,", "TELEGRAM_ALLOWED_CHATS": "-100123,abc"}
	c, err := Load("", func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if got := List(c.SlackAllowedChannels); len(got) != 2 || got[0] != "C1" || got[1] != "C2" {
		t.Errorf("List = %q", got)
	}
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), `"abc" is not a Telegram chat id`) {
		t.Errorf("Validate = %v", err)
	}
}

func TestFileWarnings(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		mode os.FileMode
		warn bool
	}{{0o600, false}, {0o400, false}, {0o640, true}, {0o644, true}, {0o604, true}} {
		p := filepath.Join(dir, fmt.Sprintf("c%o.json", tc.mode))
		if err := os.WriteFile(p, []byte(`{}`), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, tc.mode); err != nil {
			t.Fatal(err)
		}
		w := FileWarnings(p)
		if (len(w) > 0) != tc.warn {
			t.Errorf("mode %04o: warnings %q, want warning %v", tc.mode, w, tc.warn)
		}
		if tc.warn && !strings.Contains(w[0], "chmod 600") {
			t.Errorf("warning %q does not say how to fix it", w[0])
		}
	}
	if w := FileWarnings(""); w != nil {
		t.Errorf("no file: %q", w)
	}
	if w := FileWarnings(filepath.Join(dir, "missing.json")); w != nil {
		t.Errorf("missing file: %q", w)
	}
}

func TestAdmins(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  []string // AdminKeys
		errs  []string // substrings of Validate's error; nil = valid
		noErr []string // must not appear in the error
	}{
		{name: "unset", in: ""},
		{name: "both platforms", in: "slack:U024BE7LH, telegram:123456789", want: []string{"slack:U024BE7LH", "telegram:123456789"}},
		{name: "platform any case, spaces, duplicates", in: " Slack : W0ABC12 ,slack:W0ABC12,, TELEGRAM:0042 ", want: []string{"slack:W0ABC12", "telegram:42"}},
		{name: "negative telegram id (an anonymous group admin's chat)", in: "telegram:-1001234567890", want: []string{"telegram:-1001234567890"}},
		{name: "unknown platform", in: "discord:1234, slack:U1", want: []string{"slack:U1"},
			errs: []string{"BRIEFBOT_ADMINS", `unknown platform "discord"`, "want slack or telegram"}},
		{name: "no platform", in: "U024BE7LH", errs: []string{"BRIEFBOT_ADMINS", `"U024BE7LH"`, "want platform:user-id"}},
		{name: "empty platform", in: ":U024BE7LH", errs: []string{"want platform:user-id"}},
		{name: "empty id", in: "slack:", errs: []string{"BRIEFBOT_ADMINS", `no user id after "slack:"`}},
		{name: "empty telegram id", in: "telegram: ", errs: []string{`no user id after "telegram:"`}},
		{name: "telegram id not a number", in: "telegram:@alice", errs: []string{"numeric Telegram user id"}},
		{name: "slack id lower case", in: "slack:u024be7lh", errs: []string{"Slack member id"}},
		{name: "slack channel id", in: "slack:C024BE7LH", errs: []string{"starting with U or W"}},
		{name: "console is implicit", in: "console:me", errs: []string{"always admins"}},
		{name: "every bad entry reported", in: "x:1, slack:, telegram:y", errs: []string{`"x"`, `"slack:"`, `"telegram:y"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load("", env(map[string]string{"BRIEFBOT_ADMINS": tt.in}))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, c.AdminKeys()); diff != "" {
				t.Errorf("AdminKeys (-want +got):\n%s", diff)
			}
			err = c.Validate()
			if tt.errs == nil {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("Validate succeeded, want an error")
			}
			for _, w := range tt.errs {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestAdmins_FromFile(t *testing.T) {
	p := writeFile(t, `{"admins": "telegram:7, slack:U1"}`)
	c, err := Load(p, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"telegram:7", "slack:U1"}, c.AdminKeys()); diff != "" {
		t.Errorf("AdminKeys (-want +got):\n%s", diff)
	}
	c, err = Load(p, env(map[string]string{"BRIEFBOT_ADMINS": "slack:U2"}))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"slack:U2"}, c.AdminKeys()); diff != "" {
		t.Errorf("environment does not override the file (-want +got):\n%s", diff)
	}
}

func TestFetchAllowedHosts(t *testing.T) {
	tests := []struct {
		in  string
		bad []string // entries Validate must name
	}{
		{in: ""},
		{in: "example.org, News.Example.COM., xn--mnchen-3ya.de, 203.0.113.7"},
		{in: "https://example.org, example.org/news, example.org:443, *.example.org, exa mple.org, -bad.org, a..b",
			bad: []string{`"https://example.org"`, `"example.org/news"`, `"example.org:443"`, `"*.example.org"`, `"exa mple.org"`, `"-bad.org"`, `"a..b"`}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := Load("", env(map[string]string{"BRIEFBOT_FETCH_ALLOWED_HOSTS": tt.in}))
			if err != nil {
				t.Fatal(err)
			}
			err = c.Validate()
			if tt.bad == nil {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("Validate succeeded, want an error")
			}
			for _, w := range append(tt.bad, "BRIEFBOT_FETCH_ALLOWED_HOSTS") {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %s", err, w)
				}
			}
		})
	}
}
