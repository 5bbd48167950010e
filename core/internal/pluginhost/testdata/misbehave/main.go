// Command misbehave is a test plugin whose settings make it misbehave:
// {"exit_after_ms": n} exits n ms after Configure, {"hang_health": true}
// never answers CheckHealth, {"child_pid_file": path} starts a child
// process (sleep) and writes its pid to path. Its action "hang" never
// returns; "echo" returns its input, and a schedule runs it every minute.
// It has metrics of its own, some of which the core must drop.
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
		Actions: []sdk.Action{
			{Name: "hang", Title: sdk.Text{"en": "Hang"}, InputSchema: `{"type":"object"}`},
			{Name: "echo", Title: sdk.Text{"en": "Echo"}, InputSchema: `{"type":"object"}`},
		},
		Schedules: []sdk.Schedule{{Name: "every-minute", Cron: "* * * * *", Action: "echo", Input: json.RawMessage(`{"scheduled":true}`)}},
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

func (misbehave) Invoke(_ context.Context, action string, input json.RawMessage, _ sdk.Reporter) (json.RawMessage, error) {
	if action == "echo" {
		return input, nil
	}
	select {}
}

// CollectMetrics returns one metric of its own, and two that the core must
// drop: one with a plugin label of its own, one in a core family.
func (misbehave) CollectMetrics(context.Context) (string, error) {
	return "# HELP misbehave_calls_total Calls seen.\n# TYPE misbehave_calls_total counter\n" +
		"misbehave_calls_total{kind=\"odd\"} 3\nmisbehave_calls_total{plugin=\"hello\"} 9\n" +
		"# TYPE go_goroutines gauge\ngo_goroutines 1\n", nil
}

func main() {
	sdk.Serve(misbehave{hangHealth: new(atomic.Bool)})
}
