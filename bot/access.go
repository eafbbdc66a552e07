package bot

import (
	"fmt"
	"log/slog"
)

// Policy says who may use the bot and who may run its admin commands. The
// bot enforces it in Handle, the one entry point every adapter path (typed
// commands, mentions, forwards, links, buttons, shortcuts) goes through, as
// a backstop behind the adapters' own allowlists. The zero Policy restricts
// nobody and names no admin.
//
// Platforms are Request.Platform values. "console" and "cli" (briefbot ask)
// are the machine's owner: never restricted, always admins.
type Policy struct {
	// Admins holds "platform:user-id" keys ("slack:U024BE7LH",
	// "telegram:123456789") of the users who may run admin commands.
	Admins map[string]bool
	// AllowedChats limits, per platform, the chats served ("slack" →
	// channel ids, "telegram" → chat ids). A platform with neither chats
	// nor users listed serves every chat.
	AllowedChats map[string][]string
	// AllowedUsers limits, per platform, the users served. When a platform
	// lists chats or users, a request passes if its chat or its user is
	// listed (Slack's rule; Telegram lists chats only).
	AllowedUsers map[string][]string
}

// WithPolicy sets the access policy the bot enforces (default: the zero
// Policy, open to everyone, /forget only in the console and ask).
func WithPolicy(p Policy) Option { return func(b *Bot) { b.policy = p } }

// OwnerPlatform reports whether platform is the machine owner's: the console or
// the command line.
func OwnerPlatform(platform string) bool { return platform == "console" || platform == "cli" }

// restricted reports whether platform has an allowlist.
func (p Policy) restricted(platform string) bool {
	return len(p.AllowedChats[platform]) > 0 || len(p.AllowedUsers[platform]) > 0
}

// Allowed reports whether a request from user in chat on platform may be
// served: always for the owner's platforms and for a platform without an
// allowlist; else when the chat or the user is listed.
func (p Policy) Allowed(platform, chatID, userID string) bool {
	if OwnerPlatform(platform) || !p.restricted(platform) {
		return true
	}
	return listed(p.AllowedChats[platform], chatID) || listed(p.AllowedUsers[platform], userID)
}

// ChatAllowed reports whether the bot may send to chatID on platform
// unasked (a daily briefing, a feed announcement): always for the owner's
// platforms and for a platform without an allowlist, and when the chat is
// listed. A platform that lists users only cannot check a chat without its
// user: its chats stay allowed (they were subscribed by an allowed user),
// so there the allowlist does not withdraw older subscriptions.
func (p Policy) ChatAllowed(platform, chatID string) bool {
	if OwnerPlatform(platform) || len(p.AllowedChats[platform]) == 0 {
		return true
	}
	return listed(p.AllowedChats[platform], chatID)
}

// IsAdmin reports whether user on platform may run admin commands: the
// owner's platforms always, others when listed in Admins.
func (p Policy) IsAdmin(platform, userID string) bool {
	if OwnerPlatform(platform) {
		return true
	}
	return userID != "" && p.Admins[platform+":"+userID]
}

// adminRule says when a command is for admins only.
type adminRule int

const (
	// adminAlways: admins only; with no admin configured, only the owner.
	adminAlways adminRule = iota + 1
	// adminWhenConfigured: admins only once any admin is configured; open
	// to every allowed user before.
	adminWhenConfigured
)

// adminCommands are the commands Handle keeps for admins, by name.
var adminCommands = map[string]adminRule{
	"forget":   adminAlways,
	"follow":   adminWhenConfigured,
	"unfollow": adminWhenConfigured,
}

// mayRun reports whether req's sender may run the command named name.
func (p Policy) mayRun(name string, req *Request) bool {
	switch adminCommands[name] {
	case adminAlways:
		return p.IsAdmin(req.Platform, req.UserID)
	case adminWhenConfigured:
		return len(p.Admins) == 0 || p.IsAdmin(req.Platform, req.UserID)
	}
	return true
}

// refuseChat answers a request from a chat the policy does not serve, and
// logs it; nil when the request may go on.
func (b *Bot) refuseChat(req *Request) *Reply {
	if b.policy.Allowed(req.Platform, req.ChatID, req.UserID) {
		return nil
	}
	b.lg.Warn("request refused: chat not allowed", requestAttrs(req, "")...)
	r := userError("", "", "This chat is not allowed to use briefbot.")
	r.Text = "Ask whoever runs the bot to add this chat to its allowlist."
	return r
}

// refuseCommand answers a request for an admin command from someone who is
// not an admin, and logs it; nil when the command may run.
func (b *Bot) refuseCommand(c *Command, req *Request) *Reply {
	if b.policy.mayRun(c.Name, req) {
		return nil
	}
	b.lg.Warn("command refused: admins only", requestAttrs(req, c.Name)...)
	r := userError(c.Name, "", fmt.Sprintf("/%s is for admins only.", c.Name))
	if n := len(b.policy.Admins); n > 0 {
		r.Text = fmt.Sprintf("Ask one of this bot's %s to do it.", count(n, "admin", "admins"))
	} else {
		r.Text = fmt.Sprintf("No admin is configured: /%s works only in briefbot's console or with briefbot ask on the machine that runs it. Whoever runs the bot can name admins with BRIEFBOT_ADMINS.", c.Name)
	}
	return r
}

// requestAttrs are the log attributes that say who asked: platform, chat,
// user and the command name — never the message text.
func requestAttrs(req *Request, cmd string) []any {
	attrs := []any{slog.String("platform", req.Platform), slog.String("chat", req.ChatID), slog.String("user", req.UserID)}
	if cmd != "" {
		attrs = append(attrs, slog.String("command", cmd))
	}
	return attrs
}

func listed(ids []string, id string) bool {
	if id == "" {
		return false
	}
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
