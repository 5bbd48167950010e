package sdk

import (
	"context"
	"errors"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	pluginv1 "github.com/diwanpanel/diwan/proto/panel/plugin/v1"
)

// RegisterGRPC registers the contract's Plugin service for p on s; broker
// is how the plugin reaches the core's Host service when it is configured.
// Serve calls it, and so does grpcplugin.Plugin's GRPCServer. Plugins never
// need to call it unless they serve themselves without Serve.
func RegisterGRPC(broker *plugin.GRPCBroker, s *grpc.Server, p Plugin) error {
	if p == nil {
		return errors.New("sdk: register: no plugin")
	}
	pluginv1.RegisterPluginServer(s, newPluginServer(p, broker))
	return nil
}

// servedPlugin is the go-plugin Plugin that Serve hands to plugin.Serve. It
// only serves; the core's side of the same name is grpcplugin.Plugin.
type servedPlugin struct {
	plugin.NetRPCUnsupportedPlugin
	impl Plugin
	// beforeHandshake runs at the end of GRPCServer, the last of our code
	// that go-plugin runs before it writes the handshake line.
	beforeHandshake func()
}

// GRPCServer registers the plugin's service, then runs beforeHandshake.
func (s *servedPlugin) GRPCServer(broker *plugin.GRPCBroker, server *grpc.Server) error {
	err := RegisterGRPC(broker, server, s.impl)
	s.beforeHandshake()
	return err
}

// GRPCClient is never called in a plugin process.
func (s *servedPlugin) GRPCClient(context.Context, *plugin.GRPCBroker, *grpc.ClientConn) (any, error) {
	return nil, errors.New("sdk: the client side of the contract is grpcplugin.Plugin")
}

var _ plugin.GRPCPlugin = (*servedPlugin)(nil)
