// Package controltest gives tests of the control socket and the CLI a real
// plugin binary: the SDK's example plugin, built once per test binary.
package controltest

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

var (
	buildOnce sync.Once
	built     string
	buildErr  error
)

// Hello returns the path of a fresh copy of the SDK's example plugin
// "hello" in a directory of its own that t removes, mode 0755: ready for
// `diwan plugin install`.
func Hello(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() { built, buildErr = build() })
	if buildErr != nil {
		t.Fatalf("build the hello plugin: %v", buildErr)
	}
	src, err := os.ReadFile(built) //nolint:gosec // G304: the binary this package built
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "hello")
	if err := os.WriteFile(path, src, 0o755); err != nil { //nolint:gosec // G306: a plugin binary is executable
		t.Fatal(err)
	}
	return path
}

// build compiles hello into a scratch directory and renames it to one
// shared path, so that test binaries running side by side never see half a
// file and nothing piles up in the temporary directory.
func build() (string, error) {
	shared := filepath.Join(os.TempDir(), "diwan-controltest")
	if err := os.MkdirAll(shared, 0o700); err != nil {
		return "", err
	}
	scratch, err := os.MkdirTemp(shared, "build-")
	if err != nil {
		return "", err
	}
	defer func() { _ = os.RemoveAll(scratch) }()
	cmd := exec.CommandContext(context.Background(), "go", "build", "-o", scratch+"/", "github.com/diwanpanel/diwan/sdk/examples/hello") //nolint:gosec // G204: go with fixed arguments and a directory of our own
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", errors.New(err.Error() + ": " + string(out))
	}
	path := filepath.Join(shared, "hello")
	return path, os.Rename(filepath.Join(scratch, "hello"), path)
}
