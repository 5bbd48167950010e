package cli

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func newConfigCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "config", Short: "Check or show the configuration"}
	cmd.AddCommand(&cobra.Command{
		Use:   "validate",
		Short: "Check the configuration; exit status 2 lists every problem",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load(cmd)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(g.io.Out, "configuration is valid (profile %s)\n", cfg.Profile)
			return err
		},
	})
	var asJSON bool
	show := &cobra.Command{
		Use:   "show",
		Short: "Print the effective configuration, secrets masked, and where each value came from",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load(cmd)
			if err != nil {
				return err
			}
			entries := cfg.Entries()
			if asJSON {
				return json.NewEncoder(g.io.Out).Encode(map[string]any{"settings": entries, "environment": cfg.Environment()})
			}
			tw := tabwriter.NewWriter(g.io.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "KEY\tVALUE\tFROM")
			for _, e := range entries {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", e.Key, e.Value, e.Origin)
			}
			env := cfg.Environment()
			fmt.Fprintf(tw, "\nenvironment: container=%t systemd=%t terminal=%t\n", env.Container, env.Systemd, env.Terminal)
			return tw.Flush()
		},
	}
	show.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	cmd.AddCommand(show)
	return cmd
}
