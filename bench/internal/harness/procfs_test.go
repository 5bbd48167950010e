package harness

import (
	"os"
	"strings"
	"testing"
	"time"
)

// testdata/proc_status.txt and proc_stat.txt were copied from the hello
// server's /proc/PID after two seconds of wrk.
func TestParseStatus(t *testing.T) {
	got, err := ParseStatus(readFixture(t, "proc_status.txt"))
	want := Memory{VmRSSKB: 7648, RssAnonKB: 1628}
	if err != nil || got != want {
		t.Fatalf("ParseStatus = %+v, %v; want %+v", got, err, want)
	}
}

func TestParseStatusBad(t *testing.T) {
	status := readFixture(t, "proc_status.txt")
	tests := map[string]string{
		"empty":      "",
		"no RssAnon": dropLines(status, "RssAnon:"),
		"no VmRSS":   dropLines(status, "VmRSS:"),
		"not kB":     strings.Replace(status, "VmRSS:\t    7648 kB", "VmRSS:\t    7648 MB", 1),
		"not number": strings.Replace(status, "VmRSS:\t    7648 kB", "VmRSS:\t    76x8 kB", 1),
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			if m, err := ParseStatus(text); err == nil {
				t.Fatalf("ParseStatus = %+v, want an error", m)
			}
		})
	}
}

func TestParseStatCPU(t *testing.T) {
	tests := []struct {
		name, text string
		want       time.Duration
	}{
		// utime 40 + stime 107 ticks.
		{"fixture", readFixture(t, "proc_stat.txt"), 1470 * time.Millisecond},
		{"name with spaces and parens", "7 (a) b (c) S 1 1 1 0 -1 0 0 0 0 0 250 50 0 0 20 0 1 0", 3 * time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseStatCPU(tc.text)
			if err != nil || got != tc.want {
				t.Fatalf("ParseStatCPU = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
	for name, text := range map[string]string{
		"no name":   "7 S 1 1 1",
		"truncated": "7 (x) S 1 1 1 0 -1 0 0 0 0 0 250",
		"not ticks": "7 (x) S 1 1 1 0 -1 0 0 0 0 0 2x0 50 0",
	} {
		t.Run("bad "+name, func(t *testing.T) {
			if d, err := ParseStatCPU(text); err == nil {
				t.Fatalf("ParseStatCPU = %v, want an error", d)
			}
		})
	}
}

func TestReadSelf(t *testing.T) {
	m, err := ReadMemory(os.Getpid())
	if err != nil || m.VmRSSKB <= 0 || m.RssAnonKB <= 0 || m.RssAnonKB > m.VmRSSKB {
		t.Fatalf("ReadMemory(self) = %+v, %v", m, err)
	}
	if _, err := ReadCPUTime(os.Getpid()); err != nil {
		t.Fatalf("ReadCPUTime(self): %v", err)
	}
	if _, err := ReadMemory(-1); err == nil {
		t.Fatal("ReadMemory(-1) succeeded")
	}
}
