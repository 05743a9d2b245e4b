package digest

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDigest(t *testing.T) {
	const empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	p := filepath.Join(t.TempDir(), "f")
	os.WriteFile(p, nil, 0o644)
	if got, err := File(p); err != nil || got != empty {
		t.Errorf("File = %s, %v", got, err)
	}
	if Bytes(nil) != empty {
		t.Error("Bytes")
	}
	if _, err := File(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("missing file hashed")
	}
}
