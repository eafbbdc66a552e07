package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"testing"
	"time"
)

func TestHostAllowed(t *testing.T) {
	allowed := []string{"example.org", " News.Example.COM. ", ""}
	tests := []struct {
		host string
		want bool
	}{
		{"example.org", true},
		{"EXAMPLE.org.", true},
		{"world.example.org", true},
		{"a.b.example.org", true},
		{"badexample.org", false},
		{"example.org.evil.net", false},
		{"news.example.com", true},
		{"live.news.example.com", true},
		{"example.com", false},
		{"127.0.0.1", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := hostAllowed(allowed, tt.host); got != tt.want {
			t.Errorf("hostAllowed(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
	if !hostAllowed(nil, "anything.example") {
		t.Error("an empty list must allow every host")
	}
}

// TestAllowedHosts fetches through the safe client with a host list: the
// listed site and its subdomains are read, other sites are refused before
// any connection, and so is a redirect from a listed site to another.
func TestAllowedHosts(t *testing.T) {
	other := newHitCounter(t, okHandler)
	otherAP := netip.MustParseAddrPort(other.Listener.Addr().String())
	site := newHitCounter(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/away" {
			http.Redirect(w, r, fmt.Sprintf("http://elsewhere.example:%d/story", otherAP.Port()), http.StatusFound)
			return
		}
		okHandler(w, r)
	})
	siteAP := netip.MustParseAddrPort(site.Listener.Addr().String())
	hosts := map[string]string{"news.example": "127.0.0.1", "world.news.example": "127.0.0.1", "elsewhere.example": "127.0.0.1"}
	public := map[netip.AddrPort]bool{siteAP: true, otherAP: true}
	f := newFetcher(nil, Options{Timeout: 3 * time.Second, AllowedHosts: []string{"news.example"}}, hosts, public)

	for _, h := range []string{"news.example", "world.news.example"} {
		if _, err := f.Article(context.Background(), fmt.Sprintf("http://%s:%d/story", h, siteAP.Port())); err != nil {
			t.Errorf("%s: %v", h, err)
		}
	}
	for _, u := range []string{
		fmt.Sprintf("http://elsewhere.example:%d/story", otherAP.Port()),
		fmt.Sprintf("http://news.example:%d/away", siteAP.Port()),
		fmt.Sprintf("http://127.0.0.1:%d/story", otherAP.Port()),
	} {
		_, err := f.Article(context.Background(), u)
		var hr *HostRefused
		if !errors.As(err, &hr) {
			t.Errorf("%s: error %v, want *HostRefused", u, err)
			continue
		}
		if want := "won't fetch " + hr.Host + ": the bot reads only the sites its operator allowed"; err.Error() != want {
			t.Errorf("%s: message %q, want %q", u, err, want)
		}
	}
	// The shared client (the feed poller's) refuses too.
	_, err := f.Client().Get(fmt.Sprintf("http://elsewhere.example:%d/feed", otherAP.Port()))
	var hr *HostRefused
	if !errors.As(err, &hr) || hr.Host != "elsewhere.example" {
		t.Errorf("Client().Get: error %v, want *HostRefused for elsewhere.example", err)
	}
	if n := other.hits.Load(); n != 0 {
		t.Errorf("the site off the list got %d requests, want 0", n)
	}
	if site.hits.Load() < 3 {
		t.Errorf("the listed site got %d requests, want 3", site.hits.Load())
	}
}
