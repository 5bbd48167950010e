package plugintest_test

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/plugintest"
)

// fakeTB records failures instead of failing the test, so that a test can
// check that Conformance fails a broken plugin. Everything else goes to the
// real test.
type fakeTB struct {
	testing.TB
	mu       sync.Mutex
	failures []string
}

func (f *fakeTB) Helper() {}

func (f *fakeTB) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures = append(f.failures, fmt.Sprintf(format, args...))
}

func (f *fakeTB) Error(args ...any) { f.Errorf("%s", fmt.Sprint(args...)) }

func (f *fakeTB) Fatalf(format string, args ...any) {
	f.Errorf(format, args...)
	runtime.Goexit()
}

func (f *fakeTB) Fatal(args ...any) { f.Fatalf("%s", fmt.Sprint(args...)) }

func (f *fakeTB) Fail() { f.Errorf("failed") }

func (f *fakeTB) FailNow() { f.Fatalf("failed") }

func (f *fakeTB) Failed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.failures) > 0
}

// conformance runs Conformance against a fakeTB and returns its failures.
func conformance(t *testing.T, p sdk.Plugin, opts plugintest.Options) []string {
	f := &fakeTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		plugintest.Conformance(f, p, opts)
	}()
	<-done
	return f.failures
}

func memoOptions() plugintest.Options {
	return plugintest.Options{
		Samples:      map[string]json.RawMessage{"note": json.RawMessage(`{"text":"milk"}`)},
		ActionInputs: map[string]json.RawMessage{"count": json.RawMessage(`3`)},
	}
}

func TestConformancePassesACorrectPlugin(t *testing.T) {
	plugintest.Conformance(t, newMemo(), memoOptions())
	if failures := conformance(t, newMemo(), memoOptions()); len(failures) != 0 {
		t.Errorf("failures through a testing.TB: %q", failures)
	}
}

func TestConformanceFailsABrokenPlugin(t *testing.T) {
	tests := []struct {
		name   string
		plugin sdk.Plugin
		opts   plugintest.Options
		want   []string
	}{
		{"get of an unknown id is a generic error", vagueGet{newMemo()}, memoOptions(),
			[]string{"resources/note: Get(note, plugintest-unknown-id): got error", "want one wrapping sdk.ErrNotFound"}},
		{"delete forgets nothing", forgetful{newMemo()}, memoOptions(),
			[]string{"resources/note: Delete(note, plugintest-unknown-id)", "resources/note: Get(note, 1) after Delete"}},
		{"progress goes back", backwards{newMemo()}, memoOptions(),
			[]string{"actions: Invoke(count) progress 1 went back from 0.8 to 0.3", "actions: Invoke(count) progress 2 is 1.5"}},
		{"metrics are not Prometheus text", badMetrics{newMemo()}, memoOptions(),
			[]string{`metrics: CollectMetrics: line 1 "memo notes 3"`, "line 2", "line 3"}},
		{"health without a status", unwell{newMemo()}, memoOptions(),
			[]string{"health: CheckHealth status is unknown"}},
		{"options name an undeclared action", newMemo(), plugintest.Options{ActionInputs: map[string]json.RawMessage{"fly": nil}},
			[]string{`Options.ActionInputs names "fly"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			failures := strings.Join(conformance(t, tt.plugin, tt.opts), "\n")
			for _, want := range tt.want {
				if !strings.Contains(failures, want) {
					t.Errorf("failures lack %q:\n%s", want, failures)
				}
			}
		})
	}
}

func TestConformanceStopsAtAnInvalidManifest(t *testing.T) {
	m := newMemo()
	failures := conformance(t, bad{m}, memoOptions())
	if len(failures) != 1 || !strings.Contains(failures[0], "manifest: invalid manifest: id:") {
		t.Errorf("failures = %q", failures)
	}
}

// bad has an invalid manifest.
type bad struct{ *memo }

func (b bad) Manifest() sdk.Manifest {
	m := b.memo.Manifest()
	m.ID = "Memo!"
	return m
}
