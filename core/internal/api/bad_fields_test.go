package api

import (
	"context"
	"strings"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/auth"
)

// Every remaining user-supplied field: refused with its name, and nothing
// changed.
func TestEveryBadFieldIsNamedAndChangesNothing(t *testing.T) {
	s := newTestServer(t, nil, nil)
	s.mkUser(t, "root", auth.RoleAdmin)
	vic := s.mkUser(t, "vic", auth.RoleViewer)
	admin, self := s.login(t, "root"), s.login(t, "vic")
	var key totpEnrolment
	self.expect(200, "POST", "/api/v1/auth/totp/enroll", nil, &key)

	cases := []struct {
		c            *client
		method, path string
		body         string
		status       int
		field        string
	}{
		{admin, "PATCH", "/api/v1/users/" + itoa(vic), `{"role":"root"}`, 422, "role"},
		{admin, "POST", "/api/v1/users/" + itoa(vic) + "/password", `{"password":"short"}`, 422, "password"},
		{self, "POST", "/api/v1/auth/password", `{"current_password":"` + testPassword + `","new_password":"short"}`, 422, "new_password"},
		{self, "POST", "/api/v1/auth/totp/confirm", `{"code":"000000"}`, 422, "code"},
		{self, "POST", "/api/v1/auth/totp/disable", `{"password":"wrong one"}`, 422, "password"},
		{admin, "PUT", "/api/v1/settings/security", `{"require_2fa":"yes"}`, 400, "require_2fa"},
		{admin, "PUT", "/api/v1/settings/security", `{"require_2fa":true} {"again":1}`, 400, ""},
		{s.anon(t), "POST", "/api/v1/auth/login", ``, 400, ""},
		{admin, "GET", "/api/v1/users/0", ``, 400, "id"},
	}
	for _, tc := range cases {
		resp, data := tc.c.do(tc.method, tc.path, tc.body)
		if resp.StatusCode != tc.status {
			t.Errorf("%s %s %s: %d %s", tc.method, tc.path, tc.body, resp.StatusCode, data)
			continue
		}
		if tc.field != "" && !strings.Contains(string(data), `"field":"`+tc.field+`"`) {
			t.Errorf("%s %s: the error does not name %q: %s", tc.method, tc.path, tc.field, data)
		}
	}
	u, err := s.auth.User(context.Background(), vic)
	if err != nil || u.Role != "viewer" || u.TOTPEnabled {
		t.Fatalf("refused requests changed vic: %+v %v", u, err)
	}
	var sec securitySettings
	admin.expect(200, "GET", "/api/v1/settings/security", nil, &sec)
	if sec.Require2FA {
		t.Fatal("a refused body changed the security settings")
	}
	s.login(t, "vic") // the password is unchanged
}
