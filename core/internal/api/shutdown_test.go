package api

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/config"
)

func TestShutdownFinishesRequestsInFlight(t *testing.T) {
	s := newTestServer(t, nil, nil)
	entered := make(chan struct{})
	s.handle(s.App(), route{method: "GET", path: "/t/slow", access: Public}, func(c *fiber.Ctx) error {
		close(entered)
		time.Sleep(300 * time.Millisecond)
		return c.SendString("finished")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- s.Serve(ln) }()
	base := "http://" + ln.Addr().String()

	type result struct {
		body string
		err  error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.Get(base + "/t/slow")
		if err != nil {
			got <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		got <- result{string(b), err}
	}()
	<-entered
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if r := <-got; r.err != nil || r.body != "finished" {
		t.Fatalf("request in flight: %q, %v", r.body, r.err)
	}
	if err := <-served; err != nil {
		t.Fatalf("serve returned %v", err)
	}
	if _, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		t.Fatal("still accepting connections after shutdown")
	}
}

func TestReadTimeoutDropsSlowClients(t *testing.T) {
	s := newTestServer(t, func(c *config.Config) { c.Server.ReadTimeout = 200 * time.Millisecond }, nil)
	base := s.listen(t)
	conn, err := net.Dial("tcp", base[len("http://"):])
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Half a request line, then silence.
	if _, err := conn.Write([]byte("GET /health/live HTTP/1.1\r\nHost: x\r\n")); err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(3 * time.Second))
	_, err = bufio.NewReader(conn).ReadString('\n')
	if ne := net.Error(nil); errors.As(err, &ne) && ne.Timeout() {
		t.Fatal("the server kept a silent client past its read timeout")
	}
}

// Shutdown before Serve has started must still stop it: a stop signal can
// arrive right after start.
func TestShutdownBeforeServe(t *testing.T) {
	for range 20 {
		s := newTestServer(t, nil, nil)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if err := s.Shutdown(ctx); err != nil {
			t.Fatal(err)
		}
		cancel()
		served := make(chan error, 1)
		go func() { served <- s.Serve(ln) }()
		select {
		case err := <-served:
			if err != nil {
				t.Fatalf("serve after shutdown: %v", err)
			}
		case <-time.After(3 * time.Second):
			t.Fatal("serve after shutdown kept serving")
		}
	}
}

// Racing Serve and Shutdown never leaves a server running.
func TestShutdownRacingServe(t *testing.T) {
	for range 50 {
		s := newTestServer(t, nil, nil)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		served := make(chan error, 1)
		go func() { served <- s.Serve(ln) }()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if err := s.Shutdown(ctx); err != nil {
			t.Fatal(err)
		}
		cancel()
		select {
		case err := <-served:
			if err != nil {
				t.Fatalf("serve: %v", err)
			}
		case <-time.After(3 * time.Second):
			t.Fatal("serve kept serving after shutdown")
		}
	}
}
