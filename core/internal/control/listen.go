package control

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// ErrInUse means another panel answers on the control socket.
var ErrInUse = errors.New("control: another panel is running")

// maxSocketPath is the longest path a Unix socket address holds on Linux
// (sun_path, 108 bytes, less its terminating NUL).
const maxSocketPath = 107

// probeTimeout bounds the check for a panel already answering on the path.
const probeTimeout = time.Second

// Listen opens the control socket at path. It creates the parent directory
// (mode 0700) when missing. A socket file that nobody answers on is left
// over from a panel that died and is replaced; one that answers belongs to
// a running panel, and Listen refuses with ErrInUse, changing nothing. It
// never removes a file that is not a socket. The socket is made mode 0600,
// and closing the listener removes the file.
func Listen(ctx context.Context, path string) (net.Listener, error) {
	if path == "" {
		return nil, errors.New("control: no socket path")
	}
	if len(path) > maxSocketPath {
		return nil, fmt.Errorf("control: socket path %s is %d bytes; a Unix socket path holds at most %d", path, len(path), maxSocketPath)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("control: %w", err)
	}
	if err := removeStale(ctx, path); err != nil {
		return nil, err
	}
	ln, err := (&net.ListenConfig{}).Listen(ctx, "unix", path)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("%w: %s was taken while this panel started", ErrInUse, path)
	}
	if err != nil {
		return nil, fmt.Errorf("control: %w", err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		_ = ln.Close()
		return nil, fmt.Errorf("control: %w", err)
	}
	return ln, nil
}

// removeStale removes a socket file at path that nothing answers on.
func removeStale(ctx context.Context, path string) error {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("control: %w", err)
	}
	if info.Mode().Type() != fs.ModeSocket {
		return fmt.Errorf("control: %s exists and is not a socket: remove it or set another server.control_socket", path)
	}
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	conn, err := (&net.Dialer{}).DialContext(ctx, "unix", path)
	if err == nil {
		_ = conn.Close()
		return fmt.Errorf("%w: it answers on %s; stop it first, or give this one another server.control_socket", ErrInUse, path)
	}
	if !errors.Is(err, syscall.ECONNREFUSED) {
		return fmt.Errorf("control: cannot tell whether a panel answers on %s: %w", path, err)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("control: remove the stale socket: %w", err)
	}
	return nil
}
