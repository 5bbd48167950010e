package scenario

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/diwanpanel/diwan/bench/internal/harness"
)

// The account the scenario signs in with, and diwan's login interface.
const (
	accountName   = "bench"
	accountRole   = "viewer"
	loginPath     = "/api/v1/auth/login"
	mePath        = "/api/v1/auth/me"
	sessionCookie = "diwan_session"
	// loginTimeout bounds one login; an argon2id verification takes tens
	// of milliseconds.
	loginTimeout = 10 * time.Second
)

// account is a diwan account the scenario creates and signs in with.
type account struct{ username, password string }

// newAccount returns the viewer account with a fresh random password.
func newAccount() account {
	return account{username: accountName, password: rand.Text()}
}

// LoginMeasurement is the login loop: clients on loopback signing in over
// and over for a fixed time.
type LoginMeasurement struct {
	// Workers is how many logins were under way at once.
	Workers int
	// Warmup is the run before the measured one; its numbers are not
	// reported, but its failures are.
	Warmup harness.LoopResult
	Result harness.LoopResult
	// CPU is the CPU time the server used during the measured run.
	CPU time.Duration
	// LogLines is what the server wrote during the measured run, in lines.
	LogLines int64
}

// Failures returns the failed logins of both runs.
func (m LoginMeasurement) Failures() int64 { return m.Warmup.Failed + m.Result.Failed }

// loginClient signs in over kept-alive connections, one per worker, and
// keeps no cookie, so that every login starts without a session.
type loginClient struct {
	http *http.Client
	base string
}

func newLoginClient(base string, workers int) *loginClient {
	return &loginClient{base: base, http: &http.Client{
		Timeout:       loginTimeout,
		Transport:     &http.Transport{MaxIdleConnsPerHost: workers, DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// signIn posts a's username and password to the login route and returns
// the session token. It fails unless diwan answers 200 with a session
// cookie; the error quotes the start of any other answer.
func (c *loginClient) signIn(ctx context.Context, a account) (string, error) {
	body, err := json.Marshal(map[string]string{"username": a.username, "password": a.password})
	if err != nil {
		return "", fmt.Errorf("login: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+loginPath, bytes.NewReader(body))
	if err != nil {
		return "", fmt.Errorf("login: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return "", fmt.Errorf("login: %w", err)
	}
	defer func() { _ = resp.Body.Close() }()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if err != nil {
		return "", fmt.Errorf("login: read answer: %w", err)
	}
	_, _ = io.Copy(io.Discard, resp.Body) // so that the connection is kept
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("login: status %d: %.200s", resp.StatusCode, strings.TrimSpace(string(answer)))
	}
	for _, ck := range resp.Cookies() {
		if ck.Name == sessionCookie && ck.Value != "" {
			return ck.Value, nil
		}
	}
	return "", errors.New("login: status 200 without a " + sessionCookie + " cookie")
}

// measureLogins runs o.LoginWorkers clients that sign in as a, one login
// after the other, for o.Warmup and then, measured, for o.LoginTime,
// while reading the server's CPU time and log.
func measureLogins(ctx context.Context, o HTTPOptions, s *server, a account) (LoginMeasurement, error) {
	m := LoginMeasurement{Workers: o.LoginWorkers}
	c := newLoginClient(s.base, o.LoginWorkers)
	defer c.http.CloseIdleConnections()
	call := func(ctx context.Context) error {
		_, err := c.signIn(ctx, a)
		return err
	}
	fmt.Fprintf(o.Progress, "%s POST %s: %d workers, warm-up %s, then %s\n", s, loginPath, o.LoginWorkers, o.Warmup, o.LoginTime)
	var err error
	if m.Warmup, err = harness.RunLoop(ctx, harness.LoopOptions{Workers: o.LoginWorkers, Duration: o.Warmup}, call); err != nil {
		return m, err
	}
	before, err := s.usage()
	if err != nil {
		return m, err
	}
	if m.Result, err = harness.RunLoop(ctx, harness.LoopOptions{Workers: o.LoginWorkers, Duration: o.LoginTime}, call); err != nil {
		return m, err
	}
	after, err := s.usage()
	m.CPU, m.LogLines = after.cpu-before.cpu, after.lines-before.lines
	return m, err
}
