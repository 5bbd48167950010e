package control

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/audit"
)

func TestCheckPeerAllowsRootAndThePanelsUser(t *testing.T) {
	cases := []struct {
		uid  uint32
		self int
		ok   bool
	}{
		{0, 0, true},
		{0, 1000, true},
		{1000, 1000, true},
		{1001, 1000, false},
		{1000, 0, false},
		{65534, 0, false},
	}
	for _, tc := range cases {
		err := checkPeer(tc.uid, tc.self)
		if (err == nil) != tc.ok {
			t.Errorf("checkPeer(%d, %d) = %v; want allowed %t", tc.uid, tc.self, err, tc.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "uid "+strconv.FormatUint(uint64(tc.uid), 10)) {
			t.Errorf("checkPeer(%d, %d) = %q; does not name the uid", tc.uid, tc.self, err)
		}
	}
}

// The kernel's record of a real connection names this process.
func TestPeerCredOfARealConnection(t *testing.T) {
	ctx := context.Background()
	ln, err := (&net.ListenConfig{}).Listen(ctx, "unix", filepath.Join(t.TempDir(), "p.sock"))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := (&net.Dialer{}).DialContext(ctx, "unix", ln.Addr().String())
		if err == nil {
			defer c.Close()
			_, _ = c.Read(make([]byte, 1))
		}
	}()
	c, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	uid, pid, err := peerCred(c)
	if err != nil || int(uid) != os.Geteuid() || int(pid) != os.Getpid() {
		t.Fatalf("peerCred = uid %d pid %d, %v; want uid %d pid %d", uid, pid, err, os.Geteuid(), os.Getpid())
	}
	if _, _, err := peerCred(&net.TCPConn{}); err == nil {
		t.Fatal("a TCP connection has no peer credentials, yet peerCred answered")
	}
}

// nobody is the uid that TestAnotherUserIsRefused connects as.
const nobody = 65534

// A process of another user that gets past the file mode (here the test
// opens it up) is still refused by the peer-credential check, the refusal
// is audited, and nothing changes.
func TestAnotherUserIsRefused(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to run a process as another user")
	}
	dir, err := os.MkdirTemp("", "diwan-peer-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	p := newPanelAt(t, filepath.Join(dir, "control.sock"))
	self, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	helper := filepath.Join(dir, "helper")
	for _, step := range []error{
		os.WriteFile(helper, self, 0o755),
		os.Chmod(dir, 0o755),
		os.Chmod(p.path, 0o777),
	} {
		if step != nil {
			t.Fatal(step)
		}
	}
	cmd := exec.CommandContext(context.Background(), helper, "-test.run=^TestPeerHelper$")
	cmd.Dir, cmd.Env = "/", []string{"DIWAN_PEER_HELPER_SOCKET=" + p.path}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	out, err := cmd.CombinedOutput()
	want := "answer: 403 forbidden: uid 65534 may not control this panel"
	if err != nil || !strings.Contains(string(out), want) {
		t.Fatalf("as uid %d: %v\n%s\nwant %q", nobody, err, out, want)
	}
	if e := p.lastAudit(t); e.Result != audit.ResultDenied || e.Actor != "cli (uid 65534)" || e.Action != "plugin.enable" || e.Target != "id=hello" {
		t.Fatalf("the refusal was not audited: %+v", e)
	}
	if st, err := p.client.Get(context.Background(), "hello"); err != nil || st.Enabled {
		t.Fatalf("a refused caller changed hello: %+v, %v", st, err)
	}
}

// TestPeerHelper is the process TestAnotherUserIsRefused runs as nobody.
func TestPeerHelper(t *testing.T) {
	path := os.Getenv("DIWAN_PEER_HELPER_SOCKET")
	if path == "" {
		t.Skip("run by TestAnotherUserIsRefused")
	}
	_, err := NewClient(path).Enable(context.Background(), "hello")
	var e *Error
	if errors.As(err, &e) {
		fmt.Printf("answer: %d %s: %s\n", e.Status, e.Code, e.Message)
		return
	}
	fmt.Printf("no answer: %v\n", err)
}
