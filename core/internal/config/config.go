// Package config loads Diwan's settings into one typed, validated Config.
//
// Values are layered: built-in defaults for the chosen profile, then the YAML
// file, then DIWAN_* environment variables (nested keys joined by "__", secrets
// also from *_FILE), then command-line flags. Every key's origin is recorded so
// that `diwan config show` can say where each value came from. Loading never
// stops at the first problem: Load returns a *ValidationError listing each bad
// key.
package config

import "time"

// Profile names.
const (
	ProfileDev  = "dev"
	ProfileProd = "prod"
)

// Config is the complete configuration of a Diwan core process.
type Config struct {
	Profile  string         `koanf:"profile"`
	Server   ServerConfig   `koanf:"server"`
	Database DatabaseConfig `koanf:"database"`
	Redis    RedisConfig    `koanf:"redis"`
	Log      LogConfig      `koanf:"log"`
	Security SecurityConfig `koanf:"security"`
	Health   HealthConfig   `koanf:"health"`
	Auth     AuthConfig     `koanf:"auth"`
	Plugins  PluginsConfig  `koanf:"plugins"`

	origins map[string]string
	env     Environment
}

// ServerConfig is the HTTP listener.
type ServerConfig struct {
	Listen          string        `koanf:"listen"`
	ReadTimeout     time.Duration `koanf:"read_timeout"`
	WriteTimeout    time.Duration `koanf:"write_timeout"`
	IdleTimeout     time.Duration `koanf:"idle_timeout"`
	ShutdownTimeout time.Duration `koanf:"shutdown_timeout"`
	BodyLimit       ByteSize      `koanf:"body_limit"`
	TLSCert         string        `koanf:"tls_cert"`
	TLSKey          string        `koanf:"tls_key"`
	// TrustedProxies are the CIDRs (or single addresses) whose forwarding
	// headers are believed. Nobody else's are.
	TrustedProxies []string `koanf:"trusted_proxies"`
	// AllowedIPs, when set, is the only CIDRs (or addresses) that may reach
	// the panel at all.
	AllowedIPs []string `koanf:"allowed_ips"`
	// ControlSocket is the Unix socket (mode 0600) on which the running
	// panel takes commands from its own CLI (`diwan plugin enable`, …).
	// Empty turns it off.
	ControlSocket string `koanf:"control_socket"`
}

// TLS reports whether the server terminates TLS itself.
func (s ServerConfig) TLS() bool { return s.TLSCert != "" && s.TLSKey != "" }

// DatabaseConfig selects the panel's database and sizes its pool.
type DatabaseConfig struct {
	// DSN picks the dialect by its scheme: sqlite:PATH, postgres://…, mysql://….
	DSN             string        `koanf:"dsn" secret:"true"`
	MaxOpenConns    int           `koanf:"max_open_conns"`
	MaxIdleConns    int           `koanf:"max_idle_conns"`
	ConnMaxLifetime time.Duration `koanf:"conn_max_lifetime"`
	ConnMaxIdleTime time.Duration `koanf:"conn_max_idle_time"`
	// AutoMigrate applies pending migrations when `serve` starts.
	AutoMigrate bool `koanf:"auto_migrate"`
}

// RedisConfig is optional; an empty URL means in-memory implementations.
type RedisConfig struct {
	URL       string `koanf:"url" secret:"true"`
	KeyPrefix string `koanf:"key_prefix"`
}

// LogConfig chooses the log level and format, where the log is kept, and
// which requests the access log records at info level: "all", "changes" (changes, failures
// and slow requests; successful reads are counted in the metrics) or "off".
type LogConfig struct {
	Level  string `koanf:"level"`
	Format string `koanf:"format"`
	Access string `koanf:"access"`
	// Dir keeps the log (the core's and every plugin's lines) for the
	// API and the dashboard, in rotated files of at most MaxSize in all.
	// Empty: the log is only written to standard error.
	Dir     string   `koanf:"dir"`
	MaxSize ByteSize `koanf:"max_size"`
}

// SecurityConfig holds the core's secret key, which encrypts secrets at
// rest (TOTP secrets). Without one (dev only: prod requires it) a key is
// generated once into KeyFile and reused.
type SecurityConfig struct {
	SecretKey string `koanf:"secret_key" secret:"true"`
	KeyFile   string `koanf:"key_file"`
}

// AuthConfig tunes sessions, passwords and the brute-force defence.
type AuthConfig struct {
	SessionIdleTimeout     time.Duration `koanf:"session_idle_timeout"`
	SessionAbsoluteTimeout time.Duration `koanf:"session_absolute_timeout"`
	MinPasswordLength      int           `koanf:"min_password_length"`
	// Argon2Memory (KiB), Argon2Time and Argon2Threads are the argon2id
	// parameters for new hashes; older hashes are upgraded at login.
	Argon2Memory  int `koanf:"argon2_memory"`
	Argon2Time    int `koanf:"argon2_time"`
	Argon2Threads int `koanf:"argon2_threads"`
	// AccountMaxFailures and IPMaxFailures failed logins within
	// FailureWindow lock the account or the client address out, first for
	// LockoutBase, doubling with each lockout up to LockoutMax.
	AccountMaxFailures int           `koanf:"account_max_failures"`
	IPMaxFailures      int           `koanf:"ip_max_failures"`
	FailureWindow      time.Duration `koanf:"failure_window"`
	LockoutBase        time.Duration `koanf:"lockout_base"`
	LockoutMax         time.Duration `koanf:"lockout_max"`
	SetupLinkTTL       time.Duration `koanf:"setup_link_ttl"`
}

// PluginsConfig lists the plugins without which the panel is not ready,
// where the pid files of running plugins are kept (empty: nowhere) so that
// a restarted core ends what a killed one left behind, where the built-in
// plugin binaries are, and how long an idle on-demand plugin keeps running.
type PluginsConfig struct {
	Required []string `koanf:"required"`
	RunDir   string   `koanf:"run_dir"`
	// Dir holds the built-in plugin binaries, one executable per plugin;
	// each is registered (disabled) the first time the core sees it.
	// Empty: none.
	Dir string `koanf:"dir"`
	// IdleTimeout stops an on-demand plugin after this long without calls.
	IdleTimeout time.Duration `koanf:"idle_timeout"`
}

// HealthConfig tunes readiness checks.
type HealthConfig struct {
	CheckTimeout time.Duration `koanf:"check_timeout"`
}

// Origin says where the value of key came from: "default", "file PATH",
// "env NAME" or "flag --NAME".
func (c *Config) Origin(key string) string {
	if o, ok := c.origins[key]; ok {
		return o
	}
	return "default"
}

// Environment is what was detected about the process's surroundings.
func (c *Config) Environment() Environment { return c.env }
