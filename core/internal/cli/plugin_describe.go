package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/diwanpanel/diwan/core/internal/control"
	"github.com/diwanpanel/diwan/core/internal/pluginhost"
)

func (g *globals) pluginDescribeCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "describe ID|PATH [--json]",
		Short: "Print the manifest of an installed plugin (asking the running panel) or of a plugin binary (a path has a '/': ./hello)",
		Args:  describeArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := g.describe(cmd, args[0])
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(g.io.Out)
				enc.SetIndent("", "  ")
				return enc.Encode(d)
			}
			return d.print(g.io.Out)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: an installed plugin's status (manifest included) as the panel gives it, or a binary's path, sha256 and manifest")
	return cmd
}

// describeArg takes one plugin ID, or one PATH (which has a '/').
func describeArg(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return usageError{fmt.Errorf("%s takes one plugin ID or PATH", cmd.CommandPath())}
	}
	if strings.ContainsRune(args[0], '/') {
		return nil
	}
	if err := control.CheckID(args[0]); err != nil {
		return usageError{fmt.Errorf("%s: ID|PATH: %w; a PATH has a '/', such as ./%s", cmd.CommandPath(), err, args[0])}
	}
	return nil
}

// described is what describe prints: for an installed plugin, its status
// as the running panel gives it (manifest included); for a binary, its
// path, checksum and manifest.
type described struct {
	Binary    string          `json:"binary"`
	SHA256    string          `json:"sha256"`
	Manifest  json.RawMessage `json:"manifest"`
	installed *pluginhost.Status
	m         manifest
}

// MarshalJSON is the status of an installed plugin, else the binary's
// description.
func (d *described) MarshalJSON() ([]byte, error) {
	if d.installed != nil {
		return json.Marshal(d.installed)
	}
	type plain described
	return json.Marshal((*plain)(d))
}

// describe reads the manifest of installed plugin id from the running
// panel's catalog, or of the binary at a path.
func (g *globals) describe(cmd *cobra.Command, arg string) (*described, error) {
	ctx := cmd.Context()
	if strings.ContainsRune(arg, '/') {
		path, err := filepath.Abs(arg)
		if err != nil {
			return nil, err
		}
		return readManifest(ctx, path, "")
	}
	client, err := g.panel(cmd)
	if err != nil {
		return nil, err
	}
	st, err := client.Get(ctx, arg)
	if errors.Is(err, control.ErrNotRunning) {
		return nil, fmt.Errorf("plugin describe: %w; start it, or describe the binary by its path", err)
	}
	if err != nil {
		return nil, explain(err, "describe")
	}
	d := &described{Binary: st.BinaryPath, SHA256: st.SHA256, Manifest: st.Manifest, installed: &st}
	if len(st.Manifest) == 0 || string(st.Manifest) == "null" {
		// An entry installed before the catalog kept manifests: ask the
		// binary, pinned to its checksum.
		if d, err = readManifest(ctx, st.BinaryPath, st.SHA256); err != nil {
			return nil, err
		}
		d.installed = &st
		return d, nil
	}
	if err := json.Unmarshal(st.Manifest, &d.m); err != nil {
		return nil, fmt.Errorf("plugin describe: the manifest recorded for %s: %w", arg, err)
	}
	return d, nil
}

// readManifest verifies the binary at path (against pinned when set) and
// reads the manifest it prints with -describe, as install does.
func readManifest(ctx context.Context, path, pinned string) (*described, error) {
	sum, raw, err := pluginhost.DescribeBinary(ctx, path, pinned)
	if err != nil {
		return nil, err
	}
	d := &described{Binary: path, SHA256: sum, Manifest: raw}
	if err := json.Unmarshal(raw, &d.m); err != nil {
		return nil, fmt.Errorf("plugin describe: %s: %w", path, err)
	}
	return d, nil
}

