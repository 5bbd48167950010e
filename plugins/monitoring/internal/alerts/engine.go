package alerts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/diwanpanel/diwan/sdk"
)

// KV is the key-value store rules and statuses persist to.
type KV interface {
	KVGet(ctx context.Context, key string) ([]byte, bool, error)
	KVPut(ctx context.Context, key string, value []byte) error
	KVDelete(ctx context.Context, key string) error
	KVList(ctx context.Context, prefix string) ([]string, error)
}

const (
	rulePrefix   = "alert/"
	statusPrefix = "alertstatus/"
)

// Fired is a change of an alert's state that Evaluate produced.
type Fired struct {
	Rule  Rule
	Event Event
}

// Lookup returns the current value of a metric or series, and false when
// there is none.
type Lookup func(metric string) (float64, bool)

// Engine keeps the rules and their statuses. It is safe for concurrent use.
type Engine struct {
	kv     KV
	mu     sync.Mutex
	rules  map[string]Rule
	status map[string]*Status
}

// NewEngine returns an Engine over kv; call Load to read stored rules.
func NewEngine(kv KV) *Engine {
	return &Engine{kv: kv, rules: map[string]Rule{}, status: map[string]*Status{}}
}

// Load reads every stored rule and status, replacing what is in memory.
func (e *Engine) Load(ctx context.Context) error {
	keys, err := e.kv.KVList(ctx, rulePrefix)
	if err != nil {
		return fmt.Errorf("alerts: load: %w", err)
	}
	rules, status := map[string]Rule{}, map[string]*Status{}
	for _, k := range keys {
		id := strings.TrimPrefix(k, rulePrefix)
		var r Rule
		if err := e.getJSON(ctx, k, &r); err != nil {
			return err
		}
		st := &Status{State: StateOK}
		if err := e.getJSON(ctx, statusPrefix+id, st); err != nil {
			return err
		}
		rules[id], status[id] = r, st
	}
	e.mu.Lock()
	e.rules, e.status = rules, status
	e.mu.Unlock()
	return nil
}

func (e *Engine) getJSON(ctx context.Context, key string, v any) error {
	data, ok, err := e.kv.KVGet(ctx, key)
	if err != nil {
		return fmt.Errorf("alerts: read %s: %w", key, err)
	}
	if !ok {
		return nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("alerts: decode %s: %w", key, err)
	}
	return nil
}

func (e *Engine) putJSON(ctx context.Context, key string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("alerts: encode %s: %w", key, err)
	}
	if err := e.kv.KVPut(ctx, key, data); err != nil {
		return fmt.Errorf("alerts: write %s: %w", key, err)
	}
	return nil
}

// Put stores r, keeping its status when it exists and starting it OK at
// now otherwise, and returns the status.
func (e *Engine) Put(ctx context.Context, r Rule, now time.Time) (Status, error) {
	e.mu.Lock()
	st, ok := e.status[r.ID]
	if !ok {
		st = &Status{State: StateOK, Since: now.UTC(), History: []Event{}}
	}
	snapshot := cloneStatus(st)
	e.mu.Unlock()
	if err := e.putJSON(ctx, rulePrefix+r.ID, r); err != nil {
		return Status{}, err
	}
	if err := e.putJSON(ctx, statusPrefix+r.ID, snapshot); err != nil {
		return Status{}, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.rules[r.ID], e.status[r.ID] = r, st
	return snapshot, nil
}

// Get returns a rule and its status, or an error wrapping sdk.ErrNotFound.
func (e *Engine) Get(id string) (Rule, Status, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	r, ok := e.rules[id]
	if !ok {
		return Rule{}, Status{}, fmt.Errorf("alert %s: %w", id, sdk.ErrNotFound)
	}
	return r, cloneStatus(e.status[id]), nil
}

// IDs returns every rule's id, sorted.
func (e *Engine) IDs() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	ids := make([]string, 0, len(e.rules))
	for id := range e.rules {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Delete removes a rule and its status, or returns an error wrapping
// sdk.ErrNotFound.
func (e *Engine) Delete(ctx context.Context, id string) error {
	if _, _, err := e.Get(id); err != nil {
		return err
	}
	err := errors.Join(e.kv.KVDelete(ctx, rulePrefix+id), e.kv.KVDelete(ctx, statusPrefix+id))
	if err != nil {
		return fmt.Errorf("alerts: delete %s: %w", id, err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.rules, id)
	delete(e.status, id)
	return nil
}

// UsingChannel returns the ids of the rules that notify channel, sorted.
func (e *Engine) UsingChannel(channel string) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var ids []string
	for id, r := range e.rules {
		if slices.Contains(r.Channels, channel) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// Evaluate advances every enabled rule whose metric lookup knows, and
// persists the statuses that changed. It returns the changes.
func (e *Engine) Evaluate(ctx context.Context, now time.Time, lookup Lookup) ([]Fired, error) {
	e.mu.Lock()
	var fired []Fired
	changed := map[string]Status{}
	for id, r := range e.rules {
		v, ok := lookup(r.Metric)
		if !r.Enabled || !ok {
			continue
		}
		st := e.status[id]
		for _, ev := range step(st, r, v, now.UTC()) {
			fired = append(fired, Fired{Rule: r, Event: ev})
			changed[id] = cloneStatus(st)
		}
	}
	e.mu.Unlock()
	var errs []error
	for id, st := range changed {
		errs = append(errs, e.putJSON(ctx, statusPrefix+id, st))
	}
	return fired, errors.Join(errs...)
}

// Note adds a note to the event of rule id at at, and persists it; a rule
// or event gone since is ignored.
func (e *Engine) Note(ctx context.Context, id string, at time.Time, note string) error {
	e.mu.Lock()
	st, ok := e.status[id]
	var snapshot Status
	if ok {
		for i := len(st.History) - 1; i >= 0; i-- {
			if st.History[i].At.Equal(at) && Notified(st.History[i].To) {
				st.History[i].Notes = append(st.History[i].Notes, note)
				break
			}
		}
		snapshot = cloneStatus(st)
	}
	e.mu.Unlock()
	if !ok {
		return nil
	}
	return e.putJSON(ctx, statusPrefix+id, snapshot)
}

// Firing returns the names of the firing rules by id.
func (e *Engine) Firing() map[string]string {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := map[string]string{}
	for id, st := range e.status {
		if st.State == StateFiring {
			out[id] = e.rules[id].Name
		}
	}
	return out
}

func cloneStatus(st *Status) Status {
	out := *st
	out.History = make([]Event, len(st.History))
	for i, ev := range st.History {
		ev.Notes = slices.Clone(ev.Notes)
		out.History[i] = ev
	}
	return out
}
