package harness

import (
	"context"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The fixtures in testdata are wrk 4.1.0's output captured on the
// benchmark machine: against the hello server (ok), against a route that
// answers 404 (non2xx), and against a test server that drops some
// connections (socket_errors) or sleeps past wrk's timeout (slow).
func TestParseWrk(t *testing.T) {
	tests := []struct {
		fixture string
		want    WrkResult
	}{
		{"wrk_ok.txt", WrkResult{
			Requests: 99084, RequestsPerSec: 32910.29,
			P50: ms(1.27), P75: ms(1.77), P90: ms(3.09), P99: ms(12.97),
		}},
		{"wrk_non2xx.txt", WrkResult{
			Requests: 64289, RequestsPerSec: 31927.93,
			P50: ms(1.47), P75: ms(1.91), P90: ms(2.46), P99: ms(4.39),
			ErrorStatus: 64289,
		}},
		{"wrk_socket_errors.txt", WrkResult{
			Requests: 90625, RequestsPerSec: 30078.59,
			P50: ms(0.726), P75: ms(1.16), P90: ms(1.71), P99: ms(6.02),
			ErrorStatus: 898, Socket: SocketErrors{Read: 91},
		}},
		{"wrk_slow.txt", WrkResult{
			Requests: 70, RequestsPerSec: 13.98,
			P50: ms(0.267), P75: ms(1200), P90: ms(1200), P99: ms(1200),
			Socket: SocketErrors{Timeout: 5},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.fixture, func(t *testing.T) {
			got, err := ParseWrk(readFixture(t, tc.fixture))
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("ParseWrk =\n%+v\nwant\n%+v", got, tc.want)
			}
			if wantFailed := tc.want.Failures() > 0; got.Failed() != wantFailed {
				t.Errorf("Failed() = %v, want %v", got.Failed(), wantFailed)
			}
		})
	}
}

func TestParseWrkIncomplete(t *testing.T) {
	ok := readFixture(t, "wrk_ok.txt")
	tests := map[string]string{
		"empty":             "",
		"connection failed": "unable to connect to 127.0.0.1:1 Connection refused\n",
		"no --latency":      dropLines(ok, "Latency Distribution", "50%", "75%", "90%", "99%"),
		"no requests/sec":   dropLines(ok, "Requests/sec"),
		"no request count":  dropLines(ok, "requests in"),
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseWrk(text); !errors.Is(err, ErrNoReport) {
				t.Fatalf("ParseWrk error = %v, want ErrNoReport", err)
			}
		})
	}
	t.Run("bad percentile", func(t *testing.T) {
		text := strings.Replace(ok, "1.27ms", "1.27xs", 1)
		if _, err := ParseWrk(text); err == nil || errors.Is(err, ErrNoReport) {
			t.Fatalf("ParseWrk error = %v, want a unit error", err)
		}
	})
}

func TestWrkOptionsArgs(t *testing.T) {
	o := WrkOptions{Threads: 1, Connections: 64, Duration: 10 * time.Second}
	got, err := o.Args("http://127.0.0.1:1/x")
	want := []string{"-t1", "-c64", "-d10s", "--latency", "http://127.0.0.1:1/x"}
	if err != nil || !slices.Equal(got, want) {
		t.Fatalf("Args = %q, %v; want %q", got, err, want)
	}
	if cl := o.CommandLine("http://h/"); cl != "wrk -t1 -c64 -d10s --latency http://h/" {
		t.Errorf("CommandLine = %q", cl)
	}
	bad := map[string]WrkOptions{
		"no threads":         {Threads: 0, Connections: 1, Duration: time.Second},
		"fewer conns":        {Threads: 4, Connections: 2, Duration: time.Second},
		"sub-second":         {Threads: 1, Connections: 1, Duration: 500 * time.Millisecond},
		"fractional seconds": {Threads: 1, Connections: 1, Duration: 1500 * time.Millisecond},
	}
	for name, o := range bad {
		t.Run(name, func(t *testing.T) {
			if args, err := o.Args("http://h/"); err == nil {
				t.Fatalf("Args = %q, want an error", args)
			}
		})
	}
	t.Run("header", func(t *testing.T) {
		o := o
		o.Header = []string{"Cookie: diwan_session=abc"}
		got, err := o.Args("http://h/me")
		want := []string{"-t1", "-c64", "-d10s", "--latency", "-H", "Cookie: diwan_session=abc", "http://h/me"}
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("Args = %q, %v; want %q", got, err, want)
		}
		if cl := o.CommandLine("http://h/me"); cl != "wrk -t1 -c64 -d10s --latency -H 'Cookie: diwan_session=abc' http://h/me" {
			t.Errorf("CommandLine = %q", cl)
		}
	})
	for _, h := range []string{"Cookie", "Cookie:x", ": x", "Bad Name: x", "Cookie: a\r\nHost: evil", "Cookie: a\nb"} {
		t.Run("bad header "+h, func(t *testing.T) {
			o := o
			o.Header = []string{h}
			if args, err := o.Args("http://h/"); err == nil {
				t.Fatalf("Args = %q, want an error", args)
			}
		})
	}
	t.Run("not http", func(t *testing.T) {
		if args, err := o.Args("-s evil.lua"); err == nil {
			t.Fatalf("Args = %q, want an error", args)
		}
	})
}

func ms(f float64) time.Duration { return time.Duration(math.Round(f * float64(time.Millisecond))) }

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// dropLines returns text without the lines that contain any of subs.
func dropLines(text string, subs ...string) string {
	var kept []string
	for _, line := range strings.Split(text, "\n") {
		if !slices.ContainsFunc(subs, func(s string) bool { return strings.Contains(line, s) }) {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, "\n")
}

func TestRunWrkCannotConnect(t *testing.T) {
	if _, err := exec.LookPath("wrk"); err != nil {
		t.Skip("wrk is not installed")
	}
	addr, err := FreeLoopbackAddr(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	o := WrkOptions{Threads: 1, Connections: 1, Duration: time.Second}
	_, err = RunWrk(context.Background(), o, "http://"+addr+"/")
	if err == nil || !strings.Contains(err.Error(), "unable to connect") {
		t.Fatalf("RunWrk on a closed port = %v, want wrk's own message", err)
	}
}
