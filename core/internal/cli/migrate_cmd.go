package cli

import (
	"context"
	"errors"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/store"
)

func newMigrateCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "migrate", Short: "Apply, revert or list database migrations"}
	cmd.AddCommand(
		g.migrateStep("up", "Apply every pending migration", (*store.Migrator).Up, "applied"),
		g.migrateStep("down", "Revert the last group of migrations", (*store.Migrator).Down, "reverted"),
		&cobra.Command{
			Use: "status", Short: "List migrations and whether each is applied", Args: noArgs,
			RunE: g.withStore(func(cmd *cobra.Command, _ *config.Config, s *store.Store) error {
				list, err := s.Migrator().Status(cmd.Context())
				if err != nil {
					return err
				}
				tw := tabwriter.NewWriter(g.io.Out, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "MIGRATION\tSTATE\tAPPLIED AT")
				for _, m := range list {
					state, at := "pending", ""
					if m.Applied {
						state, at = "applied", m.AppliedAt.UTC().Format("2006-01-02 15:04:05Z")
					}
					fmt.Fprintf(tw, "%s_%s\t%s\t%s\n", m.Name, m.Comment, state, at)
				}
				if err := tw.Flush(); err != nil {
					return err
				}
				return s.Migrator().CheckNotNewer(cmd.Context())
			}),
		},
		&cobra.Command{
			Use: "unlock", Short: "Release a migration lock left by a crashed process", Args: noArgs,
			RunE: g.withStore(func(cmd *cobra.Command, _ *config.Config, s *store.Store) error {
				if err := s.Migrator().Unlock(cmd.Context()); err != nil {
					return err
				}
				_, err := fmt.Fprintln(g.io.Out, "migration lock released")
				return err
			}),
		},
	)
	return cmd
}

func (g *globals) migrateStep(use, short string, run func(*store.Migrator, context.Context) ([]string, error), verb string) *cobra.Command {
	return &cobra.Command{
		Use: use, Short: short, Args: noArgs,
		RunE: g.withStore(func(cmd *cobra.Command, _ *config.Config, s *store.Store) error {
			names, err := run(s.Migrator(), cmd.Context())
			for _, n := range names {
				fmt.Fprintf(g.io.Out, "%s %s\n", verb, n)
			}
			if err == nil && len(names) == 0 {
				fmt.Fprintln(g.io.Out, "nothing to do")
			}
			return err
		}),
	}
}

// withStore loads the configuration and opens the database around fn.
func (g *globals) withStore(fn func(*cobra.Command, *config.Config, *store.Store) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, _ []string) (err error) {
		cfg, err := g.load(cmd)
		if err != nil {
			return err
		}
		s, err := store.Open(cmd.Context(), cfg.Database)
		if err != nil {
			return err
		}
		defer func() { err = errors.Join(err, s.Close()) }()
		return fn(cmd, cfg, s)
	}
}
