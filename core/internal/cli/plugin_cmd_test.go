package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/control/controltest"
)

// pluginEnv is a fresh SQLite panel whose control socket is in a private
// directory, with the hello plugin installed (disabled).
func pluginEnv(t *testing.T) (env []string, socket, binary string) {
	t.Helper()
	socket = filepath.Join(t.TempDir(), "control.sock")
	env = append(sqliteEnv(t), "DIWAN_SERVER__CONTROL_SOCKET="+socket)
	binary = controltest.Hello(t)
	if code, out, errOut := run(t, env, "plugin", "install", binary); code != ExitOK || !strings.Contains(out, "installed plugin hello") {
		t.Fatalf("install: exit %d %q %q", code, out, errOut)
	}
	return env, socket, binary
}

// `diwan plugin …` acts on a panel that `diwan serve` runs, without a
// restart.
func TestPluginCommandsDriveTheRunningPanel(t *testing.T) {
	env, _, _ := pluginEnv(t)
	startServe(t, env)
	steps := []struct {
		args []string
		want []string
	}{
		{[]string{"plugin", "enable", "hello"}, []string{"enabled plugin hello 0.1.0", "granted permissions:\n  kv ", "Stores the greetings. / لحفظ التحيات."}},
		{[]string{"plugin", "list"}, []string{"hello", "0.1.0", "true"}},
		{[]string{"plugin", "describe", "hello"}, []string{"hello 0.1.0: Hello / مرحبا", "kv", "Stores the greetings. / لحفظ التحيات.", "greeting", "wave", "granted:      kv"}},
		{[]string{"plugin", "restart", "hello"}, []string{"restarted plugin hello", "running true"}},
		{[]string{"plugin", "logs", "hello", "--lines", "5"}, nil},
		{[]string{"plugin", "disable", "hello"}, []string{"disabled plugin hello", "running false"}},
		{[]string{"plugin", "list"}, []string{"hello", "false"}},
	}
	for _, s := range steps {
		code, out, errOut := run(t, env, s.args...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d, stderr %q", s.args, code, errOut)
		}
		for _, w := range s.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: output lacks %q:\n%s", s.args, w, out)
			}
		}
	}
	code, out, _ := run(t, env, "plugin", "describe", "hello", "--json")
	var st struct {
		ID       string `json:"id"`
		Enabled  bool   `json:"enabled"`
		Manifest struct {
			ID string `json:"id"`
		} `json:"manifest"`
	}
	if code != ExitOK || json.Unmarshal([]byte(out), &st) != nil || st.ID != "hello" || st.Manifest.ID != "hello" || st.Enabled {
		t.Fatalf("describe --json: exit %d %q", code, out)
	}
	code, _, errOut := run(t, env, "plugin", "enable", "nope")
	if code != ExitFailed || !strings.Contains(errOut, "plugin nope is not installed") || !strings.Contains(errOut, "diwan plugin list") {
		t.Fatalf("enable of an unknown plugin: exit %d %q", code, errOut)
	}
}

// Bad arguments exit 2 naming the argument, before anything is asked.
func TestPluginCommandsRefuseBadArguments(t *testing.T) {
	env := append(sqliteEnv(t), "DIWAN_SERVER__CONTROL_SOCKET="+filepath.Join(t.TempDir(), "none.sock"))
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"plugin", "enable", "Bad_Id"}, []string{"plugin enable: ID", `"Bad_Id" is not a plugin id`}},
		{[]string{"plugin", "disable", "x"}, []string{"plugin disable: ID", `"x" is not a plugin id`}},
		{[]string{"plugin", "restart"}, []string{"takes one plugin ID"}},
		{[]string{"plugin", "logs", "hello", "--lines", "0"}, []string{"--lines", "got 0"}},
		{[]string{"plugin", "logs", "hello", "--lines", "many"}, []string{"lines"}},
		{[]string{"plugin", "describe", "Hello"}, []string{"ID|PATH", `"Hello" is not a plugin id`, "./Hello"}},
		{[]string{"plugin", "describe"}, []string{"one plugin ID or PATH"}},
	}
	for _, tc := range cases {
		code, _, errOut := run(t, env, tc.args...)
		if code != ExitConfig {
			t.Errorf("%v: exit %d, want 2; stderr %q", tc.args, code, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("%v: stderr lacks %q: %q", tc.args, w, errOut)
			}
		}
	}
}

// Without a running panel, a change is refused with what to do, and the
// database is left as it was; list and describe PATH still work.
func TestPluginCommandsWithoutAPanel(t *testing.T) {
	env, socket, binary := pluginEnv(t)
	for _, verb := range []string{"enable", "disable"} {
		code, _, errOut := run(t, env, "plugin", verb, "hello")
		for _, w := range []string{"the panel is not running", socket, "diwan serve", "never by editing its database"} {
			if code != ExitFailed || !strings.Contains(errOut, w) {
				t.Errorf("%s without a panel: exit %d, stderr %q lacks %q", verb, code, errOut, w)
			}
		}
	}
	if code, _, errOut := run(t, env, "plugin", "logs", "hello"); code != ExitFailed || !strings.Contains(errOut, "the panel is not running") {
		t.Errorf("logs without a panel: exit %d %q", code, errOut)
	}
	code, out, errOut := run(t, env, "plugin", "list")
	if code != ExitOK || !strings.Contains(out, "hello") || !strings.Contains(out, "false") || !strings.Contains(errOut, "not running") {
		t.Fatalf("list without a panel: exit %d %q %q", code, out, errOut)
	}
	code, out, errOut = run(t, env, "plugin", "describe", binary)
	for _, w := range []string{"hello 0.1.0: Hello", "activation:   on-demand", "kv ", "sha256:", binary} {
		if code != ExitOK || !strings.Contains(out, w) {
			t.Errorf("describe PATH: exit %d, output lacks %q:\n%s%s", code, w, out, errOut)
		}
	}
	code, out, _ = run(t, env, "plugin", "describe", binary, "--json")
	var d struct {
		Binary   string `json:"binary"`
		SHA256   string `json:"sha256"`
		Manifest struct {
			ID string `json:"id"`
		} `json:"manifest"`
	}
	if code != ExitOK || json.Unmarshal([]byte(out), &d) != nil || d.Binary != binary || len(d.SHA256) != 64 || d.Manifest.ID != "hello" {
		t.Fatalf("describe PATH --json: exit %d %q", code, out)
	}
	if code, _, errOut := run(t, env, "plugin", "describe", "/nonexistent/hello"); code != ExitFailed || !strings.Contains(errOut, "unsafe plugin binary") {
		t.Fatalf("describe of a missing binary: exit %d %q", code, errOut)
	}
	off := append(env, "DIWAN_SERVER__CONTROL_SOCKET=")
	if code, _, errOut := run(t, off, "plugin", "enable", "hello"); code != ExitFailed || !strings.Contains(errOut, "server.control_socket is empty") {
		t.Fatalf("enable with the socket off: exit %d %q", code, errOut)
	}
}
