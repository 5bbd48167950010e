package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/diwanpanel/diwan/plugins/monitoring/internal/notify"
	"github.com/diwanpanel/diwan/sdk"
)

const (
	channelPrefix       = "channel/"
	channelStatusPrefix = "channelstatus/"
)

// channelStatus is what the last deliveries through a channel did.
type channelStatus struct {
	LastSentAt  *time.Time `json:"last_sent_at,omitempty"`
	LastError   string     `json:"last_error"`
	LastErrorAt *time.Time `json:"last_error_at,omitempty"`
}

func passwordName(id string) string { return "channel/" + id + "/password" }

// loadChannel reads a stored channel, or an error wrapping sdk.ErrNotFound.
func loadChannel(ctx context.Context, host sdk.Host, id string) (notify.Channel, error) {
	var c notify.Channel
	if !validID(id) {
		return c, fmt.Errorf("channel %s: %w", id, sdk.ErrNotFound)
	}
	found, err := getJSON(ctx, host, channelPrefix+id, &c)
	if err != nil {
		return c, err
	}
	if !found {
		return c, fmt.Errorf("channel %s: %w", id, sdk.ErrNotFound)
	}
	return c, nil
}

// channelResource returns a channel with its status as a resource.
func channelResource(ctx context.Context, host sdk.Host, c notify.Channel) (sdk.Resource, error) {
	var st channelStatus
	if _, err := getJSON(ctx, host, channelStatusPrefix+c.ID, &st); err != nil {
		return sdk.Resource{}, err
	}
	out := struct {
		notify.Channel
		Status channelStatus `json:"status"`
	}{c, st}
	data, err := json.Marshal(out)
	if err != nil {
		return sdk.Resource{}, fmt.Errorf("channel %s: %w", c.ID, err)
	}
	return sdk.Resource{Kind: KindChannel, ID: c.ID, JSON: data}, nil
}

// applyChannel validates and stores a channel, its password in secrets.
func (p *Plugin) applyChannel(ctx context.Context, host sdk.Host, id string, data json.RawMessage) (sdk.Resource, error) {
	in, err := notify.Parse(data, id)
	if err != nil {
		return sdk.Resource{}, err
	}
	c := in.Channel
	if id == "" {
		c.ID = newID()
	} else {
		old, err := loadChannel(ctx, host, id)
		if err != nil {
			return sdk.Resource{}, err
		}
		c.PasswordSet = old.PasswordSet && c.Type == notify.TypeEmail
	}
	if in.SetPassword {
		if err := host.SecretPut(ctx, passwordName(c.ID), []byte(in.Password)); err != nil {
			return sdk.Resource{}, fmt.Errorf("channel %s: password: %w", c.ID, err)
		}
		c.PasswordSet = in.Password != ""
	}
	if err := putJSON(ctx, host, channelPrefix+c.ID, c); err != nil {
		return sdk.Resource{}, err
	}
	return channelResource(ctx, host, c)
}

// deleteChannel removes a channel that no alert uses.
func (p *Plugin) deleteChannel(ctx context.Context, host sdk.Host, id string) error {
	c, err := loadChannel(ctx, host, id)
	if err != nil {
		return err
	}
	_, _, engine, err := p.state()
	if err != nil {
		return err
	}
	if users := engine.UsingChannel(id); len(users) > 0 {
		return sdk.Invalid("", "channel %s is used by alert(s) %v; remove it from them first", id, users)
	}
	if c.PasswordSet {
		if err := host.SecretPut(ctx, passwordName(id), nil); err != nil {
			return fmt.Errorf("channel %s: password: %w", id, err)
		}
	}
	for _, k := range []string{channelPrefix + id, channelStatusPrefix + id} {
		if err := host.KVDelete(ctx, k); err != nil {
			return fmt.Errorf("channel %s: %w", id, err)
		}
	}
	return nil
}

// deliver sends msg through channel id and records the outcome on the
// channel; it returns a note for the alert history and the error.
func (p *Plugin) deliver(ctx context.Context, host sdk.Host, id string, msg notify.Message) (string, error) {
	c, err := loadChannel(ctx, host, id)
	if err != nil {
		return fmt.Sprintf("channel %s: missing", id), err
	}
	var password []byte
	if c.PasswordSet {
		if password, _, err = host.SecretGet(ctx, passwordName(id)); err != nil {
			return fmt.Sprintf("%s %s: failed: password: %v", c.Type, c.Name, err), err
		}
	}
	sendErr := p.opts.Sender.Send(ctx, c, string(password), msg)
	var st channelStatus
	if _, err := getJSON(ctx, host, channelStatusPrefix+id, &st); err != nil {
		return "", err
	}
	now := p.opts.Now().UTC()
	note := fmt.Sprintf("%s %s: delivered", c.Type, c.Name)
	if sendErr != nil {
		st.LastError, st.LastErrorAt = sendErr.Error(), &now
		note = fmt.Sprintf("%s %s: failed: %v", c.Type, c.Name, sendErr)
	} else {
		st.LastSentAt = &now
	}
	if err := putJSON(ctx, host, channelStatusPrefix+id, st); err != nil {
		return note, err
	}
	return note, sendErr
}
