package api

import (
	"bufio"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/core/internal/auth"
)

func TestEventStream(t *testing.T) {
	defer func(d time.Duration) { eventsRecheck = d }(eventsRecheck)
	eventsRecheck = 50 * time.Millisecond
	s := newTestServer(t, nil, nil)
	s.mkUser(t, "olga", auth.RoleViewer)
	olga := s.login(t, "olga")
	cookie := olga.cookie
	base := s.listen(t)
	host := strings.TrimPrefix(base, "http://")

	open := func(origin string, upgrade bool) *http.Response {
		req, _ := http.NewRequestWithContext(context.Background(), "GET", base+"/api/v1/events", nil)
		req.Header.Set("Accept", "text/event-stream")
		req.Header.Set("Cookie", SessionCookie+"="+cookie)
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		if upgrade {
			req.Header.Set("Connection", "Upgrade")
			req.Header.Set("Upgrade", "websocket")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = resp.Body.Close() })
		return resp
	}
	for _, upgrade := range []bool{false, true} {
		if resp := open("https://evil.example", upgrade); resp.StatusCode != 403 {
			t.Fatalf("foreign origin (upgrade=%v) = %d", upgrade, resp.StatusCode)
		}
	}
	noCookie, _ := http.NewRequestWithContext(context.Background(), "GET", base+"/api/v1/events", nil)
	noCookie.Header.Set("Accept", "text/event-stream")
	if resp, err := http.DefaultClient.Do(noCookie); err != nil || resp.StatusCode != 401 {
		t.Fatalf("without a session: %v %v", resp, err)
	} else {
		_ = resp.Body.Close()
	}

	resp := open("http://"+host, false)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("same-origin stream = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	lines := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	waitLine(t, lines, "event: ready")
	if err := s.cache.Publish(context.Background(), EventsChannel, []byte(`{"kind":"test"}`)); err != nil {
		t.Fatal(err)
	}
	waitLine(t, lines, `data: {"kind":"test"}`)

	// Signing out ends the stream within eventsRecheck.
	olga.expect(204, "POST", "/api/v1/auth/logout", nil, nil)
	waitLine(t, lines, "event: end")
}

func waitLine(t *testing.T, lines <-chan string, want string) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("stream ended before %q", want)
			}
			if l == want {
				return
			}
		case <-deadline:
			t.Fatalf("no %q within 5 s", want)
		}
	}
}
