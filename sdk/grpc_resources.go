package sdk

import (
	"context"
	"encoding/json"
	"fmt"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pluginv1 "github.com/diwanpanel/diwan/proto/panel/plugin/v1"
	"github.com/diwanpanel/diwan/sdk/internal/rpcerr"
)

// provider returns the plugin's ResourceProvider and the declared kind, or
// a status error: NotFound for an undeclared kind, Unimplemented when the
// plugin serves no resources.
func (s *pluginServer) provider(kind string) (ResourceProvider, ResourceKind, error) {
	k, ok := s.kinds[kind]
	if !ok {
		return nil, k, rpcerr.ToStatus(fmt.Errorf("resource kind %q: %w", kind, ErrNotFound))
	}
	rp, ok := s.impl.(ResourceProvider)
	if !ok {
		return nil, k, status.Error(codes.Unimplemented, "the plugin serves no resources")
	}
	return rp, k, nil
}

// ListResources returns one page of a kind's resources.
func (s *pluginServer) ListResources(ctx context.Context, req *pluginv1.ListResourcesRequest) (*pluginv1.ListResourcesResponse, error) {
	rp, k, err := s.provider(req.GetKind())
	if err != nil {
		return nil, err
	}
	page, err := rp.List(ctx, k.Kind, PageRequest{Size: int(req.GetPageSize()), Token: req.GetPageToken()})
	if err != nil {
		return nil, rpcerr.ToStatus(err)
	}
	out := &pluginv1.ListResourcesResponse{NextPageToken: page.NextToken}
	for _, r := range page.Items {
		item, err := checkResource(k.Kind, r)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, item)
	}
	return out, nil
}

// GetResource returns one resource.
func (s *pluginServer) GetResource(ctx context.Context, req *pluginv1.GetResourceRequest) (*pluginv1.Resource, error) {
	rp, k, err := s.provider(req.GetKind())
	if err != nil {
		return nil, err
	}
	if req.GetId() == "" {
		return nil, rpcerr.ToStatus(Invalid("id", "is required"))
	}
	r, err := rp.Get(ctx, k.Kind, req.GetId())
	if err != nil {
		return nil, rpcerr.ToStatus(err)
	}
	return checkResource(k.Kind, r)
}

// ApplyResource checks the body's shape against the kind's schema, then
// creates or replaces the resource.
func (s *pluginServer) ApplyResource(ctx context.Context, req *pluginv1.ApplyResourceRequest) (*pluginv1.Resource, error) {
	rp, k, err := s.provider(req.GetKind())
	if err != nil {
		return nil, err
	}
	data := json.RawMessage(req.GetJson())
	if err := checkBody(data, k.Schema); err != nil {
		return nil, rpcerr.ToStatus(err)
	}
	r, err := rp.Apply(ctx, k.Kind, req.GetId(), data)
	if err != nil {
		return nil, rpcerr.ToStatus(err)
	}
	return checkResource(k.Kind, r)
}

// DeleteResource removes one resource.
func (s *pluginServer) DeleteResource(ctx context.Context, req *pluginv1.DeleteResourceRequest) (*pluginv1.DeleteResourceResponse, error) {
	rp, k, err := s.provider(req.GetKind())
	if err != nil {
		return nil, err
	}
	if req.GetId() == "" {
		return nil, rpcerr.ToStatus(Invalid("id", "is required"))
	}
	if err := rp.Delete(ctx, k.Kind, req.GetId()); err != nil {
		return nil, rpcerr.ToStatus(err)
	}
	return &pluginv1.DeleteResourceResponse{}, nil
}

// checkResource converts a resource the plugin returned, filling in its
// kind, and refuses one without an id or whose JSON is not JSON: the core
// must not receive what it cannot store or show.
func checkResource(kind string, r Resource) (*pluginv1.Resource, error) {
	if r.Kind == "" {
		r.Kind = kind
	}
	if r.ID == "" || !json.Valid(r.JSON) {
		return nil, status.Errorf(codes.Internal, "plugin returned a %s resource without an id or with invalid JSON", kind)
	}
	return resourceToProto(r), nil
}
