package harness

import (
	"bytes"
	"io"
	"strings"
	"sync/atomic"
)

// LineCounter is an io.Writer that discards what it is given and counts
// the newlines in it. Give it to a process as Spec.Stdout and Spec.Stderr
// to throw its log away while learning how much it wrote. It is safe for
// concurrent use; the zero value is ready.
type LineCounter struct{ n atomic.Int64 }

// Write counts the newlines in p and never fails.
func (c *LineCounter) Write(p []byte) (int, error) {
	c.n.Add(int64(bytes.Count(p, []byte{'\n'})))
	return len(p), nil
}

// Lines returns the number of newlines written so far.
func (c *LineCounter) Lines() int64 { return c.n.Load() }

// FilterEnv returns env, a list of KEY=VALUE pairs, without the variables
// whose name starts with prefix, so that a measured process reads no
// setting from the shell that started the harness.
func FilterEnv(env []string, prefix string) []string {
	var kept []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, prefix) {
			kept = append(kept, kv)
		}
	}
	return kept
}

var _ io.Writer = (*LineCounter)(nil)
