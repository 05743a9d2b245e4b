// Package atomicfile writes files so that a reader sees either the old file or
// the complete new one, never a half-written one: data goes to a temporary
// file in the destination's folder, is fsynced, and is moved into place.
//
// Commit is separate from writing so that a caller can record an event (the
// audit log) after the data is durable and before it becomes visible: no
// marked file exists without its event.
//
// Temporary files must not outlive a crash. On Linux the temporary file is
// created unnamed (O_TMPFILE) where the file system allows it and is linked
// into the folder only at Commit, so a killed process leaves nothing behind.
// Elsewhere, and where O_TMPFILE is refused, the temporary file has a name
// only docattr uses (.docattr-<16 hex>.tmp), is locked while its writer
// lives, and Sweep — which Create runs once per folder and process — removes
// such files whose writer is gone.
package atomicfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
)

// File is a pending write to Path. It is an io.Writer and an io.ReaderAt
// over what was written so far.
type File struct {
	f    *os.File
	Path string
	// Perm is the mode the file gets when committed (0644 unless changed).
	Perm os.FileMode
	// name is the temporary name, "" while the file is unnamed.
	name    string
	unnamed bool
	done    bool
	// Direct asks for large aligned writes to go past the page cache
	// (direct.go); set it before the first Write.
	Direct   bool
	directOn bool // the descriptor is in direct mode now
	// written and flushed count bytes, for early writeback of large files.
	written, flushed int64
}

// writebackChunk is how much is written before the kernel is asked to start
// writing it out.
const writebackChunk = 4 << 20

// unnamedOn switches the Linux unnamed temporary files; see SetUnnamed.
var unnamedOn atomic.Bool

func init() { unnamedOn.Store(true) }

// SetUnnamed turns unnamed temporary files (Linux O_TMPFILE) on or off; it
// is on by default. Tests turn it off to exercise the named fallback that
// other systems use.
func SetUnnamed(on bool) { unnamedOn.Store(on) }

// Create starts a pending write to path. The temporary file lives in the same
// folder so that the final rename never crosses file systems. Stale
// temporary files of crashed docattr processes in that folder are removed
// first (once per folder and process).
func Create(path string) (*File, error) {
	dir := filepath.Dir(path)
	sweepOnce(dir)
	if unnamedOn.Load() {
		if f := openUnnamed(dir); f != nil {
			lockTemp(f)
			return &File{f: f, Path: path, Perm: 0o644, unnamed: true}, nil
		}
	}
	f, name, err := createNamed(dir)
	if err != nil {
		return nil, fmt.Errorf("create temporary file in %s: %w", dir, err)
	}
	return &File{f: f, Path: path, Perm: 0o644, name: name}, nil
}

// tempPrefix and tempSuffix make our temporary names recognisable; Sweep
// touches nothing else.
const (
	tempPrefix = ".docattr-"
	tempSuffix = ".tmp"
)

func tempName(dir string) string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return filepath.Join(dir, tempPrefix+hex.EncodeToString(b[:])+tempSuffix)
}

// IsTempName reports whether base is the name of one of our temporary files.
func IsTempName(base string) bool {
	if len(base) != len(tempPrefix)+16+len(tempSuffix) || base[:len(tempPrefix)] != tempPrefix ||
		base[len(base)-len(tempSuffix):] != tempSuffix {
		return false
	}
	_, err := hex.DecodeString(base[len(tempPrefix) : len(tempPrefix)+16])
	return err == nil
}

// createNamed creates and locks a named temporary file. A sweeper may
// remove the file in the instant between creating and locking it (an
// unlocked file looks abandoned); then the name no longer leads to the
// file, and another name is tried.
func createNamed(dir string) (*os.File, string, error) {
	for range 10 {
		name := tempName(dir)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, "", err
		}
		lockTemp(f)
		held, err1 := f.Stat()
		named, err2 := os.Lstat(name)
		if err1 == nil && err2 == nil && os.SameFile(held, named) {
			return f, name, nil
		}
		f.Close()
	}
	return nil, "", errors.New("no free temporary name")
}

