package sdk

import (
	"os"

	"github.com/diwanpanel/diwan/sdk/protocol"
)

// The stdout guard.
//
// go-plugin's handshake is the first line a plugin process writes on its
// standard output; the core reads that line to find the plugin's socket,
// and anything written before it (a stray fmt.Println in an init function,
// a library announcing itself) makes the core refuse the plugin with
// "Unrecognized remote plugin message". So when this process was started as
// a plugin (the magic cookie is in its environment), os.Stdout points at
// os.Stderr from this package's initialization, which runs before the
// initialization of any package that imports the SDK, until Serve has
// registered the plugin's gRPC service, the last of the SDK's code that
// go-plugin runs before it writes the handshake. go-plugin then replaces
// os.Stdout with a pipe whose output it forwards to the core (which
// discards it unless configured otherwise).
//
// The guard changes the os.Stdout variable only: output written to file
// descriptor 1 directly, by cgo code or by a child process that inherited
// it, is not caught. A process started without the cookie (a test, the
// core, which imports the SDK's types, or the binary run by hand with
// -describe) is left alone.
var (
	realStdout = os.Stdout
	realStderr = os.Stderr
	// parentPID is the process that started this one, read as early as
	// possible so that the watchdog notices a parent that dies during a
	// slow initialization.
	parentPID = os.Getppid()
)

func init() {
	if startedAsPlugin() {
		os.Stdout = os.Stderr
	}
}

// startedAsPlugin says whether the core started this process as a plugin.
func startedAsPlugin() bool {
	return os.Getenv(protocol.Handshake.MagicCookieKey) == protocol.Handshake.MagicCookieValue
}

// restoreStdout points os.Stdout back at the real standard output, for
// go-plugin's handshake line.
func restoreStdout() {
	os.Stdout = realStdout
}
