package api

import (
	"strconv"
	"sync"
	"time"

	"github.com/VictoriaMetrics/metrics"
	"github.com/gofiber/fiber/v2"
)

// requestMetrics counts requests and their latency by route pattern, method
// and status. The route is the registered pattern ("/api/v1/x/:id"), never
// the raw path, so clients cannot grow the series without bound.
type requestMetrics struct {
	set    *metrics.Set
	series sync.Map // seriesKey → *seriesPair
}

type seriesKey struct {
	route, method string
	status        int
}

type seriesPair struct {
	count    *metrics.Counter
	duration *metrics.PrometheusHistogram
}

func (m *requestMetrics) middleware(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	route := "unmatched"
	if matched, _ := c.Locals(localMatched).(bool); matched {
		route = c.Route().Path
	}
	status := c.Response().StatusCode()
	p := m.pair(seriesKey{route: route, method: c.Method(), status: status})
	p.count.Inc()
	p.duration.UpdateDuration(start)
	return err
}

func (m *requestMetrics) pair(k seriesKey) *seriesPair {
	if p, ok := m.series.Load(k); ok {
		return p.(*seriesPair)
	}
	labels := `{route="` + k.route + `",method="` + k.method + `",status="` + strconv.Itoa(k.status) + `"}`
	p := &seriesPair{
		count:    m.set.GetOrCreateCounter("diwan_http_requests_total" + labels),
		duration: m.set.GetOrCreatePrometheusHistogram("diwan_http_request_duration_seconds" + labels),
	}
	actual, _ := m.series.LoadOrStore(k, p)
	return actual.(*seriesPair)
}
