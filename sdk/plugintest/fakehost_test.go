package plugintest_test

import (
	"context"
	"errors"
	"testing"

	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/plugintest"
)

func TestFakeHostChecksGrants(t *testing.T) {
	h := plugintest.NewFakeHost()
	ctx := context.Background()
	if err := h.KVPut(ctx, "k", []byte("v")); !errors.Is(err, sdk.ErrPermissionDenied) {
		t.Errorf("KVPut without a grant: %v", err)
	}
	h.Grant(sdk.PermissionKV)
	if err := h.KVPut(ctx, "k", []byte("v")); err != nil {
		t.Fatal(err)
	}
	if err := h.SecretPut(ctx, "s", []byte("v")); !errors.Is(err, sdk.ErrPermissionDenied) {
		t.Errorf("SecretPut with only kv granted: %v", err)
	}
	h.Revoke(sdk.PermissionKV)
	if _, _, err := h.KVGet(ctx, "k"); !errors.Is(err, sdk.ErrPermissionDenied) {
		t.Errorf("KVGet after a revoke: %v", err)
	}
	if string(h.KV()["k"]) != "v" {
		t.Errorf("KV = %v", h.KV())
	}
}
