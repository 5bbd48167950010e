package hello

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/decode"
)

// Invoke runs the wave action: input {"times": 1 to 10}, one progress
// event per wave, output {"waved": times}.
func (p *Plugin) Invoke(ctx context.Context, _ string, input json.RawMessage, report sdk.Reporter) (json.RawMessage, error) {
	obj, err := decode.Parse(input, "times")
	if err != nil {
		return nil, err
	}
	times, err := obj.Int("times", true, 0, 1, 10)
	if err != nil {
		return nil, err
	}
	report.Progress(0, "raising a hand")
	for i := 1; i <= times; i++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("wave: %w", err)
		}
		report.Progress(float64(i)/float64(times), fmt.Sprintf("wave %d of %d", i, times))
	}
	report.Log("info", fmt.Sprintf("waved %d times", times))
	out, err := json.Marshal(map[string]int{"waved": times})
	if err != nil {
		return nil, fmt.Errorf("wave: %w", err)
	}
	return out, nil
}
