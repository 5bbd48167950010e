// Package harness holds the reusable pieces of Diwan's benchmarks: start
// and stop a server process or run a command to its end, wait until a
// server answers, pick a free loopback port, drive wrk and parse its
// report, time a loop of concurrent calls, read a process's memory and CPU
// time from /proc, describe the machine, and write a generated Markdown
// section between marker lines. Scenarios in package scenario combine them.
//
// Nothing here runs a shell: processes get an argument list.
package harness
