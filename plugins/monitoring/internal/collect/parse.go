package collect

import "bytes"

// nextLine splits data at its first newline, returning the line and the
// rest.
func nextLine(data []byte) (line, rest []byte) {
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return data[:i], data[i+1:]
	}
	return data, nil
}

// splitFields appends the space- or tab-separated fields of line to dst[:0]
// and returns it, so that callers reuse one slice.
func splitFields(line []byte, dst [][]byte) [][]byte {
	dst = dst[:0]
	start := -1
	for i, c := range line {
		if c == ' ' || c == '\t' {
			if start >= 0 {
				dst = append(dst, line[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		dst = append(dst, line[start:])
	}
	return dst
}

// parseUint reads a decimal unsigned integer, ignoring anything after the
// digits; it returns 0 for none.
func parseUint(b []byte) uint64 {
	var n uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + uint64(c-'0')
	}
	return n
}

// parseInt reads a decimal integer with an optional minus sign.
func parseInt(b []byte) int64 {
	if len(b) > 0 && b[0] == '-' {
		return -int64(parseUint(b[1:])) // #nosec G115 -- sensor values are far below 2^63
	}
	return int64(parseUint(b)) // #nosec G115 -- sensor values are far below 2^63
}

// parseFixed reads a decimal number such as "0.52" without allocating.
func parseFixed(b []byte) float64 {
	whole, frac, _ := bytes.Cut(b, []byte{'.'})
	v := float64(parseUint(whole))
	scale := 0.1
	for _, c := range frac {
		if c < '0' || c > '9' {
			break
		}
		v += float64(c-'0') * scale
		scale /= 10
	}
	return v
}

// internString returns s when it already spells b, and string(b)
// otherwise, so that names stable between samples are not reallocated.
func internString(s string, b []byte) string {
	if s == string(b) {
		return s
	}
	return string(b)
}

// rate returns the per-second change of a counter over seconds, and 0 when
// the counter went back (a reset) or no time passed.
func rate(prev, cur uint64, seconds float64) float64 {
	if cur < prev || seconds <= 0 {
		return 0
	}
	return float64(cur-prev) / seconds
}
