package app

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/review"
	"github.com/docattr/docattr/internal/scan"
	"github.com/docattr/docattr/internal/settings"
)

// installation is this installation's key and keyring, read from the data
// folder for every operation (so a key imported in another window counts).
type installation struct {
	dir    string
	key    *keys.Key
	origin keys.Origin // how the key was come by, for audit.NoteKey
	kr     *review.Keyring
}

func loadInstallation() (installation, error) {
	var in installation
	var err error
	if in.dir, err = settings.EnsureDataDir(); err != nil {
		return in, err
	}
	if in.key, in.origin, err = keys.Open(in.dir); err != nil {
		return in, err
	}
	in.kr, err = review.LoadKeyring(in.dir)
	return in, err
}

// reviewDoc is what the review screen shows of the selected document: its
// verified status and the findings of its text. Built off the UI thread.
type reviewDoc struct {
	status  review.Status
	report  scan.Report
	scanErr error
}

func loadReviewDoc(path string, rt review.Route) (*reviewDoc, error) {
	in, err := loadInstallation()
	if err != nil {
		return nil, err
	}
	rd := &reviewDoc{status: review.Inspect(path, in.kr, in.key.Public(), rt)}
	d, err := docx.Open(path)
	if err != nil {
		rd.scanErr = err
		return rd, nil
	}
	defer d.Close()
	rd.report = scan.Check(d)
	return rd, nil
}

// reviewScreen is the 审查 tab: an inbox folder on the left, the selected
// document with its proposal, findings, verified trail and the step this
// installation may take on the right. The rules all live in
// internal/review; this screen only decides which buttons to offer.
type reviewScreen struct {
	u       *ui
	content fyne.CanvasObject

	folder *widget.Label
	items  []review.Status
	queue  *widget.List
	cur    *reviewDoc

	heading, state, alarm, notes *widget.Label
	proposal, findings           *widget.Label
	interpBtn                    *widget.Button // 打开随附的解读材料
	trail                        *fyne.Container
	checks                       *checklistForm
	comment                      *keyEntry
	hint                         *widget.Label
	buttons                      map[string]*widget.Button
	busy                         *widget.ProgressBarInfinite

	// askSave asks where to write a step's output (ui.askSavePath; tests
	// answer with the default at once).
	askSave func(title, def string, then func(path string))
	// last and lastErr are the outcome of the last step (tests read them).
	last    *review.Result
	lastErr error
}

