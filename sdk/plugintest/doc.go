// Package plugintest tests a Diwan plugin in-process, the way the core will
// call it: Start serves the plugin over go-plugin's in-process gRPC
// connection, with a FakeHost in place of the core's Host service, and
// returns a Client with a plain Go method for every call of the contract.
// Everything crosses the same adapters as in production, so errors arrive
// as the core would see them.
//
// Conformance runs the checks that every plugin must pass; call it from the
// plugin's own tests, with samples of its resources and inputs of its
// actions, next to tests of the plugin's own behaviour.
package plugintest
