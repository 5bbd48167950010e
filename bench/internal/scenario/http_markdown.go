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
	r.writeLogins(&b)
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
	for _, m := range r.Measurements() {
		res := m.Result
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %.0f%% | %s | %s | %s |\n",
			m.Label(), formatRate(res.RequestsPerSec),
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
	fmt.Fprintf(w, "**Failed requests** (wrk counts answers with status 400 and above, and socket errors; a login fails unless answered 200 with a session cookie):\n\n")
	for _, m := range r.Measurements() {
		writeFailedRun(w, m, "warm-up", m.Warmup)
		writeFailedRun(w, m, "measured", m.Result)
	}
	writeFailedLogins(w, "warm-up", r.Login.Warmup)
	writeFailedLogins(w, "measured", r.Login.Result)
	fmt.Fprintf(w, "\n")
}

// writeFailedRun writes one list item for a run of m with failures.
func writeFailedRun(w io.Writer, m Measurement, run string, res harness.WrkResult) {
	if !res.Failed() {
		return
	}
	s := res.Socket
	fmt.Fprintf(w, "- %s, %s run: %d answers ≥ 400; socket errors: connect %d, read %d, write %d, timeout %d\n",
		m.Label(), run, res.ErrorStatus, s.Connect, s.Read, s.Write, s.Timeout)
}

// writeFailedLogins writes one list item for a run of the login loop with
// failures.
func writeFailedLogins(w io.Writer, run string, res harness.LoopResult) {
	if res.Failed == 0 {
		return
	}
	fmt.Fprintf(w, "- logins, %s run: %d of %d failed; the first: %s\n", run, res.Failed, res.Calls, res.FirstFailure)
}

// writeLogins reports the login loop.
func (r *HTTPReport) writeLogins(w io.Writer) {
	m := r.Login
	res := m.Result
	perLogin := perRequest(m.CPU, res.Calls)
	fmt.Fprintf(w, "### Logins\n\n")
	fmt.Fprintf(w, "| Scenario | Logins/s | p50 | p90 | p99 | Server CPU per login | Log lines per login | Answered 200 |\n")
	fmt.Fprintf(w, "|---|--:|--:|--:|--:|--:|--:|--:|\n")
	fmt.Fprintf(w, "| diwan `POST %s`, %d concurrent clients for %s | %.1f | %s | %s | %s | %s | %s | %s |\n\n",
		loginPath, m.Workers, r.LoginTime, res.PerSecond(),
		formatLatency(res.P50), formatLatency(res.P90), formatLatency(res.P99),
		formatLatency(perLogin), perCall(m.LogLines, res.Calls), answered(res))
	fmt.Fprintf(w, "Each client is a Go loop on loopback that posts the %s account's name and password and signs in again as soon as the answer arrived, over a kept-alive connection; a login counts as answered only with status 200 and a `%s` cookie. ", accountRole, sessionCookie)
	fmt.Fprintf(w, "Every login verifies the account's argon2id password hash and creates a session, so it costs far more CPU than a read")
	if perLogin > 0 {
		fmt.Fprintf(w, ": at %s of server CPU per login, %d CPUs could serve at most %.0f logins/s", formatLatency(perLogin), r.Setup.Machine.CPUs, float64(r.Setup.Machine.CPUs)/perLogin.Seconds())
	}
	fmt.Fprintf(w, ". No target applies.\n\n")
}

// answered prints how many logins of res were answered 200, in bold when
// some were not.
func answered(res harness.LoopResult) string {
	s := fmt.Sprintf("%d of %d", res.Calls-res.Failed, res.Calls)
	if res.Failed > 0 {
		return "**" + s + "**"
	}
	return s
}

