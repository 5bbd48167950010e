package logging

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestBufferedWriterFlushesPeriodicallyAndOnClose(t *testing.T) {
	out := &lockedBuffer{}
	w := NewBufferedWriter(out, 50*time.Millisecond)
	_, _ = w.Write([]byte("first\n"))
	if out.String() != "" {
		t.Fatal("written through at once: not buffered")
	}
	deadline := time.Now().Add(2 * time.Second)
	for out.String() != "first\n" {
		if time.Now().After(deadline) {
			t.Fatalf("not flushed periodically: %q", out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	_, _ = w.Write([]byte("second\n"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if out.String() != "first\nsecond\n" {
		t.Fatalf("close did not flush: %q", out.String())
	}
	if err := w.Close(); err != nil {
		t.Fatal("second close:", err)
	}
}

func TestBufferedWriterFlushesWhenFull(t *testing.T) {
	out := &lockedBuffer{}
	w := NewBufferedWriter(out, time.Hour)
	defer w.Close()
	line := strings.Repeat("x", 1000) + "\n"
	for range 40 {
		_, _ = w.Write([]byte(line))
	}
	if len(out.String()) < 32<<10-len(line) {
		t.Fatalf("only %d bytes out after 40 KB in", len(out.String()))
	}
}
