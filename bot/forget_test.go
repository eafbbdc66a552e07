package bot

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/briefbot/briefbot/analysis"
)

func TestParseForgetArgs(t *testing.T) {
	tests := []struct {
		in      string
		id      uint64
		confirm bool
		bad     bool
	}{
		{in: "12", id: 12},
		{in: "#12", id: 12},
		{in: "  #7   CONFIRM ", id: 7, confirm: true},
		{in: "12 confirm", id: 12, confirm: true},
		{in: "18446744073709551615", id: 1<<64 - 1},
		{in: "", bad: true},
		{in: "#", bad: true},
		{in: "0", bad: true},
		{in: "-3", bad: true},
		{in: "+3", bad: true},
		{in: "##3", bad: true},
		{in: "12abc", bad: true},
		{in: "twelve", bad: true},
		{in: "12 yes", bad: true},
		{in: "12 confirm now", bad: true},
		{in: "confirm 12", bad: true},
		{in: "18446744073709551616", bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			id, confirm, err := parseForgetArgs(tt.in)
			if (err != nil) != tt.bad {
				t.Fatalf("parseForgetArgs(%q) error %v, want error %v", tt.in, err, tt.bad)
			}
			if id != tt.id || confirm != tt.confirm {
				t.Errorf("parseForgetArgs(%q) = %d, %v; want %d, %v", tt.in, id, confirm, tt.id, tt.confirm)
			}
		})
	}
}

func FuzzParseForgetArgs(f *testing.F) {
	for _, s := range []string{"12", "#12 confirm", "0", "", "# 1", "1 CONFIRM", "\u00a012"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, _, err := parseForgetArgs(s)
		if err == nil && id == 0 {
			t.Errorf("parseForgetArgs(%q) accepted id 0", s)
		}
		if err != nil && id != 0 {
			t.Errorf("parseForgetArgs(%q) = %d with error %v", s, id, err)
		}
	})
}

