package api

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/pluginhost"
)

// BenchmarkHTTPToPlugin measures GET /api/v1/plugins/hello/resources/greeting
// with an admin session: the whole middleware chain over an in-memory
// listener, the gRPC call to the real hello plugin, and hello's read of the
// panel's key-value store through the Host service. "parallel" gives the
// throughput (ns/op) and the latency under load; "sequential" the latency
// of one request at a time. Both report p50 and p99 in µs.
func BenchmarkHTTPToPlugin(b *testing.B) {
	s := newServerWith(b, serverOpts{dialect: config.SQLite, logTo: io.Discard})
	ctx := context.Background()
	if _, err := pluginhost.Install(ctx, s.store.Plugins(), benchBuildHello(b)); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.plugins.StopAll(context.Background()) })
	if _, err := s.plugins.Enable(ctx, "hello"); err != nil {
		b.Fatal(err)
	}
	if _, err := s.plugins.ApplyResource(ctx, "hello", "greeting", "", json.RawMessage(`{"name":"Ada","message":"marhaba"}`)); err != nil {
		b.Fatal(err)
	}
	if _, err := s.auth.CreateUser(ctx, auth.NewUser{Username: "bench", Password: testPassword, Role: auth.RoleAdmin}); err != nil {
		b.Fatal(err)
	}
	res, err := s.auth.Login(ctx, auth.LoginInput{Username: "bench", Password: testPassword, IP: "127.0.0.1"})
	if err != nil {
		b.Fatal(err)
	}
	client := benchServe(b, s)
	get := func(b *testing.B, took []time.Duration, next func() bool) []time.Duration {
		req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
		defer fasthttp.ReleaseRequest(req)
		defer fasthttp.ReleaseResponse(resp)
		req.SetRequestURI("http://diwan/api/v1/plugins/hello/resources/greeting")
		req.Header.Set("Cookie", SessionCookie+"="+res.Token)
		for next() {
			began := time.Now()
			if err := client.Do(req, resp); err != nil || resp.StatusCode() != 200 {
				b.Fatalf("GET greetings: %v %d %s", err, resp.StatusCode(), resp.Body())
			}
			took = append(took, time.Since(began))
		}
		return took
	}

	b.Run("parallel", func(b *testing.B) {
		var (
			mu  sync.Mutex
			all = make([]time.Duration, 0, b.N)
		)
		b.ReportAllocs()
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			took := get(b, nil, pb.Next)
			mu.Lock()
			all = append(all, took...)
			mu.Unlock()
		})
		b.StopTimer()
		reportLatency(b, all)
	})
	b.Run("sequential", func(b *testing.B) {
		took := make([]time.Duration, 0, b.N)
		i := 0
		b.ReportAllocs()
		b.ResetTimer()
		took = get(b, took, func() bool { i++; return i <= b.N })
		b.StopTimer()
		reportLatency(b, took)
	})
}

// reportLatency reports the median and 99th percentile of took in µs.
func reportLatency(b *testing.B, took []time.Duration) {
	if len(took) == 0 {
		return
	}
	slices.Sort(took)
	at := func(p float64) float64 {
		i := min(max(int(float64(len(took))*p+0.5)-1, 0), len(took)-1)
		return float64(took[i].Nanoseconds()) / 1e3
	}
	b.ReportMetric(at(0.5), "p50-us")
	b.ReportMetric(at(0.99), "p99-us")
}

// benchBuildHello builds the SDK's example plugin into a private 0755
// directory, as buildHello does for tests.
func benchBuildHello(b *testing.B) string {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "plugins")
	if err := os.Mkdir(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	bin := filepath.Join(dir, "hello")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/diwanpanel/diwan/sdk/examples/hello").CombinedOutput()
	if err != nil {
		b.Fatalf("build hello: %v\n%s", err, out)
	}
	return bin
}
