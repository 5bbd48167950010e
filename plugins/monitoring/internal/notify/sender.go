package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/smtp"
	"strconv"
	"strings"
	"time"
)

// Sender delivers messages. Its zero value is not usable; call NewSender.
type Sender struct {
	// Client posts webhooks.
	Client *http.Client
	// Attempts is how many times a webhook is tried: 4 by default.
	Attempts int
	// Backoff is the wait before the first retry, doubled for each next
	// one: a second by default.
	Backoff time.Duration
	// RootCAs, when set, replaces the system's roots for SMTP TLS (tests
	// trust their own certificate authority with it).
	TLS *tls.Config
	// Timeout bounds one SMTP conversation or webhook attempt.
	Timeout time.Duration
}

// NewSender returns a Sender with the defaults.
func NewSender() *Sender {
	return &Sender{Client: &http.Client{Timeout: 10 * time.Second}, Attempts: 4, Backoff: time.Second, Timeout: 30 * time.Second}
}

// Send delivers msg through c, with password for SMTP authentication.
func (s *Sender) Send(ctx context.Context, c Channel, password string, msg Message) error {
	if c.Type == TypeWebhook {
		return s.webhook(ctx, c.URL, msg)
	}
	return s.email(ctx, c, password, msg)
}

// webhook posts msg as JSON, retrying network errors, 429 and 5xx answers
// with exponential backoff; other answers outside 2xx fail at once.
func (s *Sender) webhook(ctx context.Context, url string, msg Message) error {
	body, err := json.Marshal(msg)
	if err != nil {
		return fmt.Errorf("webhook: %w", err)
	}
	wait := s.Backoff
	var last error
	for attempt := 1; attempt <= s.Attempts; attempt++ {
		retry, err := s.post(ctx, url, body)
		if err == nil {
			return nil
		}
		last = err
		if !retry || attempt == s.Attempts {
			break
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("webhook: %w (last: %w)", ctx.Err(), last)
		case <-time.After(wait):
		}
		wait *= 2
	}
	return fmt.Errorf("webhook: failed after %d attempt(s): %w", s.Attempts, last)
}

// post makes one attempt and says whether a failure is worth retrying.
func (s *Sender) post(ctx context.Context, url string, body []byte) (retry bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, s.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return false, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "diwan-monitoring")
	resp, err := s.Client.Do(req) // #nosec G107 G704 -- the operator chose the URL
	if err != nil {
		return true, err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return false, nil
	}
	return resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500, fmt.Errorf("status %d", resp.StatusCode)
}

// email sends msg over SMTP, requiring TLS unless security is none.
func (s *Sender) email(ctx context.Context, c Channel, password string, msg Message) error {
	ctx, cancel := context.WithTimeout(ctx, s.Timeout)
	defer cancel()
	addr := net.JoinHostPort(strings.Trim(c.Host, "[]"), strconv.Itoa(c.Port))
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("email: %w", err)
	}
	defer func() { _ = conn.Close() }()
	if deadline, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(deadline)
	}
	cfg := s.tlsConfig(c.Host)
	if c.Security == SecurityTLS {
		tc := tls.Client(conn, cfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			return fmt.Errorf("email: tls: %w", err)
		}
		conn = tc
	}
	client, err := smtp.NewClient(conn, c.Host)
	if err != nil {
		return fmt.Errorf("email: %w", err)
	}
	defer func() { _ = client.Close() }()
	if err := converse(client, c, password, cfg, msg); err != nil {
		return fmt.Errorf("email: %w", err)
	}
	return nil
}

func (s *Sender) tlsConfig(host string) *tls.Config {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if s.TLS != nil {
		cfg = s.TLS.Clone()
	}
	cfg.ServerName = strings.Trim(host, "[]")
	return cfg
}

var errNoStartTLS = errors.New("the server does not offer STARTTLS")

// converse runs the SMTP conversation after the greeting.
func converse(client *smtp.Client, c Channel, password string, cfg *tls.Config, msg Message) error {
	if err := client.Hello("localhost"); err != nil {
		return err
	}
	if c.Security == SecurityStartTLS {
		if ok, _ := client.Extension("STARTTLS"); !ok {
			return errNoStartTLS
		}
		if err := client.StartTLS(cfg); err != nil {
			return fmt.Errorf("starttls: %w", err)
		}
	}
	if c.Username != "" {
		if err := client.Auth(smtp.PlainAuth("", c.Username, password, strings.Trim(c.Host, "[]"))); err != nil {
			return fmt.Errorf("auth: %w", err)
		}
	}
	if err := client.Mail(c.From); err != nil {
		return err
	}
	for _, to := range c.To {
		if err := client.Rcpt(to); err != nil {
			return fmt.Errorf("rcpt %s: %w", to, err)
		}
	}
	w, err := client.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(compose(c, msg)); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return client.Quit()
}

// compose builds the message with its headers; every header value was
// validated to hold no line break.
func compose(c Channel, msg Message) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\n", c.From, strings.Join(c.To, ", "),
		mimeWord(msg.Subject()), msg.At.UTC().Format(time.RFC1123Z))
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	b.WriteString(strings.ReplaceAll(msg.Body(), "\n", "\r\n"))
	return b.Bytes()
}

// mimeWord encodes a header value that is not plain ASCII.
func mimeWord(s string) string {
	for _, r := range s {
		if r > 126 || r < 32 {
			return mime.QEncoding.Encode("utf-8", s)
		}
	}
	return s
}
