package harness

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestStartWaitStop(t *testing.T) {
	ctx := context.Background()
	w := NewLineWatcher("listening ")
	p := startHelper(t, "serve", w)
	addr, err := w.Wait(ctx, p)
	if err != nil || !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Fatalf("announced %q, %v", addr, err)
	}
	if err := WaitReady(ctx, p, "http://"+addr+"/", 5*time.Second); err != nil {
		t.Fatal(err)
	}
	if err := p.Stop(5 * time.Second); err != nil {
		t.Fatalf("Stop = %v, want nil after a clean exit", err)
	}
	if err := p.Stop(time.Second); err != nil {
		t.Fatalf("second Stop = %v", err)
	}
}

func TestStartContextDone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	w := NewLineWatcher("listening ")
	p := startHelperContext(t, ctx, "serve", w)
	if _, err := w.Wait(ctx, p); err != nil {
		t.Fatal(err)
	}
	cancel()
	select {
	case <-p.Exited():
	case <-time.After(5 * time.Second):
		t.Fatal("the process still runs 5 s after its context was cancelled")
	}
}

func TestStopKillsAfterGrace(t *testing.T) {
	w := NewLineWatcher("listening ")
	p := startHelper(t, "stubborn", w)
	if _, err := w.Wait(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	begin := time.Now()
	err := p.Stop(200 * time.Millisecond)
	if !errors.Is(err, ErrKilled) {
		t.Fatalf("Stop = %v, want ErrKilled", err)
	}
	if d := time.Since(begin); d > 5*time.Second {
		t.Fatalf("Stop took %v", d)
	}
}

func TestExitedEarly(t *testing.T) {
	ctx := context.Background()
	w := NewLineWatcher("listening ")
	p := startHelper(t, "fail", w)
	if _, err := w.Wait(ctx, p); !errors.Is(err, ErrExited) {
		t.Fatalf("LineWatcher.Wait = %v, want ErrExited", err)
	}
	err := WaitReady(ctx, p, "http://127.0.0.1:1/", 5*time.Second)
	var exit *exec.ExitError
	if !errors.Is(err, ErrExited) || !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Fatalf("WaitReady = %v, want ErrExited with status 3", err)
	}
	if err := p.Stop(time.Second); !errors.As(err, &exit) {
		t.Fatalf("Stop = %v, want the exit error", err)
	}
}

func TestStartMissingBinary(t *testing.T) {
	if p, err := Start(context.Background(), Spec{Path: "/nonexistent/diwan"}); err == nil {
		_ = p.Stop(time.Second)
		t.Fatal("Start succeeded")
	}
}

func TestWaitReadyTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	w := NewLineWatcher("listening ")
	p := startHelper(t, "serve", w)
	err := WaitReady(context.Background(), p, srv.URL, 300*time.Millisecond)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "503") {
		t.Fatalf("WaitReady = %v, want a deadline error naming status 503", err)
	}
}

func TestRun(t *testing.T) {
	run := func(stdin string) error {
		return Run(context.Background(), Spec{
			Path:  os.Args[0],
			Args:  []string{"-test.run=^$"},
			Env:   append(os.Environ(), helperEnv+"=stdin"),
			Stdin: strings.NewReader(stdin),
		})
	}
	if err := run("yes\n"); err != nil {
		t.Fatalf("Run = %v, want nil", err)
	}
	if err := run("no\n"); err == nil || !strings.Contains(err.Error(), `stdin said "no\n"`) || !strings.Contains(err.Error(), "status 4") {
		t.Fatalf("Run = %v, want the exit status and what the process said", err)
	}
	if err := Run(context.Background(), Spec{Path: "/nonexistent/diwan"}); err == nil {
		t.Fatal("Run of a missing binary succeeded")
	}
}

func TestProbe(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/moved":
			http.Redirect(w, r, "/", http.StatusFound)
		case r.URL.Path == "/me" && r.Header.Get("Cookie") != "s=1":
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	if err := Probe(ctx, srv.URL+"/"); err != nil {
		t.Fatalf("Probe(200) = %v", err)
	}
	// wrk counts a redirect as a success, so Probe must not.
	if err := Probe(ctx, srv.URL+"/moved"); err == nil {
		t.Fatal("Probe(302) succeeded")
	}
	if err := Probe(ctx, srv.URL+"/me", "Cookie: s=1"); err != nil {
		t.Fatalf("Probe with the cookie = %v", err)
	}
	if err := Probe(ctx, srv.URL+"/me"); err == nil || !strings.Contains(err.Error(), "401") {
		t.Fatalf("Probe without the cookie = %v, want status 401", err)
	}
	if err := Probe(ctx, srv.URL+"/me", "Cookie: s=1\r\nX: y"); err == nil {
		t.Fatal("Probe accepted a header with a line break")
	}
}

func TestFreeLoopbackAddr(t *testing.T) {
	addr, err := FreeLoopbackAddr(context.Background())
	if err != nil || !strings.HasPrefix(addr, "127.0.0.1:") || strings.HasSuffix(addr, ":0") {
		t.Fatalf("FreeLoopbackAddr = %q, %v", addr, err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("listen on the picked address: %v", err)
	}
	_ = ln.Close()
}
