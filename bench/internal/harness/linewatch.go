package harness

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
)

// maxPartialLine bounds what LineWatcher keeps of a line without a newline.
const maxPartialLine = 64 << 10

// LineWatcher is an io.Writer that looks for the first line starting with
// a prefix and keeps nothing else. Give it to a process as Spec.Stdout to
// learn what the process announces, such as its listen address. It is
// safe for concurrent use.
type LineWatcher struct {
	prefix string
	found  chan string // buffered; receives one line, without prefix

	mu   sync.Mutex
	buf  []byte
	done bool
}

// NewLineWatcher returns a LineWatcher for lines that start with prefix.
func NewLineWatcher(prefix string) *LineWatcher {
	return &LineWatcher{prefix: prefix, found: make(chan string, 1)}
}

// Write scans p for the awaited line. It never fails and never blocks.
func (w *LineWatcher) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return len(p), nil
	}
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			break
		}
		line := strings.TrimSuffix(string(w.buf[:i]), "\r")
		w.buf = w.buf[i+1:]
		if rest, ok := strings.CutPrefix(line, w.prefix); ok {
			w.done, w.buf = true, nil
			w.found <- rest
			return len(p), nil
		}
	}
	if len(w.buf) > maxPartialLine {
		w.buf = w.buf[:0]
	}
	return len(p), nil
}

// Wait returns the awaited line without its prefix. It fails when ctx is
// done first, or with ErrExited when p ends without having written it.
func (w *LineWatcher) Wait(ctx context.Context, p *Process) (string, error) {
	select {
	case line := <-w.found:
		return line, nil
	case <-p.Exited():
	case <-ctx.Done():
		return "", fmt.Errorf("wait for %q: %w", w.prefix, ctx.Err())
	}
	// The output is drained once the process has exited.
	select {
	case line := <-w.found:
		return line, nil
	default:
		return "", fmt.Errorf("wait for %q: %w", w.prefix, p.exitedEarly())
	}
}

var _ io.Writer = (*LineWatcher)(nil)
