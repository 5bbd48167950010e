package cli

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
)

func runWithStdin(t *testing.T, environ []string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, IO{In: strings.NewReader(stdin), Out: &out, Err: &errOut, Environ: environ})
	return code, out.String(), errOut.String()
}

func TestUserCreateAndList(t *testing.T) {
	env := sqliteEnv(t)
	code, out, errOut := runWithStdin(t, env, "a long enough password\n", "user", "create", "ops", "--role", "admin", "--password-stdin")
	if code != ExitOK || !strings.Contains(out, "created user ops") {
		t.Fatalf("create: exit %d %q %q", code, out, errOut)
	}
	for _, tc := range []struct {
		stdin string
		args  []string
		want  string
	}{
		{"a long enough password\n", []string{"user", "create", "ops", "--role", "admin", "--password-stdin"}, "is taken"},
		{"short\n", []string{"user", "create", "dev", "--password-stdin"}, "password"},
		{"a long enough password\n", []string{"user", "create", "dev", "--role", "root", "--password-stdin"}, "role"},
		{"a long enough password\n", []string{"user", "create", "Bad Name", "--password-stdin"}, "username"},
		{"a long enough password\n", []string{"user", "create", "dev"}, "--password-stdin"},
		{"", []string{"user", "create", "dev", "--password-stdin"}, "standard input"},
	} {
		code, _, errOut := runWithStdin(t, env, tc.stdin, tc.args...)
		if code != ExitConfig || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 naming %q", tc.args, code, errOut, tc.want)
		}
	}
	code, out, _ = runWithStdin(t, env, "", "user", "list")
	if code != ExitOK || !strings.Contains(out, "ops") || !strings.Contains(out, "admin") || strings.Contains(out, "dev") {
		t.Fatalf("list: exit %d\n%s", code, out)
	}
}

func TestServeOffersSetupUntilAnAdminExists(t *testing.T) {
	env := sqliteEnv(t)
	base, token := startServeSetup(t, env)
	if token == "" {
		t.Fatal("no setup token on an empty panel")
	}
	body := `{"token":"` + token + `","username":"first","password":"a long enough password"}`
	resp, err := http.Post(base+"/api/v1/setup", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Fatalf("setup with the printed token = %d", resp.StatusCode)
	}
	if _, again := startServeSetup(t, env); again != "" {
		t.Fatal("a setup token was offered although an admin exists")
	}
}

func TestPluginInstallAndList(t *testing.T) {
	env := sqliteEnv(t)
	code, _, errOut := runWithStdin(t, env, "", "plugin", "install", "/nonexistent/plugin")
	if code != ExitFailed || !strings.Contains(errOut, "unsafe plugin binary") {
		t.Fatalf("missing binary: exit %d %q", code, errOut)
	}
	if code, _, errOut := runWithStdin(t, env, "", "plugin", "install"); code != ExitConfig || !strings.Contains(errOut, "PATH") {
		t.Fatalf("no path: exit %d %q", code, errOut)
	}
	code, out, _ := runWithStdin(t, env, "", "plugin", "list")
	if code != ExitOK || !strings.Contains(out, "ID") || strings.Count(out, "\n") != 1 {
		t.Fatalf("empty list: exit %d %q", code, out)
	}
}
