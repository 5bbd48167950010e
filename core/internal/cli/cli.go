// Package cli is the diwan command line: serve, migrate, config and version.
// Main returns an exit status instead of exiting, so every command can be
// tested in-process.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/config"
)

// Exit statuses.
const (
	ExitOK     = 0
	ExitFailed = 1
	// ExitConfig means the configuration or the command line is invalid.
	ExitConfig = 2
)

// IO is where commands read and write.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
	// Environ is the environment that configuration reads (os.Environ()).
	Environ []string
}

// usageError marks a command-line mistake (exit status 2).
type usageError struct{ error }

// Main runs the command line in args and returns the exit status.
func Main(ctx context.Context, args []string, io IO) int {
	root := newRoot(io)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	fmt.Fprintln(io.Err, "diwan:", err)
	var verr *config.ValidationError
	var uerr usageError
	var ferr *auth.FieldError
	if errors.As(err, &verr) || errors.As(err, &uerr) || errors.As(err, &ferr) {
		return ExitConfig
	}
	return ExitFailed
}

// globals are the flags every command takes.
type globals struct {
	io         IO
	configFile string
	profile    string
	listen     string
	dsn        string
	logLevel   string
	logFormat  string
}

// flagKeys maps each configuration flag to the key it sets.
var flagKeys = []struct{ flag, key, usage string }{
	{"profile", "profile", "configuration profile: dev or prod"},
	{"listen", "server.listen", "address to listen on, host:port"},
	{"dsn", "database.dsn", "database: sqlite:PATH, postgres://… or mysql://…"},
	{"log-level", "log.level", "trace, debug, info, warn or error"},
	{"log-format", "log.format", "text or json"},
}

func newRoot(io IO) *cobra.Command {
	g := &globals{io: io}
	root := &cobra.Command{
		Use:           "diwan",
		Short:         "Diwan is a Linux server control panel",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	pf := root.PersistentFlags()
	pf.StringVarP(&g.configFile, "config", "c", "", "config file (default $DIWAN_CONFIG or "+config.DefaultFile+" if present)")
	targets := []*string{&g.profile, &g.listen, &g.dsn, &g.logLevel, &g.logFormat}
	for i, f := range flagKeys {
		pf.StringVar(targets[i], f.flag, "", f.usage)
	}
	root.AddCommand(newServeCmd(g), newMigrateCmd(g), newConfigCmd(g), newUserCmd(g), newPluginCmd(g), newVersionCmd(g))
	return root
}

// load reads the configuration with the flags the user actually set.
func (g *globals) load(cmd *cobra.Command) (*config.Config, error) {
	var settings []config.Setting
	for _, f := range flagKeys {
		if fl := cmd.Flags().Lookup(f.flag); fl != nil && fl.Changed {
			settings = append(settings, config.Setting{Key: f.key, Value: fl.Value.String(), Origin: "flag --" + f.flag})
		}
	}
	return config.Load(config.Options{File: g.configFile, Environ: g.io.Environ, Flags: settings})
}

// noArgs refuses extra arguments with a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Errorf("%s takes no arguments, got %q", cmd.CommandPath(), args)}
	}
	return nil
}

// Run is main's body.
func Run() int {
	return Main(context.Background(), os.Args[1:], IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Environ: os.Environ()})
}
