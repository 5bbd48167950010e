package harness

import (
	"testing"
)

func TestLineWatcher(t *testing.T) {
	tests := []struct {
		name   string
		chunks []string
		want   string
	}{
		{"whole line", []string{"listening 127.0.0.1:80\n"}, "127.0.0.1:80"},
		{"split across writes", []string{"list", "ening 127.0.", "0.1:80", "\nmore\n"}, "127.0.0.1:80"},
		{"after other lines", []string{"starting\nnot listening x\n", "listening a:1\r\nlistening b:2\n"}, "a:1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := NewLineWatcher("listening ")
			for _, c := range tc.chunks {
				if n, err := w.Write([]byte(c)); n != len(c) || err != nil {
					t.Fatalf("Write = %d, %v", n, err)
				}
			}
			select {
			case got := <-w.found:
				if got != tc.want {
					t.Fatalf("found %q, want %q", got, tc.want)
				}
			default:
				t.Fatal("found nothing")
			}
		})
	}
	t.Run("no newline yet", func(t *testing.T) {
		w := NewLineWatcher("listening ")
		_, _ = w.Write([]byte("listening 127.0.0.1:80"))
		select {
		case got := <-w.found:
			t.Fatalf("found %q before the line ended", got)
		default:
		}
	})
}
