package api

import (
	"bufio"
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/tasks"
)

// EventsChannel is the pub/sub channel whose messages the event stream
// relays to dashboards (tasks publish there).
const EventsChannel = tasks.EventsChannel

const eventsHeartbeat = 15 * time.Second

// eventStream relays published events as server-sent events until the
// client leaves or the server shuts down. The guard has already checked the
// session and refused a foreign Origin.
func (s *Server) eventStream(c *fiber.Ctx) error {
	sub, err := s.events.Subscribe(c.UserContext(), EventsChannel)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/event-stream")
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set("X-Accel-Buffering", "no")
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		defer func() { _ = sub.Close() }()
		s.relay(w, sub.Messages())
	})
	return nil
}

// relay writes events and heartbeats until a write fails, the subscription
// ends or the server is done.
func (s *Server) relay(w *bufio.Writer, msgs <-chan []byte) {
	tick := time.NewTicker(eventsHeartbeat)
	defer tick.Stop()
	send := func(format string, args ...any) bool {
		fmt.Fprintf(w, format, args...)
		return w.Flush() == nil
	}
	if !send("event: ready\ndata: {}\n\n") {
		return
	}
	for {
		select {
		case m, ok := <-msgs:
			if !ok || !send("data: %s\n\n", m) {
				return
			}
		case <-tick.C:
			if !send(": heartbeat\n\n") {
				return
			}
		case <-s.done:
			return
		}
	}
}
