package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/attr"
)

// basisPicker chooses a legal basis among those that support an
// attribute, with the basis's ground and article below: the 标注 form and
// the signer's dialog both use it.
type basisPicker struct {
	sel     *widget.Select
	help    *widget.Label
	content fyne.CanvasObject
	// changed, if set, runs after the choice (and its help) changed.
	changed func()
}

func newBasisPicker() *basisPicker {
	b := &basisPicker{help: widget.NewLabel("")}
	b.help.Wrapping = fyne.TextWrapWord
	b.help.TextStyle.Italic = true
	b.sel = newSelect(nil, func(string) {
		b.showHelp()
		if b.changed != nil {
			b.changed()
		}
	})
	b.sel.PlaceHolder = "（选择法律依据）"
	b.content = container.NewVBox(b.sel, b.help)
	return b
}

// offer shows the bases of attribute id, keeping the choice if it fits.
func (b *basisPicker) offer(id string) {
	var ids []string
	for _, x := range attr.BasesFor(id) {
		ids = append(ids, x.ID)
	}
	b.sel.Options = ids
	if !contains(ids, b.sel.Selected) {
		b.sel.ClearSelected()
	}
	b.sel.Refresh()
	b.showHelp()
	if b.changed != nil {
		b.changed()
	}
}

func (b *basisPicker) showHelp() {
	if x, ok := attr.LookupBasis(b.sel.Selected); ok {
		b.help.SetText(x.Ground + "。" + x.Article)
	} else {
		b.help.SetText("")
	}
}

// localTime shows an RFC 3339 time (as trails store them) in the local
// zone for people; anything else is shown as it is.
func localTime(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.Local().Format("2006-01-02 15:04:05")
}
