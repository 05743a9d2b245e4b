// Package atomicfile writes files so that a reader sees either the old file or
// the complete new one, never a half-written one: data goes to a temporary
// file beside the destination, is fsynced, and is renamed into place.
//
// Commit is separate from writing so that a caller can record an event (the
// audit log) after the data is durable and before it becomes visible: no
// marked file exists without its event.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
)

// File is a pending write to Path.
type File struct {
	*os.File
	Path string
	// Perm is the mode the file gets when committed (0644 unless changed).
	Perm os.FileMode
	done bool
	// written and flushed count bytes, for early writeback of large files.
	written, flushed int64
}

// writebackChunk is how much is written before the kernel is asked to start
// writing it out.
const writebackChunk = 4 << 20

// Write writes to the temporary file. Large files are handed to the disk in
// chunks as they are written, so Sync at the end waits less.
func (f *File) Write(p []byte) (int, error) {
	n, err := f.File.Write(p)
	f.written += int64(n)
	if f.written-f.flushed >= writebackChunk {
		startWriteback(f, f.flushed, f.written-f.flushed)
		f.flushed = f.written
	}
	return n, err
}

// Create starts a pending write to path. The temporary file lives in the same
// folder so that the final rename never crosses file systems.
func Create(path string) (*File, error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("create temporary file in %s: %w", dir, err)
	}
	return &File{File: f, Path: path, Perm: 0o644}, nil
}

// Sync flushes the data and closes the temporary file; call it before Commit.
func (f *File) Sync() error {
	if err := f.File.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", f.Name(), err)
	}
	return f.File.Close()
}

// Commit renames the synced temporary file into place and syncs the folder.
func (f *File) Commit() error {
	if err := os.Chmod(f.Name(), f.Perm); err != nil {
		return fmt.Errorf("chmod %s: %w", f.Name(), err)
	}
	if err := os.Rename(f.Name(), f.Path); err != nil {
		return fmt.Errorf("rename into %s: %w", f.Path, err)
	}
	f.done = true
	if d, err := os.Open(filepath.Dir(f.Path)); err == nil {
		_ = d.Sync() // best effort: not every file system syncs folders
		d.Close()
	}
	return nil
}

// Abort removes the temporary file unless Commit succeeded. It is safe to
// defer Abort right after Create.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.File.Close()
	os.Remove(f.Name())
	f.done = true
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
