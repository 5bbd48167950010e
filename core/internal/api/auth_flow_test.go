package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/config"
)

// flowConfigs: each dialect with database sessions, and sessions in the
// memory and the Redis cache (whose counters then hold the lockouts too).
var flowConfigs = []struct {
	name string
	opts serverOpts
}{
	{"sqlite", serverOpts{dialect: config.SQLite}},
	{"postgres", serverOpts{dialect: config.Postgres}},
	{"mysql", serverOpts{dialect: config.MySQL}},
	{"memory-sessions", serverOpts{dialect: config.SQLite, sessions: "memory"}},
	{"redis-sessions", serverOpts{dialect: config.SQLite, sessions: "redis"}},
}

func forEachConfig(t *testing.T, edit func(*config.Config), fn func(t *testing.T, s *testServer)) {
	for _, fc := range flowConfigs {
		t.Run(fc.name, func(t *testing.T) {
			o := fc.opts
			o.edit = edit
			fn(t, newServerWith(t, o))
		})
	}
}

func TestWrongPasswordAndUnknownUserAnswerAlike(t *testing.T) {
	forEachConfig(t, nil, func(t *testing.T, s *testServer) {
		s.mkUser(t, "alice", auth.RoleViewer)
		c := s.anon(t)
		wrong, wrongBody := c.do("POST", "/api/v1/auth/login", loginRequest{Username: "alice", Password: "not the password"})
		unknown, unknownBody := c.do("POST", "/api/v1/auth/login", loginRequest{Username: "nobody", Password: "not the password"})
		if wrong.StatusCode != 401 || unknown.StatusCode != 401 {
			t.Fatalf("statuses %d and %d", wrong.StatusCode, unknown.StatusCode)
		}
		var a, b errorEnvelope
		_ = json.Unmarshal(wrongBody, &a)
		_ = json.Unmarshal(unknownBody, &b)
		if a.Error.Code != b.Error.Code || a.Error.Message != b.Error.Message || a.Error.Code != "invalid_credentials" {
			t.Fatalf("answers differ: %s vs %s", wrongBody, unknownBody)
		}
		if wrong.Header.Get("Set-Cookie") != "" || unknown.Header.Get("Set-Cookie") != "" {
			t.Fatal("a failed login set a cookie")
		}
	})
}

// Unknown users cost a full argon2id verify, like wrong passwords. The two
// are measured interleaved and compared by their medians, loosely: a
// machine under load must not make this fail, a skipped hash must.
func TestUnknownUserTakesAsLong(t *testing.T) {
	s := newTestServer(t, func(c *config.Config) { c.Auth.Argon2Memory = 32768 }, nil)
	s.mkUser(t, "alice", auth.RoleViewer)
	attempt := func(name string) time.Duration {
		start := time.Now()
		s.anon(t).do("POST", "/api/v1/auth/login", loginRequest{Username: name, Password: "nope nope nope"})
		return time.Since(start)
	}
	var wrong, unknown []time.Duration
	for i := range 8 {
		// Stay under the account lockout: a fresh account name each round.
		name := "alice"
		if i >= 4 {
			name = "alice" + strconv.Itoa(i)
			s.mkUser(t, name, auth.RoleViewer)
		}
		wrong = append(wrong, attempt(name))
		unknown = append(unknown, attempt("nobody"+strconv.Itoa(i)))
	}
	mw, mu := median(wrong), median(unknown)
	if mu < mw/2 {
		t.Fatalf("unknown user %s vs wrong password %s (medians): the difference tells them apart", mu, mw)
	}
}

func median(d []time.Duration) time.Duration {
	slices.Sort(d)
	return d[len(d)/2]
}

