package harness

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// ClockTicks is USER_HZ, the unit of the CPU times in /proc/PID/stat. The
// kernel fixes it at 100 on every architecture Go runs Linux on.
const ClockTicks = 100

// Memory is a process's resident memory in kB, as the kernel reports it.
type Memory struct {
	// VmRSSKB is the whole resident set: anonymous, file-backed (the
	// binary's pages) and shared memory.
	VmRSSKB int64
	// RssAnonKB is resident anonymous memory: heap, stacks and the Go
	// runtime's arenas, what the process allocated itself.
	RssAnonKB int64
}

// ReadMemory reads the resident memory of process pid from
// /proc/PID/status.
func ReadMemory(pid int) (Memory, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return Memory{}, fmt.Errorf("memory: %w", err)
	}
	return ParseStatus(string(b))
}

// ParseStatus reads VmRSS and RssAnon from the text of /proc/PID/status.
// Both lines must be present and in kB.
func ParseStatus(text string) (Memory, error) {
	var m Memory
	fields := map[string]*int64{"VmRSS:": &m.VmRSSKB, "RssAnon:": &m.RssAnonKB}
	found := 0
	for _, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || fields[f[0]] == nil {
			continue
		}
		if len(f) != 3 || f[2] != "kB" {
			return Memory{}, fmt.Errorf("status: line %q: want NAME: N kB", line)
		}
		n, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			return Memory{}, fmt.Errorf("status: %s: %w", f[0], err)
		}
		*fields[f[0]] = n
		found++
	}
	if found != len(fields) {
		return Memory{}, fmt.Errorf("status: VmRSS or RssAnon missing")
	}
	return m, nil
}

// ReadCPUTime returns the CPU time, user plus system, that process pid
// has used so far, from /proc/PID/stat. Its resolution is 1/ClockTicks s.
func ReadCPUTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("cpu time: %w", err)
	}
	return ParseStatCPU(string(b))
}

// ParseStatCPU returns utime plus stime (fields 14 and 15) from the text
// of /proc/PID/stat.
func ParseStatCPU(text string) (time.Duration, error) {
	// Field 2 is the command name in parentheses, which may itself hold
	// spaces and parentheses: count fields from the last ')'.
	i := strings.LastIndexByte(text, ')')
	if i < 0 {
		return 0, fmt.Errorf("stat: no command name")
	}
	f := strings.Fields(text[i+1:])
	const utime, stime = 14 - 3, 15 - 3 // f[0] is field 3
	if len(f) <= stime {
		return 0, fmt.Errorf("stat: %d fields after the command name, want more than %d", len(f), stime)
	}
	var ticks int64
	for _, s := range []string{f[utime], f[stime]} {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("stat: cpu ticks: %w", err)
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / ClockTicks, nil
}
