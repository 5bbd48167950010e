package cli

import (
	"context"
	"fmt"

	"github.com/hashicorp/go-hclog"

	"github.com/diwanpanel/diwan/core/internal/audit"
	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/control"
	"github.com/diwanpanel/diwan/core/internal/pluginhost"
)

// startControl opens the control socket (server.control_socket) on which
// the running panel takes `diwan plugin …` commands, and serves it in the
// background until ctx is done or the returned stop is called. An empty
// setting turns it off. Another panel answering on the socket is an error:
// nothing was started.
func startControl(ctx context.Context, cfg *config.Config, plugins *pluginhost.Manager, rec *audit.Recorder, log hclog.Logger) (stop func(), err error) {
	path := cfg.Server.ControlSocket
	if path == "" {
		return func() {}, nil
	}
	srv, err := control.Start(ctx, path, control.Deps{Plugins: plugins, Audit: rec, Log: log.Named("control")})
	if err != nil {
		return nil, fmt.Errorf("server.control_socket: %w", err)
	}
	log.Info("control socket open", "path", path)
	return srv.Stop, nil
}
