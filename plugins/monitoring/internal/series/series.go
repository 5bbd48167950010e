// Package series names the scalar series that the monitoring plugin keeps
// in its history and alerts on, and reads their values from a Sample. A
// series name is a metric, such as "cpu_usage_ratio", optionally followed
// by "@" and a label: a core, mount point, device, interface or sensor, as
// in "filesystem_used_ratio@/var".
package series

import (
	"slices"
	"strconv"
	"strings"

	"github.com/diwanpanel/diwan/plugins/monitoring/internal/collect"
)

// The metrics, each the name of a series or, with a label, of a family.
const (
	CPU            = "cpu_usage_ratio"
	CPUCore        = "cpu_core_usage_ratio"
	Load1          = "load1"
	Load5          = "load5"
	Load15         = "load15"
	LoadPerCPU     = "load5_per_cpu"
	MemoryRatio    = "memory_used_ratio"
	MemoryBytes    = "memory_used_bytes"
	SwapRatio      = "swap_used_ratio"
	Filesystem     = "filesystem_used_ratio"
	DiskRead       = "disk_read_bytes_per_second"
	DiskWrite      = "disk_write_bytes_per_second"
	NetReceive     = "network_receive_bytes_per_second"
	NetTransmit    = "network_transmit_bytes_per_second"
	Processes      = "processes"
	Temperature    = "temperature_celsius"
	labelSeparator = "@"
)

// Metrics lists every metric, in the order Each reports them.
var Metrics = []string{
	CPU, CPUCore, Load1, Load5, Load15, LoadPerCPU, MemoryRatio, MemoryBytes, SwapRatio, Filesystem,
	DiskRead, DiskWrite, NetReceive, NetTransmit, Processes, Temperature,
}

// IsMetric says whether name is one of Metrics.
func IsMetric(name string) bool { return slices.Contains(Metrics, name) }

// Split returns the metric and label of a series name.
func Split(name string) (metric, label string) {
	metric, label, _ = strings.Cut(name, labelSeparator)
	return metric, label
}

// Namer builds labelled series names once and reuses them, so that naming
// the series of a sample allocates nothing after the first.
type Namer struct {
	names map[[2]string]string
	cores []string
}

// NewNamer returns an empty Namer.
func NewNamer() *Namer { return &Namer{names: map[[2]string]string{}} }

func (n *Namer) name(metric, label string) string {
	k := [2]string{metric, label}
	if s, ok := n.names[k]; ok {
		return s
	}
	if len(n.names) > 4096 { // labels churn (hot-plugged disks): start over
		clear(n.names)
	}
	s := metric + labelSeparator + label
	n.names[k] = s
	return s
}

func (n *Namer) core(i int) string {
	for len(n.cores) <= i {
		n.cores = append(n.cores, n.name(CPUCore, strconv.Itoa(len(n.cores))))
	}
	return n.cores[i]
}

// Each calls fn with every series of s and its value. The loopback
// interface is left out.
func (n *Namer) Each(s *collect.Sample, fn func(name string, v float64)) {
	fn(CPU, s.CPU)
	for i, c := range s.Cores {
		fn(n.core(i), c)
	}
	fn(Load1, s.Load[0])
	fn(Load5, s.Load[1])
	fn(Load15, s.Load[2])
	if len(s.Cores) > 0 {
		fn(LoadPerCPU, s.LoadPerCPU())
	}
	fn(MemoryRatio, s.Memory.UsedRatio())
	fn(MemoryBytes, float64(s.Memory.Used))
	fn(SwapRatio, s.Memory.SwapRatio())
	for _, f := range s.Filesystems {
		fn(n.name(Filesystem, f.Mount), f.UsedRatio())
	}
	for _, d := range s.Disks {
		fn(n.name(DiskRead, d.Name), d.ReadRate)
		fn(n.name(DiskWrite, d.Name), d.WriteRate)
	}
	for _, c := range s.Networks {
		if c.Name == "lo" {
			continue
		}
		fn(n.name(NetReceive, c.Name), c.RxRate)
		fn(n.name(NetTransmit, c.Name), c.TxRate)
	}
	fn(Processes, float64(s.Processes.Total))
	for _, t := range s.Temperatures {
		fn(n.name(Temperature, t.Sensor), t.Celsius)
	}
}
