package grpcplugin_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/diwanpanel/diwan/sdk"
)

func TestResourcesRoundTrip(t *testing.T) {
	p := &probe{manifest: fullManifest()}
	c := start(t, p)
	page, err := c.List(ctx(t), "thing", sdk.PageRequest{Size: 2, Token: "tok"})
	must(t, err)
	want := sdk.Page{NextToken: "next", Items: []sdk.Resource{
		{Kind: "thing", ID: "a", JSON: json.RawMessage(`{"n":1}`)},
		{Kind: "thing", ID: "b", JSON: json.RawMessage(`{"n":2}`)},
	}}
	if !reflect.DeepEqual(page, want) {
		t.Errorf("List = %+v, want %+v", page, want)
	}
	got, err := c.Get(ctx(t), "thing", "x")
	if err != nil || got.ID != "x" || got.Kind != "thing" || string(got.JSON) != `{"id":"x"}` {
		t.Errorf("Get = %+v, %v", got, err)
	}
	applied, err := c.Apply(ctx(t), "thing", "", json.RawMessage(`{"n":3}`))
	if err != nil || applied.ID != "new" || string(applied.JSON) != `{"n":3}` {
		t.Errorf("Apply = %+v, %v", applied, err)
	}
	must(t, c.Delete(ctx(t), "thing", "x"))
	wantCalls := []string{"list thing tok", "get thing x", `apply thing  {"n":3}`, "delete thing x"}
	if !reflect.DeepEqual(p.calls, wantCalls) {
		t.Errorf("calls = %q, want %q", p.calls, wantCalls)
	}
}

func TestResourceErrorsRoundTrip(t *testing.T) {
	tests := []struct {
		name  string
		err   error
		check func(t *testing.T, err error)
	}{
		{"not found", fmt.Errorf("thing x: %w", sdk.ErrNotFound), func(t *testing.T, err error) {
			if !errors.Is(err, sdk.ErrNotFound) {
				t.Errorf("%v is not ErrNotFound", err)
			}
		}},
		{"permission denied", fmt.Errorf("host kv get: %w", sdk.ErrPermissionDenied), func(t *testing.T, err error) {
			if !isDenied(err) {
				t.Errorf("%v is not ErrPermissionDenied", err)
			}
		}},
		{"invalid", sdk.Invalid("/n", "must be positive"), func(t *testing.T, err error) {
			wantInvalid(t, err, "/n")
		}},
		{"other", errors.New("disk full"), func(t *testing.T, err error) {
			if !strings.Contains(fmt.Sprint(err), "disk full") || errors.Is(err, sdk.ErrNotFound) {
				t.Errorf("got %v", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := start(t, &probe{manifest: fullManifest(), err: tt.err})
			_, err := c.List(ctx(t), "thing", sdk.PageRequest{})
			tt.check(t, err)
			_, err = c.Get(ctx(t), "thing", "x")
			tt.check(t, err)
			_, err = c.Apply(ctx(t), "thing", "x", json.RawMessage(`{}`))
			tt.check(t, err)
			tt.check(t, c.Delete(ctx(t), "thing", "x"))
			tt.check(t, c.Configure(ctx(t), nil, nil))
			_, err = c.CollectMetrics(ctx(t))
			tt.check(t, err)
		})
	}
}

func TestAdapterRefusesBeforeCallingThePlugin(t *testing.T) {
	p := &probe{manifest: fullManifest()}
	c := start(t, p)
	_, err := c.Get(ctx(t), "unknown-kind", "x")
	if !errors.Is(err, sdk.ErrNotFound) {
		t.Errorf("Get of an unknown kind: %v", err)
	}
	for _, body := range []string{"not json", "[]", `"text"`, ""} {
		_, err := c.Apply(ctx(t), "thing", "", json.RawMessage(body))
		wantInvalid(t, err, "")
	}
	_, err = c.Get(ctx(t), "thing", "")
	wantInvalid(t, err, "id")
	wantInvalid(t, c.Delete(ctx(t), "thing", ""), "id")
	if len(p.calls) != 0 {
		t.Errorf("the plugin was called: %q", p.calls)
	}
}

func TestAdapterRefusesMalformedResults(t *testing.T) {
	c := start(t, &badResults{probe{manifest: fullManifest()}})
	_, err := c.Get(ctx(t), "thing", "x")
	if status.Code(err) != codes.Internal {
		t.Errorf("a resource without an id: %v, want Internal", err)
	}
}

// badResults returns resources that the core must not receive.
type badResults struct{ probe }

func (b *badResults) Get(context.Context, string, string) (sdk.Resource, error) {
	return sdk.Resource{JSON: json.RawMessage("{")}, nil
}

func TestPluginWithoutCapabilities(t *testing.T) {
	c := start(t, &bare{manifest: fullManifest()})
	_, err := c.Get(ctx(t), "thing", "x")
	if status.Code(err) != codes.Unimplemented {
		t.Errorf("Get on a plugin without resources: %v, want Unimplemented", err)
	}
	_, err = c.Invoke(ctx(t), callOf("run", `{}`), nil)
	if status.Code(err) != codes.Unimplemented {
		t.Errorf("Invoke on a plugin without actions: %v, want Unimplemented", err)
	}
	if text, err := c.CollectMetrics(ctx(t)); err != nil || text != "" {
		t.Errorf("CollectMetrics without a collector = %q, %v", text, err)
	}
}

// bare implements only sdk.Plugin.
type bare struct{ manifest sdk.Manifest }

func (b *bare) Manifest() sdk.Manifest                                     { return b.manifest }
func (b *bare) Configure(context.Context, json.RawMessage, sdk.Host) error { return nil }
func (b *bare) CheckHealth(context.Context) sdk.Health                     { return sdk.Health{Status: sdk.HealthOK} }

var _ sdk.Plugin = (*bare)(nil)

func wantInvalid(t *testing.T, err error, field string) {
	t.Helper()
	var invalid *sdk.InvalidError
	if !errors.As(err, &invalid) {
		t.Errorf("%v is not an *sdk.InvalidError", err)
		return
	}
	if invalid.Field != field {
		t.Errorf("field = %q, want %q (%v)", invalid.Field, field, err)
	}
}

func isDenied(err error) bool {
	return errors.Is(err, sdk.ErrPermissionDenied)
}
