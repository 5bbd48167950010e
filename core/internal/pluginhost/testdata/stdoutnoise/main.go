// Command stdoutnoise is a test plugin that writes to file descriptor 1
// directly before the handshake, which the SDK's stdout guard cannot catch.
package main

import (
	"context"
	"encoding/json"
	"os"

	"github.com/diwanpanel/diwan/sdk"
)

func init() {
	_, _ = os.NewFile(1, "stdout").WriteString("hello from init\n")
}

type noisy struct{}

func (noisy) Manifest() sdk.Manifest {
	return sdk.Manifest{
		ID: "stdoutnoise", Version: "1.0.0", Name: sdk.Text{"en": "Noise"},
		Activation: sdk.ActivationOnDemand, SettingsSchema: `{"type":"object"}`,
	}
}

func (noisy) Configure(context.Context, json.RawMessage, sdk.Host) error { return nil }

func (noisy) CheckHealth(context.Context) sdk.Health { return sdk.Health{Status: sdk.HealthOK} }

func main() { sdk.Serve(noisy{}) }
