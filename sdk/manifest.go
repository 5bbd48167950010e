package sdk

import "encoding/json"

// Manifest says what a plugin is, what it needs and what it offers. The
// core reads it through Describe (or the binary's -describe flag) before it
// configures the plugin, and the dashboard renders the plugin's pages from
// its schemas. ValidateManifest lists what is wrong with one.
type Manifest struct {
	// ID names the plugin everywhere: lowercase letters, digits and dashes,
	// starting with a letter, 2 to 32 characters.
	ID string
	// Version is the plugin's semantic version, such as "0.1.0".
	Version string
	// Name and Description are shown to the operator; Name is required.
	Name        Text
	Description Text
	// Activation says when the core runs the plugin.
	Activation Activation
	// Permissions are the Host services the plugin asks the operator for.
	Permissions []Permission
	// SettingsSchema is the JSON Schema (draft 2020-12) of the settings
	// that Configure receives.
	SettingsSchema string
	// ResourceKinds are the kinds of resource the plugin serves through
	// ResourceProvider.
	ResourceKinds []ResourceKind
	// Actions are the actions the plugin runs through ActionRunner.
	Actions []Action
	// Views are the dashboard pages rendered for resource kinds.
	Views []View
	// Schedules are actions the core's scheduler invokes.
	Schedules []Schedule
}

// Text is one string in several languages, keyed by BCP 47 tag ("en",
// "ar"). English is required wherever a Text is set.
type Text map[string]string

// Get returns the text in locale, or the English text when there is none.
func (t Text) Get(locale string) string {
	if s, ok := t[locale]; ok {
		return s
	}
	return t["en"]
}

// Activation says when the core runs a plugin.
type Activation int

const (
	// ActivationUnspecified is the zero value, refused by ValidateManifest.
	ActivationUnspecified Activation = iota
	// ActivationAlways starts the plugin with the core and keeps it running.
	ActivationAlways
	// ActivationOnDemand starts the plugin at its first call and stops it
	// when idle; the core keeps its schedules and wakes it for them.
	ActivationOnDemand
)

// String returns "always", "on-demand" or "unspecified".
func (a Activation) String() string {
	switch a {
	case ActivationAlways:
		return "always"
	case ActivationOnDemand:
		return "on-demand"
	default:
		return "unspecified"
	}
}

// The permissions the core's Host service checks. A plugin asks for them in
// its manifest; the operator grants them.
const (
	// PermissionKV allows KVGet, KVPut, KVDelete and KVList.
	PermissionKV = "kv"
	// PermissionSecrets allows SecretGet and SecretPut.
	PermissionSecrets = "secrets"
	// PermissionEventsPublish allows PublishEvent.
	PermissionEventsPublish = "events.publish"
	// PermissionAuditWrite allows RecordAudit.
	PermissionAuditWrite = "audit.write"
)

// Permission is one thing the plugin asks the operator to grant, with the
// reason shown when the operator decides.
type Permission struct {
	Name   string
	Reason Text
}

// ResourceKind is a kind of resource the plugin serves, such as a website
// or a firewall rule.
type ResourceKind struct {
	// Kind names the kind: lowercase letters, digits, dashes and
	// underscores, starting with a letter.
	Kind  string
	Title Text
	// Schema is the JSON Schema of one resource.
	Schema string
	// Columns are the fields the dashboard shows in its table.
	Columns []Column
}

// Column is one column of a resource kind's table in the dashboard.
type Column struct {
	// Field is a JSON Pointer into the resource, such as "/domain".
	Field string
	Title Text
}

// Action is something the plugin can be asked to do, such as running a
// backup; it reports progress while it runs.
type Action struct {
	// Name names the action, with the same rules as ResourceKind.Kind.
	Name  string
	Title Text
	// InputSchema is the JSON Schema of the action's input.
	InputSchema string
	// Destructive actions ask the operator to confirm.
	Destructive bool
}

// View is a dashboard page rendered from a resource kind's schema.
type View struct {
	ID           string
	Title        Text
	ResourceKind string
}

// Schedule is an action that the core's scheduler invokes.
type Schedule struct {
	Name string
	// Cron is a standard five-field cron expression, in UTC.
	Cron string
	// Action names one of the manifest's actions.
	Action string
	// Input is the action's input, valid against its input schema; empty
	// means {}.
	Input json.RawMessage
}
