package sdk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pluginv1 "github.com/diwanpanel/diwan/proto/panel/plugin/v1"
	"github.com/diwanpanel/diwan/sdk/internal/rpcerr"
)

// Invoke runs a declared action, streaming its progress and ending with a
// result. Empty input is read as {}.
func (s *pluginServer) Invoke(req *pluginv1.InvokeRequest, stream grpc.ServerStreamingServer[pluginv1.InvokeEvent]) error {
	a, ok := s.actions[req.GetAction()]
	if !ok {
		return rpcerr.ToStatus(fmt.Errorf("action %q: %w", req.GetAction(), ErrNotFound))
	}
	runner, ok := s.impl.(ActionRunner)
	if !ok {
		return status.Error(codes.Unimplemented, "the plugin runs no actions")
	}
	input := json.RawMessage(req.GetInputJson())
	if len(input) == 0 {
		input = json.RawMessage("{}")
	}
	if err := checkBody(input, a.InputSchema); err != nil {
		return rpcerr.ToStatus(err)
	}
	out, err := runner.Invoke(stream.Context(), a.Name, input, &streamReporter{stream: stream})
	return sendResult(stream, out, err)
}

// sendResult ends an invocation. An error of the SDK's kinds (or a context
// error) fails the call with its status; any other error is the action's
// own failure and is sent as a result that is not ok.
func sendResult(stream grpc.ServerStreamingServer[pluginv1.InvokeEvent], out json.RawMessage, err error) error {
	if err != nil && callError(err) {
		return rpcerr.ToStatus(err)
	}
	result := &pluginv1.Result{Ok: true, OutputJson: out}
	switch {
	case err != nil:
		result = &pluginv1.Result{Error: err.Error()}
	case len(out) > 0 && !json.Valid(out):
		result = &pluginv1.Result{Error: "the action's output is not JSON"}
	}
	return stream.Send(&pluginv1.InvokeEvent{Event: &pluginv1.InvokeEvent_Result{Result: result}})
}

// callError says whether err fails the call rather than the action.
func callError(err error) bool {
	var invalid *InvalidError
	return errors.As(err, &invalid) || errors.Is(err, ErrNotFound) || errors.Is(err, ErrPermissionDenied) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// streamReporter sends an action's progress and log lines down the stream.
// gRPC streams are not safe for concurrent sends, so it serializes them;
// a failed send (the core went away) is dropped, and ctx ends the action.
type streamReporter struct {
	mu     sync.Mutex
	stream grpc.ServerStreamingServer[pluginv1.InvokeEvent]
}

// Progress sends a progress event.
func (r *streamReporter) Progress(fraction float64, msg string) {
	r.send(&pluginv1.InvokeEvent{Event: &pluginv1.InvokeEvent_Progress{
		Progress: &pluginv1.Progress{Fraction: fraction, Message: msg},
	}})
}

// Log sends a log line.
func (r *streamReporter) Log(level, text string) {
	r.send(&pluginv1.InvokeEvent{Event: &pluginv1.InvokeEvent_Log{
		Log: &pluginv1.LogLine{Level: level, Text: text},
	}})
}

func (r *streamReporter) send(ev *pluginv1.InvokeEvent) {
	r.mu.Lock()
	defer r.mu.Unlock()
	_ = r.stream.Send(ev)
}

var _ Reporter = (*streamReporter)(nil)
