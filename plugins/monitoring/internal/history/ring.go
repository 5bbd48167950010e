package history

import "math"

// clock is the ring of sample times that every series shares: one slot per
// distinct sample time, so that a series' own ring holds only its values
// (4 bytes a sample) and the times are kept once. A series with no value
// at a slot holds NaN there.
type clock struct {
	times []int64 // unix milliseconds
	last  int     // the slot of the latest time; -1 before the first
	full  bool    // every slot has been used
}

func newClock(size int) *clock {
	return &clock{times: make([]int64, size), last: -1}
}

// slot returns the slot of ms: the latest slot when it holds ms, and
// otherwise the next one, which it claims for ms (claimed is then true and
// the caller must clear that slot in every series). Times that go back,
// as after a clock step, take a new slot too, so nothing is overwritten
// out of order.
func (c *clock) slot(ms int64) (i int, claimed bool) {
	if c.last >= 0 && c.times[c.last] == ms {
		return c.last, false
	}
	c.last++
	if c.last == len(c.times) {
		c.last, c.full = 0, true
	}
	c.times[c.last] = ms
	return c.last, true
}

// each calls fn for every used slot from oldest to newest.
func (c *clock) each(fn func(i int, ms int64)) {
	if c.last < 0 {
		return
	}
	if c.full {
		for i := c.last + 1; i < len(c.times); i++ {
			fn(i, c.times[i])
		}
	}
	for i := 0; i <= c.last; i++ {
		fn(i, c.times[i])
	}
}

// newValues returns a series' value ring of size slots, all without a
// value.
func newValues(size int) []float32 {
	v := make([]float32, size)
	for i := range v {
		v[i] = nan32
	}
	return v
}

// hasValue says whether a ring slot holds a value.
func hasValue(v float32) bool { return !math.IsNaN(float64(v)) }
