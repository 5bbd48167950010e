package config

import (
	"fmt"
	"strconv"
	"strings"
)

// ByteSize is a size in bytes, written as a plain number or with a unit
// (KiB, MiB, GiB, or KB, MB, GB as their decimal counterparts).
type ByteSize int64

var byteUnits = []struct {
	suffix string
	factor int64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
	{"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000},
	{"B", 1},
}

// ParseByteSize reads "4MiB", "512KB" or "1048576".
func ParseByteSize(s string) (ByteSize, error) {
	s = strings.TrimSpace(s)
	factor := int64(1)
	for _, u := range byteUnits {
		if strings.HasSuffix(s, u.suffix) {
			s, factor = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.factor
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/factor {
		return 0, fmt.Errorf("want a size like 4MiB or 1048576")
	}
	return ByteSize(n * factor), nil
}

// String writes the size with the largest binary unit that divides it.
func (b ByteSize) String() string {
	for i := 2; i >= 0; i-- {
		u := byteUnits[i]
		if b != 0 && int64(b)%u.factor == 0 {
			return strconv.FormatInt(int64(b)/u.factor, 10) + u.suffix
		}
	}
	return strconv.FormatInt(int64(b), 10)
}
