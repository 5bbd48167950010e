package sdk

import "context"

// Host is the core's side of the contract, which a plugin receives in
// Configure. Every call is checked against the permissions the operator
// granted; a refused call returns an error wrapping ErrPermissionDenied.
// Keys and secret names are namespaced per plugin: a plugin never sees
// another's.
type Host interface {
	// KVGet returns the value stored under key, and false when there is
	// none. It needs PermissionKV, like every KV method.
	KVGet(ctx context.Context, key string) ([]byte, bool, error)
	// KVPut stores value under key, replacing any value there.
	KVPut(ctx context.Context, key string, value []byte) error
	// KVDelete removes key; removing a missing key is not an error.
	KVDelete(ctx context.Context, key string) error
	// KVList returns the keys that start with prefix, sorted.
	KVList(ctx context.Context, prefix string) ([]string, error)

	// SecretGet returns the secret stored under name, and false when there
	// is none. It needs PermissionSecrets, like SecretPut.
	SecretGet(ctx context.Context, name string) ([]byte, bool, error)
	// SecretPut stores a secret, encrypted at rest by the core.
	SecretPut(ctx context.Context, name string, value []byte) error

	// PublishEvent sends an event of kind to the dashboard and alerting,
	// with v encoded by encoding/json (a json.RawMessage is sent as is).
	// It needs PermissionEventsPublish.
	PublishEvent(ctx context.Context, kind string, v any) error

	// RecordAudit adds an entry to the panel's audit trail under the
	// plugin's name. It needs PermissionAuditWrite.
	RecordAudit(ctx context.Context, entry AuditEntry) error
}

// AuditEntry is one change a plugin made, for the audit trail.
type AuditEntry struct {
	// Action says what was done, such as "site.create".
	Action string
	// Target names what it was done to, such as "example.com".
	Target  string
	Success bool
	// Detail adds anything the operator should know.
	Detail string
}
