package config

import (
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/diwanpanel/diwan/sdk/protocol"
)

// MinSecretKeyLen is the shortest secret key accepted.
const MinSecretKeyLen = 32

var (
	logLevels  = []string{"trace", "debug", "info", "warn", "error"}
	logFormats = []string{"text", "json"}
	logAccess  = []string{"all", "changes", "off"}
)

// Validate checks the whole configuration and returns every problem.
func (c *Config) Validate() Problems {
	var ps Problems
	bad := func(key, msg string) { ps.add(key, c.Origin(key), msg) }

	if c.Profile != ProfileDev && c.Profile != ProfileProd {
		bad("profile", `want "dev" or "prod"`)
	}
	c.validateServer(bad)
	c.validateDatabase(bad)
	if c.Redis.URL != "" {
		if u, err := url.Parse(c.Redis.URL); err != nil || (u.Scheme != "redis" && u.Scheme != "rediss" && u.Scheme != "unix") {
			bad("redis.url", "want redis://[user:password@]host:port/db, rediss://… or unix://path")
		}
	}
	if !slices.Contains(logLevels, c.Log.Level) {
		bad("log.level", "want one of "+strings.Join(logLevels, ", "))
	}
	if !slices.Contains(logFormats, c.Log.Format) {
		bad("log.format", "want one of "+strings.Join(logFormats, ", "))
	}
	if !slices.Contains(logAccess, c.Log.Access) {
		bad("log.access", "want one of "+strings.Join(logAccess, ", "))
	}
	if c.Log.Dir != "" && (c.Log.MaxSize < 1<<20 || c.Log.MaxSize > 64<<30) {
		bad("log.max_size", "want a size from 1MiB to 64GiB")
	}
	c.validateSecret(bad)
	c.validateAuth(bad)
	for i, id := range c.Plugins.Required {
		if !protocol.ValidID(id) {
			bad("plugins.required", "item "+strconv.Itoa(i)+": "+strconv.Quote(id)+" is not a plugin id")
		}
	}
	positive(bad, "plugins.idle_timeout", c.Plugins.IdleTimeout)
	positive(bad, "health.check_timeout", c.Health.CheckTimeout)
	return ps
}

func (c *Config) validateServer(bad func(key, msg string)) {
	s := c.Server
	host, ok := parseListen(s.Listen)
	if !ok {
		bad("server.listen", "want host:port, e.g. 127.0.0.1:7800 (port 0 picks a free one)")
	}
	positive(bad, "server.read_timeout", s.ReadTimeout)
	positive(bad, "server.write_timeout", s.WriteTimeout)
	positive(bad, "server.idle_timeout", s.IdleTimeout)
	positive(bad, "server.shutdown_timeout", s.ShutdownTimeout)
	if s.BodyLimit < 1<<10 || s.BodyLimit > 1<<30 {
		bad("server.body_limit", "want a size from 1KiB to 1GiB")
	}
	if (s.TLSCert == "") != (s.TLSKey == "") {
		bad("server.tls_cert", "tls_cert and tls_key go together: set both or neither")
	}
	for _, f := range [...]struct{ key, path string }{{"server.tls_cert", s.TLSCert}, {"server.tls_key", s.TLSKey}} {
		if _, err := os.Stat(f.path); f.path != "" && err != nil {
			bad(f.key, "cannot read "+f.path)
		}
	}
	validPrefixes(bad, "server.trusted_proxies", s.TrustedProxies)
	validPrefixes(bad, "server.allowed_ips", s.AllowedIPs)
	if ok && c.Profile == ProfileProd && !isLoopback(host) && !s.TLS() && len(s.TrustedProxies) == 0 {
		bad("server.listen", "prod refuses a non-loopback address without TLS (server.tls_cert, server.tls_key) or a trusted proxy (server.trusted_proxies)")
	}
}

