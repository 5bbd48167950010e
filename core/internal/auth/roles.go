package auth

import "fmt"

// Role is what a user or token may do: viewers read, operators also change
// servers, admins also manage the panel's users and settings.
type Role string

// The roles, from least to most trusted.
const (
	RoleViewer   Role = "viewer"
	RoleOperator Role = "operator"
	RoleAdmin    Role = "admin"
)

var roleLevels = map[Role]int{RoleViewer: 1, RoleOperator: 2, RoleAdmin: 3}

// Roles lists every role from least to most trusted.
func Roles() []Role { return []Role{RoleViewer, RoleOperator, RoleAdmin} }

// ParseRole accepts only the three role names.
func ParseRole(s string) (Role, error) {
	r := Role(s)
	if _, ok := roleLevels[r]; !ok {
		return "", fmt.Errorf("unknown role %q: want viewer, operator or admin", s)
	}
	return r, nil
}

// AtLeast reports whether r grants everything min grants. An unknown role
// grants nothing.
func (r Role) AtLeast(min Role) bool {
	have, ok := roleLevels[r]
	return ok && have >= roleLevels[min]
}

// Lower returns the less trusted of r and other.
func (r Role) Lower(other Role) Role {
	if r.AtLeast(other) {
		return other
	}
	return r
}
