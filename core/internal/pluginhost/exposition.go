package pluginhost

import (
	"io"
	"regexp"
	"sort"
	"strings"
)

// metricNameRE is a Prometheus metric name.
var metricNameRE = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*$`)

// reservedPrefixes are the core's own metric families; a plugin may not
// write into them.
var reservedPrefixes = []string{"diwan_plugin_", "diwan_http_", "diwan_db_", "go_", "process_"}

// metricFamily is the lines of one family of a plugin's metrics.
type metricFamily struct {
	name, help, kind string
	samples          []string
}

// parseExposition reads a plugin's metrics in Prometheus text format into
// families, adding the label plugin="id" to every sample. Lines that are
// not well formed, samples that carry a plugin label of their own, and
// families named like the core's are dropped, so that one plugin's output
// can neither break /metrics nor pass for the core's.
func parseExposition(id, text string) []metricFamily {
	var (
		out []metricFamily
		cur *metricFamily
	)
	family := func(name string) *metricFamily {
		if cur == nil || cur.name != name {
			out = append(out, metricFamily{name: name})
			cur = &out[len(out)-1]
		}
		return cur
	}
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.HasPrefix(line, "# HELP ") || strings.HasPrefix(line, "# TYPE "):
			fields := strings.SplitN(line[7:], " ", 2)
			if len(fields) != 2 || !metricNameRE.MatchString(fields[0]) {
				continue
			}
			f := family(fields[0])
			if line[2] == 'H' {
				f.help = fields[1]
			} else {
				f.kind = fields[1]
			}
		case strings.HasPrefix(line, "#"):
		default:
			name, sample, ok := labelSample(id, line)
			if !ok {
				continue
			}
			f := cur
			if f == nil || !belongs(name, f.name) {
				f = family(name)
			}
			f.samples = append(f.samples, sample)
		}
	}
	kept := out[:0]
	for _, f := range out {
		if len(f.samples) > 0 && !reserved(f.name) {
			kept = append(kept, f)
		}
	}
	return kept
}

// labelSample adds plugin="id" to one sample line and returns its metric
// name.
func labelSample(id, line string) (string, string, bool) {
	end := strings.IndexAny(line, "{ ")
	if end <= 0 || !metricNameRE.MatchString(line[:end]) {
		return "", "", false
	}
	name, rest := line[:end], line[end:]
	label := `plugin="` + id + `"`
	if rest[0] == '{' {
		if strings.Contains(rest, "plugin=") {
			return "", "", false
		}
		if strings.HasPrefix(rest, "{}") {
			return name, name + "{" + label + "}" + rest[2:], true
		}
		return name, name + "{" + label + "," + rest[1:], true
	}
	return name, name + "{" + label + "}" + rest, true
}

// belongs reports whether a sample named name is part of family: itself,
// or a histogram's or summary's _bucket, _sum and _count.
func belongs(name, family string) bool {
	if name == family {
		return true
	}
	suffix, ok := strings.CutPrefix(name, family)
	return ok && (suffix == "_bucket" || suffix == "_sum" || suffix == "_count")
}

func reserved(name string) bool {
	for _, p := range reservedPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// writeFamilies merges the families of several plugins by name (the help
// and type of the first plugin that gave them; a family another plugin
// typed differently is dropped from that plugin) and writes them in name
// order.
func writeFamilies(w io.Writer, perPlugin [][]metricFamily) {
	merged := map[string]*metricFamily{}
	for _, families := range perPlugin {
		for _, f := range families {
			m, ok := merged[f.name]
			switch {
			case !ok:
				c := f
				merged[f.name] = &c
			case m.kind == f.kind:
				m.samples = append(m.samples, f.samples...)
			}
		}
	}
	names := make([]string, 0, len(merged))
	for n := range merged {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		f := merged[n]
		if f.help != "" {
			_, _ = io.WriteString(w, "# HELP "+f.name+" "+f.help+"\n")
		}
		if f.kind != "" {
			_, _ = io.WriteString(w, "# TYPE "+f.name+" "+f.kind+"\n")
		}
		for _, s := range f.samples {
			_, _ = io.WriteString(w, s+"\n")
		}
	}
}
