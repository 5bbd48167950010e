package api

import (
	"context"
	"strings"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/store"
)

// Fields a caller may not set are refused by name, and nothing changes.
func TestBodiesCannotSetForbiddenFields(t *testing.T) {
	forEachConfig(t, nil, func(t *testing.T, s *testServer) {
		s.mkUser(t, "root", auth.RoleAdmin)
		kim := s.mkUser(t, "kim", auth.RoleViewer)
		admin, self := s.login(t, "root"), s.login(t, "kim")
		cases := []struct {
			c      *client
			method string
			path   string
			body   string
			field  string
		}{
			{s.anon(t), "POST", "/api/v1/auth/login", `{"username":"kim","password":"` + testPassword + `","role":"admin"}`, "role"},
			{self, "POST", "/api/v1/auth/password", `{"current_password":"` + testPassword + `","new_password":"another long password","role":"admin"}`, "role"},
			{self, "POST", "/api/v1/tokens", `{"name":"x","role":"viewer","expires_at":"2099-01-01T00:00:00Z","user_id":1}`, "user_id"},
			{admin, "POST", "/api/v1/users", `{"id":` + itoa(kim) + `,"username":"kim2","password":"` + testPassword + `","role":"viewer"}`, "id"},
			{admin, "PATCH", "/api/v1/users/" + itoa(kim), `{"totp_enabled":false,"role":"admin"}`, "totp_enabled"},
			{admin, "PATCH", "/api/v1/users/" + itoa(kim), `{"disabled":"yes"}`, "disabled"},
			{self, "POST", "/api/v1/auth/totp/confirm", `{"code":"123456","totp_enabled":true}`, "totp_enabled"},
		}
		for _, tc := range cases {
			resp, data := tc.c.do(tc.method, tc.path, tc.body)
			if resp.StatusCode != 400 || !strings.Contains(string(data), `"field":"`+tc.field+`"`) {
				t.Errorf("%s %s with %s: %d %s", tc.method, tc.path, tc.field, resp.StatusCode, data)
			}
		}
		u, err := s.auth.User(context.Background(), kim)
		if err != nil || u.Role != "viewer" || u.TOTPEnabled || u.Disabled {
			t.Fatalf("a refused request changed kim: %+v %v", u, err)
		}
		s.login(t, "kim") // password unchanged
		if list, _ := s.auth.Users(context.Background()); len(list) != 2 {
			t.Fatalf("a refused request created a user: %d users", len(list))
		}
	})
}

func TestUserManagementValidatesEachField(t *testing.T) {
	s := newTestServer(t, nil, nil)
	s.mkUser(t, "root", auth.RoleAdmin)
	admin := s.login(t, "root")
	for _, tc := range []struct {
		body  userCreate
		field string
	}{
		{userCreate{Username: "Bad Name", Password: testPassword, Role: "viewer"}, "username"},
		{userCreate{Username: "x", Password: testPassword, Role: "viewer"}, "username"},
		{userCreate{Username: "ok-name", Password: "short", Role: "viewer"}, "password"},
		{userCreate{Username: "ok-name", Password: strings.Repeat("p", 1025), Role: "viewer"}, "password"},
		{userCreate{Username: "ok-name", Password: testPassword, Role: "superuser"}, "role"},
		{userCreate{Username: "root", Password: testPassword, Role: "viewer"}, "username"},
	} {
		resp, data := admin.do("POST", "/api/v1/users", tc.body)
		if resp.StatusCode != 422 || !strings.Contains(string(data), `"field":"`+tc.field+`"`) {
			t.Errorf("%+v: %d %s", tc.body, resp.StatusCode, data)
		}
	}
	if list, _ := s.auth.Users(context.Background()); len(list) != 1 {
		t.Fatalf("refused users were stored: %d", len(list))
	}
	var created userView
	admin.expect(201, "POST", "/api/v1/users", userCreate{Username: "lee", Password: testPassword, Role: "operator"}, &created)
	admin.expect(204, "POST", "/api/v1/users/"+itoa(created.ID)+"/password", passwordReset{Password: "a brand new password"}, nil)
	s.anon(t).expect(200, "POST", "/api/v1/auth/login", loginRequest{Username: "lee", Password: "a brand new password"}, nil)
	admin.expect(400, "GET", "/api/v1/users/abc", nil, nil)
	admin.expect(404, "GET", "/api/v1/users/999999", nil, nil)
}

