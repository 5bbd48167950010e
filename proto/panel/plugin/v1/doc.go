// Package pluginv1 is the generated Go code of Diwan's plugin contract,
// version 1 (plugin.proto, host.proto). Regenerate it with `make proto`;
// `make proto-check` fails when it is stale. Plugin authors use the sdk
// module, which keeps these types out of its public API.
package pluginv1
