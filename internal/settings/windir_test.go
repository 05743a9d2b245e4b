package settings

import (
	"os"
	"path/filepath"
	"testing"
)

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestMoveDataDirFromRoaming(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "Roaming", "docattr")
	dst := filepath.Join(root, "Local", "docattr")
	writeFile(t, filepath.Join(src, "settings.json"), `{"name":"张三"}`)
	writeFile(t, filepath.Join(src, "keys", "installation.key"), "key")

	if err := moveDataDir(src, dst); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dst, "settings.json")); got != `{"name":"张三"}` {
		t.Errorf("settings after move = %q", got)
	}
	if got := readFile(t, filepath.Join(dst, "keys", "installation.key")); got != "key" {
		t.Errorf("key after move = %q", got)
	}
	if _, err := os.Stat(src); !os.IsNotExist(err) {
		t.Errorf("src folder still there after the move (err %v)", err)
	}

	// Once moved, a Roaming folder that reappears (a profile sync) is left alone.
	writeFile(t, filepath.Join(src, "settings.json"), `{"name":"src"}`)
	if err := moveDataDir(src, dst); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dst, "settings.json")); got != `{"name":"张三"}` {
		t.Errorf("second run overwrote the data: %q", got)
	}
}

func TestMoveDataDirNothingToMove(t *testing.T) {
	root := t.TempDir()
	dst := filepath.Join(root, "Local", "docattr")
	if err := moveDataDir(filepath.Join(root, "Roaming", "docattr"), dst); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dst); !os.IsNotExist(err) {
		t.Errorf("a fresh install got a data folder from nowhere (err %v)", err)
	}
}

func TestCopyTreeCopiesEverything(t *testing.T) {
	root := t.TempDir()
	src, dst := filepath.Join(root, "src"), filepath.Join(root, "dst")
	writeFile(t, filepath.Join(src, "audit.db"), "bolt")
	writeFile(t, filepath.Join(src, "a", "b", "c.txt"), "deep")
	if err := copyTree(src, dst); err != nil {
		t.Fatal(err)
	}
	if readFile(t, filepath.Join(dst, "audit.db")) != "bolt" || readFile(t, filepath.Join(dst, "a", "b", "c.txt")) != "deep" {
		t.Error("copy differs from the source")
	}
}
