package pluginhost

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"time"

	"github.com/diwanpanel/diwan/core/internal/store"
)

// describeTimeout bounds how long a binary may take to print its manifest.
const describeTimeout = 10 * time.Second

// maxManifest bounds the manifest a binary may print.
const maxManifest = 1 << 20

var (
	pluginIDRE = regexp.MustCompile(`^[a-z][a-z0-9-]{1,31}$`)
	versionRE  = regexp.MustCompile(`^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$`)
)

// identity is the part of the manifest that install and enable need; the
// rest comes from Describe when the plugin starts.
type identity struct {
	ID          string `json:"id"`
	Version     string `json:"version"`
	Permissions []struct {
		Name string `json:"name"`
	} `json:"permissions"`
}

// permissions lists the names of the permissions the manifest asks for.
func (id identity) permissions() []string {
	out := make([]string, 0, len(id.Permissions))
	for _, p := range id.Permissions {
		out = append(out, p.Name)
	}
	return out
}

// Install verifies the binary at path, asks it for its manifest
// (`PATH -describe`, no shell, a minimal environment, a deadline) and
// registers it in the catalog, disabled, pinned to its SHA-256. Installing
// a known id again is an upgrade: the operator's choices are kept.
func Install(ctx context.Context, plugins *store.Plugins, path string) (store.Plugin, error) {
	sum, err := Verify(path, "")
	if err != nil {
		return store.Plugin{}, err
	}
	id, err := describe(ctx, path)
	if err != nil {
		return store.Plugin{}, err
	}
	p := store.Plugin{ID: id.ID, Version: id.Version, BinaryPath: path, SHA256: sum, State: "registered"}
	if err := plugins.Register(ctx, &p); err != nil {
		return store.Plugin{}, err
	}
	return plugins.Get(ctx, p.ID)
}

// describe runs the binary with -describe and reads its identity.
func describe(ctx context.Context, path string) (identity, error) {
	ctx, cancel := context.WithTimeout(ctx, describeTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "-describe")
	cmd.Env = []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin"}
	var out, errOut limitedBuffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return identity{}, fmt.Errorf("pluginhost: %s -describe did not answer within %s", path, describeTimeout)
		}
		return identity{}, fmt.Errorf("pluginhost: %s -describe failed: %w: %s", path, err, errOut.String())
	}
	var id identity
	if err := json.Unmarshal(out.Bytes(), &id); err != nil {
		return identity{}, fmt.Errorf("pluginhost: %s -describe printed no manifest (is it a Diwan plugin?): %w", path, err)
	}
	if !pluginIDRE.MatchString(id.ID) {
		return identity{}, fmt.Errorf("pluginhost: manifest id %q: want 2 to 32 characters: lowercase letters, digits and '-', starting with a letter", id.ID)
	}
	if !versionRE.MatchString(id.Version) {
		return identity{}, fmt.Errorf("pluginhost: manifest version %q: want a semantic version such as 1.2.3", id.Version)
	}
	return id, nil
}

// limitedBuffer keeps at most maxManifest bytes and drops the rest.
type limitedBuffer struct{ bytes.Buffer }

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := maxManifest - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
