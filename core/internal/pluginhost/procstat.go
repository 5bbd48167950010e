package pluginhost

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
)

// clockTicks is USER_HZ, the unit of /proc/PID/stat's CPU times: 100 on
// every Linux architecture Diwan runs on.
const clockTicks = 100

// ProcMemory reads VmRSS and RssAnon of process pid, in bytes, from
// /proc/PID/status.
func ProcMemory(pid int) (rss, anon int64, err error) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, 0, fmt.Errorf("pluginhost: process %d: %w", pid, err)
	}
	for line := range bytes.SplitSeq(data, []byte("\n")) {
		name, rest, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			continue
		}
		switch string(name) {
		case "VmRSS":
			rss = kilobytes(rest)
		case "RssAnon":
			anon = kilobytes(rest)
		}
	}
	return rss, anon, nil
}

// kilobytes parses a /proc/PID/status value such as "   1234 kB".
func kilobytes(field []byte) int64 {
	f := bytes.Fields(field)
	if len(f) == 0 {
		return 0
	}
	n, _ := strconv.ParseInt(string(f[0]), 10, 64)
	return n * 1024
}

// ProcCPUSeconds reads the user and system CPU time of process pid from
// /proc/PID/stat.
func ProcCPUSeconds(pid int) (float64, error) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, fmt.Errorf("pluginhost: process %d: %w", pid, err)
	}
	// The command name (field 2) is in parentheses and may hold spaces;
	// utime and stime are fields 14 and 15, the 12th and 13th after it.
	end := bytes.LastIndexByte(data, ')')
	if end < 0 {
		return 0, fmt.Errorf("pluginhost: process %d: unreadable stat", pid)
	}
	f := bytes.Fields(data[end+1:])
	if len(f) < 13 {
		return 0, fmt.Errorf("pluginhost: process %d: short stat", pid)
	}
	utime, err1 := strconv.ParseUint(string(f[11]), 10, 64)
	stime, err2 := strconv.ParseUint(string(f[12]), 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("pluginhost: process %d: unreadable CPU times", pid)
	}
	return float64(utime+stime) / clockTicks, nil
}
