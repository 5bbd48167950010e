package plugin

import (
	"context"
	"os"
	"time"

	"github.com/diwanpanel/diwan/plugins/monitoring/internal/alerts"
	"github.com/diwanpanel/diwan/plugins/monitoring/internal/notify"
	"github.com/diwanpanel/diwan/sdk"
)

// deliveryTimeout bounds the notifications of one state change, retries
// included.
const deliveryTimeout = 2 * time.Minute

// hostname names the host in notifications.
var hostname = func() string {
	h, err := os.Hostname()
	if err != nil {
		return "unknown"
	}
	return h
}()

// dispatch publishes every state change as an "alert" event and, for
// firing and resolved, notifies the rule's channels in the background,
// noting each outcome in the alert's history.
func (p *Plugin) dispatch(host sdk.Host, engine *alerts.Engine, fired []alerts.Fired) {
	for _, f := range fired {
		msg := notify.Message{
			AlertID: f.Rule.ID, Alert: f.Rule.Name, Metric: f.Rule.Metric, Condition: f.Rule.Condition,
			Threshold: f.Rule.Threshold, State: f.Event.To, Value: f.Event.Value, At: f.Event.At, Host: hostname,
		}
		ctx, cancel := context.WithTimeout(context.Background(), hostTimeout)
		_ = host.PublishEvent(ctx, "alert", msg)
		cancel()
		if !alerts.Notified(f.Event.To) {
			continue
		}
		for _, ch := range f.Rule.Channels {
			go p.notifyOne(host, engine, ch, f, msg)
		}
	}
}

func (p *Plugin) notifyOne(host sdk.Host, engine *alerts.Engine, channel string, f alerts.Fired, msg notify.Message) {
	ctx, cancel := context.WithTimeout(context.Background(), deliveryTimeout)
	defer cancel()
	note, _ := p.deliver(ctx, host, channel, msg)
	if note != "" {
		_ = engine.Note(ctx, f.Rule.ID, f.Event.At, note)
	}
}
