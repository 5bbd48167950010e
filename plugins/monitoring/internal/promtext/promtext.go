// Package promtext writes a host Sample in the Prometheus text exposition
// format, one family per metric with its HELP and TYPE lines, named after
// Prometheus conventions: a diwan_host_ prefix, base units in the name
// (bytes, seconds, celsius, ratio) and _total on counters.
package promtext

import (
	"strconv"
	"strings"

	"github.com/diwanpanel/diwan/plugins/monitoring/internal/collect"
)

// Writer appends families to a reused buffer.
type Writer struct{ b []byte }

// Bytes returns what was written.
func (w *Writer) Bytes() []byte { return w.b }

// Reset empties the buffer, keeping its memory.
func (w *Writer) Reset() { w.b = w.b[:0] }

// Family writes the HELP and TYPE lines of a metric.
func (w *Writer) Family(name, typ, help string) {
	w.b = append(w.b, "# HELP "...)
	w.b = append(w.b, name...)
	w.b = append(w.b, ' ')
	w.b = append(w.b, help...)
	w.b = append(w.b, "\n# TYPE "...)
	w.b = append(w.b, name...)
	w.b = append(w.b, ' ')
	w.b = append(w.b, typ...)
	w.b = append(w.b, '\n')
}

// Value writes one sample; labels alternate names and values.
func (w *Writer) Value(name string, v float64, labels ...string) {
	w.b = append(w.b, name...)
	if len(labels) > 0 {
		w.b = append(w.b, '{')
		for i := 0; i+1 < len(labels); i += 2 {
			if i > 0 {
				w.b = append(w.b, ',')
			}
			w.b = append(w.b, labels[i]...)
			w.b = append(w.b, `="`...)
			w.b = appendEscaped(w.b, labels[i+1])
			w.b = append(w.b, '"')
		}
		w.b = append(w.b, '}')
	}
	w.b = append(w.b, ' ')
	w.b = strconv.AppendFloat(w.b, v, 'g', -1, 64)
	w.b = append(w.b, '\n')
}

// Gauge writes a family of one unlabelled gauge.
func (w *Writer) Gauge(name, help string, v float64) {
	w.Family(name, "gauge", help)
	w.Value(name, v)
}

var escaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

func appendEscaped(b []byte, s string) []byte {
	if !strings.ContainsAny(s, "\\\"\n") {
		return append(b, s...)
	}
	return append(b, escaper.Replace(s)...)
}

// WriteSample writes every host metric of s.
func (w *Writer) WriteSample(s *collect.Sample) {
	w.Gauge("diwan_host_cpu_usage_ratio", "Busy share of all CPU cores, from 0 to 1.", s.CPU)
	w.Family("diwan_host_cpu_core_usage_ratio", "gauge", "Busy share of each CPU core, from 0 to 1.")
	for i, c := range s.Cores {
		w.Value("diwan_host_cpu_core_usage_ratio", c, "cpu", strconv.Itoa(i))
	}
	w.Gauge("diwan_host_load1", "Load average over 1 minute.", s.Load[0])
	w.Gauge("diwan_host_load5", "Load average over 5 minutes.", s.Load[1])
	w.Gauge("diwan_host_load15", "Load average over 15 minutes.", s.Load[2])
	if len(s.Cores) > 0 {
		w.Gauge("diwan_host_load5_per_cpu", "Load average over 5 minutes divided by the number of CPU cores.", s.LoadPerCPU())
	}
	m := s.Memory
	w.Gauge("diwan_host_memory_total_bytes", "Total usable memory.", float64(m.Total))
	w.Gauge("diwan_host_memory_used_bytes", "Memory in use: total minus available.", float64(m.Used))
	w.Gauge("diwan_host_memory_available_bytes", "Memory available to start new programs without swapping.", float64(m.Available))
	w.Gauge("diwan_host_memory_cached_bytes", "Memory holding the page cache.", float64(m.Cached))
	w.Gauge("diwan_host_swap_total_bytes", "Total swap space.", float64(m.SwapTotal))
	w.Gauge("diwan_host_swap_used_bytes", "Swap space in use.", float64(m.SwapUsed))
	w.Gauge("diwan_host_memory_used_ratio", "Used share of memory (total minus available), from 0 to 1.", m.UsedRatio())
	w.Gauge("diwan_host_swap_used_ratio", "Used share of swap space, from 0 to 1; 0 without swap.", m.SwapRatio())
	w.writeFilesystems(s.Filesystems)
	w.writeDisks(s.Disks)
	w.writeNetworks(s.Networks)
	w.Gauge("diwan_host_processes", "Number of processes.", float64(s.Processes.Total))
	w.Gauge("diwan_host_processes_running", "Number of processes running or ready to run.", float64(s.Processes.Running))
	w.Gauge("diwan_host_uptime_seconds", "Seconds since the host booted.", s.Uptime)
	if len(s.Temperatures) > 0 {
		w.Family("diwan_host_temperature_celsius", "gauge", "Temperature of each sensor.")
		for _, t := range s.Temperatures {
			w.Value("diwan_host_temperature_celsius", t.Celsius, "sensor", t.Sensor)
		}
	}
}

