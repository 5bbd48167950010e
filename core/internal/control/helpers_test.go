package control

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/diwanpanel/diwan/core/internal/audit"
	"github.com/diwanpanel/diwan/core/internal/cache"
	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/control/controltest"
	"github.com/diwanpanel/diwan/core/internal/pluginhost"
	"github.com/diwanpanel/diwan/core/internal/seal"
	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/core/internal/store/storetest"
	"github.com/diwanpanel/diwan/core/internal/tasks"
)

// panel is a real plugin manager over a fresh SQLite store, with the hello
// plugin installed (disabled), served on a control socket.
type panel struct {
	st     *store.Store
	audit  *audit.Recorder
	srv    *Server
	client *Client
	path   string
	// cancel ends the context the server runs in.
	cancel context.CancelFunc
}

// newPanel starts a panel's control socket in a fresh directory; it stops
// when the test ends.
func newPanel(t testing.TB) *panel {
	t.Helper()
	return newPanelAt(t, filepath.Join(t.TempDir(), "run", "control.sock"))
}

// newPanelAt is newPanel with its socket at path.
func newPanelAt(t testing.TB, path string) *panel {
	t.Helper()
	st := storetest.Open(t, config.SQLite)
	box, err := seal.New(bytes.Repeat([]byte("k"), 32), "plugin-secrets")
	if err != nil {
		t.Fatal(err)
	}
	events := cache.NewMemory()
	t.Cleanup(func() { _ = events.Close() })
	rec := audit.NewRecorder(st.Audit(), hclog.NewNullLogger())
	sup := pluginhost.NewSupervisor(st.Plugins(), pluginhost.HostDeps{Data: st.PluginData(), Secrets: box, Events: events, Audit: rec},
		pluginhost.Options{StartTimeout: 10 * time.Second, StopGrace: time.Second})
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		sup.StopAll(ctx)
	})
	m := pluginhost.NewManager(st.Plugins(), sup, tasks.NewManager(st.Tasks(), events), hclog.NewNullLogger())
	if _, err := pluginhost.Install(context.Background(), st.Plugins(), controltest.Hello(t)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := Start(ctx, path, Deps{Plugins: m, Audit: rec})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); srv.Stop() })
	return &panel{st: st, audit: rec, srv: srv, client: NewClient(path), path: path, cancel: cancel}
}

// lastAudit returns the newest audit entry.
func (p *panel) lastAudit(t testing.TB) store.AuditEntry {
	t.Helper()
	list, err := p.audit.Query(context.Background(), store.AuditFilter{Limit: 1})
	if err != nil || len(list) != 1 {
		t.Fatalf("audit = %+v, %v", list, err)
	}
	return list[0]
}
