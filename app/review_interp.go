package app

import (
	"os"

	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/review"
)

// openInterpFile opens the extracted 解读材料 with the system's program
// for it (tests replace it).
var openInterpFile = openDocument

// newInterpButton is the review screen's 打开解读材料: shown when the
// document's record names a 解读材料 by its SHA-256.
func newInterpButton(r *reviewScreen) *widget.Button {
	b := widget.NewButton(tr("打开随附的解读材料"), func() {
		if _, err := r.openInterpretation(); err != nil {
			r.u.showErr(err)
		}
	})
	b.Hide()
	return b
}

// showInterp shows the button for documents whose record names a hashed
// 解读材料; opening says when the material was not embedded.
func (r *reviewScreen) showInterp(s *review.Status) {
	if r.interpBtn == nil {
		return
	}
	r.interpBtn.Hidden = s == nil || s.Record == nil || s.Record.InterpSHA256 == ""
	r.interpBtn.Refresh()
}

// openInterpretation extracts the embedded 解读材料 of the shown document
// into a new temporary folder (checked against the record's SHA-256) and
// opens it with the system program. It returns the extracted path.
func (r *reviewScreen) openInterpretation() (string, error) {
	if r.cur == nil {
		return "", nil
	}
	d, err := docx.Open(r.cur.status.File)
	if err != nil {
		return "", err
	}
	defer d.Close()
	dir, err := os.MkdirTemp("", "docattr-解读材料-")
	if err != nil {
		return "", err
	}
	path, err := d.SaveInterpretation(dir)
	if err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	openInterpFile(path)
	return path, nil
}
