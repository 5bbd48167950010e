package grpcplugin_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/plugintest"
)

// failingHost is a core Host whose every call returns err.
type failingHost struct{ err error }

func (h failingHost) KVGet(context.Context, string) ([]byte, bool, error) { return nil, false, h.err }
func (h failingHost) KVPut(context.Context, string, []byte) error         { return h.err }
func (h failingHost) KVDelete(context.Context, string) error              { return h.err }
func (h failingHost) KVList(context.Context, string) ([]string, error)    { return nil, h.err }
func (h failingHost) SecretGet(context.Context, string) ([]byte, bool, error) {
	return nil, false, h.err
}
func (h failingHost) SecretPut(context.Context, string, []byte) error   { return h.err }
func (h failingHost) PublishEvent(context.Context, string, any) error   { return h.err }
func (h failingHost) RecordAudit(context.Context, sdk.AuditEntry) error { return h.err }

var _ sdk.Host = failingHost{}

// hostCalls calls every Host method and returns their errors by name.
func hostCalls(c context.Context, h sdk.Host) map[string]error {
	_, _, kvGet := h.KVGet(c, "k")
	_, kvList := h.KVList(c, "")
	_, _, secretGet := h.SecretGet(c, "s")
	return map[string]error{
		"KVGet": kvGet, "KVPut": h.KVPut(c, "k", nil), "KVDelete": h.KVDelete(c, "k"), "KVList": kvList,
		"SecretGet": secretGet, "SecretPut": h.SecretPut(c, "s", nil),
		"PublishEvent": h.PublishEvent(c, "e", json.RawMessage(`{}`)), "RecordAudit": h.RecordAudit(c, sdk.AuditEntry{}),
	}
}

func TestHostRefusalsReachThePlugin(t *testing.T) {
	p := &probe{manifest: fullManifest()}
	c := start(t, p)
	must(t, c.Configure(ctx(t), nil, plugintest.NewFakeHost()))
	for call, err := range hostCalls(ctx(t), p.host) {
		if !errors.Is(err, sdk.ErrPermissionDenied) {
			t.Errorf("%s without a grant: %v, want ErrPermissionDenied", call, err)
		}
	}
}

func TestHostErrorsReachThePlugin(t *testing.T) {
	tests := []struct {
		name  string
		err   error
		check func(error) bool
	}{
		{"not found", fmt.Errorf("k: %w", sdk.ErrNotFound), func(err error) bool { return errors.Is(err, sdk.ErrNotFound) }},
		{"invalid", sdk.Invalid("key", "too long"), func(err error) bool {
			var invalid *sdk.InvalidError
			return errors.As(err, &invalid) && invalid.Field == "key"
		}},
		{"other", errors.New("database is locked"), func(err error) bool {
			return err != nil && !errors.Is(err, sdk.ErrNotFound) && !errors.Is(err, sdk.ErrPermissionDenied)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &probe{manifest: fullManifest()}
			c := start(t, p)
			must(t, c.Configure(ctx(t), nil, failingHost{tt.err}))
			for call, err := range hostCalls(ctx(t), p.host) {
				if !tt.check(err) {
					t.Errorf("%s: got %v", call, err)
				}
			}
		})
	}
}
