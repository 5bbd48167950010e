package harness

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// WaitReady polls url with GET until it answers 200 OK, and returns nil
// then. It gives up with an error after timeout, when ctx is done, or with
// ErrExited as soon as p ends; the error names the last answer or failure.
func WaitReady(ctx context.Context, p *Process, url string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	var last error
	for {
		err := probe(ctx, url)
		if err == nil {
			return nil
		}
		if ctx.Err() == nil {
			last = err // a probe cut short by ctx says nothing new
		}
		select {
		case <-p.Exited():
			return fmt.Errorf("wait for %s: %w", url, p.exitedEarly())
		case <-ctx.Done():
			if last == nil {
				return fmt.Errorf("wait for %s: %w", url, ctx.Err())
			}
			return fmt.Errorf("wait for %s: %w (last: %w)", url, ctx.Err(), last)
		case <-tick.C:
		}
	}
}

// Probe sends one GET to url with the given headers, each "Name: value"
// as in WrkOptions.Header, and returns nil only for a 200 OK answer.
// Scenarios call it before measuring, because wrk counts 3xx answers as
// successes.
func Probe(ctx context.Context, url string, header ...string) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return probe(ctx, url, header...)
}

// probeClient follows no redirects and keeps no connection open, so a
// probe leaves nothing behind on the server.
var probeClient = &http.Client{
	Timeout:       time.Second,
	Transport:     &http.Transport{DisableKeepAlives: true},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func probe(ctx context.Context, url string, header ...string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("probe: %w", err)
	}
	for _, h := range header {
		if err := checkHeader(h); err != nil {
			return fmt.Errorf("probe: %w", err)
		}
		name, value, _ := strings.Cut(h, ": ")
		req.Header.Add(name, value)
	}
	resp, err := probeClient.Do(req)
	if err != nil {
		return fmt.Errorf("probe: %w", err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("probe %s: status %d", url, resp.StatusCode)
	}
	return nil
}
