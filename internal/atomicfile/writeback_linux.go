package atomicfile

import "golang.org/x/sys/unix"

// startWriteback asks the kernel to begin writing [off, off+n) to disk
// without waiting, so that the final fsync of a large file has little left
// to do.
func startWriteback(f *File, off, n int64) {
	_ = unix.SyncFileRange(int(f.Fd()), off, n, unix.SYNC_FILE_RANGE_WRITE)
}
