package bot

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRenderJSON_Golden(t *testing.T) {
	for _, nr := range loadReplies(t) {
		t.Run(nr.Name, func(t *testing.T) {
			b, err := RenderJSON(nr.Reply)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, nr.Name+".json", b)
		})
	}
}

// TestRenderJSON_Contract checks the exact key names of the `ask --format
// json` contract (DESIGN.md) and that arrays are never null.
func TestRenderJSON_Contract(t *testing.T) {
	full := Source{Article: "5", Outlet: "O", Title: "T", URL: "https://o.example.org", Published: "2025-01-01", Evidence: "E."}
	r := Reply{
		Command: "conflicts", Query: "q", Title: "t", Text: "x",
		Items: []Item{
			{Date: "2025-01-01", Text: "plain", Sources: []Source{full}},
			{Text: "no sources"},
			{Text: "conflict", Claims: []Claim{{Value: "v"}}},
		},
	}
	b, err := RenderJSON(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, b)
	}
	check := func(what string, obj any, want ...string) {
		t.Helper()
		o, ok := obj.(map[string]any)
		if !ok {
			t.Fatalf("%s is %T, want an object", what, obj)
		}
		var got []string
		for k := range o {
			got = append(got, k)
		}
		slices.Sort(got)
		slices.Sort(want)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("keys of %s (-want +got):\n%s", what, diff)
		}
	}
	check("reply", m, "command", "query", "title", "text", "items")
	items := m["items"].([]any)
	check("item 0", items[0], "date", "text", "sources")
	check("source", items[0].(map[string]any)["sources"].([]any)[0], "article", "outlet", "title", "url", "published", "evidence")
	check("item 1", items[1], "date", "text", "sources")
	if s, ok := items[1].(map[string]any)["sources"].([]any); !ok || len(s) != 0 {
		t.Errorf("item without sources: sources = %#v, want []", items[1].(map[string]any)["sources"])
	}
	check("conflict item", items[2], "date", "text", "sources", "claims")
	claim := items[2].(map[string]any)["claims"].([]any)[0]
	check("claim", claim, "value", "sources")
	if s, ok := claim.(map[string]any)["sources"].([]any); !ok || len(s) != 0 {
		t.Errorf("claim sources = %#v, want []", claim.(map[string]any)["sources"])
	}

	// The optional fields appear when set.
	b, err = RenderJSON(Reply{Title: "e", Footer: "f", Error: true, Items: []Item{{Label: "l", Note: "n"}}})
	if err != nil {
		t.Fatal(err)
	}
	m = nil
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	check("error reply", m, "command", "query", "title", "text", "items", "footer", "error")
	check("labelled item", m["items"].([]any)[0], "date", "label", "text", "note", "sources")
}

func TestRenderJSON_Shape(t *testing.T) {
	b, err := RenderJSON(Reply{Title: "a <b> & c", Text: "bad \xff"})
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{`"items": []`, "\n  \"title\": \"a <b> & c\"", `"text": "bad \ufffd"`} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if !strings.HasSuffix(s, "}\n") {
		t.Errorf("output does not end with a newline: %q", s)
	}
	if !json.Valid(b) {
		t.Errorf("invalid JSON: %s", b)
	}
}

func TestRenderJSON_DoesNotModifyReply(t *testing.T) {
	r := Reply{Items: []Item{{Text: "x", Claims: []Claim{{Value: "v"}}}}}
	if _, err := RenderJSON(r); err != nil {
		t.Fatal(err)
	}
	if r.Items[0].Sources != nil || r.Items[0].Claims[0].Sources != nil {
		t.Errorf("RenderJSON modified its argument: %+v", r)
	}
}
