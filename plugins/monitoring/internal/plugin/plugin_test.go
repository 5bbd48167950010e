package plugin_test

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/plugins/monitoring/internal/plugin"
	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/plugintest"
)

func TestConformance(t *testing.T) {
	plugintest.Conformance(t, plugin.New(plugin.Options{Tick: 50 * time.Millisecond}), plugintest.Options{
		Settings: raw(`{"interval":1}`),
		Samples: map[string]json.RawMessage{
			plugin.KindAlert:   raw(`{"name":"cpu","metric":"cpu_usage_ratio","condition":">","threshold":2}`),
			plugin.KindChannel: raw(`{"name":"ops","type":"webhook","url":"https://example.com/hook"}`),
		},
		ActionInputs: map[string]json.RawMessage{plugin.ActionQuery: raw(`{"metric":"cpu_usage_ratio"}`)},
	})
}

func TestDescribeBinary(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "monitoring")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = moduleRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "-describe").Output()
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		ID         string `json:"id"`
		Activation string `json:"activation"`
		Kinds      []struct {
			Kind string `json:"kind"`
		} `json:"resource_kinds"`
	}
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("describe output: %v\n%s", err, out)
	}
	if m.ID != "monitoring" || !strings.Contains(m.Activation, "ALWAYS") || len(m.Kinds) != 2 {
		t.Errorf("describe = %+v", m)
	}
}

func TestSamplesAreStreamedAndQueryable(t *testing.T) {
	c := start(t, plugin.Options{})
	eventually(t, 5*time.Second, "three sample events", func() bool { return len(c.Host.Events()) >= 3 })
	ev := c.Host.Events()[0]
	var data map[string]any
	if err := json.Unmarshal(ev.JSON, &data); err != nil || ev.Kind != "sample" {
		t.Fatalf("event %s %s: %v", ev.Kind, ev.JSON, err)
	}
	if _, ok := data["cpu"]; !ok || len(ev.JSON) > 400 {
		t.Errorf("sample event is %d bytes, missing cpu or too big: %s", len(ev.JSON), ev.JSON)
	}
	inv, err := c.Invoke(plugin.ActionQuery, raw(`{"metric":"memory_used_bytes","resolution":"raw"}`))
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Resolution string                  `json:"resolution"`
		Points     []struct{ Avg float64 } `json:"points"`
	}
	if err := json.Unmarshal(inv.Output, &out); err != nil || out.Resolution != "raw" || len(out.Points) < 2 || out.Points[0].Avg <= 0 {
		t.Errorf("query = %s, %v", inv.Output, err)
	}
}

func TestCollectMetricsPassesPromtool(t *testing.T) {
	promtool := tool(t, "promtool", "apt-get install -y prometheus")
	c := start(t, plugin.Options{})
	eventually(t, 5*time.Second, "a sample", func() bool { return len(c.Host.Events()) >= 2 })
	text, err := c.CollectMetrics()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"diwan_host_cpu_usage_ratio ", "diwan_host_memory_used_bytes ", "# TYPE diwan_host_network_receive_bytes_total counter"} {
		if !strings.Contains(text, name) {
			t.Errorf("metrics lack %q", name)
		}
	}
	cmd := exec.Command(promtool, "check", "metrics")
	cmd.Stdin = strings.NewReader(text)
	if out, err := cmd.CombinedOutput(); err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("promtool check metrics: %v\n%s", err, out)
	}
}

func TestSettingsAreValidatedByField(t *testing.T) {
	c := plugintest.Start(t, plugin.New(plugin.Options{}))
	for body, field := range map[string]string{
		`{"interval":0}`: "/interval", `{"interval":61}`: "/interval", `{"interval":1.5}`: "/interval",
		`{"publish_samples":"yes"}`: "/publish_samples", `{"retention":3}`: "/retention", `[]`: "",
	} {
		wantField(t, c.Configure(raw(body)), field)
	}
	if h, _ := c.CheckHealth(); h.Status != sdk.HealthDegraded {
		t.Errorf("refused settings configured the plugin: %+v", h)
	}
}

