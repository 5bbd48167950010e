package pluginhost

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hashicorp/go-hclog"

	"github.com/diwanpanel/diwan/core/internal/tasks"
)

// The built-in plugin directory is registered at start: new binaries
// disabled, unchanged ones left alone, a changed one pinned again with the
// operator's choices kept, and files that are not safe plugins skipped.
func TestRegisterBuiltins(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	m := NewManager(d.st.Plugins(), newSupervisor(t, d, testOptions()), tasks.NewManager(d.st.Tasks(), d.events), hclog.NewNullLogger())
	dir := filepath.Join(t.TempDir(), "plugins")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	hello, err := os.ReadFile(builtPlugin(t, "hello"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "hello"), hello, 0o755)
	writeFile(t, filepath.Join(dir, "notes.txt"), []byte("not a plugin"), 0o644)
	writeFile(t, filepath.Join(dir, "writable"), hello, 0o777)

	if ids := m.RegisterBuiltins(ctx, dir); !slices.Equal(ids, []string{"hello"}) {
		t.Fatalf("registered %v, want [hello]", ids)
	}
	st, err := m.Get(ctx, "hello")
	if err != nil || st.Enabled || st.Activation != "on-demand" || st.BinaryPath != filepath.Join(dir, "hello") {
		t.Fatalf("hello = %+v, %v", st, err)
	}
	if list, _ := m.List(ctx); len(list) != 1 {
		t.Fatalf("catalog has %d entries, want only hello", len(list))
	}
	if ids := m.RegisterBuiltins(ctx, dir); len(ids) != 0 {
		t.Fatalf("an unchanged directory registered %v again", ids)
	}

	if _, err := m.Enable(ctx, "hello"); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Disable(ctx, "hello"); err != nil {
		t.Fatal(err)
	}
	p, _ := d.st.Plugins().Get(ctx, "hello")
	p.Enabled, p.Settings = true, `{"greeting":"Ahlan"}`
	if err := d.st.Plugins().Update(ctx, &p, "enabled", "settings"); err != nil {
		t.Fatal(err)
	}
	// An upgraded binary: the same plugin, other bytes (an ELF file runs with
	// data appended).
	writeFile(t, filepath.Join(dir, "hello"), append(hello, []byte("upgrade")...), 0o755)
	if ids := m.RegisterBuiltins(ctx, dir); !slices.Equal(ids, []string{"hello"}) {
		t.Fatalf("after the upgrade registered %v", ids)
	}
	up, _ := d.st.Plugins().Get(ctx, "hello")
	if up.SHA256 == p.SHA256 || !up.Enabled || up.Settings != p.Settings {
		t.Fatalf("upgrade: sha %s → %s, enabled %t, settings %s", p.SHA256, up.SHA256, up.Enabled, up.Settings)
	}
	if _, err := m.ListResources(ctx, "hello", "greeting", pageOf(1)); err != nil {
		t.Fatalf("the upgraded plugin does not start: %v", err)
	}
	if ids := m.RegisterBuiltins(ctx, filepath.Join(dir, "missing")); len(ids) != 0 {
		t.Fatalf("a missing directory registered %v", ids)
	}
}

func writeFile(t *testing.T, path string, data []byte, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, data, mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // past the umask
		t.Fatal(err)
	}
}
