// Package testsvc locates the real services that tests talk to: PostgreSQL,
// MariaDB/MySQL and Redis on loopback. When one is missing a test skips,
// except under CI=true, where it fails: CI must never pass by skipping.
package testsvc

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Addresses used when the TEST_* variables are not set.
const (
	defaultPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	defaultMySQL    = "mysql://root@127.0.0.1:3306/test"
	defaultRedis    = "redis://127.0.0.1:6379/0"
)

// PostgresURL is the administrative DSN for test databases (TEST_POSTGRES_DSN).
func PostgresURL() string { return env("TEST_POSTGRES_DSN", defaultPostgres) }

// MySQLURL is the administrative DSN for test databases (TEST_MYSQL_DSN).
func MySQLURL() string { return env("TEST_MYSQL_DSN", defaultMySQL) }

// RedisURL is the Redis server for tests (TEST_REDIS_URL).
func RedisURL() string { return env("TEST_REDIS_URL", defaultRedis) }

// Unavailable ends the test because service could not be reached: a failure
// when CI=true, a skip otherwise.
func Unavailable(t testing.TB, service string, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is required when CI=true but unavailable: %v", service, err)
	}
	t.Skipf("%s unavailable (set CI=true to make this a failure): %v", service, err)
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// CheckMetrics runs `promtool check metrics` (Debian's prometheus package)
// on text, Prometheus metrics in text format, and fails the test with
// promtool's complaints. Without promtool it is Unavailable.
func CheckMetrics(t testing.TB, text string) {
	t.Helper()
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		Unavailable(t, "promtool (apt-get install -y prometheus)", err)
		return
	}
	cmd := exec.CommandContext(t.Context(), promtool, "check", "metrics") //nolint:gosec // G204: promtool found on PATH, fixed arguments
	cmd.Stdin = strings.NewReader(text)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("promtool check metrics: %v\n%s", err, out)
	}
}
