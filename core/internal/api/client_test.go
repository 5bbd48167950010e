package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/core/internal/auth"
)

// client calls the API as a browser session or an automation token would.
type client struct {
	t      *testing.T
	s      *testServer
	cookie string
	csrf   string
	token  string
	// header is sent with every request (e.g. Origin, X-Forwarded-For).
	header http.Header
}

func (s *testServer) anon(t *testing.T) *client { return &client{t: t, s: s, header: http.Header{}} }

// do sends body (nil, a string of raw JSON, or a value to encode) and
// returns the response with its body read.
func (c *client) do(method, path string, body any) (*http.Response, []byte) {
	c.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		r = bytes.NewReader(raw)
	}
	req := httptest.NewRequestWithContext(context.Background(), method, path, r)
	req.Header.Set("Content-Type", "application/json")
	for k, v := range c.header {
		req.Header[k] = v
	}
	if c.cookie != "" {
		req.Header.Set("Cookie", SessionCookie+"="+c.cookie)
		if c.csrf != "" && isMutating(method) {
			req.Header.Set(HeaderCSRF, c.csrf)
		}
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.s.App().Test(req, 10000)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	c.adoptCookie(resp)
	return resp, data
}

// adoptCookie keeps a session cookie the server set, like a browser.
func (c *client) adoptCookie(resp *http.Response) {
	for _, ck := range resp.Cookies() {
		if ck.Name == SessionCookie {
			c.cookie = ck.Value
		}
	}
}

// expect fails unless the status is want, and decodes the body into v.
func (c *client) expect(want int, method, path string, body any, v any) []byte {
	c.t.Helper()
	resp, data := c.do(method, path, body)
	if resp.StatusCode != want {
		c.t.Fatalf("%s %s = %d, want %d: %s", method, path, resp.StatusCode, want, data)
	}
	if v != nil {
		if err := json.Unmarshal(data, v); err != nil {
			c.t.Fatalf("%s %s: %v: %s", method, path, err, data)
		}
	}
	return data
}

// errCode returns the error code of an error body.
func errCode(data []byte) string {
	var env errorEnvelope
	_ = json.Unmarshal(data, &env)
	return env.Error.Code
}

const testPassword = "correct horse battery"

// mkUser creates an account directly through the access layer.
func (s *testServer) mkUser(t *testing.T, name string, role auth.Role) int64 {
	t.Helper()
	u, err := s.auth.CreateUser(context.Background(), auth.NewUser{Username: name, Password: testPassword, Role: role})
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	return u.ID
}

// login signs name in through the API and returns the session client.
func (s *testServer) login(t *testing.T, name string) *client {
	t.Helper()
	c := s.anon(t)
	var res signedIn
	c.expect(200, "POST", "/api/v1/auth/login", loginRequest{Username: name, Password: testPassword}, &res)
	if c.cookie == "" || res.CSRFToken == "" {
		t.Fatalf("login of %s set no cookie or csrf token", name)
	}
	c.csrf = res.CSRFToken
	return c
}

// tokenClient makes an API token of role for the signed-in client.
func (c *client) tokenClient(role auth.Role, ttl time.Duration) *client {
	c.t.Helper()
	var created tokenCreated
	c.expect(201, "POST", "/api/v1/tokens", tokenCreate{Name: "t-" + string(role), Role: string(role), ExpiresAt: c.s.clock.Now().Add(ttl)}, &created)
	return &client{t: c.t, s: c.s, token: created.Token, header: http.Header{}}
}
