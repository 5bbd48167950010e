package config

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with the configuration.
type Problem struct {
	// Key is the dotted setting key ("server.listen"), or "config" for the
	// file itself.
	Key string `json:"key"`
	// Origin says where the bad value came from; empty for defaults.
	Origin  string `json:"origin,omitempty"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	if p.Origin == "" || p.Origin == "default" {
		return p.Key + ": " + p.Message
	}
	return fmt.Sprintf("%s (%s): %s", p.Key, p.Origin, p.Message)
}

// Problems collects every problem found while loading.
type Problems []Problem

func (ps *Problems) add(key, origin, msg string) {
	*ps = append(*ps, Problem{Key: key, Origin: origin, Message: msg})
}

// ValidationError is returned by Load when the configuration is unusable.
type ValidationError struct {
	Problems Problems
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "invalid configuration (%d problems):", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p.String())
	}
	return b.String()
}
