// Command noisy is a plugin that writes to standard output before the
// handshake, from an init function and from main, as careless libraries
// do. The SDK's tests start it to show that the stdout guard keeps the
// handshake line first.
package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/diwanpanel/diwan/sdk"
)

func init() {
	fmt.Println("noise from init")
}

type noisy struct{}

func (noisy) Manifest() sdk.Manifest {
	return sdk.Manifest{
		ID: "noisy", Version: "1.0.0", Name: sdk.Text{"en": "Noisy"},
		Activation: sdk.ActivationOnDemand, SettingsSchema: `{"type":"object"}`,
	}
}

func (noisy) Configure(context.Context, json.RawMessage, sdk.Host) error { return nil }

func (noisy) CheckHealth(context.Context) sdk.Health {
	fmt.Println("noise after the handshake")
	return sdk.Health{Status: sdk.HealthOK}
}

func main() {
	fmt.Println("noise from main")
	sdk.Serve(noisy{})
}