func TestChangeOwnPassword(t *testing.T) {
	s := newTestServer(t, nil, nil)
	s.mkUser(t, "mia", auth.RoleViewer)
	c, other := s.login(t, "mia"), s.login(t, "mia")
	if resp, data := c.do("POST", "/api/v1/auth/password", passwordChange{CurrentPassword: "wrong", NewPassword: "a new long password"}); resp.StatusCode != 422 || !strings.Contains(string(data), "current_password") {
		t.Fatalf("wrong current password: %d %s", resp.StatusCode, data)
	}
	c.expect(204, "POST", "/api/v1/auth/password", passwordChange{CurrentPassword: testPassword, NewPassword: "a new long password"}, nil)
	c.expect(200, "GET", "/api/v1/auth/me", nil, nil)     // this session stays
	other.expect(401, "GET", "/api/v1/auth/me", nil, nil) // the others end
	s.anon(t).expect(401, "POST", "/api/v1/auth/login", loginRequest{Username: "mia", Password: testPassword}, nil)
}

func TestLastAdminStays(t *testing.T) {
	forEachConfig(t, nil, func(t *testing.T, s *testServer) {
		root := s.mkUser(t, "root", auth.RoleAdmin)
		admin := s.login(t, "root")
		viewer, yes := "viewer", true
		for _, tc := range []struct {
			method string
			body   any
		}{{"DELETE", nil}, {"PATCH", userPatch{Role: &viewer}}, {"PATCH", userPatch{Disabled: &yes}}} {
			if resp, data := admin.do(tc.method, "/api/v1/users/"+itoa(root), tc.body); resp.StatusCode != 409 || errCode(data) != "last_admin" {
				t.Fatalf("%s of the last admin: %d %s", tc.method, resp.StatusCode, data)
			}
		}
		second := s.mkUser(t, "second", auth.RoleAdmin)
		admin.expect(200, "PATCH", "/api/v1/users/"+itoa(second), userPatch{Role: &viewer}, nil)
		admin.expect(409, "DELETE", "/api/v1/users/"+itoa(root), nil, nil)
		admin.expect(204, "DELETE", "/api/v1/users/"+itoa(second), nil, nil)
	})
}

