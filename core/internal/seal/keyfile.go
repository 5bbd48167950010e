package seal

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// LoadOrCreateKey reads the secret key kept at path, creating one (32
// random bytes, hex, mode 0600 in a 0700 directory) when the file does not
// exist. The dev profile uses it when security.secret_key is not set; prod
// requires the key to be configured.
func LoadOrCreateKey(path string) ([]byte, error) {
	data, err := os.ReadFile(path) //nolint:gosec // G304: the configured key file
	if errors.Is(err, fs.ErrNotExist) {
		return createKey(path)
	}
	if err != nil {
		return nil, fmt.Errorf("seal: read key file: %w", err)
	}
	key := []byte(strings.TrimSpace(string(data)))
	if len(key) < MinKeyLen {
		return nil, fmt.Errorf("seal: key file %s holds %d bytes, want at least %d", path, len(key), MinKeyLen)
	}
	return key, nil
}

func createKey(path string) ([]byte, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("seal: create key directory: %w", err)
	}
	raw := make([]byte, 32)
	_, _ = rand.Read(raw)
	key := []byte(hex.EncodeToString(raw))
	// O_EXCL: two processes starting at once must not each write a key.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600) //nolint:gosec // G304: the configured key file
	if errors.Is(err, fs.ErrExist) {
		return LoadOrCreateKey(path)
	}
	if err != nil {
		return nil, fmt.Errorf("seal: create key file: %w", err)
	}
	if _, err := f.Write(append(key, '\n')); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("seal: write key file: %w", err)
	}
	return key, f.Close()
}
