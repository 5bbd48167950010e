package collect

import (
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// fixture writes a fake procfs and sysfs under a temporary directory.
type fixture struct{ proc, sys string }

func newFixture(t *testing.T) fixture {
	t.Helper()
	dir := t.TempDir()
	f := fixture{proc: filepath.Join(dir, "proc"), sys: filepath.Join(dir, "sys")}
	f.write(t, f.sys, "block/vda/size", "1")
	f.write(t, f.sys, "class/hwmon/hwmon0/name", "coretemp\n")
	f.write(t, f.sys, "class/hwmon/hwmon0/temp1_input", "45500\n")
	f.write(t, f.sys, "class/hwmon/hwmon0/temp1_label", "Package id 0\n")
	f.write(t, f.proc, "meminfo", "MemTotal:       1000 kB\nMemFree:         100 kB\nMemAvailable:    400 kB\nBuffers:          10 kB\nCached:          200 kB\nSwapTotal:       500 kB\nSwapFree:        250 kB\n")
	f.write(t, f.proc, "loadavg", "0.52 1.25 2.00 3/150 999\n")
	f.write(t, f.proc, "uptime", "1234.56 100.00\n")
	f.write(t, f.proc, "self/mounts", "proc /proc proc rw 0 0\n/dev/root / ext4 rw 0 0\ntmpfs /tmp tmpfs rw 0 0\n/dev/root /again ext4 rw 0 0\n")
	f.step(t, 0)
	return f
}

func (f fixture) write(t *testing.T, root, name, content string) {
	t.Helper()
	path := filepath.Join(root, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// step writes the counters as they are after i seconds: each second, core
// 0 is busy 50 ticks of 100 and core 1 none, vda reads 2048 sectors, eth0
// receives 1000 bytes, and process 42 uses 30 ticks.
func (f fixture) step(t *testing.T, i uint64) {
	t.Helper()
	busy, idle0, idle1 := 50*i, 1000+50*i, 1000+100*i
	f.write(t, f.proc, "stat", "cpu  "+u(busy)+" 0 0 "+u(idle0+idle1)+" 0 0 0 0 0 0\ncpu0 "+u(busy)+" 0 0 "+u(idle0)+" 0 0 0 0 0 0\ncpu1 0 0 0 "+u(idle1)+" 0 0 0 0 0 0\nprocs_running 2\n")
	f.write(t, f.proc, "diskstats", "   7 0 loop0 9 0 9 0 9 0 9 0 0 0 0\n 253 0 vda 10 0 "+u(2048*i)+" 0 5 0 "+u(1024*i)+" 0 0 1500 0\n 253 1 vda1 10 0 999 0 5 0 1 0 0 1500 0\n")
	f.write(t, f.proc, "net/dev", "Inter-|   Receive |  Transmit\n face |bytes    packets errs drop fifo frame compressed multicast|bytes\n  eth0: "+u(1000*i)+" 10 0 0 0 0 0 0 "+u(500*i)+" 5 0 0 0 0 0 0\n")
	f.write(t, f.proc, "42/stat", "42 (my (odd) proc) S 1 1 1 0 -1 0 0 0 0 0 "+u(30*i)+" 0 0 0 20 0 1 0 100 1000 256 0\n")
	f.write(t, f.proc, "43/stat", "43 (idle) S 1 1 1 0 -1 0 0 0 0 0 1 0 0 0 20 0 1 0 100 1000 512 0\n")
}

func u(v uint64) string { return itoa(v) }

func itoa(v uint64) string {
	if v == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for v > 0 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return string(b[i:])
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestCollectFixture(t *testing.T) {
	f := newFixture(t)
	c := New(Options{Proc: f.proc, Sys: f.sys, SlowEvery: 1})
	defer c.Close()
	start := time.Unix(1_000_000, 0)
	if _, err := c.Collect(start); err != nil {
		t.Fatal(err)
	}
	f.step(t, 1)
	s, err := c.Collect(start.Add(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if !near(s.CPU, 0.25) || len(s.Cores) != 2 || !near(s.Cores[0], 0.5) || s.Cores[1] != 0 {
		t.Errorf("cpu = %v cores %v, want 0.25 and [0.5 0]", s.CPU, s.Cores)
	}
	if s.Memory.Total != 1000*1024 || s.Memory.Used != 600*1024 || !near(s.Memory.SwapRatio(), 0.5) {
		t.Errorf("memory = %+v", s.Memory)
	}
	if s.Load != [3]float64{0.52, 1.25, 2} || !near(s.Uptime, 1234.56) {
		t.Errorf("load %v uptime %v", s.Load, s.Uptime)
	}
	if len(s.Disks) != 1 || s.Disks[0].Name != "vda" || s.Disks[0].ReadRate != 2048*512 || s.Disks[0].WriteRate != 1024*512 {
		t.Errorf("disks = %+v, want vda only at 1 MiB/s read", s.Disks)
	}
	if len(s.Networks) != 1 || s.Networks[0].Name != "eth0" || s.Networks[0].RxRate != 1000 || s.Networks[0].TxRate != 500 {
		t.Errorf("networks = %+v", s.Networks)
	}
	p := s.Processes
	if p.Total != 2 || p.Running != 2 || len(p.TopCPU) != 2 || p.TopCPU[0].Name != "my (odd) proc" || !near(p.TopCPU[0].CPU, 0.3) {
		t.Errorf("processes = %+v", p)
	}
	if p.TopMemory[0].PID != 43 || p.TopMemory[0].RSS != 512*pageSize {
		t.Errorf("top memory = %+v", p.TopMemory)
	}
	if len(s.Temperatures) != 1 || s.Temperatures[0].Sensor != "coretemp Package id 0" || s.Temperatures[0].Celsius != 45.5 {
		t.Errorf("temperatures = %+v", s.Temperatures)
	}
}

func TestCollectReportsAMissingFile(t *testing.T) {
	f := newFixture(t)
	if err := os.Remove(filepath.Join(f.proc, "meminfo")); err != nil {
		t.Fatal(err)
	}
	c := New(Options{Proc: f.proc, Sys: f.sys})
	defer c.Close()
	s, err := c.Collect(time.Now())
	if err == nil {
		t.Fatal("Collect without meminfo succeeded")
	}
	if s.Load[0] != 0.52 {
		t.Errorf("the rest of the sample was not read: load %v", s.Load)
	}
}

func TestCollectRealHost(t *testing.T) {
	if _, err := os.Stat("/proc/stat"); err != nil {
		t.Skip("no /proc on this system")
	}
	c := New(Options{})
	defer c.Close()
	if _, err := c.Collect(time.Now()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	s, err := c.Collect(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if s.Memory.Total == 0 || len(s.Cores) == 0 || s.Uptime <= 0 || s.Processes.Total == 0 || len(s.Filesystems) == 0 {
		t.Errorf("real sample is missing parts: %+v", s)
	}
	if s.CPU < 0 || s.CPU > 1 {
		t.Errorf("cpu usage %v is out of 0..1", s.CPU)
	}
}

func TestUnescapeMount(t *testing.T) {
	if got := unescapeMount(`/mnt/my\040disk`); got != "/mnt/my disk" {
		t.Errorf("got %q", got)
	}
}

func BenchmarkCollect(b *testing.B) {
	c := New(Options{})
	defer c.Close()
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		now = now.Add(time.Second)
		if _, err := c.Collect(now); err != nil {
			b.Fatal(err)
		}
	}
}
