package pluginhost

import (
	"bytes"
	"strings"
	"testing"
)

func TestParseExposition(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string // written alone, by writeFamilies
	}{
		{"labels added", "# HELP a_total A.\n# TYPE a_total counter\na_total 1\na_total{x=\"y\"} 2\na_total{} 3\n",
			"# HELP a_total A.\n# TYPE a_total counter\na_total{plugin=\"p\"} 1\na_total{plugin=\"p\",x=\"y\"} 2\na_total{plugin=\"p\"} 3\n"},
		{"a histogram stays one family", "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 0.5\nh_count 1\n",
			"# TYPE h histogram\nh_bucket{plugin=\"p\",le=\"1\"} 1\nh_bucket{plugin=\"p\",le=\"+Inf\"} 1\nh_sum{plugin=\"p\"} 0.5\nh_count{plugin=\"p\"} 1\n"},
		{"untyped samples", "u 1\nv 2\n", "u{plugin=\"p\"} 1\nv{plugin=\"p\"} 2\n"},
		{"a plugin label of its own is dropped", "a{plugin=\"other\"} 1\n", ""},
		{"core families are dropped", "# TYPE go_goroutines gauge\ngo_goroutines 5\ndiwan_plugin_state 1\ndiwan_http_requests_total 1\n", ""},
		{"malformed lines are dropped", "9bad 1\n{x=\"y\"} 1\n# TYPE bad-name gauge\nok 1\n", "ok{plugin=\"p\"} 1\n"},
		{"comments and blanks", "# just a comment\n\nok 1\n", "ok{plugin=\"p\"} 1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			writeFamilies(&buf, [][]metricFamily{parseExposition("p", tt.text)})
			if buf.String() != tt.want {
				t.Fatalf("got\n%s\nwant\n%s", buf.String(), tt.want)
			}
		})
	}
}

// Families of several plugins merge into one block each, with the first
// plugin's metadata; a plugin that types a family differently loses it.
func TestWriteFamiliesMerges(t *testing.T) {
	a := parseExposition("a", "# HELP shared_total S.\n# TYPE shared_total counter\nshared_total 1\n# TYPE only_a gauge\nonly_a 1\n")
	b := parseExposition("b", "# HELP shared_total S.\n# TYPE shared_total counter\nshared_total 2\n")
	c := parseExposition("c", "# TYPE shared_total gauge\nshared_total 3\n")
	var buf bytes.Buffer
	writeFamilies(&buf, [][]metricFamily{a, b, c})
	want := "# TYPE only_a gauge\nonly_a{plugin=\"a\"} 1\n" +
		"# HELP shared_total S.\n# TYPE shared_total counter\nshared_total{plugin=\"a\"} 1\nshared_total{plugin=\"b\"} 2\n"
	if buf.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", buf.String(), want)
	}
	if strings.Contains(buf.String(), `plugin="c"`) {
		t.Fatal("a family typed differently was merged")
	}
}
