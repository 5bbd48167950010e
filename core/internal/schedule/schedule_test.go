package schedule

import (
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
)

func TestDue(t *testing.T) {
	s := New(nil, nil, nil, hclog.NewNullLogger())
	at := func(h, m int) time.Time { return time.Date(2026, 12, 1, h, m, 0, 0, time.UTC) } // a Tuesday
	tests := []struct {
		name string
		cron string
		at   time.Time
		want bool
	}{
		{"every minute", "* * * * *", at(10, 17), true},
		{"nightly at three, at three", "0 3 * * *", at(3, 0), true},
		{"nightly at three, a minute later", "0 3 * * *", at(3, 1), false},
		{"every quarter hour", "*/15 * * * *", at(8, 45), true},
		{"every quarter hour, off", "*/15 * * * *", at(8, 44), false},
		{"weekdays only, on a Tuesday", "30 6 * * 1-5", at(6, 30), true},
		{"Sundays only, on a Tuesday", "30 6 * * 0", at(6, 30), false},
		{"in UTC whatever the local zone", "0 0 * * *", at(0, 0).In(time.FixedZone("X", 3*3600)), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Due(tt.cron, tt.at)
			if err != nil || got != tt.want {
				t.Fatalf("Due(%q, %s) = %t, %v; want %t", tt.cron, tt.at, got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "* * * *", "61 * * * *", "* * * * * *", "@reboot"} {
		if _, err := s.Due(bad, at(0, 0)); err == nil {
			t.Errorf("Due(%q) accepted a bad expression", bad)
		}
	}
}
