// Package hello is the hello-world server that benchmarks measure Diwan
// against: fiber v2 with no middleware and one route, so the difference
// to Diwan is the cost of Diwan's own code.
package hello

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"

	"github.com/gofiber/fiber/v2"
)

// Body is what GET / answers.
const Body = "Hello, World!"

// AnnouncePrefix starts the first line on stdout; the listen address follows.
const AnnouncePrefix = "listening "

// New returns the app: GET / answers Body with status 200.
func New() *fiber.App {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/", func(c *fiber.Ctx) error { return c.SendString(Body) })
	return app
}

// Main parses args (-listen), serves until ctx is done and returns the exit
// status: 0 after a clean shutdown, 2 for a bad command line, 1 otherwise.
// It writes "listening ADDR" to stdout once the listener is open.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("hello", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:0", "address to listen on")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := Serve(ctx, *listen, stdout); err != nil {
		fmt.Fprintln(stderr, "hello:", err)
		return 1
	}
	return 0
}

// Serve listens on addr, announces the actual address on stdout and
// answers requests until ctx is done, then shuts down.
func Serve(ctx context.Context, addr string, stdout io.Writer) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	app := New()
	served := make(chan error, 1)
	go func() { served <- app.Listener(ln) }()
	if _, err := fmt.Fprintf(stdout, "%s%s\n", AnnouncePrefix, ln.Addr()); err != nil {
		return errors.Join(fmt.Errorf("announce: %w", err), app.Shutdown())
	}
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	if err := app.Shutdown(); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return <-served
}
