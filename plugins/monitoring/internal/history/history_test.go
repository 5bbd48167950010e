package history

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/plugintest"
)

func newKV() *plugintest.FakeHost {
	h := plugintest.NewFakeHost()
	h.Grant(sdk.PermissionKV)
	return h
}

var base = time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)

// feed records value(i) for series at base+i*step for i in [0, n).
func feed(h *History, name string, n int, step time.Duration, value func(i int) float64) {
	for i := range n {
		h.Record(base.Add(time.Duration(i)*step), name, value(i))
	}
}

func mustFlush(t *testing.T, h *History) {
	t.Helper()
	if err := h.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestMinuteRollupsAreMinAvgMaxPerBucket(t *testing.T) {
	h := New(newKV(), 0)
	// Minute k holds the values 60k..60k+59 (one per second), so its
	// min is 60k, its max 60k+59 and its average 60k+29.5.
	for i := range 3*60 + 1 {
		h.Record(base.Add(time.Duration(i)*time.Second), "cpu", float64(i))
		if i%60 == 0 {
			mustFlush(t, h)
		}
	}
	mustFlush(t, h)
	pts, res, err := h.Query(context.Background(), "cpu", base, base.Add(3*time.Minute), Minute)
	if err != nil || res != Minute {
		t.Fatal(res, err)
	}
	if len(pts) != 3 {
		t.Fatalf("got %d points, want the 3 closed minutes: %+v", len(pts), pts)
	}
	for k, p := range pts {
		want := Point{T: base.Add(time.Duration(k) * time.Minute), Min: float64(60 * k), Avg: float64(60*k) + 29.5, Max: float64(60*k + 59)}
		if p != want {
			t.Errorf("minute %d = %+v, want %+v", k, p, want)
		}
	}
}

func TestHourRollupsCombineTheMinutes(t *testing.T) {
	h := New(newKV(), 0)
	// One sample per minute for two hours and a minute: hour 0 has the
	// values 0..59, hour 1 the values 60..119.
	for i := range 121 {
		h.Record(base.Add(time.Duration(i)*time.Minute), "load1", float64(i))
		mustFlush(t, h)
	}
	h.Record(base.Add(121*time.Minute), "load1", 0)
	mustFlush(t, h)
	pts, _, err := h.Query(context.Background(), "load1", base, base.Add(90*time.Minute), Hour)
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != 2 {
		t.Fatalf("got %+v, want two hours", pts)
	}
	want := []Point{{T: base, Min: 0, Avg: 29.5, Max: 59}, {T: base.Add(time.Hour), Min: 60, Avg: 89.5, Max: 119}}
	for i := range want {
		if pts[i] != want[i] {
			t.Errorf("hour %d = %+v, want %+v", i, pts[i], want[i])
		}
	}
}

func TestRawQueryAndAutoResolution(t *testing.T) {
	h := New(newKV(), 10)
	feed(h, "mem", 15, time.Second, func(i int) float64 { return float64(i) })
	pts, res, err := h.Query(context.Background(), "mem", base, base.Add(time.Minute), Auto)
	if err != nil || res != Raw {
		t.Fatal(res, err)
	}
	if len(pts) != 10 || pts[0].Avg != 5 || pts[9].Avg != 14 {
		t.Errorf("ring of 10 kept %+v, want the values 5..14", pts)
	}
	if Pick(base, base.Add(3*time.Hour)) != Minute || Pick(base, base.Add(72*time.Hour)) != Hour {
		t.Error("Pick does not widen the buckets with the span")
	}
	if _, _, err := h.Query(context.Background(), "nope", base, base.Add(time.Minute), Auto); !errors.Is(err, ErrUnknownSeries) {
		t.Errorf("unknown series: %v", err)
	}
}

func TestHistorySurvivesARestart(t *testing.T) {
	kv := newKV()
	first := New(kv, 0)
	for i := range 10*60 + 30 {
		first.Record(base.Add(time.Duration(i)*time.Second), "cpu", 1)
		if i%60 == 0 {
			mustFlush(t, first)
		}
	}
	// The plugin stops at 08:10:29; minute 08:10 is lost.
	second := New(kv, 0)
	for i := range 5 * 60 {
		second.Record(base.Add(11*time.Minute+time.Duration(i)*time.Second), "cpu", 3)
		if i%60 == 0 {
			mustFlush(t, second)
		}
	}
	mustFlush(t, second)
	pts, _, err := second.Query(context.Background(), "cpu", base, base.Add(time.Hour), Minute)
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != 14 {
		t.Fatalf("got %d minutes, want 10 from before the restart and 4 after: %+v", len(pts), pts)
	}
	if pts[0].Avg != 1 || pts[9].Avg != 1 || pts[10].T != base.Add(11*time.Minute) || pts[10].Avg != 3 {
		t.Errorf("points across the restart are wrong: %+v", pts)
	}
}

func TestPruneKeepsAYearWithinTheBound(t *testing.T) {
	kv := newKV()
	h := New(kv, 0)
	ctx := context.Background()
	const step = time.Hour
	end := base.AddDate(1, 1, 0)
	for now := base; now.Before(end); now = now.Add(step) {
		h.Record(now, "cpu", math.Sin(float64(now.Unix())))
		h.Record(now, "disk@/", 0.5)
		mustFlush(t, h)
		if now.Hour() == 0 && now.Minute() == 0 {
			if _, err := h.Prune(ctx, now); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := h.Prune(ctx, end); err != nil {
		t.Fatal(err)
	}
	total, oldestMinute, oldestHour := 0, end, end
	for k, v := range kv.KV() {
		total += len(v)
		name, ts, _ := parseKey(k, map[bool]string{true: minuteKeyTime, false: hourKeyTime}[strings.HasPrefix(k, "m1/")])
		if name != "cpu" && name != "disk@/" {
			t.Errorf("unexpected key %s", k)
		}
		if strings.HasPrefix(k, "m1/") {
			oldestMinute = minTime(oldestMinute, ts)
		} else {
			oldestHour = minTime(oldestHour, ts)
		}
	}
	if bound := StorageBound(2); total > bound || total == 0 {
		t.Errorf("store holds %d bytes, bound is %d", total, bound)
	}
	if age := end.Sub(oldestMinute); age > MinuteRetention+time.Hour || age < MinuteRetention-time.Hour {
		t.Errorf("oldest minute chunk is %v old, want about %v", age, MinuteRetention)
	}
	if age := end.Sub(oldestHour); age > HourRetention+31*24*time.Hour || age < HourRetention-31*24*time.Hour {
		t.Errorf("oldest month chunk is %v old, want about a year", age)
	}
	pts, _, err := h.Query(ctx, "disk@/", end.Add(-300*24*time.Hour), end, Hour)
	if err != nil || len(pts) < 299*24-1 {
		t.Errorf("a year query returned %d hours, %v", len(pts), err)
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func TestPruneDropsSeriesBeyondTheCap(t *testing.T) {
	kv := newKV()
	ctx := context.Background()
	for i := range MaxSeries + 5 {
		if err := kv.KVPut(ctx, minuteKey(fmt.Sprintf("old%d", i), base), newChunk(minuteKind, base).encode()); err != nil {
			t.Fatal(err)
		}
	}
	h := New(kv, 0)
	h.Record(base, "cpu", 1)
	h.Record(base.Add(time.Minute), "cpu", 1)
	mustFlush(t, h)
	if _, err := h.Prune(ctx, base.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	keys := kv.KV()
	if len(keys) != 1 {
		t.Errorf("after prune %d keys remain, want only cpu's", len(keys))
	}
}

func TestRecordIgnoresBadValuesAndTooManySeries(t *testing.T) {
	h := New(newKV(), 0)
	h.Record(base, "x", math.NaN())
	h.Record(base, strings.Repeat("n", MaxNameLen+1), 1)
	for i := range MaxSeries + 3 {
		h.Record(base, fmt.Sprintf("s%d", i), 1)
	}
	if n := len(h.Names()); n != MaxSeries {
		t.Errorf("%d series recorded, want the cap %d", n, MaxSeries)
	}
}

func TestChunkRoundTripAndRefusal(t *testing.T) {
	c := newChunk(hourKind, base)
	c.slots[5] = Rollup{Min: 1, Avg: 2, Max: 3}
	got, err := decodeChunk(hourKind, base, c.encode())
	if err != nil || got.slots[5] != c.slots[5] || got.slots[4].Valid() {
		t.Errorf("round trip: %v %+v", err, got.slots[4:6])
	}
	if _, err := decodeChunk(minuteKind, base, c.encode()); !errors.Is(err, errBadChunk) {
		t.Errorf("wrong kind decoded: %v", err)
	}
}

func TestRawRingsShareTimesAndKeepGaps(t *testing.T) {
	h := New(newKV(), 4)
	ctx := context.Background()
	// "disk" appears at the second tick and misses the fourth; "cpu" is
	// recorded at every tick. Six ticks overflow the ring of four.
	for i := range 6 {
		at := base.Add(time.Duration(i) * time.Second)
		h.Record(at, "cpu", float64(i))
		if i != 0 && i != 3 {
			h.Record(at, "disk", float64(10+i))
		}
	}
	cpu, _, err := h.Query(ctx, "cpu", base, base.Add(time.Minute), Raw)
	if err != nil {
		t.Fatal(err)
	}
	disk, _, err := h.Query(ctx, "disk", base, base.Add(time.Minute), Raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(cpu) != 4 || cpu[0].Avg != 2 || cpu[3].Avg != 5 || !cpu[0].T.Equal(base.Add(2*time.Second)) {
		t.Errorf("cpu kept %+v, want the values 2..5", cpu)
	}
	if len(disk) != 3 || disk[0].Avg != 12 || disk[1].Avg != 14 || !disk[1].T.Equal(base.Add(4*time.Second)) {
		t.Errorf("disk kept %+v, want 12, 14, 15 (no value at the 4th tick)", disk)
	}
	// A clock stepped back takes a new slot rather than rewriting one.
	h.Record(base.Add(time.Second), "cpu", 99)
	if cpu, _, _ = h.Query(ctx, "cpu", base, base.Add(time.Minute), Raw); len(cpu) != 4 || cpu[3].Avg != 99 || cpu[2].Avg != 5 {
		t.Errorf("after a clock step back cpu is %+v", cpu)
	}
}

func TestRawQueryOfASeriesOnlyInTheStore(t *testing.T) {
	kv := newKV()
	first := New(kv, 0)
	first.Record(base, "cpu", 1)
	first.Record(base.Add(time.Minute), "cpu", 1)
	mustFlush(t, first)
	pts, _, err := New(kv, 0).Query(context.Background(), "cpu", base, base.Add(time.Hour), Raw)
	if err != nil || len(pts) != 0 {
		t.Errorf("raw query after a restart = %+v, %v; want no points and no error", pts, err)
	}
}
