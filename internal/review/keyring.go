package review

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/docattr/docattr/internal/atomicfile"
	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/usertext"
)

// KeyringFile is the keyring's name in the data folder. It is a JSON object
// mapping a colleague's name to their installation's public key (base64, as
// in installation.pub):
//
//	{"张三": "q3Jf…=", "李四": "…"}
const KeyringFile = "keyring.json"

// Keyring holds colleagues' public keys by name. One name has one key and
// one key one name, so a verified signature names exactly one person. The
// zero value is an empty keyring.
type Keyring struct {
	byName map[string]ed25519.PublicKey
}

// Entry is one keyring entry.
type Entry struct {
	Name        string `json:"name"`
	PublicKey   string `json:"public_key"`
	Fingerprint string `json:"fingerprint"`
}

// LoadKeyring reads dir/keyring.json; a missing file is an empty keyring.
func LoadKeyring(dir string) (*Keyring, error) {
	kr := &Keyring{byName: map[string]ed25519.PublicKey{}}
	b, err := os.ReadFile(filepath.Join(dir, KeyringFile))
	if errors.Is(err, fs.ErrNotExist) {
		return kr, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read keyring: %w", err)
	}
	var raw map[string]string
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, msg.Newf(keys.ErrBadKey, err, "密钥环文件 keyring.json 已损坏", "the keyring file keyring.json is damaged")
	}
	for name, s := range raw {
		pub, err := keys.DecodePublic(s)
		if err != nil {
			return nil, msg.Newf(keys.ErrBadKey, err, fmt.Sprintf("密钥环中 %s 的公钥无效", name),
				fmt.Sprintf("the keyring's key for %s is invalid", name))
		}
		kr.byName[name] = pub
	}
	return kr, nil
}

// Save writes the keyring to dir/keyring.json atomically (mode 0600).
func (kr *Keyring) Save(dir string) error {
	raw := map[string]string{}
	for name, pub := range kr.byName {
		raw[name] = keys.EncodePublic(pub)
	}
	b, err := json.MarshalIndent(raw, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(dir, KeyringFile), append(b, '\n'), 0o600)
}

// Add records name's key. Adding the same pair again is a no-op; a name
// that already has another key, or a key already under another name, is
// refused with ErrKeyConflict (remove the entry by hand to replace it).
func (kr *Keyring) Add(name string, pub ed25519.PublicKey) error {
	name = strings.TrimSpace(name)
	if err := usertext.Check(usertext.KeyringName, name); err != nil {
		return err
	}
	if name == "" {
		return msg.New(ErrBadRequest, "请给出同事的姓名", "give the colleague's name")
	}
	if len(pub) != ed25519.PublicKeySize {
		return msg.New(keys.ErrBadKey, "公钥长度不对", "wrong public key length")
	}
	if kr.byName == nil {
		kr.byName = map[string]ed25519.PublicKey{}
	}
	if old, ok := kr.byName[name]; ok {
		if bytes.Equal(old, pub) {
			return nil
		}
		return msg.New(ErrKeyConflict, fmt.Sprintf("密钥环中 %s 已有另一把公钥（指纹 %s）", name, keys.Fingerprint(old)),
			fmt.Sprintf("%s already has another key in the keyring (fingerprint %s)", name, keys.Fingerprint(old)))
	}
	if other, ok := kr.Lookup(pub); ok {
		return msg.New(ErrKeyConflict, fmt.Sprintf("该公钥已登记为 %s", other),
			fmt.Sprintf("this key is already registered as %s", other))
	}
	kr.byName[name] = append(ed25519.PublicKey(nil), pub...)
	return nil
}

// Lookup returns the name registered for pub.
func (kr *Keyring) Lookup(pub ed25519.PublicKey) (string, bool) {
	if kr == nil {
		return "", false
	}
	for name, k := range kr.byName {
		if bytes.Equal(k, pub) {
			return name, true
		}
	}
	return "", false
}

// KeyOf returns the key registered under name (compared as sameName does:
// trimmed, case-insensitive).
func (kr *Keyring) KeyOf(name string) (ed25519.PublicKey, bool) {
	if kr == nil {
		return nil, false
	}
	for n, k := range kr.byName {
		if sameName(n, name) {
			return k, true
		}
	}
	return nil, false
}

// List returns the entries sorted by name.
func (kr *Keyring) List() []Entry {
	var out []Entry
	if kr == nil {
		return nil
	}
	for name, pub := range kr.byName {
		out = append(out, Entry{Name: name, PublicKey: keys.EncodePublic(pub), Fingerprint: keys.Fingerprint(pub)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ReadPublicKey accepts a public key as base64 text or as the path of a
// file holding it (installation.pub).
func ReadPublicKey(arg string) (ed25519.PublicKey, error) {
	if pub, err := keys.DecodePublic(arg); err == nil {
		return pub, nil
	}
	b, err := os.ReadFile(arg)
	if err != nil {
		return nil, msg.Newf(keys.ErrBadKey, err, fmt.Sprintf("%s 既不是公钥也不是可读的公钥文件", arg),
			fmt.Sprintf("%s is neither a public key nor a readable key file", arg))
	}
	pub, err := keys.DecodePublic(string(b))
	if err != nil {
		return nil, msg.Newf(keys.ErrBadKey, err, fmt.Sprintf("文件 %s 中不是有效的公钥", arg),
			fmt.Sprintf("file %s does not hold a valid public key", arg))
	}
	return pub, nil
}
