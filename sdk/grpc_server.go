package sdk

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	pluginv1 "github.com/diwanpanel/diwan/proto/panel/plugin/v1"
	"github.com/diwanpanel/diwan/sdk/internal/rpcerr"
	"github.com/diwanpanel/diwan/sdk/internal/rpcopts"
)

// pluginServer serves the contract's Plugin service over a Plugin: it
// converts messages, checks what the manifest declares, and maps errors
// to status codes.
type pluginServer struct {
	pluginv1.UnimplementedPluginServer

	impl     Plugin
	manifest Manifest
	kinds    map[string]ResourceKind
	actions  map[string]Action
	broker   *plugin.GRPCBroker

	hostMu   sync.Mutex
	hostID   uint32
	hostConn *grpc.ClientConn
	host     Host
}

func newPluginServer(p Plugin, broker *plugin.GRPCBroker) *pluginServer {
	m := p.Manifest()
	s := &pluginServer{
		impl:     p,
		manifest: m,
		kinds:    make(map[string]ResourceKind, len(m.ResourceKinds)),
		actions:  make(map[string]Action, len(m.Actions)),
		broker:   broker,
	}
	for _, k := range m.ResourceKinds {
		s.kinds[k.Kind] = k
	}
	for _, a := range m.Actions {
		s.actions[a.Name] = a
	}
	return s
}

// Describe returns the manifest, with the protocol versions this SDK speaks.
func (s *pluginServer) Describe(context.Context, *pluginv1.DescribeRequest) (*pluginv1.Manifest, error) {
	return manifestToProto(s.manifest), nil
}

// Configure checks the settings' shape, connects to the core's Host service
// and hands both to the plugin. Empty settings are read as {}.
func (s *pluginServer) Configure(ctx context.Context, req *pluginv1.ConfigureRequest) (*pluginv1.ConfigureResponse, error) {
	settings := json.RawMessage(req.GetSettingsJson())
	if len(settings) == 0 {
		settings = json.RawMessage("{}")
	}
	if err := checkBody(settings, s.manifest.SettingsSchema); err != nil {
		return nil, rpcerr.ToStatus(fmt.Errorf("settings: %w", err))
	}
	host, err := s.dialHost(req.GetHostBrokerId())
	if err != nil {
		return nil, rpcerr.ToStatus(err)
	}
	if err := s.impl.Configure(ctx, settings, host); err != nil {
		return nil, rpcerr.ToStatus(err)
	}
	return &pluginv1.ConfigureResponse{}, nil
}

// dialHost returns a Host that calls the core through the broker stream id.
// The connection is kept and reused while the core sends the same id; id 0
// means the core serves no Host, and every call is then refused.
func (s *pluginServer) dialHost(id uint32) (Host, error) {
	s.hostMu.Lock()
	defer s.hostMu.Unlock()
	if id == 0 {
		return noHost{}, nil
	}
	if s.hostConn != nil && s.hostID == id {
		return s.host, nil
	}
	conn, err := s.broker.DialWithOptions(id, rpcopts.DialOptions()...)
	if err != nil {
		return nil, fmt.Errorf("dial host: %w", err)
	}
	if s.hostConn != nil {
		_ = s.hostConn.Close()
	}
	s.hostID, s.hostConn = id, conn
	s.host = &hostClient{rpc: pluginv1.NewHostClient(conn)}
	return s.host, nil
}

// CheckHealth asks the plugin how it is.
func (s *pluginServer) CheckHealth(ctx context.Context, _ *pluginv1.CheckHealthRequest) (*pluginv1.CheckHealthResponse, error) {
	return healthToProto(s.impl.CheckHealth(ctx)), nil
}

// CollectMetrics returns the plugin's metrics, or none when it has none.
func (s *pluginServer) CollectMetrics(ctx context.Context, _ *pluginv1.CollectMetricsRequest) (*pluginv1.CollectMetricsResponse, error) {
	mc, ok := s.impl.(MetricsCollector)
	if !ok {
		return &pluginv1.CollectMetricsResponse{}, nil
	}
	text, err := mc.CollectMetrics(ctx)
	if err != nil {
		return nil, rpcerr.ToStatus(fmt.Errorf("collect metrics: %w", err))
	}
	return &pluginv1.CollectMetricsResponse{PrometheusText: text}, nil
}

// Shutdown lets a Shutdowner finish by the core's deadline.
func (s *pluginServer) Shutdown(ctx context.Context, req *pluginv1.ShutdownRequest) (*pluginv1.ShutdownResponse, error) {
	sd, ok := s.impl.(Shutdowner)
	if !ok {
		return &pluginv1.ShutdownResponse{}, nil
	}
	if ms := req.GetDeadlineUnixMs(); ms > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, time.UnixMilli(ms))
		defer cancel()
	}
	if err := sd.Shutdown(ctx); err != nil {
		return nil, rpcerr.ToStatus(fmt.Errorf("shutdown: %w", err))
	}
	return &pluginv1.ShutdownResponse{}, nil
}

var _ pluginv1.PluginServer = (*pluginServer)(nil)
