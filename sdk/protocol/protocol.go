// Package protocol holds what Diwan's core and its plugins must agree on
// before they can speak gRPC: the go-plugin handshake, the contract's
// protocol version and the name under which the plugin is dispensed.
//
// The core imports this package (and grpcplugin) and nothing else of the
// SDK's serving code; plugins reach it through sdk.Serve. Changing a value
// here breaks every plugin built against the old one, so a new contract
// version is added next to the old one rather than replacing it.
package protocol

import (
	"regexp"

	"github.com/hashicorp/go-plugin"
)

// IDPattern is the grammar of a plugin id: 2 to 32 lowercase letters,
// digits and dashes, starting with a letter. The core and the SDK check
// ids against it.
const IDPattern = `^[a-z][a-z0-9-]{1,31}$`

var idRE = regexp.MustCompile(IDPattern)

// ValidID reports whether id is a plugin id.
func ValidID(id string) bool { return idRE.MatchString(id) }

// ProtocolVersion is the version of the plugin contract
// (proto/panel/plugin/v1) that this SDK speaks.
const ProtocolVersion = 1

// PluginName is the name under which a plugin process serves the contract
// and under which the core dispenses it.
const PluginName = "diwan"

// Handshake is the go-plugin handshake shared by the core and every plugin.
// The magic cookie is not a secret: it only stops a plugin binary from
// starting a server when someone runs it by hand, and lets go-plugin print
// a helpful message instead.
var Handshake = plugin.HandshakeConfig{
	ProtocolVersion:  ProtocolVersion,
	MagicCookieKey:   "DIWAN_PLUGIN",
	MagicCookieValue: "7d0efb2515a5ae1678a81983c04c35213909a26cde40c00b",
}

// VersionedPlugins returns the plugin set to put in go-plugin's ServeConfig
// or ClientConfig VersionedPlugins field: impl under PluginName for every
// protocol version this SDK speaks (today only ProtocolVersion).
func VersionedPlugins(impl plugin.Plugin) map[int]plugin.PluginSet {
	return map[int]plugin.PluginSet{
		ProtocolVersion: {PluginName: impl},
	}
}
