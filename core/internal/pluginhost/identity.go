package pluginhost

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/diwanpanel/diwan/core/internal/store"
)

// Activation values of a manifest, as `-describe` prints them.
const (
	activationAlways   = "ACTIVATION_ALWAYS"
	activationOnDemand = "ACTIVATION_ON_DEMAND"
)

// identity is the part of a plugin's manifest the core acts on before the
// plugin runs: who it is, what it asks for, when it runs and what the
// scheduler must wake it for. raw is the whole manifest, compacted, as the
// catalog keeps it.
type identity struct {
	ID          string `json:"id"`
	Version     string `json:"version"`
	Activation  string `json:"activation"`
	Permissions []struct {
		Name string `json:"name"`
	} `json:"permissions"`
	Schedules []Schedule `json:"schedules"`

	raw string
}

// Schedule is an action the core's scheduler invokes at the times of its
// five-field cron expression (UTC).
type Schedule struct {
	Name   string `json:"name"`
	Cron   string `json:"cron"`
	Action string `json:"action"`
	// Input is the action's input; `-describe` prints it base64-encoded.
	Input []byte `json:"input_json"`
}

// parseIdentity reads a manifest as `-describe` prints it.
func parseIdentity(manifest []byte) (identity, error) {
	var id identity
	if err := json.Unmarshal(manifest, &id); err != nil {
		return identity{}, err
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, manifest); err != nil {
		return identity{}, err
	}
	id.raw = buf.String()
	return id, nil
}

// entryIdentity reads the manifest a catalog entry keeps; an entry from
// before manifests were kept has only its id.
func entryIdentity(p store.Plugin) (identity, error) {
	if p.Manifest == "" {
		return identity{ID: p.ID}, nil
	}
	id, err := parseIdentity([]byte(p.Manifest))
	if err != nil {
		return identity{}, fmt.Errorf("pluginhost: manifest of plugin %s: %w", p.ID, err)
	}
	return id, nil
}

// onDemand reports whether the plugin is started at its first call rather
// than with the core. A manifest that does not say is kept running.
func (id identity) onDemand() bool { return id.Activation == activationOnDemand }

// permissions lists the names of the permissions the manifest asks for.
func (id identity) permissions() []string {
	out := make([]string, 0, len(id.Permissions))
	for _, p := range id.Permissions {
		out = append(out, p.Name)
	}
	return out
}
