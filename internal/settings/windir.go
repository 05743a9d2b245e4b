package settings

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// On Windows the data lives in %LocalAppData%\docattr, not in Roaming
// AppData: domain PCs copy Roaming to network shares, and a bbolt file on
// SMB risks broken locks and corruption. Earlier versions used Roaming, so
// the first run moves that folder over once.
var (
	moveOnce sync.Once
	moveErr  error
)

func windowsDataDir() (string, error) {
	local := os.Getenv("LocalAppData")
	if local == "" {
		return "", errors.New("data folder: %LocalAppData% is not set")
	}
	d := filepath.Join(local, "docattr")
	moveOnce.Do(func() {
		if roaming := os.Getenv("AppData"); roaming != "" {
			moveErr = moveDataDir(filepath.Join(roaming, "docattr"), d)
		}
	})
	if moveErr != nil {
		return "", moveErr
	}
	return d, nil
}

// moveDataDir moves the folder src to dst when src exists and dst does not.
// A rename is tried first; across volumes (Roaming redirected to a share)
// the files are copied and the src folder removed only after every copy
// succeeded, so a failure leaves the src data whole.
func moveDataDir(src, dst string) error {
	if _, err := os.Stat(dst); err == nil || !errors.Is(err, fs.ErrNotExist) {
		return nil // already moved, or a fresh install made it
	}
	if fi, err := os.Stat(src); err != nil || !fi.IsDir() {
		return nil // nothing to move
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return fmt.Errorf("moving data folder %s to %s: %w", src, dst, err)
	}
	if err := os.Rename(src, dst); err == nil {
		return nil
	}
	tmp := dst + ".moving"
	_ = os.RemoveAll(tmp)
	if err := copyTree(src, tmp); err != nil {
		_ = os.RemoveAll(tmp)
		return fmt.Errorf("moving data folder %s to %s: %w", src, dst, err)
	}
	if err := os.Rename(tmp, dst); err != nil {
		return fmt.Errorf("moving data folder %s to %s: %w", src, dst, err)
	}
	_ = os.RemoveAll(src)
	return nil
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o700)
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		if err := out.Sync(); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}
