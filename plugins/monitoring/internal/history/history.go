package history

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"
)

// KV is the key-value store history persists to; sdk.Host satisfies it.
type KV interface {
	KVGet(ctx context.Context, key string) ([]byte, bool, error)
	KVPut(ctx context.Context, key string, value []byte) error
	KVDelete(ctx context.Context, key string) error
	KVList(ctx context.Context, prefix string) ([]string, error)
}

const (
	// MaxSeries bounds the series kept, in memory and in storage; a
	// series beyond it is not recorded.
	MaxSeries = 64
	// MaxNameLen bounds a series name in bytes, so that keys stay within
	// the host's 191-byte limit.
	MaxNameLen = 160
	// MinuteRetention and HourRetention are how long rollups are kept.
	MinuteRetention = 30 * 24 * time.Hour
	HourRetention   = 365 * 24 * time.Hour
	// RingSize is how many full-resolution samples each series keeps: an
	// hour at the default 1-second interval.
	RingSize = 3600
)

// ErrUnknownSeries is returned by Query for a series never recorded.
var ErrUnknownSeries = errors.New("history: unknown series")

// series is the state of one series.
type series struct {
	// raw holds the series' value at each slot of History.clock.
	raw []float32
	// minute accumulates the minute in progress.
	minute     time.Time
	mn, mx     float64
	sum        float64
	n          int
	hour       *chunk // the minute rollups of the current hour
	dirty      bool
	needsCatch bool // the previous hour may need its hour rollup (after a start)
}

// pendingHour is an hour rollup waiting to be written.
type pendingHour struct {
	series string
	hour   time.Time
	chunk  *chunk
}

// History records series and answers queries. It is safe for concurrent
// use; Record and Flush are meant to be called by one sampling goroutine.
type History struct {
	kv       KV
	ringSize int

	mu      sync.Mutex
	clock   *clock // the sample times of every series' raw values
	series  map[string]*series
	pending []pendingHour
	errs    int // KV failures, for health
}

// New returns an empty History over kv keeping ringSize full-resolution
// samples per series (RingSize when ringSize ≤ 0). Previously persisted
// rollups are read from kv as series are recorded and queried.
func New(kv KV, ringSize int) *History {
	if ringSize <= 0 {
		ringSize = RingSize
	}
	return &History{kv: kv, ringSize: ringSize, clock: newClock(ringSize), series: map[string]*series{}}
}

// Record adds a value of series name at t. A NaN or infinite value, a name
// longer than MaxNameLen and a new series beyond MaxSeries are ignored.
// It only touches memory; Flush writes what closed minutes produced.
func (h *History) Record(t time.Time, name string, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) || len(name) > MaxNameLen || name == "" {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	s := h.series[name]
	if s == nil {
		if len(h.series) >= MaxSeries {
			return
		}
		s = &series{raw: newValues(h.ringSize), needsCatch: true}
		h.series[name] = s
	}
	i, claimed := h.clock.slot(t.UnixMilli())
	if claimed {
		for _, other := range h.series {
			other.raw[i] = nan32
		}
	}
	s.raw[i] = float32(v)
	m := t.UTC().Truncate(time.Minute)
	if !m.Equal(s.minute) {
		h.closeMinute(name, s)
		s.minute, s.mn, s.mx, s.sum, s.n = m, v, v, 0, 0
	}
	s.mn, s.mx, s.sum, s.n = min(s.mn, v), max(s.mx, v), s.sum+v, s.n+1
}

// closeMinute moves the finished minute into the hour chunk, and the
// finished hour into the pending hour rollups.
func (h *History) closeMinute(name string, s *series) {
	if s.n == 0 {
		return
	}
	hour := hourStart(s.minute)
	if s.hour != nil && !s.hour.start.Equal(hour) {
		h.pending = append(h.pending, pendingHour{series: name, hour: s.hour.start, chunk: s.hour})
		s.hour = nil
	}
	if s.hour == nil {
		s.hour = newChunk(minuteKind, hour)
		s.dirty = true
	}
	i := s.hour.slot(s.minute)
	s.hour.slots[i] = Rollup{Min: float32(s.mn), Avg: float32(s.sum / float64(s.n)), Max: float32(s.mx)}
	s.dirty = true
}

