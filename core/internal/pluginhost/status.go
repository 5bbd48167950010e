package pluginhost

import (
	"encoding/json"
	"time"

	"github.com/diwanpanel/diwan/core/internal/store"
)

// Status is what the operator sees of one installed plugin: its catalog
// entry, the permissions granted to it, its manifest, and whether it runs.
type Status struct {
	ID          string    `json:"id"`
	Version     string    `json:"version"`
	BinaryPath  string    `json:"binary_path"`
	SHA256      string    `json:"sha256"`
	Enabled     bool      `json:"enabled"`
	State       string    `json:"state" doc:"registered, starting, running, degraded, restarting, idle, stopped or failed"`
	LastError   string    `json:"last_error" doc:"why the plugin last failed or restarted, empty when it runs"`
	Activation  string    `json:"activation" doc:"always (runs with the panel) or on-demand (started at its first call, stopped when idle)"`
	Permissions []string  `json:"permissions" doc:"the permissions granted to the plugin"`
	Running     bool      `json:"running"`
	InstalledAt time.Time `json:"installed_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	// Manifest is the plugin's manifest as it describes itself: names,
	// settings schema, resource kinds, actions, views and schedules.
	Manifest json.RawMessage `json:"manifest" doc:"the plugin's manifest (JSON, as the plugin's -describe prints it)"`
}

func (m *Manager) status(p store.Plugin) Status {
	granted := []string{}
	_ = json.Unmarshal([]byte(p.Granted), &granted)
	manifest := json.RawMessage("null")
	if p.Manifest != "" {
		manifest = json.RawMessage(p.Manifest)
	}
	activation := "always"
	if id, err := entryIdentity(p); err == nil && id.onDemand() {
		activation = "on-demand"
	}
	_, err := m.sup.Client(p.ID)
	return Status{
		ID: p.ID, Version: p.Version, BinaryPath: p.BinaryPath, SHA256: p.SHA256, Enabled: p.Enabled,
		State: p.State, LastError: p.LastError, Activation: activation, Permissions: granted,
		Running: err == nil, InstalledAt: p.InstalledAt, UpdatedAt: p.UpdatedAt, Manifest: manifest,
	}
}