func (c *Config) validateDatabase(bad func(key, msg string)) {
	d := c.Database
	if _, err := ParseDSN(d.DSN); err != nil {
		bad("database.dsn", err.Error())
	}
	if d.MaxOpenConns < 1 {
		bad("database.max_open_conns", "want at least 1")
	}
	if d.MaxIdleConns < 0 || d.MaxIdleConns > d.MaxOpenConns {
		bad("database.max_idle_conns", "want from 0 to database.max_open_conns")
	}
	if d.ConnMaxLifetime < 0 {
		bad("database.conn_max_lifetime", "want 0 (no limit) or a positive duration")
	}
	if d.ConnMaxIdleTime < 0 {
		bad("database.conn_max_idle_time", "want 0 (no limit) or a positive duration")
	}
}

func (c *Config) validateAuth(bad func(key, msg string)) {
	a := c.Auth
	for _, d := range [...]struct {
		key string
		v   time.Duration
	}{
		{"auth.session_idle_timeout", a.SessionIdleTimeout}, {"auth.session_absolute_timeout", a.SessionAbsoluteTimeout},
		{"auth.failure_window", a.FailureWindow}, {"auth.lockout_base", a.LockoutBase},
		{"auth.lockout_max", a.LockoutMax}, {"auth.setup_link_ttl", a.SetupLinkTTL},
	} {
		positive(bad, d.key, d.v)
	}
	if a.SessionIdleTimeout > a.SessionAbsoluteTimeout {
		bad("auth.session_idle_timeout", "want at most auth.session_absolute_timeout")
	}
	if a.LockoutMax < a.LockoutBase {
		bad("auth.lockout_max", "want at least auth.lockout_base")
	}
	for _, n := range [...]struct {
		key       string
		v, lo, hi int
	}{
		{"auth.min_password_length", a.MinPasswordLength, 8, 128},
		{"auth.argon2_memory", a.Argon2Memory, 8192, 4 << 20},
		{"auth.argon2_time", a.Argon2Time, 1, 100},
		{"auth.argon2_threads", a.Argon2Threads, 1, 255},
		{"auth.account_max_failures", a.AccountMaxFailures, 1, 1000},
		{"auth.ip_max_failures", a.IPMaxFailures, 1, 100000},
	} {
		if n.v < n.lo || n.v > n.hi {
			bad(n.key, fmt.Sprintf("want a whole number from %d to %d", n.lo, n.hi))
		}
	}
}

func validPrefixes(bad func(key, msg string), key string, list []string) {
	for i, p := range list {
		if _, err := ParsePrefix(p); err != nil {
			bad(key, "item "+strconv.Itoa(i)+": "+strconv.Quote(p)+" is not an IP address or CIDR")
		}
	}
}

func (c *Config) validateSecret(bad func(key, msg string)) {
	n := len(c.Security.SecretKey)
	switch {
	case n == 0 && c.Profile == ProfileProd:
		bad("security.secret_key", "prod requires a secret key of at least 32 bytes (DIWAN_SECURITY__SECRET_KEY_FILE can name a file holding it)")
	case n > 0 && n < MinSecretKeyLen:
		bad("security.secret_key", "too short: want at least 32 bytes")
	case n == 0 && c.Security.KeyFile == "":
		bad("security.key_file", "set security.secret_key, or a file to keep a generated key in")
	}
}

// ParsePrefix reads a CIDR or a single address (as a /32 or /128).
func ParsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		return p.Masked(), err
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	return netip.PrefixFrom(a, a.BitLen()), nil
}

func parseListen(listen string) (string, bool) {
	host, port, err := net.SplitHostPort(listen)
	if err != nil || (port != "0" && !validPort(port)) {
		return "", false
	}
	if host != "" && host != "localhost" {
		if _, err := netip.ParseAddr(host); err != nil {
			return "", false
		}
	}
	return host, true
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.IsLoopback()
}

func validPort(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n >= 1 && n <= 65535
}

func positive(bad func(key, msg string), key string, d time.Duration) {
	if d <= 0 {
		bad(key, "want a positive duration")
	}
}
