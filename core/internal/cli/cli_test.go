package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/buildinfo"
)

// run executes the command line with only the given environment and an
// empty config file unless args name one.
func run(t *testing.T, environ []string, args ...string) (int, string, string) {
	t.Helper()
	if !strings.Contains(strings.Join(args, " "), "--config") {
		empty := filepath.Join(t.TempDir(), "empty.yaml")
		if err := os.WriteFile(empty, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, "--config", empty)
	}
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, IO{In: strings.NewReader(""), Out: &out, Err: &errOut, Environ: environ})
	return code, out.String(), errOut.String()
}

// sqliteEnv is a fresh SQLite database and key file, never in the source tree.
func sqliteEnv(t *testing.T) []string {
	dir := t.TempDir()
	return []string{
		"DIWAN_DATABASE__DSN=sqlite:" + filepath.Join(dir, "d.db"),
		"DIWAN_SECURITY__KEY_FILE=" + filepath.Join(dir, "secret.key"),
		"DIWAN_PLUGINS__RUN_DIR=" + filepath.Join(dir, "run"),
		"DIWAN_PLUGINS__DIR=" + filepath.Join(dir, "plugins"),
		"DIWAN_LOG__DIR=" + filepath.Join(dir, "logs"),
	}
}

func TestConfigValidateExitsTwoNamingEveryBadKey(t *testing.T) {
	file := filepath.Join(t.TempDir(), "diwan.yaml")
	body := "serverr:\n  listen: x\ndatabase:\n  max_open_conns: lots\n"
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		environ []string
		args    []string
		keys    []string
	}{
		{"unknown key", nil, []string{"--config", file}, []string{"serverr.listen"}},
		{"wrong type", []string{"DIWAN_SERVER__IDLE_TIMEOUT=forever"}, nil, []string{"server.idle_timeout"}},
		{"missing prod secret", []string{"DIWAN_PROFILE=prod"}, nil, []string{"security.secret_key"}},
		{"bad dsn", nil, []string{"--dsn", "postgres//nohost"}, []string{"database.dsn", "flag --dsn"}},
		{"all at once", []string{"DIWAN_PROFILE=prod", "DIWAN_DATABASE__DSN=ftp://x"}, []string{"--config", file},
			[]string{"serverr.listen", "database.max_open_conns", "security.secret_key", "database.dsn"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, cmd := range [][]string{{"config", "validate"}, {"serve"}, {"migrate", "up"}} {
				code, out, errOut := run(t, tc.environ, append(cmd, tc.args...)...)
				if code != ExitConfig {
					t.Fatalf("%v: exit %d, want 2; stderr %s", cmd, code, errOut)
				}
				for _, k := range tc.keys {
					if !strings.Contains(errOut, k) {
						t.Errorf("%v: stderr does not name %q:\n%s", cmd, k, errOut)
					}
				}
				if strings.Contains(out, "serving") {
					t.Fatalf("%v started despite a bad config", cmd)
				}
			}
		})
	}
	if code, out, _ := run(t, sqliteEnv(t), "config", "validate"); code != ExitOK || !strings.Contains(out, "valid") {
		t.Fatalf("a good config: exit %d %s", code, out)
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	for _, args := range [][]string{{"serve", "--no-such-flag"}, {"version", "extra"}, {"config", "show", "x"}} {
		if code, _, errOut := run(t, nil, args...); code != ExitConfig || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

func TestConfigShowMasksSecretsAndNamesOrigins(t *testing.T) {
	environ := []string{
		"DIWAN_DATABASE__DSN=postgres://diwan:hunter2@db.internal:5432/diwan",
		"DIWAN_SECURITY__SECRET_KEY=" + strings.Repeat("z", 40),
	}
	code, out, errOut := run(t, environ, "config", "show", "--listen", "127.0.0.1:9999")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Contains(out, "hunter2") || strings.Contains(out, strings.Repeat("z", 40)) {
		t.Fatalf("config show leaks a secret:\n%s", out)
	}
	for _, want := range []string{"db.internal:5432", "env DIWAN_DATABASE__DSN", "flag --listen", "127.0.0.1:9999", "default"} {
		if !strings.Contains(out, want) {
			t.Errorf("config show lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = run(t, environ, "config", "show", "--json")
	var doc struct {
		Settings []struct{ Key, Value, Origin string } `json:"settings"`
	}
	if code != ExitOK || json.Unmarshal([]byte(out), &doc) != nil || len(doc.Settings) == 0 {
		t.Fatalf("config show --json: exit %d %s", code, out)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := run(t, nil, "version", "--json")
	var info buildinfo.Info
	if code != ExitOK || json.Unmarshal([]byte(out), &info) != nil || info != buildinfo.Get() {
		t.Fatalf("version --json: exit %d %q", code, out)
	}
	code, out, _ = run(t, nil, "version")
	if code != ExitOK || !strings.Contains(out, info.GoVersion) || !strings.Contains(out, "commit:") {
		t.Fatalf("version: exit %d %q", code, out)
	}
}

func TestMigrateCommands(t *testing.T) {
	env := sqliteEnv(t)
	steps := []struct {
		args []string
		want string
	}{
		{[]string{"migrate", "status"}, "pending"},
		{[]string{"migrate", "up"}, "applied 20261125000001_settings"},
		{[]string{"migrate", "up"}, "nothing to do"},
		{[]string{"migrate", "status"}, "applied"},
		{[]string{"migrate", "down"}, "reverted 20261125000001_settings"},
		{[]string{"migrate", "status"}, "pending"},
		{[]string{"migrate", "unlock"}, "released"},
	}
	for _, s := range steps {
		code, out, errOut := run(t, env, s.args...)
		if code != ExitOK || !strings.Contains(out, s.want) {
			t.Fatalf("%v: exit %d, out %q, err %q; want %q", s.args, code, out, errOut, s.want)
		}
	}
}
