package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"syscall"
	"time"
)

// Refused is the error for a connection the safe client will not make: the
// address actually being dialed is not a public unicast address (loopback,
// private, link-local, carrier-grade NAT, multicast, unspecified, reserved,
// or an IPv6 form of one of those), and Options.AllowPrivate is off. The
// check runs in the dialer's Control hook, after name resolution and before
// the connect call, so no packet is sent to a refused address and neither
// DNS answers nor redirects can steer the client to one.
type Refused struct {
	Host   string     // the host name that resolved to Addr; empty when the link named the address itself
	Addr   netip.Addr // the address that would have been dialed
	Kind   string     // "loopback", "private", "link-local", "carrier-grade NAT", "multicast", "unspecified", "reserved"
	Reason string     // the plain-words reason: "private address (a loopback address)"
}

// Error says what was refused and why: "won't fetch 127.0.0.1: private
// address (a loopback address)".
func (e *Refused) Error() string {
	who := e.Addr.String()
	if e.Host != "" && e.Host != who {
		who = e.Host + " (" + who + ")"
	}
	return "won't fetch " + who + ": " + e.Reason
}

// HostRefused is the error for a host outside Options.AllowedHosts. The
// check runs before the host is resolved, on every connection, redirects
// included.
type HostRefused struct {
	Host string // the host name (or address) of the link
}

// Error says what was refused: "won't fetch example.com: the bot reads only
// the sites its operator allowed".
func (e *HostRefused) Error() string {
	return "won't fetch " + e.Host + ": the bot reads only the sites its operator allowed"
}

// hostAllowed reports whether host is one of allowed or a subdomain of one;
// every host when allowed is empty. Names compare case-insensitively and
// without a trailing dot.
func hostAllowed(allowed []string, host string) bool {
	if len(allowed) == 0 {
		return true
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for _, a := range allowed {
		a = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(a)), ".")
		if a == "" {
			continue
		}
		if host == a || strings.HasSuffix(host, "."+a) {
			return true
		}
	}
	return false
}

// cidr is one refused address block.
type cidr struct {
	prefix netip.Prefix
	kind   string
}

// refusedBlocks are the non-public blocks, most specific kinds first where
// they nest. Immutable.
var refusedBlocks = func() []cidr {
	tab := []struct{ p, kind string }{
		{"0.0.0.0/8", "unspecified"}, // "this network"; 0.0.0.0 reaches the local host on Linux
		{"127.0.0.0/8", "loopback"},
		{"10.0.0.0/8", "private"},
		{"172.16.0.0/12", "private"},
		{"192.168.0.0/16", "private"},
		{"100.64.0.0/10", "carrier-grade NAT"},
		{"169.254.0.0/16", "link-local"},
		{"192.0.0.0/24", "reserved"},    // IETF protocol assignments
		{"192.0.2.0/24", "reserved"},    // TEST-NET-1
		{"198.18.0.0/15", "reserved"},   // benchmarking
		{"198.51.100.0/24", "reserved"}, // TEST-NET-2
		{"203.0.113.0/24", "reserved"},  // TEST-NET-3
		{"224.0.0.0/4", "multicast"},
		{"240.0.0.0/4", "reserved"}, // includes 255.255.255.255
		{"::/128", "unspecified"},
		{"::1/128", "loopback"},
		{"fc00::/7", "private"}, // unique local, RFC 4193
		{"fe80::/10", "link-local"},
		{"fec0::/10", "private"}, // deprecated site-local
		{"ff00::/8", "multicast"},
		{"100::/64", "reserved"},      // discard-only
		{"2001:db8::/32", "reserved"}, // documentation
	}
	out := make([]cidr, len(tab))
	for i, t := range tab {
		out[i] = cidr{netip.MustParsePrefix(t.p), t.kind}
	}
	return out
}()

// Classify reports why a is not a public unicast address: its kind
// ("loopback", "private", "link-local", "carrier-grade NAT", "multicast",
// "unspecified", "reserved"), or "" when it is public. IPv6 addresses that
// embed an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible
// ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by the embedded
// address too.
func Classify(a netip.Addr) string {
	if !a.IsValid() {
		return "unspecified"
	}
	a = a.WithZone("")
	if a.Is4In6() {
		a = a.Unmap()
	}
	if a.Is6() {
		b := a.As16()
		var embedded netip.Addr
		switch {
		case isZero(b[:12]) && !a.IsUnspecified() && a != netip.IPv6Loopback():
			embedded = netip.AddrFrom4([4]byte(b[12:16])) // IPv4-compatible
		case b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && isZero(b[4:12]):
			embedded = netip.AddrFrom4([4]byte(b[12:16])) // NAT64 well-known prefix
		case b[0] == 0x20 && b[1] == 0x02:
			embedded = netip.AddrFrom4([4]byte(b[2:6])) // 6to4
		}
		if embedded.IsValid() {
			if k := Classify(embedded); k != "" {
				return k
			}
		}
	}
	for _, c := range refusedBlocks {
		if c.prefix.Contains(a) {
			return c.kind
		}
	}
	return ""
}

func isZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// reason turns a Classify kind into the words of a refusal.
func reason(kind string) string {
	switch kind {
	case "private":
		return "private address"
	case "loopback", "link-local", "carrier-grade NAT":
		return "private address (a " + kind + " address)"
	case "unspecified":
		return "not a public address (an unspecified address)"
	default:
		return "not a public address (a " + kind + " address)"
	}
}

// checkAddr returns a *Refused for an address the client must not dial.
func checkAddr(a netip.Addr) error {
	if k := Classify(a); k != "" {
		return &Refused{Addr: a.WithZone("").Unmap(), Kind: k, Reason: reason(k)}
	}
	return nil
}

// dialer is the safe client's dialer: every address it connects to passes
// through control first.
type dialer struct {
	net   net.Dialer
	allow bool
	only  []string // Options.AllowedHosts

	// Test hooks, never set outside this package's tests: hosts maps a
	// host name to the IP dialed instead of resolving it; public lists
	// addresses treated as public, standing in for a real web server.
	hosts  map[string]string
	public map[netip.AddrPort]bool
}

// control is the net.Dialer Control hook. It sees the resolved address of
// every connection attempt, including each one after a redirect.
func (d *dialer) control(network, address string, _ syscall.RawConn) error {
	if d.allow {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("won't fetch %s: not an IP address and port", address)
	}
	if d.public[ap] {
		return nil
	}
	return checkAddr(ap.Addr())
}

// DialContext dials addr and, when the dial is refused, names the host that
// resolved to the refused address in the error.
func (d *dialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", addr, err)
	}
	if !hostAllowed(d.only, host) {
		return nil, &HostRefused{Host: host}
	}
	target := addr
	if ip, ok := d.hosts[host]; ok {
		target = net.JoinHostPort(ip, port)
	}
	c, err := d.net.DialContext(ctx, network, target)
	if err != nil {
		var r *Refused
		if errors.As(err, &r) {
			rr := *r
			if _, perr := netip.ParseAddr(host); perr != nil {
				rr.Host = host
			}
			return nil, &rr
		}
		return nil, err
	}
	return c, nil
}

// redirectError is returned by CheckRedirect; its message is shown as is.
type redirectError struct{ msg string }

func (e *redirectError) Error() string { return e.msg }

// NewClient returns the one safe HTTP client every outside fetch goes
// through (links and feeds). It refuses to connect to non-public addresses
// (see Refused) unless o.AllowPrivate is set, checking the address actually
// dialed, and to hosts outside o.AllowedHosts when that is set (see
// HostRefused); ignores proxy settings from the environment (a proxy would dial on
// the client's behalf, out of reach of the check); bounds the connect time
// (o.ConnectTimeout), the TLS handshake, the whole request including reading
// the body (o.Timeout), and the number of redirects (o.MaxRedirects), and
// follows redirects only to http and https URLs. Zero fields of o take the
// defaults documented on Options.
func NewClient(o Options) *http.Client {
	return newClient(o.withDefaults(), nil, nil)
}

func newClient(o Options, hosts map[string]string, public map[netip.AddrPort]bool) *http.Client {
	d := &dialer{
		allow:  o.AllowPrivate,
		only:   o.AllowedHosts,
		hosts:  hosts,
		public: public,
	}
	d.net = net.Dialer{
		Timeout:   o.ConnectTimeout,
		KeepAlive: 30 * time.Second,
		Control:   d.control,
	}
	tr := &http.Transport{
		Proxy:                  nil,
		DialContext:            d.DialContext,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           50,
		IdleConnTimeout:        90 * time.Second,
		TLSHandshakeTimeout:    o.ConnectTimeout,
		ResponseHeaderTimeout:  o.Timeout,
		ExpectContinueTimeout:  time.Second,
		MaxResponseHeaderBytes: 1 << 20,
	}
	maxRedirects := o.MaxRedirects
	return &http.Client{
		Transport: tr,
		Timeout:   o.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if maxRedirects < 0 {
				return &redirectError{"the link redirects elsewhere, and following redirects is turned off"}
			}
			if len(via) > maxRedirects {
				return &redirectError{fmt.Sprintf("the link redirects more than %d times", maxRedirects)}
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return &redirectError{fmt.Sprintf("the link redirects to a %s: address, not a web page", req.URL.Scheme)}
			}
			return nil
		},
	}
}
