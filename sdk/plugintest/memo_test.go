package plugintest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"github.com/diwanpanel/diwan/sdk"
)

// memo is a small, correct plugin kept in memory: notes, and an action
// that counts.
type memo struct {
	mu    sync.Mutex
	notes map[string]json.RawMessage
	next  int
}

func newMemo() *memo { return &memo{notes: map[string]json.RawMessage{}} }

func (m *memo) Manifest() sdk.Manifest {
	return sdk.Manifest{
		ID: "memo", Version: "1.0.0", Name: sdk.Text{"en": "Memo"},
		Activation:     sdk.ActivationAlways,
		SettingsSchema: `{"type":"object"}`,
		ResourceKinds:  []sdk.ResourceKind{{Kind: "note", Schema: `{"type":"object"}`}},
		Actions:        []sdk.Action{{Name: "count", InputSchema: `{"type":"integer"}`}},
	}
}

func (m *memo) Configure(context.Context, json.RawMessage, sdk.Host) error { return nil }

func (m *memo) CheckHealth(context.Context) sdk.Health { return sdk.Health{Status: sdk.HealthOK} }

func (m *memo) CollectMetrics(context.Context) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return fmt.Sprintf("# HELP memo_notes Notes kept.\n# TYPE memo_notes gauge\nmemo_notes{plugin=\"memo\"} %d\n", len(m.notes)), nil
}

func (m *memo) List(context.Context, string, sdk.PageRequest) (sdk.Page, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var page sdk.Page
	for id, data := range m.notes {
		page.Items = append(page.Items, sdk.Resource{ID: id, JSON: data})
	}
	return page, nil
}

func (m *memo) Get(_ context.Context, kind, id string) (sdk.Resource, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.notes[id]
	if !ok {
		return sdk.Resource{}, fmt.Errorf("note %s: %w", id, sdk.ErrNotFound)
	}
	return sdk.Resource{Kind: kind, ID: id, JSON: data}, nil
}

func (m *memo) Apply(_ context.Context, kind, id string, data json.RawMessage) (sdk.Resource, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if id == "" {
		m.next++
		id = strconv.Itoa(m.next)
	} else if _, ok := m.notes[id]; !ok {
		return sdk.Resource{}, fmt.Errorf("note %s: %w", id, sdk.ErrNotFound)
	}
	m.notes[id] = data
	return sdk.Resource{Kind: kind, ID: id, JSON: data}, nil
}

func (m *memo) Delete(_ context.Context, _ string, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.notes[id]; !ok {
		return fmt.Errorf("note %s: %w", id, sdk.ErrNotFound)
	}
	delete(m.notes, id)
	return nil
}

func (m *memo) Invoke(_ context.Context, _ string, input json.RawMessage, r sdk.Reporter) (json.RawMessage, error) {
	var n int
	if err := json.Unmarshal(input, &n); err != nil || n < 1 {
		return nil, sdk.Invalid("", "must be a positive integer")
	}
	for i := 1; i <= n; i++ {
		r.Progress(float64(i)/float64(n), "counting")
	}
	return json.RawMessage(strconv.Itoa(n)), nil
}

var (
	_ sdk.ResourceProvider = (*memo)(nil)
	_ sdk.ActionRunner     = (*memo)(nil)
	_ sdk.MetricsCollector = (*memo)(nil)
)

// vagueGet answers Get of an unknown id with a generic error.
type vagueGet struct{ *memo }

func (v vagueGet) Get(ctx context.Context, kind, id string) (sdk.Resource, error) {
	r, err := v.memo.Get(ctx, kind, id)
	if err != nil {
		return r, errors.New("something went wrong")
	}
	return r, nil
}

// backwards reports progress that goes back.
type backwards struct{ *memo }

func (backwards) Invoke(_ context.Context, _ string, _ json.RawMessage, r sdk.Reporter) (json.RawMessage, error) {
	r.Progress(0.8, "almost")
	r.Progress(0.3, "oops")
	r.Progress(1.5, "overdone")
	return json.RawMessage(`{}`), nil
}

// badMetrics returns text that is not Prometheus exposition.
type badMetrics struct{ *memo }

func (badMetrics) CollectMetrics(context.Context) (string, error) {
	return "memo notes 3\nmemo_notes{plugin=memo} 3\nmemo_notes three\n", nil
}

// forgetful claims to delete but keeps everything.
type forgetful struct{ *memo }

func (forgetful) Delete(context.Context, string, string) error { return nil }

// unwell answers CheckHealth with no status.
type unwell struct{ *memo }

func (unwell) CheckHealth(context.Context) sdk.Health { return sdk.Health{Message: "fine, I think"} }
