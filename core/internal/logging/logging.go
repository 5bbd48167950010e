// Package logging builds the core's hclog logger from its configuration and
// routes the standard library's log package (used by some drivers) into it.
package logging

import (
	"io"
	"log"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/diwanpanel/diwan/core/internal/config"
)

// flushEvery bounds how late a log line reaches its destination.
const flushEvery = 100 * time.Millisecond

// New returns the root logger: JSON or text at the configured level, with
// colour only for text on an interactive terminal. Lines are buffered; the
// returned closer flushes them and must be called before exit.
func New(cfg config.LogConfig, env config.Environment, out io.Writer) (hclog.Logger, io.Closer) {
	buffered := NewBufferedWriter(out, flushEvery)
	color := hclog.ColorOff
	if cfg.Format == "text" && env.Terminal {
		color = hclog.AutoColor
	}
	logger := hclog.New(&hclog.LoggerOptions{
		Name:       "diwan",
		Level:      hclog.LevelFromString(cfg.Level),
		Output:     buffered,
		JSONFormat: cfg.Format == "json",
		Color:      color,
		// journald stamps every line itself.
		DisableTime: env.Systemd && cfg.Format == "text",
	})
	log.SetFlags(0)
	log.SetOutput(logger.StandardWriter(&hclog.StandardLoggerOptions{InferLevels: true, ForceLevel: hclog.Warn}))
	return logger, buffered
}
