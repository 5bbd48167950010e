package series

import (
	"testing"

	"github.com/diwanpanel/diwan/plugins/monitoring/internal/collect"
)

func TestEachNamesEverySeries(t *testing.T) {
	s := &collect.Sample{
		CPU: 0.5, Cores: []float64{0.25, 0.75},
		Filesystems: []collect.Filesystem{{Mount: "/var", Used: 1, Avail: 3}},
		Networks:    []collect.Network{{Name: "lo", RxRate: 9}, {Name: "eth0", RxRate: 7}},
	}
	got := map[string]float64{}
	n := NewNamer()
	n.Each(s, func(name string, v float64) { got[name] = v })
	want := map[string]float64{"cpu_usage_ratio": 0.5, "cpu_core_usage_ratio@1": 0.75, "filesystem_used_ratio@/var": 0.25, "network_receive_bytes_per_second@eth0": 7}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	if _, ok := got["network_receive_bytes_per_second@lo"]; ok {
		t.Error("loopback was reported")
	}
	for name := range got {
		if m, _ := Split(name); !IsMetric(m) {
			t.Errorf("series %s is not of a listed metric", name)
		}
	}
	if allocs := testing.AllocsPerRun(10, func() { n.Each(s, func(string, float64) {}) }); allocs != 0 {
		t.Errorf("Each allocates %v times per sample once names are known", allocs)
	}
}
