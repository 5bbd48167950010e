package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-plugin"

	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/grpcplugin"
	"github.com/diwanpanel/diwan/sdk/plugintest"
	"github.com/diwanpanel/diwan/sdk/protocol"
)

// clockTicks is USER_HZ, the unit of /proc/PID/stat's utime and stime.
const clockTicks = 100

// BenchmarkSampling builds the plugin as `make plugins` does, starts the
// binary the way the core does, lets it sample every second for a minute
// (MONITORING_BENCH_SECONDS changes that), and reports its CPU use as a
// percentage of one core from /proc/PID/stat, and the highest VmRSS and
// RssAnon that /proc/PID/status showed, read every 250 ms over the minute
// (memory rises and falls with each garbage collection, so one reading at
// the end could miss the peak), and their mean.
func BenchmarkSampling(b *testing.B) {
	seconds := 60
	if s, err := strconv.Atoi(os.Getenv("MONITORING_BENCH_SECONDS")); err == nil && s > 0 {
		seconds = s
	}
	bin := filepath.Join(b.TempDir(), "monitoring")
	build := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0") // as make plugins builds it
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	cfg, err := grpcplugin.ClientConfig(exec.Command(bin))
	if err != nil {
		b.Fatal(err)
	}
	client := plugin.NewClient(cfg)
	defer client.Kill()
	rpc, err := client.Client()
	if err != nil {
		b.Fatal(err)
	}
	raw, err := rpc.Dispense(protocol.PluginName)
	if err != nil {
		b.Fatal(err)
	}
	host := plugintest.NewFakeHost()
	host.Grant(sdk.PermissionKV, sdk.PermissionSecrets, sdk.PermissionEventsPublish)
	if err := raw.(*grpcplugin.Client).Configure(context.Background(), json.RawMessage(`{"interval":1}`), host); err != nil {
		b.Fatal(err)
	}
	pid := client.ReattachConfig().Pid
	time.Sleep(5 * time.Second) // past start-up
	before, began := cpuTicks(b, pid), time.Now()
	var mem memory
	for b.Loop() {
		mem = watchMemory(b, pid, time.Duration(seconds)*time.Second)
	}
	used := float64(cpuTicks(b, pid)-before) / clockTicks
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(100*used/time.Since(began).Seconds(), "cpu-%")
	b.ReportMetric(float64(mem.maxRSS)/1024, "VmRSS-max-MiB")
	b.ReportMetric(float64(mem.maxAnon)/1024, "RssAnon-max-MiB")
	b.ReportMetric(float64(mem.sumRSS)/float64(mem.n)/1024, "VmRSS-mean-MiB")
	b.ReportMetric(float64(len(host.Events())), "events")
}

// memory is what watchMemory saw, in kB.
type memory struct {
	maxRSS, maxAnon, sumRSS, n int
}

// watchMemory reads pid's VmRSS and RssAnon every 250 ms for d.
func watchMemory(b *testing.B, pid int, d time.Duration) memory {
	b.Helper()
	var m memory
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for end := time.Now().Add(d); time.Now().Before(end); <-tick.C {
		status := procStatus(b, pid)
		m.maxRSS, m.maxAnon = max(m.maxRSS, status["VmRSS"]), max(m.maxAnon, status["RssAnon"])
		m.sumRSS += status["VmRSS"]
		m.n++
	}
	return m
}

// cpuTicks returns utime+stime of pid.
func cpuTicks(b *testing.B, pid int) uint64 {
	b.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Fatal(err)
	}
	fields := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+2:]))
	utime, _ := strconv.ParseUint(fields[11], 10, 64)
	stime, _ := strconv.ParseUint(fields[12], 10, 64)
	return utime + stime
}

// procStatus returns the kB fields of /proc/pid/status.
func procStatus(b *testing.B, pid int) map[string]int {
	b.Helper()
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	out := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, _ := strings.Cut(sc.Text(), ":")
		if kb, ok := strings.CutSuffix(strings.TrimSpace(value), " kB"); ok {
			out[name], _ = strconv.Atoi(kb)
		}
	}
	return out
}
