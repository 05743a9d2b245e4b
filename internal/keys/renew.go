package keys

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// Pending is a new key written to a temporary file beside the installation
// key but not yet in its place; see Prepare.
type Pending struct {
	dir, tmp string
	key      *Key
}

// Prepare generates a key to replace the one in dir and writes it, synced,
// to a temporary file. Nothing changes until Install; Abort removes it.
// Renewal records the change in the audit log between the two (see
// audit.RenewKey).
func Prepare(dir string) (*Pending, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, fmt.Errorf("encode key: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+PrivateFile+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("create key: %w", err)
	}
	p := &Pending{dir: dir, tmp: tmp.Name(), key: &Key{priv: priv}}
	err = tmp.Chmod(0o600)
	if err != nil && runtime.GOOS == "windows" {
		err = nil
	}
	if err == nil {
		_, err = tmp.Write(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		p.Abort()
		return nil, fmt.Errorf("write key: %w", err)
	}
	return p, nil
}

// Key returns the new key.
func (p *Pending) Key() *Key { return p.key }

// Install puts the new key in place of the old one and rewrites the public
// key file.
func (p *Pending) Install() error {
	if err := os.Rename(p.tmp, filepath.Join(p.dir, PrivateFile)); err != nil {
		return fmt.Errorf("install key: %w", err)
	}
	p.tmp = ""
	if runtime.GOOS != "windows" {
		// The rename is durable only once the folder is synced; the log
		// already names the new key.
		if d, err := os.Open(p.dir); err == nil {
			d.Sync()
			d.Close()
		}
	}
	return ensurePublic(filepath.Join(p.dir, PublicFile), p.key.Public())
}

// Abort removes the temporary file unless Install ran; it is safe to call
// after Install.
func (p *Pending) Abort() {
	if p.tmp != "" {
		os.Remove(p.tmp)
		p.tmp = ""
	}
}
