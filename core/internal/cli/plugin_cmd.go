package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/hashicorp/go-hclog"
	"github.com/spf13/cobra"

	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/control"
	"github.com/diwanpanel/diwan/core/internal/pluginhost"
	"github.com/diwanpanel/diwan/core/internal/store"
)

// The plugin commands. install, list and describe PATH work whether the
// panel runs or not; enable, disable, restart, logs and describe ID ask the
// running panel over its control socket, so a change takes effect at once
// and is audited, and the database is never edited behind its back.

func newPluginCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "plugin", Short: "Install, inspect and control plugins"}
	cmd.AddCommand(g.pluginInstallCmd(), g.pluginListCmd(), g.pluginDescribeCmd(), g.pluginLogsCmd(),
		g.pluginChangeCmd("enable", "Grant the permissions a plugin asks for and start it in the running panel", (*control.Client).Enable),
		g.pluginChangeCmd("disable", "Stop a plugin in the running panel and disable it", (*control.Client).Disable),
		g.pluginChangeCmd("restart", "Restart an enabled plugin in the running panel", (*control.Client).Restart),
	)
	return cmd
}

func (g *globals) pluginInstallCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "install PATH",
		Short: "Verify a plugin binary, read its manifest and register it (disabled), pinned to its SHA-256",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{errors.New("plugin install takes one PATH")}
			}
			return nil
		},
		RunE: g.withMigratedStore(func(cmd *cobra.Command, _ *config.Config, st *store.Store, args []string) error {
			path, err := filepath.Abs(args[0])
			if err != nil {
				return err
			}
			p, err := pluginhost.Install(cmd.Context(), st.Plugins(), path)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(g.io.Out, "installed plugin %s %s from %s (sha256 %s), disabled\n", p.ID, p.Version, p.BinaryPath, p.SHA256)
			return err
		}),
	}
}

func (g *globals) pluginListCmd() *cobra.Command {
	return &cobra.Command{
		Use: "list", Short: "List installed plugins with their state and last error", Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load(cmd)
			if err != nil {
				return err
			}
			list, err := g.pluginStatuses(cmd.Context(), cfg)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(g.io.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tVERSION\tENABLED\tSTATE\tBINARY\tLAST ERROR")
			for _, p := range list {
				fmt.Fprintf(tw, "%s\t%s\t%t\t%s\t%s\t%s\n", p.ID, p.Version, p.Enabled, p.State, p.BinaryPath, oneLine(p.LastError, 100))
			}
			return tw.Flush()
		},
	}
}

// pluginStatuses asks the running panel; when none runs, it reads the
// catalog, whose states are those the panel last recorded.
func (g *globals) pluginStatuses(ctx context.Context, cfg *config.Config) ([]pluginhost.Status, error) {
	if path := cfg.Server.ControlSocket; path != "" {
		list, err := control.NewClient(path).List(ctx)
		if !errors.Is(err, control.ErrNotRunning) {
			return list, err
		}
		fmt.Fprintln(g.io.Err, "the panel is not running: states are as it last recorded them")
	} else {
		fmt.Fprintln(g.io.Err, "server.control_socket is off: states are as the panel last recorded them")
	}
	st, err := openStore(ctx, cfg, hclog.NewNullLogger())
	if err != nil {
		return nil, err
	}
	defer closeLogged(hclog.NewNullLogger(), "database", st.Close)
	entries, err := st.Plugins().List(ctx)
	if err != nil {
		return nil, err
	}
	list := make([]pluginhost.Status, len(entries))
	for i, p := range entries {
		list[i] = pluginhost.Status{ID: p.ID, Version: p.Version, BinaryPath: p.BinaryPath, Enabled: p.Enabled, State: p.State, LastError: p.LastError}
	}
	return list, nil
}

// pluginChangeCmd is enable, disable or restart: verb ID, sent to the
// running panel.
func (g *globals) pluginChangeCmd(verb, short string, do func(*control.Client, context.Context, string) (pluginhost.Status, error)) *cobra.Command {
	return &cobra.Command{
		Use: verb + " ID", Short: short, Args: idArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			client, err := g.panel(cmd)
			if err != nil {
				return err
			}
			st, err := do(client, cmd.Context(), args[0])
			if err != nil {
				return explain(err, verb)
			}
			return printChange(g, verb, st)
		},
	}
}

