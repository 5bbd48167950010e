package grpcplugin

import (
	"context"
	"encoding/json"
	"math"

	pluginv1 "github.com/diwanpanel/diwan/proto/panel/plugin/v1"
	"github.com/diwanpanel/diwan/sdk"
)

// List returns one page of the resources of kind.
func (c *Client) List(ctx context.Context, kind string, page sdk.PageRequest) (sdk.Page, error) {
	size := int32(min(max(page.Size, 0), math.MaxInt32))
	resp, err := c.rpc.ListResources(ctx, &pluginv1.ListResourcesRequest{
		Kind: kind, PageSize: size, PageToken: page.Token,
	})
	if err != nil {
		return sdk.Page{}, callErr("list "+kind, err)
	}
	out := sdk.Page{NextToken: resp.GetNextPageToken()}
	for _, r := range resp.GetItems() {
		out.Items = append(out.Items, resourceFromProto(r))
	}
	return out, nil
}

// Get returns one resource.
func (c *Client) Get(ctx context.Context, kind, id string) (sdk.Resource, error) {
	r, err := c.rpc.GetResource(ctx, &pluginv1.GetResourceRequest{Kind: kind, Id: id})
	if err != nil {
		return sdk.Resource{}, callErr("get "+kind, err)
	}
	return resourceFromProto(r), nil
}

// Apply creates a resource when id is empty, replaces it otherwise, and
// returns it as the plugin stored it.
func (c *Client) Apply(ctx context.Context, kind, id string, data json.RawMessage) (sdk.Resource, error) {
	r, err := c.rpc.ApplyResource(ctx, &pluginv1.ApplyResourceRequest{Kind: kind, Id: id, Json: data})
	if err != nil {
		return sdk.Resource{}, callErr("apply "+kind, err)
	}
	return resourceFromProto(r), nil
}

// Delete removes one resource.
func (c *Client) Delete(ctx context.Context, kind, id string) error {
	_, err := c.rpc.DeleteResource(ctx, &pluginv1.DeleteResourceRequest{Kind: kind, Id: id})
	return callErr("delete "+kind, err)
}
