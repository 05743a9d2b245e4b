package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/docx"
)

// classifyFields is the 定密 record in the mark form: 定密责任人, 定密依据,
// 知悉范围 and the source 文号 of a 派生定密. It folds away under one line,
// since most drafts carry no level.
type classifyFields struct {
	box                                 fyne.CanvasObject
	item                                *widget.AccordionItem
	classifier, basis, scope, derivedOf *widget.Entry
}

func newClassifyFields(changed func()) *classifyFields {
	c := &classifyFields{classifier: widget.NewEntry(), basis: widget.NewEntry(), scope: widget.NewEntry(), derivedOf: widget.NewEntry()}
	c.classifier.SetPlaceHolder("定密责任人")
	c.basis.SetPlaceHolder("定密依据（保密事项范围条目）")
	c.scope.SetPlaceHolder("知悉范围")
	c.derivedOf.SetPlaceHolder("派生定密的来源文号（原始定密留空）")
	for _, e := range []*widget.Entry{c.classifier, c.basis, c.scope, c.derivedOf} {
		e.OnChanged = func(string) { changed() }
	}
	c.item = widget.NewAccordionItem("定密记录（设置或变更密级时填写）",
		container.NewGridWithColumns(2, c.classifier, c.basis, c.scope, c.derivedOf))
	c.box = widget.NewAccordion(c.item)
	return c
}

// reset shows the record a draft carries.
func (c *classifyFields) reset(r *docx.Record) {
	var v attr.Classification
	if r != nil {
		v = r.ClassificationOf()
	}
	c.classifier.SetText(v.Classifier)
	c.basis.SetText(v.SecrecyBasis)
	c.scope.SetText(v.Scope)
	c.derivedOf.SetText(v.DerivedFrom)
}

func (c *classifyFields) value() attr.Classification {
	return attr.Classification{Classifier: strings.TrimSpace(c.classifier.Text), SecrecyBasis: strings.TrimSpace(c.basis.Text),
		Scope: strings.TrimSpace(c.scope.Text), DerivedFrom: strings.TrimSpace(c.derivedOf.Text)}
}
