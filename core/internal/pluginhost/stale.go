package pluginhost

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// Each running plugin has a pid file in Options.RunDir naming its process
// group and binary. They are the record that lets the next core end what a
// core killed outright left behind, when neither the parent-death signal
// nor the SDK's watchdog did.

// writePIDFile records the plugin's process group; it is the pid of the
// group's leader (the plugin started with Setpgid).
func writePIDFile(dir, id string, pid int, binary string) (string, error) {
	if dir == "" || pid <= 0 {
		return "", nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("pluginhost: run directory: %w", err)
	}
	path := filepath.Join(dir, id+".pid")
	body := strconv.Itoa(pid) + " " + binary + "\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		return "", fmt.Errorf("pluginhost: pid file: %w", err)
	}
	return path, nil
}

// ReapStale ends the process groups recorded in dir whose leader still runs
// the recorded binary, removes every pid file, and returns how many groups
// it ended. A pid reused by an unrelated program is left alone.
func ReapStale(dir string) (int, error) {
	if dir == "" {
		return 0, nil
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.pid"))
	if err != nil {
		return 0, err
	}
	ended := 0
	for _, f := range files {
		if pid, binary, ok := readPIDFile(f); ok && runs(pid, binary) {
			if err := syscall.Kill(-pid, syscall.SIGKILL); err == nil {
				ended++
			}
		}
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return ended, fmt.Errorf("pluginhost: remove %s: %w", f, err)
		}
	}
	return ended, nil
}

func readPIDFile(path string) (int, string, bool) {
	data, err := os.ReadFile(path) //nolint:gosec // G304: our own pid file
	if err != nil {
		return 0, "", false
	}
	pidText, binary, ok := strings.Cut(strings.TrimSpace(string(data)), " ")
	pid, err := strconv.Atoi(pidText)
	return pid, binary, ok && err == nil && pid > 1
}

// runs reports whether process pid executes binary (also when the binary
// was replaced on disk since it started).
func runs(pid int, binary string) bool {
	exe, err := os.Readlink("/proc/" + strconv.Itoa(pid) + "/exe")
	if err != nil {
		return false
	}
	return exe == binary || exe == binary+" (deleted)"
}
