package plugintest

import "testing"

func TestPromProblems(t *testing.T) {
	good := "# HELP up Whether it is up.\n# TYPE up gauge\nup 1\nreqs_total{code=\"200\",path=\"/a\\\"b\"} 3 1700000000000\nx NaN\ny +Inf\n# a comment\n\n"
	if p := promProblems(good); len(p) != 0 {
		t.Errorf("problems in valid text: %q", p)
	}
	for _, line := range []string{"up", "up one", "9up 1", `up{code=200} 1`, "# TYPE up meter", "# HELP"} {
		if p := promProblems(line); len(p) != 1 {
			t.Errorf("promProblems(%q) = %q, want one problem", line, p)
		}
	}
}
