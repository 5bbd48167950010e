package sdk

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func validManifest() Manifest {
	return Manifest{
		ID:             "hello",
		Version:        "0.1.0",
		Name:           Text{"en": "Hello", "ar": "مرحبا"},
		Activation:     ActivationOnDemand,
		Permissions:    []Permission{{Name: PermissionKV, Reason: Text{"en": "state"}}},
		SettingsSchema: `{"type":"object"}`,
		ResourceKinds: []ResourceKind{{
			Kind: "greeting", Schema: `{"type":"object"}`,
			Columns: []Column{{Field: "/name"}},
		}},
		Actions:   []Action{{Name: "wave", InputSchema: `{"type":"object"}`}},
		Views:     []View{{ID: "greetings", ResourceKind: "greeting"}},
		Schedules: []Schedule{{Name: "daily", Cron: "0 3 * * *", Action: "wave"}},
	}
}

func TestValidateManifest(t *testing.T) {
	tests := []struct {
		name   string
		change func(m *Manifest)
		fields []string
	}{
		{"valid", func(*Manifest) {}, nil},
		{"id empty", func(m *Manifest) { m.ID = "" }, []string{"id"}},
		{"id uppercase", func(m *Manifest) { m.ID = "Hello" }, []string{"id"}},
		{"id too short", func(m *Manifest) { m.ID = "h" }, []string{"id"}},
		{"id too long", func(m *Manifest) { m.ID = "h" + strings.Repeat("x", 32) }, []string{"id"}},
		{"version", func(m *Manifest) { m.Version = "v1" }, []string{"version"}},
		{"version with leading zero", func(m *Manifest) { m.Version = "01.0.0" }, []string{"version"}},
		{"version prerelease", func(m *Manifest) { m.Version = "1.0.0-beta.2+sha.1" }, nil},
		{"name without english", func(m *Manifest) { m.Name = Text{"ar": "مرحبا"} }, []string{"name.en"}},
		{"description without english", func(m *Manifest) { m.Description = Text{"ar": "وصف"} }, []string{"description.en"}},
		{"activation", func(m *Manifest) { m.Activation = ActivationUnspecified }, []string{"activation"}},
		{"permission name", func(m *Manifest) { m.Permissions[0].Name = "KV!" }, []string{"permissions[0].name"}},
		{"permission twice", func(m *Manifest) { m.Permissions = append(m.Permissions, Permission{Name: PermissionKV}) }, []string{"permissions[1].name"}},
		{"permission reason", func(m *Manifest) { m.Permissions[0].Reason = Text{"ar": "سبب"} }, []string{"permissions[0].reason.en"}},
		{"settings schema empty", func(m *Manifest) { m.SettingsSchema = "" }, []string{"settings_schema"}},
		{"settings schema without type", func(m *Manifest) { m.SettingsSchema = `{"properties":{}}` }, []string{"settings_schema"}},
		{"settings schema type list", func(m *Manifest) { m.SettingsSchema = `{"type":["object","null"]}` }, nil},
		{"kind schema", func(m *Manifest) { m.ResourceKinds[0].Schema = "{" }, []string{"resource_kinds[0].schema"}},
		{"kind name", func(m *Manifest) { m.ResourceKinds[0].Kind = "Greeting" }, []string{"resource_kinds[0].kind", "views[0].resource_kind"}},
		{"kind twice", func(m *Manifest) { m.ResourceKinds = append(m.ResourceKinds, m.ResourceKinds[0]) }, []string{"resource_kinds[1].kind"}},
		{"kind title", func(m *Manifest) { m.ResourceKinds[0].Title = Text{"fr": "x"} }, []string{"resource_kinds[0].title.en"}},
		{"column field", func(m *Manifest) { m.ResourceKinds[0].Columns[0].Field = "name" }, []string{"resource_kinds[0].columns[0].field"}},
		{"action input schema", func(m *Manifest) { m.Actions[0].InputSchema = `[]` }, []string{"actions[0].input_schema"}},
		{"action twice", func(m *Manifest) { m.Actions = append(m.Actions, m.Actions[0]) }, []string{"actions[1].name"}},
		{"action name", func(m *Manifest) { m.Actions[0].Name = "" }, []string{"actions[0].name", "schedules[0].action"}},
		{"view twice", func(m *Manifest) { m.Views = append(m.Views, m.Views[0]) }, []string{"views[1].id"}},
		{"view of an unknown kind", func(m *Manifest) { m.Views[0].ResourceKind = "site" }, []string{"views[0].resource_kind"}},
		{"schedule of an unknown action", func(m *Manifest) { m.Schedules[0].Action = "fly" }, []string{"schedules[0].action"}},
		{"schedule cron fields", func(m *Manifest) { m.Schedules[0].Cron = "0 3 * *" }, []string{"schedules[0].cron"}},
		{"schedule input not an object", func(m *Manifest) { m.Schedules[0].Input = json.RawMessage(`[1]`) }, []string{"schedules[0].input"}},
		{"schedule cron characters", func(m *Manifest) { m.Schedules[0].Cron = "0 3 * * ;" }, []string{"schedules[0].cron"}},
		{"schedule twice", func(m *Manifest) { m.Schedules = append(m.Schedules, m.Schedules[0]) }, []string{"schedules[1].name"}},
		{"several at once", func(m *Manifest) { m.ID, m.Version, m.Name = "", "", nil }, []string{"id", "version", "name.en"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := validManifest()
			tt.change(&m)
			if got := problemFields(ValidateManifest(m)); !reflect.DeepEqual(got, tt.fields) {
				t.Errorf("problems in %q, want %q (%v)", got, tt.fields, ValidateManifest(m))
			}
		})
	}
}

// problemFields returns the fields of a *ManifestError's problems.
func problemFields(err error) []string {
	var merr *ManifestError
	if !errors.As(err, &merr) {
		return nil
	}
	var fields []string
	for _, p := range merr.Problems {
		fields = append(fields, p.Field)
	}
	return fields
}

func TestManifestErrorNamesEveryProblem(t *testing.T) {
	m := validManifest()
	m.ID, m.Version = "", "x"
	err := ValidateManifest(m)
	for _, want := range []string{"invalid manifest: ", "id: must match", "version: must be a semantic version"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not contain %q", err, want)
		}
	}
	var invalid *InvalidError
	if !errors.As(err, &invalid) || invalid.Field != "id" {
		t.Errorf("errors.As gives %+v, want the first problem", invalid)
	}
}

func TestValidatePluginChecksCapabilities(t *testing.T) {
	err := ValidatePlugin(bareTestPlugin{m: validManifest()})
	want := []string{"resource_kinds", "actions"}
	if got := problemFields(err); !reflect.DeepEqual(got, want) {
		t.Errorf("problems in %q, want %q", got, want)
	}
}
