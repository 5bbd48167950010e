package pluginhost

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/store/storetest"
)

// fakePlugin builds a tiny program that answers -describe with out.
func fakePlugin(t *testing.T, out string) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	prog := "package main\n\nimport (\"fmt\"; \"os\")\n\nfunc main() {\n\tif len(os.Args) > 1 && os.Args[1] == \"-describe\" {\n\t\tfmt.Print(" +
		rawString(out) + ")\n\t\treturn\n\t}\n\tos.Exit(1)\n}\n"
	if err := os.WriteFile(src, []byte(prog), 0o600); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "bin", "plugin")
	cmd := exec.Command("go", "build", "-o", bin, src)
	cmd.Env = append(os.Environ(), "GOWORK=off")
	cmd.Dir = dir
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build fake plugin: %v\n%s", err, b)
	}
	return bin
}

// rawString writes s as a Go raw string literal.
func rawString(s string) string { return "`" + s + "`" }

func TestInstallRegistersADescribedBinary(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t, config.SQLite)
	bin := fakePlugin(t, `{"id":"hello","version":"0.1.0","name":{"en":"Hello"}}`)
	p, err := Install(ctx, st.Plugins(), bin)
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != "hello" || p.Version != "0.1.0" || p.Enabled || p.BinaryPath != bin || len(p.SHA256) != 64 || p.State != "registered" {
		t.Fatalf("installed %+v", p)
	}
	if _, err := Verify(bin, p.SHA256); err != nil {
		t.Fatalf("the pinned checksum does not verify: %v", err)
	}
}

func TestInstallRefusesBadBinaries(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t, config.SQLite)
	for _, tc := range []struct {
		name, out, says string
	}{
		{"not a manifest", "hello world", "printed no manifest"},
		{"bad id", `{"id":"Hello World","version":"1.0.0"}`, "manifest id"},
		{"bad version", `{"id":"hello","version":"latest"}`, "manifest version"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Install(ctx, st.Plugins(), fakePlugin(t, tc.out))
			if err == nil || !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("Install = %v, want an error saying %q", err, tc.says)
			}
		})
	}
	unsafe := fakePlugin(t, `{"id":"hello","version":"1.0.0"}`)
	if err := os.Chmod(unsafe, 0o777); err != nil {
		t.Fatal(err)
	}
	if _, err := Install(ctx, st.Plugins(), unsafe); !errors.Is(err, ErrUnsafeBinary) {
		t.Fatalf("world-writable binary: %v", err)
	}
	if list, _ := st.Plugins().List(ctx); len(list) != 0 {
		t.Fatalf("refused binaries were registered: %+v", list)
	}
}
