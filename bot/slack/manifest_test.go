package slack

import (
	"encoding/json"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/bot"
)

// TestManifest_UpToDate fails when manifest.json no longer matches the
// command table; go test -update rewrites it.
func TestManifest_UpToDate(t *testing.T) {
	cmds := bot.New(slog.New(slog.DiscardHandler), nil).Commands()
	got, err := Manifest(cmds, ManifestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	const path = "manifest.json"
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s (go test -update writes it): %v", path, err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s is out of date with the command table; run go test ./bot/slack -update (-file +table):\n%s", path, diff)
	}
}

type manifest struct {
	Features struct {
		Shortcuts []struct {
			Name, Type string
			CallbackID string `json:"callback_id"`
		}
		SlashCommands []struct {
			Command, URL, Description string
			UsageHint                 string `json:"usage_hint"`
		} `json:"slash_commands"`
		AppHome struct {
			Messages bool `json:"messages_tab_enabled"`
		} `json:"app_home"`
	}
	OAuthConfig struct {
		Scopes struct{ Bot []string }
	} `json:"oauth_config"`
	Settings struct {
		Events struct {
			RequestURL string   `json:"request_url"`
			BotEvents  []string `json:"bot_events"`
		} `json:"event_subscriptions"`
		Interactivity struct {
			Enabled    bool   `json:"is_enabled"`
			RequestURL string `json:"request_url"`
		}
		SocketMode bool `json:"socket_mode_enabled"`
	}
}

func TestManifest_Content(t *testing.T) {
	cmds := bot.New(slog.New(slog.DiscardHandler), nil).Commands()
	for _, mode := range []string{"socket", "http"} {
		t.Run(mode, func(t *testing.T) {
			o := ManifestOptions{}
			if mode == "http" {
				o.RequestURL = "https://bot.example.org/"
			}
			b, err := Manifest(cmds, o)
			if err != nil {
				t.Fatal(err)
			}
			var m manifest
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			// the umbrella first, then every command Slack does not reserve
			var want []bot.Command
			for _, c := range cmds {
				if !slackReserved[c.Name] {
					want = append(want, c)
				}
			}
			if len(m.Features.SlashCommands) != len(want)+1 {
				t.Fatalf("%d slash commands for %d registrable commands and the umbrella", len(m.Features.SlashCommands), len(want))
			}
			if u := m.Features.SlashCommands[0]; u.Command != "/briefbot" {
				t.Errorf("first slash command %+v, want the umbrella /briefbot", u)
			}
			for i, c := range want {
				s := m.Features.SlashCommands[i+1]
				if s.Command != "/"+c.Name || s.Description != c.Summary || strings.HasPrefix(s.UsageHint, "/") {
					t.Errorf("slash command %d = %+v for %s", i, s, c.Name)
				}
			}
			for _, s := range m.Features.SlashCommands {
				if (mode == "http") != (s.URL == "https://bot.example.org/slack/commands") {
					t.Errorf("slash command url %q in %s mode", s.URL, mode)
				}
				if slackReserved[strings.TrimPrefix(s.Command, "/")] {
					t.Errorf("reserved command %s registered", s.Command)
				}
			}
			if tl := m.Features.SlashCommands[1]; tl.UsageHint != "<name> [since DATE] [until DATE] [chart]" {
				t.Errorf("timeline usage hint %q", tl.UsageHint)
			}
			if sc := m.Features.Shortcuts; len(sc) != 1 || sc[0].CallbackID != ShortcutCallbackID || sc[0].Type != "message" || sc[0].Name != "Analyze with briefbot" {
				t.Errorf("shortcuts = %+v", sc)
			}
			for _, s := range []string{"commands", "chat:write", "files:write", "app_mentions:read", "im:history", "im:read", "im:write", "users:read"} {
				if !contains(m.OAuthConfig.Scopes.Bot, s) {
					t.Errorf("scope %s missing", s)
				}
			}
			if diff := cmp.Diff([]string{"app_mention", "message.im"}, m.Settings.Events.BotEvents); diff != "" {
				t.Errorf("bot events: %s", diff)
			}
			if !m.Settings.Interactivity.Enabled || !m.Features.AppHome.Messages {
				t.Error("interactivity or the messages tab is off")
			}
			if mode == "socket" && (!m.Settings.SocketMode || m.Settings.Events.RequestURL != "") {
				t.Error("socket mode manifest has no socket mode or has a request URL")
			}
			if mode == "http" && (m.Settings.SocketMode || m.Settings.Events.RequestURL != "https://bot.example.org/slack/events" || m.Settings.Interactivity.RequestURL != "https://bot.example.org/slack/interactive") {
				t.Errorf("http mode settings = %+v", m.Settings)
			}
		})
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func TestManifest_BadCommands(t *testing.T) {
	for _, cmds := range [][]bot.Command{
		{{Name: "time line"}},
		{{Name: "a"}, {Name: "A"}},
		{{Name: strings.Repeat("x", 32)}},
		{{Name: ""}},
	} {
		if _, err := Manifest(cmds, ManifestOptions{}); err == nil {
			t.Errorf("Manifest(%+v) accepted", cmds)
		}
	}
}