func (w *Writer) writeFilesystems(fss []collect.Filesystem) {
	fams := []struct {
		name, help string
		get        func(collect.Filesystem) float64
	}{
		{"diwan_host_filesystem_size_bytes", "Size of each mounted filesystem.", func(f collect.Filesystem) float64 { return float64(f.Size) }},
		{"diwan_host_filesystem_used_bytes", "Space used on each mounted filesystem.", func(f collect.Filesystem) float64 { return float64(f.Used) }},
		{"diwan_host_filesystem_avail_bytes", "Space available to unprivileged users on each filesystem.", func(f collect.Filesystem) float64 { return float64(f.Avail) }},
		{"diwan_host_filesystem_used_ratio", "Used share of each filesystem's space, reserved blocks left out.", func(f collect.Filesystem) float64 { return f.UsedRatio() }},
	}
	for _, fam := range fams {
		w.Family(fam.name, "gauge", fam.help)
		for _, f := range fss {
			w.Value(fam.name, fam.get(f), "mountpoint", f.Mount, "device", f.Device, "fstype", f.Type)
		}
	}
}

func (w *Writer) writeDisks(disks []collect.Disk) {
	fams := []struct {
		name, help string
		get        func(collect.Disk) float64
	}{
		{"diwan_host_disk_read_bytes_total", "Bytes read from each disk since boot.", func(d collect.Disk) float64 { return float64(d.ReadBytes) }},
		{"diwan_host_disk_written_bytes_total", "Bytes written to each disk since boot.", func(d collect.Disk) float64 { return float64(d.WrittenBytes) }},
		{"diwan_host_disk_reads_completed_total", "Reads completed by each disk since boot.", func(d collect.Disk) float64 { return float64(d.Reads) }},
		{"diwan_host_disk_writes_completed_total", "Writes completed by each disk since boot.", func(d collect.Disk) float64 { return float64(d.Writes) }},
		{"diwan_host_disk_io_time_seconds_total", "Seconds each disk spent doing I/O since boot.", func(d collect.Disk) float64 { return d.IOTime }},
	}
	for _, fam := range fams {
		w.Family(fam.name, "counter", fam.help)
		for _, d := range disks {
			w.Value(fam.name, fam.get(d), "device", d.Name)
		}
	}
}

func (w *Writer) writeNetworks(nets []collect.Network) {
	fams := []struct {
		name, help string
		get        func(collect.Network) float64
	}{
		{"diwan_host_network_receive_bytes_total", "Bytes received on each interface since boot.", func(n collect.Network) float64 { return float64(n.RxBytes) }},
		{"diwan_host_network_transmit_bytes_total", "Bytes sent on each interface since boot.", func(n collect.Network) float64 { return float64(n.TxBytes) }},
		{"diwan_host_network_receive_packets_total", "Packets received on each interface since boot.", func(n collect.Network) float64 { return float64(n.RxPackets) }},
		{"diwan_host_network_transmit_packets_total", "Packets sent on each interface since boot.", func(n collect.Network) float64 { return float64(n.TxPackets) }},
		{"diwan_host_network_receive_errors_total", "Receive errors on each interface since boot.", func(n collect.Network) float64 { return float64(n.RxErrors) }},
		{"diwan_host_network_transmit_errors_total", "Transmit errors on each interface since boot.", func(n collect.Network) float64 { return float64(n.TxErrors) }},
	}
	for _, fam := range fams {
		w.Family(fam.name, "counter", fam.help)
		for _, n := range nets {
			w.Value(fam.name, fam.get(n), "interface", n.Name)
		}
	}
}
