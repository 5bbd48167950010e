// Command hello is the benchmarks' yardstick: a bare fiber v2 hello-world
// that answers GET / with "Hello, World!". It prints "listening ADDR" as its
// first line on stdout and serves until SIGTERM or SIGINT.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/diwanpanel/diwan/bench/internal/hello"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	code := hello.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
