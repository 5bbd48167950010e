package sdk

import (
	"context"
	"encoding/json"
)

// Plugin is what every plugin implements. The core calls Manifest (through
// Describe) first, then Configure, then anything else; Configure may be
// called again when the operator changes the settings. Methods may be
// called concurrently and must be safe for that.
type Plugin interface {
	// Manifest returns the plugin's manifest. It must return the same value
	// every time and must not depend on Configure.
	Manifest() Manifest

	// Configure gives the plugin its settings, which the core has checked
	// against Manifest().SettingsSchema, and the Host it may call back. The
	// plugin validates the settings again and refuses them with an error
	// made by Invalid; the SDK has already refused a body that is not JSON
	// or whose top-level type differs from the schema's.
	Configure(ctx context.Context, settings json.RawMessage, host Host) error

	// CheckHealth says whether the plugin can do its work.
	CheckHealth(ctx context.Context) Health
}

// HealthStatus is how well a plugin is doing.
type HealthStatus int

const (
	// HealthUnknown is the zero value; a plugin never reports it.
	HealthUnknown HealthStatus = iota
	// HealthOK means the plugin does its work.
	HealthOK
	// HealthDegraded means the plugin works in part, with a message why.
	HealthDegraded
	// HealthDown means the plugin cannot do its work, with a message why.
	HealthDown
)

// String returns "ok", "degraded", "down" or "unknown".
func (s HealthStatus) String() string {
	switch s {
	case HealthOK:
		return "ok"
	case HealthDegraded:
		return "degraded"
	case HealthDown:
		return "down"
	default:
		return "unknown"
	}
}

// Health is a plugin's answer to CheckHealth.
type Health struct {
	Status  HealthStatus
	Message string
}

// Resource is one resource of a kind the manifest declares.
type Resource struct {
	Kind string
	ID   string
	// JSON is the resource, valid against its kind's schema.
	JSON json.RawMessage
}

// PageRequest asks for one page of a list.
type PageRequest struct {
	// Size is the most items wanted; 0 lets the plugin choose.
	Size int
	// Token is empty for the first page, and a previous Page's NextToken
	// for the next one.
	Token string
}

// Page is one page of a list.
type Page struct {
	Items []Resource
	// NextToken is empty on the last page.
	NextToken string
}

// ResourceProvider is implemented by plugins whose manifest declares
// resource kinds. The SDK answers NotFound for a kind the manifest does not
// declare before calling these methods, and refuses an Apply body that is
// not JSON or whose top-level type differs from the kind's schema.
type ResourceProvider interface {
	// List returns one page of the resources of kind.
	List(ctx context.Context, kind string, page PageRequest) (Page, error)
	// Get returns one resource, or an error wrapping ErrNotFound.
	Get(ctx context.Context, kind, id string) (Resource, error)
	// Apply creates a resource when id is empty and replaces the resource
	// id otherwise, and returns it as stored. Refused input is an error made
	// by Invalid; an unknown id wraps ErrNotFound.
	Apply(ctx context.Context, kind, id string, data json.RawMessage) (Resource, error)
	// Delete removes a resource, or returns an error wrapping ErrNotFound.
	Delete(ctx context.Context, kind, id string) error
}

// ActionRunner is implemented by plugins whose manifest declares actions.
// The SDK answers NotFound for an action the manifest does not declare.
type ActionRunner interface {
	// Invoke runs action with its input and returns its output as JSON.
	// It reports progress through report as it goes; ctx ends when the
	// core cancels the task. An error made by Invalid, or one wrapping
	// ErrNotFound or ErrPermissionDenied, fails the call itself; any other
	// error is reported as the action's failed result.
	Invoke(ctx context.Context, action string, input json.RawMessage, report Reporter) (json.RawMessage, error)
}

// Reporter receives an action's progress while it runs. Its methods may be
// called from several goroutines.
type Reporter interface {
	// Progress reports how far the action is, from 0 to 1, never going
	// back, with a short message for the operator.
	Progress(fraction float64, msg string)
	// Log adds a line to the task's log; level is "debug", "info", "warn"
	// or "error".
	Log(level, text string)
}

// MetricsCollector is implemented by plugins that have metrics of their own.
type MetricsCollector interface {
	// CollectMetrics returns the metrics in Prometheus text exposition
	// format; the core adds a plugin label and serves them on /metrics.
	CollectMetrics(ctx context.Context) (string, error)
}

// Shutdowner is implemented by plugins that must finish work before they
// stop. The core ends the process group after ctx's deadline.
type Shutdowner interface {
	Shutdown(ctx context.Context) error
}
