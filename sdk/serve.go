package sdk

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/diwanpanel/diwan/sdk/internal/mtls"
	"github.com/diwanpanel/diwan/sdk/internal/rpcopts"
	"github.com/diwanpanel/diwan/sdk/protocol"
)

// Serve runs p as a Diwan plugin and is all that a plugin's main function
// calls. It does not return until the core stops the plugin.
//
// Serve first checks p with ValidatePlugin and, when something is wrong,
// prints every problem on standard error and exits with status 1. Run with
// the single argument -describe, it prints the manifest as JSON (the
// contract's Manifest message, with the .proto field names) on standard
// output and exits with status 0; any other argument is a usage error.
// Otherwise it serves p with hashicorp/go-plugin over gRPC, which refuses
// to start, with status 1 and a message, unless the core started the
// process (the magic cookie of protocol.Handshake is in the environment).
//
// While serving, a watchdog checks every second that the process that
// started the plugin is still its parent, and exits with status 1 when it
// is not, so that a plugin never outlives a core that died without
// stopping it. Logs go through Logger. See the stdout guard in stdout.go
// for why writes to os.Stdout before the handshake land on standard error.
func Serve(p Plugin) {
	if code, done := prepare(p, os.Args[1:], realStdout, realStderr); done {
		os.Exit(code)
	}
	// The core's TLS material leaves the environment before anything else
	// can see it or pass it on.
	tlsConfig, tlsErr := mtls.FromEnv()
	go watchParent(nil, time.Second, parentPID, os.Getppid, func() {
		Logger().Error("the process that started this plugin is gone; exiting")
		os.Exit(1)
	})
	cfg := serveConfig(p)
	cfg.TLSProvider = func() (*tls.Config, error) { return tlsConfig, tlsErr }
	plugin.Serve(cfg)
}

// prepare validates p and handles the command line. It returns done and an
// exit code when the process should end without serving.
func prepare(p Plugin, args []string, stdout, stderr io.Writer) (code int, done bool) {
	name := filepath.Base(os.Args[0])
	if err := ValidatePlugin(p); err != nil {
		printInvalid(stderr, name, err)
		return 1, true
	}
	switch {
	case len(args) == 0:
		return 0, false
	case len(args) == 1 && (args[0] == "-describe" || args[0] == "--describe"):
		if err := describe(stdout, p.Manifest()); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			return 1, true
		}
		return 0, true
	default:
		fmt.Fprintf(stderr, "usage: %s [-describe]\n\nThis is a Diwan plugin: the panel starts it. -describe prints its manifest as JSON.\n", name)
		return 2, true
	}
}

func printInvalid(w io.Writer, name string, err error) {
	var merr *ManifestError
	if !errors.As(err, &merr) {
		fmt.Fprintf(w, "%s: %v\n", name, err)
		return
	}
	fmt.Fprintf(w, "%s: the plugin cannot start: its manifest has %d problem(s):\n", name, len(merr.Problems))
	for _, p := range merr.Problems {
		fmt.Fprintf(w, "  %s: %s\n", p.Field, p.Message)
	}
}

// describe writes m as the contract's Manifest message in JSON.
func describe(w io.Writer, m Manifest) error {
	opts := protojson.MarshalOptions{Multiline: true, Indent: "  ", UseProtoNames: true}
	data, err := opts.Marshal(manifestToProto(m))
	if err != nil {
		return fmt.Errorf("describe: %w", err)
	}
	if _, err := fmt.Fprintf(w, "%s\n", data); err != nil {
		return fmt.Errorf("describe: %w", err)
	}
	return nil
}

// serveConfig is the go-plugin configuration Serve uses.
func serveConfig(p Plugin) *plugin.ServeConfig {
	return &plugin.ServeConfig{
		HandshakeConfig:  protocol.Handshake,
		VersionedPlugins: protocol.VersionedPlugins(&servedPlugin{impl: p, beforeHandshake: restoreStdout}),
		GRPCServer:       rpcopts.NewServer,
		Logger:           Logger(),
	}
}
