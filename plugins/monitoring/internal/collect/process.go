package collect

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
)

// clockTicks is USER_HZ, the unit of /proc/PID/stat times; it is 100 on
// every Linux architecture Diwan runs on.
const clockTicks = 100

// pageSize is the unit of /proc/PID/stat's rss.
var pageSize = uint64(os.Getpagesize()) // #nosec G115 -- a page size is positive

// topEntry is a process while the scan ranks it; its name is kept in a
// fixed array so that ranking allocates nothing.
type topEntry struct {
	pid     int
	cpu     float64
	rss     uint64
	name    [16]byte
	nameLen int
}

// procReader scans /proc/PID/stat for every process.
type procReader struct {
	root       string
	buf        []byte
	fields     [][]byte // reused by every readOne
	topN       int
	prev, cur  map[int]uint64 // pid → utime+stime ticks at the previous scan
	byCPU      []topEntry
	byMem      []topEntry
	lastTotal  int
	namesCache map[string]string
}

func newProcReader(root string, topN int) *procReader {
	return &procReader{
		root: root, buf: make([]byte, 0, 1024), fields: make([][]byte, 0, 64), topN: topN,
		prev: map[int]uint64{}, cur: map[int]uint64{}, namesCache: map[string]string{},
	}
}

// scan reads every process and fills p's total and top lists.
func (r *procReader) scan(p *Processes, seconds float64) error {
	dir, err := os.Open(r.root)
	if err != nil {
		return err
	}
	names, err := dir.Readdirnames(-1)
	_ = dir.Close()
	if err != nil {
		return err
	}
	r.byCPU, r.byMem = r.byCPU[:0], r.byMem[:0]
	clear(r.cur)
	total := 0
	for _, name := range names {
		pid, err := strconv.Atoi(name)
		if err != nil {
			continue
		}
		if r.readOne(pid, name, seconds) {
			total++
		}
	}
	r.prev, r.cur = r.cur, r.prev
	r.lastTotal = total
	p.Total = total
	p.TopCPU = r.fill(p.TopCPU, r.byCPU)
	p.TopMemory = r.fill(p.TopMemory, r.byMem)
	return nil
}

// readOne reads one /proc/PID/stat and ranks it; it returns false when the
// process is gone.
func (r *procReader) readOne(pid int, name string, seconds float64) bool {
	data, err := readSmall(filepath.Join(r.root, name, "stat"), r.buf[:cap(r.buf)])
	if err != nil {
		return false
	}
	open, closing := bytes.IndexByte(data, '('), bytes.LastIndexByte(data, ')')
	if open < 0 || closing < open || closing+2 > len(data) {
		return false
	}
	var e topEntry
	e.pid = pid
	e.nameLen = copy(e.name[:], data[open+1:closing])
	// After ") " come state (field 3) onwards: utime is field 14, stime
	// 15, rss 24, so they are the 12th, 13th and 22nd after the state.
	r.fields = splitFields(data[closing+2:], r.fields)
	fs := r.fields
	if len(fs) < 22 {
		return false
	}
	ticks := parseUint(fs[11]) + parseUint(fs[12])
	e.rss = parseUint(fs[21]) * pageSize
	r.cur[pid] = ticks
	if prev, ok := r.prev[pid]; ok && seconds > 0 && ticks >= prev {
		e.cpu = float64(ticks-prev) / clockTicks / seconds
	}
	r.byCPU = rank(r.byCPU, e, r.topN, func(a, b topEntry) bool { return a.cpu > b.cpu })
	r.byMem = rank(r.byMem, e, r.topN, func(a, b topEntry) bool { return a.rss > b.rss })
	return true
}

// rank inserts e into the sorted list top, keeping at most n entries.
func rank(top []topEntry, e topEntry, n int, better func(a, b topEntry) bool) []topEntry {
	i := len(top)
	for i > 0 && better(e, top[i-1]) {
		i--
	}
	if i >= n {
		return top
	}
	if len(top) < n {
		top = append(top, topEntry{})
	}
	copy(top[i+1:], top[i:len(top)-1])
	top[i] = e
	return top
}

// fill copies ranked entries into dst, reusing its slice and the strings
// of names seen before.
func (r *procReader) fill(dst []Process, src []topEntry) []Process {
	dst = slices.Grow(dst[:0], len(src))
	for _, e := range src {
		dst = append(dst, Process{PID: e.pid, Name: r.name(e.name[:e.nameLen]), CPU: e.cpu, RSS: e.rss})
	}
	return dst
}

// name returns a process name as a string, reusing earlier ones; the cache
// is dropped when it grows past a few hundred names.
func (r *procReader) name(b []byte) string {
	if s, ok := r.namesCache[string(b)]; ok {
		return s
	}
	if len(r.namesCache) > 512 {
		clear(r.namesCache)
	}
	s := string(b)
	r.namesCache[s] = s
	return s
}
