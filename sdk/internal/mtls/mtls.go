// Package mtls sets up the mutual TLS between the core and one plugin
// process. For each start the core makes two throwaway Ed25519
// certificates, its own and the plugin's, keeps its key, and hands the
// plugin its certificate and key with the core's certificate in the
// plugin's environment; each side then accepts only the other's
// certificate. It replaces go-plugin's AutoMTLS, which makes P-521 keys:
// generating the plugin's first one cost about 18 ms of every plugin start
// on the machine of docs/benchmarks.md, and each P-521 handshake several
// more, while Ed25519 costs microseconds. The environment of a process is
// readable only by its own user and root, who could read the core's memory
// as well; the SDK removes the variables before the plugin's code runs, so
// that programs the plugin starts never inherit the key.
package mtls

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"os"
	"time"
)

// Environment variables that carry the plugin's side.
const (
	EnvCert = "DIWAN_PLUGIN_TLS_CERT" // the plugin's certificate, PEM
	EnvKey  = "DIWAN_PLUGIN_TLS_KEY"  // the plugin's private key, PEM (PKCS #8)
	EnvPeer = "DIWAN_PLUGIN_TLS_PEER" // the core's certificate, PEM
)

// serverName is the name both certificates carry and both sides check.
const serverName = "localhost"

// Pair is what the core keeps of one plugin start: its TLS configuration
// and the environment entries that give the plugin its side.
type Pair struct {
	Core *tls.Config
	Env  []string
}

// NewPair makes the certificates for one plugin start.
func NewPair() (Pair, error) {
	coreCert, coreKey, corePEM, err := selfSigned()
	if err != nil {
		return Pair{}, err
	}
	_, pluginKey, pluginPEM, err := selfSigned()
	if err != nil {
		return Pair{}, err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(pluginKey)
	if err != nil {
		return Pair{}, fmt.Errorf("mtls: %w", err)
	}
	core, err := config(coreCert, coreKey, pluginPEM)
	if err != nil {
		return Pair{}, err
	}
	return Pair{Core: core, Env: []string{
		EnvCert + "=" + string(pluginPEM),
		EnvKey + "=" + string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER})),
		EnvPeer + "=" + string(corePEM),
	}}, nil
}

// FromEnv returns the plugin's TLS configuration from its environment and
// removes the variables, or nil when the core did not set them (go-plugin
// then falls back to its AutoMTLS).
func FromEnv() (*tls.Config, error) {
	certPEM, keyPEM, peerPEM := os.Getenv(EnvCert), os.Getenv(EnvKey), os.Getenv(EnvPeer)
	for _, name := range []string{EnvCert, EnvKey, EnvPeer} {
		_ = os.Unsetenv(name)
	}
	if certPEM == "" && keyPEM == "" && peerPEM == "" {
		return nil, nil
	}
	pair, err := tls.X509KeyPair([]byte(certPEM), []byte(keyPEM))
	if err != nil {
		return nil, fmt.Errorf("mtls: the plugin's certificate: %w", err)
	}
	return withPeer(pair, []byte(peerPEM))
}

// config is the TLS configuration of one side: its certificate, and only
// the peer's certificate trusted, as server and as client.
func config(cert *x509.Certificate, key ed25519.PrivateKey, peerPEM []byte) (*tls.Config, error) {
	return withPeer(tls.Certificate{Certificate: [][]byte{cert.Raw}, PrivateKey: key, Leaf: cert}, peerPEM)
}

func withPeer(own tls.Certificate, peerPEM []byte) (*tls.Config, error) {
	peers := x509.NewCertPool()
	if !peers.AppendCertsFromPEM(peerPEM) {
		return nil, errors.New("mtls: the peer's certificate is not PEM")
	}
	return &tls.Config{
		Certificates: []tls.Certificate{own},
		RootCAs:      peers,
		ClientCAs:    peers,
		ClientAuth:   tls.RequireAndVerifyClientCert,
		ServerName:   serverName,
		MinVersion:   tls.VersionTLS13,
	}, nil
}

// selfSigned makes an Ed25519 key and a certificate for it, valid for a
// day before and ten years after now (a plugin process may run long).
func selfSigned() (*x509.Certificate, ed25519.PrivateKey, []byte, error) {
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("mtls: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("mtls: %w", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: serverName, Organization: []string{"Diwan plugin"}},
		DNSNames:              []string{serverName},
		NotBefore:             now.Add(-24 * time.Hour),
		NotAfter:              now.AddDate(10, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, pub, key)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("mtls: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("mtls: %w", err)
	}
	return cert, key, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), nil
}
