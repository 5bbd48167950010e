package control

import (
	"context"
	"errors"
	"fmt"
	"net"

	"golang.org/x/sys/unix"
)

// peerKey keys the connection's peer in a request's context.
type peerKey struct{}

// peer is who is on the other end of a connection, from SO_PEERCRED.
type peer struct {
	uid uint32
	pid int32
	err error
}

// withPeer is http.Server's ConnContext: it reads the peer's credentials
// once per connection.
func withPeer(ctx context.Context, c net.Conn) context.Context {
	var p peer
	p.uid, p.pid, p.err = peerCred(c)
	return context.WithValue(ctx, peerKey{}, p)
}

// peerOf returns the peer that withPeer stored.
func peerOf(ctx context.Context) peer {
	p, ok := ctx.Value(peerKey{}).(peer)
	if !ok {
		return peer{err: errors.New("no peer credentials")}
	}
	return p
}

// peerCred reads the uid and pid of the process on the other end of a Unix
// socket connection, as the kernel recorded them at connect.
func peerCred(c net.Conn) (uint32, int32, error) {
	uc, ok := c.(*net.UnixConn)
	if !ok {
		return 0, 0, fmt.Errorf("control: %T is not a Unix socket connection", c)
	}
	raw, err := uc.SyscallConn()
	if err != nil {
		return 0, 0, fmt.Errorf("control: peer credentials: %w", err)
	}
	var cred *unix.Ucred
	var credErr error
	if err := raw.Control(func(fd uintptr) {
		cred, credErr = unix.GetsockoptUcred(int(fd), unix.SOL_SOCKET, unix.SO_PEERCRED)
	}); err != nil {
		return 0, 0, fmt.Errorf("control: peer credentials: %w", err)
	}
	if credErr != nil {
		return 0, 0, fmt.Errorf("control: peer credentials: %w", credErr)
	}
	return cred.Uid, cred.Pid, nil
}

// checkPeer allows root and the panel's own user (uid self), and refuses
// everyone else with an error naming both.
func checkPeer(uid uint32, self int) error {
	if uid == 0 || int64(uid) == int64(self) {
		return nil
	}
	return fmt.Errorf("uid %d may not control this panel: only root and the panel's user (uid %d) may", uid, self)
}
