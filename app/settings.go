package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/settings"
)

var roleNames = []struct{ id, zh string }{
	{"drafter", "拟稿人"}, {"head", "处室负责人"}, {"classifier", "定密责任人"}, {"secrecy", "保密审查"},
	{"legal", "合法性审查"}, {"openness", "政务公开审查"}, {"signer", "签发人"},
}

var styleNames = map[string]string{settings.StyleNote: "附注：（此件公开发布）", settings.StyleOption: "信息公开选项：主动公开"}

// settingsScreen is the 设置 tab. It edits the same settings.json the
// command line reads, so a choice made here applies to batch work too.
type settingsScreen struct {
	u       *ui
	content fyne.CanvasObject

	name, unit, outDir *keyEntry
	roles              map[string]*widget.Check
	style              *widget.RadioGroup
	print              map[string]*widget.Check
	redacted           *widget.Check // the 删减后公开 extra
	language           *widget.Select
	variant, textSize  *widget.Select // appearance: applied at once, kept in the app's preferences
	fingerprint        *widget.Label
	// machine: 涉密计算机, refuse secret work elsewhere, keep secrets out of the log
	secretMachine, refuseSecret, quietLog *widget.Check
	headReview, legalReview, notPublic    *widget.Check // optional review steps
}

func newSettingsScreen(u *ui) *settingsScreen {
	s := &settingsScreen{u: u, roles: map[string]*widget.Check{}, print: map[string]*widget.Check{}}
	s.name, s.unit, s.outDir = newKeyEntry(u), newKeyEntry(u), newKeyEntry(u)
	s.outDir.SetPlaceHolder("留空：保存在原文件旁（文件名加“-已标注”）")
	roleBox := container.NewHBox()
	for _, r := range roleNames {
		c := widget.NewCheck(r.zh, nil)
		s.roles[r.id] = c
		roleBox.Add(c)
	}
	s.style = widget.NewRadioGroup([]string{styleNames[settings.StyleNote], styleNames[settings.StyleOption]}, nil)
	printBox := container.NewHBox()
	for _, a := range attr.Attributes([]string{attr.Redacted}) {
		c := widget.NewCheck(a.Zh, nil)
		s.print[a.ID] = c
		printBox.Add(c)
	}
	s.redacted = widget.NewCheck("启用“删减后公开”（条例第三十七条；重启后生效）", nil)
	s.secretMachine = widget.NewCheck("本机为涉密计算机", nil)
	s.refuseSecret = widget.NewCheck("非涉密计算机上拒绝处理带密级的文件（否则仅提示）", nil)
	s.quietLog = widget.NewCheck("涉密文件的文件名、理由不写入审计日志和导出", nil)
	s.headReview = widget.NewCheck("保密审查前须经处室负责人审核", nil)
	s.legalReview = widget.NewCheck("规范性文件须经合法性审查", nil)
	s.notPublic = widget.NewCheck("不予公开、依申请公开的文件一律送政务公开办审查", nil)
	s.language = newSelect([]string{"中文", "English"}, nil)
	s.fingerprint = widget.NewLabel("")
	s.variant, s.textSize = newAppearanceSelects(u)
	s.fingerprint.Wrapping = fyne.TextWrapWord
	browse := widget.NewButton("选择…", func() {
		u.folderDialog(s.outDir.Text, s.outDir.SetText)
	})
	form := widget.NewForm(
		widget.NewFormItem("姓名", s.name),
		widget.NewFormItem("单位", s.unit),
		widget.NewFormItem("角色", roleBox),
		widget.NewFormItem("默认输出文件夹", container.NewBorder(nil, nil, nil, browse, s.outDir)),
		widget.NewFormItem("标注样式", s.style),
		widget.NewFormItem("印制标注的属性", printBox),
		widget.NewFormItem("附加属性", s.redacted),
		widget.NewFormItem("涉密处理", container.NewVBox(s.secretMachine, s.refuseSecret, s.quietLog)),
		widget.NewFormItem("审查步骤", container.NewVBox(s.headReview, s.legalReview, s.notPublic)),
		widget.NewFormItem("界面语言", s.language),
		widget.NewFormItem("外观", s.variant),
		widget.NewFormItem("文字大小", s.textSize),
		widget.NewFormItem("本机密钥指纹", s.fingerprint),
	)
	save := widget.NewButton(tr("保存设置"), s.save)
	save.Importance = widget.HighImportance
	s.content = container.NewVScroll(container.NewPadded(container.NewVBox(form, container.NewHBox(save))))
	s.load(u.set)
	s.showFingerprint()
	return s
}

