package plugin_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

const mailpitVersion = "v1.33.1"

// mailpitBinary returns mailpit, installed from the module proxy once into
// the user's cache directory.
func mailpitBinary(t *testing.T) string {
	t.Helper()
	cache, err := os.UserCacheDir()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(cache, "diwan", "mailpit-"+mailpitVersion)
	bin := filepath.Join(dir, "mailpit")
	if _, err := os.Stat(bin); err == nil {
		return bin
	}
	goBin := tool(t, "go", "the Go toolchain installs mailpit")
	cmd := exec.Command(goBin, "install", "github.com/axllent/mailpit@"+mailpitVersion)
	cmd.Env = append(os.Environ(), "GOBIN="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go install mailpit: %v\n%s", err, out)
	}
	return bin
}

// freePort returns a loopback TCP port nobody listens on.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// testCA writes a certificate for 127.0.0.1 and its key, and returns
// their paths and a pool trusting the certificate.
func testCA(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// mailpit is a running mailpit.
type mailpit struct {
	smtpPort int
	api      string
	tls      *tls.Config
}

// startMailpit runs mailpit on loopback, requiring STARTTLS (or implicit
// TLS when implicit is set) and accepting any login.
func startMailpit(t *testing.T, implicit bool) mailpit {
	t.Helper()
	bin := mailpitBinary(t)
	certFile, keyFile, pool := testCA(t)
	smtpPort, httpPort := freePort(t), freePort(t)
	mode := "--smtp-require-starttls"
	if implicit {
		mode = "--smtp-require-tls"
	}
	cmd := exec.Command(bin,
		"--smtp", "127.0.0.1:"+strconv.Itoa(smtpPort), "--listen", "127.0.0.1:"+strconv.Itoa(httpPort),
		"--smtp-tls-cert", certFile, "--smtp-tls-key", keyFile, mode, "--smtp-auth-accept-any",
		"--database", filepath.Join(t.TempDir(), "mailpit.db"), "--quiet")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	m := mailpit{smtpPort: smtpPort, api: "http://127.0.0.1:" + strconv.Itoa(httpPort), tls: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}
	eventually(t, 15*time.Second, "mailpit to listen", func() bool {
		resp, err := http.Get(m.api + "/api/v1/messages")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	return m
}

// subjects returns the subjects of the messages mailpit received.
func (m mailpit) subjects(t *testing.T) []string {
	t.Helper()
	resp, err := http.Get(m.api + "/api/v1/messages")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var list struct {
		Messages []struct{ Subject string } `json:"messages"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(list.Messages))
	for i, msg := range list.Messages {
		out[i] = msg.Subject
	}
	return out
}
