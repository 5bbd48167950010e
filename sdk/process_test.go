package sdk_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"

	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/grpcplugin"
	"github.com/diwanpanel/diwan/sdk/plugintest"
	"github.com/diwanpanel/diwan/sdk/protocol"
)

// These tests build real plugin binaries and run them as the core will.

// build compiles the package at pkg (relative to the module) into dir.
func build(t *testing.T, pkg string) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build plugins: %v", err)
	}
	bin := filepath.Join(t.TempDir(), filepath.Base(pkg))
	out, err := exec.Command(goBin, "build", "-o", bin, pkg).CombinedOutput()
	if err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, out)
	}
	return bin
}

// syncBuffer is a bytes.Buffer safe for go-plugin's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// launch starts bin the way the core does and returns its client; stderr
// receives the plugin's raw standard error.
func launch(t *testing.T, bin string, stderr *syncBuffer) *grpcplugin.Client {
	t.Helper()
	cfg, err := grpcplugin.ClientConfig(exec.Command(bin))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Logger = hclog.New(&hclog.LoggerOptions{Output: stderr, Level: hclog.Debug})
	cfg.Stderr = stderr
	cfg.StartTimeout = 10 * time.Second
	client := plugin.NewClient(cfg)
	t.Cleanup(client.Kill)
	rpc, err := client.Client()
	if err != nil {
		t.Fatalf("start %s: %v\nstderr:\n%s", bin, err, stderr.String())
	}
	raw, err := rpc.Dispense(protocol.PluginName)
	if err != nil {
		t.Fatal(err)
	}
	return raw.(*grpcplugin.Client)
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestHelloBinary(t *testing.T) {
	bin := build(t, "./examples/hello")
	t.Run("describe", func(t *testing.T) { testDescribe(t, bin) })
	t.Run("refuses to run by hand", func(t *testing.T) { testWithoutCookie(t, bin) })
	t.Run("serves the core", func(t *testing.T) { testServesTheCore(t, bin) })
}

func testDescribe(t *testing.T, bin string) {
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, "-describe")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %s", err, stderr.String())
	}
	var m struct {
		ID      string `json:"id"`
		Version string `json:"version"`
		Name    struct {
			ByLocale map[string]string `json:"by_locale"`
		} `json:"name"`
		Actions []struct {
			Name string `json:"name"`
		} `json:"actions"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &m); err != nil {
		t.Fatalf("stdout is not the manifest as JSON: %v\n%s", err, stdout.String())
	}
	if m.ID != "hello" || m.Version != "0.1.0" || m.Name.ByLocale["ar"] == "" || len(m.Actions) != 1 || m.Actions[0].Name != "wave" {
		t.Errorf("manifest = %+v", m)
	}
}

func testWithoutCookie(t *testing.T, bin string) {
	cmd := exec.Command(bin)
	cmd.Env = withoutCookie(os.Environ())
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() == 0 {
		t.Fatalf("run without the cookie: %v, want a non-zero exit", err)
	}
	if !strings.Contains(string(out), "This binary is a plugin") {
		t.Errorf("output %q lacks go-plugin's message", out)
	}
}

func withoutCookie(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, protocol.Handshake.MagicCookieKey+"=") {
			out = append(out, kv)
		}
	}
	return out
}

// testServesTheCore drives the binary over go-plugin with automatic mTLS,
// the broker and the Host service, as the core will.
func testServesTheCore(t *testing.T, bin string) {
	var stderr syncBuffer
	c := launch(t, bin, &stderr)
	if m, err := c.Describe(testCtx(t)); err != nil || m.ID != "hello" {
		t.Fatalf("Describe = %v, %v", m.ID, err)
	}
	host := plugintest.NewFakeHost()
	host.Grant(sdk.PermissionKV)
	if err := c.Configure(testCtx(t), json.RawMessage(`{"greeting":"Salaam"}`), host); err != nil {
		t.Fatal(err)
	}
	r, err := c.Apply(testCtx(t), "greeting", "", json.RawMessage(`{"name":"Layla"}`))
	if err != nil || !strings.Contains(string(r.JSON), `"message":"Salaam, Layla!"`) {
		t.Fatalf("Apply = %s, %v", r.JSON, err)
	}
	if _, ok := host.KV()["greeting/"+r.ID]; !ok {
		t.Errorf("the greeting is not in the host's KV: %v", host.KV())
	}
	out, err := c.Invoke(testCtx(t), grpcplugin.Call{Action: "wave", Input: json.RawMessage(`{"times":2}`)}, nil)
	if err != nil || string(out) != `{"waved":2}` {
		t.Errorf("Invoke = %s, %v", out, err)
	}
}

func TestStdoutGuardKeepsTheHandshakeFirst(t *testing.T) {
	bin := build(t, "./testdata/noisy")
	var stderr syncBuffer
	c := launch(t, bin, &stderr)
	if h, err := c.CheckHealth(testCtx(t)); err != nil || h.Status != sdk.HealthOK {
		t.Fatalf("CheckHealth = %+v, %v", h, err)
	}
	for _, noise := range []string{"noise from init", "noise from main"} {
		if !strings.Contains(stderr.String(), noise) {
			t.Errorf("%q did not reach standard error:\n%s", noise, stderr.String())
		}
	}
}
