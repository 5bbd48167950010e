package web

import (
	"io/fs"
	"strings"
	"testing"
)

// The client routes are plain path segments.
func TestClientRoutes(t *testing.T) {
	routes := ClientRoutes()
	if len(routes) < 5 {
		t.Fatalf("only %d client routes: %v", len(routes), routes)
	}
	for _, r := range routes {
		if r == "" || strings.ContainsAny(r, "/.?#") {
			t.Errorf("client route %q is not one path segment", r)
		}
	}
}

// Dist always holds the placeholder, and index.html once the dashboard is
// built; a built index.html loads its scripts from assets/.
func TestDist(t *testing.T) {
	d := Dist()
	if _, err := fs.Stat(d, ".keep"); err != nil {
		t.Fatalf("dist/.keep is not embedded: %v", err)
	}
	index, err := fs.ReadFile(d, "index.html")
	if err != nil {
		t.Skip("the dashboard is not built (run make web): only the placeholder is embedded")
	}
	if len(index) == 0 {
		t.Fatal("index.html is empty")
	}
	entries, err := fs.ReadDir(d, "assets")
	if err != nil || len(entries) == 0 {
		t.Fatalf("a built dashboard has assets: %v", err)
	}
}
