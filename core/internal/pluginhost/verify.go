// Package pluginhost runs Diwan's plugins: the catalog of installed
// binaries, their verification before every start, and (as it grows) launch,
// supervision, permissions and shutdown.
package pluginhost

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// ErrUnsafeBinary is wrapped by every refusal of Verify.
var ErrUnsafeBinary = errors.New("pluginhost: unsafe plugin binary")

// Verify checks a plugin binary before it is registered or started and
// returns its SHA-256 in hex. The path must be absolute and name a regular,
// executable file, not a symlink, owned by root or by this process's user;
// neither the file nor any directory above it may be writable by group or
// others (a directory with the sticky bit, like /tmp, is allowed: nobody
// else can replace what is ours in it). When want is not empty the checksum
// must equal it: a binary changed after install does not start.
func Verify(path, want string) (string, error) {
	f, sum, err := OpenVerified(path, want)
	if err != nil {
		return "", err
	}
	_ = f.Close()
	return sum, nil
}

// OpenVerified is Verify that also returns the file it verified, open for
// reading. Starting the plugin from that open file (see verifiedCommand)
// runs exactly the bytes that were checked, even if the path is replaced
// in between. The caller closes the file.
func OpenVerified(path, want string) (*os.File, string, error) {
	return openVerified(path, want, nil)
}

// openVerified is OpenVerified that takes the checksum from sums when the
// file is unchanged since sums hashed it.
func openVerified(path, want string, sums *sumCache) (*os.File, string, error) {
	if !filepath.IsAbs(path) {
		return nil, "", fmt.Errorf("%w: %q is not an absolute path", ErrUnsafeBinary, path)
	}
	info, err := os.Lstat(path)
	if err != nil {
		return nil, "", fmt.Errorf("%w: %w", ErrUnsafeBinary, err)
	}
	if err := checkFile(path, info); err != nil {
		return nil, "", err
	}
	if err := checkParents(filepath.Dir(path)); err != nil {
		return nil, "", err
	}
	f, err := openSame(path, info)
	if err != nil {
		return nil, "", err
	}
	sum, err := sums.sum(f)
	if err != nil {
		_ = f.Close()
		return nil, "", err
	}
	if want != "" && subtle.ConstantTimeCompare([]byte(sum), []byte(want)) != 1 {
		_ = f.Close()
		return nil, "", fmt.Errorf("%w: %s changed since it was installed (sha256 %s, pinned %s); reinstall it to accept the new binary",
			ErrUnsafeBinary, path, sum, want)
	}
	return f, sum, nil
}

// openSame opens path without following a symbolic link and checks that
// it is still the file that was checked as info.
func openSame(path string, info fs.FileInfo) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW, 0) //nolint:gosec // G304: the plugin binary being verified
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUnsafeBinary, err)
	}
	opened, err := f.Stat()
	if err != nil || !os.SameFile(info, opened) {
		_ = f.Close()
		return nil, fmt.Errorf("%w: %s was replaced while it was checked", ErrUnsafeBinary, path)
	}
	return f, nil
}

func checkFile(path string, info fs.FileInfo) error {
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%w: %s is a symbolic link; install the file it points to", ErrUnsafeBinary, path)
	case !info.Mode().IsRegular():
		return fmt.Errorf("%w: %s is not a regular file", ErrUnsafeBinary, path)
	case info.Mode().Perm()&0o111 == 0:
		return fmt.Errorf("%w: %s is not executable", ErrUnsafeBinary, path)
	case info.Mode().Perm()&0o022 != 0:
		return fmt.Errorf("%w: %s is writable by group or others (mode %v)", ErrUnsafeBinary, path, info.Mode().Perm())
	}
	return checkOwner(path, info)
}

// checkParents walks from dir up to the root.
func checkParents(dir string) error {
	for {
		info, err := os.Stat(dir)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrUnsafeBinary, err)
		}
		if info.Mode().Perm()&0o022 != 0 && info.Mode()&fs.ModeSticky == 0 {
			return fmt.Errorf("%w: directory %s is writable by group or others (mode %v)", ErrUnsafeBinary, dir, info.Mode().Perm())
		}
		if err := checkOwner(dir, info); err != nil {
			return err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil
		}
		dir = parent
	}
}

// checkOwner accepts root and this process's effective user.
func checkOwner(path string, info fs.FileInfo) error {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fmt.Errorf("%w: cannot read the owner of %s", ErrUnsafeBinary, path)
	}
	if st.Uid != 0 && int(st.Uid) != os.Geteuid() {
		return fmt.Errorf("%w: %s is owned by uid %d, neither root nor this process's user", ErrUnsafeBinary, path, st.Uid)
	}
	return nil
}

func fileSHA256(f *os.File) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("pluginhost: read %s: %w", f.Name(), err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
