package config

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Dialect is the SQL database family a DSN selects.
type Dialect string

// The supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
	MySQL    Dialect = "mysql"
)

// DSN is a parsed database address.
type DSN struct {
	Dialect Dialect
	// Path is the SQLite database file, or ":memory:".
	Path string
	// URL is the server address for PostgreSQL and MySQL.
	URL *url.URL
}

// ParseDSN reads sqlite:PATH (or sqlite://PATH), postgres://… (or
// postgresql://…) and mysql://user:pass@host:port/db?params.
func ParseDSN(s string) (DSN, error) {
	scheme, rest, ok := strings.Cut(s, ":")
	if !ok || s == "" {
		return DSN{}, errors.New("want sqlite:PATH, postgres://… or mysql://…")
	}
	switch strings.ToLower(scheme) {
	case "sqlite", "sqlite3":
		path := strings.TrimPrefix(rest, "//")
		if path == "" {
			return DSN{}, errors.New("sqlite: a file path is required, e.g. sqlite:./data/diwan.db")
		}
		if strings.ContainsAny(path, "?#") {
			return DSN{}, errors.New("sqlite: options are set by diwan; give only the file path")
		}
		return DSN{Dialect: SQLite, Path: path}, nil
	case "postgres", "postgresql":
		u, err := parseServerURL(s)
		return DSN{Dialect: Postgres, URL: u}, err
	case "mysql", "mariadb":
		u, err := parseServerURL(s)
		if err == nil && strings.Trim(u.Path, "/") == "" {
			err = errors.New("mysql: a database name is required, e.g. mysql://user@host:3306/diwan")
		}
		return DSN{Dialect: MySQL, URL: u}, err
	}
	return DSN{}, fmt.Errorf("unknown scheme %q: want sqlite, postgres or mysql", scheme)
}

func parseServerURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		// url.Error quotes the whole DSN, password included.
		return nil, errors.New("not a valid URL")
	}
	if u.Host == "" {
		return nil, fmt.Errorf("%s: a host is required, e.g. %s://user@127.0.0.1/diwan", u.Scheme, u.Scheme)
	}
	if u.Port() != "" && !validPort(u.Port()) {
		return nil, fmt.Errorf("%s: port %q is not a number from 1 to 65535", u.Scheme, u.Port())
	}
	return u, nil
}

// Redacted returns the DSN with any password replaced, for logs and dumps.
func Redacted(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		if strings.Contains(dsn, "@") {
			return "********"
		}
		return dsn
	}
	return u.Redacted()
}
