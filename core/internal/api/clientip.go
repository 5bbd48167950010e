package api

import (
	"net/netip"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/config"
)

// proxies decides whose forwarding headers to believe.
type proxies []netip.Prefix

func parseProxies(list []string) (proxies, error) {
	out := make(proxies, 0, len(list))
	for _, s := range list {
		p, err := config.ParsePrefix(s)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func (ps proxies) trusted(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// fromTrusted reports whether the socket peer is a trusted proxy.
func (ps proxies) fromTrusted(c *fiber.Ctx) bool {
	peer, _ := netip.AddrFromSlice(c.Context().RemoteIP())
	return len(ps) > 0 && ps.trusted(peer)
}

// clientIP is the request's client address; see resolve.
func (ps proxies) clientIP(c *fiber.Ctx) netip.Addr {
	peer, _ := netip.AddrFromSlice(c.Context().RemoteIP())
	return ps.resolve(peer, c.Get(fiber.HeaderXForwardedFor))
}

// resolve returns the socket peer, unless that peer is a trusted proxy: then
// it is the right-most X-Forwarded-For entry that is not itself a trusted
// proxy. Entries a client wrote before reaching our proxies are never
// believed, and a malformed entry stops the walk at the last good hop.
func (ps proxies) resolve(peer netip.Addr, xff string) netip.Addr {
	peer = peer.Unmap()
	if len(ps) == 0 || !ps.trusted(peer) || xff == "" {
		return peer
	}
	hops := strings.Split(xff, ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return peer
		}
		if !ps.trusted(a) {
			return a.Unmap()
		}
		peer = a.Unmap()
	}
	return peer
}
