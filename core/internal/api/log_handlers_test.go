package api

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/logstore"
)

func TestLogsQuery(t *testing.T) {
	dir := t.TempDir()
	s := newTestServer(t, func(c *config.Config) { c.Log.Dir = dir }, nil)
	keep, err := logstore.Open(dir, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	log := hclog.New(&hclog.LoggerOptions{Name: "diwan", Output: keep, JSONFormat: true, Level: hclog.Debug})
	log.Info("serving")
	log.Named("plugin.hello").Warn("greeting store slow", "ms", 900)
	log.Named("plugin.monitoring").Error("sampling failed")
	if err := keep.Close(); err != nil {
		t.Fatal(err)
	}
	s.mkUser(t, "olga", auth.RoleOperator)
	s.mkUser(t, "vera", auth.RoleViewer)
	op := s.login(t, "olga")

	var got []logstore.Entry
	op.expect(200, "GET", "/api/v1/logs?source=plugin.&level=warn", nil, &got)
	if len(got) != 2 || got[0].Source != "plugin.monitoring" || got[1].Message != "greeting store slow" || got[1].Fields["ms"] != float64(900) {
		t.Fatalf("plugin warnings = %+v", got)
	}
	since := url.QueryEscape(time.Now().Add(time.Minute).Format(time.RFC3339))
	op.expect(200, "GET", "/api/v1/logs?since="+since, nil, &got)
	if len(got) != 0 {
		t.Fatalf("entries from the future: %+v", got)
	}
	op.expect(200, "GET", "/api/v1/logs?q=SERVING&limit=5", nil, &got)
	if len(got) != 1 || got[0].Source != "core" {
		t.Fatalf("text search = %+v", got)
	}
	for param, query := range map[string]string{
		"level": "level=loud", "limit": "limit=0", "since": "since=yesterday", "until": "until=2026-13-01",
	} {
		_, data := op.do("GET", "/api/v1/logs?"+query, nil)
		if errCode(data) != "invalid_query" || !strings.Contains(string(data), `"field":"`+param+`"`) {
			t.Errorf("%s: %s", query, data)
		}
	}
	s.login(t, "vera").expect(403, "GET", "/api/v1/logs", nil, nil)
	s.anon(t).expect(401, "GET", "/api/v1/logs", nil, nil)

	off := newTestServer(t, func(c *config.Config) { c.Log.Dir = "" }, nil)
	off.mkUser(t, "olga", auth.RoleOperator)
	off.login(t, "olga").expect(404, "GET", "/api/v1/logs", nil, nil)
}
