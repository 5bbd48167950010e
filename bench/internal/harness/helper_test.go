package harness

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"testing"
	"time"
)

// helperEnv makes the test binary act as a child process for the process
// tests instead of running tests; its value picks the behaviour.
const helperEnv = "HARNESS_TEST_HELPER"

func TestMain(m *testing.M) {
	if mode := os.Getenv(helperEnv); mode != "" {
		os.Exit(runHelper(mode))
	}
	os.Exit(m.Run())
}

// runHelper is the child: "serve" announces "listening ADDR" and answers
// 200 until SIGTERM; "stubborn" ignores SIGTERM; "stdin" exits with 0 when
// its first line of input is "yes" and complains on stderr otherwise;
// "fail" exits with 3.
func runHelper(mode string) int {
	switch mode {
	case "serve":
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return 1
		}
		fmt.Printf("starting\nlistening %s\n", ln.Addr())
		go func() { _ = http.Serve(ln, http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})) }()
		term := make(chan os.Signal, 1)
		signal.Notify(term, syscall.SIGTERM)
		<-term
		return 0
	case "stubborn":
		signal.Ignore(syscall.SIGTERM)
		fmt.Println("listening nowhere")
		time.Sleep(time.Minute)
		return 0
	case "stdin":
		line, _ := bufio.NewReader(os.Stdin).ReadString('\n')
		if line != "yes\n" {
			fmt.Fprintf(os.Stderr, "stdin said %q\n", line)
			return 4
		}
		return 0
	default:
		return 3
	}
}

// startHelper starts the test binary as a helper in mode, with its stdout
// going to w, and stops it when the test ends.
func startHelper(t *testing.T, mode string, w *LineWatcher) *Process {
	t.Helper()
	return startHelperContext(t, context.Background(), mode, w)
}

// startHelperContext is startHelper with the process bound to ctx.
func startHelperContext(t *testing.T, ctx context.Context, mode string, w *LineWatcher) *Process {
	t.Helper()
	p, err := Start(ctx, Spec{
		Path:   os.Args[0],
		Args:   []string{"-test.run=^$"},
		Env:    append(os.Environ(), helperEnv+"="+mode),
		Stdout: w,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Stop(time.Second) })
	return p
}
