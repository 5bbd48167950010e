package scenario

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestMarkdownGolden(t *testing.T) {
	tests := map[string]func(r *HTTPReport){
		"http_met.md": func(*HTTPReport) {},
		"http_failed.md": func(r *HTTPReport) {
			r.Version.Result.RequestsPerSec = 12000
			r.Version.Result.ErrorStatus = 12
			r.Live.Warmup.Socket.Read = 3
			r.Me.Result.RequestsPerSec = 10000
			r.Login.Result.Failed = 2
			r.Login.Result.FirstFailure = `login: status 429: {"error":{"code":"locked_out"}}`
			r.Shutdown = []string{"diwan (DIWAN_LOG__ACCESS=all): stop bin/diwan: did not exit after SIGTERM and was killed"}
		},
	}
	for name, change := range tests {
		t.Run(name, func(t *testing.T) {
			r := sampleReport()
			change(r)
			got := r.Markdown()
			path := filepath.Join("testdata", name)
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("Markdown differs from %s (run with -update to accept):\n%s", path, got)
			}
		})
	}
}

// TestMarkdownFlagsFailures checks, beyond the golden file, that nothing
// that failed can pass unnoticed.
func TestMarkdownFlagsFailures(t *testing.T) {
	r := sampleReport()
	r.Live.Warmup.Socket.Read = 3
	r.VersionLogged.Result.ErrorStatus = 4
	r.Login.Warmup.Failed, r.Login.Warmup.FirstFailure = 1, "login: status 500: oops"
	md := r.Markdown()
	for _, want := range []string{
		"**Targets NOT MET:**",
		"- diwan `GET /health/live`, warm-up run: 0 answers ≥ 400; socket errors: connect 0, read 3, write 0, timeout 0",
		"- diwan `GET /api/v1/version`: JSON route, every request logged (`log.access=all`), measured run: 4 answers ≥ 400;",
		"- logins, warm-up run: 1 of 80 failed; the first: login: status 500: oops",
		"| 8 failed | **NOT MET** |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestFormat(t *testing.T) {
	for in, want := range map[float64]string{0: "0", 999.4: "999", 1000: "1,000", 32910.29: "32,910", 1234567: "1,234,567"} {
		if got := formatRate(in); got != want {
			t.Errorf("formatRate(%v) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[time.Duration]string{
		726 * time.Microsecond:  "726 µs",
		1270 * time.Microsecond: "1.27 ms",
		1200 * time.Millisecond: "1.20 s",
	} {
		if got := formatLatency(in); got != want {
			t.Errorf("formatLatency(%v) = %q, want %q", in, got, want)
		}
	}
	if got := formatKB(25600); got != "25.0 MiB (25600 kB)" {
		t.Errorf("formatKB(25600) = %q", got)
	}
	if got := perRequest(time.Second, 0); got != 0 {
		t.Errorf("perRequest(1s, 0) = %v", got)
	}
}
