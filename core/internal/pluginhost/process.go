package pluginhost

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"

	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/grpcplugin"
	"github.com/diwanpanel/diwan/sdk/protocol"
)

// pluginPath is the whole environment a plugin process starts with, besides
// what go-plugin adds (its cookie and ports) and the TLS material of
// grpcplugin.ClientConfig.
const pluginPath = "PATH=/usr/sbin:/usr/bin:/sbin:/bin"

// errPermanent marks a start failure that retrying cannot fix, such as a
// binary that changed since it was installed.
var errPermanent = errors.New("pluginhost: permanent failure")

// process is one running plugin process and its gRPC client.
type process struct {
	// pidFile records the process group for ReapStale; empty without a run directory.
	pidFile string
	cmd     *exec.Cmd
	client  *plugin.Client
	rpc     *grpcplugin.Client
	pid     int
}

// launch verifies entry's binary, starts it in its own process group,
// checks that it is the plugin the catalog names and configures it with
// host. A half-done start is cleaned up: on error no process is left.
func launch(ctx context.Context, entry store.Plugin, host sdk.Host, opts Options, logs *logRing, sums *sumCache) (*process, error) {
	bin, _, err := openVerified(entry.BinaryPath, entry.SHA256, sums)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errPermanent, err)
	}
	cfg, err := clientConfig(entry, bin, opts, logs)
	if err != nil {
		_ = bin.Close()
		return nil, err
	}
	p := &process{cmd: cfg.Cmd, client: plugin.NewClient(cfg)}
	err = p.connect(entry.ID)
	_ = bin.Close() // the process runs; the file was only needed to start it
	if err != nil {
		p.kill()
		return nil, err
	}
	if err := p.handshake(ctx, entry, host, opts.CallTimeout); err != nil {
		p.kill()
		return nil, err
	}
	if p.pidFile, err = writePIDFile(opts.RunDir, entry.ID, p.pid, entry.BinaryPath); err != nil {
		p.kill()
		return nil, err
	}
	return p, nil
}

// clientConfig is go-plugin's configuration for entry: the verified binary
// with no shell, a minimal environment, its own process group, killed with
// its parent.
func clientConfig(entry store.Plugin, bin *os.File, opts Options, logs *logRing) (*plugin.ClientConfig, error) {
	cmd := verifiedCommand(entry.BinaryPath, bin)
	cmd.Env = []string{pluginPath}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	cfg, err := grpcplugin.ClientConfig(cmd)
	if err != nil {
		return nil, fmt.Errorf("pluginhost: plugin %s: %w", entry.ID, err)
	}
	cfg.SkipHostEnv = true
	cfg.Logger = fixedName{opts.Logger.Named("plugin." + entry.ID)}
	cfg.Stderr = logs
	cfg.StartTimeout = opts.StartTimeout
	return cfg, nil
}

// verifiedCommand runs the open file bin, which OpenVerified checked and
// hashed, rather than whatever path names by the time it starts: the
// kernel resolves /proc/self/fd/N in the child before that descriptor is
// closed on exec, as fexecve(3) does. This is why go-plugin's SecureConfig,
// which hashes the path a second time before starting it, is not used: it
// would cost a second read of the binary and check a file that could still
// be swapped afterwards. The process keeps the binary's path as its name.
func verifiedCommand(path string, bin *os.File) *exec.Cmd {
	// No CommandContext: the process outlives the request that started it;
	// go-plugin and process.stop end it.
	cmd := exec.Command("/proc/self/fd/" + strconv.Itoa(int(bin.Fd()))) //nolint:gosec,noctx // G204: the verified, pinned plugin binary
	cmd.Args = []string{path}
	return cmd
}

// connect waits for the handshake and dispenses the contract's client.
func (p *process) connect(id string) error {
	conn, err := p.client.Client()
	if p.cmd.Process != nil {
		p.pid = p.cmd.Process.Pid
	}
	if err != nil {
		return startErr(id, err)
	}
	raw, err := conn.Dispense(protocol.PluginName)
	if err != nil {
		return fmt.Errorf("pluginhost: plugin %s: dispense: %w", id, err)
	}
	rpc, ok := raw.(*grpcplugin.Client)
	if !ok {
		return fmt.Errorf("pluginhost: plugin %s: dispensed %T, not the contract's client", id, raw)
	}
	p.rpc = rpc
	return nil
}

// startErr explains go-plugin's start failures that an operator can act on.
func startErr(id string, err error) error {
	if strings.Contains(err.Error(), "Unrecognized remote plugin message") {
		return fmt.Errorf("pluginhost: plugin %s wrote to its standard output before the handshake, "+
			"so the core cannot read its address (fix the plugin: log to standard error): %w", id, err)
	}
	if strings.Contains(err.Error(), "checksums did not match") {
		return fmt.Errorf("%w: plugin %s: %w", errPermanent, id, err)
	}
	return fmt.Errorf("pluginhost: start plugin %s: %w", id, err)
}

// handshake asks for the manifest, checks its id and configures the plugin.
func (p *process) handshake(ctx context.Context, entry store.Plugin, host sdk.Host, timeout time.Duration) error {
	dctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	m, err := p.rpc.Describe(dctx)
	if err != nil {
		return fmt.Errorf("pluginhost: plugin %s: %w", entry.ID, err)
	}
	if m.ID != entry.ID {
		return fmt.Errorf("%w: the binary of plugin %s describes itself as %q", errPermanent, entry.ID, m.ID)
	}
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	settings := []byte(entry.Settings)
	if len(settings) == 0 {
		settings = []byte("{}")
	}
	if err := p.rpc.Configure(cctx, settings, host); err != nil {
		return fmt.Errorf("%w: plugin %s refused its settings: %w", errPermanent, entry.ID, err)
	}
	return nil
}

// exited reports whether the process has ended.
func (p *process) exited() bool { return p.client.Exited() }

// stop asks the plugin to shut down by grace, then kills its process group.
func (p *process) stop(grace time.Duration) {
	if p.rpc != nil && !p.exited() {
		ctx, cancel := context.WithTimeout(context.Background(), grace)
		_ = p.rpc.Shutdown(ctx, time.Now().Add(grace))
		cancel()
	}
	// The plugin has cleaned up; go-plugin now stops its server, so that its
	// Serve returns and it exits (forced after two seconds), and whatever is
	// left in its process group goes with it.
	p.client.Kill()
	if p.pid > 0 {
		_ = syscall.Kill(-p.pid, syscall.SIGKILL)
	}
	p.forgetPIDFile()
}

// forgetPIDFile removes the record of an ended process.
func (p *process) forgetPIDFile() {
	if p.pidFile != "" {
		_ = os.Remove(p.pidFile)
	}
}

// kill sends SIGKILL to the whole process group and releases go-plugin's
// resources.
func (p *process) kill() {
	if p.pid > 0 {
		_ = syscall.Kill(-p.pid, syscall.SIGKILL)
	}
	p.client.Kill()
	p.forgetPIDFile()
}

// fixedName is a logger whose Named returns itself, so that go-plugin logs
// a plugin's lines under the name the core chose ("plugin.<id>") rather
// than under the binary's file name.
type fixedName struct{ hclog.Logger }

// Named returns the logger unchanged.
func (l fixedName) Named(string) hclog.Logger { return l }
