package api

import (
	"encoding/base64"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/auth"
)

type loginRequest struct {
	Username     string `json:"username"`
	Password     string `json:"password"`
	TOTPCode     string `json:"totp_code,omitempty" doc:"when the account has two-factor authentication"`
	RecoveryCode string `json:"recovery_code,omitempty" doc:"instead of totp_code; each works once"`
}

// meView answers from the identity alone (no further query): who, with
// which role, and the session's CSRF token for a reloaded dashboard.
type meView struct {
	UserID    int64  `json:"user_id"`
	Username  string `json:"username"`
	Role      string `json:"role" doc:"the role this request acts with (a token's may be lower)"`
	Via       string `json:"via" enum:"session,token"`
	SessionID string `json:"session_id,omitempty"`
	CSRFToken string `json:"csrf_token,omitempty"`
	// MustEnrollTOTP: only enrolment is allowed until a second factor exists.
	MustEnrollTOTP bool `json:"must_enroll_totp"`
}

type totpState struct {
	Enabled      bool `json:"enabled"`
	RecoveryLeft int  `json:"recovery_codes_left"`
}

type passwordChange struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

type totpEnrolment struct {
	Secret     string `json:"secret"`
	OTPAuthURL string `json:"otpauth_url" doc:"the QR code's data"`
	QRPNG      string `json:"qr_png" doc:"the QR code as a base64 PNG"`
}

type totpConfirm struct {
	Code string `json:"code"`
}

type totpConfirmed struct {
	RecoveryCodes []string `json:"recovery_codes" doc:"shown once: keep them safe"`
	signedIn
}

type totpDisable struct {
	Password string `json:"password"`
}

func (s *Server) authRoutes(v1 fiber.Router) {
	tags := []string{"auth"}
	s.handle(v1, route{method: post, path: "/auth/login", access: Public, summary: "Sign in; sets the session cookie", tags: tags, request: loginRequest{}, response: signedIn{}, selfAudit: true}, s.login)
	s.handle(v1, route{method: post, path: "/auth/logout", access: auth.RoleViewer, summary: "Sign out this session", tags: tags, status: http.StatusNoContent, enrolling: true}, s.logout)
	s.handle(v1, route{method: get, path: "/auth/me", access: auth.RoleViewer, summary: "Who is signed in", tags: tags, response: meView{}, enrolling: true}, s.me)
	s.handle(v1, route{method: post, path: "/auth/password", access: auth.RoleViewer, summary: "Change own password (signs out other sessions)", tags: tags, request: passwordChange{}, status: http.StatusNoContent}, s.changePassword)
	s.handle(v1, route{method: get, path: "/auth/sessions", access: auth.RoleViewer, summary: "Own sessions", tags: tags, response: []sessionView{}}, s.ownSessions)
	s.handle(v1, route{method: delete, path: "/auth/sessions/:id", access: auth.RoleViewer, summary: "Revoke one of own sessions", tags: tags, status: http.StatusNoContent}, s.revokeOwnSession)
	s.handle(v1, route{method: get, path: "/auth/totp", access: auth.RoleViewer, summary: "Own two-factor state and recovery codes left", tags: tags, response: totpState{}, enrolling: true}, s.totpState)
	s.handle(v1, route{method: post, path: "/auth/totp/enroll", access: auth.RoleViewer, summary: "Start two-factor enrolment", tags: tags, response: totpEnrolment{}, enrolling: true}, s.enrollTOTP)
	s.handle(v1, route{method: post, path: "/auth/totp/confirm", access: auth.RoleViewer, summary: "Finish enrolment with a code; returns recovery codes and rotates the session", tags: tags, request: totpConfirm{}, response: totpConfirmed{}, enrolling: true}, s.confirmTOTP)
	s.handle(v1, route{method: post, path: "/auth/totp/disable", access: auth.RoleViewer, summary: "Turn two-factor authentication off", tags: tags, request: totpDisable{}, status: http.StatusNoContent}, s.disableTOTP)
}

