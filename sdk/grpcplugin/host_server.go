package grpcplugin

import (
	"context"
	"encoding/json"
	"fmt"

	pluginv1 "github.com/diwanpanel/diwan/proto/panel/plugin/v1"
	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/internal/rpcerr"
)

// hostServer serves the contract's Host service over the core's sdk.Host,
// mapping its errors to status codes (sdk.ErrPermissionDenied becomes
// PermissionDenied). current returns the Host in force, nil for none.
type hostServer struct {
	pluginv1.UnimplementedHostServer
	current func() sdk.Host
}

func (s *hostServer) host() (sdk.Host, error) {
	h := s.current()
	if h == nil {
		return nil, rpcerr.ToStatus(fmt.Errorf("no host service: %w", sdk.ErrPermissionDenied))
	}
	return h, nil
}

// KVGet returns the value under a key.
func (s *hostServer) KVGet(ctx context.Context, req *pluginv1.KVGetRequest) (*pluginv1.KVGetResponse, error) {
	h, err := s.host()
	if err != nil {
		return nil, err
	}
	v, found, err := h.KVGet(ctx, req.GetKey())
	if err != nil {
		return nil, rpcerr.ToStatus(err)
	}
	return &pluginv1.KVGetResponse{Found: found, Value: v}, nil
}

// KVPut stores a value.
func (s *hostServer) KVPut(ctx context.Context, req *pluginv1.KVPutRequest) (*pluginv1.KVPutResponse, error) {
	h, err := s.host()
	if err != nil {
		return nil, err
	}
	if err := h.KVPut(ctx, req.GetKey(), req.GetValue()); err != nil {
		return nil, rpcerr.ToStatus(err)
	}
	return &pluginv1.KVPutResponse{}, nil
}

// KVDelete removes a key.
func (s *hostServer) KVDelete(ctx context.Context, req *pluginv1.KVDeleteRequest) (*pluginv1.KVDeleteResponse, error) {
	h, err := s.host()
	if err != nil {
		return nil, err
	}
	if err := h.KVDelete(ctx, req.GetKey()); err != nil {
		return nil, rpcerr.ToStatus(err)
	}
	return &pluginv1.KVDeleteResponse{}, nil
}

// KVList returns the keys under a prefix.
func (s *hostServer) KVList(ctx context.Context, req *pluginv1.KVListRequest) (*pluginv1.KVListResponse, error) {
	h, err := s.host()
	if err != nil {
		return nil, err
	}
	keys, err := h.KVList(ctx, req.GetPrefix())
	if err != nil {
		return nil, rpcerr.ToStatus(err)
	}
	return &pluginv1.KVListResponse{Keys: keys}, nil
}

// SecretGet returns a secret.
func (s *hostServer) SecretGet(ctx context.Context, req *pluginv1.SecretGetRequest) (*pluginv1.SecretGetResponse, error) {
	h, err := s.host()
	if err != nil {
		return nil, err
	}
	v, found, err := h.SecretGet(ctx, req.GetName())
	if err != nil {
		return nil, rpcerr.ToStatus(err)
	}
	return &pluginv1.SecretGetResponse{Found: found, Value: v}, nil
}

// SecretPut stores a secret.
func (s *hostServer) SecretPut(ctx context.Context, req *pluginv1.SecretPutRequest) (*pluginv1.SecretPutResponse, error) {
	h, err := s.host()
	if err != nil {
		return nil, err
	}
	if err := h.SecretPut(ctx, req.GetName(), req.GetValue()); err != nil {
		return nil, rpcerr.ToStatus(err)
	}
	return &pluginv1.SecretPutResponse{}, nil
}

// PublishEvent refuses a body that is not JSON, then publishes it.
func (s *hostServer) PublishEvent(ctx context.Context, req *pluginv1.PublishEventRequest) (*pluginv1.PublishEventResponse, error) {
	h, err := s.host()
	if err != nil {
		return nil, err
	}
	if !json.Valid(req.GetJson()) {
		return nil, rpcerr.ToStatus(sdk.Invalid("json", "must be JSON"))
	}
	if err := h.PublishEvent(ctx, req.GetKind(), json.RawMessage(req.GetJson())); err != nil {
		return nil, rpcerr.ToStatus(err)
	}
	return &pluginv1.PublishEventResponse{}, nil
}

// RecordAudit adds an audit entry.
func (s *hostServer) RecordAudit(ctx context.Context, req *pluginv1.RecordAuditRequest) (*pluginv1.RecordAuditResponse, error) {
	h, err := s.host()
	if err != nil {
		return nil, err
	}
	entry := sdk.AuditEntry{Action: req.GetAction(), Target: req.GetTarget(), Success: req.GetSuccess(), Detail: req.GetDetail()}
	if err := h.RecordAudit(ctx, entry); err != nil {
		return nil, rpcerr.ToStatus(err)
	}
	return &pluginv1.RecordAuditResponse{}, nil
}

var _ pluginv1.HostServer = (*hostServer)(nil)