// Write writes to the temporary file. Large files are handed to the disk in
// chunks as they are written, so Sync at the end waits less.
func (f *File) Write(p []byte) (int, error) {
	n, err := f.write(p)
	f.written += int64(n)
	if f.written-f.flushed >= writebackChunk {
		startWriteback(f.f, f.flushed, f.written-f.flushed)
		f.flushed = f.written
	}
	return n, err
}

// ReadAt reads back what was written, e.g. to hash or verify it.
func (f *File) ReadAt(p []byte, off int64) (int, error) {
	if err := f.leaveDirect(); err != nil {
		return 0, err
	}
	return f.f.ReadAt(p, off)
}

// Size is the number of bytes written.
func (f *File) Size() int64 { return f.written }

// Sync flushes the data to disk; call it before Commit. The file stays open
// (and locked) until Commit or Abort.
func (f *File) Sync() error {
	if err := f.f.Sync(); err != nil {
		return fmt.Errorf("sync temporary file for %s: %w", f.Path, err)
	}
	return nil
}

// Commit moves the synced temporary file into place, replacing whatever
// Path names, and syncs the folder.
func (f *File) Commit() error {
	if f.done {
		return errors.New("atomicfile: commit after commit or abort")
	}
	if err := f.f.Chmod(f.Perm); err != nil {
		return fmt.Errorf("chmod temporary file for %s: %w", f.Path, err)
	}
	var err error
	if f.unnamed {
		err = f.linkUnnamed()
	} else {
		if runtime.GOOS == "windows" { // an open file cannot be renamed there
			f.f.Close()
		}
		err = os.Rename(f.name, f.Path)
	}
	if err != nil {
		return fmt.Errorf("rename into %s: %w", f.Path, err)
	}
	f.done = true
	f.f.Close()
	if d, err := os.Open(filepath.Dir(f.Path)); err == nil {
		_ = d.Sync() // best effort: not every file system syncs folders
		d.Close()
	}
	return nil
}

// linkUnnamed gives the unnamed file its final name: directly when Path does
// not exist (no other name is ever visible), else through a temporary name
// renamed over Path.
func (f *File) linkUnnamed() error {
	err := link(f.f, f.Path)
	if err == nil || !errors.Is(err, fs.ErrExist) {
		return err
	}
	f.name = tempName(filepath.Dir(f.Path))
	if err := link(f.f, f.name); err != nil {
		f.name = ""
		return err
	}
	if err := os.Rename(f.name, f.Path); err != nil {
		os.Remove(f.name)
		f.name = ""
		return err
	}
	return nil
}

// Abort discards the temporary file unless Commit succeeded. It is safe to
// defer Abort right after Create, and to call it more than once.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	if f.name != "" {
		os.Remove(f.name) // before Close: the lock keeps sweepers off until then
	}
	f.f.Close()
}

// WriteFile writes data to path atomically with the given permissions.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	defer f.Abort()
	f.Perm = perm
	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return err
	}
	return f.Commit()
}

var swept sync.Map // folder → struct{}

func sweepOnce(dir string) {
	key, err := filepath.Abs(dir)
	if err != nil {
		key = dir
	}
	if _, loaded := swept.LoadOrStore(key, struct{}{}); !loaded {
		Sweep(dir)
	}
}

// Sweep removes our own stale temporary files in dir: files named like ours
// whose writer is gone (on Unix: nobody holds their lock; elsewhere: old
// enough and not open). It returns how many it removed; errors are ignored,
// since a file left is only clutter.
func Sweep(dir string) int {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range ents {
		if e.Type().IsRegular() && IsTempName(e.Name()) && removeIfStale(filepath.Join(dir, e.Name())) {
			n++
		}
	}
	return n
}
