package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		addr string
		want string
	}{
		{"127.0.0.1", "loopback"},
		{"127.255.0.9", "loopback"},
		{"::1", "loopback"},
		{"10.0.0.1", "private"},
		{"172.16.5.4", "private"},
		{"172.31.255.255", "private"},
		{"192.168.1.1", "private"},
		{"fd12:3456::1", "private"},
		{"fc00::1", "private"},
		{"169.254.169.254", "link-local"},
		{"fe80::1", "link-local"},
		{"fe80::1%eth0", "link-local"},
		{"100.64.0.1", "carrier-grade NAT"},
		{"100.127.255.254", "carrier-grade NAT"},
		{"0.0.0.0", "unspecified"},
		{"0.1.2.3", "unspecified"},
		{"::", "unspecified"},
		{"224.0.0.1", "multicast"},
		{"ff02::1", "multicast"},
		{"255.255.255.255", "reserved"},
		{"192.0.2.10", "reserved"},
		{"2001:db8::1", "reserved"},
		// IPv6 forms of IPv4 addresses are judged by the IPv4 address.
		{"::ffff:127.0.0.1", "loopback"},
		{"::ffff:10.1.2.3", "private"},
		{"::ffff:169.254.169.254", "link-local"},
		{"::127.0.0.1", "loopback"},                // IPv4-compatible
		{"::10.0.0.1", "private"},                  // IPv4-compatible
		{"64:ff9b::a9fe:a9fe", "link-local"},       // NAT64 of 169.254.169.254
		{"2002:7f00:1::1", "loopback"},             // 6to4 of 127.0.0.1
		{"2002:c0a8:101::1", "private"},            // 6to4 of 192.168.1.1
		{"::ffff:93.184.216.34", ""},               // public, mapped
		{"93.184.216.34", ""},                      // public
		{"172.32.0.1", ""},                         // just outside 172.16/12
		{"100.128.0.1", ""},                        // just outside 100.64/10
		{"2606:4700:4700::1111", ""},               // public IPv6
		{"64:ff9b::5db8:d822", ""},                 // NAT64 of a public address
		{"2002:5db8:d822::1", ""},                  // 6to4 of a public address
		{"11.0.0.1", ""},                           // just outside 10/8
		{"169.253.255.255", ""},                    // just outside 169.254/16
		{"fec0::1", "private"},                     // deprecated site-local
		{"100::1", "reserved"},                     // discard prefix
		{"198.18.0.1", "reserved"},                 // benchmarking
		{"203.0.113.7", "reserved"},                // documentation
		{"240.0.0.1", "reserved"},                  // class E
		{"239.255.255.250", "multicast"},           // SSDP
		{"ff05::1:3", "multicast"},                 // site-local multicast
		{"192.0.0.170", "reserved"},                // IETF assignments
		{"::ffff:0.0.0.0", "unspecified"},          // mapped unspecified
		{"::ffff:224.0.0.251", "multicast"},        // mapped multicast
		{"::ffff:100.64.1.1", "carrier-grade NAT"}, // mapped CGNAT
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			a := netip.MustParseAddr(tt.addr)
			if got := Classify(a); got != tt.want {
				t.Errorf("Classify(%s) = %q, want %q", tt.addr, got, tt.want)
			}
		})
	}
}

// hitCounter is a test server that counts the requests it receives.
type hitCounter struct {
	*httptest.Server
	hits atomic.Int64
}

func newHitCounter(t *testing.T, h http.HandlerFunc) *hitCounter {
	t.Helper()
	hc := &hitCounter{}
	hc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hc.hits.Add(1)
		h(w, r)
	}))
	t.Cleanup(hc.Close)
	return hc
}

func okHandler(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, articlePage("", ""))
}

// TestRefused_DirectAddresses dials refused addresses directly through the
// default client. The refusal comes from the dialer's Control hook, which
// runs before connect: no packet is sent to 10.0.0.1 or 169.254.169.254,
// and the local test server sees no request.
func TestRefused_DirectAddresses(t *testing.T) {
	srv := newHitCounter(t, okHandler)
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	v6 := startV6(t)

	tests := []struct {
		name, url, want string
	}{
		{"loopback", fmt.Sprintf("http://127.0.0.1:%d/a.html", port), "won't fetch 127.0.0.1: private address (a loopback address)"},
		{"loopback v6", fmt.Sprintf("http://[::1]:%d/a.html", v6), "won't fetch ::1: private address (a loopback address)"},
		{"mapped loopback", fmt.Sprintf("http://[::ffff:127.0.0.1]:%d/a.html", port), "won't fetch 127.0.0.1: private address (a loopback address)"},
		{"rfc1918", "http://10.0.0.1/a.html", "won't fetch 10.0.0.1: private address"},
		{"metadata service", "http://169.254.169.254/latest/meta-data/", "won't fetch 169.254.169.254: private address (a link-local address)"},
		{"unspecified", fmt.Sprintf("http://0.0.0.0:%d/", port), "won't fetch 0.0.0.0: not a public address (an unspecified address)"},
		{"cgnat", "http://100.64.0.1/", "won't fetch 100.64.0.1: private address (a carrier-grade NAT address)"},
		{"multicast", "http://224.0.0.1/", "won't fetch 224.0.0.1: not a public address (a multicast address)"},
	}
	f := New(nil, Options{ConnectTimeout: 2 * time.Second, Timeout: 3 * time.Second})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := f.Article(context.Background(), tt.url)
			var r *Refused
			if !errors.As(err, &r) {
				t.Fatalf("Article(%s) error = %v, want *Refused", tt.url, err)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("message = %q, want %q", got, tt.want)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("refusal took %v; it must come before any connect", d)
			}
		})
	}
	if n := srv.hits.Load(); n != 0 {
		t.Errorf("test server got %d requests, want 0", n)
	}
}