// Flush writes the minute chunks that changed and the hour rollups of
// finished hours. A chunk already in the store for the same hour (from
// before a restart) is merged slot by slot, the slots in memory winning.
func (h *History) Flush(ctx context.Context) error {
	h.mu.Lock()
	type write struct {
		name  string
		chunk *chunk
		catch bool
	}
	var writes []write
	for name, s := range h.series {
		if s.dirty && s.hour != nil {
			writes = append(writes, write{name: name, chunk: s.hour, catch: s.needsCatch})
			s.hour = cloneChunk(s.hour)
			s.dirty, s.needsCatch = false, false
		}
	}
	pending := h.pending
	h.pending = nil
	h.mu.Unlock()

	var errs []error
	for _, w := range writes {
		merged, err := h.mergeStored(ctx, w.name, w.chunk)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		h.adopt(w.name, merged)
		if w.catch {
			errs = append(errs, h.catchUp(ctx, w.name, w.chunk.start.Add(-time.Hour)))
		}
	}
	for _, p := range pending {
		errs = append(errs, h.writeHour(ctx, p.series, p.hour, p.chunk))
	}
	err := errors.Join(errs...)
	if err != nil {
		h.mu.Lock()
		h.errs++
		h.mu.Unlock()
	}
	return err
}

func cloneChunk(c *chunk) *chunk {
	out := &chunk{kind: c.kind, start: c.start, slots: make([]Rollup, len(c.slots))}
	copy(out.slots, c.slots)
	return out
}

// mergeStored fills the empty slots of c from the stored chunk of its hour,
// writes the result and returns it.
func (h *History) mergeStored(ctx context.Context, name string, c *chunk) (*chunk, error) {
	key := minuteKey(name, c.start)
	if data, ok, err := h.kv.KVGet(ctx, key); err != nil {
		return nil, fmt.Errorf("history: read %s: %w", key, err)
	} else if ok {
		if stored, err := decodeChunk(minuteKind, c.start, data); err == nil {
			for i, r := range c.slots {
				if !r.Valid() {
					c.slots[i] = stored.slots[i]
				}
			}
		}
	}
	if err := h.kv.KVPut(ctx, key, c.encode()); err != nil {
		return nil, fmt.Errorf("history: write %s: %w", key, err)
	}
	return c, nil
}

// adopt puts the merged chunk back as the series' current hour, keeping any
// minute closed since Flush took its copy.
func (h *History) adopt(name string, merged *chunk) {
	h.mu.Lock()
	defer h.mu.Unlock()
	s := h.series[name]
	if s == nil || s.hour == nil || !s.hour.start.Equal(merged.start) {
		return
	}
	for i, r := range s.hour.slots {
		if !r.Valid() {
			s.hour.slots[i] = merged.slots[i]
		}
	}
}

// catchUp writes the hour rollup of hour from its stored minute chunk when
// the hour chunk lacks it, as after a restart across an hour boundary.
func (h *History) catchUp(ctx context.Context, name string, hour time.Time) error {
	data, ok, err := h.kv.KVGet(ctx, minuteKey(name, hour))
	if err != nil || !ok {
		return err
	}
	c, err := decodeChunk(minuteKind, hour, data)
	if err != nil {
		return nil
	}
	month, err := h.loadHours(ctx, name, hour)
	if err != nil {
		return err
	}
	if month.slots[month.slot(hour)].Valid() {
		return nil
	}
	return h.writeHour(ctx, name, hour, c)
}

// writeHour stores the rollup of the minute chunk c in its month chunk.
func (h *History) writeHour(ctx context.Context, name string, hour time.Time, c *chunk) error {
	r, ok := combine(c.slots)
	if !ok {
		return nil
	}
	month, err := h.loadHours(ctx, name, hour)
	if err != nil {
		return err
	}
	month.slots[month.slot(hour)] = r
	key := hourKey(name, hour)
	if err := h.kv.KVPut(ctx, key, month.encode()); err != nil {
		return fmt.Errorf("history: write %s: %w", key, err)
	}
	return nil
}

// loadHours returns the stored month chunk holding t, or an empty one.
func (h *History) loadHours(ctx context.Context, name string, t time.Time) (*chunk, error) {
	return h.load(ctx, hourKind, hourKey(name, t), monthStart(t))
}

// loadMinutes returns the stored minute chunk holding t, or an empty one.
func (h *History) loadMinutes(ctx context.Context, name string, t time.Time) (*chunk, error) {
	return h.load(ctx, minuteKind, minuteKey(name, t), hourStart(t))
}

func (h *History) load(ctx context.Context, kind byte, key string, start time.Time) (*chunk, error) {
	data, ok, err := h.kv.KVGet(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("history: read %s: %w", key, err)
	}
	if !ok {
		return newChunk(kind, start), nil
	}
	c, err := decodeChunk(kind, start, data)
	if err != nil {
		return newChunk(kind, start), nil //nolint:nilerr // a malformed chunk reads as empty and is overwritten
	}
	return c, nil
}

// Names returns the series recorded since the start, in no order.
func (h *History) Names() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	names := make([]string, 0, len(h.series))
	for n := range h.series {
		names = append(names, n)
	}
	return names
}

// Failures returns how many Flushes failed since the start.
func (h *History) Failures() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.errs
}
