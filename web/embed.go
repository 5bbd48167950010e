// Package web is the dashboard's build output, embedded so that the core
// binary serves it without any file on disk. `npm run build` (or `make web`)
// writes dist/; a fresh checkout holds only dist/.keep, and then Dist has no
// index.html and the core answers that the dashboard is not built.
package web

import (
	"embed"
	"encoding/json"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// routesJSON lists the first path segments of the dashboard's client-side
// routes; src/router.ts builds its routes from the same file.
//
//go:embed src/routes.json
var routesJSON []byte

// Dist returns the built dashboard rooted at dist/: index.html, assets/ and
// the dotfile placeholder .keep that callers should not serve.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic("web: dist is missing from the embedded files: " + err.Error())
	}
	return sub
}

// ClientRoutes returns the first path segments of the dashboard's own
// routes ("login", "plugins", ...): a request for one of them is answered
// with index.html, and the dashboard's router takes it from there.
func ClientRoutes() []string {
	var out []string
	if err := json.Unmarshal(routesJSON, &out); err != nil {
		panic("web: src/routes.json is not a JSON list of strings: " + err.Error())
	}
	return out
}
