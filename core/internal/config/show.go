package config

import (
	"fmt"
	"reflect"
	"strings"
	"time"
)

// Entry is one effective setting, as `diwan config show` prints it.
type Entry struct {
	Key    string `json:"key"`
	Value  string `json:"value"`
	Origin string `json:"origin"`
}

const mask = "********"

// Entries lists every setting with its value (secrets masked) and origin.
func (c *Config) Entries() []Entry {
	v := reflect.ValueOf(c).Elem()
	out := make([]Entry, 0, len(fields()))
	for _, f := range fields() {
		out = append(out, Entry{
			Key:    f.key,
			Value:  display(v.FieldByIndex(f.index).Interface(), f.secret),
			Origin: c.Origin(f.key),
		})
	}
	return out
}

func display(v any, secret bool) string {
	switch x := v.(type) {
	case string:
		switch {
		case !secret || x == "":
			return x
		case strings.Contains(x, "://"):
			// A URL keeps its shape; only the password goes.
			return Redacted(x)
		case strings.HasPrefix(x, "sqlite:"):
			return x
		}
		return mask
	case []string:
		return "[" + strings.Join(x, ", ") + "]"
	case time.Duration:
		return x.String()
	}
	return fmt.Sprint(v)
}
