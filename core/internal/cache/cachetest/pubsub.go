package cachetest

import (
	"testing"
	"time"

	"github.com/diwanpanel/diwan/core/internal/cache"
)

var pubSubTests = []test{
	{"every subscriber receives a message", testFanOut},
	{"a message on another channel is not received", testOtherChannel},
	{"a message before subscribing is not received", testNoHistory},
	{"messages are copied", testMessageCopied},
	{"publish without subscribers succeeds", testPublishAlone},
	{"close ends the subscription", testSubscriptionClose},
}

func testFanOut(t *testing.T, c cache.Cache) {
	a, b := subscribe(t, c, "ch"), subscribe(t, c, "ch")
	publish(t, c, "ch", "hello")
	wantMessage(t, a, "hello")
	wantMessage(t, b, "hello")
}

func testOtherChannel(t *testing.T, c cache.Cache) {
	sub := subscribe(t, c, "mine")
	publish(t, c, "other", "not for you")
	publish(t, c, "mine", "for you")
	wantMessage(t, sub, "for you")
}

func testNoHistory(t *testing.T, c cache.Cache) {
	publish(t, c, "ch", "old")
	sub := subscribe(t, c, "ch")
	publish(t, c, "ch", "new")
	wantMessage(t, sub, "new")
}

func testMessageCopied(t *testing.T, c cache.Cache) {
	sub := subscribe(t, c, "ch")
	msg := []byte("abc")
	if err := c.Publish(t.Context(), "ch", msg); err != nil {
		t.Fatalf("Publish: %v", err)
	}
	msg[0] = 'x'
	wantMessage(t, sub, "abc")
}

func testPublishAlone(t *testing.T, c cache.Cache) {
	publish(t, c, "nobody", "hello")
}

func testSubscriptionClose(t *testing.T, c cache.Cache) {
	sub := subscribe(t, c, "ch")
	if err := sub.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	waitClosed(t, sub)
	if err := sub.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	publish(t, c, "ch", "after close")
}

func subscribe(t *testing.T, c cache.Cache, channel string) cache.Subscription {
	t.Helper()
	sub, err := c.Subscribe(t.Context(), channel)
	if err != nil {
		t.Fatalf("Subscribe(%q): %v", channel, err)
	}
	t.Cleanup(func() { _ = sub.Close() })
	return sub
}

func publish(t *testing.T, c cache.Cache, channel, msg string) {
	t.Helper()
	if err := c.Publish(t.Context(), channel, []byte(msg)); err != nil {
		t.Fatalf("Publish(%q): %v", channel, err)
	}
}

// wantMessage fails unless the next message on sub, within wait, is want.
func wantMessage(t *testing.T, sub cache.Subscription, want string) {
	t.Helper()
	select {
	case got, ok := <-sub.Messages():
		if !ok {
			t.Fatalf("Messages() closed, want %q", want)
		}
		if string(got) != want {
			t.Fatalf("received %q, want %q", got, want)
		}
	case <-time.After(wait):
		t.Fatalf("no message within %v, want %q", wait, want)
	}
}

// waitClosed fails unless Messages() is closed within wait.
func waitClosed(t *testing.T, sub cache.Subscription) {
	t.Helper()
	timeout := time.After(wait)
	for {
		select {
		case _, ok := <-sub.Messages():
			if !ok {
				return
			}
		case <-timeout:
			t.Fatalf("Messages() not closed within %v", wait)
		}
	}
}
