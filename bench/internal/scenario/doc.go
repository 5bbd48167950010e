// Package scenario holds Diwan's benchmark scenarios. Each one starts the
// servers it needs with package harness, measures them in one run, and
// returns a report that renders itself as a Markdown section; the
// diwanbench command writes that section into docs/benchmarks.md.
//
// The HTTP scenario measures the cost of Diwan's HTTP server against a
// bare fiber hello-world on the same machine in the same run.
package scenario
