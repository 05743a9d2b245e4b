package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/review"
)

const (
	answerOK  = "通过"
	answerBad = "有问题"
)

// checklistForm is the reviewer's checklist (the secrecy review's, by
// proposal, or the openness office's): one row per applicable item,
// answered 通过 or 有问题 with a comment.
type checklistForm struct {
	title   *widget.Label
	content *fyne.Container
	box     *fyne.Container
	rows    []checkRow
}

type checkRow struct {
	item    review.Item
	answer  *widget.RadioGroup
	comment *widget.Entry
}

func newChecklistForm() *checklistForm {
	c := &checklistForm{box: container.NewVBox()}
	all := widget.NewButton(tr("全部通过"), func() {
		for _, r := range c.rows {
			r.answer.SetSelected(answerOK)
		}
	})
	c.title = widget.NewLabelWithStyle(checklistTitle(review.RoleSecrecy), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.content = container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, all, c.title), c.box)
	c.content.Hide()
	return c
}

func checklistTitle(role string) string {
	if role == review.RoleOpenness {
		return "政务公开办审查检查清单（逐项作答）"
	}
	return "保密审查检查清单（逐项作答）"
}

// set shows the items role answers; no items hides the checklist.
func (c *checklistForm) set(role string, items []review.Item) {
	c.title.SetText(checklistTitle(role))
	c.rows = nil
	c.box.Objects = nil
	for _, it := range items {
		row := checkRow{item: it, answer: widget.NewRadioGroup([]string{answerOK, answerBad}, nil), comment: widget.NewEntry()}
		row.answer.Horizontal = true
		row.comment.SetPlaceHolder("说明（有问题时必填）")
		l := widget.NewLabel(it.Zh)
		l.Wrapping = fyne.TextWrapWord
		c.rows = append(c.rows, row)
		c.box.Add(container.NewBorder(nil, nil, nil, row.answer, l))
		c.box.Add(row.comment)
	}
	c.box.Refresh()
	if len(items) == 0 {
		c.content.Hide()
	} else {
		c.content.Show()
	}
}

// answers returns the answered items. An item marked 有问题 without a
// comment is refused here with the engine's words; unanswered items are
// left out (the engine refuses an approval that misses any).
func (c *checklistForm) answers() ([]review.Answer, error) {
	var out []review.Answer
	for _, r := range c.rows {
		switch r.answer.Selected {
		case answerOK:
			out = append(out, review.Answer{ID: r.item.ID, OK: true, Comment: r.comment.Text})
		case answerBad:
			if r.comment.Text == "" {
				return nil, msg.New(review.ErrChecklist, "检查项“"+r.item.Zh+"”有问题，须写明说明", "checklist item "+r.item.ID+" failed without a comment")
			}
			out = append(out, review.Answer{ID: r.item.ID, Comment: r.comment.Text})
		}
	}
	return out, nil
}
