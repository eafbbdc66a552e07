package bot

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/briefbot/briefbot/analysis"
)

// memStore is a fake Store that keeps articles in memory and can forget
// them. Only Articles and DeleteArticle are implemented: any other Store
// method panics through the nil embedded interface, which fails the test.
type memStore struct {
	Store
	mu      sync.Mutex
	arts    map[uint64]analysis.Article
	deleted []uint64
	failDel error // returned by DeleteArticle when set
}

func newMemStore(arts ...analysis.Article) *memStore {
	s := &memStore{arts: map[uint64]analysis.Article{}}
	for _, a := range arts {
		s.arts[a.ID] = a
	}
	return s
}

func (s *memStore) Articles(context.Context) ([]analysis.Article, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []analysis.Article
	for _, id := range slices.Sorted(maps.Keys(s.arts)) {
		out = append(out, s.arts[id])
	}
	return out, nil
}

func (s *memStore) DeleteArticle(_ context.Context, id uint64) (analysis.Article, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failDel != nil {
		return analysis.Article{}, s.failDel
	}
	a, ok := s.arts[id]
	if !ok {
		return analysis.Article{}, fmt.Errorf("article %d: not found", id)
	}
	delete(s.arts, id)
	s.deleted = append(s.deleted, id)
	a.Text = ""
	return a, nil
}

// plainStore cannot forget.
type plainStore struct{ Store }

// syncBuffer is a log sink safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newPolicyBot(t *testing.T, st Store, p Policy) (*Bot, *syncBuffer) {
	t.Helper()
	var logs syncBuffer
	return New(slog.New(slog.NewTextHandler(&logs, nil)), st, WithPolicy(p)), &logs
}

var testPolicy = Policy{
	Admins:       map[string]bool{"slack:UADMIN": true, "telegram:42": true},
	AllowedChats: map[string][]string{"slack": {"CNEWS"}, "telegram": {"-100", "42", "7"}},
	AllowedUsers: map[string][]string{"slack": {"UGUEST"}},
}

func TestPolicy_Allowed(t *testing.T) {
	tests := []struct {
		name                 string
		p                    Policy
		platform, chat, user string
		want                 bool
	}{
		{"zero policy serves everyone", Policy{}, "slack", "CX", "UX", true},
		{"listed slack channel", testPolicy, "slack", "CNEWS", "UX", true},
		{"listed slack user elsewhere", testPolicy, "slack", "DPRIVATE", "UGUEST", true},
		{"neither listed", testPolicy, "slack", "COTHER", "UX", false},
		{"admin outside the allowlist", testPolicy, "slack", "COTHER", "UADMIN", false},
		{"empty ids do not match", Policy{AllowedUsers: map[string][]string{"slack": {"U1"}}}, "slack", "", "", false},
		{"listed telegram chat", testPolicy, "telegram", "-100", "9", true},
		{"unlisted telegram chat", testPolicy, "telegram", "-200", "42", false},
		{"platform without a list", testPolicy, "matrix", "room", "u", true},
		{"console never restricted", Policy{AllowedChats: map[string][]string{"console": {"x"}}}, "console", "console", "console", true},
		{"cli never restricted", testPolicy, "cli", "cli", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Allowed(tt.platform, tt.chat, tt.user); got != tt.want {
				t.Errorf("Allowed(%q, %q, %q) = %v, want %v", tt.platform, tt.chat, tt.user, got, tt.want)
			}
		})
	}
}

func TestPolicy_ChatAllowed(t *testing.T) {
	usersOnly := Policy{AllowedUsers: map[string][]string{"slack": {"U1"}}}
	tests := []struct {
		name           string
		p              Policy
		platform, chat string
		want           bool
	}{
		{"zero policy", Policy{}, "telegram", "-5", true},
		{"listed chat", testPolicy, "telegram", "7", true},
		{"chat dropped from the list", testPolicy, "telegram", "-5", false},
		{"slack channel listed", testPolicy, "slack", "CNEWS", true},
		{"slack channel not listed", testPolicy, "slack", "COLD", false},
		{"slack lists users only", usersOnly, "slack", "COLD", true},
		{"console", testPolicy, "console", "console", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.ChatAllowed(tt.platform, tt.chat); got != tt.want {
				t.Errorf("ChatAllowed(%q, %q) = %v, want %v", tt.platform, tt.chat, got, tt.want)
			}
		})
	}
}

