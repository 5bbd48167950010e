package api

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"runtime/debug"

	"github.com/gofiber/fiber/v2"
)

// HeaderRequestID carries the request id both ways.
const HeaderRequestID = "X-Request-ID"

const localRequestID = "diwan.request_id"

// requestIDMiddleware keeps a well-formed incoming X-Request-ID (so a proxy's
// id follows the request) and makes one otherwise.
func requestIDMiddleware(c *fiber.Ctx) error {
	id := c.Get(HeaderRequestID)
	if !validRequestID(id) {
		id = newRequestID()
	}
	c.Locals(localRequestID, id)
	c.Set(HeaderRequestID, id)
	return c.Next()
}

func requestID(c *fiber.Ctx) string {
	id, _ := c.Locals(localRequestID).(string)
	return id
}

// validRequestID accepts 1 to 64 characters of [A-Za-z0-9._-]: nothing that
// could forge a log line or a header.
func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := range len(id) {
		if !idChar(id[i]) {
			return false
		}
	}
	return true
}

func idChar(ch byte) bool {
	return ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '.' || ch == '_' || ch == '-'
}

func newRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// handleErrors answers an error returned further in at once, so that the
// access log and metrics outside it see the status that was sent.
func (s *Server) handleErrors(c *fiber.Ctx) error {
	if err := c.Next(); err != nil {
		return s.errorHandler(c, err)
	}
	return nil
}

// recoverMiddleware turns a panic into a logged 500.
func (s *Server) recoverMiddleware(c *fiber.Ctx) (err error) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic in handler", "request_id", requestID(c), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			err = &Error{Status: http.StatusInternalServerError, Code: "internal", Message: "internal error"}
		}
	}()
	return c.Next()
}

// staticHeaders are sent with every response; the names are already in
// canonical form, so fasthttp does not normalise them per request.
var staticHeaders = [][2][]byte{
	{[]byte("X-Content-Type-Options"), []byte("nosniff")},
	{[]byte("X-Frame-Options"), []byte("DENY")},
	{[]byte("Referrer-Policy"), []byte("no-referrer")},
	{[]byte("Cross-Origin-Opener-Policy"), []byte("same-origin")},
	{[]byte("Cross-Origin-Resource-Policy"), []byte("same-origin")},
	{[]byte("Permissions-Policy"), []byte("camera=(), microphone=(), geolocation=(), payment=()")},
	{[]byte("Content-Security-Policy"), []byte("default-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'; object-src 'none'")},
}

var hstsName, hstsValue = []byte("Strict-Transport-Security"), []byte("max-age=31536000")

// securityHeaders are sent with every response.
func (s *Server) securityHeaders(c *fiber.Ctx) error {
	h := &c.Response().Header
	for _, kv := range staticHeaders {
		h.SetCanonical(kv[0], kv[1])
	}
	if s.cfg.Server.TLS() {
		h.SetCanonical(hstsName, hstsValue)
	}
	return c.Next()
}
