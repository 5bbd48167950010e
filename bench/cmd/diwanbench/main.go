// Command diwanbench measures the cost of Diwan's HTTP server against a
// bare fiber hello-world with wrk, and writes the results into
// docs/benchmarks.md. It exits with status 1 when a target is missed or a
// request fails; see `diwanbench -h`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/diwanpanel/diwan/bench/internal/runner"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	code := runner.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
