package api

import (
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/diwanpanel/diwan/core/internal/auth"
)

// enrol turns on TOTP for c's user and returns the secret and the codes.
func enrol(t *testing.T, s *testServer, c *client) (string, []string) {
	t.Helper()
	var key totpEnrolment
	c.expect(200, "POST", "/api/v1/auth/totp/enroll", nil, &key)
	code, err := totp.GenerateCode(key.Secret, s.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	var done totpConfirmed
	c.expect(200, "POST", "/api/v1/auth/totp/confirm", totpConfirm{Code: code}, &done)
	if len(done.RecoveryCodes) != 10 || done.CSRFToken == "" {
		t.Fatalf("confirm = %+v", done)
	}
	c.csrf = done.CSRFToken // the session was rotated
	return key.Secret, done.RecoveryCodes
}

func TestTOTPAndRecoveryCodesWorkOnce(t *testing.T) {
	forEachConfig(t, nil, func(t *testing.T, s *testServer) {
		id := s.mkUser(t, "ivan", auth.RoleOperator)
		c := s.login(t, "ivan")
		secret, codes := enrol(t, s, c)
		stored, err := s.store.Users().Get(t.Context(), id)
		if err != nil || strings.Contains(stored.TOTPSecret, secret) || !strings.HasPrefix(stored.TOTPSecret, "v1:") {
			t.Fatalf("the TOTP secret is not sealed at rest: %q, %v", stored.TOTPSecret, err)
		}
		c.expect(200, "GET", "/api/v1/auth/me", nil, nil)

		login := func(in loginRequest) (int, string) {
			in.Username, in.Password = "ivan", testPassword
			resp, data := s.anon(t).do("POST", "/api/v1/auth/login", in)
			return resp.StatusCode, errCode(data)
		}
		if st, code := login(loginRequest{}); st != 401 || code != "totp_required" {
			t.Fatalf("without a code: %d %s", st, code)
		}
		// The enrolment code's step is spent; the next step's code works once.
		s.clock.Advance(30 * time.Second)
		now, _ := totp.GenerateCode(secret, s.clock.Now())
		if st, _ := login(loginRequest{TOTPCode: now}); st != 200 {
			t.Fatalf("fresh code: %d", st)
		}
		if st, code := login(loginRequest{TOTPCode: now}); st != 401 || code != "invalid_second_factor" {
			t.Fatalf("replayed code: %d %s", st, code)
		}
		if st, _ := login(loginRequest{RecoveryCode: codes[3]}); st != 200 {
			t.Fatalf("recovery code: %d", st)
		}
		if st, code := login(loginRequest{RecoveryCode: codes[3]}); st != 401 || code != "invalid_second_factor" {
			t.Fatalf("reused recovery code: %d %s", st, code)
		}
		var st totpState
		s.login2(t, "ivan", loginRequest{RecoveryCode: codes[4]}).expect(200, "GET", "/api/v1/auth/totp", nil, &st)
		if st.RecoveryLeft != 8 || !st.Enabled {
			t.Fatalf("totp state = %+v", st)
		}
	})
}

// login2 signs in with a second factor.
func (s *testServer) login2(t *testing.T, name string, in loginRequest) *client {
	t.Helper()
	in.Username, in.Password = name, testPassword
	c := s.anon(t)
	var res signedIn
	c.expect(200, "POST", "/api/v1/auth/login", in, &res)
	c.csrf = res.CSRFToken
	return c
}

func TestAdminCanRequire2FA(t *testing.T) {
	s := newTestServer(t, nil, nil)
	s.mkUser(t, "root", auth.RoleAdmin)
	s.mkUser(t, "june", auth.RoleViewer)
	admin := s.login(t, "root")
	admin.expect(200, "PUT", "/api/v1/settings/security", securitySettings{Require2FA: true}, nil)

	june := s.anon(t)
	var res signedIn
	june.expect(200, "POST", "/api/v1/auth/login", loginRequest{Username: "june", Password: testPassword}, &res)
	june.csrf = res.CSRFToken
	if !res.MustEnrollTOTP {
		t.Fatal("login did not ask for enrolment")
	}
	if _, data := june.do("GET", "/api/v1/tokens", nil); errCode(data) != "totp_enrolment_required" {
		t.Fatalf("a session that must enrol reached another route: %s", data)
	}
	enrol(t, s, june)
	june.expect(200, "GET", "/api/v1/tokens", nil, nil)
	var me meView
	june.expect(200, "GET", "/api/v1/auth/me", nil, &me)
	if me.MustEnrollTOTP {
		t.Fatal("still asked to enrol after enrolling")
	}
	if _, data := june.do("POST", "/api/v1/auth/totp/disable", totpDisable{Password: testPassword}); errCode(data) != "invalid_field" {
		t.Fatalf("disabled 2FA while required: %s", data)
	}
}
