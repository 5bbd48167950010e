package api

import (
	"io"
	"net"
	"testing"

	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/fasthttputil"

	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/config"
)

// benchServe serves s on an in-memory listener and returns a client for it.
func benchServe(b *testing.B, s *testServer) *fasthttp.Client {
	ln := fasthttputil.NewInmemoryListener()
	go func() { _ = s.Serve(ln) }()
	b.Cleanup(func() { _ = s.App().Shutdown() })
	return &fasthttp.Client{Dial: func(string) (net.Conn, error) { return ln.Dial() }}
}

// benchGet measures GET path through the whole middleware chain, logging
// at info level as in production (to io.Discard).
func benchGet(b *testing.B, path string, header ...string) {
	benchGetOn(b, newServerWith(b, serverOpts{dialect: config.SQLite, logTo: io.Discard}), path, header...)
}

func benchGetOn(b *testing.B, s *testServer, path string, header ...string) {
	client := benchServe(b, s)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
		defer fasthttp.ReleaseRequest(req)
		defer fasthttp.ReleaseResponse(resp)
		req.SetRequestURI("http://diwan" + path)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		for pb.Next() {
			if err := client.Do(req, resp); err != nil || resp.StatusCode() != 200 {
				b.Fatalf("GET %s: %v %d", path, err, resp.StatusCode())
			}
		}
	})
}

func BenchmarkVersionRoute(b *testing.B) { benchGet(b, "/api/v1/version") }

func BenchmarkHealthLive(b *testing.B) { benchGet(b, "/health/live") }

func BenchmarkAuthMe(b *testing.B) {
	s := newServerWith(b, serverOpts{dialect: config.SQLite, logTo: io.Discard})
	if _, err := s.auth.CreateUser(b.Context(), auth.NewUser{Username: "bench", Password: testPassword, Role: auth.RoleViewer}); err != nil {
		b.Fatal(err)
	}
	res, err := s.auth.Login(b.Context(), auth.LoginInput{Username: "bench", Password: testPassword, IP: "127.0.0.1"})
	if err != nil {
		b.Fatal(err)
	}
	benchGetOn(b, s, "/api/v1/auth/me", "Cookie", SessionCookie+"="+res.Token)
}
