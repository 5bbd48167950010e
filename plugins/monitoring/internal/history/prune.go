package history

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Prune deletes minute chunks older than MinuteRetention, month chunks
// whose whole month is older than HourRetention, and, when the store holds
// more than MaxSeries series, every chunk of the series not recorded since
// the start. It returns how many keys it deleted.
func (h *History) Prune(ctx context.Context, now time.Time) (int, error) {
	minutes, err := h.kv.KVList(ctx, "m1/")
	if err != nil {
		return 0, fmt.Errorf("history: prune: %w", err)
	}
	hours, err := h.kv.KVList(ctx, "h1/")
	if err != nil {
		return 0, fmt.Errorf("history: prune: %w", err)
	}
	active := h.activeSet()
	names := map[string]bool{}
	var doomed []string
	for _, k := range minutes {
		name, t, ok := parseKey(k, minuteKeyTime)
		names[name] = true
		if !ok || t.Add(time.Hour).Before(now.Add(-MinuteRetention)) {
			doomed = append(doomed, k)
		}
	}
	for _, k := range hours {
		name, t, ok := parseKey(k, hourKeyTime)
		names[name] = true
		if !ok || !t.AddDate(0, 1, 0).After(now.Add(-HourRetention)) {
			doomed = append(doomed, k)
		}
	}
	if len(names) > MaxSeries {
		doomed = append(doomed, inactiveKeys(minutes, hours, active)...)
	}
	return h.deleteAll(ctx, doomed)
}

func (h *History) activeSet() map[string]bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	active := make(map[string]bool, len(h.series))
	for n := range h.series {
		active[n] = true
	}
	return active
}

// inactiveKeys returns the keys of series not in active.
func inactiveKeys(minutes, hours []string, active map[string]bool) []string {
	var out []string
	for _, k := range append(minutes, hours...) {
		if name, _, _ := parseKey(k, ""); !active[name] {
			out = append(out, k)
		}
	}
	return out
}

func (h *History) deleteAll(ctx context.Context, keys []string) (int, error) {
	seen := map[string]bool{}
	n := 0
	var errs []error
	for _, k := range keys {
		if seen[k] {
			continue
		}
		seen[k] = true
		if err := h.kv.KVDelete(ctx, k); err != nil {
			errs = append(errs, fmt.Errorf("history: prune %s: %w", k, err))
			continue
		}
		n++
	}
	return n, errors.Join(errs...)
}

// parseKey splits "m1/<name>/<time>" into the name and the time in layout;
// ok is false when the time does not parse.
func parseKey(key, layout string) (name string, t time.Time, ok bool) {
	rest := key[min(len(key), 3):]
	i := strings.LastIndexByte(rest, '/')
	if i < 0 {
		return rest, time.Time{}, false
	}
	name = rest[:i]
	if layout == "" {
		return name, time.Time{}, true
	}
	t, err := time.ParseInLocation(layout, rest[i+1:], time.UTC)
	return name, t, err == nil
}

// StorageBound returns the most bytes of values that series series can
// hold in the store once pruned: 30 days of minute chunks plus the hour in
// progress, and 12 months of month chunks plus the month in progress.
func StorageBound(series int) int {
	minuteChunks := int(MinuteRetention/time.Hour) + 1
	monthChunks := 13
	return series * (minuteChunks*(headerSize+minuteSlots*slotSize) + monthChunks*(headerSize+hourSlots*slotSize))
}
