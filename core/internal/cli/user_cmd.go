package cli

import (
	"bufio"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/store"
)

func newUserCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "user", Short: "Manage panel accounts from the server's shell"}
	var role string
	var fromStdin bool
	create := &cobra.Command{
		Use:   "create NAME --role ROLE --password-stdin",
		Short: "Create an account; the password is read from standard input",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{errors.New("user create takes one NAME")}
			}
			if !fromStdin {
				return usageError{errors.New("--password-stdin is required: passwords never go on the command line")}
			}
			return nil
		},
		RunE: g.withAuth(func(cmd *cobra.Command, a *auth.Service, args []string) error {
			pw, err := readPassword(g)
			if err != nil {
				return err
			}
			u, err := a.CreateUser(cmd.Context(), auth.NewUser{Username: args[0], Password: pw, Role: auth.Role(role)})
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(g.io.Out, "created user %s (id %d, role %s)\n", u.Username, u.ID, u.Role)
			return err
		}),
	}
	create.Flags().StringVar(&role, "role", "viewer", "viewer, operator or admin")
	create.Flags().BoolVar(&fromStdin, "password-stdin", false, "read the password from standard input")
	list := &cobra.Command{
		Use: "list", Short: "List accounts", Args: noArgs,
		RunE: g.withAuth(func(cmd *cobra.Command, a *auth.Service, _ []string) error {
			users, err := a.Users(cmd.Context())
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(g.io.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tUSERNAME\tROLE\tDISABLED\t2FA")
			for _, u := range users {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%t\t%t\n", u.ID, u.Username, u.Role, u.Disabled, u.TOTPEnabled)
			}
			return tw.Flush()
		}),
	}
	cmd.AddCommand(create, list)
	return cmd
}

// readPassword takes the first line of standard input.
func readPassword(g *globals) (string, error) {
	line, err := bufio.NewReader(g.io.In).ReadString('\n')
	if err != nil && line == "" {
		return "", usageError{errors.New("no password on standard input")}
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// withAuth opens the database (migrated) and the access layer around fn.
func (g *globals) withAuth(fn func(*cobra.Command, *auth.Service, []string) error) func(*cobra.Command, []string) error {
	return g.withMigratedStore(func(cmd *cobra.Command, cfg *config.Config, st *store.Store, args []string) error {
		c, err := openCache(cmd.Context(), cfg.Redis)
		if err != nil {
			return err
		}
		defer func() { _ = c.Close() }()
		a, err := newAuth(cfg, st, c)
		if err != nil {
			return err
		}
		return fn(cmd, a, args)
	})
}
