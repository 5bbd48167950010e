package cli

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/core/internal/store/storetest"
	"github.com/diwanpanel/diwan/core/internal/testsvc"
)

// startServe runs Serve with the environment until the test ends and
// returns the base URL.
func startServe(t *testing.T, environ []string) string {
	t.Helper()
	base, _ := startServeSetup(t, environ)
	return base
}

// startServeSetup is startServe that also returns the setup token.
func startServeSetup(t *testing.T, environ []string) (string, string) {
	t.Helper()
	state := t.TempDir()
	environ = append([]string{
		"DIWAN_SECURITY__KEY_FILE=" + filepath.Join(state, "secret.key"),
		"DIWAN_PLUGINS__RUN_DIR=" + filepath.Join(state, "run"),
		"DIWAN_SERVER__CONTROL_SOCKET=" + filepath.Join(state, "control.sock"),
		"DIWAN_LOG__DIR=" + filepath.Join(state, "logs"),
		"DIWAN_PLUGINS__DIR=" + filepath.Join(state, "plugins"),
	}, environ...)
	environ = append(environ, "DIWAN_SERVER__LISTEN=127.0.0.1:0")
	cfg, err := config.Load(config.Options{
		Environ:     environ,
		DefaultFile: filepath.Join(t.TempDir(), "absent.yaml"),
		Env:         &config.Environment{},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	type started struct {
		addr  net.Addr
		setup string
	}
	addr := make(chan started, 1)
	// finished is closed when Serve returns, with its error in served: both
	// the wait below and the cleanup may read it.
	finished := make(chan struct{})
	var served error
	log := hclog.New(&hclog.LoggerOptions{Output: testWriter{t}, Level: hclog.Warn})
	go func() {
		defer close(finished)
		served = Serve(ctx, cfg, log, func(a net.Addr, setup string) { addr <- started{a, setup} })
	}()
	t.Cleanup(func() {
		cancel()
		<-finished
		if served != nil && !t.Failed() {
			t.Errorf("serve: %v", served)
		}
	})
	select {
	case a := <-addr:
		return "http://" + a.addr.String(), a.setup
	case <-finished:
		t.Fatalf("serve ended before listening: %v", served)
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not start")
	}
	return "", ""
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func status(base, path string) int {
	client := http.Client{Timeout: 3 * time.Second}
	resp, err := client.Get(base + path)
	if err != nil {
		return 0
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}

// waitStatus polls until path answers want and returns how long it took.
func waitStatus(t *testing.T, base, path string, want int, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < limit {
		if status(base, path) == want {
			return time.Since(start)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s did not answer %d within %s (last %d)", path, want, limit, status(base, path))
	return 0
}

// The database going away makes readiness fail within 5 s, and its return
// makes it pass again, without a restart.
func TestReadinessFollowsTheDatabase(t *testing.T) {
	for _, d := range []config.Dialect{config.Postgres, config.MySQL} {
		t.Run(string(d), func(t *testing.T) {
			dsn, err := url.Parse(storetest.NewDatabase(t, d))
			if err != nil {
				t.Fatal(err)
			}
			proxy := testsvc.StartProxy(t, dsn.Host)
			dsn.Host = proxy.Addr()
			base := startServe(t, []string{"DIWAN_DATABASE__DSN=" + dsn.String()})

			if got := status(base, "/health/ready"); got != http.StatusOK {
				t.Fatalf("ready before the cut = %d", got)
			}
			proxy.Cut()
			took := waitStatus(t, base, "/health/ready", http.StatusServiceUnavailable, 5*time.Second)
			t.Logf("503 after %s", took)
			if got := status(base, "/health/live"); got != http.StatusOK {
				t.Fatalf("live while the database is down = %d", got)
			}
			proxy.Restore()
			took = waitStatus(t, base, "/health/ready", http.StatusOK, 10*time.Second)
			t.Logf("200 again after %s", took)
		})
	}
}

func TestServeRefusesNewerSchema(t *testing.T) {
	env := sqliteEnv(t)
	if code, _, errOut := run(t, env, "migrate", "up"); code != ExitOK {
		t.Fatal(errOut)
	}
	dsn := strings.TrimPrefix(env[0], "DIWAN_DATABASE__DSN=") // sqliteEnv puts it first
	s, err := store.Open(context.Background(), storetest.Pool(dsn))
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.DB().ExecContext(context.Background(),
		"INSERT INTO bun_migrations (name, group_id, migrated_at) VALUES ('29991231000000', 9, CURRENT_TIMESTAMP)")
	_ = s.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, auto := range []string{"true", "false"} {
		code, out, errOut := run(t, append(env, "DIWAN_DATABASE__AUTO_MIGRATE="+auto, "DIWAN_SERVER__LISTEN=127.0.0.1:0"), "serve")
		if code != ExitFailed || !strings.Contains(errOut, "newer than this diwan") || !strings.Contains(errOut, "29991231000000") {
			t.Fatalf("auto_migrate=%s: exit %d, stderr %q", auto, code, errOut)
		}
		if strings.Contains(out, "serving") {
			t.Fatal("served on a newer schema")
		}
	}
}

func TestServeWithoutAutoMigrateNeedsMigrations(t *testing.T) {
	env := append(sqliteEnv(t), "DIWAN_DATABASE__AUTO_MIGRATE=false", "DIWAN_SERVER__LISTEN=127.0.0.1:0")
	code, _, errOut := run(t, env, "serve")
	if code != ExitFailed || !strings.Contains(errOut, "diwan migrate up") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestServeWithRedis(t *testing.T) {
	base := startServe(t, append(sqliteEnv(t), "DIWAN_REDIS__URL="+testsvc.RedisURL(), "DIWAN_REDIS__KEY_PREFIX=diwantest:serve:"))
	client := http.Client{Timeout: 3 * time.Second}
	resp, err := client.Get(base + "/health/ready")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body strings.Builder
	buf := make([]byte, 512)
	n, _ := resp.Body.Read(buf)
	body.Write(buf[:n])
	if resp.StatusCode != 200 || !strings.Contains(body.String(), `"redis":{"status":"ok"`) {
		t.Fatalf("ready with redis = %d %s", resp.StatusCode, body.String())
	}
}

func TestRequiredPluginJoinsReadiness(t *testing.T) {
	base := startServe(t, append(sqliteEnv(t), "DIWAN_PLUGINS__REQUIRED=hello"))
	client := http.Client{Timeout: 3 * time.Second}
	resp, err := client.Get(base + "/health/ready")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	buf := make([]byte, 1024)
	n, _ := resp.Body.Read(buf)
	if resp.StatusCode != 503 || !strings.Contains(string(buf[:n]), `"plugin:hello":{"status":"unavailable"`) {
		t.Fatalf("ready with a required plugin missing = %d %s", resp.StatusCode, buf[:n])
	}
}

// The whole /metrics of a running panel (HTTP, database pool, plugins, Go
// runtime, process) passes Prometheus's linter.
func TestServeMetricsPassPromtool(t *testing.T) {
	base := startServe(t, sqliteEnv(t))
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 || !strings.Contains(string(body), "diwan_db_pool_open_connections") {
		t.Fatalf("metrics = %d %v\n%s", resp.StatusCode, err, body)
	}
	testsvc.CheckMetrics(t, string(body))
}
