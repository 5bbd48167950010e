package seal

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var testKey = []byte(strings.Repeat("k", 32))

func TestSealOpen(t *testing.T) {
	b, err := New(testKey, "totp")
	if err != nil {
		t.Fatal(err)
	}
	plain := []byte("JBSWY3DPEHPK3PXP")
	sealed := b.Seal(plain, "user:5")
	if strings.Contains(sealed, string(plain)) || !strings.HasPrefix(sealed, "v1:") {
		t.Fatalf("sealed = %q", sealed)
	}
	if sealed == b.Seal(plain, "user:5") {
		t.Fatal("two seals of one value are equal: the nonce is not random")
	}
	got, err := b.Open(sealed, "user:5")
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("open = %q, %v", got, err)
	}
	other, _ := New(append([]byte{}, bytes.Repeat([]byte("x"), 32)...), "totp")
	otherPurpose, _ := New(testKey, "plugin")
	tampered := sealed[:len(sealed)-2] + "AA"
	for name, open := range map[string]func() ([]byte, error){
		"another record":  func() ([]byte, error) { return b.Open(sealed, "user:6") },
		"another key":     func() ([]byte, error) { return other.Open(sealed, "user:5") },
		"another purpose": func() ([]byte, error) { return otherPurpose.Open(sealed, "user:5") },
		"tampered":        func() ([]byte, error) { return b.Open(tampered, "user:5") },
		"plain text":      func() ([]byte, error) { return b.Open(string(plain), "user:5") },
		"not base64":      func() ([]byte, error) { return b.Open("v1:***", "user:5") },
		"too short":       func() ([]byte, error) { return b.Open("v1:AAAA", "user:5") },
		"empty":           func() ([]byte, error) { return b.Open("", "user:5") },
	} {
		if got, err := open(); !errors.Is(err, ErrOpen) || got != nil {
			t.Errorf("%s: %q, %v", name, got, err)
		}
	}
	if _, err := New([]byte("short"), "totp"); err == nil {
		t.Fatal("a short key was accepted")
	}
}

func TestLoadOrCreateKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "secret.key")
	key, err := LoadOrCreateKey(path)
	if err != nil || len(key) != 64 {
		t.Fatalf("created key %q, %v", key, err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, %v", info.Mode(), err)
	}
	if dir, _ := os.Stat(filepath.Dir(path)); dir.Mode().Perm() != 0o700 {
		t.Fatalf("key directory mode %v", dir.Mode())
	}
	again, err := LoadOrCreateKey(path)
	if err != nil || !bytes.Equal(again, key) {
		t.Fatalf("the key changed on reload: %q, %v", again, err)
	}
	if err := os.WriteFile(path, []byte("short\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateKey(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("a short key file was accepted: %v", err)
	}
}
