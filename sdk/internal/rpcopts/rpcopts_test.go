package rpcopts_test

import (
	"bytes"
	"context"
	"net"
	"path/filepath"
	"sync"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	"google.golang.org/grpc/health/grpc_health_v1"

	"github.com/diwanpanel/diwan/sdk/internal/rpcopts"
)

// recorder keeps the bytes that the server's side of each connection reads
// and writes.
type recorder struct {
	mu          sync.Mutex
	read, wrote bytes.Buffer
}

type recordedConn struct {
	net.Conn
	r *recorder
}

func (c recordedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.r.mu.Lock()
	c.r.read.Write(p[:n])
	c.r.mu.Unlock()
	return n, err
}

func (c recordedConn) Write(p []byte) (int, error) {
	c.r.mu.Lock()
	c.r.wrote.Write(p)
	c.r.mu.Unlock()
	return c.Conn.Write(p)
}

type recordingListener struct {
	net.Listener
	r *recorder
}

func (l recordingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return recordedConn{c, l.r}, nil
}

// pings counts the HTTP/2 PING frames in b, a stream of frames (after the
// client's preface, when b is what the server read).
func pings(t *testing.T, b []byte) int {
	t.Helper()
	b = bytes.TrimPrefix(b, []byte("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"))
	n := 0
	for len(b) >= 9 {
		length := int(b[0])<<16 | int(b[1])<<8 | int(b[2])
		if b[3] == 0x6 { // PING
			n++
		}
		if len(b) < 9+length {
			t.Fatalf("a frame of %d bytes is cut short", length)
		}
		b = b[9+length:]
	}
	return n
}

// exchange makes calls health checks from a client dialled with dial to a
// server from newServer over a Unix socket, and returns the PING frames
// that each side sent meanwhile.
func exchange(t *testing.T, newServer func([]grpc.ServerOption) *grpc.Server, dial []grpc.DialOption, calls int) (fromClient, fromServer int) {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "s.sock")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	srv := newServer(nil)
	grpc_health_v1.RegisterHealthServer(srv, health.NewServer())
	go func() { _ = srv.Serve(recordingListener{ln, rec}) }()
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient("unix://"+sock, append(dial, grpc.WithTransportCredentials(insecure.NewCredentials()))...)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	client := grpc_health_v1.NewHealthClient(conn)
	for range calls {
		if _, err := client.Check(context.Background(), &grpc_health_v1.HealthCheckRequest{}); err != nil {
			t.Fatal(err)
		}
	}
	// Counted before the connection closes, which may add a PING to GOAWAY.
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return pings(t, rec.read.Bytes()), pings(t, rec.wrote.Bytes())
}

func TestOptionsSendNoPingsPerCall(t *testing.T) {
	if c, s := exchange(t, rpcopts.NewServer, rpcopts.DialOptions(), 50); c != 0 || s != 0 {
		t.Fatalf("50 calls sent %d PINGs from the client and %d from the server; want none", c, s)
	}
}

// TestDefaultsSendPings shows that the test above can fail: gRPC's default
// flow control sends bandwidth-estimation PINGs as calls go.
func TestDefaultsSendPings(t *testing.T) {
	newServer := func(opts []grpc.ServerOption) *grpc.Server { return grpc.NewServer(opts...) }
	c, s := exchange(t, newServer, nil, 50)
	if c+s == 0 {
		t.Fatal("50 calls with gRPC's defaults sent no PING; the counting is broken")
	}
	t.Logf("50 calls with gRPC's defaults: %d PINGs from the client, %d from the server", c, s)
}
