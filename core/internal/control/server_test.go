package control

import (
	"context"
	"errors"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/audit"
	"github.com/diwanpanel/diwan/core/internal/pluginhost"
	"github.com/diwanpanel/diwan/core/internal/store"
)

// Enable, restart, logs and disable act on the real manager through the
// socket, and every change is audited with the caller's uid and pid.
func TestPluginLifecycleOverTheSocket(t *testing.T) {
	ctx := context.Background()
	p := newPanel(t)
	actor := "cli (uid " + strconv.Itoa(os.Geteuid()) + ")"
	pid := "pid " + strconv.Itoa(os.Getpid())

	st, err := p.client.Enable(ctx, "hello")
	if err != nil || !st.Enabled || !st.Running || !slices.Equal(st.Permissions, []string{"kv"}) {
		t.Fatalf("enable = %+v, %v", st, err)
	}
	if e := p.lastAudit(t); e.Action != "plugin.enable" || e.Target != "id=hello" || e.Result != audit.ResultSuccess ||
		e.Actor != actor || e.Via != "cli" || !strings.HasPrefix(e.Details, pid) {
		t.Fatalf("enable audit = %+v", e)
	}
	if st, err = p.client.Restart(ctx, "hello"); err != nil || !st.Running || st.State != pluginhost.StateRunning {
		t.Fatalf("restart = %+v, %v", st, err)
	}
	if e := p.lastAudit(t); e.Action != "plugin.restart" || e.Result != audit.ResultSuccess {
		t.Fatalf("restart audit = %+v", e)
	}
	all, err := p.client.Logs(ctx, "hello", 0)
	if err != nil || all == nil {
		t.Fatalf("logs = %v, %v", all, err)
	}
	if one, err := p.client.Logs(ctx, "hello", 1); err != nil || len(one) > 1 || (len(all) > 0 && one[0] != all[len(all)-1]) {
		t.Fatalf("logs --lines 1 = %q, %v (all %q)", one, err, all)
	}
	if st, err = p.client.Disable(ctx, "hello"); err != nil || st.Enabled || st.Running {
		t.Fatalf("disable = %+v, %v", st, err)
	}
	if _, err := p.client.Restart(ctx, "hello"); !errors.Is(err, pluginhost.ErrUnavailable) || !strings.Contains(err.Error(), "enable it first") {
		t.Fatalf("restart of a disabled plugin: %v", err)
	}
	if e := p.lastAudit(t); e.Action != "plugin.restart" || e.Result != audit.ResultFailure || e.Status != http.StatusServiceUnavailable {
		t.Fatalf("failed restart audit = %+v", e)
	}
	list, err := p.client.List(ctx)
	if err != nil || len(list) != 1 || list[0].ID != "hello" || list[0].Enabled {
		t.Fatalf("list = %+v, %v", list, err)
	}
	if got, err := p.client.Get(ctx, "hello"); err != nil || got.BinaryPath != list[0].BinaryPath || got.SHA256 == "" {
		t.Fatalf("get = %+v, %v", got, err)
	}
}

// An unknown plugin is a 404 naming it, audited as a failure, and changes
// nothing.
func TestUnknownPluginIsNotFound(t *testing.T) {
	ctx := context.Background()
	p := newPanel(t)
	calls := map[string]func() error{
		"enable":  func() error { _, err := p.client.Enable(ctx, "nope"); return err },
		"disable": func() error { _, err := p.client.Disable(ctx, "nope"); return err },
		"restart": func() error { _, err := p.client.Restart(ctx, "nope"); return err },
		"logs":    func() error { _, err := p.client.Logs(ctx, "nope", 0); return err },
		"get":     func() error { _, err := p.client.Get(ctx, "nope"); return err },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			err := call()
			var e *Error
			if !errors.As(err, &e) || e.Status != http.StatusNotFound || !errors.Is(err, store.ErrNotFound) ||
				err.Error() != "plugin nope is not installed" {
				t.Fatalf("%s nope: %v", name, err)
			}
		})
	}
	if e := p.lastAudit(t); e.Target != "id=nope" || e.Result != audit.ResultFailure || !strings.HasSuffix(e.Details, "not_found") {
		t.Fatalf("audit of an unknown plugin = %+v", e)
	}
	if st, err := p.client.Get(ctx, "hello"); err != nil || st.Enabled {
		t.Fatalf("hello changed: %+v, %v", st, err)
	}
}

// Bad input is a 400 naming the field; an unknown route is a JSON 404.
func TestBadRequestsNameTheField(t *testing.T) {
	ctx := context.Background()
	p := newPanel(t)
	cases := []struct {
		method, path string
		status       int
		want         string
	}{
		{"POST", "/plugins/Hello/enable", 400, `id: "Hello" is not a plugin id`},
		{"GET", "/plugins/a/logs", 400, `id: "a" is not a plugin id`},
		{"GET", "/plugins/hello/logs?lines=0", 400, "lines: want a whole number from 1 to 10000"},
		{"GET", "/plugins/hello/logs?lines=many", 400, "lines:"},
		{"GET", "/plugins/hello/logs?lines=10001", 400, "lines:"},
		{"POST", "/plugins/hello/uninstall", 404, "no such route: POST /plugins/hello/uninstall"},
	}
	for _, tc := range cases {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			err := p.client.do(ctx, tc.method, tc.path, &struct{}{})
			var e *Error
			if !errors.As(err, &e) || e.Status != tc.status || !strings.Contains(e.Message, tc.want) {
				t.Fatalf("= %v (%+v); want %d naming %q", err, e, tc.status, tc.want)
			}
		})
	}
	if st, err := p.client.Get(ctx, "hello"); err != nil || st.Enabled {
		t.Fatalf("a bad request changed hello: %+v, %v", st, err)
	}
}
