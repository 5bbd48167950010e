package collect

import "time"

// Sample is one reading of the host. Rates are per second over the time
// since the previous sample; the first sample's rates and CPU usage are 0.
// A Sample returned by Collector.Collect is reused by the next call: copy
// what must outlive it.
type Sample struct {
	Time time.Time
	// CPU is the busy share of all cores, 0 to 1; Cores is each core's.
	CPU   float64
	Cores []float64
	// Load is the 1, 5 and 15 minute load averages.
	Load   [3]float64
	Memory Memory
	// Filesystems are the mounted real filesystems, one per device.
	Filesystems []Filesystem
	Disks       []Disk
	Networks    []Network
	Processes   Processes
	// Uptime is the seconds since boot.
	Uptime float64
	// Temperatures are the sensors found, empty when the host has none.
	Temperatures []Temperature
}

// LoadPerCPU returns the 5-minute load average divided by the number of
// cores, 0 when no core was read.
func (s *Sample) LoadPerCPU() float64 {
	if len(s.Cores) == 0 {
		return 0
	}
	return s.Load[1] / float64(len(s.Cores))
}

// Memory is the host's memory and swap, in bytes. Used is Total minus
// Available, the memory that cannot be reclaimed.
type Memory struct {
	Total, Available, Used, Free, Buffers, Cached uint64
	SwapTotal, SwapUsed                           uint64
}

// UsedRatio returns Used over Total, 0 when Total is 0.
func (m Memory) UsedRatio() float64 { return ratio(m.Used, m.Total) }

// SwapRatio returns SwapUsed over SwapTotal, 0 without swap.
func (m Memory) SwapRatio() float64 { return ratio(m.SwapUsed, m.SwapTotal) }

// Filesystem is the usage of one mounted filesystem, in bytes.
type Filesystem struct {
	Mount, Device, Type string
	Size, Used, Avail   uint64
	Files, FilesFree    uint64
}

// UsedRatio returns the used share of the space that is not reserved.
func (f Filesystem) UsedRatio() float64 { return ratio(f.Used, f.Used+f.Avail) }

// Disk is the I/O of one block device (whole disks, not partitions).
type Disk struct {
	Name string
	// ReadBytes, WrittenBytes, Reads, Writes and IOTime (seconds spent
	// doing I/O) are counters since boot.
	ReadBytes, WrittenBytes, Reads, Writes uint64
	IOTime                                 float64
	ReadRate, WriteRate                    float64
}

// Network is the traffic of one network interface.
type Network struct {
	Name string
	// The byte, packet and error fields are counters since boot.
	RxBytes, TxBytes, RxPackets, TxPackets, RxErrors, TxErrors uint64
	RxRate, TxRate                                             float64
}

// Processes counts processes and names the top consumers; Top* are
// refreshed every few samples, not every one.
type Processes struct {
	Total, Running int
	TopCPU         []Process
	TopMemory      []Process
}

// Process is one process of a top list.
type Process struct {
	PID  int
	Name string
	// CPU is the share of one core it used since the previous scan.
	CPU float64
	// RSS is its resident memory in bytes.
	RSS uint64
}

// Temperature is one sensor's reading.
type Temperature struct {
	Sensor  string
	Celsius float64
}

func ratio(a, b uint64) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
