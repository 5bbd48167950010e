package logstore

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
)

// logger writes hclog JSON lines, as the core's log sink does.
func logger(s *Store) hclog.Logger {
	return hclog.New(&hclog.LoggerOptions{Name: "diwan", Level: hclog.Trace, Output: s, JSONFormat: true})
}

func TestQueryFilters(t *testing.T) {
	s, err := Open(t.TempDir(), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	log := logger(s)
	log.Info("serving", "address", "127.0.0.1:7800")
	log.Named("http").Warn("slow request", "path", "/api/v1/plugins")
	log.Named("plugin.hello").Error("greeting store unreachable")
	log.Named("plugin.monitoring").Debug("sampled")
	mid := time.Now()
	time.Sleep(5 * time.Millisecond)
	log.Named("plugin.hello").Info("waved 3 times")

	r := Reader{Dir: s.dir}
	tests := []struct {
		name string
		f    Filter
		want []string // messages, newest first
	}{
		{"everything", Filter{}, []string{"waved 3 times", "sampled", "greeting store unreachable", "slow request", "serving"}},
		{"one plugin", Filter{Source: "plugin.hello"}, []string{"waved 3 times", "greeting store unreachable"}},
		{"every plugin", Filter{Source: "plugin."}, []string{"waved 3 times", "sampled", "greeting store unreachable"}},
		{"the core itself", Filter{Source: "core"}, []string{"serving"}},
		{"warnings and worse", Filter{Level: "warn"}, []string{"greeting store unreachable", "slow request"}},
		{"text in a field, any case", Filter{Text: "API/V1"}, []string{"slow request"}},
		{"since", Filter{Since: mid}, []string{"waved 3 times"}},
		{"until", Filter{Until: mid, Level: "error"}, []string{"greeting store unreachable"}},
		{"limit keeps the newest", Filter{Limit: 2}, []string{"waved 3 times", "sampled"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.Query(tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var msgs []string
			for _, e := range got {
				msgs = append(msgs, e.Message)
			}
			if strings.Join(msgs, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("got %q, want %q", msgs, tt.want)
			}
		})
	}
	got, _ := r.Query(Filter{Source: "http"})
	if len(got) != 1 || got[0].Level != "warn" || got[0].Fields["path"] != "/api/v1/plugins" || got[0].Time.IsZero() {
		t.Fatalf("entry = %+v", got)
	}
}

// However much is written, the directory stays within its bound, keeps
// the newest lines, and skips a line still being written.
func TestRotationBoundsTheDirectory(t *testing.T) {
	dir := t.TempDir()
	const bound = 64 << 10
	s, err := Open(dir, bound)
	if err != nil {
		t.Fatal(err)
	}
	log := logger(s)
	for i := range 5000 {
		log.Info("line", "n", i, "pad", strings.Repeat("x", 40))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	var total int64
	files, _ := filepath.Glob(filepath.Join(dir, "diwan.log*"))
	for _, f := range files {
		info, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		total += info.Size()
	}
	if len(files) != Files || total > bound {
		t.Fatalf("%d files, %d bytes; want %d files within %d bytes", len(files), total, Files, bound)
	}
	f, err := os.OpenFile(filepath.Join(dir, fileName), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.WriteString(`{"@level":"info","@message":"half`)
	_ = f.Close()
	got, err := Reader{Dir: dir}.Query(Filter{Limit: 1})
	if err != nil || len(got) != 1 || got[0].Fields["n"] != float64(4999) {
		t.Fatalf("newest = %+v, %v", got, err)
	}
}

func TestOpenRefusesATinyBound(t *testing.T) {
	if _, err := Open(t.TempDir(), 100); err == nil {
		t.Fatal("a 100-byte log directory was accepted")
	}
}
