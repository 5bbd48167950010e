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
// colour only for text on an interactive terminal. When keep is not nil,
// every line at that level is also written to keep as JSON (the log store
// that the API reads). Lines are buffered; the returned closer flushes
// them and must be called before exit.
func New(cfg config.LogConfig, env config.Environment, out, keep io.Writer) (hclog.Logger, io.Closer) {
	buffered := NewBufferedWriter(out, flushEvery)
	color := hclog.ColorOff
	if cfg.Format == "text" && env.Terminal {
		color = hclog.AutoColor
	}
	level := hclog.LevelFromString(cfg.Level)
	opts := &hclog.LoggerOptions{
		Name:       "diwan",
		Level:      level,
		Output:     buffered,
		JSONFormat: cfg.Format == "json",
		Color:      color,
		// journald stamps every line itself.
		DisableTime: env.Systemd && cfg.Format == "text",
	}
	var logger hclog.Logger
	closer := closers{buffered}
	if keep == nil {
		logger = hclog.New(opts)
	} else {
		kept := NewBufferedWriter(keep, flushEvery)
		closer = append(closer, kept)
		il := hclog.NewInterceptLogger(opts)
		il.RegisterSink(hclog.NewSinkAdapter(&hclog.LoggerOptions{Level: level, Output: kept, JSONFormat: true}))
		logger = il
	}
	log.SetFlags(0)
	log.SetOutput(logger.StandardWriter(&hclog.StandardLoggerOptions{InferLevels: true, ForceLevel: hclog.Warn}))
	return logger, closer
}

// closers closes each of its parts, in order, and returns the first error.
type closers []io.Closer

func (cs closers) Close() error {
	var first error
	for _, c := range cs {
		if err := c.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}
