package cli

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/diwanpanel/diwan/core/internal/buildinfo"
)

func newVersionCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit, build date and Go version",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			info := buildinfo.Get()
			if asJSON {
				return json.NewEncoder(g.io.Out).Encode(info)
			}
			_, err := fmt.Fprintf(g.io.Out, "diwan %s\ncommit:     %s\nbuilt:      %s\ngo version: %s\n",
				info.Version, info.Commit, info.BuildDate, info.GoVersion)
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}
