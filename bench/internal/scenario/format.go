package scenario

import (
	"fmt"
	"strconv"
	"time"
)

// formatRate prints a rate as a whole number with thousands separators:
// 32910.29 is "32,910".
func formatRate(f float64) string {
	s := strconv.FormatInt(int64(f+0.5), 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// formatLatency prints d in µs below a millisecond, in ms below a second,
// and in s above.
func formatLatency(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%d µs", d.Microseconds())
	case d < time.Second:
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

// formatKB prints a size in kB (KiB, as /proc counts) with its MiB.
func formatKB(kb int64) string {
	return fmt.Sprintf("%.1f MiB (%d kB)", float64(kb)/1024, kb)
}

// perRequest divides d by n requests, or returns 0 when n is 0.
func perRequest(d time.Duration, n int64) time.Duration {
	if n == 0 {
		return 0
	}
	return d / time.Duration(n)
}
