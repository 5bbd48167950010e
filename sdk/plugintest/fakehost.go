package plugintest

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/diwanpanel/diwan/sdk"
)

// Event is an event a plugin published.
type Event struct {
	Kind string
	JSON json.RawMessage
}

// FakeHost is an in-memory sdk.Host. Like the core, it refuses every call
// whose permission was not granted, with an error wrapping
// sdk.ErrPermissionDenied. It is safe for concurrent use.
type FakeHost struct {
	mu      sync.Mutex
	granted map[string]bool
	kv      map[string][]byte
	secrets map[string][]byte
	events  []Event
	audit   []sdk.AuditEntry
}

// NewFakeHost returns an empty FakeHost that grants nothing.
func NewFakeHost() *FakeHost {
	return &FakeHost{granted: map[string]bool{}, kv: map[string][]byte{}, secrets: map[string][]byte{}}
}

// Grant grants permissions, such as sdk.PermissionKV.
func (h *FakeHost) Grant(perms ...string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, p := range perms {
		h.granted[p] = true
	}
}

// Revoke withdraws permissions.
func (h *FakeHost) Revoke(perms ...string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, p := range perms {
		delete(h.granted, p)
	}
}

// KV returns a copy of the key-value store.
func (h *FakeHost) KV() map[string][]byte {
	h.mu.Lock()
	defer h.mu.Unlock()
	return maps.Clone(h.kv)
}

// Secrets returns a copy of the stored secrets.
func (h *FakeHost) Secrets() map[string][]byte {
	h.mu.Lock()
	defer h.mu.Unlock()
	return maps.Clone(h.secrets)
}

// Events returns the events published so far, oldest first.
func (h *FakeHost) Events() []Event {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.events)
}

// Audit returns the audit entries recorded so far, oldest first.
func (h *FakeHost) Audit() []sdk.AuditEntry {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.audit)
}

// allow refuses a call whose permission perm was not granted.
func (h *FakeHost) allow(perm string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.granted[perm] {
		return fmt.Errorf("%s: %w", perm, sdk.ErrPermissionDenied)
	}
	return nil
}

// KVGet returns the value under key.
func (h *FakeHost) KVGet(_ context.Context, key string) ([]byte, bool, error) {
	if err := h.allow(sdk.PermissionKV); err != nil {
		return nil, false, err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	v, ok := h.kv[key]
	return slices.Clone(v), ok, nil
}

// KVPut stores value under key.
func (h *FakeHost) KVPut(_ context.Context, key string, value []byte) error {
	if err := h.allow(sdk.PermissionKV); err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.kv[key] = slices.Clone(value)
	return nil
}

// KVDelete removes key.
func (h *FakeHost) KVDelete(_ context.Context, key string) error {
	if err := h.allow(sdk.PermissionKV); err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.kv, key)
	return nil
}

// KVList returns the keys under prefix, sorted.
func (h *FakeHost) KVList(_ context.Context, prefix string) ([]string, error) {
	if err := h.allow(sdk.PermissionKV); err != nil {
		return nil, err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	var keys []string
	for k := range h.kv {
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys, nil
}

// SecretGet returns the secret under name.
func (h *FakeHost) SecretGet(_ context.Context, name string) ([]byte, bool, error) {
	if err := h.allow(sdk.PermissionSecrets); err != nil {
		return nil, false, err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	v, ok := h.secrets[name]
	return slices.Clone(v), ok, nil
}

// SecretPut stores a secret.
func (h *FakeHost) SecretPut(_ context.Context, name string, value []byte) error {
	if err := h.allow(sdk.PermissionSecrets); err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.secrets[name] = slices.Clone(value)
	return nil
}

// PublishEvent records an event.
func (h *FakeHost) PublishEvent(_ context.Context, kind string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("publish event: %w", err)
	}
	if err := h.allow(sdk.PermissionEventsPublish); err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.events = append(h.events, Event{Kind: kind, JSON: data})
	return nil
}

// RecordAudit records an audit entry.
func (h *FakeHost) RecordAudit(_ context.Context, entry sdk.AuditEntry) error {
	if err := h.allow(sdk.PermissionAuditWrite); err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.audit = append(h.audit, entry)
	return nil
}

var _ sdk.Host = (*FakeHost)(nil)
