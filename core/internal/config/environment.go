package config

import (
	"os"

	"github.com/mattn/go-isatty"
)

// Environment is what Diwan detected about where it runs. It only chooses
// defaults; an explicit setting always wins.
type Environment struct {
	Container bool `json:"container"`
	Systemd   bool `json:"systemd"`
	Terminal  bool `json:"terminal"`
	// StateDirectory is systemd's $STATE_DIRECTORY, when set.
	StateDirectory string `json:"state_directory,omitempty"`
}

// DetectEnvironment looks at marker files and variables set by container
// runtimes and systemd, and at whether stderr is a terminal.
func DetectEnvironment(getenv func(string) string) Environment {
	return Environment{
		Container:      fileExists("/.dockerenv") || fileExists("/run/.containerenv") || getenv("container") != "",
		Systemd:        getenv("INVOCATION_ID") != "" || getenv("JOURNAL_STREAM") != "",
		Terminal:       isatty.IsTerminal(os.Stderr.Fd()),
		StateDirectory: getenv("STATE_DIRECTORY"),
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
