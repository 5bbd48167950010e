package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/pluginhost"
	"github.com/diwanpanel/diwan/core/internal/store"
)

func newPluginCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "plugin", Short: "Install and list plugins"}
	cmd.AddCommand(&cobra.Command{
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
	}, &cobra.Command{
		Use: "list", Short: "List installed plugins", Args: noArgs,
		RunE: g.withMigratedStore(func(cmd *cobra.Command, _ *config.Config, st *store.Store, _ []string) error {
			list, err := st.Plugins().List(cmd.Context())
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(g.io.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tVERSION\tENABLED\tSTATE\tBINARY")
			for _, p := range list {
				fmt.Fprintf(tw, "%s\t%s\t%t\t%s\t%s\n", p.ID, p.Version, p.Enabled, p.State, p.BinaryPath)
			}
			return tw.Flush()
		}),
	})
	return cmd
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
