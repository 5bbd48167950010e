package control

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"syscall"
	"time"

	"github.com/diwanpanel/diwan/core/internal/pluginhost"
)

// ErrNotRunning means nothing answers on the control socket: the panel is
// not running (or was started with another server.control_socket).
var ErrNotRunning = errors.New("the panel is not running")

// Client timeouts.
const (
	// DialTimeout bounds connecting to the socket.
	DialTimeout = 2 * time.Second
	// RequestTimeout bounds one request whose context has no deadline;
	// enabling a plugin verifies, describes and starts it.
	RequestTimeout = 2 * time.Minute
)

// maxAnswer bounds the body the client reads.
const maxAnswer = 16 << 20

// Client speaks the control protocol to the panel on one socket.
type Client struct {
	path string
	http *http.Client
}

// NewClient returns a client of the socket at path; it connects at each
// request.
func NewClient(path string) *Client {
	dialer := &net.Dialer{Timeout: DialTimeout}
	transport := &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return dialer.DialContext(ctx, "unix", path)
		},
		DisableKeepAlives: true,
	}
	return &Client{path: path, http: &http.Client{Transport: transport}}
}

// Path is the socket the client talks to.
func (c *Client) Path() string { return c.path }

// List returns every installed plugin's status.
func (c *Client) List(ctx context.Context) ([]pluginhost.Status, error) {
	var list []pluginhost.Status
	return list, c.do(ctx, http.MethodGet, "/plugins", &list)
}

// Get returns one plugin's status.
func (c *Client) Get(ctx context.Context, id string) (pluginhost.Status, error) {
	var st pluginhost.Status
	return st, c.do(ctx, http.MethodGet, "/plugins/"+url.PathEscape(id), &st)
}

// Enable grants the permissions plugin id asks for and starts it.
func (c *Client) Enable(ctx context.Context, id string) (pluginhost.Status, error) {
	return c.change(ctx, id, "enable")
}

// Disable stops plugin id and disables it.
func (c *Client) Disable(ctx context.Context, id string) (pluginhost.Status, error) {
	return c.change(ctx, id, "disable")
}

// Restart stops and starts an enabled plugin.
func (c *Client) Restart(ctx context.Context, id string) (pluginhost.Status, error) {
	return c.change(ctx, id, "restart")
}

// Logs returns the plugin's last lines lines, every line kept when lines
// is 0.
func (c *Client) Logs(ctx context.Context, id string, lines int) ([]string, error) {
	path := "/plugins/" + url.PathEscape(id) + "/logs"
	if lines > 0 {
		path += "?lines=" + strconv.Itoa(lines)
	}
	var body logsBody
	return body.Lines, c.do(ctx, http.MethodGet, path, &body)
}

func (c *Client) change(ctx context.Context, id, verb string) (pluginhost.Status, error) {
	var st pluginhost.Status
	return st, c.do(ctx, http.MethodPost, "/plugins/"+url.PathEscape(id)+"/"+verb, &st)
}

// do sends one request and decodes the answer into out, or returns the
// answer's *Error.
func (c *Client) do(ctx context.Context, method, path string, out any) error {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, RequestTimeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, method, "http://diwan"+path, nil)
	if err != nil {
		return fmt.Errorf("control: %w", err)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return c.dialError(err)
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return fmt.Errorf("control: read the answer: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return answerError(resp.StatusCode, body)
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("control: the panel's answer is not what this diwan expects (another version?): %w", err)
	}
	return nil
}

// dialError explains a request that reached no panel.
func (c *Client) dialError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Errorf("%w: nothing answers on %s", ErrNotRunning, c.path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("control: %s: permission denied: run this as root or as the panel's user", c.path)
	}
	return fmt.Errorf("control: %s: %w", c.path, err)
}

// answerError decodes a failure, keeping the status when the body is not
// the protocol's.
func answerError(status int, body []byte) error {
	var e errorBody
	if json.Unmarshal(body, &e) != nil || e.Error == nil {
		return &Error{Status: status, Code: "http_" + strconv.Itoa(status), Message: "the panel answered " + http.StatusText(status)}
	}
	e.Error.Status = status
	return e.Error
}
