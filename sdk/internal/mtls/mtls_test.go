package mtls

import (
	"crypto/tls"
	"net"
	"os"
	"strings"
	"testing"
)

// pluginSide reads the plugin's configuration from a pair's environment
// entries, as the plugin process does.
func pluginSide(t *testing.T, p Pair) *tls.Config {
	t.Helper()
	for _, kv := range p.Env {
		name, value, _ := strings.Cut(kv, "=")
		t.Setenv(name, value)
	}
	cfg, err := FromEnv()
	if err != nil || cfg == nil {
		t.Fatalf("FromEnv = %v, %v", cfg, err)
	}
	for _, name := range []string{EnvCert, EnvKey, EnvPeer} {
		if _, ok := os.LookupEnv(name); ok {
			t.Fatalf("%s is still in the environment", name)
		}
	}
	return cfg
}

// handshake connects a client and a server over a pipe and returns each
// side's error.
func handshake(client, server *tls.Config) (error, error) {
	c, s := net.Pipe()
	defer c.Close()
	defer s.Close()
	errs := make(chan error, 1)
	go func() { errs <- tls.Server(s, server).Handshake() }()
	cerr := tls.Client(c, client).Handshake()
	if cerr != nil {
		_ = c.Close()
	}
	return cerr, <-errs
}

func TestPairHandshakes(t *testing.T) {
	p, err := NewPair()
	if err != nil {
		t.Fatal(err)
	}
	plugin := pluginSide(t, p)
	// The core dials the plugin, and the plugin dials the core's Host
	// service through the broker: both directions must work.
	if cerr, serr := handshake(p.Core, plugin); cerr != nil || serr != nil {
		t.Fatalf("core → plugin: %v / %v", cerr, serr)
	}
	if cerr, serr := handshake(plugin, p.Core); cerr != nil || serr != nil {
		t.Fatalf("plugin → core: %v / %v", cerr, serr)
	}
}

// A process holding another start's certificates is refused by both sides.
func TestPairRefusesStrangers(t *testing.T) {
	p, err := NewPair()
	if err != nil {
		t.Fatal(err)
	}
	other, err := NewPair()
	if err != nil {
		t.Fatal(err)
	}
	plugin := pluginSide(t, p)
	if cerr, serr := handshake(other.Core, plugin); cerr == nil && serr == nil {
		t.Fatal("the plugin accepted a core it was not started by")
	}
	if cerr, serr := handshake(plugin, other.Core); cerr == nil && serr == nil {
		t.Fatal("a core accepted a plugin it did not start")
	}
}

func TestFromEnvWithoutOrWithBadMaterial(t *testing.T) {
	if cfg, err := FromEnv(); cfg != nil || err != nil {
		t.Fatalf("no variables: %v, %v; want nil, nil (go-plugin's own TLS)", cfg, err)
	}
	t.Setenv(EnvCert, "not a certificate")
	t.Setenv(EnvKey, "not a key")
	t.Setenv(EnvPeer, "not a peer")
	if _, err := FromEnv(); err == nil {
		t.Fatal("broken TLS material was accepted")
	}
}
