package harness

import (
	"testing"
	"time"
)

func TestParseWrkDuration(t *testing.T) {
	ok := []struct {
		in   string
		want time.Duration
	}{
		{"726.00us", 726 * time.Microsecond},
		{"0.00us", 0},
		{"1.27ms", 1270 * time.Microsecond},
		{"12.97ms", 12970 * time.Microsecond},
		{"1.20s", 1200 * time.Millisecond},
		{"2.00m", 2 * time.Minute},
		{"1.50h", 90 * time.Minute},
	}
	for _, tc := range ok {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseWrkDuration(tc.in)
			if err != nil || got != tc.want {
				t.Fatalf("ParseWrkDuration(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
	for _, in := range []string{"", "12", "1.2ns", "1.2µs", "-1ms", "ms", "1.2.3ms", "nanms", "1e3ms"} {
		t.Run("bad "+in, func(t *testing.T) {
			if got, err := ParseWrkDuration(in); err == nil {
				t.Fatalf("ParseWrkDuration(%q) = %v, want an error", in, got)
			}
		})
	}
}

func TestParseWrkMetric(t *testing.T) {
	ok := []struct {
		in   string
		want float64
	}{
		{"130.00", 130},
		{"47.09", 47.09},
		{"56.20k", 56200},
		{"1.50M", 1.5e6},
		{"2.00G", 2e9},
	}
	for _, tc := range ok {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseWrkMetric(tc.in)
			if err != nil || got != tc.want {
				t.Fatalf("ParseWrkMetric(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
	for _, in := range []string{"", "1x", "1.5m", "-5k", "k", "1 k"} {
		t.Run("bad "+in, func(t *testing.T) {
			if got, err := ParseWrkMetric(in); err == nil {
				t.Fatalf("ParseWrkMetric(%q) = %v, want an error", in, got)
			}
		})
	}
}
