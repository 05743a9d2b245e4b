package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// newReviewPlaceholder stands in for the review workflow (issue 5: 科室审核 →
// 保密审查 → 政务公开办 → 签发), which the engine does not have yet.
func newReviewPlaceholder() fyne.CanvasObject {
	l := widget.NewLabel("审查流程（科室审核、保密审查、政务公开办审查、签发）即将提供。\n" +
		"在此之前，请用“标注”页为草稿标注公开属性，审查意见按本单位现行流程办理。")
	l.Wrapping = fyne.TextWrapWord
	return container.NewPadded(l)
}