// manifest is the part of a -describe manifest that describe prints.
type manifest struct {
	ID          string `json:"id"`
	Version     string `json:"version"`
	Name        text   `json:"name"`
	Description text   `json:"description"`
	Activation  string `json:"activation"`
	Permissions []struct {
		Name   string `json:"name"`
		Reason text   `json:"reason"`
	} `json:"permissions"`
	ResourceKinds []struct {
		Kind string `json:"kind"`
	} `json:"resource_kinds"`
	Actions []named `json:"actions"`
	Views   []struct {
		ID string `json:"id"`
	} `json:"views"`
	Schedules []struct {
		Name   string `json:"name"`
		Cron   string `json:"cron"`
		Action string `json:"action"`
	} `json:"schedules"`
	ProtocolVersions []int `json:"protocol_versions"`
}

// reason is why the manifest asks for permission name, in English and
// Arabic.
func (m manifest) reason(name string) string {
	for _, p := range m.Permissions {
		if p.Name == name {
			return p.Reason.both()
		}
	}
	return ""
}

// named is a manifest entry known by its name.
type named struct {
	Name string `json:"name"`
}

// text is a string in several languages.
type text struct {
	ByLocale map[string]string `json:"by_locale"`
}

// both is the English and the Arabic text, the latter when it differs.
func (t text) both() string {
	en, ar := t.ByLocale["en"], t.ByLocale["ar"]
	if ar == "" || ar == en {
		return en
	}
	return en + " / " + ar
}

// print writes d for a person.
func (d *described) print(w io.Writer) error {
	m := d.m
	fmt.Fprintf(w, "%s %s: %s\n", m.ID, m.Version, m.Name.both())
	if desc := m.Description.both(); desc != "" {
		fmt.Fprintf(w, "  %s\n", desc)
	}
	fmt.Fprintf(w, "activation:   %s\n", activation(m.Activation))
	fmt.Fprintf(w, "protocol:     %s\n", joinInts(m.ProtocolVersions))
	fmt.Fprintln(w, "permissions:")
	if len(m.Permissions) == 0 {
		fmt.Fprintln(w, "  none")
	}
	for _, p := range m.Permissions {
		fmt.Fprintf(w, "  %-16s %s\n", p.Name, p.Reason.both())
	}
	kinds, actions, views := make([]string, 0), make([]string, 0), make([]string, 0)
	for _, k := range m.ResourceKinds {
		kinds = append(kinds, k.Kind)
	}
	for _, a := range m.Actions {
		actions = append(actions, a.Name)
	}
	for _, v := range m.Views {
		views = append(views, v.ID)
	}
	fmt.Fprintf(w, "resources:    %s\nactions:      %s\nviews:        %s\n", commaList(kinds), commaList(actions), commaList(views))
	for _, s := range m.Schedules {
		fmt.Fprintf(w, "schedule:     %s: %s at %q (UTC)\n", s.Name, s.Action, s.Cron)
	}
	fmt.Fprintf(w, "binary:       %s\nsha256:       %s\n", d.Binary, d.SHA256)
	if st := d.installed; st != nil {
		fmt.Fprintf(w, "installed:    enabled %t, state %s, running %t\n", st.Enabled, st.State, st.Running)
		fmt.Fprintf(w, "granted:      %s\n", commaList(st.Permissions))
		if st.LastError != "" {
			fmt.Fprintf(w, "last error:   %s\n", st.LastError)
		}
	}
	return nil
}

// activation turns ACTIVATION_ON_DEMAND into "on-demand".
func activation(a string) string {
	a = strings.TrimPrefix(a, "ACTIVATION_")
	if a == "" {
		a = "UNSPECIFIED"
	}
	return strings.ReplaceAll(strings.ToLower(a), "_", "-")
}

// commaList joins names with commas, or says none.
func commaList(names []string) string { return orNone(strings.Join(names, ", ")) }

func joinInts(ns []int) string {
	out := make([]string, 0, len(ns))
	for _, n := range slices.Sorted(slices.Values(ns)) {
		out = append(out, fmt.Sprint(n))
	}
	return orNone(strings.Join(out, ", "))
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
