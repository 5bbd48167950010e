package control

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The socket is 0600 in a directory created 0700, and is removed at stop.
func TestSocketIsPrivateAndRemovedAtStop(t *testing.T) {
	p := newPanel(t)
	info, err := os.Lstat(p.path)
	if err != nil || info.Mode().Type() != fs.ModeSocket || info.Mode().Perm() != 0o600 {
		t.Fatalf("socket = %v, %v; want a socket, mode 0600", info.Mode(), err)
	}
	if dir, err := os.Stat(filepath.Dir(p.path)); err != nil || dir.Mode().Perm() != 0o700 {
		t.Fatalf("directory = %v, %v; want 0700", dir.Mode(), err)
	}
	p.srv.Stop()
	p.srv.Stop() // twice is fine
	if _, err := os.Lstat(p.path); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("socket left at stop: %v", err)
	}
	if _, err := p.client.List(context.Background()); !errors.Is(err, ErrNotRunning) || !strings.Contains(err.Error(), p.path) {
		t.Fatalf("after stop: %v; want ErrNotRunning naming %s", err, p.path)
	}
}

// A second panel refuses a socket that answers, and the first keeps it.
func TestSecondPanelRefusesALiveSocket(t *testing.T) {
	ctx := context.Background()
	p := newPanel(t)
	ln, err := Listen(ctx, p.path)
	if err == nil {
		_ = ln.Close()
	}
	if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), p.path) || !strings.Contains(err.Error(), "another panel is running") {
		t.Fatalf("second listen: %v", err)
	}
	if _, err := p.client.List(ctx); err != nil {
		t.Fatalf("the first panel lost its socket: %v", err)
	}
}

// A socket left by a panel that died (nobody answers) is replaced.
func TestStaleSocketIsReplaced(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "control.sock")
	dead, err := (&net.ListenConfig{}).Listen(ctx, "unix", path)
	if err != nil {
		t.Fatal(err)
	}
	dead.(*net.UnixListener).SetUnlinkOnClose(false)
	_ = dead.Close()
	if _, err := NewClient(path).List(ctx); !errors.Is(err, ErrNotRunning) {
		t.Fatalf("a stale socket: %v; want ErrNotRunning", err)
	}
	p := newPanelAt(t, path)
	if list, err := p.client.List(ctx); err != nil || len(list) != 1 {
		t.Fatalf("on the replaced socket: %+v, %v", list, err)
	}
}

// Listen never removes a file that is not a socket, and names what is wrong.
func TestListenRefusesBadPaths(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "control.sock")
	if err := os.WriteFile(file, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	long := "/tmp/" + strings.Repeat("d", 110) + "/control.sock"
	for path, want := range map[string]string{file: "is not a socket", long: "holds at most 107", "": "no socket path"} {
		if ln, err := Listen(ctx, path); err == nil || !strings.Contains(err.Error(), want) {
			if ln != nil {
				_ = ln.Close()
			}
			t.Errorf("Listen(%q) = %v; want %q", path, err, want)
		}
	}
	if body, err := os.ReadFile(file); err != nil || string(body) != "keep me" {
		t.Fatalf("the file was touched: %q, %v", body, err)
	}
}

// The server closes, and removes its socket, when its context ends; it
// needs its dependencies.
func TestServerStopsWithItsContext(t *testing.T) {
	p := newPanel(t)
	p.cancel()
	deadline := time.Now().Add(10 * time.Second)
	for _, err := os.Lstat(p.path); !errors.Is(err, fs.ErrNotExist); _, err = os.Lstat(p.path) {
		if time.Now().After(deadline) {
			t.Fatalf("socket left after the context ended: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := Start(context.Background(), p.path, Deps{}); err == nil || !strings.Contains(err.Error(), "Deps.Plugins") {
		t.Fatalf("Start without dependencies: %v", err)
	}
}
