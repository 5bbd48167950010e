package harness

import (
	"bytes"
	"context"
	"debug/buildinfo"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// Machine describes where a benchmark ran.
type Machine struct {
	// CPUs is the number of CPUs this process may use, as nproc prints.
	CPUs     int
	CPUModel string
	Kernel   string
	// LoadAverage is the 1, 5 and 15 minute load average when the machine
	// was described, as /proc/loadavg gives it: other work on the machine
	// shows up in the numbers.
	LoadAverage string
}

// DescribeMachine reads the CPU count, the CPU model from /proc/cpuinfo,
// the kernel release and the load average. A value it cannot read is
// "unknown".
func DescribeMachine() Machine {
	m := Machine{CPUs: runtime.NumCPU(), CPUModel: "unknown", Kernel: "unknown", LoadAverage: "unknown"}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		m.CPUModel = ParseCPUModel(string(b))
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(b))
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		m.LoadAverage = ParseLoadAverage(string(b))
	}
	return m
}

// ParseCPUModel returns the first "model name" in the text of
// /proc/cpuinfo, or "unknown" when there is none (as on many ARM machines).
func ParseCPUModel(cpuinfo string) string {
	for _, line := range strings.Split(cpuinfo, "\n") {
		key, value, ok := strings.Cut(line, ":")
		if ok && strings.TrimSpace(key) == "model name" && strings.TrimSpace(value) != "" {
			return strings.TrimSpace(value)
		}
	}
	return "unknown"
}

// ParseLoadAverage returns the first three fields of /proc/loadavg, or
// "unknown" when there are fewer.
func ParseLoadAverage(loadavg string) string {
	f := strings.Fields(loadavg)
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// GoVersion returns the Go version that built the binary at path.
func GoVersion(path string) (string, error) {
	info, err := buildinfo.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("go version: %w", err)
	}
	return info.GoVersion, nil
}

// WrkVersion runs `wrk -v` and returns its version line without the
// copyright, such as "wrk debian/4.1.0-3+b2 [epoll]". wrk exits with
// status 1 after printing it, so the status is not checked.
func WrkVersion(ctx context.Context, path string) (string, error) {
	if path == "" {
		path = "wrk"
	}
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, path, "-v")
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil && cmd.ProcessState == nil {
		return "", fmt.Errorf("wrk version: %w", err)
	}
	first, _, _ := strings.Cut(out.String(), "\n")
	version, _, _ := strings.Cut(first, " Copyright")
	if !strings.HasPrefix(version, "wrk ") {
		return "", fmt.Errorf("wrk version: unexpected output %q", first)
	}
	return strings.TrimSpace(version), nil
}