// TestHandle_AdminCommands runs the admin commands through Handle, the path
// every adapter takes, as each kind of user.
func TestHandle_AdminCommands(t *testing.T) {
	noAdmins := Policy{AllowedChats: testPolicy.AllowedChats, AllowedUsers: testPolicy.AllowedUsers}
	const (
		ran     = "ran"     // the handler answered
		refused = "refused" // the policy refused the command
		chat    = "chat"    // the policy refused the chat
	)
	tests := []struct {
		name string
		p    Policy
		req  Request
		want string
	}{
		{"slack admin forgets", testPolicy, Request{Platform: "slack", ChatID: "CNEWS", UserID: "UADMIN", Text: "/forget 1"}, ran},
		{"slack user may not forget", testPolicy, Request{Platform: "slack", ChatID: "CNEWS", UserID: "UX", Text: "/forget 1 confirm"}, refused},
		{"admin of the other platform", testPolicy, Request{Platform: "slack", ChatID: "CNEWS", UserID: "42", Text: "/forget 1"}, refused},
		{"telegram admin forgets", testPolicy, Request{Platform: "telegram", ChatID: "42", UserID: "42", Text: "/forget 1"}, ran},
		{"telegram user may not forget", testPolicy, Request{Platform: "telegram", ChatID: "-100", UserID: "9", Text: "/forget@briefbot 1"}, refused},
		{"no user id", testPolicy, Request{Platform: "telegram", ChatID: "-100", Text: "/forget 1"}, refused},
		{"console forgets", testPolicy, Request{Platform: "console", ChatID: "console", UserID: "console", Text: "/forget 1"}, ran},
		{"ask forgets", testPolicy, Request{Platform: "cli", ChatID: "cli", Text: "/forget 1"}, ran},
		{"no admins: slack may not forget", noAdmins, Request{Platform: "slack", ChatID: "CNEWS", UserID: "UADMIN", Text: "/forget 1"}, refused},
		{"no admins: console forgets", noAdmins, Request{Platform: "console", ChatID: "console", Text: "/forget 1"}, ran},
		{"zero policy: slack may not forget", Policy{}, Request{Platform: "slack", ChatID: "C", UserID: "U", Text: "/forget 1"}, refused},
		{"refused before the usage", testPolicy, Request{Platform: "slack", ChatID: "CNEWS", UserID: "UX", Text: "/forget"}, refused},

		{"admins set: user may not follow", testPolicy, Request{Platform: "telegram", ChatID: "-100", UserID: "9", Text: "/follow https://example.org/rss.xml"}, refused},
		{"admins set: user may not unfollow", testPolicy, Request{Platform: "slack", ChatID: "CNEWS", UserID: "UX", Text: "/UNFOLLOW https://example.org/rss.xml"}, refused},
		{"admins set: admin follows", testPolicy, Request{Platform: "slack", ChatID: "CNEWS", UserID: "UADMIN", Text: "/follow https://example.org/rss.xml"}, ran},
		{"admins set: console follows", testPolicy, Request{Platform: "console", ChatID: "console", Text: "/follow https://example.org/rss.xml"}, ran},
		{"no admins: everyone follows", noAdmins, Request{Platform: "telegram", ChatID: "-100", UserID: "9", Text: "/follow https://example.org/rss.xml"}, ran},
		{"no admins: everyone unfollows", Policy{}, Request{Platform: "slack", ChatID: "C", UserID: "U", Text: "/unfollow https://example.org/rss.xml"}, ran},
		{"admins set: feeds list stays open", testPolicy, Request{Platform: "slack", ChatID: "CNEWS", UserID: "UX", Text: "/feeds"}, ran},

		{"unlisted chat refused before the command", testPolicy, Request{Platform: "telegram", ChatID: "-999", UserID: "42", Text: "/forget 1"}, chat},
		{"unlisted chat: plain command", testPolicy, Request{Platform: "slack", ChatID: "COTHER", UserID: "UX", Text: "/help"}, chat},
		{"unlisted chat: pasted article", testPolicy, Request{Platform: "telegram", ChatID: "-999", UserID: "9",
			Text:    strings.Repeat("The envoy of Varnitsa met the minister of Karstia in Lissen on Tuesday. ", 4),
			Forward: &Origin{Name: "Northgate Daily"}}, chat},
		{"unlisted chat: link", testPolicy, Request{Platform: "slack", ChatID: "COTHER", UserID: "UX", Text: "https://example.org/news/1"}, chat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newMemStore(analysis.Article{ID: 1, Title: "Envoy returns", Outlet: "Northgate Daily", Facts: 3})
			b, logs := newPolicyBot(t, st, tt.p)
			req := tt.req
			r, err := b.Handle(context.Background(), &req)
			if err != nil {
				t.Fatalf("Handle: %v", err)
			}
			got := ran
			switch {
			case strings.Contains(r.Title, "is for admins only"):
				got = refused
			case strings.Contains(r.Title, "not allowed to use briefbot"):
				got = chat
			}
			if got != tt.want {
				t.Fatalf("reply %q / %q: got %s, want %s", r.Title, r.Text, got, tt.want)
			}
			if got != ran && !r.Error {
				t.Error("a refusal must be an error reply")
			}
			if len(st.deleted) > 0 && got != ran {
				t.Errorf("refused, yet deleted %v", st.deleted)
			}
			log := logs.String()
			switch got {
			case ran:
				if strings.Contains(log, "refused") {
					t.Errorf("a refusal was logged: %s", log)
				}
			default:
				for _, w := range []string{"refused", "platform=" + req.Platform, "chat=" + req.ChatID} {
					if !strings.Contains(log, w) {
						t.Errorf("log %q lacks %q", log, w)
					}
				}
				if got == refused && !strings.Contains(log, "command=") {
					t.Errorf("log %q does not name the command", log)
				}
				if args := strings.Fields(req.Text); len(args) > 1 && len(args[1]) > 4 && strings.Contains(log, args[1]) {
					t.Errorf("log %q holds the message text", log)
				}
			}
		})
	}
}

