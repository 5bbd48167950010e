package harness

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestParseCPUModel(t *testing.T) {
	tests := map[string]struct{ cpuinfo, want string }{
		"x86": {"processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel\t\t: 1\nmodel name\t: AMD EPYC 7B13\nprocessor\t: 1\nmodel name\t: other\n", "AMD EPYC 7B13"},
		"arm": {"processor\t: 0\nBogoMIPS\t: 50.00\nCPU part\t: 0xd0c\n", "unknown"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := ParseCPUModel(tc.cpuinfo); got != tc.want {
				t.Fatalf("ParseCPUModel = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseLoadAverage(t *testing.T) {
	for in, want := range map[string]string{
		"0.52 1.10 2.57 3/412 8342\n": "0.52 1.10 2.57",
		"0.52\n":                      "unknown",
	} {
		if got := ParseLoadAverage(in); got != want {
			t.Errorf("ParseLoadAverage(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGoVersion(t *testing.T) {
	v, err := GoVersion(os.Args[0])
	if err != nil || !strings.HasPrefix(v, "go1.") {
		t.Fatalf("GoVersion(test binary) = %q, %v", v, err)
	}
}

func TestWrkVersion(t *testing.T) {
	if _, err := exec.LookPath("wrk"); err != nil {
		t.Skip("wrk is not installed")
	}
	v, err := WrkVersion(context.Background(), "")
	if err != nil || !strings.HasPrefix(v, "wrk ") || strings.Contains(v, "Copyright") {
		t.Fatalf("WrkVersion = %q, %v", v, err)
	}
}