// load puts settings into the widgets.
func (s *settingsScreen) load(set settings.Settings) {
	s.name.SetText(set.Name)
	s.unit.SetText(set.Unit)
	s.outDir.SetText(set.OutputDir)
	for id, c := range s.roles {
		c.SetChecked(set.HasRole(id))
	}
	s.style.SetSelected(styleNames[set.Style])
	for id, c := range s.print {
		c.SetChecked(set.Prints(id))
	}
	s.redacted.SetChecked(contains(set.Extras, attr.Redacted))
	s.secretMachine.SetChecked(set.Machine.Secret)
	s.refuseSecret.SetChecked(set.Machine.RefuseSecret)
	s.quietLog.SetChecked(set.Machine.QuietLog)
	s.headReview.SetChecked(set.HeadReview)
	s.legalReview.SetChecked(set.LegalReview)
	s.notPublic.SetChecked(set.NotPublicToOpenness)
	if set.Language == "en" {
		s.language.SetSelected("English")
	} else {
		s.language.SetSelected("中文")
	}
}

// settings reads the widgets back over the current settings, so fields
// this screen does not show (recent files, inbox) are kept.
func (s *settingsScreen) settings() settings.Settings {
	set := s.u.set
	set.Name, set.Unit, set.OutputDir = s.name.Text, s.unit.Text, s.outDir.Text
	set.Roles = nil
	for _, r := range roleNames {
		if s.roles[r.id].Checked {
			set.Roles = append(set.Roles, r.id)
		}
	}
	set.Style = settings.StyleNote
	if s.style.Selected == styleNames[settings.StyleOption] {
		set.Style = settings.StyleOption
	}
	set.Print = []string{}
	for _, a := range attr.Attributes([]string{attr.Redacted}) {
		if s.print[a.ID].Checked {
			set.Print = append(set.Print, a.ID)
		}
	}
	set.Extras = nil
	if s.redacted.Checked {
		set.Extras = []string{attr.Redacted}
	}
	set.Machine = settings.Machine{Secret: s.secretMachine.Checked, RefuseSecret: s.refuseSecret.Checked, QuietLog: s.quietLog.Checked}
	set.HeadReview, set.LegalReview, set.NotPublicToOpenness = s.headReview.Checked, s.legalReview.Checked, s.notPublic.Checked
	set.Language = "zh"
	if s.language.Selected == "English" {
		set.Language = "en"
	}
	return set
}

// save records a change that matters for decisions (roles, printed marks,
// who acts) in the audit log, then writes the settings file.
func (s *settingsScreen) save() {
	set := s.settings()
	changedLang := set.Language != s.u.set.Language
	if err := s.u.commitSettings(set); err != nil {
		s.u.showErr(err)
		return
	}
	text := "设置已保存。"
	if changedLang {
		text += "界面语言在重新启动后生效。"
	}
	s.u.showText(tr("完成"), text)
}

// showFingerprint shows this installation's key fingerprint, which a
// reader of a checkpoint compares to know the checkpoint came from here.
func (s *settingsScreen) showFingerprint() {
	var (
		fp  string
		err error
	)
	s.u.background(func() {
		var dir string
		if dir, err = settings.EnsureDataDir(); err == nil {
			var (
				k      *keys.Key
				origin keys.Origin
			)
			if k, origin, err = keys.Open(dir); err == nil {
				fp = k.Fingerprint()
			}
			if err == nil && origin.Previous != nil {
				// A key made while installation.pub named another: record it
				// now, the next run could no longer tell.
				err = s.u.withLog(func(l *audit.Log) error { _, err := audit.NoteKey(l, k, origin); return err })
			}
		}
	}, func() {
		if err != nil {
			s.fingerprint.SetText("无法读取本机密钥：" + firstLine(err))
			return
		}
		s.fingerprint.SetText(fp)
	})
}
