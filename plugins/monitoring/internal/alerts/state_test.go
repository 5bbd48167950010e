package alerts

import (
	"testing"
	"time"
)

func TestStepPendingFiringResolved(t *testing.T) {
	r := Rule{Condition: ">", Threshold: 0.9, Duration: 60}
	st := &Status{State: StateOK}
	t0 := time.Unix(1000, 0)
	var got []string
	for i, v := range []float64{0.5, 0.95, 0.95, 0.95, 0.2, 0.95, 0.1} {
		for _, ev := range step(st, r, v, t0.Add(time.Duration(i)*30*time.Second)) {
			got = append(got, ev.From+">"+ev.To)
		}
	}
	// 0.95 at 30s: pending; at 90s (60s later): firing; 0.2: resolved;
	// 0.95: pending again; 0.1: back to ok without firing.
	want := []string{"ok>pending", "pending>firing", "firing>resolved", "resolved>pending", "pending>ok"}
	if len(got) != len(want) {
		t.Fatalf("transitions %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("transition %d = %s, want %s", i, got[i], want[i])
		}
	}
	if len(st.History) != len(want) {
		t.Errorf("history holds %d events", len(st.History))
	}
}

func TestStepFiresAtOnceWithoutDurationAndBoundsHistory(t *testing.T) {
	r := Rule{Condition: "<", Threshold: 1}
	st := &Status{State: StateOK}
	now := time.Unix(0, 0)
	for i := range 2 * MaxHistory {
		v := float64(i % 2 * 5) // alternates 0 (breach) and 5
		step(st, r, v, now.Add(time.Duration(i)*time.Second))
	}
	if len(st.History) != MaxHistory {
		t.Errorf("history holds %d events, want the bound %d", len(st.History), MaxHistory)
	}
	if st.History[len(st.History)-1].To != StateResolved {
		t.Errorf("last event %+v", st.History[len(st.History)-1])
	}
}
