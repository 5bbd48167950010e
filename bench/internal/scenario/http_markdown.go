package scenario

import (
	"fmt"
	"io"
	"strings"

	"github.com/diwanpanel/diwan/bench/internal/harness"
)

// Markdown renders the report as the body of the generated section of
// docs/benchmarks.md; diwanbench prints the same text.
func (r *HTTPReport) Markdown() string {
	var b strings.Builder
	r.writeSummary(&b)
	r.writeThroughput(&b)
	r.writeFailures(&b)
	r.writeMemory(&b)
	r.writeChecks(&b)
	r.writeSetup(&b)
	return b.String()
}

func (r *HTTPReport) writeSummary(w io.Writer) {
	fmt.Fprintf(w, "## Latest results: HTTP server\n\n")
	fmt.Fprintf(w, "Measured %s with `%s`.\n\n", r.Started.Format("2006-01-02 15:04 UTC"), r.Command)
	if r.OK() {
		fmt.Fprintf(w, "**Every target met.**\n\n")
		return
	}
	fmt.Fprintf(w, "**Targets NOT MET:** see the table of targets below.\n\n")
}

func (r *HTTPReport) writeThroughput(w io.Writer) {
	fmt.Fprintf(w, "### Throughput and latency\n\n")
	fmt.Fprintf(w, "| Scenario | Requests/s | p50 | p90 | p99 | vs hello-world | Server CPU per request | Log lines per request | Failed requests |\n")
	fmt.Fprintf(w, "|---|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, m := range []Measurement{r.Hello, r.Live, r.Version} {
		res := m.Result
		fmt.Fprintf(w, "| %s `GET %s` | %s | %s | %s | %s | %.0f%% | %s | %s | %s |\n",
			m.Server, m.Path, formatRate(res.RequestsPerSec),
			formatLatency(res.P50), formatLatency(res.P90), formatLatency(res.P99),
			r.Ratio(m)*100, formatLatency(perRequest(m.CPU, res.Requests)),
			logLines(m), flagged(res.Failures()))
	}
	fmt.Fprintf(w, "\n")
}

// writeFailures details every run with failed requests, warm-ups included.
func (r *HTTPReport) writeFailures(w io.Writer) {
	if r.Failures() == 0 {
		return
	}
	fmt.Fprintf(w, "**Failed requests** (wrk counts answers with status 400 and above, and socket errors):\n\n")
	for _, m := range []Measurement{r.Hello, r.Live, r.Version} {
		writeFailedRun(w, m, "warm-up", m.Warmup)
		writeFailedRun(w, m, "measured", m.Result)
	}
	fmt.Fprintf(w, "\n")
}

// writeFailedRun writes one list item for a run of m with failures.
func writeFailedRun(w io.Writer, m Measurement, run string, res harness.WrkResult) {
	if !res.Failed() {
		return
	}
	s := res.Socket
	fmt.Fprintf(w, "- %s `GET %s`, %s run: %d answers ≥ 400; socket errors: connect %d, read %d, write %d, timeout %d\n",
		m.Server, m.Path, run, res.ErrorStatus, s.Connect, s.Read, s.Write, s.Timeout)
}

func (r *HTTPReport) writeMemory(w io.Writer) {
	fmt.Fprintf(w, "### Memory of `diwan serve` on SQLite\n\n")
	fmt.Fprintf(w, "| When | VmRSS | RssAnon |\n|---|--:|--:|\n")
	fmt.Fprintf(w, "| idle: %s after ready, before any request | %s | %s |\n",
		r.IdleWait, formatKB(r.IdleMemory.VmRSSKB), formatKB(r.IdleMemory.RssAnonKB))
	fmt.Fprintf(w, "| after load | %s | %s |\n\n",
		formatKB(r.LoadedMemory.VmRSSKB), formatKB(r.LoadedMemory.RssAnonKB))
	fmt.Fprintf(w, "VmRSS counts every resident page, the binary's own included; RssAnon only the memory the process allocated (heap, stacks).\n\n")
}

func (r *HTTPReport) writeChecks(w io.Writer) {
	fmt.Fprintf(w, "### Targets\n\n| Target | Measured | Status |\n|---|---|---|\n")
	for _, c := range r.Checks() {
		status := "met"
		if !c.Met {
			status = "**NOT MET**"
		}
		fmt.Fprintf(w, "| %s | %s | %s |\n", c.Target, c.Measured, status)
	}
	fmt.Fprintf(w, "\n")
}

func (r *HTTPReport) writeSetup(w io.Writer) {
	m := r.Setup.Machine
	fmt.Fprintf(w, "### Setup\n\n")
	fmt.Fprintf(w, "- Load: `%s` per route, after a %s warm-up with the same settings; each route must first answer a single GET with 200.\n",
		r.Wrk.CommandLine("http://ADDR/PATH"), r.Warmup)
	fmt.Fprintf(w, "- diwan: `diwan serve` with `%s`, default profile and log level (info), no other `DIWAN_*` variable. ",
		strings.Join(diwanEnv("<tempdir>", "127.0.0.1:<free port>"), "`, `"))
	fmt.Fprintf(w, "Its stdout and stderr go to a pipe that the harness drains and discards, so the access log (one JSON line per logged request) is part of the measured cost; the log lines column shows which routes write one.\n")
	fmt.Fprintf(w, "- hello-world: fiber v2 with one route and no middleware (`bench/cmd/hello`).\n")
	fmt.Fprintf(w, "- Machine: %d CPUs (%s), Linux %s; diwan built with %s; %s.\n",
		m.CPUs, m.CPUModel, m.Kernel, r.Setup.GoVersion, r.Setup.WrkVersion)
	fmt.Fprintf(w, "- wrk and the servers share the same %d CPUs: the numbers compare servers within one run, they are not the capacity of a dedicated machine. Load average before the run (1, 5, 15 min): %s.\n", m.CPUs, m.LoadAverage)
}

// logLines prints the log lines per request of m, or "–" when not counted.
func logLines(m Measurement) string {
	if m.LogLines < 0 || m.Result.Requests == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", float64(m.LogLines)/float64(m.Result.Requests))
}

// flagged prints a count of failures, in bold when there are any.
func flagged(n int64) string {
	if n > 0 {
		return fmt.Sprintf("**%d**", n)
	}
	return "0"
}