// startV6 starts a server on [::1] and returns its port (so a refusal is
// not confused with "connection refused"), or skips when IPv6 is off.
func startV6(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Skipf("no IPv6 loopback here: %v", err)
	}
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request reached the [::1] server: %s", r.URL)
	})}}
	srv.Start()
	t.Cleanup(srv.Close)
	return ln.Addr().(*net.TCPAddr).Port
}

// TestRefused_DNSAndRedirects checks that the refusal is made on the address
// actually dialed: a public-looking name that resolves to 127.0.0.1 is
// refused, and so is a redirect from a (simulated) public site to a loopback
// address or to a name resolving to one.
func TestRefused_DNSAndRedirects(t *testing.T) {
	inside := newHitCounter(t, okHandler)
	insidePort := inside.Listener.Addr().(*net.TCPAddr).Port

	outside := newHitCounter(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/to-ip":
			http.Redirect(w, r, fmt.Sprintf("http://127.0.0.1:%d/secret", insidePort), http.StatusFound)
		case "/to-name":
			http.Redirect(w, r, fmt.Sprintf("http://intranet.example:%d/secret", insidePort), http.StatusMovedPermanently)
		case "/to-mapped":
			http.Redirect(w, r, fmt.Sprintf("http://[::ffff:127.0.0.1]:%d/secret", insidePort), http.StatusTemporaryRedirect)
		default:
			okHandler(w, r)
		}
	})
	outsideAP := netip.MustParseAddrPort(outside.Listener.Addr().String())
	outsidePort := outsideAP.Port()

	hosts := map[string]string{"news.example": "127.0.0.1", "intranet.example": "127.0.0.1"}
	public := map[netip.AddrPort]bool{outsideAP: true} // the stand-in for a public web server
	f := newFetcher(nil, Options{Timeout: 3 * time.Second}, hosts, public)

	t.Run("public stand-in is fetched", func(t *testing.T) {
		doc, err := f.Article(context.Background(), fmt.Sprintf("http://news.example:%d/story", outsidePort))
		if err != nil {
			t.Fatalf("Article: %v", err)
		}
		if doc.Title == "" {
			t.Errorf("no title extracted")
		}
	})

	tests := []struct {
		name, url, want string
	}{
		{"name resolving to loopback", fmt.Sprintf("http://intranet.example:%d/secret", insidePort), "won't fetch intranet.example (127.0.0.1): private address (a loopback address)"},
		{"redirect to loopback ip", fmt.Sprintf("http://news.example:%d/to-ip", outsidePort), "won't fetch 127.0.0.1: private address (a loopback address)"},
		{"redirect to name resolving to loopback", fmt.Sprintf("http://news.example:%d/to-name", outsidePort), "won't fetch intranet.example (127.0.0.1): private address (a loopback address)"},
		{"redirect to mapped loopback", fmt.Sprintf("http://news.example:%d/to-mapped", outsidePort), "won't fetch 127.0.0.1: private address (a loopback address)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.Article(context.Background(), tt.url)
			var r *Refused
			if !errors.As(err, &r) {
				t.Fatalf("error = %v, want *Refused", err)
			}
			if err.Error() != tt.want {
				t.Errorf("message = %q, want %q", err.Error(), tt.want)
			}
		})
	}
	if n := inside.hits.Load(); n != 0 {
		t.Errorf("the loopback server got %d requests, want 0", n)
	}
	if outside.hits.Load() == 0 {
		t.Errorf("the public stand-in got no request: the redirect tests proved nothing")
	}
}

func TestAllowPrivate(t *testing.T) {
	srv := newHitCounter(t, okHandler)
	client := NewClient(Options{AllowPrivate: true})
	resp, err := client.Get(srv.URL)
	if err != nil {
		t.Fatalf("Get with AllowPrivate: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("status = %d", resp.StatusCode)
	}

	// The shared client without AllowPrivate refuses, with the refusal in the chain.
	_, err = NewClient(Options{}).Get(srv.URL)
	var r *Refused
	if !errors.As(err, &r) || r.Kind != "loopback" {
		t.Errorf("default client Get(%s) error = %v, want a loopback *Refused", srv.URL, err)
	}
}

func TestRedirectLimit(t *testing.T) {
	srv := newHitCounter(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Path+"x", http.StatusFound)
	})
	tests := []struct {
		max       int
		wantHits  int64
		wantError string
	}{
		{0, 6, "the link redirects more than 5 times"}, // default 5
		{2, 3, "the link redirects more than 2 times"},
		{-1, 1, "the link redirects elsewhere, and following redirects is turned off"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.max), func(t *testing.T) {
			srv.hits.Store(0)
			f := New(nil, Options{AllowPrivate: true, MaxRedirects: tt.max})
			_, err := f.Article(context.Background(), srv.URL+"/r")
			if err == nil || err.Error() != tt.wantError {
				t.Errorf("error = %v, want %q", err, tt.wantError)
			}
			if got := srv.hits.Load(); got != tt.wantHits {
				t.Errorf("server hits = %d, want %d", got, tt.wantHits)
			}
		})
	}
}

func TestRedirectToOtherScheme(t *testing.T) {
	srv := newHitCounter(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	f := New(nil, Options{AllowPrivate: true})
	_, err := f.Article(context.Background(), srv.URL)
	if err == nil || !strings.Contains(err.Error(), "redirects to a file: address") {
		t.Errorf("error = %v, want a refusal of the file: redirect", err)
	}
}
