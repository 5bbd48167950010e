package collect

import (
	"os"
	"path/filepath"
	"strings"
)

// sectorSize is the unit of /proc/diskstats' sector counts, whatever the
// device's own sector size.
const sectorSize = 512

// diskReader reads /proc/diskstats for whole block devices.
type diskReader struct {
	file   *procFile
	sysfs  string
	fields [][]byte
	whole  map[string]bool // device name → is a whole disk worth reporting
	prev   map[string]Disk
}

func newDiskReader(root, sysfs string) *diskReader {
	return &diskReader{
		file: newProcFile(root, "diskstats"), sysfs: sysfs, fields: make([][]byte, 0, 20),
		whole: map[string]bool{}, prev: map[string]Disk{},
	}
}

// read fills disks (reusing the slice) and returns it.
func (r *diskReader) read(disks []Disk, seconds float64) ([]Disk, error) {
	data, err := r.file.read()
	if err != nil {
		return disks, err
	}
	n := 0
	for len(data) > 0 {
		var line []byte
		line, data = nextLine(data)
		r.fields = splitFields(line, r.fields)
		if len(r.fields) < 14 || !r.isWhole(r.fields[2]) {
			continue
		}
		if n == len(disks) {
			disks = append(disks, Disk{})
		}
		d := &disks[n]
		n++
		d.Name = internString(d.Name, r.fields[2])
		d.Reads, d.ReadBytes = parseUint(r.fields[3]), parseUint(r.fields[5])*sectorSize
		d.Writes, d.WrittenBytes = parseUint(r.fields[7]), parseUint(r.fields[9])*sectorSize
		d.IOTime = float64(parseUint(r.fields[12])) / 1000
		if p, ok := r.prev[d.Name]; ok {
			d.ReadRate, d.WriteRate = rate(p.ReadBytes, d.ReadBytes, seconds), rate(p.WrittenBytes, d.WrittenBytes, seconds)
		} else {
			d.ReadRate, d.WriteRate = 0, 0
		}
		r.prev[d.Name] = *d
	}
	return disks[:n], nil
}

// isWhole says whether name is a whole disk (it has /sys/block/<name>)
// that is not a loop or RAM device, remembering the answer.
func (r *diskReader) isWhole(name []byte) bool {
	if v, ok := r.whole[string(name)]; ok {
		return v
	}
	s := string(name)
	v := !strings.HasPrefix(s, "loop") && !strings.HasPrefix(s, "ram") && !strings.HasPrefix(s, "zram")
	if v {
		_, err := os.Stat(filepath.Join(r.sysfs, "block", s))
		v = err == nil
	}
	r.whole[s] = v
	return v
}

// netReader reads /proc/net/dev.
type netReader struct {
	file   *procFile
	fields [][]byte
	prev   map[string]Network
}

func newNetReader(root string) *netReader {
	return &netReader{file: newProcFile(root, "net/dev"), fields: make([][]byte, 0, 20), prev: map[string]Network{}}
}

// maxInterfaces bounds the interfaces reported, for hosts with hundreds of
// container veths.
const maxInterfaces = 32

// read fills nets (reusing the slice) and returns it.
func (r *netReader) read(nets []Network, seconds float64) ([]Network, error) {
	data, err := r.file.read()
	if err != nil {
		return nets, err
	}
	n := 0
	for len(data) > 0 && n < maxInterfaces {
		var line []byte
		line, data = nextLine(data)
		name, rest, ok := cutColon(line)
		if !ok {
			continue
		}
		r.fields = splitFields(rest, r.fields)
		if len(r.fields) < 16 {
			continue
		}
		if n == len(nets) {
			nets = append(nets, Network{})
		}
		c := &nets[n]
		n++
		c.Name = internString(c.Name, name)
		c.RxBytes, c.RxPackets, c.RxErrors = parseUint(r.fields[0]), parseUint(r.fields[1]), parseUint(r.fields[2])
		c.TxBytes, c.TxPackets, c.TxErrors = parseUint(r.fields[8]), parseUint(r.fields[9]), parseUint(r.fields[10])
		if p, ok := r.prev[c.Name]; ok {
			c.RxRate, c.TxRate = rate(p.RxBytes, c.RxBytes, seconds), rate(p.TxBytes, c.TxBytes, seconds)
		} else {
			c.RxRate, c.TxRate = 0, 0
		}
		r.prev[c.Name] = *c
	}
	return nets[:n], nil
}

// cutColon splits "  eth0: 1 2 3" into the trimmed name and the rest.
func cutColon(line []byte) (name, rest []byte, ok bool) {
	for i, c := range line {
		if c == ':' {
			name = line[:i]
			for len(name) > 0 && name[0] == ' ' {
				name = name[1:]
			}
			return name, line[i+1:], len(name) > 0
		}
		if c == '|' {
			return nil, nil, false
		}
	}
	return nil, nil, false
}
