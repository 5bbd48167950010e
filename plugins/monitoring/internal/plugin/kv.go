package plugin

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/diwanpanel/diwan/plugins/monitoring/internal/alerts"
	"github.com/diwanpanel/diwan/sdk"
)

// getJSON decodes the value under key into v, and says whether there was one.
func getJSON(ctx context.Context, host sdk.Host, key string, v any) (bool, error) {
	data, ok, err := host.KVGet(ctx, key)
	if err != nil {
		return false, fmt.Errorf("read %s: %w", key, err)
	}
	if !ok {
		return false, nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return false, fmt.Errorf("decode %s: %w", key, err)
	}
	return true, nil
}

// putJSON stores v as JSON under key.
func putJSON(ctx context.Context, host sdk.Host, key string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", key, err)
	}
	if err := host.KVPut(ctx, key, data); err != nil {
		return fmt.Errorf("write %s: %w", key, err)
	}
	return nil
}

// validID says whether id could be one the plugin gave.
func validID(id string) bool { return alerts.ValidID(id) }

// newID returns 16 random hexadecimal digits.
func newID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // crypto/rand.Read never fails since Go 1.24.
	return hex.EncodeToString(b)
}

// page returns the ids after token, at most size of them, and the next
// token.
func page(ids []string, req sdk.PageRequest) ([]string, string) {
	slices.Sort(ids)
	i, _ := slices.BinarySearch(ids, req.Token)
	if req.Token != "" && i < len(ids) && ids[i] == req.Token {
		i++
	}
	ids = ids[i:]
	size := req.Size
	if size <= 0 || size > 100 {
		size = 50
	}
	if len(ids) > size {
		return ids[:size], ids[size-1]
	}
	return ids, ""
}

// idsUnder returns the ids of the keys under prefix.
func idsUnder(ctx context.Context, host sdk.Host, prefix string) ([]string, error) {
	keys, err := host.KVList(ctx, prefix)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", prefix, err)
	}
	ids := make([]string, 0, len(keys))
	for _, k := range keys {
		ids = append(ids, strings.TrimPrefix(k, prefix))
	}
	return ids, nil
}
