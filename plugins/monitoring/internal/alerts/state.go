package alerts

import "time"

// The states of an alert. Resolved behaves as OK for the next breach.
const (
	StateOK       = "ok"
	StatePending  = "pending"
	StateFiring   = "firing"
	StateResolved = "resolved"
)

// MaxHistory bounds the events kept per alert.
const MaxHistory = 50

// Event is one state change of an alert, with what its notification did.
type Event struct {
	At    time.Time `json:"at"`
	From  string    `json:"from"`
	To    string    `json:"to"`
	Value float64   `json:"value"`
	// Notes say how each channel's notification went, such as
	// "webhook ops: delivered" or "email oncall: failed: ...".
	Notes []string `json:"notes,omitempty"`
}

// Status is an alert's current state and history.
type Status struct {
	State   string    `json:"state"`
	Since   time.Time `json:"since"`
	History []Event   `json:"history"`
}

// Notified says whether a change to to is sent to the channels.
func Notified(to string) bool { return to == StateFiring || to == StateResolved }

// step advances st for a reading v of rule r at now and returns the events
// it produced, oldest first.
func step(st *Status, r Rule, v float64, now time.Time) []Event {
	breach := r.Breached(v)
	var evs []Event
	move := func(to string) {
		evs = append(evs, Event{At: now, From: st.State, To: to, Value: v})
		st.State, st.Since = to, now
	}
	switch st.State {
	case StatePending:
		if !breach {
			move(StateOK)
		}
	case StateFiring:
		if !breach {
			move(StateResolved)
		}
	default: // ok, resolved
		if breach {
			move(StatePending)
		}
	}
	if st.State == StatePending && breach && now.Sub(st.Since) >= r.For() {
		move(StateFiring)
	}
	st.History = append(st.History, evs...)
	if extra := len(st.History) - MaxHistory; extra > 0 {
		st.History = append(st.History[:0], st.History[extra:]...)
	}
	return evs
}