func (r *HTTPReport) writeMemory(w io.Writer) {
	fmt.Fprintf(w, "### Memory of `diwan serve` on SQLite\n\n")
	fmt.Fprintf(w, "| When | VmRSS | RssAnon |\n|---|--:|--:|\n")
	fmt.Fprintf(w, "| idle: %s after ready, before any request | %s | %s |\n",
		r.IdleWait, formatKB(r.IdleMemory.VmRSSKB), formatKB(r.IdleMemory.RssAnonKB))
	fmt.Fprintf(w, "| after the wrk runs | %s | %s |\n",
		formatKB(r.LoadedMemory.VmRSSKB), formatKB(r.LoadedMemory.RssAnonKB))
	fmt.Fprintf(w, "| after the login loop | %s | %s |\n\n",
		formatKB(r.LoginMemory.VmRSSKB), formatKB(r.LoginMemory.RssAnonKB))
	fmt.Fprintf(w, "Measured on the diwan at default settings. VmRSS counts every resident page, the binary's own included; RssAnon only the memory the process allocated (heap, stacks, and the argon2id work areas of the logins).\n\n")
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
	env := "`" + strings.Join(diwanEnv("<tempdir>", "127.0.0.1:<free port>"), "`, `") + "`"
	fmt.Fprintf(w, "### Setup\n\n")
	fmt.Fprintf(w, "- Load: `%s` per route, after a %s warm-up with the same settings; each route must first answer a single GET with 200. ",
		r.Wrk.CommandLine("http://ADDR/PATH"), r.Warmup)
	fmt.Fprintf(w, "`GET %s` adds `-H 'Cookie: %s=<token>'`, a session of the %s account signed in just before.\n", mePath, sessionCookie, accountRole)
	fmt.Fprintf(w, "- Logins: %d clients for %s after a %s warm-up with the same settings, a Go loop rather than wrk.\n", r.Login.Workers, r.LoginTime, r.Warmup)
	fmt.Fprintf(w, "- diwan at default settings, for every diwan row but the last, the logins and the memory table: `diwan serve` with %s, default profile, log level (info) and `log.access` (`changes`), no other `DIWAN_*` variable. ", env)
	fmt.Fprintf(w, "Before it starts, `diwan user create %s --role %s --password-stdin` with the same `DIWAN_DATABASE__DSN` creates the account, with a random password.\n", accountName, accountRole)
	fmt.Fprintf(w, "- diwan with `log.access=all`, for the last row: started once the first has stopped, on the same database, with the same variables and `%s`.\n", logAllSetting)
	fmt.Fprintf(w, "- Both diwans' stdout and stderr go to a pipe that the harness drains and discards, so the access log (JSON lines) is part of the measured cost. ")
	fmt.Fprintf(w, "With `log.access=changes` a line is written for changes (a login is one), failures and slow requests, while successful reads are only counted in the metrics; with `all`, for every request but probes. The log lines columns show what each route wrote.\n")
	fmt.Fprintf(w, "- hello-world: fiber v2 with one route and no middleware (`bench/cmd/hello`).\n")
	fmt.Fprintf(w, "- Machine: %d CPUs (%s), Linux %s; diwan built with %s; %s.\n",
		m.CPUs, m.CPUModel, m.Kernel, r.Setup.GoVersion, r.Setup.WrkVersion)
	fmt.Fprintf(w, "- wrk, the login clients and the servers share the same %d CPUs: the numbers compare servers within one run, they are not the capacity of a dedicated machine. Load average before the run (1, 5, 15 min): %s.\n", m.CPUs, m.LoadAverage)
}

// logLines prints the log lines per request of m, or "–" when not counted.
func logLines(m Measurement) string {
	if m.LogLines < 0 {
		return "–"
	}
	return perCall(m.LogLines, m.Result.Requests)
}

// perCall prints lines per call with two decimals, or "–" without calls.
func perCall(lines, calls int64) string {
	if calls == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", float64(lines)/float64(calls))
}

// flagged prints a count of failures, in bold when there are any.
func flagged(n int64) string {
	if n > 0 {
		return fmt.Sprintf("**%d**", n)
	}
	return "0"
}
