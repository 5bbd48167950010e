package hello_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/examples/hello/internal/hello"
	"github.com/diwanpanel/diwan/sdk/plugintest"
)

func raw(s string) json.RawMessage { return json.RawMessage(s) }

func TestConformance(t *testing.T) {
	plugintest.Conformance(t, hello.New(), plugintest.Options{
		Settings:     raw(`{"greeting":"Salaam"}`),
		Samples:      map[string]json.RawMessage{hello.Kind: raw(`{"name":"Layla"}`)},
		ActionInputs: map[string]json.RawMessage{hello.ActionWave: raw(`{"times":3}`)},
	})
}

// start serves a configured hello plugin whose host grants kv.
func start(t *testing.T) *plugintest.Client {
	t.Helper()
	c := plugintest.Start(t, hello.New())
	c.Host.Grant(sdk.PermissionKV)
	if err := c.Configure(raw(`{}`)); err != nil {
		t.Fatal(err)
	}
	return c
}

func wantField(t *testing.T, err error, field string) {
	t.Helper()
	var invalid *sdk.InvalidError
	if !errors.As(err, &invalid) {
		t.Fatalf("got %v, want an *sdk.InvalidError", err)
	}
	if invalid.Field != field {
		t.Errorf("field = %q, want %q (%v)", invalid.Field, field, err)
	}
}

func TestApplyRefusesBadGreetingsByField(t *testing.T) {
	c := start(t)
	long := strings.Repeat("ن", 65)
	tests := []struct{ body, field string }{
		{`{}`, "/name"},
		{`{"name":""}`, "/name"},
		{`{"name":"` + long + `"}`, "/name"},
		{`{"name":5}`, "/name"},
		{`{"name":"Layla","colour":"red"}`, "/colour"},
		{`{"name":"Layla","message":"` + strings.Repeat("x", 281) + `"}`, "/message"},
		{`{"id":"abc","name":"Layla"}`, "/id"},
		{`[]`, ""},
		{`nope`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.body[:min(len(tt.body), 24)], func(t *testing.T) {
			_, err := c.Apply(hello.Kind, "", raw(tt.body))
			wantField(t, err, tt.field)
		})
	}
	if len(c.Host.KV()) != 0 {
		t.Errorf("refused greetings were stored: %v", c.Host.KV())
	}
}

func TestConfigureRefusesBadSettingsByField(t *testing.T) {
	c := plugintest.Start(t, hello.New())
	wantField(t, c.Configure(raw(`{"greeting":"`+strings.Repeat("x", 65)+`"}`)), "/greeting")
	wantField(t, c.Configure(raw(`{"greeting":true}`)), "/greeting")
	wantField(t, c.Configure(raw(`{"greting":"Hi"}`)), "/greting")
	wantField(t, c.Configure(raw(`"Hi"`)), "")
}

func TestWaveRefusesBadInputByField(t *testing.T) {
	c := start(t)
	for _, input := range []string{`{}`, `{"times":0}`, `{"times":11}`, `{"times":2.5}`, `{"times":"3"}`} {
		_, err := c.Invoke(hello.ActionWave, raw(input))
		wantField(t, err, "/times")
	}
	_, err := c.Invoke(hello.ActionWave, raw(`{"times":1,"loudly":true}`))
	wantField(t, err, "/loudly")
}

func TestKVIsRefusedWithoutTheGrant(t *testing.T) {
	c := plugintest.Start(t, hello.New())
	if err := c.Configure(raw(`{}`)); err != nil {
		t.Fatal(err)
	}
	_, err := c.Apply(hello.Kind, "", raw(`{"name":"Layla"}`))
	if !errors.Is(err, sdk.ErrPermissionDenied) {
		t.Errorf("Apply without kv: %v, want ErrPermissionDenied", err)
	}
	if _, err := c.List(hello.Kind, sdk.PageRequest{}); !errors.Is(err, sdk.ErrPermissionDenied) {
		t.Errorf("List without kv: %v, want ErrPermissionDenied", err)
	}
}

func TestGreetingLifecycle(t *testing.T) {
	c := start(t)
	created, err := c.Apply(hello.Kind, "", raw(`{"name":"ليلى"}`))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"` + created.ID + `","name":"ليلى","message":"Hello, ليلى!"}`
	if string(created.JSON) != want {
		t.Errorf("created %s, want %s", created.JSON, want)
	}
	updated, err := c.Apply(hello.Kind, created.ID, raw(`{"id":"`+created.ID+`","name":"Layla","message":"Hi"}`))
	if err != nil || !strings.Contains(string(updated.JSON), `"message":"Hi"`) {
		t.Errorf("update = %s, %v", updated.JSON, err)
	}
	if got, err := c.Get(hello.Kind, created.ID); err != nil || string(got.JSON) != string(updated.JSON) {
		t.Errorf("Get = %s, %v", got.JSON, err)
	}
	if _, err := c.Apply(hello.Kind, "missing", raw(`{"name":"x"}`)); !errors.Is(err, sdk.ErrNotFound) {
		t.Errorf("update of a missing greeting: %v", err)
	}
}

func TestListPages(t *testing.T) {
	c := start(t)
	var ids []string
	for _, name := range []string{"a", "b", "c"} {
		r, err := c.Apply(hello.Kind, "", raw(`{"name":"`+name+`"}`))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	first, err := c.List(hello.Kind, sdk.PageRequest{Size: 2})
	if err != nil || len(first.Items) != 2 || first.NextToken == "" {
		t.Fatalf("first page = %+v, %v", first, err)
	}
	second, err := c.List(hello.Kind, sdk.PageRequest{Size: 2, Token: first.NextToken})
	if err != nil || len(second.Items) != 1 || second.NextToken != "" {
		t.Fatalf("second page = %+v, %v", second, err)
	}
	var listed []string
	for _, r := range append(first.Items, second.Items...) {
		listed = append(listed, r.ID)
	}
	if !sameSet(listed, ids) {
		t.Errorf("listed %v, created %v", listed, ids)
	}
}

func sameSet(a, b []string) bool {
	seen := map[string]int{}
	for _, s := range a {
		seen[s]++
	}
	for _, s := range b {
		seen[s]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return len(a) == len(b)
}

func TestWaveReportsEachStep(t *testing.T) {
	c := start(t)
	inv, err := c.Invoke(hello.ActionWave, raw(`{"times":4}`))
	if err != nil {
		t.Fatal(err)
	}
	var fractions []float64
	for _, p := range inv.Progress {
		fractions = append(fractions, p.Fraction)
	}
	if want := []float64{0, 0.25, 0.5, 0.75, 1}; !reflect.DeepEqual(fractions, want) {
		t.Errorf("progress %v, want %v", fractions, want)
	}
	if string(inv.Output) != `{"waved":4}` {
		t.Errorf("output %s", inv.Output)
	}
	if len(inv.Logs) != 1 || inv.Logs[0].Text != "waved 4 times" {
		t.Errorf("logs %+v", inv.Logs)
	}
}

func TestHealthFollowsConfiguration(t *testing.T) {
	c := plugintest.Start(t, hello.New())
	if h, err := c.CheckHealth(); err != nil || h.Status != sdk.HealthDegraded {
		t.Errorf("before Configure: %+v, %v", h, err)
	}
	if err := c.Configure(raw(`{"greeting":"Marhaba"}`)); err != nil {
		t.Fatal(err)
	}
	if h, err := c.CheckHealth(); err != nil || h.Status != sdk.HealthOK {
		t.Errorf("after Configure: %+v, %v", h, err)
	}
}
