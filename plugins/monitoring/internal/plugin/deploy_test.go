package plugin_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/diwanpanel/diwan/plugins/monitoring/internal/alerts"
	"github.com/diwanpanel/diwan/plugins/monitoring/internal/plugin"
)

var (
	metricRef  = regexp.MustCompile(`\b(diwan_[a-z0-9_]+|up)\b`)
	typeLine   = regexp.MustCompile(`(?m)^# TYPE (\S+) `)
	exprLine   = regexp.MustCompile(`(?m)^\s*expr:\s*(.+)$`)
	coreMetric = regexp.MustCompile(`"(diwan_[a-z0-9_]+)`)
)

func deployDir(t *testing.T) string {
	t.Helper()
	return filepath.Join(moduleRoot(t), "..", "..", "deploy", "monitoring")
}

// knownMetrics returns the names the plugin's CollectMetrics emits and
// those the core registers (read from its source), plus Prometheus' up.
func knownMetrics(t *testing.T) map[string]bool {
	t.Helper()
	c := start(t, plugin.Options{})
	eventually(t, 5*time.Second, "a sample", func() bool { return len(c.Host.Events()) >= 1 })
	text, err := c.CollectMetrics()
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{"up": true}
	for _, m := range typeLine.FindAllStringSubmatch(text, -1) {
		known[m[1]] = true
	}
	core := filepath.Join(moduleRoot(t), "..", "..", "core", "internal")
	for _, f := range []string{"api/metrics.go", "store/metrics.go"} {
		src, err := os.ReadFile(filepath.Join(core, f))
		if err != nil {
			t.Fatalf("core metric names: %v", err)
		}
		for _, m := range coreMetric.FindAllStringSubmatch(string(src), -1) {
			known[m[1]] = true
		}
	}
	return known
}

// checkRefs reports every metric in expr that nothing emits.
func checkRefs(t *testing.T, where, expr string, known map[string]bool) {
	t.Helper()
	for _, name := range metricRef.FindAllString(expr, -1) {
		base := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(name, "_bucket"), "_sum"), "_count")
		if !known[name] && !known[base] {
			t.Errorf("%s uses %s, which neither the plugin nor the core emits", where, name)
		}
	}
}

func TestDeployPrometheusFilesValidate(t *testing.T) {
	promtool := tool(t, "promtool", "apt-get install -y prometheus")
	dir := deployDir(t)
	for _, args := range [][]string{{"check", "config", "prometheus.yml"}, {"check", "rules", "rules.yml"}} {
		cmd := exec.Command(promtool, args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("promtool %v: %v\n%s", args, err, out)
		}
	}
	rules, err := os.ReadFile(filepath.Join(dir, "rules.yml"))
	if err != nil {
		t.Fatal(err)
	}
	known := knownMetrics(t)
	exprs := exprLine.FindAllStringSubmatch(string(rules), -1)
	if len(exprs) < 4 {
		t.Fatalf("rules.yml has %d expressions", len(exprs))
	}
	for _, m := range exprs {
		checkRefs(t, "rules.yml", m[1], known)
	}
}

func TestGrafanaDashboardIsWellFormed(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(deployDir(t), "grafana-dashboard.json"))
	if err != nil {
		t.Fatal(err)
	}
	var dash struct {
		Title  string `json:"title"`
		UID    string `json:"uid"`
		Panels []struct {
			ID         int                 `json:"id"`
			Title      string              `json:"title"`
			Type       string              `json:"type"`
			Datasource json.RawMessage     `json:"datasource"`
			GridPos    *struct{ H, W int } `json:"gridPos"`
			Targets    []struct {
				RefID string `json:"refId"`
				Expr  string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(data, &dash); err != nil {
		t.Fatalf("dashboard is not JSON: %v", err)
	}
	if dash.Title == "" || dash.UID == "" || len(dash.Panels) == 0 {
		t.Fatalf("dashboard lacks a title, uid or panels")
	}
	known := knownMetrics(t)
	ids := map[int]bool{}
	for _, p := range dash.Panels {
		if p.Title == "" || p.Type == "" || len(p.Datasource) == 0 || p.GridPos == nil || p.GridPos.W == 0 || len(p.Targets) == 0 || ids[p.ID] {
			t.Errorf("panel %d %q lacks a title, type, datasource, position or targets, or repeats its id", p.ID, p.Title)
		}
		ids[p.ID] = true
		for _, tg := range p.Targets {
			if tg.RefID == "" || !metricRef.MatchString(tg.Expr) {
				t.Errorf("panel %q target %q has no refId or no Diwan metric: %q", p.Title, tg.RefID, tg.Expr)
			}
			checkRefs(t, "panel "+p.Title, tg.Expr, known)
		}
	}
}

// promRule is one alerting rule of rules.yml.
type promRule struct {
	Alert  string            `yaml:"alert"`
	Expr   string            `yaml:"expr"`
	For    string            `yaml:"for"`
	Labels map[string]string `yaml:"labels"`
}

// hostRules returns the rules of rules.yml's diwan-host group by their
// diwan_alert label, failing on a rule without one or a repeated one.
func hostRules(t *testing.T) map[string]promRule {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(deployDir(t), "rules.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Groups []struct {
			Name  string     `yaml:"name"`
			Rules []promRule `yaml:"rules"`
		} `yaml:"groups"`
	}
	if err := yaml.Unmarshal(data, &file); err != nil {
		t.Fatalf("rules.yml: %v", err)
	}
	out := map[string]promRule{}
	for _, g := range file.Groups {
		if g.Name != "diwan-host" {
			continue
		}
		for _, r := range g.Rules {
			id := r.Labels["diwan_alert"]
			if id == "" || out[id].Alert != "" {
				t.Errorf("rule %s has no diwan_alert label or repeats %q", r.Alert, id)
			}
			out[id] = r
		}
	}
	return out
}

func TestBuiltInAlertsMatchThePrometheusRules(t *testing.T) {
	rules, known := hostRules(t), knownMetrics(t)
	defaults := alerts.Defaults()
	if len(rules) != len(defaults) {
		t.Errorf("rules.yml's diwan-host group has %d rules, the plugin %d built-in alerts", len(rules), len(defaults))
	}
	for _, a := range defaults {
		r, ok := rules[a.ID]
		if !ok {
			t.Errorf("built-in alert %s has no rule labelled diwan_alert: %s", a.ID, a.ID)
			continue
		}
		f := strings.Fields(r.Expr)
		if len(f) != 3 {
			t.Errorf("rule %s: expr %q is not `metric condition threshold`", r.Alert, r.Expr)
			continue
		}
		threshold, err := strconv.ParseFloat(f[2], 64)
		if f[0] != "diwan_host_"+a.Metric || f[1] != a.Condition || err != nil || threshold != a.Threshold {
			t.Errorf("rule %s: expr %q, want diwan_host_%s %s %v", r.Alert, r.Expr, a.Metric, a.Condition, a.Threshold)
		}
		if !known[f[0]] {
			t.Errorf("rule %s: the plugin does not emit %s", r.Alert, f[0])
		}
		if d, err := time.ParseDuration(r.For); err != nil || d != time.Duration(a.Duration)*time.Second {
			t.Errorf("rule %s: for %q, want %ds (%v)", r.Alert, r.For, a.Duration, err)
		}
	}
}
