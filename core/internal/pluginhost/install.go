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

	"github.com/diwanpanel/diwan/sdk/protocol"

	"github.com/diwanpanel/diwan/core/internal/store"
)

// describeTimeout bounds how long a binary may take to print its manifest.
const describeTimeout = 10 * time.Second

// maxManifest bounds the manifest a binary may print.
const maxManifest = 1 << 20

var versionRE = regexp.MustCompile(`^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$`)

// Install verifies the binary at path, asks it for its manifest
// (`PATH -describe`, no shell, a minimal environment, a deadline) and
// registers it in the catalog, disabled, pinned to its SHA-256. Installing
// a known id again is an upgrade: the operator's choices are kept.
func Install(ctx context.Context, plugins *store.Plugins, path string) (store.Plugin, error) {
	sum, err := Verify(path, "")
	if err != nil {
		return store.Plugin{}, err
	}
	return register(ctx, plugins, path, sum)
}

// register describes the verified binary at path, whose checksum is sum,
// and registers it.
func register(ctx context.Context, plugins *store.Plugins, path, sum string) (store.Plugin, error) {
	id, err := describe(ctx, path)
	if err != nil {
		return store.Plugin{}, err
	}
	p := store.Plugin{ID: id.ID, Version: id.Version, BinaryPath: path, SHA256: sum, Manifest: id.raw, State: "registered"}
	if err := plugins.Register(ctx, &p); err != nil {
		return store.Plugin{}, err
	}
	return plugins.Get(ctx, p.ID)
}

// DescribeBinary verifies the binary at path (against the pinned checksum
// when pinned is not empty) and returns its checksum and the manifest it
// prints with -describe, as install reads it: no shell, a minimal
// environment, a deadline and a bounded output, the id and version checked.
func DescribeBinary(ctx context.Context, path, pinned string) (string, json.RawMessage, error) {
	sum, err := Verify(path, pinned)
	if err != nil {
		return "", nil, err
	}
	id, err := describe(ctx, path)
	if err != nil {
		return "", nil, err
	}
	return sum, json.RawMessage(id.raw), nil
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
	id, err := parseIdentity(out.Bytes())
	if err != nil {
		return identity{}, fmt.Errorf("pluginhost: %s -describe printed no manifest (is it a Diwan plugin?): %w", path, err)
	}
	if !protocol.ValidID(id.ID) {
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
