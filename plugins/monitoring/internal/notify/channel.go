// Package notify holds the notification channels of the monitoring plugin
// and delivers alert notifications through them: a webhook (a JSON POST,
// retried with exponential backoff) or email (SMTP with STARTTLS or
// implicit TLS).
package notify

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"regexp"

	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/decode"
)

// The channel types and SMTP security modes.
const (
	TypeWebhook = "webhook"
	TypeEmail   = "email"

	SecurityStartTLS = "starttls"
	SecurityTLS      = "tls"
	SecurityNone     = "none"
)

// Channel is a notification channel as stored; its password is kept in
// the host's secrets, never here.
type Channel struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	URL      string `json:"url,omitempty"`
	Host     string `json:"host,omitempty"`
	Port     int    `json:"port,omitempty"`
	Security string `json:"security,omitempty"`
	Username string `json:"username,omitempty"`
	From     string `json:"from,omitempty"`
	// To is never null, so that the stored form is what a client sent.
	To          []string `json:"to"`
	PasswordSet bool     `json:"password_set"`
}

// Input is a validated channel body: the channel and, when the body set
// one, the new password ("" clears it).
type Input struct {
	Channel     Channel
	Password    string
	SetPassword bool
}

var hostPattern = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$`)

// Parse validates a channel body for id ("" for a new one). Read-only
// fields (status, password_set) are accepted and ignored.
func Parse(data json.RawMessage, id string) (Input, error) {
	o, err := decode.Parse(data, "id", "name", "type", "url", "host", "port", "security", "username", "password", "from", "to", "status", "password_set")
	if err != nil {
		return Input{}, err
	}
	var in Input
	c := &in.Channel
	if c.ID, err = o.String("id", false, "", 0, 64); err != nil {
		return Input{}, err
	}
	if c.ID != "" && c.ID != id {
		return Input{}, sdk.Invalid("/id", "is given by the plugin and cannot be changed")
	}
	c.ID = id
	if c.Name, err = o.String("name", true, "", 1, 100); err != nil {
		return Input{}, err
	}
	if c.Type, err = o.Enum("type", "", TypeWebhook, TypeEmail); err != nil {
		return Input{}, err
	}
	if c.Type == TypeWebhook {
		err = parseWebhook(o, &in)
	} else {
		err = parseEmail(o, &in)
	}
	return in, err
}

func parseWebhook(o *decode.Object, in *Input) error {
	for _, f := range []string{"host", "port", "security", "username", "password", "from", "to"} {
		if o.Has(f) {
			return sdk.Invalid(decode.Pointer(f), "is for email channels only")
		}
	}
	raw, err := o.String("url", true, "", 1, 2048)
	if err != nil {
		return err
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return sdk.Invalid("/url", "must be an http or https URL with a host and no user info")
	}
	in.Channel.URL = raw
	in.Channel.To = []string{}
	return nil
}

func parseEmail(o *decode.Object, in *Input) error {
	if o.Has("url") {
		return sdk.Invalid("/url", "is for webhook channels only")
	}
	c := &in.Channel
	var err error
	if c.Host, err = o.String("host", true, "", 1, 253); err != nil {
		return err
	}
	if !hostPattern.MatchString(c.Host) {
		return sdk.Invalid("/host", "must be a host name or an IP address")
	}
	if c.Security, err = o.Enum("security", SecurityStartTLS, SecurityStartTLS, SecurityTLS, SecurityNone); err != nil {
		return err
	}
	defPort := 587
	if c.Security == SecurityTLS {
		defPort = 465
	}
	if c.Port, err = o.Int("port", false, defPort, 1, 65535); err != nil {
		return err
	}
	if c.Username, err = o.String("username", false, "", 0, 200); err != nil {
		return err
	}
	if o.Has("password") {
		in.SetPassword = true
		if in.Password, err = o.String("password", false, "", 0, 200); err != nil {
			return err
		}
	}
	if c.From, err = o.String("from", true, "", 3, 254); err != nil {
		return err
	}
	if err := checkAddress(c.From); err != nil {
		return sdk.Invalid("/from", "%v", err)
	}
	c.To, err = o.Strings("to", 1, 10, checkAddress)
	return err
}

var errNotAddress = errors.New("must be a bare email address such as ops@example.com")

// checkAddress accepts a bare address: no display name, no line breaks.
func checkAddress(s string) error {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return fmt.Errorf("%w, got %q", errNotAddress, s)
	}
	return nil
}
