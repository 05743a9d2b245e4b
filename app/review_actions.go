package app

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/review"
)

// updateButtons enables the steps this installation may take and says why
// the others are not offered.
func (r *reviewScreen) updateButtons() {
	var offered []string
	for action, b := range r.buttons {
		if r.cur != nil && review.OfferFor(action, r.cur.status, r.u.set) != "" {
			b.Enable()
			offered = append(offered, action)
		} else {
			b.Disable()
		}
	}
	switch s := r.cur; {
	case s == nil:
		r.hint.SetText("")
	case !s.status.Trusted() && len(offered) > 0:
		r.hint.SetText("审查记录不可信：只可退回拟稿人（将作废原审查记录，并写明原因）")
	case len(offered) > 0:
		r.hint.SetText("本机角色：" + rolesText(r.u.set.Roles))
	case s.status.Waits != "" && s.status.SupersededBy == "" && !r.u.set.HasRole(s.status.Waits):
		r.hint.SetText(fmt.Sprintf("此文件等待%s办理；本机未被授予该角色（本机角色：%s，可在“设置”中更改）",
			review.RoleName(s.status.Waits), rolesText(r.u.set.Roles)))
	default:
		r.hint.SetText("此文件现在不能由本机办理")
	}
}

func rolesText(roles []string) string {
	var zh []string
	for _, ro := range roles {
		zh = append(zh, review.RoleName(ro))
	}
	if len(zh) == 0 {
		return "无"
	}
	return strings.Join(zh, "、")
}

// act is a step button: it checks what the screen can check, asks the
// signer for a change if any, then asks where to save and runs the step.
func (r *reviewScreen) act(action string) {
	if r.cur == nil {
		return
	}
	role := review.OfferFor(action, r.cur.status, r.u.set)
	if role == "" {
		return // the button is disabled; a shortcut or a stale click does nothing
	}
	answers, err := r.checks.answers()
	trusted := r.cur.status.Trusted() // an untrusted document's return says why by itself
	if err == nil && trusted && action == review.ActionReturn && strings.TrimSpace(r.comment.Text) == "" && !anyFailed(answers) {
		err = msg.New(review.ErrNeedsComment, "退回须写明意见：请在“意见”中写明退回的理由", "a return needs a comment")
	}
	if err != nil {
		r.refuse(err)
		return
	}
	save := func(change *review.Change) {
		in := r.cur.status.File
		r.askSave(review.ActionName(action), review.DefaultOutput(in, action, role), func(out string) {
			r.run(action, role, out, change)
		})
	}
	if action == review.ActionSign {
		r.askChange(save)
		return
	}
	save(nil)
}

func anyFailed(answers []review.Answer) bool {
	for _, a := range answers {
		if !a.OK {
			return true
		}
	}
	return false
}

// refuse shows a refusal and keeps it for tests.
func (r *reviewScreen) refuse(err error) {
	r.last, r.lastErr = nil, err
	r.u.showErr(err)
}

// run takes the step off the UI thread: review.Apply verifies the trail,
// signs the step and writes out (never over the input) after the audit
// event. Refusals come back as the engine's Chinese message.
func (r *reviewScreen) run(action, role, out string, change *review.Change) {
	if r.cur == nil {
		return
	}
	answers, err := r.checks.answers()
	if err != nil {
		r.refuse(err)
		return
	}
	if (role != review.RoleSecrecy && role != review.RoleOpenness) || !r.cur.status.Trusted() {
		answers = nil
	}
	in := r.cur.status.File
	req := review.Request{Action: action, Role: role, Actor: r.u.actor(), Comment: strings.TrimSpace(r.comment.Text),
		Checklist: answers, Change: change, Settings: r.u.set,
		Overwrite: true} // askSave asked before replacing a file
	var res review.Result
	keyWarn := ""
	r.setBusy(true)
	r.u.background(func() {
		var inst installation
		if inst, err = loadInstallation(); err != nil {
			return
		}
		req.Key, req.Keyring = inst.key, inst.kr
		err = r.u.withLog(func(l *audit.Log) error {
			note, e := audit.NoteKey(l, inst.key, inst.origin) // a replaced key is recorded first
			if e != nil {
				return e
			}
			res, e = review.Apply(l, in, out, req)
			if w := note.Warning(inst.key); w != nil && e == nil {
				keyWarn = w.Zh
			}
			return e
		})
	}, func() {
		r.setBusy(false)
		if err != nil {
			r.refuse(err)
			return
		}
		r.last, r.lastErr = &res, nil
		r.comment.SetText("")
		r.showResult(res, keyWarn)
		r.reload()
	})
}

func (r *reviewScreen) setBusy(on bool) {
	if on {
		r.busy.Show()
		r.busy.Start()
		for _, b := range r.buttons {
			b.Disable()
		}
		return
	}
	r.busy.Stop()
	r.busy.Hide()
	r.updateButtons()
}

