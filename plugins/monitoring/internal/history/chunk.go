package history

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"
)

// Rollup is the minimum, average and maximum of a series over a bucket.
type Rollup struct{ Min, Avg, Max float32 }

// empty is a slot with no data.
var empty = Rollup{Min: nan32, Avg: nan32, Max: nan32}

var nan32 = float32(math.NaN())

// Valid says whether the slot holds data.
func (r Rollup) Valid() bool { return !math.IsNaN(float64(r.Avg)) }

const (
	slotSize      = 12
	headerSize    = 2
	chunkVersion  = 1
	minuteSlots   = 60
	hourSlots     = 31 * 24
	minuteKind    = 'M'
	hourKind      = 'H'
	minuteKeyTime = "2006010215"
	hourKeyTime   = "200601"
)

// chunk is a run of rollup slots: the minutes of an hour or the hours of a
// month, starting at start.
type chunk struct {
	kind  byte
	start time.Time
	slots []Rollup
}

func newChunk(kind byte, start time.Time) *chunk {
	n := minuteSlots
	if kind == hourKind {
		n = hourSlots
	}
	c := &chunk{kind: kind, start: start, slots: make([]Rollup, n)}
	for i := range c.slots {
		c.slots[i] = empty
	}
	return c
}

// step is the width of one slot.
func (c *chunk) step() time.Duration {
	if c.kind == hourKind {
		return time.Hour
	}
	return time.Minute
}

// slot returns the index of t in c, or -1 when t is outside it.
func (c *chunk) slot(t time.Time) int {
	i := int(t.Sub(c.start) / c.step())
	if t.Before(c.start) || i >= len(c.slots) {
		return -1
	}
	return i
}

// encode returns the chunk's binary form.
func (c *chunk) encode() []byte {
	out := make([]byte, headerSize+slotSize*len(c.slots))
	out[0], out[1] = c.kind, chunkVersion
	for i, r := range c.slots {
		b := out[headerSize+i*slotSize:]
		binary.LittleEndian.PutUint32(b, math.Float32bits(r.Min))
		binary.LittleEndian.PutUint32(b[4:], math.Float32bits(r.Avg))
		binary.LittleEndian.PutUint32(b[8:], math.Float32bits(r.Max))
	}
	return out
}

var errBadChunk = errors.New("history: malformed chunk")

// decodeChunk reads a chunk of kind starting at start.
func decodeChunk(kind byte, start time.Time, data []byte) (*chunk, error) {
	c := newChunk(kind, start)
	if len(data) != headerSize+slotSize*len(c.slots) || data[0] != kind || data[1] != chunkVersion {
		return nil, fmt.Errorf("%w: kind %c, %d bytes", errBadChunk, kind, len(data))
	}
	for i := range c.slots {
		b := data[headerSize+i*slotSize:]
		c.slots[i] = Rollup{
			Min: math.Float32frombits(binary.LittleEndian.Uint32(b)),
			Avg: math.Float32frombits(binary.LittleEndian.Uint32(b[4:])),
			Max: math.Float32frombits(binary.LittleEndian.Uint32(b[8:])),
		}
	}
	return c, nil
}

// combine returns the rollup of the valid slots: the least minimum, the
// mean of the averages and the greatest maximum.
func combine(slots []Rollup) (Rollup, bool) {
	r, n, sum := Rollup{Min: float32(math.Inf(1)), Max: float32(math.Inf(-1))}, 0, 0.0
	for _, s := range slots {
		if !s.Valid() {
			continue
		}
		r.Min, r.Max = min(r.Min, s.Min), max(r.Max, s.Max)
		sum += float64(s.Avg)
		n++
	}
	if n == 0 {
		return empty, false
	}
	r.Avg = float32(sum / float64(n))
	return r, true
}

// minuteKey and hourKey name the chunks that hold t.
func minuteKey(series string, t time.Time) string {
	return "m1/" + series + "/" + t.UTC().Format(minuteKeyTime)
}

func hourKey(series string, t time.Time) string {
	return "h1/" + series + "/" + t.UTC().Format(hourKeyTime)
}

// hourStart and monthStart truncate t in UTC.
func hourStart(t time.Time) time.Time { return t.UTC().Truncate(time.Hour) }

func monthStart(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}
