package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var plainEnv = &Environment{}

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func load(t *testing.T, opts Options) (*Config, error) {
	t.Helper()
	if opts.DefaultFile == "" {
		opts.DefaultFile = filepath.Join(t.TempDir(), "absent.yaml")
	}
	if opts.Env == nil {
		opts.Env = plainEnv
	}
	return Load(opts)
}

func TestLoadDefaultsAreDev(t *testing.T) {
	cfg, err := load(t, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Profile != ProfileDev || cfg.Server.Listen != "127.0.0.1:7800" ||
		cfg.Database.DSN != "sqlite:./data/diwan.db" || cfg.Log.Format != "text" {
		t.Fatalf("unexpected dev defaults: %+v", cfg)
	}
	if got := cfg.Origin("server.listen"); got != "default" {
		t.Fatalf("origin = %q", got)
	}
}

func TestLoadLayersInOrder(t *testing.T) {
	file := writeFile(t, "diwan.yaml", `
server:
  listen: 127.0.0.1:8000
  read_timeout: 5s
  body_limit: 8MiB
  trusted_proxies: [10.0.0.0/8, 127.0.0.1]
log:
  level: debug
database:
  max_open_conns: 4
`)
	cfg, err := load(t, Options{
		File: file,
		Environ: []string{
			"DIWAN_SERVER__LISTEN=127.0.0.1:9000",
			"DIWAN_DATABASE__MAX_IDLE_CONNS=3",
			"PATH=/usr/bin",
		},
		Flags: []Setting{{Key: "log.level", Value: "warn", Origin: "flag --log-level"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		key, origin string
		ok          bool
	}{
		{"server.listen", "env DIWAN_SERVER__LISTEN", cfg.Server.Listen == "127.0.0.1:9000"},
		{"server.read_timeout", "file " + file, cfg.Server.ReadTimeout == 5*time.Second},
		{"server.body_limit", "file " + file, cfg.Server.BodyLimit == 8<<20},
		{"server.trusted_proxies", "file " + file, len(cfg.Server.TrustedProxies) == 2},
		{"log.level", "flag --log-level", cfg.Log.Level == "warn"},
		{"database.max_open_conns", "file " + file, cfg.Database.MaxOpenConns == 4},
		{"database.max_idle_conns", "env DIWAN_DATABASE__MAX_IDLE_CONNS", cfg.Database.MaxIdleConns == 3},
		{"database.dsn", "default", cfg.Database.DSN == "sqlite:./data/diwan.db"},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s has the wrong value: %+v", c.key, cfg)
		}
		if got := cfg.Origin(c.key); got != c.origin {
			t.Errorf("%s origin = %q, want %q", c.key, got, c.origin)
		}
	}
}

func TestSecretFromFile(t *testing.T) {
	key := strings.Repeat("k", 40)
	path := writeFile(t, "secret", key+"\n")
	cfg, err := load(t, Options{Environ: []string{
		"DIWAN_PROFILE=prod",
		"DIWAN_SECURITY__SECRET_KEY_FILE=" + path,
	}})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Security.SecretKey != key {
		t.Fatalf("secret = %q", cfg.Security.SecretKey)
	}
	if cfg.Log.Format != "json" {
		t.Fatalf("prod should default to JSON logs, got %q", cfg.Log.Format)
	}
}

// Each bad input must be refused with its key named, and all at once.
func TestLoadRejectsBadInput(t *testing.T) {
	cases := []struct {
		name    string
		file    string
		environ []string
		keys    []string
	}{
		{name: "unknown file key", file: "server:\n  lisen: 1.2.3.4:80\n", keys: []string{"server.lisen"}},
		{name: "unknown env key", environ: []string{"DIWAN_DATABSE__DSN=sqlite:x.db"}, keys: []string{"databse.dsn"}},
		{name: "_FILE for a non-secret", environ: []string{"DIWAN_SERVER__LISTEN_FILE=/etc/hostname"}, keys: []string{"server.listen_file"}},
		{name: "unreadable secret file", environ: []string{"DIWAN_SECURITY__SECRET_KEY_FILE=/nonexistent/key"}, keys: []string{"security.secret_key"}},
		{name: "section given a scalar", file: "server: 5\n", keys: []string{"server"}},
		{name: "wrong type int", file: "database:\n  max_open_conns: many\n", keys: []string{"database.max_open_conns"}},
		{name: "wrong type duration", environ: []string{"DIWAN_SERVER__READ_TIMEOUT=10"}, keys: []string{"server.read_timeout"}},
		{name: "wrong type bool", file: "database:\n  auto_migrate: maybe\n", keys: []string{"database.auto_migrate"}},
		{name: "wrong type list", file: "server:\n  trusted_proxies: [1, 2]\n", keys: []string{"server.trusted_proxies"}},
		{name: "wrong type string", file: "log:\n  level: [a]\n", keys: []string{"log.level"}},
		{name: "bad size", file: "server:\n  body_limit: 4 parsecs\n", keys: []string{"server.body_limit"}},
		{name: "missing prod secret", environ: []string{"DIWAN_PROFILE=prod"}, keys: []string{"security.secret_key"}},
		{name: "short secret", environ: []string{"DIWAN_SECURITY__SECRET_KEY=short"}, keys: []string{"security.secret_key"}},
		{name: "bad dsn scheme", environ: []string{"DIWAN_DATABASE__DSN=oracle://x"}, keys: []string{"database.dsn"}},
		{name: "dsn without host", environ: []string{"DIWAN_DATABASE__DSN=postgres:///db"}, keys: []string{"database.dsn"}},
		{name: "mysql dsn without database", environ: []string{"DIWAN_DATABASE__DSN=mysql://root@127.0.0.1:3306"}, keys: []string{"database.dsn"}},
		{name: "dsn bad port", environ: []string{"DIWAN_DATABASE__DSN=postgres://h:99999/db"}, keys: []string{"database.dsn"}},
		{name: "empty sqlite path", environ: []string{"DIWAN_DATABASE__DSN=sqlite:"}, keys: []string{"database.dsn"}},
		{name: "bad profile", environ: []string{"DIWAN_PROFILE=staging"}, keys: []string{"profile"}},
		{name: "bad listen", environ: []string{"DIWAN_SERVER__LISTEN=localhost"}, keys: []string{"server.listen"}},
		{name: "bad trusted proxy", environ: []string{"DIWAN_SERVER__TRUSTED_PROXIES=10.0.0.0/8,nonsense"}, keys: []string{"server.trusted_proxies"}},
		{name: "tls half set", environ: []string{"DIWAN_SERVER__TLS_KEY=/nonexistent"}, keys: []string{"server.tls_cert", "server.tls_key"}},
		{name: "idle above open", file: "database:\n  max_open_conns: 2\n  max_idle_conns: 5\n", keys: []string{"database.max_idle_conns"}},
		{name: "bad redis url", environ: []string{"DIWAN_REDIS__URL=http://x"}, keys: []string{"redis.url"}},
		{name: "bad log format", environ: []string{"DIWAN_LOG__FORMAT=xml"}, keys: []string{"log.format"}},
		{name: "no key and no key file", environ: []string{"DIWAN_SECURITY__KEY_FILE="}, keys: []string{"security.key_file"}},
		{name: "bad required plugin", environ: []string{"DIWAN_PLUGINS__REQUIRED=hello,Bad_ID"}, keys: []string{"plugins.required"}},
		{name: "bad access log", environ: []string{"DIWAN_LOG__ACCESS=some"}, keys: []string{"log.access"}},
		{name: "log size out of range", environ: []string{"DIWAN_LOG__MAX_SIZE=1KiB"}, keys: []string{"log.max_size"}},
		{name: "idle timeout not positive", environ: []string{"DIWAN_PLUGINS__IDLE_TIMEOUT=0s"}, keys: []string{"plugins.idle_timeout"}},
		{name: "zero timeout", environ: []string{"DIWAN_HEALTH__CHECK_TIMEOUT=0s"}, keys: []string{"health.check_timeout"}},
		{name: "prod public without tls", environ: []string{"DIWAN_PROFILE=prod", "DIWAN_SECURITY__SECRET_KEY=" + strings.Repeat("x", 32), "DIWAN_SERVER__LISTEN=0.0.0.0:7800"}, keys: []string{"server.listen"}},
		{name: "bad allowed ip", environ: []string{"DIWAN_SERVER__ALLOWED_IPS=10.0.0.0/33"}, keys: []string{"server.allowed_ips"}},
		{name: "idle above absolute", environ: []string{"DIWAN_AUTH__SESSION_IDLE_TIMEOUT=24h"}, keys: []string{"auth.session_idle_timeout"}},
		{name: "argon2 memory too low", environ: []string{"DIWAN_AUTH__ARGON2_MEMORY=1024"}, keys: []string{"auth.argon2_memory"}},
		{name: "short min password", file: "auth:\n  min_password_length: 4\n", keys: []string{"auth.min_password_length"}},
		{name: "lockout max below base", environ: []string{"DIWAN_AUTH__LOCKOUT_MAX=1s"}, keys: []string{"auth.lockout_max"}},
		{name: "zero failures", environ: []string{"DIWAN_AUTH__ACCOUNT_MAX_FAILURES=0"}, keys: []string{"auth.account_max_failures"}},
		{name: "malformed yaml", file: "server:\n  listen: [unclosed\n", keys: []string{"config"}},
		{
			name:    "every problem at once",
			file:    "unknown: 1\nserver:\n  idle_timeout: soon\n",
			environ: []string{"DIWAN_PROFILE=prod", "DIWAN_DATABASE__DSN=nope"},
			keys:    []string{"unknown", "server.idle_timeout", "security.secret_key", "database.dsn"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := Options{Environ: tc.environ}
			if tc.file != "" {
				opts.File = writeFile(t, "diwan.yaml", tc.file)
			}
			cfg, err := load(t, opts)
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("want a ValidationError, got %v (config %+v)", err, cfg)
			}
			if cfg != nil {
				t.Fatal("a config was returned along with the error")
			}
			got := map[string]bool{}
			for _, p := range verr.Problems {
				got[p.Key] = true
			}
			for _, k := range tc.keys {
				if !got[k] {
					t.Errorf("problem for %q missing in:\n%v", k, err)
				}
				if !strings.Contains(err.Error(), k) {
					t.Errorf("message does not name %q: %v", k, err)
				}
			}
			if len(verr.Problems) != len(tc.keys) {
				t.Errorf("want %d problems, got:\n%v", len(tc.keys), err)
			}
		})
	}
}

func TestExplicitMissingFileIsAnError(t *testing.T) {
	_, err := load(t, Options{File: filepath.Join(t.TempDir(), "nope.yaml")})
	if err == nil || !strings.Contains(err.Error(), "file not found") {
		t.Fatalf("want file not found, got %v", err)
	}
}

func TestConfigFileFromEnv(t *testing.T) {
	file := writeFile(t, "d.yaml", "log:\n  level: error\n")
	cfg, err := load(t, Options{Environ: []string{EnvConfigFile + "=" + file}})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Log.Level != "error" {
		t.Fatalf("level = %q", cfg.Log.Level)
	}
}

func TestEnvironmentPicksDefaultsOnly(t *testing.T) {
	env := &Environment{Container: true}
	cfg, err := load(t, Options{Env: env})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Log.Format != "json" || cfg.Server.Listen != DefaultListen {
		t.Fatalf("container defaults: format %q, listen %q", cfg.Log.Format, cfg.Server.Listen)
	}
	cfg, err = load(t, Options{Env: env, Environ: []string{"DIWAN_LOG__FORMAT=text"}})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Log.Format != "text" {
		t.Fatalf("explicit format lost to detection: %q", cfg.Log.Format)
	}
	cfg, err = load(t, Options{Env: &Environment{Container: true, Terminal: true}})
	if err != nil || cfg.Log.Format != "text" {
		t.Fatalf("container with a terminal should keep text logs: %v %v", cfg, err)
	}
	cfg, err = load(t, Options{Env: &Environment{Systemd: true, StateDirectory: "/var/lib/diwan-x"}})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Database.DSN != "sqlite:/var/lib/diwan-x/diwan.db" {
		t.Fatalf("systemd dsn = %q", cfg.Database.DSN)
	}
}

func TestEntriesMaskSecrets(t *testing.T) {
	secret := strings.Repeat("s", 40)
	cfg, err := load(t, Options{Environ: []string{
		"DIWAN_SECURITY__SECRET_KEY=" + secret,
		"DIWAN_DATABASE__DSN=postgres://diwan:hunter2@db:5432/diwan",
		"DIWAN_REDIS__URL=redis://:redispw@cache:6379/0",
	}})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]Entry{}
	for _, e := range cfg.Entries() {
		seen[e.Key] = e
		for _, leak := range []string{secret, "hunter2", "redispw"} {
			if strings.Contains(e.Value, leak) {
				t.Errorf("%s leaks a secret: %q", e.Key, e.Value)
			}
		}
	}
	if e := seen["database.dsn"]; !strings.Contains(e.Value, "db:5432") || e.Origin != "env DIWAN_DATABASE__DSN" {
		t.Errorf("dsn entry = %+v", e)
	}
	if len(seen) != len(fields()) {
		t.Errorf("entries %d, fields %d", len(seen), len(fields()))
	}
}

func TestByteSize(t *testing.T) {
	for in, want := range map[string]ByteSize{"1024": 1024, "4MiB": 4 << 20, "2 KB": 2000, "1GiB": 1 << 30} {
		got, err := ParseByteSize(in)
		if err != nil || got != want {
			t.Errorf("ParseByteSize(%q) = %d, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "-1", "1.5MiB", "4PB"} {
		if _, err := ParseByteSize(in); err == nil {
			t.Errorf("ParseByteSize(%q) accepted", in)
		}
	}
	if s := ByteSize(4 << 20).String(); s != "4MiB" {
		t.Errorf("String = %q", s)
	}
}
