package logstore

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"time"
)

// Levels, least severe first.
var Levels = []string{"trace", "debug", "info", "warn", "error"}

// MaxLimit is the most entries one query returns.
const MaxLimit = 1000

// Entry is one log line.
type Entry struct {
	Time    time.Time      `json:"time"`
	Level   string         `json:"level"`
	Source  string         `json:"source" doc:"core, a core part such as http or audit, or plugin.<id>"`
	Message string         `json:"message"`
	Fields  map[string]any `json:"fields,omitempty"`
}

// Filter selects entries; zero fields select everything.
type Filter struct {
	// Source is a source or a prefix of one ending in "." ("plugin."):
	// "plugin.hello" selects that plugin's lines.
	Source string
	// Level is the least severe level returned.
	Level string
	// Since and Until bound the time (inclusive, exclusive).
	Since, Until time.Time
	// Text must appear, case-insensitively, in the message or a field.
	Text string
	// Limit is the most entries returned, newest first (1 to MaxLimit).
	Limit int
}

// Reader queries a log directory, whichever process writes it: a line
// still being written is not yet read.
type Reader struct{ Dir string }

// Query returns the entries that match f, newest first.
func (r Reader) Query(f Filter) ([]Entry, error) {
	if f.Limit <= 0 || f.Limit > MaxLimit {
		f.Limit = MaxLimit
	}
	minLevel := levelRank(f.Level)
	text := []byte(strings.ToLower(f.Text))
	out := []Entry{}
	for n := 0; n < Files && len(out) < f.Limit; n++ {
		data, err := os.ReadFile(generation(r.Dir, n))
		if errors.Is(err, os.ErrNotExist) {
			break
		}
		if err != nil {
			return nil, err
		}
		// A last line without its newline is still being written.
		data = data[:bytes.LastIndexByte(data, '\n')+1]
		for end := len(data); end > 0 && len(out) < f.Limit; {
			start := bytes.LastIndexByte(data[:end-1], '\n') + 1
			line := data[start:end]
			end = start
			if len(text) > 0 && !bytes.Contains(bytes.ToLower(line), text) {
				continue
			}
			if e, ok := parse(line); ok && e.matches(f, minLevel) {
				out = append(out, e)
			}
		}
	}
	return out, nil
}

func (e Entry) matches(f Filter, minLevel int) bool {
	switch {
	case levelRank(e.Level) < minLevel:
		return false
	case !f.Since.IsZero() && e.Time.Before(f.Since):
		return false
	case !f.Until.IsZero() && !e.Time.Before(f.Until):
		return false
	case f.Source == "":
		return true
	case strings.HasSuffix(f.Source, "."):
		return strings.HasPrefix(e.Source, f.Source)
	}
	return e.Source == f.Source
}

// parse reads one hclog JSON line.
func parse(line []byte) (Entry, bool) {
	var raw map[string]any
	if err := json.Unmarshal(bytes.TrimSpace(line), &raw); err != nil {
		return Entry{}, false
	}
	e := Entry{Level: str(raw["@level"]), Message: str(raw["@message"]), Source: source(str(raw["@module"]))}
	t, err := time.Parse(time.RFC3339Nano, str(raw["@timestamp"]))
	if err != nil {
		return Entry{}, false
	}
	e.Time = t
	for k, v := range raw {
		if !strings.HasPrefix(k, "@") {
			if e.Fields == nil {
				e.Fields = map[string]any{}
			}
			e.Fields[k] = v
		}
	}
	return e, true
}

// source is the module without the root logger's name: "diwan.http" is
// "http", "diwan" is "core".
func source(module string) string {
	if s, ok := strings.CutPrefix(module, "diwan."); ok {
		return s
	}
	if module == "diwan" || module == "" {
		return "core"
	}
	return module
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// levelRank orders levels; an unknown or empty one ranks lowest.
func levelRank(level string) int {
	for i, l := range Levels {
		if l == level {
			return i
		}
	}
	return -1
}
