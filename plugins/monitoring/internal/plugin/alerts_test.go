package plugin_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/plugins/monitoring/internal/notify"
	"github.com/diwanpanel/diwan/plugins/monitoring/internal/plugin"
	"github.com/diwanpanel/diwan/sdk/plugintest"
)

// receiver is a webhook endpoint that records the states it was sent.
type receiver struct {
	mu     sync.Mutex
	states []string
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var msg notify.Message
	body, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(body, &msg); err != nil || r.Header.Get("Content-Type") != "application/json" {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	rc.mu.Lock()
	rc.states = append(rc.states, msg.State)
	rc.mu.Unlock()
}

func (rc *receiver) got() []string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return slices.Clone(rc.states)
}

func apply(t *testing.T, c *plugintest.Client, kind, id, body string) string {
	t.Helper()
	r, err := c.Apply(kind, id, raw(body))
	if err != nil {
		t.Fatalf("Apply(%s, %s): %v", kind, body, err)
	}
	return r.ID
}

// alertState returns an alert's state and its history's notes.
func alertState(t *testing.T, c *plugintest.Client, id string) (string, []string) {
	t.Helper()
	r, err := c.Get(plugin.KindAlert, id)
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Status  struct{ State string } `json:"status"`
		History []struct {
			To    string   `json:"to"`
			Notes []string `json:"notes"`
		} `json:"history"`
	}
	if err := json.Unmarshal(r.JSON, &a); err != nil {
		t.Fatal(err)
	}
	var notes []string
	for _, h := range a.History {
		for _, n := range h.Notes {
			notes = append(notes, h.To+": "+n)
		}
	}
	return a.Status.State, notes
}

func TestAlertFiresAndResolvesThroughEmailAndWebhook(t *testing.T) {
	for _, implicit := range []bool{false, true} {
		t.Run(map[bool]string{false: "starttls", true: "tls"}[implicit], func(t *testing.T) {
			mp := startMailpit(t, implicit)
			hook := &receiver{}
			srv := httptest.NewServer(hook)
			defer srv.Close()
			sender := notify.NewSender()
			sender.TLS = mp.tls
			c := start(t, plugin.Options{Sender: sender})
			security := map[bool]string{false: "starttls", true: "tls"}[implicit]
			mail := apply(t, c, plugin.KindChannel, "", fmt.Sprintf(`{"name":"oncall","type":"email","host":"127.0.0.1","port":%d,"security":%q,"username":"diwan","password":"pw","from":"diwan@example.com","to":["ops@example.com"]}`, mp.smtpPort, security))
			web := apply(t, c, plugin.KindChannel, "", `{"name":"ops","type":"webhook","url":"`+srv.URL+`"}`)
			rule := `{"name":"busy host","metric":"processes","condition":">","threshold":%s,"duration":0,"channels":["` + mail + `","` + web + `"]}`
			id := apply(t, c, plugin.KindAlert, "", fmt.Sprintf(rule, "0"))
			eventually(t, 10*time.Second, "the alert to fire", func() bool { s, _ := alertState(t, c, id); return s == "firing" })
			apply(t, c, plugin.KindAlert, id, fmt.Sprintf(rule, "1e9"))
			eventually(t, 10*time.Second, "the alert to resolve", func() bool { s, _ := alertState(t, c, id); return s == "resolved" })
			eventually(t, 15*time.Second, "both emails", func() bool { return len(mp.subjects(t)) == 2 })
			subjects := strings.Join(mp.subjects(t), "|")
			if !strings.Contains(subjects, "[Diwan] FIRING: busy host") || !strings.Contains(subjects, "[Diwan] RESOLVED: busy host") {
				t.Errorf("mailpit received %q", subjects)
			}
			eventually(t, 10*time.Second, "both webhooks", func() bool { return len(hook.got()) == 2 })
			if got := hook.got(); !slices.Contains(got, "firing") || !slices.Contains(got, "resolved") {
				t.Errorf("webhook received %v", got)
			}
			eventually(t, 10*time.Second, "four delivery notes", func() bool { _, n := alertState(t, c, id); return len(n) == 4 })
			_, notes := alertState(t, c, id)
			for _, n := range notes {
				if !strings.Contains(n, "delivered") {
					t.Errorf("note %q is not a delivery", n)
				}
			}
		})
	}
}

func TestFailingWebhookIsRetriedAndRecorded(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		http.Error(w, "down", http.StatusInternalServerError)
	}))
	defer srv.Close()
	sender := notify.NewSender()
	sender.Attempts, sender.Backoff = 3, 10*time.Millisecond
	c := start(t, plugin.Options{Sender: sender})
	web := apply(t, c, plugin.KindChannel, "", `{"name":"flaky","type":"webhook","url":"`+srv.URL+`"}`)
	id := apply(t, c, plugin.KindAlert, "", `{"name":"always","metric":"processes","condition":">","threshold":0,"channels":["`+web+`"]}`)
	eventually(t, 10*time.Second, "the failure to be noted", func() bool { _, n := alertState(t, c, id); return len(n) == 1 })
	_, notes := alertState(t, c, id)
	if !strings.Contains(notes[0], "failed after 3 attempt(s): status 500") {
		t.Errorf("note = %q", notes[0])
	}
	if n := hits.Load(); n != 3 {
		t.Errorf("webhook was tried %d times, want 3", n)
	}
	ch, err := c.Get(plugin.KindChannel, web)
	if err != nil || !strings.Contains(string(ch.JSON), `"last_error":"webhook: failed after 3 attempt(s): status 500"`) {
		t.Errorf("channel = %s, %v", ch.JSON, err)
	}
}
