// Package buildinfo holds the version stamped into the binary at link time.
package buildinfo

import "runtime"

// Set with -ldflags "-X github.com/diwanpanel/diwan/core/internal/buildinfo.Version=…".
var (
	Version = "dev"
	Commit  = "unknown"
	Date    = "unknown"
)

// Info is the build description shown by `diwan version` and the API.
type Info struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	BuildDate string `json:"build_date"`
	GoVersion string `json:"go_version"`
}

// Get returns the build description of the running binary.
func Get() Info {
	return Info{Version: Version, Commit: Commit, BuildDate: Date, GoVersion: runtime.Version()}
}
