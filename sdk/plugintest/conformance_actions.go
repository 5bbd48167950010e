package plugintest

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/diwanpanel/diwan/sdk"
)

// unknownAction is an action no plugin should have.
const unknownAction = "plugintest-unknown-action"

func checkActions(t testing.TB, c *Client, m sdk.Manifest, inputs map[string]json.RawMessage) {
	if _, err := c.Invoke(unknownAction, json.RawMessage("{}")); err == nil {
		t.Errorf("Invoke(%s) succeeded, want an error", unknownAction)
	}
	declared := make([]string, len(m.Actions))
	for i, a := range m.Actions {
		declared[i] = a.Name
	}
	for name, input := range inputs {
		if !slices.Contains(declared, name) {
			t.Errorf("Options.ActionInputs names %q, which the manifest does not declare", name)
			continue
		}
		checkAction(t, c, name, input)
	}
}

func checkAction(t testing.TB, c *Client, name string, input json.RawMessage) {
	inv, err := c.Invoke(name, input)
	if err != nil {
		t.Errorf("Invoke(%s, %s): %v", name, input, err)
		return
	}
	if len(inv.Output) > 0 && !json.Valid(inv.Output) {
		t.Errorf("Invoke(%s) output is not JSON: %q", name, inv.Output)
	}
	last := 0.0
	for i, p := range inv.Progress {
		if p.Fraction < 0 || p.Fraction > 1 {
			t.Errorf("Invoke(%s) progress %d is %v, want between 0 and 1", name, i, p.Fraction)
		}
		if p.Fraction < last {
			t.Errorf("Invoke(%s) progress %d went back from %v to %v", name, i, last, p.Fraction)
		}
		last = max(last, p.Fraction)
	}
}

func checkMetrics(t testing.TB, c *Client) {
	text, err := c.CollectMetrics()
	if err != nil {
		t.Fatalf("CollectMetrics: %v", err)
	}
	for _, problem := range promProblems(text) {
		t.Errorf("CollectMetrics: %s", problem)
	}
}