func TestAlertsAreValidatedByField(t *testing.T) {
	c := start(t, plugin.Options{})
	ok := `"name":"a","metric":"cpu_usage_ratio","condition":">","threshold":1`
	tests := map[string]string{
		`{}`: "/name",
		`{"name":"a","metric":"nope","condition":">","threshold":1}`:             "/metric",
		`{"name":"a","metric":"cpu_usage_ratio","condition":">=","threshold":1}`: "/condition",
		`{"name":"a","metric":"cpu_usage_ratio","condition":">"}`:                "/threshold",
		`{` + ok + `,"duration":-1}`:                                             "/duration",
		`{` + ok + `,"duration":86401}`:                                          "/duration",
		`{` + ok + `,"channels":["missing"]}`:                                    "/channels/0",
		`{` + ok + `,"channels":["BAD ID"]}`:                                     "/channels/0",
		`{` + ok + `,"enabled":1}`:                                               "/enabled",
		`{` + ok + `,"colour":1}`:                                                "/colour",
		`{` + ok + `,"id":"x"}`:                                                  "/id",
		`{"name":"` + strings.Repeat("n", 101) + `","metric":"load1","condition":"<","threshold":1}`: "/name",
	}
	before := alertKeys(c)
	for body, field := range tests {
		_, err := c.Apply(plugin.KindAlert, "", raw(body))
		wantField(t, err, field)
	}
	if after := alertKeys(c); !slices.Equal(after, before) {
		t.Errorf("refused alerts changed the store: alert keys %v, before %v", after, before)
	}
}

// alertKeys returns the sorted keys of stored alert rules.
func alertKeys(c *plugintest.Client) []string {
	var keys []string
	for k := range c.Host.KV() {
		if strings.HasPrefix(k, "alert/") {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

func TestChannelsAreValidatedByField(t *testing.T) {
	c := start(t, plugin.Options{})
	mail := `"name":"m","type":"email","host":"smtp.example.com","from":"a@example.com"`
	tests := map[string]string{
		`{"name":"w","type":"sms"}`:                                   "/type",
		`{"name":"w","type":"webhook"}`:                               "/url",
		`{"name":"w","type":"webhook","url":"ftp://x/"}`:              "/url",
		`{"name":"w","type":"webhook","url":"https://u:p@x/"}`:        "/url",
		`{"name":"w","type":"webhook","url":"https://x/","host":"h"}`: "/host",
		`{` + mail + `}`:                                                                                   "/to",
		`{` + mail + `,"to":["not an address"]}`:                                                           "/to/0",
		`{` + mail + `,"to":["ok@example.com","Bob <b@example.com>"]}`:                                     "/to/1",
		`{` + mail + `,"to":["o@example.com"],"port":0}`:                                                   "/port",
		`{` + mail + `,"to":["o@example.com"],"security":"ssl"}`:                                           "/security",
		`{"name":"m","type":"email","host":"bad host;","from":"a@example.com","to":["o@example.com"]}`:     "/host",
		`{"name":"m","type":"email","host":"h","from":"a@example.com\r\nBcc: x@y","to":["o@example.com"]}`: "/from",
		`{` + mail + `,"to":["o@example.com"],"url":"https://x/"}`:                                         "/url",
	}
	for body, field := range tests {
		_, err := c.Apply(plugin.KindChannel, "", raw(body))
		wantField(t, err, field)
	}
	if len(c.Host.KV()) > 0 {
		for k := range c.Host.KV() {
			if strings.HasPrefix(k, "channel") {
				t.Errorf("a refused channel was stored: %s", k)
			}
		}
	}
}

func TestQueryIsValidatedByField(t *testing.T) {
	c := start(t, plugin.Options{})
	tests := map[string]string{
		`{}`:                                    "/metric",
		`{"metric":"nope"}`:                     "/metric",
		`{"metric":"load1","from":"yesterday"}`: "/from",
		`{"metric":"load1","from":"2026-01-02T00:00:00Z","to":"2026-01-01T00:00:00Z"}`:                   "/from",
		`{"metric":"load1","resolution":"5m"}`:                                                           "/resolution",
		`{"metric":"load1","from":"2025-01-01T00:00:00Z","to":"2026-01-01T00:00:00Z","resolution":"1m"}`: "/from",
		`{"metric":"load1","limit":3}`:                                                                   "/limit",
	}
	eventually(t, 5*time.Second, "a sample", func() bool { return len(c.Host.Events()) >= 1 })
	for body, field := range tests {
		_, err := c.Invoke(plugin.ActionQuery, raw(body))
		wantField(t, err, field)
	}
	_, err := c.Invoke(plugin.ActionTestChannel, raw(`{"channel":"missing"}`))
	wantField(t, err, "/channel")
}

func TestPasswordGoesToSecrets(t *testing.T) {
	c := start(t, plugin.Options{})
	r, err := c.Apply(plugin.KindChannel, "", raw(`{"name":"m","type":"email","host":"smtp.example.com","from":"a@example.com","to":["o@example.com"],"username":"u","password":"s3cret"}`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(r.JSON), "s3cret") || !strings.Contains(string(r.JSON), `"password_set":true`) {
		t.Errorf("channel resource = %s", r.JSON)
	}
	for k, v := range c.Host.KV() {
		if strings.Contains(string(v), "s3cret") {
			t.Errorf("password stored in KV under %s", k)
		}
	}
	if string(c.Host.Secrets()["channel/"+r.ID+"/password"]) != "s3cret" {
		t.Errorf("secrets = %v", c.Host.Secrets())
	}
}
