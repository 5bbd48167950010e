package pluginhost

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/diwanpanel/diwan/core/internal/audit"
	"github.com/diwanpanel/diwan/core/internal/cache"
	"github.com/diwanpanel/diwan/core/internal/seal"
	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/sdk"
)

// EventsChannel is the pub/sub channel that plugin events are published on.
const EventsChannel = "events"

// maxKeyLen is the longest key or secret name a plugin may use, in bytes;
// it matches the width of the data_key column.
const maxKeyLen = 191

// hostService is the core's side of the Host contract for one plugin. Every
// call checks the permission the operator granted before it touches
// anything, and every key is namespaced by the plugin's id, so one plugin
// never reaches another's data.
type hostService struct {
	pluginID string
	granted  []string
	data     *store.PluginData
	secrets  *seal.Box
	events   cache.PubSub
	audit    *audit.Recorder
}

// newHostService returns the Host that the plugin pluginID receives, allowed
// the permissions in granted.
func newHostService(pluginID string, granted []string, data *store.PluginData, secrets *seal.Box,
	events cache.PubSub, audit *audit.Recorder,
) *hostService {
	return &hostService{
		pluginID: pluginID, granted: slices.Clone(granted),
		data: data, secrets: secrets, events: events, audit: audit,
	}
}

// allow returns an error wrapping sdk.ErrPermissionDenied unless perm was
// granted.
func (h *hostService) allow(perm string) error {
	if slices.Contains(h.granted, perm) {
		return nil
	}
	return fmt.Errorf("pluginhost: plugin %s was not granted %q: %w", h.pluginID, perm, sdk.ErrPermissionDenied)
}

// checkKey refuses an empty, too long or NUL-carrying key.
func checkKey(field, key string) error {
	switch {
	case key == "":
		return sdk.Invalid(field, "must not be empty")
	case len(key) > maxKeyLen:
		return sdk.Invalid(field, "is %d bytes long, at most %d allowed", len(key), maxKeyLen)
	case strings.ContainsRune(key, 0):
		return sdk.Invalid(field, "must not contain a NUL byte")
	}
	return nil
}

// get reads a value of space, reporting a missing one as false.
func (h *hostService) get(ctx context.Context, space, key string) ([]byte, bool, error) {
	v, err := h.data.Get(ctx, h.pluginID, space, key)
	if errors.Is(err, store.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("pluginhost: %w", err)
	}
	return v, true, nil
}

// KVGet returns the value stored under key, and false when there is none.
func (h *hostService) KVGet(ctx context.Context, key string) ([]byte, bool, error) {
	if err := h.allow(sdk.PermissionKV); err != nil {
		return nil, false, err
	}
	if err := checkKey("key", key); err != nil {
		return nil, false, err
	}
	return h.get(ctx, store.SpaceKV, key)
}

// KVPut stores value under key.
func (h *hostService) KVPut(ctx context.Context, key string, value []byte) error {
	if err := h.allow(sdk.PermissionKV); err != nil {
		return err
	}
	if err := checkKey("key", key); err != nil {
		return err
	}
	if err := h.data.Put(ctx, h.pluginID, store.SpaceKV, key, value); err != nil {
		return fmt.Errorf("pluginhost: %w", err)
	}
	return nil
}

// KVDelete removes key; a missing key is not an error.
func (h *hostService) KVDelete(ctx context.Context, key string) error {
	if err := h.allow(sdk.PermissionKV); err != nil {
		return err
	}
	if err := checkKey("key", key); err != nil {
		return err
	}
	if err := h.data.Delete(ctx, h.pluginID, store.SpaceKV, key); err != nil {
		return fmt.Errorf("pluginhost: %w", err)
	}
	return nil
}

// KVList returns the plugin's keys that start with prefix, sorted.
func (h *hostService) KVList(ctx context.Context, prefix string) ([]string, error) {
	if err := h.allow(sdk.PermissionKV); err != nil {
		return nil, err
	}
	if len(prefix) > maxKeyLen || strings.ContainsRune(prefix, 0) {
		return nil, sdk.Invalid("prefix", "must be at most %d bytes with no NUL byte", maxKeyLen)
	}
	keys, err := h.data.List(ctx, h.pluginID, store.SpaceKV, prefix)
	if err != nil {
		return nil, fmt.Errorf("pluginhost: %w", err)
	}
	return keys, nil
}

// secretRecord binds a sealed secret to its plugin and name, so that a
// sealed value copied to another row does not open.
func (h *hostService) secretRecord(name string) string {
	return "plugin:" + h.pluginID + ":secret:" + name
}

// SecretGet returns the secret stored under name, and false when there is
// none.
func (h *hostService) SecretGet(ctx context.Context, name string) ([]byte, bool, error) {
	if err := h.allow(sdk.PermissionSecrets); err != nil {
		return nil, false, err
	}
	if err := checkKey("name", name); err != nil {
		return nil, false, err
	}
	sealed, ok, err := h.get(ctx, store.SpaceSecret, name)
	if err != nil || !ok {
		return nil, false, err
	}
	plain, err := h.secrets.Open(string(sealed), h.secretRecord(name))
	if err != nil {
		return nil, false, fmt.Errorf("pluginhost: secret %q of plugin %s: %w", name, h.pluginID, err)
	}
	return plain, true, nil
}

// SecretPut stores value sealed under name.
func (h *hostService) SecretPut(ctx context.Context, name string, value []byte) error {
	if err := h.allow(sdk.PermissionSecrets); err != nil {
		return err
	}
	if err := checkKey("name", name); err != nil {
		return err
	}
	sealed := h.secrets.Seal(value, h.secretRecord(name))
	if err := h.data.Put(ctx, h.pluginID, store.SpaceSecret, name, []byte(sealed)); err != nil {
		return fmt.Errorf("pluginhost: %w", err)
	}
	return nil
}

// pluginEvent is the message published on EventsChannel.
type pluginEvent struct {
	Kind   string          `json:"kind"`
	Plugin string          `json:"plugin"`
	Data   json.RawMessage `json:"data"`
}

// PublishEvent publishes {"kind":"plugin.<kind>","plugin":<id>,"data":v}.
func (h *hostService) PublishEvent(ctx context.Context, kind string, v any) error {
	if err := h.allow(sdk.PermissionEventsPublish); err != nil {
		return err
	}
	if err := checkKey("kind", kind); err != nil {
		return err
	}
	data, err := json.Marshal(v)
	if err != nil {
		return sdk.Invalid("data", "cannot be encoded as JSON: %v", err)
	}
	msg, err := json.Marshal(pluginEvent{Kind: "plugin." + kind, Plugin: h.pluginID, Data: data})
	if err != nil {
		return sdk.Invalid("data", "is not valid JSON: %v", err)
	}
	if err := h.events.Publish(ctx, EventsChannel, msg); err != nil {
		return fmt.Errorf("pluginhost: publish event: %w", err)
	}
	return nil
}

// RecordAudit adds entry to the audit trail as done by the plugin.
func (h *hostService) RecordAudit(ctx context.Context, entry sdk.AuditEntry) error {
	if err := h.allow(sdk.PermissionAuditWrite); err != nil {
		return err
	}
	if err := checkKey("action", entry.Action); err != nil {
		return err
	}
	result := audit.ResultFailure
	if entry.Success {
		result = audit.ResultSuccess
	}
	h.audit.Record(ctx, store.AuditEntry{
		Actor: "plugin:" + h.pluginID, Via: "plugin",
		Action: entry.Action, Target: entry.Target, Result: result, Details: entry.Detail,
	})
	return nil
}

var _ sdk.Host = (*hostService)(nil)