func (r *reviewScreen) showResult(res review.Result, keyWarn string) {
	zh, _ := res.StateText()
	text := fmt.Sprintf("已%s并保存：\n%s\n\n状态：%s", review.ActionName(res.Step.Action), res.Output, zh)
	if res.Waits != "" {
		text += "\n下一步：请交" + review.RoleName(res.Waits) + "办理（把此文件放入共享的收件文件夹）"
	}
	if d := res.Step.Decision; d != nil {
		text += "\n\n签发决定：\n" + decisionText(d)
	}
	text += fmt.Sprintf("\n\n审查记录第 %d 步，审计日志第 %d 条事件", res.Step.Seq, res.Event.Seq)
	if res.Reset {
		text += "\n\n原审查记录不可信，已作废；退回的文件带有新的审查记录，写明了原因。"
	}
	if keyWarn != "" {
		text += "\n\n注意：" + keyWarn
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	folder := widget.NewButton(tr("打开所在文件夹"), func() { openFolder(filepath.Dir(res.Output)) })
	d := dialog.NewCustom(tr("完成"), "好", container.NewBorder(nil, folder, nil, nil, container.NewVScroll(l)), r.u.win)
	r.u.keyedInfo(d)
	d.Resize(fyne.NewSize(600, 380))
	d.Show()
}

// askChange lets the signer confirm the proposal or change the attribute
// (and basis) with a reason; then calls then with the change (nil when
// confirmed unchanged).
func (r *reviewScreen) askChange(then func(*review.Change)) {
	p := r.cur.status.Proposal
	attrs := attr.Attributes(r.u.set.Extras)
	var names []string
	cur := ""
	for _, a := range attrs {
		names = append(names, a.Zh)
		if p != nil && a.ID == p.Attribute {
			cur = a.Zh
		}
	}
	basis := newBasisPicker()
	choice := widget.NewRadioGroup(names, func(zh string) {
		for _, a := range attrs {
			if a.Zh == zh {
				basis.offer(a.ID)
			}
		}
	})
	choice.Horizontal = true
	choice.SetSelected(cur)
	reason := widget.NewMultiLineEntry()
	reason.SetPlaceHolder("改变公开属性的理由（改变时必填）")
	body := container.NewVBox(widget.NewLabel("拟定："+strings.ReplaceAll(decisionText(p), "\n", "；")),
		widget.NewLabel("签发的公开属性："), choice, widget.NewLabel("法律依据（改变属性时选择）："), basis.content, reason)
	d := dialog.NewCustomConfirm(tr("签发"), "继续", tr("取消"), body, func(ok bool) {
		if !ok {
			return
		}
		then(signChange(attrs, choice.Selected, cur, basis.sel.Selected, reason.Text))
	}, r.u.win)
	r.u.keyedConfirm(d)
	d.Resize(fyne.NewSize(640, 360))
	d.Show()
}

// signChange is the change the signer's dialog asks for; nil confirms.
func signChange(attrs []attr.Attribute, chosen, proposed, basis, reason string) *review.Change {
	c := &review.Change{Basis: strings.TrimSpace(basis), Reason: strings.TrimSpace(reason)}
	if chosen != proposed {
		for _, a := range attrs {
			if a.Zh == chosen {
				c.Attribute = a.ID
			}
		}
	}
	if c.Attribute == "" && c.Basis == "" && c.Reason == "" {
		return nil
	}
	return c
}

// trailCards shows each step with its verified signature: green for this
// installation or a known colleague, red for anything else (an invalid
// signature, an unknown key, a name that does not match the key).
func trailCards(s review.Status) []fyne.CanvasObject {
	if s.Trail == nil || len(s.Trail.Steps) == 0 {
		return []fyne.CanvasObject{widget.NewLabel("尚无审查步骤")}
	}
	var out []fyne.CanvasObject
	for i, st := range s.Trail.Steps {
		head := fmt.Sprintf("第 %d 步  %s — %s（%s）  %s", st.Seq, review.ActionName(st.Action), st.Actor, review.RoleName(st.Role), localTime(st.Time))
		out = append(out, widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		sig := widget.NewLabel("签名：无法核对")
		sig.Importance = widget.DangerImportance
		if i < len(s.Report.Steps) {
			c := s.Report.Steps[i]
			zh, _ := c.Text()
			sig.Text = "签名：" + zh
			if c.Verified() {
				sig.Importance = widget.SuccessImportance
			} else {
				sig.Text = "× " + sig.Text // ✗ is not in the embedded font
				sig.TextStyle.Bold = true
			}
		}
		out = append(out, sig)
		var lines []string
		if st.Comment != "" {
			lines = append(lines, "意见："+st.Comment)
		}
		for _, a := range st.Checklist {
			v := "通过"
			if !a.OK {
				v = "有问题"
			}
			if a.Comment != "" {
				v += "：" + a.Comment
			}
			lines = append(lines, "检查 "+itemName(a.ID)+"："+v)
		}
		if st.Decision != nil {
			lines = append(lines, "签发决定："+strings.ReplaceAll(decisionText(st.Decision), "\n", "；"))
		}
		if len(lines) > 0 {
			l := widget.NewLabel(strings.Join(lines, "\n"))
			l.Wrapping = fyne.TextWrapWord
			out = append(out, l)
		}
		out = append(out, widget.NewSeparator())
	}
	return out
}

func itemName(id string) string { return review.ItemName(id) }
