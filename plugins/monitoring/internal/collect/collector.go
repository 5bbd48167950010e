package collect

import (
	"errors"
	"path/filepath"
	"time"
)

// Options tune a Collector; the zero value reads the real host.
type Options struct {
	// Proc and Sys are where procfs and sysfs are mounted: /proc and /sys
	// by default, a fixture directory in tests.
	Proc, Sys string
	// TopN is how many processes each top list holds: 5 by default.
	TopN int
	// SlowEvery is how many samples pass between scans of the process
	// table and readings of the temperature sensors: 5 by default.
	SlowEvery int
	// RefreshEvery is how many samples pass between rereads of the mount
	// table and rediscoveries of sensors: 60 by default.
	RefreshEvery int
}

func (o Options) withDefaults() Options {
	if o.Proc == "" {
		o.Proc = "/proc"
	}
	if o.Sys == "" {
		o.Sys = "/sys"
	}
	if o.TopN <= 0 {
		o.TopN = 5
	}
	if o.SlowEvery <= 0 {
		o.SlowEvery = 5
	}
	if o.RefreshEvery <= 0 {
		o.RefreshEvery = 60
	}
	return o
}

// Collector takes Samples. It is not safe for concurrent use: one
// goroutine samples, and copies what it hands to others.
type Collector struct {
	opts     Options
	cpu      *cpuReader
	mem      *memReader
	load     *loadReader
	disks    *diskReader
	nets     *netReader
	fs       *fsReader
	procs    *procReader
	temps    *tempReader
	sample   Sample
	count    int
	last     time.Time
	lastSlow time.Time
}

// New returns a Collector reading the host that opts name.
func New(opts Options) *Collector {
	o := opts.withDefaults()
	return &Collector{
		opts: o,
		cpu:  newCPUReader(o.Proc), mem: newMemReader(o.Proc), load: newLoadReader(o.Proc),
		disks: newDiskReader(o.Proc, o.Sys), nets: newNetReader(o.Proc), fs: newFSReader(o.Proc),
		procs: newProcReader(o.Proc, o.TopN), temps: newTempReader(o.Sys),
	}
}

// Collect takes a sample at now. The returned Sample is reused by the next
// call. A part that cannot be read is left at its last value and reported
// in the error, joined with the others; the rest of the sample is good.
func (c *Collector) Collect(now time.Time) (*Sample, error) {
	s := &c.sample
	seconds := 0.0
	if !c.last.IsZero() {
		seconds = now.Sub(c.last).Seconds()
	}
	c.last, s.Time = now, now
	var errs []error
	errs = append(errs, c.cpu.read(s), c.mem.read(&s.Memory), c.load.read(s))
	var err error
	s.Disks, err = c.disks.read(s.Disks, seconds)
	errs = append(errs, err)
	s.Networks, err = c.nets.read(s.Networks, seconds)
	errs = append(errs, err)
	if c.count%c.opts.RefreshEvery == 0 {
		errs = append(errs, c.fs.refresh())
		c.temps.discover()
	}
	s.Filesystems = c.fs.read(s.Filesystems)
	if c.count%c.opts.SlowEvery == 0 {
		slow := 0.0
		if !c.lastSlow.IsZero() {
			slow = now.Sub(c.lastSlow).Seconds()
		}
		c.lastSlow = now
		errs = append(errs, c.procs.scan(&s.Processes, slow))
		s.Temperatures = c.temps.read(s.Temperatures)
	}
	c.count++
	return s, errors.Join(errs...)
}

// Close releases the files the Collector keeps open.
func (c *Collector) Close() {
	for _, f := range []*procFile{c.cpu.file, c.mem.file, c.load.load, c.load.uptime, c.disks.file, c.nets.file, c.fs.file} {
		f.close()
	}
}

// Root returns the procfs directory the Collector reads, for messages.
func (c *Collector) Root() string { return filepath.Clean(c.opts.Proc) }
