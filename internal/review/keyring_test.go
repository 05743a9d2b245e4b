package review

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/docattr/docattr/internal/keys"
)

func TestKeyring(t *testing.T) {
	dir := t.TempDir()
	kr, err := LoadKeyring(dir)
	if err != nil || len(kr.List()) != 0 {
		t.Fatalf("missing file: %v %v", kr, err)
	}
	a, _ := keys.LoadOrCreate(t.TempDir())
	b, _ := keys.LoadOrCreate(t.TempDir())
	if err := kr.Add("张三", a.Public()); err != nil {
		t.Fatal(err)
	}
	if err := kr.Add("张三", a.Public()); err != nil {
		t.Errorf("re-adding the same pair: %v", err)
	}
	if err := kr.Add("张三", b.Public()); !errors.Is(err, ErrKeyConflict) {
		t.Errorf("name with another key: %v", err)
	}
	if err := kr.Add("李四", a.Public()); !errors.Is(err, ErrKeyConflict) {
		t.Errorf("key under another name: %v", err)
	}
	if err := kr.Add(" ", b.Public()); !errors.Is(err, ErrBadRequest) {
		t.Errorf("empty name: %v", err)
	}
	if err := kr.Add("李四", b.Public()); err != nil {
		t.Fatal(err)
	}
	if err := kr.Save(dir); err != nil {
		t.Fatal(err)
	}
	back, err := LoadKeyring(dir)
	if err != nil {
		t.Fatal(err)
	}
	list := back.List()
	if len(list) != 2 || list[0].Name != "张三" || list[0].Fingerprint != a.Fingerprint() {
		t.Fatalf("list %+v", list)
	}
	if name, ok := back.Lookup(b.Public()); !ok || name != "李四" {
		t.Errorf("lookup %q %v", name, ok)
	}
	if st, _ := os.Stat(filepath.Join(dir, KeyringFile)); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode())
	}
	os.WriteFile(filepath.Join(dir, KeyringFile), []byte(`{"x":"bad"}`), 0o600)
	if _, err := LoadKeyring(dir); !errors.Is(err, keys.ErrBadKey) {
		t.Errorf("damaged keyring: %v", err)
	}
}

func TestReadPublicKey(t *testing.T) {
	dir := t.TempDir()
	k, _ := keys.LoadOrCreate(dir)
	for _, arg := range []string{keys.EncodePublic(k.Public()), filepath.Join(dir, keys.PublicFile)} {
		pub, err := ReadPublicKey(arg)
		if err != nil || !pub.Equal(k.Public()) {
			t.Errorf("%s: %v", arg, err)
		}
	}
	if _, err := ReadPublicKey(filepath.Join(dir, "nope")); !errors.Is(err, keys.ErrBadKey) {
		t.Errorf("missing file: %v", err)
	}
}
