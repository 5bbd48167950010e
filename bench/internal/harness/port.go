package harness

import (
	"context"
	"fmt"
	"net"
)

// FreeLoopbackAddr returns "127.0.0.1:PORT" for a TCP port that was free
// when it was picked. Another process may take the port before the caller
// listens on it; the window is short on a quiet machine.
func FreeLoopbackAddr(ctx context.Context) (string, error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("free port: %w", err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		return "", fmt.Errorf("free port: %w", err)
	}
	return addr, nil
}
