package harness

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// WrkResult is what one wrk run reports.
type WrkResult struct {
	// Requests is the number of completed requests.
	Requests       int64
	RequestsPerSec float64
	// P50 to P99 are latency percentiles.
	P50, P75, P90, P99 time.Duration
	// ErrorStatus counts answers with status 400 or above. wrk labels them
	// "Non-2xx or 3xx responses" but counts only those: a 3xx answer is a
	// success to wrk.
	ErrorStatus int64
	Socket      SocketErrors
}

// SocketErrors are the failures wrk counts below HTTP: refused
// connections, failed reads and writes, and requests that outlived wrk's
// timeout (2 s by default).
type SocketErrors struct {
	Connect, Read, Write, Timeout int64
}

// Total returns the sum of all socket errors.
func (s SocketErrors) Total() int64 { return s.Connect + s.Read + s.Write + s.Timeout }

// Failures returns the number of failed requests: error answers plus
// socket errors.
func (r WrkResult) Failures() int64 { return r.ErrorStatus + r.Socket.Total() }

// Failed reports whether any request failed.
func (r WrkResult) Failed() bool { return r.Failures() > 0 }

// ErrNoReport is returned by ParseWrk when the text lacks a line that every
// wrk report with --latency has.
var ErrNoReport = errors.New("not a complete wrk --latency report")

// ParseWrk parses the report wrk prints with --latency. It needs the
// request count, Requests/sec and the 50, 75, 90 and 99 % latencies; the
// error and socket error lines are optional, since wrk prints them only
// when something failed.
func ParseWrk(text string) (WrkResult, error) {
	var r WrkResult
	seen := map[string]bool{}
	inDistribution := false
	for _, line := range strings.Split(text, "\n") {
		key, err := parseWrkLine(&r, strings.TrimSpace(line), inDistribution)
		if err != nil {
			return WrkResult{}, err
		}
		if key == "distribution" {
			inDistribution = true
		}
		seen[key] = true
	}
	for _, key := range []string{"requests", "requests/sec", "50%", "75%", "90%", "99%"} {
		if !seen[key] {
			return WrkResult{}, fmt.Errorf("%w: no %s", ErrNoReport, key)
		}
	}
	return r, nil
}

// parseWrkLine stores what line says into r and returns which fact it was,
// or "" for a line it does not use.
func parseWrkLine(r *WrkResult, line string, inDistribution bool) (string, error) {
	f := strings.Fields(line)
	switch {
	case line == "Latency Distribution":
		return "distribution", nil
	case inDistribution && len(f) == 2 && strings.HasSuffix(f[0], "%"):
		return f[0], parsePercentile(r, f[0], f[1])
	case len(f) >= 3 && f[1] == "requests" && f[2] == "in":
		return "requests", parseInt(&r.Requests, f[0])
	case strings.HasPrefix(line, "Requests/sec:") && len(f) == 2:
		return "requests/sec", parseFloat(&r.RequestsPerSec, f[1])
	case strings.HasPrefix(line, "Non-2xx or 3xx responses:") && len(f) == 5:
		return "errors", parseInt(&r.ErrorStatus, f[4])
	case strings.HasPrefix(line, "Socket errors:"):
		s := &r.Socket
		_, err := fmt.Sscanf(line, "Socket errors: connect %d, read %d, write %d, timeout %d", &s.Connect, &s.Read, &s.Write, &s.Timeout)
		if err != nil {
			return "", fmt.Errorf("wrk socket errors %q: %w", line, err)
		}
		return "socket", nil
	}
	return "", nil
}

func parsePercentile(r *WrkResult, pct, value string) error {
	dst := map[string]*time.Duration{"50%": &r.P50, "75%": &r.P75, "90%": &r.P90, "99%": &r.P99}[pct]
	if dst == nil {
		return nil
	}
	d, err := ParseWrkDuration(value)
	if err != nil {
		return fmt.Errorf("wrk latency %s: %w", pct, err)
	}
	*dst = d
	return nil
}

func parseInt(dst *int64, s string) error {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("wrk count: %w", err)
	}
	*dst = n
	return nil
}

func parseFloat(dst *float64, s string) error {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("wrk rate: %w", err)
	}
	*dst = f
	return nil
}