func (s *Server) login(c *fiber.Ctx) error {
	var req loginRequest
	err := decodeJSON(c, &req)
	var res auth.LoginResult
	if err == nil {
		res, err = s.auth.Login(c.UserContext(), auth.LoginInput{
			Username: req.Username, Password: req.Password, TOTPCode: req.TOTPCode, RecoveryCode: req.RecoveryCode,
			IP: s.proxies.clientIP(c).String(), UserAgent: c.Get(fiber.HeaderUserAgent),
		})
	}
	s.recordSignIn(c, "auth.login", req.Username, err)
	if err != nil {
		return err
	}
	s.setSession(c, res)
	return c.JSON(viewSignedIn(res.Session))
}

func (s *Server) logout(c *fiber.Ctx) error {
	if err := s.auth.Logout(c.UserContext(), identity(c)); err != nil {
		return err
	}
	s.clearSession(c)
	return noContent(c)
}

func (s *Server) me(c *fiber.Ctx) error {
	id := identity(c)
	out := meView{UserID: id.UserID, Username: id.Username, Role: string(id.Role), Via: id.Via, MustEnrollTOTP: id.MustEnrollTOTP()}
	if id.Session != nil {
		out.SessionID, out.CSRFToken = id.Session.ID, id.Session.CSRFToken
	}
	return c.JSON(out)
}

func (s *Server) changePassword(c *fiber.Ctx) error {
	var req passwordChange
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if err := s.auth.ChangePassword(c.UserContext(), identity(c), s.proxies.clientIP(c).String(), req.CurrentPassword, req.NewPassword); err != nil {
		return err
	}
	return noContent(c)
}

func (s *Server) ownSessions(c *fiber.Ctx) error {
	id := identity(c)
	list, err := s.auth.Sessions(c.UserContext(), id.UserID)
	if err != nil {
		return err
	}
	current := ""
	if id.Session != nil {
		current = id.Session.TokenHash
	}
	return c.JSON(viewSessions(list, current))
}

func (s *Server) revokeOwnSession(c *fiber.Ctx) error {
	if err := s.auth.RevokeSession(c.UserContext(), identity(c).UserID, c.Params("id")); err != nil {
		return err
	}
	return noContent(c)
}

func (s *Server) totpState(c *fiber.Ctx) error {
	id := identity(c)
	u, err := s.auth.User(c.UserContext(), id.UserID)
	if err != nil {
		return err
	}
	left, err := s.auth.RecoveryCodesLeft(c.UserContext(), id.UserID)
	if err != nil {
		return err
	}
	return c.JSON(totpState{Enabled: u.TOTPEnabled, RecoveryLeft: left})
}

func (s *Server) enrollTOTP(c *fiber.Ctx) error {
	key, err := s.auth.BeginTOTP(c.UserContext(), identity(c))
	if err != nil {
		return err
	}
	return c.JSON(totpEnrolment{Secret: key.Secret, OTPAuthURL: key.URL, QRPNG: base64.StdEncoding.EncodeToString(key.PNG)})
}

func (s *Server) confirmTOTP(c *fiber.Ctx) error {
	var req totpConfirm
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	codes, res, err := s.auth.ConfirmTOTP(c.UserContext(), identity(c), req.Code, s.proxies.clientIP(c).String(), c.Get(fiber.HeaderUserAgent))
	if err != nil {
		return err
	}
	s.setSession(c, res)
	return c.JSON(totpConfirmed{RecoveryCodes: codes, signedIn: viewSignedIn(res.Session)})
}

func (s *Server) disableTOTP(c *fiber.Ctx) error {
	var req totpDisable
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if err := s.auth.DisableTOTP(c.UserContext(), identity(c), req.Password); err != nil {
		return err
	}
	return noContent(c)
}
