package sdk

import (
	"sync"

	"github.com/hashicorp/go-hclog"
)

// logger is created on first use, writing JSON to the process's real
// standard error.
var logger = sync.OnceValue(func() hclog.Logger {
	return hclog.New(&hclog.LoggerOptions{
		Level:      hclog.Info,
		Output:     realStderr,
		JSONFormat: true,
	})
})

// Logger returns the plugin's logger. It writes JSON lines to standard
// error, which go-plugin in the core reads and passes to the core's own
// logger under the plugin's name, keeping levels and fields; the core's
// level decides what is kept. The level starts at Info; call SetLevel for
// more. Serve hands the same logger to go-plugin.
func Logger() hclog.Logger {
	return logger()
}
