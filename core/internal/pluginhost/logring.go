package pluginhost

import (
	"bytes"
	"sync"
)

// logRing keeps the last lines a plugin wrote on its standard error. It is
// an io.Writer fed whole lines (go-plugin writes a line, then its newline);
// it is safe for concurrent use.
type logRing struct {
	mu      sync.Mutex
	lines   []string
	next    int
	full    bool
	partial []byte
}

// newLogRing keeps at most size lines (at least one).
func newLogRing(size int) *logRing {
	return &logRing{lines: make([]string, max(size, 1))}
}

// Write appends p, storing every completed line.
func (r *logRing) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.partial = append(r.partial, p...)
	for {
		i := bytes.IndexByte(r.partial, '\n')
		if i < 0 {
			break
		}
		r.add(string(r.partial[:i]))
		r.partial = r.partial[i+1:]
	}
	if len(r.partial) > maxLogLine {
		r.add(string(r.partial[:maxLogLine]))
		r.partial = r.partial[:0]
	}
	return len(p), nil
}

// maxLogLine bounds one stored line, in bytes.
const maxLogLine = 64 << 10

func (r *logRing) add(line string) {
	r.lines[r.next] = line
	r.next = (r.next + 1) % len(r.lines)
	if r.next == 0 {
		r.full = true
	}
}

// Lines returns the kept lines, oldest first.
func (r *logRing) Lines() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.full {
		return append([]string{}, r.lines[:r.next]...)
	}
	return append(append([]string{}, r.lines[r.next:]...), r.lines[:r.next]...)
}
