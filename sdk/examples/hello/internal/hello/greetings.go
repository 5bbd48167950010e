package hello

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/decode"
)

const (
	keyPrefix       = "greeting/"
	defaultPageSize = 50
	maxPageSize     = 100
)

// greeting is one stored greeting, as the dashboard sees it.
type greeting struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Message string `json:"message"`
}

// List returns greetings in id order, a page at a time; the page token is
// the last id of the previous page.
func (p *Plugin) List(ctx context.Context, _ string, page sdk.PageRequest) (sdk.Page, error) {
	host, _, err := p.state()
	if err != nil {
		return sdk.Page{}, err
	}
	keys, err := host.KVList(ctx, keyPrefix)
	if err != nil {
		return sdk.Page{}, fmt.Errorf("list greetings: %w", err)
	}
	ids := idsAfter(keys, page.Token)
	size := page.Size
	if size <= 0 || size > maxPageSize {
		size = defaultPageSize
	}
	var out sdk.Page
	if len(ids) > size {
		ids, out.NextToken = ids[:size], ids[size-1]
	}
	for _, id := range ids {
		r, err := p.Get(ctx, Kind, id)
		if err != nil {
			return sdk.Page{}, err
		}
		out.Items = append(out.Items, r)
	}
	return out, nil
}

// idsAfter returns the ids of keys, sorted, that come after token.
func idsAfter(keys []string, token string) []string {
	ids := make([]string, 0, len(keys))
	for _, k := range keys {
		if id := strings.TrimPrefix(k, keyPrefix); id > token {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// Get returns one greeting.
func (p *Plugin) Get(ctx context.Context, _ string, id string) (sdk.Resource, error) {
	host, _, err := p.state()
	if err != nil {
		return sdk.Resource{}, err
	}
	data, found, err := host.KVGet(ctx, keyPrefix+id)
	if err != nil {
		return sdk.Resource{}, fmt.Errorf("get greeting %s: %w", id, err)
	}
	if !found {
		return sdk.Resource{}, fmt.Errorf("greeting %s: %w", id, sdk.ErrNotFound)
	}
	return sdk.Resource{Kind: Kind, ID: id, JSON: data}, nil
}

// Apply validates a greeting, fills in its message from the configured
// greeting when it has none, and stores it: under a new id when id is
// empty, in place of an existing one otherwise.
func (p *Plugin) Apply(ctx context.Context, _ string, id string, data json.RawMessage) (sdk.Resource, error) {
	host, opening, err := p.state()
	if err != nil {
		return sdk.Resource{}, err
	}
	g, err := parseGreeting(data, id)
	if err != nil {
		return sdk.Resource{}, err
	}
	if id == "" {
		g.ID = newID()
	} else if _, err := p.Get(ctx, Kind, id); err != nil {
		return sdk.Resource{}, err
	}
	if g.Message == "" {
		g.Message = opening + ", " + g.Name + "!"
	}
	stored, err := json.Marshal(g)
	if err != nil {
		return sdk.Resource{}, fmt.Errorf("apply greeting: %w", err)
	}
	if err := host.KVPut(ctx, keyPrefix+g.ID, stored); err != nil {
		return sdk.Resource{}, fmt.Errorf("apply greeting: %w", err)
	}
	return sdk.Resource{Kind: Kind, ID: g.ID, JSON: stored}, nil
}

// parseGreeting checks a greeting's fields; an id in the body must be the
// one being replaced, since ids are the plugin's to give.
func parseGreeting(data json.RawMessage, id string) (greeting, error) {
	obj, err := decode.Parse(data, "id", "name", "message")
	if err != nil {
		return greeting{}, err
	}
	var g greeting
	if g.ID, err = obj.String("id", false, "", 0, 64); err != nil {
		return greeting{}, err
	}
	if g.ID != "" && g.ID != id {
		return greeting{}, sdk.Invalid("/id", "is given by the plugin and cannot be changed")
	}
	g.ID = id
	if g.Name, err = obj.String("name", true, "", 1, 64); err != nil {
		return greeting{}, err
	}
	if g.Message, err = obj.String("message", false, "", 0, 280); err != nil {
		return greeting{}, err
	}
	return g, nil
}

// Delete removes a greeting.
func (p *Plugin) Delete(ctx context.Context, _ string, id string) error {
	host, _, err := p.state()
	if err != nil {
		return err
	}
	if _, err := p.Get(ctx, Kind, id); err != nil {
		return err
	}
	if err := host.KVDelete(ctx, keyPrefix+id); err != nil {
		return fmt.Errorf("delete greeting %s: %w", id, err)
	}
	return nil
}

// newID returns 16 random hexadecimal digits.
func newID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // crypto/rand.Read never fails since Go 1.24.
	return hex.EncodeToString(b)
}
