package history

import (
	"context"
	"fmt"
	"time"
)

// Resolution is the bucket width of a query's points.
type Resolution int

const (
	// Auto picks Raw for spans up to an hour, Minute up to two days and
	// Hour beyond.
	Auto Resolution = iota
	// Raw is every sample still in memory.
	Raw
	// Minute is the 1-minute rollups.
	Minute
	// Hour is the 1-hour rollups.
	Hour
)

// String returns "auto", "raw", "1m" or "1h".
func (r Resolution) String() string {
	return [...]string{"auto", "raw", "1m", "1h"}[r]
}

// ParseResolution reads "auto" (or ""), "raw", "1m" or "1h".
func ParseResolution(s string) (Resolution, bool) {
	switch s {
	case "", "auto":
		return Auto, true
	case "raw":
		return Raw, true
	case "1m":
		return Minute, true
	case "1h":
		return Hour, true
	}
	return Auto, false
}

// Pick returns the resolution Auto means for the span from..to.
func Pick(from, to time.Time) Resolution {
	switch span := to.Sub(from); {
	case span <= time.Hour:
		return Raw
	case span <= 48*time.Hour:
		return Minute
	default:
		return Hour
	}
}

// Point is one point of a series: a raw sample has Min = Avg = Max.
type Point struct {
	T             time.Time
	Min, Avg, Max float64
}

// Query returns the points of series name from from to to (both included)
// at res, oldest first; Auto is resolved with Pick. A series neither in
// memory nor in the store is ErrUnknownSeries.
func (h *History) Query(ctx context.Context, name string, from, to time.Time, res Resolution) ([]Point, Resolution, error) {
	if res == Auto {
		res = Pick(from, to)
	}
	known, err := h.known(ctx, name)
	if err != nil {
		return nil, res, err
	}
	if !known {
		return nil, res, fmt.Errorf("%w: %q", ErrUnknownSeries, name)
	}
	var pts []Point
	switch res {
	case Raw:
		pts = h.raw(name, from, to)
	case Minute:
		pts, err = h.rollups(ctx, name, from, to, minuteKind)
	default:
		pts, err = h.rollups(ctx, name, from, to, hourKind)
	}
	return pts, res, err
}

func (h *History) known(ctx context.Context, name string) (bool, error) {
	h.mu.Lock()
	_, ok := h.series[name]
	h.mu.Unlock()
	if ok {
		return true, nil
	}
	keys, err := h.kv.KVList(ctx, "h1/"+name+"/")
	if err != nil {
		return false, fmt.Errorf("history: query: %w", err)
	}
	if len(keys) == 0 {
		keys, err = h.kv.KVList(ctx, "m1/"+name+"/")
	}
	if err != nil {
		return false, fmt.Errorf("history: query: %w", err)
	}
	return len(keys) > 0, nil
}

func (h *History) raw(name string, from, to time.Time) []Point {
	h.mu.Lock()
	defer h.mu.Unlock()
	var pts []Point
	lo, hi := from.UnixMilli(), to.UnixMilli()
	s := h.series[name]
	if s == nil { // known only from the store, as after a restart
		return nil
	}
	h.clock.each(func(i int, ms int64) {
		if v := s.raw[i]; hasValue(v) && ms >= lo && ms <= hi {
			pts = append(pts, Point{T: time.UnixMilli(ms), Min: float64(v), Avg: float64(v), Max: float64(v)})
		}
	})
	return pts
}

// rollups walks the chunks of kind covering from..to; the current hour's
// minutes come from memory, and for hours the current hour is rolled up
// from them.
func (h *History) rollups(ctx context.Context, name string, from, to time.Time, kind byte) ([]Point, error) {
	current := h.currentHour(name)
	var pts []Point
	start, next := hourStart(from), func(t time.Time) time.Time { return t.Add(time.Hour) }
	if kind == hourKind {
		start, next = monthStart(from), func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }
	}
	for cs := start; !cs.After(to); cs = next(cs) {
		c, err := h.chunkAt(ctx, name, cs, kind, current)
		if err != nil {
			return nil, err
		}
		if kind == hourKind && current != nil {
			if i := c.slot(current.start); i >= 0 && !c.slots[i].Valid() {
				c.slots[i], _ = combine(current.slots)
			}
		}
		pts = appendSlots(pts, c, from, to)
	}
	return pts, nil
}

func (h *History) currentHour(name string) *chunk {
	h.mu.Lock()
	defer h.mu.Unlock()
	if s := h.series[name]; s != nil && s.hour != nil {
		return cloneChunk(s.hour)
	}
	return nil
}

func (h *History) chunkAt(ctx context.Context, name string, start time.Time, kind byte, current *chunk) (*chunk, error) {
	if kind == hourKind {
		return h.loadHours(ctx, name, start)
	}
	stored, err := h.loadMinutes(ctx, name, start)
	if err != nil || current == nil || !current.start.Equal(start) {
		return stored, err
	}
	for i, r := range current.slots {
		if r.Valid() {
			stored.slots[i] = r
		}
	}
	return stored, nil
}

func appendSlots(pts []Point, c *chunk, from, to time.Time) []Point {
	for i, r := range c.slots {
		t := c.start.Add(time.Duration(i) * c.step())
		if !r.Valid() || t.Before(from.Truncate(c.step())) || t.After(to) {
			continue
		}
		pts = append(pts, Point{T: t, Min: float64(r.Min), Avg: float64(r.Avg), Max: float64(r.Max)})
	}
	return pts
}
