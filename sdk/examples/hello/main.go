// Command hello is a small, complete Diwan plugin: it keeps greetings in
// the panel's key-value store and waves on demand. It is the example that
// docs/plugins.md walks through; the plugin itself is in internal/hello.
package main

import (
	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/examples/hello/internal/hello"
)

func main() {
	sdk.Serve(hello.New())
}
