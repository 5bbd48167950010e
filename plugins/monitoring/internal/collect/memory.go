package collect

import "bytes"

// memReader reads /proc/meminfo.
type memReader struct {
	file   *procFile
	fields [][]byte
}

func newMemReader(root string) *memReader {
	return &memReader{file: newProcFile(root, "meminfo"), fields: make([][]byte, 0, 4)}
}

func (r *memReader) read(m *Memory) error {
	data, err := r.file.read()
	if err != nil {
		return err
	}
	var swapFree uint64
	for len(data) > 0 {
		var line []byte
		line, data = nextLine(data)
		r.fields = splitFields(line, r.fields)
		if len(r.fields) < 2 {
			continue
		}
		v := parseUint(r.fields[1]) * 1024
		switch string(r.fields[0]) {
		case "MemTotal:":
			m.Total = v
		case "MemAvailable:":
			m.Available = v
		case "MemFree:":
			m.Free = v
		case "Buffers:":
			m.Buffers = v
		case "Cached:":
			m.Cached = v
		case "SwapTotal:":
			m.SwapTotal = v
		case "SwapFree:":
			swapFree = v
		}
	}
	m.Used = m.Total - min(m.Available, m.Total)
	m.SwapUsed = m.SwapTotal - min(swapFree, m.SwapTotal)
	return nil
}

// loadReader reads /proc/loadavg and /proc/uptime.
type loadReader struct {
	load, uptime *procFile
	fields       [][]byte
}

func newLoadReader(root string) *loadReader {
	return &loadReader{load: newProcFile(root, "loadavg"), uptime: newProcFile(root, "uptime"), fields: make([][]byte, 0, 6)}
}

func (r *loadReader) read(s *Sample) error {
	data, err := r.load.read()
	if err != nil {
		return err
	}
	r.fields = splitFields(bytes.TrimSpace(data), r.fields)
	for i := 0; i < 3 && i < len(r.fields); i++ {
		s.Load[i] = parseFixed(r.fields[i])
	}
	if data, err = r.uptime.read(); err != nil {
		return err
	}
	r.fields = splitFields(bytes.TrimSpace(data), r.fields)
	if len(r.fields) > 0 {
		s.Uptime = parseFixed(r.fields[0])
	}
	return nil
}
