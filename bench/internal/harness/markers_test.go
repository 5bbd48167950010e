package harness

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	start = "<!-- bench:http:start -->"
	end   = "<!-- bench:http:end -->"
)

func TestMarkers(t *testing.T) {
	if s, e := Markers("http"); s != start || e != end {
		t.Fatalf("Markers(http) = %q, %q", s, e)
	}
}

func TestReplaceSection(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{
			name: "replaces between markers, keeps the rest",
			doc:  "# B\n\nintro\n" + start + "\nold\nlines\n" + end + "\n\nfooter\n",
			want: "# B\n\nintro\n" + start + "\nNEW\n" + end + "\n\nfooter\n",
		},
		{
			name: "keeps other sections",
			doc:  "<!-- bench:login:start -->\nL\n<!-- bench:login:end -->\n" + start + "\nold\n" + end + "\n",
			want: "<!-- bench:login:start -->\nL\n<!-- bench:login:end -->\n" + start + "\nNEW\n" + end + "\n",
		},
		{
			name: "appends markers when absent",
			doc:  "# B\n\nintro\n",
			want: "# B\n\nintro\n\n" + start + "\nNEW\n" + end + "\n",
		},
		{
			name: "appends after a last line without newline",
			doc:  "# B",
			want: "# B\n\n" + start + "\nNEW\n" + end + "\n",
		},
		{
			name: "empty document",
			doc:  "",
			want: start + "\nNEW\n" + end + "\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReplaceSection(tc.doc, "http", "NEW\n\n")
			if err != nil || got != tc.want {
				t.Fatalf("ReplaceSection = %q, %v\nwant %q", got, err, tc.want)
			}
			again, err := ReplaceSection(got, "http", "NEW")
			if err != nil || again != got {
				t.Fatalf("second ReplaceSection changed the document: %q, %v", again, err)
			}
		})
	}
}

func TestReplaceSectionBroken(t *testing.T) {
	for name, doc := range map[string]string{
		"only start":   "a\n" + start + "\nhand-written\n",
		"only end":     "a\n" + end + "\n",
		"out of order": end + "\nhand-written\n" + start + "\n",
	} {
		t.Run(name, func(t *testing.T) {
			if got, err := ReplaceSection(doc, "http", "NEW"); err == nil {
				t.Fatalf("ReplaceSection = %q, want an error", got)
			}
		})
	}
}

func TestUpdateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "docs", "benchmarks.md")
	if err := UpdateFile(path, "http", "first", "# Benchmarks\n"); err != nil {
		t.Fatal(err)
	}
	want := "# Benchmarks\n\n" + start + "\nfirst\n" + end + "\n"
	if got := readFile(t, path); got != want {
		t.Fatalf("created %q, want %q", got, want)
	}
	edited := strings.Replace(want, "# Benchmarks\n", "# Benchmarks\n\nBy hand.\n", 1) + "\nAfter.\n"
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := UpdateFile(path, "http", "second", "unused intro"); err != nil {
		t.Fatal(err)
	}
	want = strings.Replace(edited, "first", "second", 1)
	if got := readFile(t, path); got != want {
		t.Fatalf("updated %q, want %q", got, want)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
