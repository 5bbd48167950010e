// Package alerts holds the alert rules of the monitoring plugin and runs
// their state machine: a rule whose metric crosses its threshold becomes
// pending, then firing once the condition has held for the rule's
// duration, then resolved when it no longer holds. Each state change is
// kept in a bounded history; firing and resolved are the changes that are
// notified.
package alerts

import (
	"encoding/json"
	"fmt"
	"regexp"
	"time"

	"github.com/diwanpanel/diwan/plugins/monitoring/internal/series"
	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/decode"
)

// Rule is an alert as the operator defines it.
type Rule struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Metric    string   `json:"metric"`
	Condition string   `json:"condition"`
	Threshold float64  `json:"threshold"`
	Duration  int      `json:"duration"` // seconds
	Channels  []string `json:"channels"`
	Enabled   bool     `json:"enabled"`
}

// MaxDuration is the longest duration a rule may ask for: a day.
const MaxDuration = 86400

// MaxChannels bounds the channels one rule notifies.
const MaxChannels = 10

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// ValidID says whether id is a resource id the plugin could have given.
func ValidID(id string) bool { return idPattern.MatchString(id) }

// Breached says whether v meets the rule's condition.
func (r Rule) Breached(v float64) bool {
	if r.Condition == "<" {
		return v < r.Threshold
	}
	return v > r.Threshold
}

// For returns the rule's duration.
func (r Rule) For() time.Duration { return time.Duration(r.Duration) * time.Second }

// ParseRule validates an alert body for id ("" for a new one). Read-only
// fields the plugin returns (status, history) are accepted and ignored, so
// that a client may send back what it read; an id in the body must be id.
func ParseRule(data json.RawMessage, id string) (Rule, error) {
	o, err := decode.Parse(data, "id", "name", "metric", "condition", "threshold", "duration", "channels", "enabled", "status", "history")
	if err != nil {
		return Rule{}, err
	}
	var r Rule
	if r.ID, err = o.String("id", false, "", 0, 64); err != nil {
		return Rule{}, err
	}
	if r.ID != "" && r.ID != id {
		return Rule{}, sdk.Invalid("/id", "is given by the plugin and cannot be changed")
	}
	r.ID = id
	if r.Name, err = o.String("name", true, "", 1, 100); err != nil {
		return Rule{}, err
	}
	if r.Metric, err = o.String("metric", true, "", 1, 160); err != nil {
		return Rule{}, err
	}
	if m, _ := series.Split(r.Metric); !series.IsMetric(m) {
		return Rule{}, sdk.Invalid("/metric", "must be one of the plugin's metrics, optionally with @label, got %q", r.Metric)
	}
	if r.Condition, err = o.Enum("condition", "", ">", "<"); err != nil {
		return Rule{}, err
	}
	if r.Threshold, err = o.Number("threshold", true, 0, -1e15, 1e15); err != nil {
		return Rule{}, err
	}
	if r.Duration, err = o.Int("duration", false, 0, 0, MaxDuration); err != nil {
		return Rule{}, err
	}
	if r.Channels, err = o.Strings("channels", 0, MaxChannels, checkID); err != nil {
		return Rule{}, err
	}
	if r.Enabled, err = o.Bool("enabled", true); err != nil {
		return Rule{}, err
	}
	return r, nil
}

func checkID(s string) error {
	if !ValidID(s) {
		return fmt.Errorf("must be a channel id, got %q", s)
	}
	return nil
}
