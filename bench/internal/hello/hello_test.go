package hello

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestApp(t *testing.T) {
	tests := []struct {
		path   string
		status int
		body   string
	}{
		{"/", http.StatusOK, Body},
		{"/missing", http.StatusNotFound, ""},
	}
	app := New()
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			resp, err := app.Test(httptestRequest(t, tc.path))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status || (tc.body != "" && string(body) != tc.body) {
				t.Fatalf("GET %s = %d %q, want %d %q", tc.path, resp.StatusCode, body, tc.status, tc.body)
			}
		})
	}
}

func TestServeAnnouncesAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	r, w := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, "127.0.0.1:0", w) }()
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), AnnouncePrefix)
	if !ok || !strings.HasPrefix(addr, "127.0.0.1:") || strings.HasSuffix(addr, ":0") {
		t.Fatalf("first line %q, want %q and the actual address", line, AnnouncePrefix)
	}
	resp, err := http.Get("http://" + addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != Body {
		t.Fatalf("GET / = %q", body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Serve = %v after cancel, want nil", err)
	}
}

func TestMainBadFlag(t *testing.T) {
	if code := Main(context.Background(), []string{"-port", "1"}, io.Discard, io.Discard); code != 2 {
		t.Fatalf("Main(-port) = %d, want 2", code)
	}
}

func httptestRequest(t *testing.T, path string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}
