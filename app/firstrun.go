package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/settings"
)

// needsSetup reports whether nobody has said who works at this desk yet:
// an audit event would name the system account instead of a person.
func (u *ui) needsSetup() bool { return strings.TrimSpace(u.set.Name) == "" }

// commitSettings records what changed in set (who acts, roles, printed
// marks) in the audit log, then writes the settings file and takes set.
func (u *ui) commitSettings(set settings.Settings) error {
	if err := set.Check(); err != nil {
		return err
	}
	if ev, changed := audit.SettingsChanged(u.set, set, settings.CurrentActor(set, "")); changed {
		if err := u.withLog(func(l *audit.Log) error { _, err := l.Append(ev); return err }); err != nil {
			return err
		}
	}
	if err := settings.Save(set); err != nil {
		return err
	}
	u.set = set
	return nil
}

// setupForm is the first-run question: 姓名, 单位 and 角色.
type setupForm struct {
	name, unit *keyEntry
	roles      map[string]*widget.Check
	problem    *widget.Label
	content    fyne.CanvasObject
}

func newSetupForm(u *ui) *setupForm {
	s := &setupForm{name: newKeyEntry(u), unit: newKeyEntry(u), roles: map[string]*widget.Check{}}
	s.name.SetText(u.set.Name)
	s.unit.SetText(u.set.Unit)
	roleBox := container.NewHBox()
	for _, r := range roleNames {
		c := widget.NewCheck(r.zh, nil)
		c.SetChecked(u.set.HasRole(r.id))
		s.roles[r.id] = c
		roleBox.Add(c)
	}
	s.problem = widget.NewLabel("")
	s.problem.Importance = widget.DangerImportance
	intro := widget.NewLabel("首次使用，请填写您的姓名、单位和在审查流程中的角色。\n它们记入每一条审计事件，之后可在“设置”中修改。")
	intro.Wrapping = fyne.TextWrapWord
	s.content = container.NewVBox(intro, widget.NewForm(
		widget.NewFormItem("姓名", s.name),
		widget.NewFormItem("单位", s.unit),
		widget.NewFormItem("角色", roleBox),
	), s.problem)
	return s
}

// settings is u's settings with the answers.
func (s *setupForm) settings(set settings.Settings) (settings.Settings, string) {
	set.Name, set.Unit = strings.TrimSpace(s.name.Text), strings.TrimSpace(s.unit.Text)
	set.Roles = nil
	for _, r := range roleNames {
		if s.roles[r.id].Checked {
			set.Roles = append(set.Roles, r.id)
		}
	}
	switch {
	case set.Name == "":
		return set, "请填写姓名"
	case set.Unit == "":
		return set, "请填写单位"
	case len(set.Roles) == 0:
		return set, "请至少选择一个角色"
	}
	return set, ""
}

// firstRun asks who works at this desk, records it like a change in 设置
// and then runs then (nil for nothing). Cancelling leaves the settings as
// they were; the question comes again before the first mark.
func (u *ui) firstRun(then func()) {
	s := newSetupForm(u)
	d := dialog.NewCustomConfirm(tr("欢迎使用公文公开属性助手"), tr("确定"), tr("取消"), s.content, func(ok bool) {
		if !ok {
			return
		}
		set, problem := s.settings(u.set)
		if problem != "" {
			u.firstRun(then) // ask again, keeping what was typed
			u.setup.name.SetText(s.name.Text)
			u.setup.unit.SetText(s.unit.Text)
			for id, c := range s.roles {
				u.setup.roles[id].SetChecked(c.Checked)
			}
			u.setup.problem.SetText(problem)
			return
		}
		if err := u.commitSettings(set); err != nil {
			u.showErr(err)
			return
		}
		u.setup = nil
		u.prefs.load(u.set)
		u.openOnRoleTab()
		if then != nil {
			then()
		}
	}, u.win)
	u.setup = s
	u.keyedConfirm(d)
	d.Resize(fyne.NewSize(560, 300))
	d.Show()
	u.win.Canvas().Focus(s.name)
}
