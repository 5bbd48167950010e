package grpcplugin

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	pluginv1 "github.com/diwanpanel/diwan/proto/panel/plugin/v1"
	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/internal/rpcerr"
	"github.com/diwanpanel/diwan/sdk/internal/rpcopts"
)

// Client calls one plugin process. Its methods are safe for concurrent use;
// each error wraps what the plugin returned, so errors.Is(err,
// sdk.ErrNotFound) and errors.As(err, new(*sdk.InvalidError)) work on it.
type Client struct {
	rpc    pluginv1.PluginClient
	broker *plugin.GRPCBroker

	hostMu sync.Mutex
	hostID uint32
	host   sdk.Host
}

func newClient(broker *plugin.GRPCBroker, conn *grpc.ClientConn) *Client {
	return &Client{rpc: pluginv1.NewPluginClient(conn), broker: broker}
}

// Describe returns the plugin's manifest.
func (c *Client) Describe(ctx context.Context) (sdk.Manifest, error) {
	m, err := c.rpc.Describe(ctx, &pluginv1.DescribeRequest{})
	if err != nil {
		return sdk.Manifest{}, callErr("describe", err)
	}
	return manifestFromProto(m), nil
}

// Configure sends the plugin its settings and gives it host. The first
// call that has a host starts serving it over the broker; later calls reuse
// that stream and only swap the implementation behind it, and a nil host
// then refuses every call with sdk.ErrPermissionDenied. A plugin
// configured before any host was given receives none.
func (c *Client) Configure(ctx context.Context, settings json.RawMessage, host sdk.Host) error {
	req := &pluginv1.ConfigureRequest{SettingsJson: settings, HostBrokerId: c.serveHost(host)}
	if _, err := c.rpc.Configure(ctx, req); err != nil {
		return callErr("configure", err)
	}
	return nil
}

// serveHost makes host the one the plugin reaches, serving it on a broker
// stream the first time, and returns the stream's id (0 for none).
func (c *Client) serveHost(host sdk.Host) uint32 {
	c.hostMu.Lock()
	defer c.hostMu.Unlock()
	c.host = host
	if c.hostID != 0 || host == nil {
		return c.hostID
	}
	c.hostID = c.broker.NextId()
	go c.broker.AcceptAndServe(c.hostID, func(opts []grpc.ServerOption) *grpc.Server {
		s := rpcopts.NewServer(opts)
		pluginv1.RegisterHostServer(s, &hostServer{current: c.currentHost})
		return s
	})
	return c.hostID
}

func (c *Client) currentHost() sdk.Host {
	c.hostMu.Lock()
	defer c.hostMu.Unlock()
	return c.host
}

// CheckHealth asks the plugin how it is.
func (c *Client) CheckHealth(ctx context.Context) (sdk.Health, error) {
	resp, err := c.rpc.CheckHealth(ctx, &pluginv1.CheckHealthRequest{})
	if err != nil {
		return sdk.Health{}, callErr("check health", err)
	}
	return healthFromProto(resp), nil
}

// CollectMetrics returns the plugin's metrics in Prometheus text format,
// empty when it has none.
func (c *Client) CollectMetrics(ctx context.Context) (string, error) {
	resp, err := c.rpc.CollectMetrics(ctx, &pluginv1.CollectMetricsRequest{})
	if err != nil {
		return "", callErr("collect metrics", err)
	}
	return resp.GetPrometheusText(), nil
}

// Shutdown asks the plugin to finish by deadline.
func (c *Client) Shutdown(ctx context.Context, deadline time.Time) error {
	_, err := c.rpc.Shutdown(ctx, &pluginv1.ShutdownRequest{DeadlineUnixMs: deadline.UnixMilli()})
	return callErr("shutdown", err)
}

// callErr maps a call's status back to the SDK's kinds, with the call's
// name in front; nil stays nil.
func callErr(call string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("plugin %s: %w", call, rpcerr.FromStatus(err))
}
