package collect

import "bytes"

// cpuTimes is one line of /proc/stat in clock ticks.
type cpuTimes struct{ busy, total uint64 }

// cpuReader turns /proc/stat into usage shares between two readings.
type cpuReader struct {
	file    *procFile
	fields  [][]byte
	prev    []cpuTimes // [0] is the total, then each core
	cur     []cpuTimes
	running int
}

func newCPUReader(root string) *cpuReader {
	return &cpuReader{file: newProcFile(root, "stat"), fields: make([][]byte, 0, 16)}
}

// read fills s.CPU and s.Cores (reusing its slice) and the running count.
func (r *cpuReader) read(s *Sample) error {
	data, err := r.file.read()
	if err != nil {
		return err
	}
	r.cur = r.cur[:0]
	for len(data) > 0 {
		var line []byte
		line, data = nextLine(data)
		switch {
		case bytes.HasPrefix(line, []byte("cpu")):
			r.cur = append(r.cur, r.times(line))
		case bytes.HasPrefix(line, []byte("procs_running ")):
			r.running = int(parseUint(line[len("procs_running "):])) // #nosec G115 -- a process count
		}
	}
	r.fill(s)
	r.prev, r.cur = r.cur, r.prev
	return nil
}

// times sums a cpu line: busy is everything but idle and iowait; guest
// time is already counted in user and nice.
func (r *cpuReader) times(line []byte) cpuTimes {
	r.fields = splitFields(line, r.fields)
	var t cpuTimes
	for i, f := range r.fields[1:] {
		if i >= 8 { // guest and guest_nice are part of user and nice
			break
		}
		v := parseUint(f)
		t.total += v
		if i != 3 && i != 4 {
			t.busy += v
		}
	}
	return t
}

func (r *cpuReader) fill(s *Sample) {
	cores := max(len(r.cur)-1, 0)
	if cap(s.Cores) < cores {
		s.Cores = make([]float64, cores)
	}
	s.Cores = s.Cores[:cores]
	for i := range r.cur {
		u := 0.0
		if i < len(r.prev) {
			u = usage(r.prev[i], r.cur[i])
		}
		if i == 0 {
			s.CPU = u
		} else {
			s.Cores[i-1] = u
		}
	}
	s.Processes.Running = r.running
}

// usage returns the busy share between two readings.
func usage(prev, cur cpuTimes) float64 {
	if cur.total <= prev.total || cur.busy < prev.busy {
		return 0
	}
	return min(float64(cur.busy-prev.busy)/float64(cur.total-prev.total), 1)
}
