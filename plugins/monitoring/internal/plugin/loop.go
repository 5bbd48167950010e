package plugin

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/diwanpanel/diwan/plugins/monitoring/internal/alerts"
	"github.com/diwanpanel/diwan/plugins/monitoring/internal/collect"
	"github.com/diwanpanel/diwan/plugins/monitoring/internal/history"
	"github.com/diwanpanel/diwan/plugins/monitoring/internal/promtext"
	"github.com/diwanpanel/diwan/plugins/monitoring/internal/series"
	"github.com/diwanpanel/diwan/sdk"
)

// hostTimeout bounds the host calls of one tick.
const hostTimeout = 10 * time.Second

// loop samples the host every interval until stopped. It holds the host,
// history and engine it was started with, and never takes the Plugin's
// lock, so that Configure and Shutdown may stop it while holding that lock.
type loop struct {
	p      *Plugin
	set    settings
	host   sdk.Host
	hist   *history.History
	engine *alerts.Engine
	cancel context.CancelFunc
	done   chan struct{}

	mu        sync.Mutex // guards everything below
	collector *collect.Collector
	sample    *collect.Sample
	namer     *series.Namer
	latest    map[string]float64
	samples   uint64
	lastErr   string
	lastFlush time.Time
	lastPrune time.Time
	prom      promtext.Writer
}

func startLoop(p *Plugin, set settings, host sdk.Host, hist *history.History, engine *alerts.Engine) *loop {
	ctx, cancel := context.WithCancel(context.Background())
	l := &loop{
		p: p, set: set, host: host, hist: hist, engine: engine, cancel: cancel, done: make(chan struct{}),
		collector: collect.New(p.opts.Collect), namer: series.NewNamer(), latest: map[string]float64{},
	}
	go l.run(ctx)
	return l
}

func (l *loop) stop() {
	l.cancel()
	<-l.done
	l.collector.Close()
}

func (l *loop) run(ctx context.Context) {
	defer close(l.done)
	every := l.set.interval
	if l.p.opts.Tick > 0 {
		every = l.p.opts.Tick
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		l.tick(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// tick takes one sample and feeds the history, the alerts and the stream.
func (l *loop) tick(ctx context.Context) {
	host, hist, engine := l.host, l.hist, l.engine
	now := l.p.opts.Now()
	l.mu.Lock()
	s, cerr := l.collector.Collect(now)
	l.sample = s
	l.samples++
	l.namer.Each(s, func(name string, v float64) {
		l.latest[name] = v
		hist.Record(now, name, v)
	})
	ev := eventOf(s)
	l.mu.Unlock()
	ctx, cancel := context.WithTimeout(ctx, hostTimeout)
	defer cancel()
	problems := []error{cerr}
	problems = append(problems, l.persist(ctx, hist, now))
	if l.set.publish {
		problems = append(problems, host.PublishEvent(ctx, "sample", ev))
	}
	fired, err := engine.Evaluate(ctx, now, l.lookup)
	problems = append(problems, err)
	l.p.dispatch(host, engine, fired)
	l.setProblem(problems)
}

// persist flushes the history once a minute and prunes it once an hour.
func (l *loop) persist(ctx context.Context, hist *history.History, now time.Time) error {
	if now.Truncate(time.Minute).Equal(l.lastFlush.Truncate(time.Minute)) {
		return nil
	}
	l.lastFlush = now
	if err := hist.Flush(ctx); err != nil {
		return err
	}
	if now.Sub(l.lastPrune) < time.Hour {
		return nil
	}
	l.lastPrune = now
	_, err := hist.Prune(ctx, now)
	return err
}

// lookup returns a series' latest value; for a metric given without a
// label, such as filesystem_used_ratio, it returns the highest value of its
// labelled series, so that one alert covers every mount.
func (l *loop) lookup(metric string) (float64, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if v, ok := l.latest[metric]; ok {
		return v, true
	}
	worst, found := 0.0, false
	prefix := metric + "@"
	for name, v := range l.latest {
		if strings.HasPrefix(name, prefix) && (!found || v > worst) {
			worst, found = v, true
		}
	}
	return worst, found
}

func (l *loop) setProblem(errs []error) {
	var msgs []string
	for _, err := range errs {
		if err != nil && !isPermission(err) {
			msgs = append(msgs, err.Error())
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lastErr = strings.Join(msgs, "; ")
}

func (l *loop) problem() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lastErr != "" {
		return fmt.Sprintf("sampling: %s", l.lastErr)
	}
	return ""
}

func isPermission(err error) bool {
	return err != nil && strings.Contains(err.Error(), sdk.ErrPermissionDenied.Error())
}

// event is the small payload of a sample event.
type event struct {
	T     int64      `json:"t"`
	CPU   float64    `json:"cpu"`
	Mem   float64    `json:"mem"`
	Swap  float64    `json:"swap"`
	Load  [3]float64 `json:"load"`
	Rx    float64    `json:"rx"`
	Tx    float64    `json:"tx"`
	Read  float64    `json:"read"`
	Write float64    `json:"write"`
	Procs int        `json:"procs"`
}

func eventOf(s *collect.Sample) event {
	ev := event{T: s.Time.Unix(), CPU: round(s.CPU), Mem: round(s.Memory.UsedRatio()), Swap: round(s.Memory.SwapRatio()), Load: s.Load, Procs: s.Processes.Total}
	for _, n := range s.Networks {
		if n.Name != "lo" {
			ev.Rx, ev.Tx = ev.Rx+n.RxRate, ev.Tx+n.TxRate
		}
	}
	for _, d := range s.Disks {
		ev.Read, ev.Write = ev.Read+d.ReadRate, ev.Write+d.WriteRate
	}
	return ev
}

// round keeps four decimals, enough for a chart and short on the wire.
func round(v float64) float64 { return float64(int64(v*1e4+0.5)) / 1e4 }
