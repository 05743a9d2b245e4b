package keys

import (
	"crypto/ed25519"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

func TestLoadOrCreateCreatesThenReloadsSameKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	k1, err := LoadOrCreate(dir)
	if err != nil {
		t.Fatal(err)
	}
	k2, err := LoadOrCreate(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !k1.Public().Equal(k2.Public()) {
		t.Fatal("second LoadOrCreate returned a different key")
	}
	pub, err := os.ReadFile(filepath.Join(dir, PublicFile))
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodePublic(string(pub))
	if err != nil || !got.Equal(k1.Public()) {
		t.Fatalf("installation.pub = %q (%v), want the key's public half", pub, err)
	}
	if runtime.GOOS != "windows" {
		for name, want := range map[string]os.FileMode{dir: 0o700, filepath.Join(dir, PrivateFile): 0o600} {
			st, err := os.Stat(name)
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != want {
				t.Errorf("%s mode = %v, want %v", name, st.Mode().Perm(), want)
			}
		}
	}
}

func TestLoadOrCreateConcurrentCallersAgree(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	keys := make([]*Key, 8)
	errs := make([]error, 8)
	for i := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			keys[i], errs[i] = LoadOrCreate(dir)
		}()
	}
	wg.Wait()
	for i := range keys {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if !keys[i].Public().Equal(keys[0].Public()) {
			t.Fatalf("caller %d got a different key", i)
		}
	}
}

func TestLoadOrCreateRewritesStalePublicFile(t *testing.T) {
	dir := t.TempDir()
	k, err := LoadOrCreate(dir)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, PublicFile), []byte("garbage\n"), 0o644)
	if _, err := LoadOrCreate(dir); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, PublicFile))
	if strings.TrimSpace(string(b)) != EncodePublic(k.Public()) {
		t.Fatalf("public file not repaired: %q", b)
	}
}

func TestDamagedPrivateKeyIsReported(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, PrivateFile), []byte("not a key"), 0o600)
	if _, err := LoadOrCreate(dir); !errors.Is(err, ErrBadKey) {
		t.Fatalf("err = %v, want ErrBadKey", err)
	}
}

func TestSignVerify(t *testing.T) {
	k, err := LoadOrCreate(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	other, err := LoadOrCreate(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	msg := []byte("docattr checkpoint")
	sig := k.Sign(msg)
	tests := []struct {
		name string
		pub  ed25519.PublicKey
		msg  []byte
		sig  []byte
		want bool
	}{
		{"valid", k.Public(), msg, sig, true},
		{"other key", other.Public(), msg, sig, false},
		{"changed message", k.Public(), []byte("docattr checkpoinT"), sig, false},
		{"short signature", k.Public(), msg, sig[:10], false},
		{"short public key", k.Public()[:5], msg, sig, false},
	}
	for _, tt := range tests {
		if got := Verify(tt.pub, tt.msg, tt.sig); got != tt.want {
			t.Errorf("%s: Verify = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestEncodingRoundTripsAndRejectsBadInput(t *testing.T) {
	k, err := LoadOrCreate(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodePublic(" " + EncodePublic(k.Public()) + "\n")
	if err != nil || !got.Equal(k.Public()) {
		t.Fatalf("DecodePublic round trip: %v", err)
	}
	sig := k.Sign([]byte("x"))
	if b, err := DecodeSignature(EncodeSignature(sig)); err != nil || string(b) != string(sig) {
		t.Fatalf("DecodeSignature round trip: %v", err)
	}
	for _, bad := range []string{"", "!!!", "AAAA"} {
		if _, err := DecodePublic(bad); !errors.Is(err, ErrBadKey) {
			t.Errorf("DecodePublic(%q) err = %v, want ErrBadKey", bad, err)
		}
		if _, err := DecodeSignature(bad); !errors.Is(err, ErrBadKey) {
			t.Errorf("DecodeSignature(%q) err = %v, want ErrBadKey", bad, err)
		}
	}
}

func TestFingerprintFormat(t *testing.T) {
	k, err := LoadOrCreate(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	fp := k.Fingerprint()
	groups := strings.Split(fp, ":")
	if len(groups) != 8 || len(fp) != 39 {
		t.Fatalf("fingerprint %q: want 8 groups of 4 hex digits", fp)
	}
	if Fingerprint(k.Public()) != fp {
		t.Fatal("Fingerprint(pub) differs from Key.Fingerprint")
	}
}
