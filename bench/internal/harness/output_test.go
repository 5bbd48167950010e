package harness

import (
	"slices"
	"testing"
)

func TestLineCounter(t *testing.T) {
	var c LineCounter
	for _, s := range []string{"{\"a\":1}\n{\"b\"", ":2}\n", "", "\n\n"} {
		if n, err := c.Write([]byte(s)); n != len(s) || err != nil {
			t.Fatalf("Write = %d, %v", n, err)
		}
	}
	if got := c.Lines(); got != 4 {
		t.Fatalf("Lines = %d, want 4", got)
	}
}

func TestFilterEnv(t *testing.T) {
	env := []string{"PATH=/bin", "DIWAN_LOG__LEVEL=debug", "HOME=/root", "DIWAN_CONFIG=/x.yaml", "XDIWAN_=1"}
	got := FilterEnv(env, "DIWAN_")
	want := []string{"PATH=/bin", "HOME=/root", "XDIWAN_=1"}
	if !slices.Equal(got, want) {
		t.Fatalf("FilterEnv = %q, want %q", got, want)
	}
}
