package harness

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// Spec describes a process to start. Path and Args reach the kernel as
// they are: no shell parses them.
type Spec struct {
	Path string
	Args []string
	// Env is the complete environment of the process; nil means the
	// harness's own environment.
	Env []string
	// Stdin is read as the process's standard input; nil means the null
	// device.
	Stdin io.Reader
	// Stdout and Stderr receive the process's output; nil means the null
	// device. A writer that is not an *os.File is fed through a pipe that
	// the harness drains, as a log collector would.
	Stdout, Stderr io.Writer
}

// ErrKilled is returned by Stop when the process ignored SIGTERM for the
// whole grace period and had to be killed.
var ErrKilled = errors.New("did not exit after SIGTERM and was killed")

// ErrExited is returned when a process ended while the harness still
// expected it to run, for example before it was ready.
var ErrExited = errors.New("process exited early")

// Process is a running child process. Call Stop when done with it, also
// after the process has exited on its own.
type Process struct {
	name   string
	cmd    *exec.Cmd
	exited chan struct{}
	err    error // how the process ended; read only after exited is closed
}

// killDelay is how long a process has, once its context is done, between
// SIGTERM and SIGKILL.
const killDelay = 10 * time.Second

// Start starts the process described by s and returns at once. Should ctx
// be done before Stop, the process gets SIGTERM, and SIGKILL killDelay
// later, so an interrupted harness leaves nothing running.
func Start(ctx context.Context, s Spec) (*Process, error) {
	cmd := exec.CommandContext(ctx, s.Path, s.Args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = killDelay
	cmd.Env = s.Env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = s.Stdin, s.Stdout, s.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", s.Path, err)
	}
	p := &Process{name: s.Path, cmd: cmd, exited: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		close(p.exited)
	}()
	return p, nil
}

// Run runs the process described by s to its end, for a command that
// prepares a measurement, and returns nil when it exited with status 0.
// It ignores s.Stdout and s.Stderr: it keeps what the process writes to
// both, and the error quotes it, so that a failed command explains itself.
// Should ctx be done first, the process is stopped as with Start.
func Run(ctx context.Context, s Spec) error {
	var out bytes.Buffer // exec writes to it from one goroutine: both are the same writer
	s.Stdout, s.Stderr = &out, &out
	p, err := Start(ctx, s)
	if err != nil {
		return err
	}
	<-p.Exited()
	if err := p.exitError(); err != nil {
		return fmt.Errorf("%w: %s", err, strings.TrimSpace(out.String()))
	}
	return nil
}

// PID returns the process id.
func (p *Process) PID() int { return p.cmd.Process.Pid }

// Exited is closed once the process has ended and its output is drained.
func (p *Process) Exited() <-chan struct{} { return p.exited }

// Stop ends the process: SIGTERM, then SIGKILL if it is still running after
// grace. It returns nil when the process exited with status 0, ErrKilled
// (wrapped) when it had to be killed, and the exit error otherwise, also
// when the process had already ended before Stop. Stop may be called more
// than once.
func (p *Process) Stop(grace time.Duration) error {
	select {
	case <-p.exited:
		return p.exitError()
	default:
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("stop %s: %w", p.name, err)
	}
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-p.exited:
		return p.exitError()
	case <-t.C:
	}
	_ = p.cmd.Process.Kill()
	<-p.exited
	return fmt.Errorf("stop %s: %w", p.name, ErrKilled)
}

func (p *Process) exitError() error {
	if p.err != nil {
		return fmt.Errorf("%s: %w", p.name, p.err)
	}
	return nil
}

// exitedEarly describes a process that ended while it was expected to run.
func (p *Process) exitedEarly() error {
	if err := p.exitError(); err != nil {
		return fmt.Errorf("%w: %w", ErrExited, err)
	}
	return ErrExited
}
