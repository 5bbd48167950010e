// Package history keeps the metric series of the monitoring plugin: the
// last samples of each series at full resolution in a ring in memory,
// 1-minute rollups (min, avg, max) for 30 days and 1-hour rollups for a
// year, both persisted through a key-value store in a compact binary form.
//
// Keys are "m1/<series>/<YYYYMMDDHH>" (the minute rollups of one UTC hour,
// 60 slots) and "h1/<series>/<YYYYMM>" (the hour rollups of one UTC month,
// 744 slots). A chunk is a two-byte header ('M' or 'H', version 1) and one
// slot of three little-endian float32 (min, avg, max) per minute or hour,
// NaN where there was no data. The minute chunk of the current hour is
// written after each minute closes, so a restart loses at most the minute
// in progress. Prune deletes chunks past their retention and the chunks of
// series beyond MaxSeries, which bounds the storage (see docs/monitoring.md).
package history
