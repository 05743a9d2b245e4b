// Package keys holds this installation's Ed25519 signing key.
//
// The key signs audit checkpoints (and, later, review records) so that a
// checkpoint handed to an auditor proves which installation vouched for a
// log head. It is created on first use in the data folder:
//
//	installation.key  PEM "PRIVATE KEY" (PKCS #8), mode 0600, folder 0700
//	installation.pub  the public key as one line of standard base64
//
// Creation is race-free: the private key is written to a temporary file and
// hard-linked into place, so two processes starting at once end up with the
// same key rather than one of them signing with a key that is then replaced.
package keys

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/docattr/docattr/internal/atomicfile"
)

// File names inside the key folder.
const (
	PrivateFile = "installation.key"
	PublicFile  = "installation.pub"
)

// ErrBadKey is the kind of error returned for a key file that cannot be read
// as an Ed25519 key.
var ErrBadKey = errors.New("keys: damaged key file")

// Key is an installation's private key. It is safe for concurrent use.
type Key struct {
	priv ed25519.PrivateKey
}

// LoadOrCreate returns the key stored in dir, creating dir (0700), the
// private key (0600) and the public key file on first use. A private key file
// readable by others is tightened to 0600; a missing or stale public key file
// is rewritten from the private key.
func LoadOrCreate(dir string) (*Key, error) {
	k, _, err := Open(dir)
	return k, err
}

// Origin tells how Open came by the key, so that a key made while another
// existed can be recorded in the audit log (audit.NoteKey).
type Origin struct {
	// Created is set when Open made the key because there was no private
	// key file.
	Created bool
	// Previous is the public key installation.pub held before Open
	// rewrote it, when it differed from the key returned: the key that was
	// deleted or replaced by hand. Nil when there was none.
	Previous ed25519.PublicKey
}

// Open is LoadOrCreate reporting how the key was come by.
func Open(dir string) (*Key, Origin, error) {
	var o Origin
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, o, fmt.Errorf("key folder %s: %w", dir, err)
	}
	path := filepath.Join(dir, PrivateFile)
	pubPath := filepath.Join(dir, PublicFile)
	k, err := load(path)
	if errors.Is(err, fs.ErrNotExist) {
		k, err = create(path)
		o.Created = err == nil
	}
	if err != nil {
		return nil, o, err
	}
	// Read before ensurePublic overwrites it: the last trace of a key that
	// was deleted or swapped.
	if b, err := os.ReadFile(pubPath); err == nil {
		if old, err := DecodePublic(string(b)); err == nil && !old.Equal(k.Public()) {
			o.Previous = old
		}
	}
	if err := ensurePublic(pubPath, k.Public()); err != nil {
		return nil, o, err
	}
	return k, o, nil
}

// Load returns the key stored in dir without creating anything; a missing
// key gives an error matching fs.ErrNotExist.
func Load(dir string) (*Key, error) { return load(filepath.Join(dir, PrivateFile)) }

func load(path string) (*Key, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read key: %w", err)
	}
	if runtime.GOOS != "windows" {
		// A key others can read can be copied and used to forge checkpoints.
		if st, err := os.Stat(path); err == nil && st.Mode().Perm()&0o077 != 0 {
			if err := os.Chmod(path, 0o600); err != nil {
				return nil, fmt.Errorf("restrict key %s: %w", path, err)
			}
		}
	}
	block, _ := pem.Decode(b)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, fmt.Errorf("%w: %s is not a PEM private key", ErrBadKey, path)
	}
	parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadKey, path, err)
	}
	priv, ok := parsed.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("%w: %s holds a %T, not an Ed25519 key", ErrBadKey, path, parsed)
	}
	return &Key{priv: priv}, nil
}

// create writes a fresh key to path unless another process won the race, in
// which case that process's key is loaded.
func create(path string) (*Key, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, fmt.Errorf("encode key: %w", err)
	}
	data := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+PrivateFile+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("create key: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		tmp.Close()
		return nil, fmt.Errorf("create key: %w", err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("write key: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("sync key: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("write key: %w", err)
	}
	// Link never replaces an existing file, unlike rename.
	err = os.Link(tmp.Name(), path)
	if errors.Is(err, fs.ErrExist) {
		return load(path)
	}
	if err != nil {
		// File systems without hard links: fall back to rename, still
		// refusing to replace a key that appeared meanwhile.
		if _, statErr := os.Stat(path); statErr == nil {
			return load(path)
		}
		if err := os.Rename(tmp.Name(), path); err != nil {
			return nil, fmt.Errorf("install key %s: %w", path, err)
		}
	}
	return &Key{priv: priv}, nil
}

func ensurePublic(path string, pub ed25519.PublicKey) error {
	want := EncodePublic(pub) + "\n"
	if b, err := os.ReadFile(path); err == nil && string(b) == want {
		return nil
	}
	if err := atomicfile.WriteFile(path, []byte(want), 0o644); err != nil {
		return fmt.Errorf("write public key: %w", err)
	}
	return nil
}

// Public returns the public half of the key. The caller must not modify it.
func (k *Key) Public() ed25519.PublicKey { return k.priv.Public().(ed25519.PublicKey) }

// Sign returns the Ed25519 signature of msg.
func (k *Key) Sign(msg []byte) []byte { return ed25519.Sign(k.priv, msg) }

// Fingerprint returns the fingerprint of the key's public half.
func (k *Key) Fingerprint() string { return Fingerprint(k.Public()) }

// Fingerprint returns the first 16 bytes of SHA-256(pub) as eight colon
// separated groups of four hex digits, e.g. "3f2a:09bc:…", for people to
// compare over the phone.
func Fingerprint(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	h := hex.EncodeToString(sum[:16])
	groups := make([]string, 0, 8)
	for i := 0; i < len(h); i += 4 {
		groups = append(groups, h[i:i+4])
	}
	return strings.Join(groups, ":")
}

// Verify reports whether sig is pub's valid signature of msg. A public key of
// the wrong length gives false (ed25519.Verify would panic).
func Verify(pub ed25519.PublicKey, msg, sig []byte) bool {
	if len(pub) != ed25519.PublicKeySize || len(sig) != ed25519.SignatureSize {
		return false
	}
	return ed25519.Verify(pub, msg, sig)
}

// EncodePublic returns pub as standard base64 text.
func EncodePublic(pub ed25519.PublicKey) string { return base64.StdEncoding.EncodeToString(pub) }

// DecodePublic parses the output of EncodePublic; surrounding white space is
// ignored.
func DecodePublic(s string) (ed25519.PublicKey, error) {
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("%w: public key: %v", ErrBadKey, err)
	}
	if len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%w: public key has %d bytes, want %d", ErrBadKey, len(b), ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(b), nil
}

// EncodeSignature returns sig as standard base64 text.
func EncodeSignature(sig []byte) string { return base64.StdEncoding.EncodeToString(sig) }

// DecodeSignature parses the output of EncodeSignature.
func DecodeSignature(s string) ([]byte, error) {
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("%w: signature: %v", ErrBadKey, err)
	}
	if len(b) != ed25519.SignatureSize {
		return nil, fmt.Errorf("%w: signature has %d bytes, want %d", ErrBadKey, len(b), ed25519.SignatureSize)
	}
	return b, nil
}
