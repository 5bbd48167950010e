package password

// HoldSlot takes one of h's computation slots, waiting for a free one, and
// returns the function that gives it back.
func HoldSlot(h *Hasher) (release func()) {
	h.sem <- struct{}{}
	return h.release
}
