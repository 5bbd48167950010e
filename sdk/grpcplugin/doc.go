// Package grpcplugin is the core's side of Diwan's plugin contract. The
// core starts a plugin with go-plugin using ClientConfig, dispenses
// protocol.PluginName, and receives a *Client whose methods are plain Go
// calls taking and returning the sdk package's types; the protobuf messages
// never leave this package. Client.Configure also serves the core's
// implementation of sdk.Host to the plugin over go-plugin's broker.
//
// Errors come back as the sdk's kinds: a plugin's sdk.ErrNotFound,
// sdk.ErrPermissionDenied and *sdk.InvalidError arrive as errors that
// errors.Is and errors.As recognize, and the Host's errors of those kinds
// reach the plugin the same way. An action that ran and failed is an
// *ActionError.
//
// Plugin authors do not need this package: sdk.Serve serves a plugin and
// package plugintest tests one.
package grpcplugin
