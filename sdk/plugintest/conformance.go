package plugintest

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/diwanpanel/diwan/sdk"
)

// Options gives Conformance what it cannot guess about a plugin.
type Options struct {
	// Settings are valid settings for Configure; nil means {}.
	Settings json.RawMessage
	// Samples maps a resource kind to a valid resource of that kind, to
	// create, read back and delete. Kinds without a sample get the checks
	// that need no valid resource.
	Samples map[string]json.RawMessage
	// ActionInputs maps an action to a valid input, to run to its result.
	// Actions without one are not run.
	ActionInputs map[string]json.RawMessage
}

// Conformance checks that p behaves as the core expects of every plugin:
//
//   - the manifest is valid (sdk.ValidatePlugin) and Describe returns it;
//   - Configure accepts opts.Settings and refuses, with an *sdk.InvalidError,
//     settings whose top-level type the schema does not allow;
//   - CheckHealth answers ok, degraded or down;
//   - for every resource kind, List works, Get and Delete of an unknown id
//     wrap sdk.ErrNotFound, Apply refuses a body that is not JSON or is of
//     the wrong type with an *sdk.InvalidError, and the sample, when given,
//     is created, read back equal, deleted and then not found;
//   - an unknown action is refused, and every action in opts.ActionInputs
//     runs to a result, with progress between 0 and 1 that never goes back;
//   - CollectMetrics, when p implements sdk.MetricsCollector, returns valid
//     Prometheus text; and Shutdown succeeds.
//
// The Host grants every permission the manifest asks for. With a
// *testing.T each check is a subtest; with another testing.TB, failures
// name their check.
func Conformance(t testing.TB, p sdk.Plugin, opts Options) {
	t.Helper()
	if err := sdk.ValidatePlugin(p); err != nil {
		t.Errorf("manifest: %v", err)
		return
	}
	m := p.Manifest()
	c := Start(t, p)
	for _, perm := range m.Permissions {
		c.Host.Grant(perm.Name)
	}
	check(t, "describe", func(t testing.TB) { checkDescribe(t, c, m) })
	check(t, "configure", func(t testing.TB) { checkConfigure(t, c, m, opts.Settings) })
	check(t, "health", func(t testing.TB) { checkHealth(t, c) })
	for _, k := range m.ResourceKinds {
		check(t, "resources/"+k.Kind, func(t testing.TB) { checkKind(t, c, k, opts.Samples[k.Kind]) })
	}
	check(t, "actions", func(t testing.TB) { checkActions(t, c, m, opts.ActionInputs) })
	if _, ok := p.(sdk.MetricsCollector); ok {
		check(t, "metrics", func(t testing.TB) { checkMetrics(t, c) })
	}
	check(t, "shutdown", func(t testing.TB) {
		if err := c.Shutdown(); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
	})
}

// check runs fn as a subtest of a *testing.T, and otherwise directly with
// failures prefixed by name.
func check(t testing.TB, name string, fn func(t testing.TB)) {
	t.Helper()
	if tt, ok := t.(*testing.T); ok {
		tt.Run(name, func(t *testing.T) { fn(t) })
		return
	}
	fn(&named{TB: t, name: name})
}

// named prefixes a testing.TB's failures with the name of a check.
type named struct {
	testing.TB
	name string
}

// Errorf reports a failure of the check.
func (n *named) Errorf(format string, args ...any) {
	n.Helper()
	n.TB.Errorf("%s: %s", n.name, fmt.Sprintf(format, args...))
}

// Fatalf reports a failure of the check and stops.
func (n *named) Fatalf(format string, args ...any) {
	n.Helper()
	n.TB.Fatalf("%s: %s", n.name, fmt.Sprintf(format, args...))
}

func checkDescribe(t testing.TB, c *Client, want sdk.Manifest) {
	got, err := c.Describe()
	if err != nil {
		t.Fatalf("Describe: %v", err)
	}
	if !reflect.DeepEqual(normalize(got), normalize(want)) {
		t.Errorf("Describe returned\n%+v\nbut Manifest() is\n%+v", got, want)
	}
}

func checkConfigure(t testing.TB, c *Client, m sdk.Manifest, settings json.RawMessage) {
	if settings == nil {
		settings = json.RawMessage("{}")
	}
	if err := c.Configure(settings); err != nil {
		t.Fatalf("Configure(%s): %v", settings, err)
	}
	if wrong, ok := wrongType(m.SettingsSchema); ok {
		err := c.Configure(wrong)
		wantInvalid(t, fmt.Sprintf("Configure(%s)", wrong), err)
	}
	if err := c.Configure(settings); err != nil {
		t.Fatalf("Configure(%s) after a refused one: %v", settings, err)
	}
}

func checkHealth(t testing.TB, c *Client) {
	h, err := c.CheckHealth()
	if err != nil {
		t.Fatalf("CheckHealth: %v", err)
	}
	switch h.Status {
	case sdk.HealthOK, sdk.HealthDegraded, sdk.HealthDown:
	default:
		t.Errorf("CheckHealth status is %v, want ok, degraded or down", h.Status)
	}
}

// wantInvalid reports err unless it is an *sdk.InvalidError.
func wantInvalid(t testing.TB, call string, err error) {
	t.Helper()
	var invalid *sdk.InvalidError
	if !errors.As(err, &invalid) {
		t.Errorf("%s: got error %v, want an *sdk.InvalidError (gRPC InvalidArgument)", call, err)
	}
}

// wantNotFound reports err unless it wraps sdk.ErrNotFound.
func wantNotFound(t testing.TB, call string, err error) {
	t.Helper()
	if !errors.Is(err, sdk.ErrNotFound) {
		t.Errorf("%s: got error %v, want one wrapping sdk.ErrNotFound (gRPC NotFound)", call, err)
	}
}
