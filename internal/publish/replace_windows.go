package publish

import (
	"errors"
	"io/fs"

	"golang.org/x/sys/windows"
)

// canReplace asks for delete access to an existing destination while
// letting everyone else share it: this fails exactly when another handle
// (Word, WPS, a viewer) denies sharing delete, which is what would make the
// final rename fail after the audit event committed.
func canReplace(path string) error {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return err
	}
	h, err := windows.CreateFile(p, windows.DELETE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE, nil,
		windows.OPEN_EXISTING, windows.FILE_ATTRIBUTE_NORMAL|windows.FILE_FLAG_OPEN_REPARSE_POINT, 0)
	if errors.Is(err, windows.ERROR_FILE_NOT_FOUND) || errors.Is(err, windows.ERROR_PATH_NOT_FOUND) || errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	windows.CloseHandle(h)
	return nil
}