func TestHandle_RefusalText(t *testing.T) {
	b, _ := newPolicyBot(t, newMemStore(), testPolicy)
	r, err := b.Handle(context.Background(), &Request{Platform: "slack", ChatID: "CNEWS", UserID: "UX", Text: "/forget 1"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Command != "forget" || !strings.Contains(r.Text, "one of this bot's 2 admins") {
		t.Errorf("reply %+v: want the command and how many admins to ask", r)
	}
	for id := range testPolicy.Admins {
		if _, user, _ := strings.Cut(id, ":"); strings.Contains(r.Title+r.Text, user) {
			t.Errorf("reply %q leaks admin id %s", r.Text, id)
		}
	}

	b, _ = newPolicyBot(t, newMemStore(), Policy{})
	r, err = b.Handle(context.Background(), &Request{Platform: "telegram", ChatID: "5", UserID: "5", Text: "/forget 1"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Text, "console") || !strings.Contains(r.Text, "BRIEFBOT_ADMINS") {
		t.Errorf("with no admins, the reply %q should point to the console and BRIEFBOT_ADMINS", r.Text)
	}
}

// TestAdminCommands_Registered keeps the admin table in step with the
// command table: a renamed command must not silently become open.
func TestAdminCommands_Registered(t *testing.T) {
	b, _ := newPolicyBot(t, newMemStore(), Policy{})
	for name := range adminCommands {
		if c := b.index[name]; c == nil || c.Name != name {
			t.Errorf("admin command /%s is not in the command table", name)
		}
	}
}
