package migrations

import (
	"regexp"
	"testing"
)

func TestMigrationsAreNamedAndOrdered(t *testing.T) {
	sorted := All().Sorted()
	if len(sorted) == 0 {
		t.Fatal("no migrations registered")
	}
	stamp := regexp.MustCompile(`^\d{14}$`)
	seen := map[string]bool{}
	for _, m := range sorted {
		if !stamp.MatchString(m.Name) {
			t.Errorf("migration %q: name must be a 14-digit UTC timestamp", m.Name)
		}
		if m.Comment == "" || m.Up == nil || m.Down == nil {
			t.Errorf("migration %s: needs a comment, an up and a down", m.Name)
		}
		if seen[m.Name] {
			t.Errorf("migration %s registered twice", m.Name)
		}
		seen[m.Name] = true
	}
}