var pastTense = map[string]string{"enable": "enabled", "disable": "disabled", "restart": "restarted"}

// printChange says what changed; enable lists the permissions granted.
func printChange(g *globals, verb string, st pluginhost.Status) error {
	fmt.Fprintf(g.io.Out, "%s plugin %s %s (state %s, running %t)\n", pastTense[verb], st.ID, st.Version, st.State, st.Running)
	if verb != "enable" {
		return nil
	}
	if len(st.Permissions) == 0 {
		_, err := fmt.Fprintln(g.io.Out, "granted permissions: none")
		return err
	}
	var m manifest
	_ = json.Unmarshal(st.Manifest, &m) // without a manifest, names only
	fmt.Fprintln(g.io.Out, "granted permissions:")
	for _, name := range st.Permissions {
		fmt.Fprintf(g.io.Out, "  %-16s %s\n", name, m.reason(name))
	}
	return nil
}

func (g *globals) pluginLogsCmd() *cobra.Command {
	var lines int
	cmd := &cobra.Command{
		Use: "logs ID [--lines N]", Short: "Print a plugin's last log lines from the running panel",
		Args: func(cmd *cobra.Command, args []string) error {
			if lines < 1 || lines > control.MaxLogLines {
				return usageError{fmt.Errorf("--lines: want a whole number from 1 to %d, got %d", control.MaxLogLines, lines)}
			}
			return idArg(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			client, err := g.panel(cmd)
			if err != nil {
				return err
			}
			logs, err := client.Logs(cmd.Context(), args[0], lines)
			if err != nil {
				return explain(err, "logs")
			}
			if len(logs) == 0 {
				fmt.Fprintf(g.io.Err, "plugin %s has written no log lines since the panel started it\n", args[0])
			}
			for _, l := range logs {
				fmt.Fprintln(g.io.Out, l)
			}
			return nil
		},
	}
	cmd.Flags().IntVarP(&lines, "lines", "n", 100, "how many of the last lines to print")
	return cmd
}

// idArg takes exactly one argument, a plugin id.
func idArg(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return usageError{fmt.Errorf("%s takes one plugin ID", cmd.CommandPath())}
	}
	if err := control.CheckID(args[0]); err != nil {
		return usageError{fmt.Errorf("%s: ID: %w", cmd.CommandPath(), err)}
	}
	return nil
}

// panel is the client of the running panel's control socket.
func (g *globals) panel(cmd *cobra.Command) (*control.Client, error) {
	cfg, err := g.load(cmd)
	if err != nil {
		return nil, err
	}
	if cfg.Server.ControlSocket == "" {
		return nil, errors.New("server.control_socket is empty, so the running panel takes no commands: set it and restart the panel")
	}
	return control.NewClient(cfg.Server.ControlSocket), nil
}

// explain adds what to do to an error of the running panel's socket.
func explain(err error, verb string) error {
	switch {
	case errors.Is(err, control.ErrNotRunning) && (verb == "enable" || verb == "disable"):
		return fmt.Errorf("plugin %s: %w; start it (diwan serve) and run this again: plugins are enabled and disabled by the running panel, never by editing its database", verb, err)
	case errors.Is(err, control.ErrNotRunning):
		return fmt.Errorf("plugin %s: %w; start it with diwan serve", verb, err)
	case errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("plugin %s: %w (diwan plugin list shows the installed ones)", verb, err)
	}
	return fmt.Errorf("plugin %s: %w", verb, err)
}

// oneLine folds s onto one line of at most n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// withMigratedStore opens the database, brings its schema up to date, and
// runs fn with the configuration and the command's arguments.
func (g *globals) withMigratedStore(fn func(*cobra.Command, *config.Config, *store.Store, []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		return g.withStore(func(cmd *cobra.Command, cfg *config.Config, st *store.Store) error {
			if _, err := st.Migrator().Up(cmd.Context()); err != nil {
				return err
			}
			return fn(cmd, cfg, st, args)
		})(cmd, args)
	}
}
