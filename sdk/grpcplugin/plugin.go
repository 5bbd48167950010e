package grpcplugin

import (
	"context"
	"errors"
	"fmt"
	"os/exec"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/internal/mtls"
	"github.com/diwanpanel/diwan/sdk/internal/rpcopts"
	"github.com/diwanpanel/diwan/sdk/protocol"
)

// Plugin is the go-plugin plugin for Diwan's contract. On the core's side,
// leave Impl nil: GRPCClient returns a *Client. With Impl set, GRPCServer
// also serves Impl, which is how tests serve a plugin in-process; a plugin
// process uses sdk.Serve instead.
type Plugin struct {
	plugin.NetRPCUnsupportedPlugin
	// Impl is the plugin to serve, or nil on the core's side.
	Impl sdk.Plugin
}

// GRPCServer registers Impl's Plugin service on s.
func (p *Plugin) GRPCServer(broker *plugin.GRPCBroker, s *grpc.Server) error {
	if p.Impl == nil {
		return errors.New("grpcplugin: no plugin to serve")
	}
	return sdk.RegisterGRPC(broker, s, p.Impl)
}

// GRPCClient returns a *Client that calls the plugin over conn.
func (p *Plugin) GRPCClient(_ context.Context, broker *plugin.GRPCBroker, conn *grpc.ClientConn) (any, error) {
	return newClient(broker, conn), nil
}

// ClientConfig returns the go-plugin client configuration that starts the
// plugin command cmd: Diwan's handshake, the contract over gRPC only,
// mutual TLS with certificates made for this start (see sdk/internal/mtls;
// their environment entries are added to cmd.Env), and the SDK's transport
// options (see sdk/internal/rpcopts). The caller adds what it decides, such
// as a Logger, SyncStdout, or a SecureConfig pinning the binary's checksum.
// Set cmd.Env before calling it.
func ClientConfig(cmd *exec.Cmd) (*plugin.ClientConfig, error) {
	pair, err := mtls.NewPair()
	if err != nil {
		return nil, fmt.Errorf("grpcplugin: %w", err)
	}
	cmd.Env = append(cmd.Env, pair.Env...) // go-plugin adds the host's environment unless SkipHostEnv
	return &plugin.ClientConfig{
		HandshakeConfig:  protocol.Handshake,
		VersionedPlugins: protocol.VersionedPlugins(&Plugin{}),
		Cmd:              cmd,
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		TLSConfig:        pair.Core,
		GRPCDialOptions:  rpcopts.DialOptions(),
	}, nil
}

var _ plugin.GRPCPlugin = (*Plugin)(nil)
