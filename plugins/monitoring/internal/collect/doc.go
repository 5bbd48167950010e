// Package collect reads host metrics straight from /proc and /sys: CPU
// (total and per core), load, memory and swap, filesystem usage of real
// filesystems, disk and network I/O, processes with the top consumers,
// uptime and temperatures. A Collector keeps its files open and its buffers
// between samples, so that one Sample costs a few system calls and almost
// no allocation; the expensive parts (the process table, the mount list,
// sensor discovery) are refreshed less often than every sample.
package collect