func TestFirstAdminSetup(t *testing.T) {
	s := newTestServer(t, nil, nil)
	c := s.anon(t)
	var state setupState
	c.expect(200, "GET", "/api/v1/setup", nil, &state)
	if !state.Needed {
		t.Fatal("setup not needed on an empty database")
	}
	token, err := s.auth.NewSetupToken(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	req := setupRequest{Token: "not-the-token", Username: "first", Password: testPassword}
	if _, data := c.do("POST", "/api/v1/setup", req); errCode(data) != "setup_invalid" {
		t.Fatalf("wrong token: %s", data)
	}
	req.Token = token
	req.Password = "short"
	if resp, _ := c.do("POST", "/api/v1/setup", req); resp.StatusCode != 422 {
		t.Fatalf("short password: %d", resp.StatusCode)
	}
	req.Password = testPassword
	var res signedIn
	c.expect(201, "POST", "/api/v1/setup", req, &res)
	c.csrf = res.CSRFToken
	if res.Role != "admin" {
		t.Fatalf("first user = %+v", res)
	}
	c.expect(200, "GET", "/api/v1/users", nil, nil)
	req.Username = "second"
	if resp, _ := s.anon(t).do("POST", "/api/v1/setup", req); resp.StatusCode != 403 {
		t.Fatalf("setup token reused: %d", resp.StatusCode)
	}
	c.expect(200, "GET", "/api/v1/setup", nil, &state)
	if state.Needed {
		t.Fatal("setup still needed")
	}
	// A new token is worthless once an admin exists.
	token2, _ := s.auth.NewSetupToken(context.Background())
	req.Token = token2
	if resp, data := s.anon(t).do("POST", "/api/v1/setup", req); resp.StatusCode != 409 {
		t.Fatalf("second admin through setup: %d %s", resp.StatusCode, data)
	}
	if list, _ := s.auth.Users(context.Background()); len(list) != 1 {
		t.Fatalf("%d users after setup", len(list))
	}
}

func TestAuditTrail(t *testing.T) {
	forEachConfig(t, nil, func(t *testing.T, s *testServer) {
		s.mkUser(t, "root", auth.RoleAdmin)
		s.anon(t).do("POST", "/api/v1/auth/login", loginRequest{Username: "root", Password: "a wrong password"})
		admin := s.login(t, "root")
		admin.expect(201, "POST", "/api/v1/users", userCreate{Username: "nina", Password: testPassword, Role: "viewer"}, nil)
		s.anon(t).do("DELETE", "/api/v1/users/1", nil)

		var entries []store.AuditEntry
		admin.expect(200, "GET", "/api/v1/audit?limit=50", nil, &entries)
		find := func(action, result string) *store.AuditEntry {
			for i := range entries {
				if entries[i].Action == action && entries[i].Result == result {
					return &entries[i]
				}
			}
			return nil
		}
		if e := find("auth.login", "denied"); e == nil || e.Actor != "root" || e.IP == "" {
			t.Errorf("failed login not recorded: %+v", entries)
		}
		if e := find("auth.login", "success"); e == nil || e.Actor != "root" {
			t.Errorf("login not recorded: %+v", entries)
		}
		if e := find("POST /api/v1/users", "success"); e == nil || e.Actor != "root" || e.Via != "session" || e.Target != "username=nina" || e.Status != 201 {
			t.Errorf("user creation not recorded: %+v", e)
		}
		if e := find("DELETE /api/v1/users/:id", "denied"); e == nil || e.Actor != "anonymous" || e.Target != "id=1" {
			t.Errorf("refused deletion not recorded: %+v", e)
		}
		for _, e := range entries {
			if strings.Contains(e.Details+e.Target+e.Actor, testPassword) || strings.Contains(e.Details+e.Target, "wrong password") {
				t.Errorf("a password reached the audit log: %+v", e)
			}
		}
		var filtered []store.AuditEntry
		admin.expect(200, "GET", "/api/v1/audit?action=auth.login&result=success", nil, &filtered)
		if len(filtered) != 1 {
			t.Errorf("filtered = %+v", filtered)
		}
		for _, bad := range []string{"limit=0", "limit=1000", "since=yesterday", "actor_id=-1", "before_id=x"} {
			if resp, data := admin.do("GET", "/api/v1/audit?"+bad, nil); resp.StatusCode != 400 || errCode(data) != "invalid_query" {
				t.Errorf("%s: %d %s", bad, resp.StatusCode, data)
			}
		}
	})
}

func TestAllowList(t *testing.T) {
	for _, tc := range []struct {
		allowed []string
		want    int
	}{{[]string{"10.0.0.0/8"}, 403}, {[]string{"10.0.0.0/8", "0.0.0.0/32"}, 200}, {nil, 200}} {
		s := newServerWith(t, serverOpts{dialect: "sqlite", edit: func(c *config.Config) { c.Server.AllowedIPs = tc.allowed }})
		resp, data := s.anon(t).do("GET", "/api/v1/version", nil)
		if resp.StatusCode != tc.want {
			t.Fatalf("allowed %v: %d %s", tc.allowed, resp.StatusCode, data)
		}
		if tc.want == 403 && errCode(data) != "ip_not_allowed" {
			t.Fatalf("refusal code: %s", data)
		}
	}
}

func TestAdminRevokesAnyonesSessions(t *testing.T) {
	forEachConfig(t, nil, func(t *testing.T, s *testServer) {
		s.mkUser(t, "root", auth.RoleAdmin)
		id := s.mkUser(t, "quinn", auth.RoleViewer)
		admin, q1, q2 := s.login(t, "root"), s.login(t, "quinn"), s.login(t, "quinn")
		var list []sessionView
		admin.expect(200, "GET", "/api/v1/users/"+itoa(id)+"/sessions", nil, &list)
		if len(list) != 2 {
			t.Fatalf("sessions = %+v", list)
		}
		var n revoked
		admin.expect(200, "DELETE", "/api/v1/users/"+itoa(id)+"/sessions", nil, &n)
		if n.Revoked != 2 {
			t.Fatalf("revoked = %d", n.Revoked)
		}
		q1.expect(401, "GET", "/api/v1/auth/me", nil, nil)
		q2.expect(401, "GET", "/api/v1/auth/me", nil, nil)
		admin.expect(200, "GET", "/api/v1/auth/me", nil, nil)
		// A viewer cannot revoke another's session by its id.
		q3 := s.login(t, "quinn")
		var mine meView
		admin.expect(200, "GET", "/api/v1/auth/me", nil, &mine)
		q3.expect(404, "DELETE", "/api/v1/auth/sessions/"+mine.SessionID, nil, nil)
		admin.expect(200, "GET", "/api/v1/auth/me", nil, nil)
	})
}
