package collect

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// procFile is a /proc or /sys file kept open and re-read from offset 0,
// which makes the kernel regenerate its content, into a reused buffer.
type procFile struct {
	path string
	f    *os.File
	buf  []byte
}

// newProcFile returns a procFile for path under root; it opens the file
// on first read.
func newProcFile(root, path string) *procFile {
	return &procFile{path: filepath.Join(root, path), buf: make([]byte, 0, 4096)}
}

// read returns the whole file. The slice is valid until the next read.
func (p *procFile) read() ([]byte, error) {
	if p.f == nil {
		f, err := os.Open(p.path)
		if err != nil {
			return nil, fmt.Errorf("collect: %w", err)
		}
		p.f = f
	}
	p.buf = p.buf[:0]
	for {
		if len(p.buf) == cap(p.buf) {
			p.buf = append(p.buf, 0)[:len(p.buf)]
		}
		n, err := p.f.ReadAt(p.buf[len(p.buf):cap(p.buf)], int64(len(p.buf)))
		p.buf = p.buf[:len(p.buf)+n]
		if errors.Is(err, io.EOF) || (err == nil && n == 0) {
			return p.buf, nil
		}
		if err != nil {
			p.close()
			return nil, fmt.Errorf("collect: read %s: %w", p.path, err)
		}
	}
}

// close closes the file; the next read opens it again.
func (p *procFile) close() {
	if p.f != nil {
		_ = p.f.Close()
		p.f = nil
	}
}

// readSmall reads a small file once, such as a sensor's name, into buf and
// returns it; it is for files read rarely or whose handle is not kept.
func readSmall(path string, buf []byte) ([]byte, error) {
	f, err := os.Open(path) // #nosec G304 -- paths are built from /proc and /sys listings
	if err != nil {
		return nil, fmt.Errorf("collect: %w", err)
	}
	defer func() { _ = f.Close() }()
	n, err := io.ReadFull(f, buf[:cap(buf)])
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("collect: read %s: %w", path, err)
	}
	return buf[:n], nil
}
