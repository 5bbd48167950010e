package runner

import (
	"context"
	"io"
	"os"
	"path/filepath"
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
	bad := map[string][]string{
		"no -diwan":          {"-hello", hello},
		"no -hello":          {"-diwan", diwan},
		"missing binary":     {"-diwan", filepath.Join(dir, "absent"), "-hello", hello},
		"fractional seconds": {"-diwan", diwan, "-hello", hello, "-duration", "1500ms"},
		"fewer connections":  {"-diwan", diwan, "-hello", hello, "-threads", "4", "-connections", "2"},
		"extra argument":     {"-diwan", diwan, "-hello", hello, "now"},
		"unknown flag":       {"-diwan", diwan, "-hello", hello, "-rps", "9"},
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

func TestCommandLine(t *testing.T) {
	tests := map[string][]string{
		"diwanbench": nil,
		"diwanbench -diwan bin/diwan -duration 5s":      {"-diwan", "bin/diwan", "-duration", "5s"},
		"diwanbench -out ''":                            {"-out", ""},
		`diwanbench -hello 'my dir/hello' -x 'it'\''s'`: {"-hello", "my dir/hello", "-x", "it's"},
		"diwanbench -diwan '$(reboot)'":                 {"-diwan", "$(reboot)"},
	}
	for want, args := range tests {
		if got := CommandLine("diwanbench", args); got != want {
			t.Errorf("CommandLine(%q) = %q, want %q", args, got, want)
		}
	}
}
