package notify

import (
	"fmt"
	"strings"
	"time"
)

// Message is one alert notification.
type Message struct {
	AlertID   string    `json:"alert_id"`
	Alert     string    `json:"alert"`
	Metric    string    `json:"metric"`
	Condition string    `json:"condition"`
	Threshold float64   `json:"threshold"`
	State     string    `json:"state"`
	Value     float64   `json:"value"`
	At        time.Time `json:"at"`
	Host      string    `json:"host"`
	// Test marks the message that test_channel sends.
	Test bool `json:"test,omitempty"`
}

// Subject is the email subject line, such as "[Diwan] FIRING: disk full".
func (m Message) Subject() string {
	return fmt.Sprintf("[Diwan] %s: %s", strings.ToUpper(m.State), m.Alert)
}

// Body is the plain-text email body, in English and Arabic.
func (m Message) Body() string {
	return fmt.Sprintf("Alert %q is %s on %s.\n%s = %g (condition %s %g) at %s.\n\nالتنبيه «%s» في حالة %s على %s.\n",
		m.Alert, m.State, m.Host, m.Metric, m.Value, m.Condition, m.Threshold, m.At.UTC().Format(time.RFC3339),
		m.Alert, arabicState(m.State), m.Host)
}

func arabicState(s string) string {
	switch s {
	case "firing":
		return "إطلاق"
	case "resolved":
		return "زوال"
	default:
		return s
	}
}
