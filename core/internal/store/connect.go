package store

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/mysqldialect"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/driver/pgdriver"
	"github.com/uptrace/bun/driver/sqliteshim"

	"github.com/diwanpanel/diwan/core/internal/config"
)

func connect(dsn config.DSN) (*bun.DB, error) {
	switch dsn.Dialect {
	case config.SQLite:
		return connectSQLite(dsn.Path)
	case config.Postgres:
		connector := pgdriver.NewConnector(pgdriver.WithDSN(dsn.URL.String()))
		return bun.NewDB(sql.OpenDB(connector), pgdialect.New()), nil
	case config.MySQL:
		return connectMySQL(dsn)
	}
	return nil, fmt.Errorf("unsupported dialect %q", dsn.Dialect)
}

// sqlitePragmas are set on every connection: WAL for concurrent readers,
// a busy timeout instead of immediate SQLITE_BUSY, foreign keys enforced,
// and write transactions that take the lock up front.
const sqlitePragmas = "_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)" +
	"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"

func connectSQLite(path string) (*bun.DB, error) {
	if path != ":memory:" {
		if err := privateFiles(path); err != nil {
			return nil, err
		}
	}
	sqldb, err := sql.Open(sqliteshim.ShimName, "file:"+path+"?"+sqlitePragmas)
	if err != nil {
		return nil, err
	}
	return bun.NewDB(sqldb, sqlitedialect.New()), nil
}

// privateFiles makes the database file (and SQLite's -wal and -shm files,
// which take its mode) readable by the owner only: they hold password
// hashes and sessions. A new database file is created empty with mode 0600
// before SQLite opens it; existing files are tightened.
func privateFiles(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create database directory: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600) //nolint:gosec // G304: the configured database
	if err == nil {
		return f.Close()
	}
	if !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("create database file: %w", err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("restrict %s: %w", p, err)
		}
	}
	return nil
}

func connectMySQL(dsn config.DSN) (*bun.DB, error) {
	u := dsn.URL
	c := mysql.NewConfig()
	c.User = u.User.Username()
	c.Passwd, _ = u.User.Password()
	c.Net = "tcp"
	c.Addr = u.Host
	if u.Port() == "" {
		c.Addr = net.JoinHostPort(u.Hostname(), "3306")
	}
	c.DBName = strings.TrimPrefix(u.Path, "/")
	c.ParseTime = true
	c.Loc = time.UTC
	// Count rows matched, not rows changed, like the other dialects: an
	// update that writes the same values still found its row.
	c.ClientFoundRows = true
	// The dialect asks the server's version while connecting; never wait
	// on a silent host for long. A timeout parameter in the DSN overrides it.
	c.Timeout = 5 * time.Second
	c.Params = map[string]string{}
	for k, v := range u.Query() {
		c.Params[k] = v[len(v)-1]
	}
	// Round-trip through the DSN parser so that driver options given as
	// query parameters (timeout, tls, …) are understood, not passed to SQL.
	parsed, err := mysql.ParseDSN(c.FormatDSN())
	if err != nil {
		return nil, fmt.Errorf("database.dsn: %w", err)
	}
	connector, err := mysql.NewConnector(parsed)
	if err != nil {
		return nil, err
	}
	return bun.NewDB(sql.OpenDB(connector), mysqldialect.New()), nil
}
