package grpcplugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	pluginv1 "github.com/diwanpanel/diwan/proto/panel/plugin/v1"
	"github.com/diwanpanel/diwan/sdk"
)

// Call is one invocation of an action.
type Call struct {
	// Action names one of the manifest's actions.
	Action string
	// Input is the action's input, valid against its input schema; empty
	// is read as {}.
	Input json.RawMessage
	// TaskID is the core's task that the invocation reports to.
	TaskID string
}

// ActionError is the failure of an action that ran: its Invoke returned an
// error that is not one of the SDK's kinds.
type ActionError struct {
	Action string
	// Message is the plugin's error text.
	Message string
}

// Error returns "action <name> failed: <message>".
func (e *ActionError) Error() string {
	return "action " + e.Action + " failed: " + e.Message
}

// Invoke runs an action, passing its progress and log lines to report as
// they arrive (report may be nil), and returns its output. An action that
// ran and failed returns an *ActionError; a refused call (unknown action,
// invalid input) returns the SDK's kinds as every other method does.
func (c *Client) Invoke(ctx context.Context, call Call, report sdk.Reporter) (json.RawMessage, error) {
	stream, err := c.rpc.Invoke(ctx, &pluginv1.InvokeRequest{
		Action: call.Action, InputJson: call.Input, TaskId: call.TaskID,
	})
	if err != nil {
		return nil, callErr("invoke "+call.Action, err)
	}
	for {
		ev, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("plugin invoke %s: the stream ended without a result", call.Action)
		}
		if err != nil {
			return nil, callErr("invoke "+call.Action, err)
		}
		if res := ev.GetResult(); res != nil {
			return result(call.Action, res)
		}
		deliver(ev, report)
	}
}

func deliver(ev *pluginv1.InvokeEvent, report sdk.Reporter) {
	if report == nil {
		return
	}
	if p := ev.GetProgress(); p != nil {
		report.Progress(p.GetFraction(), p.GetMessage())
	}
	if l := ev.GetLog(); l != nil {
		report.Log(l.GetLevel(), l.GetText())
	}
}

func result(action string, res *pluginv1.Result) (json.RawMessage, error) {
	if !res.GetOk() {
		return nil, &ActionError{Action: action, Message: res.GetError()}
	}
	if len(res.GetOutputJson()) == 0 {
		return nil, nil
	}
	return json.RawMessage(res.GetOutputJson()), nil
}
