// Package sdk is what a Diwan plugin imports. A plugin is a program whose
// main function calls Serve with a value that implements Plugin; the panel's
// core starts it as a separate process and talks to it over gRPC through
// hashicorp/go-plugin.
//
// Every plugin implements Plugin: it describes itself with a Manifest,
// accepts its settings and a Host in Configure, and reports its Health.
// It may also implement ResourceProvider (resources the dashboard lists and
// edits), ActionRunner (long-running actions with progress), MetricsCollector
// (Prometheus metrics) and Shutdowner (a graceful stop). The Host gives the
// plugin key-value storage, secrets, events and audit entries, each behind a
// permission that the manifest asks for and the operator grants.
//
// Errors carry meaning across the process boundary: return ErrNotFound, or
// wrap it with %w, for something that does not exist; return an error made
// by Invalid for input that is refused; a Host call that the operator did
// not grant fails with ErrPermissionDenied. The core sees them as the gRPC
// codes NotFound, InvalidArgument and PermissionDenied.
//
// The types here are plain Go; the protobuf contract stays behind adapters.
// Package plugintest serves a plugin in-process for tests and checks it with
// a conformance suite; package grpcplugin is the core's side of the wire;
// package protocol holds the handshake both sides share.
package sdk
