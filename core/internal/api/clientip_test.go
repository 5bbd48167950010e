package api

import (
	"net/netip"
	"testing"
)

func TestClientIPBelievesOnlyTrustedProxies(t *testing.T) {
	ps, err := parseProxies([]string{"10.0.0.0/8", "192.0.2.1"})
	if err != nil {
		t.Fatal(err)
	}
	addr := netip.MustParseAddr
	cases := []struct {
		name string
		ps   proxies
		peer string
		xff  string
		want string
	}{
		{"no proxies configured", nil, "203.0.113.9", "1.2.3.4", "203.0.113.9"},
		{"untrusted peer spoofs", ps, "203.0.113.9", "1.2.3.4", "203.0.113.9"},
		{"trusted proxy", ps, "10.0.0.5", "198.51.100.7", "198.51.100.7"},
		{"client prepends a fake hop", ps, "10.0.0.5", "1.2.3.4, 198.51.100.7", "198.51.100.7"},
		{"chain of trusted proxies", ps, "10.0.0.5", "198.51.100.7, 192.0.2.1, 10.9.9.9", "198.51.100.7"},
		{"trusted proxy without header", ps, "10.0.0.5", "", "10.0.0.5"},
		{"garbage entry", ps, "10.0.0.5", "nonsense", "10.0.0.5"},
		{"all hops trusted", ps, "10.0.0.5", "10.0.0.6", "10.0.0.6"},
		{"ipv4-mapped peer", ps, "::ffff:10.0.0.5", "198.51.100.7", "198.51.100.7"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.ps.resolve(addr(tc.peer), tc.xff); got != addr(tc.want) {
				t.Fatalf("resolve(%s, %q) = %s, want %s", tc.peer, tc.xff, got, tc.want)
			}
		})
	}
	if _, err := parseProxies([]string{"not-a-cidr"}); err == nil {
		t.Fatal("a bad proxy entry was accepted")
	}
}
