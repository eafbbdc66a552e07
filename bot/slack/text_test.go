package slack

import (
	"strings"
	"testing"
	"unicode/utf8"

	slackapi "github.com/slack-go/slack"
)

func TestCommandText(t *testing.T) {
	names := map[string]bool{"timeline": true, "who": true, "help": true, "sources": true}
	article := "Harbor Minister Talia Brennick met Governor Osric Valdane in Meridian City on Tuesday for three hours of talks on tolls."
	tests := []struct{ in, want string }{
		{"<@UBOT> timeline witkoff", "/timeline witkoff"},
		{"<@UBOT>timeline   witkoff  since 2025", "/timeline witkoff  since 2025"},
		{"hey <@UBOT> /who x", "hey   /who x"},
		{"<@UBOT> /who x", "/who x"},
		{"<@UBOT|briefbot> Help", "/help"},
		{"<@UBOT> who:\nBrennick", "/who Brennick"},
		{"<@UBOT>", ""},
		{"<@UBOT> hello there", "hello there"},
		{"<@UOTHER> timeline x", "@UOTHER timeline x"},
		{"timeline <@UOTHER|alice>", "/timeline @alice"},
		{"Who " + article, "Who " + article},
		{"<@UBOT> " + article, article},
		{"sources &lt;a&gt; &amp;amp;", "/sources <a> &amp;"},
		{"who <https://example.org/x?a=1&amp;b=2>", "/who https://example.org/x?a=1&b=2"},
	}
	for _, tt := range tests {
		if got := commandText(tt.in, "UBOT", names); got != tt.want {
			t.Errorf("commandText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"<@U1> and <@U2|bob>", "@U1 and @bob"},
		{"in <#C1|news> or <#C2>", "in #news or #C2"},
		{"<!here> <!channel> <!subteam^S1|@editors> <!date^1392734382^{date}|Feb 18>", "@here @channel @editors Feb 18"},
		{"<https://example.org|Example> <https://example.org/b> <mailto:a@example.org|a@example.org>", "Example https://example.org/b a@example.org"},
		{"a < b &amp; c &gt; d", "a < b & c > d"},
		{"unclosed <https://x", "unclosed <https://x"},
		{"&amp;lt;", "&lt;"},
	}
	for _, tt := range tests {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTSTime(t *testing.T) {
	for in, want := range map[string]string{
		"1772712345.000100": "2026-03-05T12:05:45Z",
		"1772712345":        "2026-03-05T12:05:45Z",
		"":                  "",
		"abc.1":             "",
		"-5.0":              "",
		"99999999999999999": "",
	} {
		if got := tsTime(in); got != want {
			t.Errorf("tsTime(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzCommandText(f *testing.F) {
	f.Add("<@UBOT> timeline witkoff")
	f.Add("<@UBOT|x> <https://a|b> &amp; <!here>")
	f.Add("<<<>>>&&&;")
	f.Add("who\t\n/x")
	names := map[string]bool{"timeline": true, "who": true}
	f.Fuzz(func(t *testing.T, s string) {
		got := commandText(s, "UBOT", names)
		if strings.Contains(got, "<@UBOT>") {
			t.Errorf("bot mention left in %q", got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Errorf("invalid UTF-8 out of valid input: %q", got)
		}
		if len(plainText(s)) > len(s) {
			t.Errorf("plainText grew %q to %q", s, plainText(s))
		}
	})
}

func TestFromSlash_Umbrella(t *testing.T) {
	a := &Adapter{}
	tests := []struct{ command, text, want string }{
		{"/timeline", "witkoff", "/timeline witkoff"},
		{"/briefbot", "who ushakov", "/who ushakov"},
		{"/briefbot", "/help timeline", "/help timeline"},
		{"/briefbot", "", "/help"},
		{"/BRIEFBOT", "conflicts", "/conflicts"},
	}
	for _, tt := range tests {
		in := a.fromSlash(slackapi.SlashCommand{Command: tt.command, Text: tt.text, TriggerID: "t"})
		if in.text != tt.want {
			t.Errorf("%s %q → %q, want %q", tt.command, tt.text, in.text, tt.want)
		}
	}
}
