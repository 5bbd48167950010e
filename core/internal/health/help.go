package health

import (
	"bytes"
	"io"
	"strings"
)

// fillHelp copies the Prometheus text in exposition to w, giving every
// "# HELP name" line that has no text one: the registered description of
// the family, else the family's name in words ("diwan_db_pool_idle_connections"
// becomes "Diwan db pool idle connections."). The metrics library writes
// metadata without help texts, and Prometheus's linter (promtool check
// metrics) refuses a family without one. It also mends the library's few
// families that break the naming rules the linter checks (see lintFixes).
func fillHelp(w io.Writer, exposition []byte, help map[string]string) {
	for len(exposition) > 0 {
		line := exposition
		next := len(exposition)
		if i := bytes.IndexByte(exposition, '\n'); i >= 0 {
			line, next = exposition[:i], i+1
		}
		exposition = exposition[next:]
		out, keep := mend(string(line), help)
		if keep {
			_, _ = io.WriteString(w, out+"\n")
		}
	}
}

// lintFixes are the families of the metrics library's Go and process
// metrics whose names break Prometheus's conventions: counters without
// "_total" and gauges ending in "_count" are dropped (the runtime reports
// them elsewhere too), and cumulative I/O counters typed as gauges are
// typed as counters.
var lintFixes = map[string]string{
	"go_cgo_calls_count":                     "drop",
	"go_cpu_count":                           "drop",
	"go_gc_forced_count":                     "drop",
	"process_io_read_bytes_total":            "counter",
	"process_io_read_syscalls_total":         "counter",
	"process_io_storage_read_bytes_total":    "counter",
	"process_io_storage_written_bytes_total": "counter",
	"process_io_write_syscalls_total":        "counter",
	"process_io_written_bytes_total":         "counter",
}

// mend returns line with its help text filled in or its type mended, and
// whether to keep it.
func mend(line string, help map[string]string) (string, bool) {
	switch {
	case strings.HasPrefix(line, "# HELP "):
		name, text, _ := strings.Cut(line[len("# HELP "):], " ")
		if lintFixes[name] == "drop" {
			return "", false
		}
		if text == "" {
			if text = help[name]; text == "" {
				text = inWords(name)
			}
		}
		return "# HELP " + name + " " + text, true
	case strings.HasPrefix(line, "# TYPE "):
		name, kind, _ := strings.Cut(line[len("# TYPE "):], " ")
		switch lintFixes[name] {
		case "drop":
			return "", false
		case "counter":
			kind = "counter"
		}
		return "# TYPE " + name + " " + kind, true
	case line == "" || line[0] == '#':
		return line, true
	}
	name := line
	if i := strings.IndexAny(line, "{ "); i >= 0 {
		name = line[:i]
	}
	return line, lintFixes[name] != "drop"
}

// inWords turns a metric name into a sentence.
func inWords(name string) string {
	words := strings.ReplaceAll(strings.Trim(name, "_"), "_", " ")
	if words == "" {
		return "Unnamed."
	}
	return strings.ToUpper(words[:1]) + words[1:] + "."
}
