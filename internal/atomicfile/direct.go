package atomicfile

import "unsafe"

// Large exports (a million-event CSV is half a gigabyte) are written past
// the page cache where the system allows it (Linux O_DIRECT): a buffered
// write copies every byte into cache pages the kernel must first find and
// clear — on a virtual machine whose memory the host has not touched yet
// that copy ran at about 100 MB/s and was most of the export's time — and
// the cache then has to be written out anyway before Sync returns. A write
// goes direct only when it is whole aligned blocks at an aligned offset;
// any other write (the tail, a caller's odd piece) goes through the cache
// as before, and a file system that refuses direct writes turns them off.

// directAlign is the alignment of buffer, length and offset a direct
// write needs: 4096 covers the 512- and 4096-byte sectors of common disks.
const directAlign = 4096

// directFits reports whether p may be written past the cache at the file's
// current end.
func (f *File) directFits(p []byte) bool {
	return len(p) >= directAlign && len(p)%directAlign == 0 && f.written%directAlign == 0 &&
		uintptr(unsafe.Pointer(unsafe.SliceData(p)))%directAlign == 0
}

// write writes p past the cache when it fits and Direct is set, else
// through the cache; n and err are those of the write.
func (f *File) write(p []byte) (int, error) {
	if f.Direct && f.directFits(p) {
		if !f.directOn {
			if setDirect(f.f, true) == nil {
				f.directOn = true
			} else {
				f.Direct = false // not here: every write goes through the cache
			}
		}
	} else if err := f.leaveDirect(); err != nil {
		f.Direct = false
		return 0, err // still in direct mode: this write would fail
	}
	n, err := f.f.Write(p)
	if err != nil && f.directOn && n == 0 && f.leaveDirect() == nil {
		// The file system refuses direct writes after all (EINVAL): turn
		// them off for this file and write through the cache.
		f.Direct = false
		return f.f.Write(p)
	}
	return n, err
}

// leaveDirect puts the descriptor back in ordinary mode, which reads need
// (a direct read would want aligned buffers too).
func (f *File) leaveDirect() error {
	if !f.directOn {
		return nil
	}
	if err := setDirect(f.f, false); err != nil {
		return err
	}
	f.directOn = false
	return nil
}
