package sdk

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/diwanpanel/diwan/sdk/protocol"
)

var (
	idPattern      = regexp.MustCompile(protocol.IDPattern)
	versionPattern = regexp.MustCompile(`^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)
	namePattern    = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,62}$`)
	permPattern    = regexp.MustCompile(`^[a-z][a-z0-9]*(\.[a-z][a-z0-9]*)*$`)
	cronField      = regexp.MustCompile(`^[0-9A-Za-z*/,-]+$`)
)

// ManifestError lists every problem ValidateManifest found, each naming the
// manifest field at fault, such as "resource_kinds[1].columns[0].field".
type ManifestError struct {
	Problems []InvalidError
}

// Error returns "invalid manifest: " followed by each problem as
// "field: message", separated by semicolons.
func (e *ManifestError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Field + ": " + p.Message
	}
	return "invalid manifest: " + strings.Join(parts, "; ")
}

// Unwrap returns each problem as an *InvalidError.
func (e *ManifestError) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i := range e.Problems {
		errs[i] = &e.Problems[i]
	}
	return errs
}

// problems collects a manifest's problems as ValidateManifest walks it.
type problems []InvalidError

func (ps *problems) add(field, format string, args ...any) {
	*ps = append(*ps, InvalidError{Field: field, Message: fmt.Sprintf(format, args...)})
}

func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return &ManifestError{Problems: ps}
}

// ValidateManifest checks m and returns a *ManifestError listing every
// problem, or nil. It checks the id (^[a-z][a-z0-9-]{1,31}$), a semantic
// version, an English name, that every Text set has English, the
// activation, permission names, that every schema is a JSON object with a
// "type", that kinds, actions, views and schedules are named and unique,
// that columns' fields are JSON Pointers, that views name declared kinds,
// and that schedules name declared actions with five cron fields.
func ValidateManifest(m Manifest) error {
	return manifestProblems(m).err()
}

func manifestProblems(m Manifest) problems {
	var ps problems
	ps.checkIdentity(m)
	ps.checkPermissions(m.Permissions)
	ps.checkSchema("settings_schema", m.SettingsSchema)
	kinds := ps.checkKinds(m.ResourceKinds)
	actions := ps.checkActions(m.Actions)
	ps.checkViews(m.Views, kinds)
	ps.checkSchedules(m.Schedules, actions)
	return ps
}

// ValidatePlugin checks p's manifest with ValidateManifest, and also that p
// implements ResourceProvider when it declares resource kinds and
// ActionRunner when it declares actions. Serve calls it before serving.
func ValidatePlugin(p Plugin) error {
	m := p.Manifest()
	ps := manifestProblems(m)
	if _, ok := p.(ResourceProvider); len(m.ResourceKinds) > 0 && !ok {
		ps.add("resource_kinds", "are declared, but the plugin does not implement sdk.ResourceProvider")
	}
	if _, ok := p.(ActionRunner); len(m.Actions) > 0 && !ok {
		ps.add("actions", "are declared, but the plugin does not implement sdk.ActionRunner")
	}
	return ps.err()
}

func (ps *problems) checkIdentity(m Manifest) {
	if !idPattern.MatchString(m.ID) {
		ps.add("id", "must match %s, got %q", idPattern, m.ID)
	}
	if !versionPattern.MatchString(m.Version) {
		ps.add("version", "must be a semantic version such as 1.2.3, got %q", m.Version)
	}
	if m.Name["en"] == "" {
		ps.add("name.en", "is required")
	}
	ps.checkText("description", m.Description)
	if m.Activation != ActivationAlways && m.Activation != ActivationOnDemand {
		ps.add("activation", "must be ActivationAlways or ActivationOnDemand")
	}
}

// checkText requires English in a Text that is set.
func (ps *problems) checkText(field string, t Text) {
	if len(t) > 0 && t["en"] == "" {
		ps.add(field+".en", "is required when %s is set", field)
	}
}

func (ps *problems) checkSchema(field, schema string) {
	if _, err := schemaTypes(schema); err != nil {
		ps.add(field, "%s", err)
	}
}

// checkName checks a name against namePattern and that it is not in seen,
// which it then adds it to.
func (ps *problems) checkName(field, name string, seen map[string]bool) {
	switch {
	case !namePattern.MatchString(name):
		ps.add(field, "must match %s, got %q", namePattern, name)
	case seen[name]:
		ps.add(field, "%q is declared twice", name)
	}
	seen[name] = true
}

func (ps *problems) checkPermissions(perms []Permission) {
	seen := map[string]bool{}
	for i, p := range perms {
		field := fmt.Sprintf("permissions[%d]", i)
		switch {
		case !permPattern.MatchString(p.Name):
			ps.add(field+".name", "must be a dotted lowercase name such as %q, got %q", PermissionEventsPublish, p.Name)
		case seen[p.Name]:
			ps.add(field+".name", "%q is declared twice", p.Name)
		}
		seen[p.Name] = true
		ps.checkText(field+".reason", p.Reason)
	}
}

func (ps *problems) checkKinds(kinds []ResourceKind) map[string]bool {
	seen := map[string]bool{}
	for i, k := range kinds {
		field := fmt.Sprintf("resource_kinds[%d]", i)
		ps.checkName(field+".kind", k.Kind, seen)
		ps.checkText(field+".title", k.Title)
		ps.checkSchema(field+".schema", k.Schema)
		for j, c := range k.Columns {
			col := fmt.Sprintf("%s.columns[%d]", field, j)
			if !strings.HasPrefix(c.Field, "/") {
				ps.add(col+".field", "must be a JSON Pointer starting with /, got %q", c.Field)
			}
			ps.checkText(col+".title", c.Title)
		}
	}
	return seen
}

func (ps *problems) checkActions(actions []Action) map[string]bool {
	seen := map[string]bool{}
	for i, a := range actions {
		field := fmt.Sprintf("actions[%d]", i)
		ps.checkName(field+".name", a.Name, seen)
		ps.checkText(field+".title", a.Title)
		ps.checkSchema(field+".input_schema", a.InputSchema)
	}
	return seen
}

func (ps *problems) checkViews(views []View, kinds map[string]bool) {
	seen := map[string]bool{}
	for i, v := range views {
		field := fmt.Sprintf("views[%d]", i)
		ps.checkName(field+".id", v.ID, seen)
		ps.checkText(field+".title", v.Title)
		if !kinds[v.ResourceKind] {
			ps.add(field+".resource_kind", "must name a declared resource kind, got %q", v.ResourceKind)
		}
	}
}

func (ps *problems) checkSchedules(schedules []Schedule, actions map[string]bool) {
	seen := map[string]bool{}
	for i, s := range schedules {
		field := fmt.Sprintf("schedules[%d]", i)
		ps.checkName(field+".name", s.Name, seen)
		if !actions[s.Action] {
			ps.add(field+".action", "must name a declared action, got %q", s.Action)
		}
		if !validCron(s.Cron) {
			ps.add(field+".cron", "must be five cron fields such as \"0 3 * * *\", got %q", s.Cron)
		}
		var input map[string]json.RawMessage
		if len(s.Input) > 0 && (json.Unmarshal(s.Input, &input) != nil || input == nil) {
			ps.add(field+".input", "must be a JSON object, got %q", string(s.Input))
		}
	}
}

func validCron(expr string) bool {
	fields := strings.Fields(expr)
	if len(fields) != 5 {
		return false
	}
	for _, f := range fields {
		if !cronField.MatchString(f) {
			return false
		}
	}
	return true
}
