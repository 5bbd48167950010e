package harness

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// WrkOptions are the settings of one wrk run.
type WrkOptions struct {
	// Path is the wrk binary; empty means "wrk" found in $PATH.
	Path        string
	Threads     int
	Connections int
	// Duration must be a whole number of seconds, at least one.
	Duration time.Duration
	// Header lists headers sent with every request, each "Name: value"
	// as wrk's -H takes it.
	Header []string
}

// Args returns wrk's arguments for a run against url, program name
// excluded: -tN -cN -dNs --latency, then -H HEADER for each header, then
// URL. It fails when an option is out of range, a header is not
// "Name: value" on one line, or url is not an http(s) URL.
func (o WrkOptions) Args(url string) ([]string, error) {
	switch {
	case o.Threads < 1:
		return nil, fmt.Errorf("wrk: threads %d: must be at least 1", o.Threads)
	case o.Connections < o.Threads:
		return nil, fmt.Errorf("wrk: connections %d: must be at least threads (%d)", o.Connections, o.Threads)
	case o.Duration < time.Second || o.Duration%time.Second != 0:
		return nil, fmt.Errorf("wrk: duration %s: must be whole seconds, at least 1s", o.Duration)
	case !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://"):
		return nil, fmt.Errorf("wrk: url %q: must start with http:// or https://", url)
	}
	args := []string{
		"-t" + strconv.Itoa(o.Threads),
		"-c" + strconv.Itoa(o.Connections),
		"-d" + strconv.Itoa(int(o.Duration/time.Second)) + "s",
		"--latency",
	}
	for _, h := range o.Header {
		if err := checkHeader(h); err != nil {
			return nil, err
		}
		args = append(args, "-H", h)
	}
	return append(args, url), nil
}

// checkHeader accepts "Name: value" with a token for a name and no line
// break, so that a header cannot smuggle another one into the request.
func checkHeader(h string) error {
	name, _, ok := strings.Cut(h, ": ")
	badName := strings.ContainsFunc(name, func(r rune) bool { return r <= ' ' || r >= 0x7f || r == ':' })
	if !ok || name == "" || badName || strings.ContainsAny(h, "\r\n") {
		return fmt.Errorf("wrk: header %q: want \"Name: value\" on one line", h)
	}
	return nil
}

// CommandLine returns the wrk command for url as a person would type it,
// for reports. It returns "" when Args fails.
func (o WrkOptions) CommandLine(url string) string {
	args, err := o.Args(url)
	if err != nil {
		return ""
	}
	return CommandLine("wrk", args)
}

func (o WrkOptions) path() string {
	if o.Path == "" {
		return "wrk"
	}
	return o.Path
}

// RunWrk runs wrk against url and returns its parsed report. Failed
// requests are not an error: they are counted in the result, so check
// WrkResult.Failed. An error means wrk could not run or its report could
// not be read (wrk also exits early when it cannot connect at all).
func RunWrk(ctx context.Context, o WrkOptions, url string) (WrkResult, error) {
	args, err := o.Args(url)
	if err != nil {
		return WrkResult{}, err
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, o.path(), args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return WrkResult{}, fmt.Errorf("wrk %s: %w", url, ctx.Err())
		}
		said := strings.TrimSpace(stderr.String() + "\n" + stdout.String())
		return WrkResult{}, fmt.Errorf("wrk %s: %w (%s)", url, err, said)
	}
	r, err := ParseWrk(stdout.String())
	if err != nil {
		return WrkResult{}, fmt.Errorf("wrk %s: %w", url, err)
	}
	return r, nil
}
