package pluginhost

import (
	"fmt"
	"os"
	"sync"
	"syscall"
)

// sumCache remembers the SHA-256 of the plugin binaries it hashed, keyed by
// the file's identity: device, inode, size, and modification and change
// times to the nanosecond. Writing to a file or replacing it changes at
// least one of them, and the change time cannot be set back (only by
// setting the system clock, which whoever can do can also replace the
// core), so a remembered checksum is never that of other bytes. It spares
// every restart and every on-demand start a read of the whole binary.
// A nil *sumCache hashes every time.
type sumCache struct {
	mu   sync.Mutex
	sums map[fileID]string
}

type fileID struct {
	dev, ino, size uint64
	mtime, ctime   int64
}

func newSumCache() *sumCache { return &sumCache{sums: map[fileID]string{}} }

// sum returns the SHA-256 of the open file f.
func (c *sumCache) sum(f *os.File) (string, error) {
	if c == nil {
		return fileSHA256(f)
	}
	id, err := identify(f)
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	sum, ok := c.sums[id]
	c.mu.Unlock()
	if ok {
		return sum, nil
	}
	if sum, err = fileSHA256(f); err != nil {
		return "", err
	}
	// The file could have changed while it was read: remember the sum only
	// if it is still the file identified before.
	if after, err := identify(f); err == nil && after == id {
		c.mu.Lock()
		c.sums[id] = sum
		c.mu.Unlock()
	}
	return sum, nil
}

func identify(f *os.File) (fileID, error) {
	info, err := f.Stat()
	if err != nil {
		return fileID{}, fmt.Errorf("%w: %w", ErrUnsafeBinary, err)
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, fmt.Errorf("%w: cannot identify %s", ErrUnsafeBinary, f.Name())
	}
	return fileID{
		dev: st.Dev, ino: st.Ino, size: uint64(st.Size), //nolint:gosec // G115: a file size is never negative
		mtime: st.Mtim.Nano(), ctime: st.Ctim.Nano(),
	}, nil
}