func TestAccountLockout(t *testing.T) {
	forEachConfig(t, nil, func(t *testing.T, s *testServer) {
		s.mkUser(t, "alice", auth.RoleViewer)
		s.mkUser(t, "bob", auth.RoleViewer)
		c := s.anon(t)
		for i := range 5 {
			if resp, _ := c.do("POST", "/api/v1/auth/login", loginRequest{Username: "alice", Password: "wrong" + strconv.Itoa(i)}); resp.StatusCode != 401 {
				t.Fatalf("attempt %d = %d", i, resp.StatusCode)
			}
		}
		resp, body := c.do("POST", "/api/v1/auth/login", loginRequest{Username: "alice", Password: testPassword})
		if resp.StatusCode != http.StatusTooManyRequests || errCode(body) != "locked_out" {
			t.Fatalf("right password while locked out = %d %s", resp.StatusCode, body)
		}
		if ra, _ := strconv.Atoi(resp.Header.Get("Retry-After")); ra < 1 || ra > 60 {
			t.Fatalf("Retry-After = %q", resp.Header.Get("Retry-After"))
		}
		s.login(t, "bob") // another account from the same address is not locked
		s.clock.Advance(61 * time.Second)
		s.login(t, "alice")
		// A second lockout lasts twice as long.
		for i := range 5 {
			c.do("POST", "/api/v1/auth/login", loginRequest{Username: "alice", Password: "again" + strconv.Itoa(i)})
		}
		resp, _ = c.do("POST", "/api/v1/auth/login", loginRequest{Username: "alice", Password: testPassword})
		if ra, _ := strconv.Atoi(resp.Header.Get("Retry-After")); resp.StatusCode != 429 || ra <= 60 || ra > 120 {
			t.Fatalf("second lockout = %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
	})
}

func lowIPLimit(c *config.Config) { c.Auth.IPMaxFailures = 8 }

func TestAddressLockoutIgnoresSpoofedForwardedFor(t *testing.T) {
	forEachConfig(t, lowIPLimit, func(t *testing.T, s *testServer) {
		s.mkUser(t, "carol", auth.RoleViewer)
		for i := range 8 {
			c := s.anon(t)
			c.header.Set("X-Forwarded-For", "198.51.100."+strconv.Itoa(i+1))
			c.do("POST", "/api/v1/auth/login", loginRequest{Username: "user" + strconv.Itoa(i), Password: "guess"})
		}
		c := s.anon(t)
		c.header.Set("X-Forwarded-For", "203.0.113.77")
		resp, body := c.do("POST", "/api/v1/auth/login", loginRequest{Username: "carol", Password: testPassword})
		if resp.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("a spoofed X-Forwarded-For escaped the address lockout: %d %s", resp.StatusCode, body)
		}
	})
}

func TestTrustedProxyForwardedForIsBelieved(t *testing.T) {
	trust := func(c *config.Config) {
		lowIPLimit(c)
		c.Server.TrustedProxies = []string{"0.0.0.0/32"} // the in-memory test connection's peer
	}
	s := newServerWith(t, serverOpts{dialect: config.SQLite, edit: trust})
	s.mkUser(t, "carol", auth.RoleViewer)
	attacker := s.anon(t)
	attacker.header.Set("X-Forwarded-For", "198.51.100.9")
	for i := range 8 {
		attacker.do("POST", "/api/v1/auth/login", loginRequest{Username: "user" + strconv.Itoa(i), Password: "guess"})
	}
	if resp, _ := attacker.do("POST", "/api/v1/auth/login", loginRequest{Username: "carol", Password: testPassword}); resp.StatusCode != 429 {
		t.Fatalf("the forwarded address was not locked out: %d", resp.StatusCode)
	}
	other := s.anon(t)
	other.header.Set("X-Forwarded-For", "198.51.100.10")
	other.expect(200, "POST", "/api/v1/auth/login", loginRequest{Username: "carol", Password: testPassword}, nil)
}

func TestCSRFAndOrigin(t *testing.T) {
	forEachConfig(t, nil, func(t *testing.T, s *testServer) {
		s.mkUser(t, "dave", auth.RoleOperator)
		c := s.login(t, "dave")
		body := tokenCreate{Name: "x", Role: "viewer", ExpiresAt: s.clock.Now().Add(time.Hour)}

		noCSRF := *c
		noCSRF.csrf = ""
		if resp, data := noCSRF.do("POST", "/api/v1/tokens", body); resp.StatusCode != 403 || errCode(data) != "csrf" {
			t.Fatalf("POST without CSRF token = %d %s", resp.StatusCode, data)
		}
		wrongCSRF := *c
		wrongCSRF.csrf = "forged"
		if resp, data := wrongCSRF.do("POST", "/api/v1/tokens", body); resp.StatusCode != 403 || errCode(data) != "csrf" {
			t.Fatalf("POST with a wrong CSRF token = %d %s", resp.StatusCode, data)
		}
		foreign := *c
		foreign.header = http.Header{"Origin": {"https://evil.example"}}
		if resp, data := foreign.do("POST", "/api/v1/tokens", body); resp.StatusCode != 403 || errCode(data) != "foreign_origin" {
			t.Fatalf("POST from a foreign Origin = %d %s", resp.StatusCode, data)
		}
		if resp, _ := foreign.do("POST", "/api/v1/auth/login", loginRequest{Username: "dave", Password: testPassword}); resp.StatusCode != 403 {
			t.Fatalf("login from a foreign Origin = %d", resp.StatusCode)
		}
		if n := len(listTokens(t, c)); n != 0 {
			t.Fatalf("refused requests created %d tokens", n)
		}
		same := *c
		same.header = http.Header{"Origin": {"http://example.com"}}
		var created tokenCreated
		same.expect(201, "POST", "/api/v1/tokens", body, &created)
		// A bearer token is not a browser credential: no CSRF token needed.
		tok := &client{t: t, s: s, token: created.Token, header: http.Header{}}
		tok.expect(204, "DELETE", "/api/v1/tokens/"+itoa(created.ID), nil, nil)
	})
}

func listTokens(t *testing.T, c *client) []tokenView {
	t.Helper()
	var list []tokenView
	c.expect(200, "GET", "/api/v1/tokens", nil, &list)
	return list
}

func TestRevokedAndExpiredCredentialsAreRefused(t *testing.T) {
	forEachConfig(t, nil, func(t *testing.T, s *testServer) {
		s.mkUser(t, "erin", auth.RoleOperator)
		first, second := s.login(t, "erin"), s.login(t, "erin")
		var sessions []sessionView
		second.expect(200, "GET", "/api/v1/auth/sessions", nil, &sessions)
		if len(sessions) != 2 {
			t.Fatalf("sessions = %+v", sessions)
		}
		var me meView
		first.expect(200, "GET", "/api/v1/auth/me", nil, &me)
		second.expect(204, "DELETE", "/api/v1/auth/sessions/"+me.SessionID, nil, nil)
		first.expect(401, "GET", "/api/v1/auth/me", nil, nil)

		// Idle: 31 minutes without a request.
		s.clock.Advance(31 * time.Minute)
		second.expect(401, "GET", "/api/v1/auth/me", nil, nil)

		// Absolute: active every 20 minutes, still ends after 12 hours.
		third := s.login(t, "erin")
		for elapsed := time.Duration(0); elapsed < 11*time.Hour+40*time.Minute; elapsed += 20 * time.Minute {
			s.clock.Advance(20 * time.Minute)
			third.expect(200, "GET", "/api/v1/auth/me", nil, nil)
		}
		s.clock.Advance(20 * time.Minute)
		third.expect(401, "GET", "/api/v1/auth/me", nil, nil)

		// Logout ends the session.
		fourth := s.login(t, "erin")
		tok := fourth.tokenClient(auth.RoleViewer, time.Hour)
		fourth.expect(204, "POST", "/api/v1/auth/logout", nil, nil)
		fourth.expect(401, "GET", "/api/v1/auth/me", nil, nil)

		// Tokens expire.
		tok.expect(200, "GET", "/api/v1/auth/me", nil, nil)
		s.clock.Advance(61 * time.Minute)
		tok.expect(401, "GET", "/api/v1/auth/me", nil, nil)
	})
}

func TestDisablingAUserEndsItsSessionsAndTokens(t *testing.T) {
	forEachConfig(t, nil, func(t *testing.T, s *testServer) {
		id := s.mkUser(t, "fred", auth.RoleOperator)
		s.mkUser(t, "root", auth.RoleAdmin)
		admin, fred := s.login(t, "root"), s.login(t, "fred")
		tok := fred.tokenClient(auth.RoleOperator, time.Hour)
		disabled := true
		admin.expect(200, "PATCH", "/api/v1/users/"+itoa(id), userPatch{Disabled: &disabled}, nil)
		fred.expect(401, "GET", "/api/v1/auth/me", nil, nil)
		tok.expect(401, "GET", "/api/v1/auth/me", nil, nil)
		s.anon(t).expect(401, "POST", "/api/v1/auth/login", loginRequest{Username: "fred", Password: testPassword}, nil)
	})
}

func TestRoleChangeTakesEffect(t *testing.T) {
	s := newTestServer(t, nil, nil)
	id := s.mkUser(t, "gil", auth.RoleAdmin)
	s.mkUser(t, "root", auth.RoleAdmin)
	gil := s.login(t, "gil")
	tok := gil.tokenClient(auth.RoleAdmin, time.Hour)
	tok.expect(200, "GET", "/api/v1/users", nil, nil)
	viewer := "viewer"
	s.login(t, "root").expect(200, "PATCH", "/api/v1/users/"+itoa(id), userPatch{Role: &viewer}, nil)
	gil.expect(401, "GET", "/api/v1/users", nil, nil) // signed out by the change
	tok.expect(403, "GET", "/api/v1/users", nil, nil) // acts with the owner's lower role now
}

func TestTokenRoleNoHigherThanOwner(t *testing.T) {
	s := newTestServer(t, nil, nil)
	s.mkUser(t, "hana", auth.RoleOperator)
	c := s.login(t, "hana")
	resp, data := c.do("POST", "/api/v1/tokens", tokenCreate{Name: "x", Role: "admin", ExpiresAt: s.clock.Now().Add(time.Hour)})
	if resp.StatusCode != 422 || !strings.Contains(string(data), `"field":"role"`) {
		t.Fatalf("admin token for an operator = %d %s", resp.StatusCode, data)
	}
	tok := c.tokenClient(auth.RoleViewer, time.Hour)
	if resp, _ := tok.do("POST", "/api/v1/tokens", tokenCreate{Name: "y", Role: "viewer", ExpiresAt: s.clock.Now().Add(time.Hour)}); resp.StatusCode != 403 {
		t.Fatalf("a token minted a token: %d", resp.StatusCode)
	}
	for _, bad := range []tokenCreate{
		{Name: "", Role: "viewer", ExpiresAt: s.clock.Now().Add(time.Hour)},
		{Name: "old", Role: "viewer", ExpiresAt: s.clock.Now().Add(-time.Hour)},
		{Name: "forever", Role: "viewer", ExpiresAt: s.clock.Now().Add(400 * 24 * time.Hour)},
		{Name: "odd", Role: "root", ExpiresAt: s.clock.Now().Add(time.Hour)},
	} {
		if resp, data := c.do("POST", "/api/v1/tokens", bad); resp.StatusCode != 422 {
			t.Errorf("%+v accepted: %d %s", bad, resp.StatusCode, data)
		}
	}
	if n := len(listTokens(t, c)); n != 1 {
		t.Fatalf("refused tokens were stored: %d tokens", n)
	}
}

// Behind a trusted proxy that rewrites Host, the browser's Origin matches
// X-Forwarded-Host; the same header from anyone else is ignored.
func TestOriginBehindTrustedProxy(t *testing.T) {
	for _, trusted := range []bool{true, false} {
		s := newServerWith(t, serverOpts{dialect: config.SQLite, edit: func(c *config.Config) {
			if trusted {
				c.Server.TrustedProxies = []string{"0.0.0.0/32"}
			}
		}})
		s.mkUser(t, "pat", auth.RoleViewer)
		c := s.anon(t)
		c.header.Set("Origin", "https://panel.example.org")
		c.header.Set("X-Forwarded-Host", "panel.example.org")
		c.header.Set("X-Forwarded-Proto", "https")
		resp, data := c.do("POST", "/api/v1/auth/login", loginRequest{Username: "pat", Password: testPassword})
		if trusted && resp.StatusCode != 200 {
			t.Fatalf("trusted proxy: %d %s", resp.StatusCode, data)
		}
		if !trusted && resp.StatusCode != 403 {
			t.Fatalf("untrusted X-Forwarded-Host was believed: %d", resp.StatusCode)
		}
		if trusted && !strings.Contains(resp.Header.Get("Set-Cookie"), "secure") {
			t.Fatalf("cookie over a TLS proxy is not Secure: %s", resp.Header.Get("Set-Cookie"))
		}
	}
}
