package pluginhost

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// RegisterBuiltins registers the plugin binaries of dir (Options.BuiltinDir),
// in parallel: a new one is installed disabled, and one whose binary
// changed, such as after an upgrade of the panel, is registered again with
// its new checksum, keeping the operator's choices. The directory is part
// of the panel's installation and trusted like the core's own binary; it
// must pass the same checks as any plugin (owned by root or the panel's
// user, not writable by others). A binary that fails them, or does not
// describe itself, is logged and skipped. It returns the ids registered or
// updated.
func (m *Manager) RegisterBuiltins(ctx context.Context, dir string) []string {
	if dir == "" {
		return nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		m.log.Warn("plugins.dir", "error", err)
		return nil
	}
	files, err := os.ReadDir(abs)
	if errors.Is(err, fs.ErrNotExist) {
		m.log.Debug("no built-in plugin directory", "dir", abs)
		return nil
	}
	if err != nil {
		m.log.Warn("cannot read the built-in plugin directory", "dir", abs, "error", err)
		return nil
	}
	known, err := m.pinnedPaths(ctx)
	if err != nil {
		m.log.Error("cannot read the plugin catalog", "error", err)
		return nil
	}
	var (
		mu  sync.Mutex
		ids []string
		wg  sync.WaitGroup
	)
	for _, f := range files {
		if strings.HasPrefix(f.Name(), ".") || !f.Type().IsRegular() {
			continue
		}
		path := filepath.Join(abs, f.Name())
		wg.Go(func() {
			if id := m.registerBuiltin(ctx, path, known[path]); id != "" {
				mu.Lock()
				ids = append(ids, id)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return ids
}

// pinnedPaths maps each catalog entry's binary path to its checksum.
func (m *Manager) pinnedPaths(ctx context.Context) (map[string]string, error) {
	list, err := m.plugins.List(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(list))
	for _, p := range list {
		out[p.BinaryPath] = p.SHA256
	}
	return out, nil
}

// registerBuiltin registers the binary at path unless it is pinned as it
// is, and returns its id when it did.
func (m *Manager) registerBuiltin(ctx context.Context, path, pinned string) string {
	sum, err := Verify(path, "")
	if err != nil {
		m.log.Warn("built-in plugin skipped", "path", path, "error", err)
		return ""
	}
	if sum == pinned {
		return ""
	}
	p, err := register(ctx, m.plugins, path, sum)
	if err != nil {
		m.log.Warn("built-in plugin skipped", "path", path, "error", err)
		return ""
	}
	if pinned == "" {
		m.log.Info("registered built-in plugin (disabled)", "plugin", p.ID, "version", p.Version)
	} else {
		m.log.Info("built-in plugin binary changed; pinned the new one", "plugin", p.ID, "version", p.Version, "sha256", sum)
	}
	return p.ID
}
