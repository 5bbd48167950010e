package sdk

import (
	"context"
	"encoding/json"
	"fmt"

	pluginv1 "github.com/diwanpanel/diwan/proto/panel/plugin/v1"
	"github.com/diwanpanel/diwan/sdk/internal/rpcerr"
)

// hostClient is the Host a plugin receives in Configure: it calls the core's
// Host service and maps refused calls back to ErrPermissionDenied.
type hostClient struct {
	rpc pluginv1.HostClient
}

// KVGet returns the value under key.
func (h *hostClient) KVGet(ctx context.Context, key string) ([]byte, bool, error) {
	resp, err := h.rpc.KVGet(ctx, &pluginv1.KVGetRequest{Key: key})
	if err != nil {
		return nil, false, hostErr("kv get", err)
	}
	return resp.GetValue(), resp.GetFound(), nil
}

// KVPut stores value under key.
func (h *hostClient) KVPut(ctx context.Context, key string, value []byte) error {
	_, err := h.rpc.KVPut(ctx, &pluginv1.KVPutRequest{Key: key, Value: value})
	return hostErr("kv put", err)
}

// KVDelete removes key.
func (h *hostClient) KVDelete(ctx context.Context, key string) error {
	_, err := h.rpc.KVDelete(ctx, &pluginv1.KVDeleteRequest{Key: key})
	return hostErr("kv delete", err)
}

// KVList returns the keys under prefix.
func (h *hostClient) KVList(ctx context.Context, prefix string) ([]string, error) {
	resp, err := h.rpc.KVList(ctx, &pluginv1.KVListRequest{Prefix: prefix})
	if err != nil {
		return nil, hostErr("kv list", err)
	}
	return resp.GetKeys(), nil
}

// SecretGet returns the secret under name.
func (h *hostClient) SecretGet(ctx context.Context, name string) ([]byte, bool, error) {
	resp, err := h.rpc.SecretGet(ctx, &pluginv1.SecretGetRequest{Name: name})
	if err != nil {
		return nil, false, hostErr("secret get", err)
	}
	return resp.GetValue(), resp.GetFound(), nil
}

// SecretPut stores a secret.
func (h *hostClient) SecretPut(ctx context.Context, name string, value []byte) error {
	_, err := h.rpc.SecretPut(ctx, &pluginv1.SecretPutRequest{Name: name, Value: value})
	return hostErr("secret put", err)
}

// PublishEvent sends v, encoded as JSON, as an event of kind.
func (h *hostClient) PublishEvent(ctx context.Context, kind string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("publish event: %w", err)
	}
	_, err = h.rpc.PublishEvent(ctx, &pluginv1.PublishEventRequest{Kind: kind, Json: data})
	return hostErr("publish event", err)
}

// RecordAudit adds an audit entry.
func (h *hostClient) RecordAudit(ctx context.Context, e AuditEntry) error {
	_, err := h.rpc.RecordAudit(ctx, &pluginv1.RecordAuditRequest{
		Action: e.Action, Target: e.Target, Success: e.Success, Detail: e.Detail,
	})
	return hostErr("record audit", err)
}

// hostErr maps a Host call's status back to the SDK's kinds, with the
// call's name in front; nil stays nil.
func hostErr(call string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("host %s: %w", call, rpcerr.FromStatus(err))
}

// noHost is the Host of a plugin configured without one: every call is
// refused.
type noHost struct{}

func (noHost) refuse() error {
	return fmt.Errorf("no host service: %w", ErrPermissionDenied)
}

// KVGet is refused.
func (h noHost) KVGet(context.Context, string) ([]byte, bool, error) { return nil, false, h.refuse() }

// KVPut is refused.
func (h noHost) KVPut(context.Context, string, []byte) error { return h.refuse() }

// KVDelete is refused.
func (h noHost) KVDelete(context.Context, string) error { return h.refuse() }

// KVList is refused.
func (h noHost) KVList(context.Context, string) ([]string, error) { return nil, h.refuse() }

// SecretGet is refused.
func (h noHost) SecretGet(context.Context, string) ([]byte, bool, error) {
	return nil, false, h.refuse()
}

// SecretPut is refused.
func (h noHost) SecretPut(context.Context, string, []byte) error { return h.refuse() }

// PublishEvent is refused.
func (h noHost) PublishEvent(context.Context, string, any) error { return h.refuse() }

// RecordAudit is refused.
func (h noHost) RecordAudit(context.Context, AuditEntry) error { return h.refuse() }

var (
	_ Host = (*hostClient)(nil)
	_ Host = noHost{}
)
