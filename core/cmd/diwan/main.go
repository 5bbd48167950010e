// Command diwan is the Diwan control panel: see `diwan --help`.
package main

import (
	"os"

	"github.com/diwanpanel/diwan/core/internal/cli"
)

func main() { os.Exit(cli.Run()) }