func TestForget(t *testing.T) {
	published := time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)
	arts := func() []analysis.Article {
		return []analysis.Article{
			{ID: 3, Title: "Talks in Lissen end without a deal", Outlet: "Baltic Courier", Published: published, Facts: 14},
			{ID: 12, Title: "Envoy to return to Varnitsa", Outlet: "Northgate Daily", Facts: 1},
		}
	}
	admins := Policy{Admins: map[string]bool{"slack:UADMIN": true, "telegram:42": true}}
	slackAdmin := Request{Platform: "slack", ChatID: "C1", UserID: "UADMIN"}
	tests := []struct {
		name    string
		p       Policy
		req     Request
		text    string
		store   func() Store
		title   string   // substring of the reply title
		says    []string // substrings of the reply text
		error   bool
		deleted []uint64
		logged  []string // substrings of the log
	}{
		{name: "preview asks to confirm", p: admins, req: slackAdmin, text: "/forget 3",
			title: "Forget article #3?", says: []string{"«Talks in Lissen end without a deal» (Baltic Courier, published 2025-03-04)", "14 facts", "/forget 3 confirm"}},
		{name: "preview with #", p: admins, req: slackAdmin, text: "/forget #12",
			title: "Forget article #12?", says: []string{"Northgate Daily", "1 fact derived", "/forget 12 confirm"}},
		{name: "confirm deletes", p: admins, req: slackAdmin, text: "/forget #3 confirm",
			title: "Forgot article #3.", says: []string{"Removed «Talks in Lissen end without a deal»", "its 14 facts"}, deleted: []uint64{3},
			logged: []string{"article forgotten", "platform=slack", "user=UADMIN", "article=3", "facts=14"}},
		{name: "telegram admin confirms", p: admins, req: Request{Platform: "telegram", ChatID: "42", UserID: "42"}, text: "/forget 12 Confirm",
			title: "Forgot article #12.", deleted: []uint64{12}, logged: []string{"user=42", "article=12"}},
		{name: "console confirms without admins", p: Policy{}, req: Request{Platform: "console", ChatID: "console", UserID: "console"}, text: "/forget 12 confirm",
			title: "Forgot article #12.", deleted: []uint64{12}},
		{name: "ask confirms", p: admins, req: Request{Platform: "cli", ChatID: "cli"}, text: "/forget 3 confirm",
			title: "Forgot article #3.", deleted: []uint64{3}},
		{name: "slack non-admin refused", p: admins, req: Request{Platform: "slack", ChatID: "C1", UserID: "UOTHER"}, text: "/forget 3 confirm",
			title: "/forget is for admins only", error: true, logged: []string{"command refused", "user=UOTHER", "command=forget"}},
		{name: "telegram non-admin refused", p: admins, req: Request{Platform: "telegram", ChatID: "-100", UserID: "9"}, text: "/forget 3 confirm",
			title: "/forget is for admins only", error: true},
		{name: "missing id", p: admins, req: slackAdmin, text: "/forget",
			title: "/forget needs an argument", says: []string{"Usage: /forget <article id> [confirm]"}, error: true},
		{name: "bad id", p: admins, req: slackAdmin, text: "/forget twelve confirm",
			title: `"twelve confirm" is not an article id`, says: []string{"Usage: /forget"}, error: true},
		{name: "not found", p: admins, req: slackAdmin, text: "/forget 99 confirm",
			title: "There is no article #99.", says: []string{"/sources"}, error: true},
		{name: "store cannot forget", p: admins, req: slackAdmin, text: "/forget 3 confirm",
			store: func() Store { return plainStore{newMemStore(arts()...)} },
			title: "not supported", error: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := newMemStore(arts()...)
			var st Store = mem
			if tt.store != nil {
				st = tt.store()
			}
			b, logs := newPolicyBot(t, st, tt.p)
			req := tt.req
			req.Text = tt.text
			r, err := b.Handle(context.Background(), &req)
			if err != nil {
				t.Fatalf("Handle: %v", err)
			}
			if !strings.Contains(r.Title, tt.title) {
				t.Errorf("title %q, want %q in it", r.Title, tt.title)
			}
			for _, w := range tt.says {
				if !strings.Contains(r.Text, w) {
					t.Errorf("text %q does not say %q", r.Text, w)
				}
			}
			if r.Error != tt.error {
				t.Errorf("Error = %v, want %v", r.Error, tt.error)
			}
			if diff := cmp.Diff(tt.deleted, mem.deleted); diff != "" {
				t.Errorf("deleted (-want +got):\n%s", diff)
			}
			if !tt.error && (len(r.Items) != 1 || len(r.Items[0].Sources) != 1) {
				t.Errorf("items %+v: want the article, cited", r.Items)
			}
			for _, w := range tt.logged {
				if !strings.Contains(logs.String(), w) {
					t.Errorf("log %q lacks %q", logs.String(), w)
				}
			}
		})
	}
}

func TestForget_GoneAfterConfirm(t *testing.T) {
	st := newMemStore(analysis.Article{ID: 5, Title: "Envoy returns", Facts: 2})
	b, _ := newPolicyBot(t, st, Policy{})
	console := func(text string) *Reply {
		t.Helper()
		r, err := b.Handle(context.Background(), &Request{Platform: "console", ChatID: "console", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if r := console("/forget 5 confirm"); r.Error {
		t.Fatalf("first forget: %+v", r)
	}
	if r := console("/forget 5 confirm"); !r.Error || !strings.Contains(r.Title, "no article #5") {
		t.Errorf("second forget: %q, want no such article", r.Title)
	}
}

func TestForget_DeleteFails(t *testing.T) {
	st := newMemStore(analysis.Article{ID: 5, Title: "Envoy returns", Facts: 2})
	st.failDel = errors.New("disk on fire")
	b, _ := newPolicyBot(t, st, Policy{})
	_, err := b.Handle(context.Background(), &Request{Platform: "cli", ChatID: "cli", Text: "/forget 5 confirm"})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("Handle error %v, want the store's error", err)
	}
}
