package keys

import (
	"os"
	"path/filepath"
	"testing"
)

func TestOpenReportsAKeyMadeWhileAnotherExisted(t *testing.T) {
	dir := t.TempDir()
	k1, o, err := Open(dir)
	if err != nil || !o.Created || o.Previous != nil {
		t.Fatalf("first run: origin %+v, %v", o, err)
	}
	if _, o, _ := Open(dir); o.Created || o.Previous != nil {
		t.Fatalf("second run: origin %+v", o)
	}
	// The private key is deleted; installation.pub still names it.
	os.Remove(filepath.Join(dir, PrivateFile))
	k2, o, err := Open(dir)
	if err != nil || !o.Created || !o.Previous.Equal(k1.Public()) || k2.Fingerprint() == k1.Fingerprint() {
		t.Fatalf("after deletion: origin %+v, %v", o, err)
	}
	// The private key is swapped by hand for another installation's.
	other := t.TempDir()
	k3, _ := LoadOrCreate(other)
	b, _ := os.ReadFile(filepath.Join(other, PrivateFile))
	os.WriteFile(filepath.Join(dir, PrivateFile), b, 0o600)
	k, o, err := Open(dir)
	if err != nil || o.Created || !o.Previous.Equal(k2.Public()) || k.Fingerprint() != k3.Fingerprint() {
		t.Fatalf("after swap: origin %+v, %v", o, err)
	}
}

func TestPrepareInstallReplacesTheKeyOnlyOnInstall(t *testing.T) {
	dir := t.TempDir()
	old, _ := LoadOrCreate(dir)
	p, err := Prepare(dir)
	if err != nil {
		t.Fatal(err)
	}
	if k, _ := Load(dir); k.Fingerprint() != old.Fingerprint() {
		t.Fatal("Prepare replaced the key")
	}
	if err := p.Install(); err != nil {
		t.Fatal(err)
	}
	p.Abort()
	k, o, err := Open(dir)
	if err != nil || k.Fingerprint() != p.Key().Fingerprint() || o.Previous != nil {
		t.Fatalf("after Install: %v %+v", err, o)
	}
	// Abort leaves nothing behind.
	p2, _ := Prepare(dir)
	p2.Abort()
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("files left: %v", ents)
	}
}
