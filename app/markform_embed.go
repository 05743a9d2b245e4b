package app

import (
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/marker"
)

// embedInterp is the mark form's 随文件附带解读材料: the chosen 解读材料 is
// read once, when chosen or ticked, and travels inside the output.
type embedInterp struct {
	check *widget.Check
	path  string // the 解读材料 chosen with the dialog
	data  []byte // its bytes while check is ticked
}

func newEmbedInterp(f *markForm) *embedInterp {
	e := &embedInterp{}
	e.check = widget.NewCheck("随文件附带解读材料", func(on bool) {
		e.load(f)
		f.validate()
	})
	return e
}

// load reads the material when it should travel; a file that cannot be
// read unticks the box and says why.
func (e *embedInterp) load(f *markForm) {
	e.data = nil
	if !e.check.Checked || e.path == "" {
		return
	}
	data, err := marker.ReadInterpretation(e.path)
	if err != nil {
		e.check.SetChecked(false)
		f.m.u.showErr(err)
		return
	}
	e.data = data
	f.interpSum = marker.SumBytes(data) // the bytes that travel are the ones recorded
}

// forRequest returns the bytes to embed, or nil when the entry no longer
// names the chosen file or the box is not ticked.
func (e *embedInterp) forRequest(f *markForm) []byte {
	if f.interpretationSum() == "" {
		return nil
	}
	return e.data
}
