// Package logstore keeps the panel's log in one place on disk, bounded:
// the core's lines and every plugin's (which the plugin host logs under
// "plugin.<id>"), as JSON lines in a directory of rotated files, and
// answers queries by source, level, time and text, newest first. It is an
// io.Writer for hclog's JSON output, so that the same lines that reach the
// console or the journal are kept for the dashboard.
package logstore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
)

// fileName is the file being written; rotated files get .1, .2, ….
const fileName = "diwan.log"

// Files is how many files a log directory keeps.
const Files = 8

// Store is a bounded, rotated log directory. Its methods are safe for
// concurrent use.
type Store struct {
	dir      string
	maxFile  int64
	maxFiles int

	mu   sync.Mutex
	f    *os.File
	size int64
}

// Open opens (creating it 0700) the log directory dir for writing; it
// keeps at most maxBytes in Files files, the oldest dropped first.
func Open(dir string, maxBytes int64) (*Store, error) {
	files := Files
	if maxBytes < int64(files)*1024 {
		return nil, fmt.Errorf("logstore: want at least %d KiB, got %d bytes", files, maxBytes)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("logstore: %w", err)
	}
	s := &Store{dir: dir, maxFile: maxBytes / int64(files), maxFiles: files}
	if err := s.open(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Store) open() error {
	f, err := os.OpenFile(s.path(0), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("logstore: %w", err)
	}
	info, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return fmt.Errorf("logstore: %w", err)
	}
	s.f, s.size = f, info.Size()
	return nil
}

// path is the file of generation n: 0 is the one written.
func (s *Store) path(n int) string { return generation(s.dir, n) }

func generation(dir string, n int) string {
	if n == 0 {
		return filepath.Join(dir, fileName)
	}
	return filepath.Join(dir, fileName+"."+strconv.Itoa(n))
}

// Write appends p, one or more whole lines, rotating first when p would
// take the file past its size. It never fails the logger: a line that
// cannot be kept is dropped and reported in the error.
func (s *Store) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return 0, errors.New("logstore: closed")
	}
	if s.size > 0 && s.size+int64(len(p)) > s.maxFile {
		if err := s.rotate(); err != nil {
			return 0, err
		}
	}
	n, err := s.f.Write(p)
	s.size += int64(n)
	return n, err
}

// rotate shifts every file one generation older, dropping the oldest.
func (s *Store) rotate() error {
	if err := s.f.Close(); err != nil {
		return fmt.Errorf("logstore: %w", err)
	}
	s.f = nil
	for n := s.maxFiles - 1; n > 0; n-- {
		if err := os.Rename(s.path(n-1), s.path(n)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("logstore: rotate: %w", err)
		}
	}
	return s.open()
}

// Close closes the file being written.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	s.f = nil
	return err
}
