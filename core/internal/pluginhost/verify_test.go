package pluginhost

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// binary writes an executable file in a private directory.
func binary(t *testing.T, content string) (string, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "plugins")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "hello")
	if err := os.WriteFile(path, []byte(content), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir, path
}

func TestVerifyAcceptsASafeBinary(t *testing.T) {
	_, path := binary(t, "#!/bin/true\n")
	sum, err := Verify(path, "")
	if err != nil || len(sum) != 64 {
		t.Fatalf("Verify = %q, %v", sum, err)
	}
	if again, err := Verify(path, sum); err != nil || again != sum {
		t.Fatalf("pinned verify = %q, %v", again, err)
	}
}

func TestVerifyRefusesUnsafeBinaries(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T) (path, want string)
		says  string
	}{
		{"relative path", func(t *testing.T) (string, string) { return "plugins/hello", "" }, "absolute"},
		{"missing", func(t *testing.T) (string, string) { return filepath.Join(t.TempDir(), "nope"), "" }, "no such file"},
		{"symlink", func(t *testing.T) (string, string) {
			dir, path := binary(t, "x")
			link := filepath.Join(dir, "link")
			if err := os.Symlink(path, link); err != nil {
				t.Fatal(err)
			}
			return link, ""
		}, "symbolic link"},
		{"directory", func(t *testing.T) (string, string) { dir, _ := binary(t, "x"); return dir, "" }, "not a regular file"},
		{"not executable", func(t *testing.T) (string, string) {
			_, path := binary(t, "x")
			chmod(t, path, 0o644)
			return path, ""
		}, "not executable"},
		{"world-writable file", func(t *testing.T) (string, string) {
			_, path := binary(t, "x")
			chmod(t, path, 0o757)
			return path, ""
		}, "writable by group or others"},
		{"group-writable file", func(t *testing.T) (string, string) {
			_, path := binary(t, "x")
			chmod(t, path, 0o775)
			return path, ""
		}, "writable by group or others"},
		{"writable directory", func(t *testing.T) (string, string) {
			dir, path := binary(t, "x")
			chmod(t, dir, 0o777)
			return path, ""
		}, "directory"},
		{"changed after install", func(t *testing.T) (string, string) {
			_, path := binary(t, "version one")
			sum, err := Verify(path, "")
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte("version two"), 0o755); err != nil {
				t.Fatal(err)
			}
			return path, sum
		}, "changed since it was installed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path, want := tc.setup(t)
			sum, err := Verify(path, want)
			if !errors.Is(err, ErrUnsafeBinary) || !strings.Contains(err.Error(), tc.says) || sum != "" {
				t.Fatalf("Verify(%s) = %q, %v; want a refusal saying %q", path, sum, err, tc.says)
			}
		})
	}
}

func chmod(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}
