package harness

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// wrkTimeUnits are the units wrk prints times in.
var wrkTimeUnits = map[string]time.Duration{
	"us": time.Microsecond,
	"ms": time.Millisecond,
	"s":  time.Second,
	"m":  time.Minute,
	"h":  time.Hour,
}

// wrkMetricUnits are the suffixes wrk prints counts with: powers of 1000.
var wrkMetricUnits = map[string]float64{"": 1, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15}

// ParseWrkDuration parses a time as wrk prints it: a non-negative decimal
// number followed by us, ms, s, m or h, such as "726.00us" or "1.20s".
func ParseWrkDuration(s string) (time.Duration, error) {
	num, unit := splitUnit(s)
	scale, ok := wrkTimeUnits[unit]
	if !ok {
		return 0, fmt.Errorf("wrk time %q: unknown unit %q", s, unit)
	}
	f, err := parseNumber(num)
	if err != nil {
		return 0, fmt.Errorf("wrk time %q: %w", s, err)
	}
	return time.Duration(math.Round(f * float64(scale))), nil
}

// ParseWrkMetric parses a count as wrk prints it: a non-negative decimal
// number with an optional k, M, G, T or P suffix, such as "56.20k".
func ParseWrkMetric(s string) (float64, error) {
	num, unit := splitUnit(s)
	scale, ok := wrkMetricUnits[unit]
	if !ok {
		return 0, fmt.Errorf("wrk count %q: unknown unit %q", s, unit)
	}
	f, err := parseNumber(num)
	if err != nil {
		return 0, fmt.Errorf("wrk count %q: %w", s, err)
	}
	return f * scale, nil
}

// splitUnit splits s after its leading digits and dots.
func splitUnit(s string) (num, unit string) {
	i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

// parseNumber parses the number part that splitUnit cut off. It holds
// only digits and dots, so it cannot be negative, NaN or infinite.
func parseNumber(num string) (float64, error) {
	f, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, fmt.Errorf("number: %w", err)
	}
	return f, nil
}
