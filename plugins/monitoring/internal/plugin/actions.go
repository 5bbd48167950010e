package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/diwanpanel/diwan/plugins/monitoring/internal/history"
	"github.com/diwanpanel/diwan/plugins/monitoring/internal/notify"
	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/decode"
)

// The widest spans a resolution may be asked for, so that an answer stays
// under about ten thousand points.
var maxSpan = map[history.Resolution]time.Duration{
	history.Raw:    6 * time.Hour,
	history.Minute: 7 * 24 * time.Hour,
	history.Hour:   400 * 24 * time.Hour,
}

// Invoke runs query or test_channel.
func (p *Plugin) Invoke(ctx context.Context, action string, input json.RawMessage, report sdk.Reporter) (json.RawMessage, error) {
	if action == ActionTestChannel {
		return p.testChannel(ctx, input, report)
	}
	return p.query(ctx, input)
}

// point is a query's point on the wire.
type point struct {
	T   int64   `json:"t"`
	Min float64 `json:"min"`
	Avg float64 `json:"avg"`
	Max float64 `json:"max"`
}

// query answers {"metric","from","to","resolution"} with the series'
// points: {"metric","resolution","points":[{"t","min","avg","max"}]}.
func (p *Plugin) query(ctx context.Context, input json.RawMessage) (json.RawMessage, error) {
	_, hist, _, err := p.state()
	if err != nil {
		return nil, err
	}
	o, err := decode.Parse(input, "metric", "from", "to", "resolution")
	if err != nil {
		return nil, err
	}
	metric, err := o.String("metric", true, "", 1, history.MaxNameLen)
	if err != nil {
		return nil, err
	}
	to, err := timeField(o, "to", p.opts.Now())
	if err != nil {
		return nil, err
	}
	from, err := timeField(o, "from", to.Add(-time.Hour))
	if err != nil {
		return nil, err
	}
	if !from.Before(to) {
		return nil, sdk.Invalid("/from", "must be before to")
	}
	resName, err := o.Enum("resolution", "auto", "auto", "raw", "1m", "1h")
	if err != nil {
		return nil, err
	}
	res, _ := history.ParseResolution(resName)
	if res == history.Auto {
		res = history.Pick(from, to)
	}
	if to.Sub(from) > maxSpan[res] {
		return nil, sdk.Invalid("/from", "a %s query spans at most %v", res, maxSpan[res])
	}
	pts, res, err := hist.Query(ctx, metric, from, to, res)
	if errors.Is(err, history.ErrUnknownSeries) {
		return nil, sdk.Invalid("/metric", "no such series: %q", metric)
	}
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	out := struct {
		Metric     string  `json:"metric"`
		Resolution string  `json:"resolution"`
		Points     []point `json:"points"`
	}{Metric: metric, Resolution: res.String(), Points: make([]point, len(pts))}
	for i, pt := range pts {
		out.Points[i] = point{T: pt.T.Unix(), Min: pt.Min, Avg: pt.Avg, Max: pt.Max}
	}
	return json.Marshal(out)
}

// timeField reads an RFC 3339 time, def when missing.
func timeField(o *decode.Object, name string, def time.Time) (time.Time, error) {
	s, err := o.String(name, false, "", 1, 64)
	if err != nil || s == "" {
		return def, err
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, sdk.Invalid(decode.Pointer(name), "must be an RFC 3339 time such as 2026-01-02T15:04:05Z")
	}
	return t, nil
}

// testChannel sends a test message through {"channel": id}.
func (p *Plugin) testChannel(ctx context.Context, input json.RawMessage, report sdk.Reporter) (json.RawMessage, error) {
	host, _, _, err := p.state()
	if err != nil {
		return nil, err
	}
	o, err := decode.Parse(input, "channel")
	if err != nil {
		return nil, err
	}
	id, err := o.String("channel", true, "", 1, 64)
	if err != nil {
		return nil, err
	}
	if _, err := loadChannel(ctx, host, id); err != nil {
		return nil, sdk.Invalid("/channel", "names no channel: %q", id)
	}
	report.Progress(0, "sending a test notification")
	msg := notify.Message{Alert: "Test", Metric: "test", State: "test", At: p.opts.Now().UTC(), Host: hostname, Test: true}
	note, err := p.deliver(ctx, host, id, msg)
	if err != nil {
		return nil, fmt.Errorf("test_channel: %s", note)
	}
	report.Progress(1, note)
	return json.Marshal(map[string]any{"delivered": true, "note": note})
}
