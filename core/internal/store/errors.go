package store

import (
	"errors"
	"strings"

	"github.com/go-sql-driver/mysql"
	"github.com/uptrace/bun/driver/pgdriver"
)

// ErrConflict is returned when a write would break a uniqueness rule, such
// as a second user with the same name.
var ErrConflict = errors.New("store: already exists")

// isUniqueViolation recognises a unique-constraint error of each dialect.
func isUniqueViolation(err error) bool {
	var pgErr pgdriver.Error
	if errors.As(err, &pgErr) {
		return pgErr.Field('C') == "23505"
	}
	var myErr *mysql.MySQLError
	if errors.As(err, &myErr) {
		return myErr.Number == 1062
	}
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}
