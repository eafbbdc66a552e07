package config

import (
	"encoding/json"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
)

// redacted is what a set secret prints as, after any public prefix.
const redacted = "…(redacted)"

// redactSecret hides a secret: "" stays "" (so "not set" is visible), a
// value with the field's known public prefix keeps that prefix only
// ("xoxb-…(redacted)"), anything else becomes "(redacted)".
func redactSecret(v string, f field) string {
	switch {
	case v == "":
		return ""
	case f.prefix != "" && strings.HasPrefix(v, f.prefix) && len(v) > len(f.prefix)+4:
		return f.prefix + redacted
	}
	return "(redacted)"
}

// redactURL shows a URL without its password; with hidePath, without its path,
// query and fragment either (a webhook path often carries a secret).
func redactURL(s string, hidePath bool) string {
	if s == "" {
		return ""
	}
	const placeholder = "PERCENTS"
	u, err := url.Parse(strings.ReplaceAll(s, "%s", placeholder))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "(invalid URL, not shown)"
	}
	creds := ""
	if u.User != nil {
		creds = "(redacted)@"
		u.User = nil
	}
	if hidePath {
		out := u.Scheme + "://" + creds + u.Host
		if u.Path != "" && u.Path != "/" || u.RawQuery != "" || u.Fragment != "" {
			out += "/" + redacted
		}
		return out
	}
	out := strings.ReplaceAll(u.String(), placeholder, "%s")
	return strings.Replace(out, "://", "://"+creds, 1)
}

// quoteBad quotes a URL that failed validation for an error message, unless
// it may hold a secret.
func quoteBad(s string, hidePath bool) string {
	if hidePath || strings.Contains(s, "@") {
		return "(value not shown: it may contain a secret)"
	}
	return strconv.Quote(s)
}

// shown returns the printable form of field f's value in c.
func (c Config) shown(f field) string {
	if f.flag != nil {
		return strconv.FormatBool(*f.flag(&c))
	}
	v := *f.str(&c)
	switch {
	case f.secret:
		return redactSecret(v, f)
	case f.kind == "url":
		return redactURL(v, false)
	case f.kind == "webhook":
		return redactURL(v, true)
	}
	return v
}

// String returns every setting on one line for logs and diagnostics, secrets
// redacted: Config{DBPath:"briefbot.db" … SlackBotToken:"xoxb-…(redacted)" …}.
// fmt's %v, %+v and %s use it.
func (c Config) String() string {
	var b strings.Builder
	b.WriteString("Config{")
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f.name)
		b.WriteByte(':')
		if f.flag != nil {
			b.WriteString(c.shown(f))
		} else {
			b.WriteString(strconv.Quote(c.shown(f)))
		}
	}
	b.WriteByte('}')
	return b.String()
}

// GoString makes %#v print the redacted String as well.
func (c Config) GoString() string { return c.String() }

// LogValue implements slog.LogValuer: a group of every setting under its
// file key, secrets redacted.
func (c Config) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, len(fields))
	for _, f := range fields {
		if f.flag != nil {
			attrs = append(attrs, slog.Bool(f.key, *f.flag(&c)))
			continue
		}
		attrs = append(attrs, slog.String(f.key, c.shown(f)))
	}
	return slog.GroupValue(attrs...)
}

// MarshalJSON encodes the settings under their file keys with secrets
// redacted, so an accidental json.Marshal cannot leak a token. The result is
// for display; it is not a loadable configuration.
func (c Config) MarshalJSON() ([]byte, error) {
	m := make(map[string]any, len(fields))
	for _, f := range fields {
		if f.flag != nil {
			m[f.key] = *f.flag(&c)
			continue
		}
		m[f.key] = c.shown(f)
	}
	return json.Marshal(m)
}
