package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/diwanpanel/diwan/plugins/monitoring/internal/alerts"
	"github.com/diwanpanel/diwan/sdk"
)

// alertResource returns a rule with its status and history.
func alertResource(r alerts.Rule, st alerts.Status) (sdk.Resource, error) {
	if r.Channels == nil {
		r.Channels = []string{}
	}
	out := struct {
		alerts.Rule
		Status struct {
			State string `json:"state"`
			Since string `json:"since"`
		} `json:"status"`
		History []alerts.Event `json:"history"`
	}{Rule: r, History: st.History}
	out.Status.State, out.Status.Since = st.State, st.Since.UTC().Format("2006-01-02T15:04:05Z07:00")
	if out.History == nil {
		out.History = []alerts.Event{}
	}
	data, err := json.Marshal(out)
	if err != nil {
		return sdk.Resource{}, fmt.Errorf("alert %s: %w", r.ID, err)
	}
	return sdk.Resource{Kind: KindAlert, ID: r.ID, JSON: data}, nil
}

// List returns one page of alerts or channels, sorted by id.
func (p *Plugin) List(ctx context.Context, kind string, req sdk.PageRequest) (sdk.Page, error) {
	host, _, engine, err := p.state()
	if err != nil {
		return sdk.Page{}, err
	}
	var ids []string
	if kind == KindAlert {
		ids = engine.IDs()
	} else if ids, err = idsUnder(ctx, host, channelPrefix); err != nil {
		return sdk.Page{}, err
	}
	ids, next := page(ids, req)
	out := sdk.Page{NextToken: next, Items: make([]sdk.Resource, 0, len(ids))}
	for _, id := range ids {
		r, err := p.Get(ctx, kind, id)
		if err != nil {
			return sdk.Page{}, err
		}
		out.Items = append(out.Items, r)
	}
	return out, nil
}

// Get returns one alert or channel.
func (p *Plugin) Get(ctx context.Context, kind, id string) (sdk.Resource, error) {
	host, _, engine, err := p.state()
	if err != nil {
		return sdk.Resource{}, err
	}
	if kind == KindAlert {
		r, st, err := engine.Get(id)
		if err != nil {
			return sdk.Resource{}, err
		}
		return alertResource(r, st)
	}
	c, err := loadChannel(ctx, host, id)
	if err != nil {
		return sdk.Resource{}, err
	}
	return channelResource(ctx, host, c)
}

// Apply validates and stores an alert or a channel.
func (p *Plugin) Apply(ctx context.Context, kind, id string, data json.RawMessage) (sdk.Resource, error) {
	host, _, engine, err := p.state()
	if err != nil {
		return sdk.Resource{}, err
	}
	if kind == KindChannel {
		return p.applyChannel(ctx, host, id, data)
	}
	r, err := alerts.ParseRule(data, id)
	if err != nil {
		return sdk.Resource{}, err
	}
	for i, ch := range r.Channels {
		if _, err := loadChannel(ctx, host, ch); err != nil {
			return sdk.Resource{}, sdk.Invalid("/channels/"+strconv.Itoa(i), "names no channel: %q", ch)
		}
	}
	if id == "" {
		r.ID = newID()
	} else if _, _, err := engine.Get(id); err != nil {
		return sdk.Resource{}, err
	}
	st, err := engine.Put(ctx, r, p.opts.Now())
	if err != nil {
		return sdk.Resource{}, err
	}
	return alertResource(r, st)
}

// Delete removes an alert or a channel that no alert uses.
func (p *Plugin) Delete(ctx context.Context, kind, id string) error {
	host, _, engine, err := p.state()
	if err != nil {
		return err
	}
	if kind == KindAlert {
		return engine.Delete(ctx, id)
	}
	return p.deleteChannel(ctx, host, id)
}
