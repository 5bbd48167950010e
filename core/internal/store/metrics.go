package store

import (
	"github.com/VictoriaMetrics/metrics"
)

// RegisterMetrics exposes the pool's statistics as gauges in set. The
// statistics are read at scrape time; nothing is counted per query.
func (s *Store) RegisterMetrics(set *metrics.Set) {
	stats := s.db.Stats
	gauge := func(name string, read func() float64) {
		set.NewGauge(name+`{dialect="`+string(s.dialect)+`"}`, read)
	}
	gauge("diwan_db_pool_max_open_connections", func() float64 { return float64(stats().MaxOpenConnections) })
	gauge("diwan_db_pool_open_connections", func() float64 { return float64(stats().OpenConnections) })
	gauge("diwan_db_pool_in_use_connections", func() float64 { return float64(stats().InUse) })
	gauge("diwan_db_pool_idle_connections", func() float64 { return float64(stats().Idle) })
	gauge("diwan_db_pool_waits", func() float64 { return float64(stats().WaitCount) })
	gauge("diwan_db_pool_wait_duration_seconds", func() float64 { return stats().WaitDuration.Seconds() })
	gauge("diwan_db_pool_max_idle_closed", func() float64 { return float64(stats().MaxIdleClosed) })
	gauge("diwan_db_pool_max_lifetime_closed", func() float64 { return float64(stats().MaxLifetimeClosed) })
}
