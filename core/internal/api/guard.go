package api

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/auth"
)

// Cookie and header names.
const (
	SessionCookie = "diwan_session"
	HeaderCSRF    = "X-CSRF-Token"
)

const localIdentity = "diwan.identity"

// identity is who made the request, or nil.
func identity(c *fiber.Ctx) *auth.Identity {
	id, _ := c.Locals(localIdentity).(*auth.Identity)
	return id
}

// authenticate resolves a bearer token or the session cookie. Bad or
// expired credentials leave the request anonymous: protected routes then
// answer 401, public ones serve as usual.
func (s *Server) authenticate(c *fiber.Ctx) error {
	var id *auth.Identity
	var err error
	if h := c.Get(fiber.HeaderAuthorization); h != "" {
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return NewError(http.StatusUnauthorized, "unauthenticated", "the Authorization header must be: Bearer TOKEN")
		}
		id, err = s.auth.TokenIdentity(c.UserContext(), token)
	} else if cookie := c.Cookies(SessionCookie); cookie != "" {
		id, err = s.auth.SessionIdentity(c.UserContext(), cookie)
	}
	if err != nil && !errors.Is(err, auth.ErrUnauthenticated) {
		return err
	}
	if id != nil {
		c.Locals(localIdentity, id)
	}
	return c.Next()
}

// guard enforces rt's access rule, then the browser protections: a foreign
// Origin is refused on every change and every event stream, and a cookie
// session must present its CSRF token on every change.
func (s *Server) guard(rt route) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id := identity(c)
		if !rt.public() {
			switch {
			case id == nil:
				return NewError(http.StatusUnauthorized, "unauthenticated", "sign in, or send a valid API token")
			case id.MustEnrollTOTP() && !rt.enrolling:
				return NewError(http.StatusForbidden, "totp_enrolment_required", "an administrator requires two-factor authentication: enrol it first")
			case !id.Role.AtLeast(rt.access):
				return NewError(http.StatusForbidden, "forbidden", "this needs the "+string(rt.access)+" role")
			}
		}
		if (isMutating(rt.method) || isStream(c)) && !s.sameOrigin(c) {
			return NewError(http.StatusForbidden, "foreign_origin", "requests from another origin are refused")
		}
		if isMutating(rt.method) && id != nil && id.Via == auth.ViaSession && !validCSRF(c, id) {
			return NewError(http.StatusForbidden, "csrf", "missing or wrong "+HeaderCSRF+" header")
		}
		return c.Next()
	}
}

func validCSRF(c *fiber.Ctx, id *auth.Identity) bool {
	got := c.Get(HeaderCSRF)
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(id.Session.CSRFToken)) == 1
}

// isStream reports a WebSocket upgrade or a server-sent events request.
func isStream(c *fiber.Ctx) bool {
	return strings.EqualFold(c.Get(fiber.HeaderUpgrade), "websocket") ||
		strings.Contains(c.Get(fiber.HeaderAccept), "text/event-stream")
}

// sameOrigin accepts a request without Origin (not a browser's cross-origin
// request) or whose Origin is this server's own scheme and host, as the
// client saw them.
func (s *Server) sameOrigin(c *fiber.Ctx) bool {
	origin := c.Get(fiber.HeaderOrigin)
	if origin == "" {
		return true
	}
	return strings.EqualFold(origin, s.scheme(c)+"://"+s.host(c))
}

// host is the Host header, or X-Forwarded-Host when a trusted proxy sent
// the request (a proxy may rewrite Host towards us).
func (s *Server) host(c *fiber.Ctx) string {
	if fwd := c.Get(fiber.HeaderXForwardedHost); fwd != "" && s.proxies.fromTrusted(c) {
		return strings.TrimSpace(strings.Split(fwd, ",")[0])
	}
	return string(c.Request().Host())
}

// scheme is https when Diwan terminates TLS or a trusted proxy says the
// client used it.
func (s *Server) scheme(c *fiber.Ctx) string {
	if s.cfg.Server.TLS() {
		return "https"
	}
	if s.proxies.fromTrusted(c) && strings.EqualFold(c.Get(fiber.HeaderXForwardedProto), "https") {
		return "https"
	}
	return "http"
}

// allowList refuses clients outside server.allowed_ips, when it is set.
func (s *Server) allowList(c *fiber.Ctx) error {
	if len(s.allowed) > 0 && !s.allowed.trusted(s.proxies.clientIP(c)) {
		return NewError(http.StatusForbidden, "ip_not_allowed", "this address may not use the panel")
	}
	return c.Next()
}
