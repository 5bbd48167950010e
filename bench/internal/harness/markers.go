package harness

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Markers returns the lines that enclose the generated section name in a
// Markdown file: "<!-- bench:NAME:start -->" and "<!-- bench:NAME:end -->".
func Markers(name string) (start, end string) {
	return "<!-- bench:" + name + ":start -->", "<!-- bench:" + name + ":end -->"
}

// ReplaceSection returns doc with the lines between the markers of section
// name replaced by body; the marker lines and everything outside them stay
// as they are. When doc lacks the markers, they and body are appended at
// the end. It fails when only one marker is present or they are out of
// order, so that nothing written by hand is lost.
func ReplaceSection(doc, name, body string) (string, error) {
	start, end := Markers(name)
	section := start + "\n" + strings.TrimRight(body, "\n") + "\n" + end + "\n"
	lines := strings.SplitAfter(doc, "\n")
	i, j := markerLine(lines, start), markerLine(lines, end)
	switch {
	case i < 0 && j < 0:
		if doc != "" && !strings.HasSuffix(doc, "\n") {
			doc += "\n"
		}
		if doc != "" {
			doc += "\n"
		}
		return doc + section, nil
	case i < 0 || j < 0 || j < i:
		return "", fmt.Errorf("section %s: markers missing or out of order", name)
	}
	return strings.Join(lines[:i], "") + section + strings.Join(lines[j+1:], ""), nil
}

// markerLine returns the index of the first line that is marker, ignoring
// surrounding space, or -1.
func markerLine(lines []string, marker string) int {
	for i, l := range lines {
		if strings.TrimSpace(l) == marker {
			return i
		}
	}
	return -1
}

// UpdateFile replaces section name in the Markdown file at path with body,
// as ReplaceSection does. A missing file is created holding intro and then
// the section.
func UpdateFile(path, name, body, intro string) error {
	old, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		old = []byte(intro)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("update %s: %w", path, err)
		}
	case err != nil:
		return fmt.Errorf("update %s: %w", path, err)
	}
	doc, err := ReplaceSection(string(old), name, body)
	if err != nil {
		return fmt.Errorf("update %s: %w", path, err)
	}
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		return fmt.Errorf("update %s: %w", path, err)
	}
	return nil
}