func newReviewScreen(u *ui) *reviewScreen {
	r := &reviewScreen{u: u, buttons: map[string]*widget.Button{}, askSave: u.askSavePath}
	r.folder = widget.NewLabel("尚未选择收件文件夹")
	r.folder.Truncation = fyne.TextTruncateEllipsis
	r.queue = widget.NewList(func() int { return len(r.items) }, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, r.updateItem)
	r.queue.OnSelected = func(id widget.ListItemID) {
		if id < len(r.items) {
			r.show(r.items[id].File)
		}
	}
	wrap := func(imp widget.Importance) *widget.Label {
		l := widget.NewLabel("")
		l.Wrapping, l.Importance = fyne.TextWrapWord, imp
		return l
	}
	r.heading = widget.NewLabelWithStyle("请在左侧选择一份文件", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.heading.Wrapping = fyne.TextWrapWord
	r.state, r.alarm, r.notes = wrap(widget.MediumImportance), wrap(widget.DangerImportance), wrap(widget.WarningImportance)
	r.alarm.TextStyle.Bold = true
	r.proposal, r.findings = wrap(widget.MediumImportance), wrap(widget.MediumImportance)
	r.trail = container.NewVBox()
	r.checks = newChecklistForm()
	r.interpBtn = newInterpButton(r)
	r.comment = newKeyMultiLineEntry(u)
	r.comment.SetMinRowsVisible(2)
	r.comment.Wrapping = fyne.TextWrapWord
	r.comment.SetPlaceHolder("意见（退回时必填）")
	r.hint = wrap(widget.LowImportance)
	r.busy = widget.NewProgressBarInfinite()
	r.busy.Stop()
	r.busy.Hide()
	row := container.NewHBox()
	for _, a := range []struct{ id, zh string }{
		{review.ActionSubmit, "送审"}, {review.ActionApprove, "通过"}, {review.ActionReturn, "退回"}, {review.ActionSign, "签发"},
	} {
		b := widget.NewButton(tr(a.zh), func() { r.act(a.id) })
		r.buttons[a.id] = b
		row.Add(b)
	}
	r.buttons[review.ActionApprove].Importance = widget.HighImportance
	r.buttons[review.ActionSign].Importance = widget.HighImportance
	r.buttons[review.ActionReturn].Importance = widget.DangerImportance

	pick := widget.NewButton(tr("选择文件夹…"), r.pickFolder)
	refresh := widget.NewButton(tr("刷新"), r.reload)
	keysBtn := widget.NewButton(tr("密钥与同事…"), r.showKeys)
	top := container.NewBorder(nil, nil, container.NewHBox(pick, refresh), keysBtn, r.folder)
	left := container.NewBorder(widget.NewLabel("收件文件夹中的文件（▶ 等待本机办理）："), nil, nil, nil, r.queue)
	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	details := container.NewVBox(r.heading, r.state, r.alarm, r.notes,
		bold("拟定公开属性"), r.proposal, r.interpBtn, bold("检查发现"), r.findings,
		r.checks.content, // before the trail: the checklist is what the reviewer works on
		bold("审查记录（逐步验证签名）"), r.trail)
	footer := container.NewVBox(widget.NewSeparator(), r.comment, r.hint, r.busy, row)
	right := container.NewBorder(nil, footer, nil, nil, container.NewVScroll(details))
	split := container.NewHSplit(left, right)
	split.Offset = 0.3
	r.content = container.NewBorder(top, nil, nil, nil, split)
	r.clear()
	if u.set.InboxDir != "" {
		r.folder.SetText(u.set.InboxDir)
	}
	return r
}

// pickFolder is the folder-dialog door into setFolder.
func (r *reviewScreen) pickFolder() {
	r.u.folderDialog(r.u.set.InboxDir, r.setFolder)
}

// setFolder makes dir the inbox (remembered in the settings) and lists it.
func (r *reviewScreen) setFolder(dir string) {
	r.u.set.InboxDir = dir
	_ = settings.Save(r.u.set) // the inbox is a convenience, like the recent list
	r.folder.SetText(dir)
	r.reload()
}

// reload lists the inbox again off the UI thread and keeps the selection.
func (r *reviewScreen) reload() {
	dir := r.u.set.InboxDir
	if dir == "" {
		return
	}
	var (
		items []review.Status
		err   error
	)
	rt := review.RouteOf(r.u.set)
	r.u.background(func() {
		var in installation
		if in, err = loadInstallation(); err == nil {
			items, err = review.Inbox(dir, in.kr, in.key.Public(), rt)
		}
	}, func() {
		if err != nil {
			r.u.showErr(err)
			return
		}
		r.items = items
		r.queue.UnselectAll()
		r.queue.Refresh()
		if r.cur != nil {
			r.show(r.cur.status.File)
		}
	})
}

// waitsHere reports whether it waits for a role this installation holds.
func (r *reviewScreen) waitsHere(s review.Status) bool {
	return s.Waits != "" && r.u.set.HasRole(s.Waits)
}

// itemText is one line of the queue.
func (r *reviewScreen) itemText(s review.Status) (string, widget.Importance) {
	name := filepath.Base(s.File)
	switch {
	case s.Err != nil:
		return "  " + name + "  无法读取：" + firstLine(s.Err), widget.DangerImportance
	case !s.Trusted():
		return "!! " + name + "  审查记录不可信，请勿办理（只可退回拟稿人）", widget.DangerImportance
	case s.ConflictWith != "":
		return "!! " + name + "  与 " + filepath.Base(s.ConflictWith) + " 冲突，请核实", widget.DangerImportance
	case s.SupersededBy != "":
		return "  " + name + "  已有更新版本 " + filepath.Base(s.SupersededBy), widget.LowImportance
	}
	zh, _ := s.StateText()
	text := name + "  " + zh
	if w := review.RoleName(s.Waits); w != "" && !strings.Contains(text, w) {
		text += "（待" + w + "）"
	}
	if s.Title != "" {
		text += "  " + s.Title
	}
	if r.waitsHere(s) {
		return "▶ " + text, widget.HighImportance
	}
	return "  " + text, widget.MediumImportance
}

func (r *reviewScreen) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(r.items) {
		return
	}
	l := o.(*widget.Label)
	text, imp := r.itemText(r.items[id])
	l.Text, l.Importance = text, imp
	l.TextStyle.Bold = imp == widget.HighImportance || imp == widget.DangerImportance
	l.Refresh()
}

// show reads path off the UI thread and puts it in the details pane.
func (r *reviewScreen) show(path string) {
	var (
		rd  *reviewDoc
		err error
	)
	rt := review.RouteOf(r.u.set)
	r.u.background(func() { rd, err = loadReviewDoc(path, rt) }, func() {
		if err != nil {
			r.u.showErr(err)
			return
		}
		r.cur = rd
		r.fill()
	})
}

// clear empties the details pane.
func (r *reviewScreen) clear() {
	r.cur = nil
	for _, l := range []*widget.Label{r.state, r.alarm, r.notes, r.proposal, r.findings} {
		l.SetText("")
	}
	r.alarm.Hide()
	r.trail.Objects = nil
	r.trail.Refresh()
	r.checks.set("", nil)
	r.showInterp(nil)
	r.updateButtons()
}

// fill shows r.cur.
func (r *reviewScreen) fill() {
	s := r.cur.status
	title := s.Title
	if title == "" {
		title = "（未识别标题）"
	}
	r.heading.SetText(filepath.Base(s.File) + " — " + title)
	r.state.SetText(stateText(s, r.waitsHere(s)))
	r.alarm.SetText(alarmText(s))
	r.alarm.Hidden = r.alarm.Text == ""
	r.alarm.Refresh()
	var notes []string
	if s.SupersededBy != "" {
		notes = append(notes, "注意：此文件已有更新版本 "+filepath.Base(s.SupersededBy))
	}
	r.notes.SetText(strings.Join(notes, "\n"))
	r.notes.Hidden = len(notes) == 0
	r.notes.Refresh()
	r.proposal.SetText(proposalText(s))
	r.showInterp(&s)
	r.findings.SetText(findingsText(r.cur))
	r.trail.Objects = trailCards(s)
	r.trail.Refresh()
	role := review.OfferFor(review.ActionApprove, s, r.u.set)
	r.checks.set(role, review.ItemsOf(role, s))
	r.updateButtons()
}
