package grpcplugin_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/grpcplugin"
)

// events is an sdk.Reporter that writes down what it receives.
type events []string

func (e *events) Progress(f float64, msg string) {
	*e = append(*e, fmt.Sprintf("progress %.2f %s", f, msg))
}
func (e *events) Log(level, text string) { *e = append(*e, "log "+level+" "+text) }

var _ sdk.Reporter = (*events)(nil)

func callOf(action, input string) grpcplugin.Call {
	return grpcplugin.Call{Action: action, Input: json.RawMessage(input), TaskID: "t1"}
}

func TestInvokeStreamsProgressThenResult(t *testing.T) {
	p := &probe{manifest: fullManifest(), invoke: func(_ context.Context, input json.RawMessage, r sdk.Reporter) (json.RawMessage, error) {
		r.Progress(0, "start")
		r.Log("info", "input "+string(input))
		r.Progress(1, "done")
		return json.RawMessage(`{"ok":true}`), nil
	}}
	c := start(t, p)
	var got events
	out, err := c.Invoke(ctx(t), callOf("run", `{"x":1}`), &got)
	if err != nil || string(out) != `{"ok":true}` {
		t.Fatalf("Invoke = %s, %v", out, err)
	}
	want := events{"progress 0.00 start", `log info input {"x":1}`, "progress 1.00 done"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

func TestInvokeResults(t *testing.T) {
	tests := []struct {
		name   string
		action string
		input  string
		out    json.RawMessage
		err    error
		check  func(t *testing.T, out json.RawMessage, err error)
	}{
		{"failure is an ActionError", "run", `{}`, nil, errors.New("disk full"), func(t *testing.T, _ json.RawMessage, err error) {
			var ae *grpcplugin.ActionError
			if !errors.As(err, &ae) || ae.Action != "run" || ae.Message != "disk full" {
				t.Errorf("got %v", err)
			}
		}},
		{"invalid input fails the call", "run", `{}`, nil, sdk.Invalid("/times", "is required"), func(t *testing.T, _ json.RawMessage, err error) {
			wantInvalid(t, err, "/times")
		}},
		{"output that is not JSON", "run", `{}`, json.RawMessage("{"), nil, func(t *testing.T, _ json.RawMessage, err error) {
			var ae *grpcplugin.ActionError
			if !errors.As(err, &ae) {
				t.Errorf("got %v", err)
			}
		}},
		{"no output", "count", `7`, nil, nil, func(t *testing.T, out json.RawMessage, err error) {
			if err != nil || out != nil {
				t.Errorf("got %s, %v", out, err)
			}
		}},
		{"unknown action", "fly", `{}`, nil, nil, func(t *testing.T, _ json.RawMessage, err error) {
			if !errors.Is(err, sdk.ErrNotFound) {
				t.Errorf("got %v", err)
			}
		}},
		{"input of the wrong type", "run", `[1]`, nil, nil, func(t *testing.T, _ json.RawMessage, err error) {
			wantInvalid(t, err, "")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := start(t, &probe{manifest: fullManifest(), invoke: func(context.Context, json.RawMessage, sdk.Reporter) (json.RawMessage, error) {
				return tt.out, tt.err
			}})
			out, err := c.Invoke(ctx(t), callOf(tt.action, tt.input), nil)
			tt.check(t, out, err)
		})
	}
}

func TestInvokeCancel(t *testing.T) {
	started := make(chan struct{})
	c := start(t, &probe{manifest: fullManifest(), invoke: func(ctx context.Context, _ json.RawMessage, _ sdk.Reporter) (json.RawMessage, error) {
		close(started)
		<-ctx.Done()
		return nil, fmt.Errorf("run: %w", ctx.Err())
	}})
	callCtx, cancel := context.WithCancel(ctx(t))
	go func() {
		<-started
		cancel()
	}()
	_, err := c.Invoke(callCtx, callOf("run", `{}`), nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}
