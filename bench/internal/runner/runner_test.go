package runner

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	dir := t.TempDir()
	diwan, hello := filepath.Join(dir, "diwan"), filepath.Join(dir, "hello")
	for _, p := range []string{diwan, hello} {
		if err := os.WriteFile(p, nil, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	o, err := parse([]string{"-diwan", diwan, "-hello", hello}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	w := o.http.Wrk
	if w.Duration != 10*time.Second || w.Connections != 64 || w.Threads != 1 || o.out != "docs/benchmarks.md" {
		t.Errorf("defaults = %+v, out %q", w, o.out)
	}
	if o.http.Warmup != 2*time.Second || o.http.Idle != 3*time.Second {
		t.Errorf("warm-up %v, idle %v", o.http.Warmup, o.http.Idle)
	}
	if o.http.LoginWorkers != runtime.NumCPU() || o.http.LoginTime != 5*time.Second {
		t.Errorf("login workers %d, login time %v", o.http.LoginWorkers, o.http.LoginTime)
	}
	short, err := parse([]string{"-diwan", diwan, "-hello", hello, "-duration", "1s", "-login-workers", "3"}, io.Discard)
	if err != nil || short.http.LoginTime != time.Second || short.http.LoginWorkers != 3 {
		t.Errorf("-duration 1s -login-workers 3: login time %v, workers %d, %v", short.http.LoginTime, short.http.LoginWorkers, err)
	}
	bad := map[string][]string{
		"no -diwan":          {"-hello", hello},
		"no -hello":          {"-diwan", diwan},
		"missing binary":     {"-diwan", filepath.Join(dir, "absent"), "-hello", hello},
		"fractional seconds": {"-diwan", diwan, "-hello", hello, "-duration", "1500ms"},
		"fewer connections":  {"-diwan", diwan, "-hello", hello, "-threads", "4", "-connections", "2"},
		"extra argument":     {"-diwan", diwan, "-hello", hello, "now"},
		"unknown flag":       {"-diwan", diwan, "-hello", hello, "-rps", "9"},
		"no login workers":   {"-diwan", diwan, "-hello", hello, "-login-workers", "0"},
	}
	for name, args := range bad {
		t.Run(name, func(t *testing.T) {
			if _, err := parse(args, io.Discard); err == nil {
				t.Fatalf("parse(%q) succeeded", args)
			}
		})
	}
}

func TestMainUsage(t *testing.T) {
	var stderr strings.Builder
	if code := Main(context.Background(), nil, io.Discard, &stderr); code != ExitUsage {
		t.Fatalf("Main() = %d, want %d", code, ExitUsage)
	}
	if !strings.Contains(stderr.String(), "-diwan is required") {
		t.Errorf("stderr = %q", stderr.String())
	}
}
