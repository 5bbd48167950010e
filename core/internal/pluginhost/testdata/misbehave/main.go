// Command misbehave is a test plugin whose settings make it misbehave:
// {"exit_after_ms": n} exits n ms after Configure, {"hang_health": true}
// never answers CheckHealth, {"child_pid_file": path} starts a child
// process (sleep) and writes its pid to path. Its action "hang" never
// returns.
package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/diwanpanel/diwan/sdk"
)

type settings struct {
	ExitAfterMS  int    `json:"exit_after_ms"`
	HangHealth   bool   `json:"hang_health"`
	ChildPIDFile string `json:"child_pid_file"`
}

type misbehave struct{ hangHealth *atomic.Bool }

func (misbehave) Manifest() sdk.Manifest {
	return sdk.Manifest{
		ID: "misbehave", Version: "1.0.0", Name: sdk.Text{"en": "Misbehave"},
		Activation: sdk.ActivationOnDemand, SettingsSchema: `{"type":"object"}`,
		Actions: []sdk.Action{{Name: "hang", Title: sdk.Text{"en": "Hang"}, InputSchema: `{"type":"object"}`}},
	}
}

func (p misbehave) Configure(_ context.Context, raw json.RawMessage, _ sdk.Host) error {
	var s settings
	if err := json.Unmarshal(raw, &s); err != nil {
		return sdk.Invalid("", "%v", err)
	}
	sdk.Logger().Info("misbehave configured", "exit_after_ms", s.ExitAfterMS)
	if s.ExitAfterMS > 0 {
		time.AfterFunc(time.Duration(s.ExitAfterMS)*time.Millisecond, func() { os.Exit(3) })
	}
	if s.ChildPIDFile != "" {
		cmd := exec.Command("/bin/sleep", "300")
		if err := cmd.Start(); err != nil {
			return err
		}
		if err := os.WriteFile(s.ChildPIDFile, []byte(strconv.Itoa(cmd.Process.Pid)), 0o600); err != nil {
			return err
		}
	}
	p.hangHealth.Store(s.HangHealth)
	return nil
}

func (p misbehave) CheckHealth(context.Context) sdk.Health {
	if p.hangHealth.Load() {
		select {}
	}
	return sdk.Health{Status: sdk.HealthOK}
}

func (misbehave) Invoke(context.Context, string, json.RawMessage, sdk.Reporter) (json.RawMessage, error) {
	select {}
}

func main() {
	sdk.Serve(misbehave{hangHealth: new(atomic.Bool)})
}
