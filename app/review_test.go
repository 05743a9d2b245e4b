package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/review"
	"github.com/docattr/docattr/internal/settings"
)

// install is one installation with its own window: its own DOCATTR_HOME
// (settings, key, keyring) and audit log, as on a colleague's machine.
type install struct {
	t    *testing.T
	home string
	u    *ui
}

func newInstall(t *testing.T, a fyne.App, name string, roles ...string) *install {
	t.Helper()
	in := &install{t: t, home: t.TempDir()}
	in.use()
	set := settings.Default()
	set.Name, set.Roles = name, roles
	if err := settings.Save(set); err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	in.u = &ui{app: a, win: w, set: set, sync: true, dbPath: filepath.Join(in.home, "audit.db")}
	buildUI(in.u)
	in.u.review.askSave = func(_, def string, then func(string)) { then(def) }
	return in
}

// use makes in the installation the next actions run as.
func (in *install) use() *reviewScreen {
	in.t.Setenv("DOCATTR_HOME", in.home)
	in.t.Setenv("DOCATTR_DB", "")
	in.t.Setenv("XDG_DATA_HOME", "")
	if in.u == nil {
		return nil
	}
	return in.u.review
}

// pubFile returns the path of the installation's public key file.
func (in *install) pubFile() string {
	in.use()
	if _, err := loadInstallation(); err != nil {
		in.t.Fatal(err)
	}
	return filepath.Join(in.home, keys.PublicFile)
}

// pick selects the inbox file named name and returns its queue line.
func pick(t *testing.T, r *reviewScreen, name string) (string, widget.Importance) {
	t.Helper()
	r.reload()
	for i, it := range r.items {
		if filepath.Base(it.File) == name {
			r.queue.Select(i)
			if r.cur == nil || filepath.Base(r.cur.status.File) != name {
				t.Fatalf("selecting %s did not show it", name)
			}
			return r.itemText(it)
		}
	}
	t.Fatalf("%s not in the inbox (%d files)", name, len(r.items))
	return "", 0
}

func refusedWith(t *testing.T, r *reviewScreen, kind error, zh string) {
	t.Helper()
	if r.last != nil || !errors.Is(r.lastErr, kind) || !strings.Contains(msg.Zh(r.lastErr), zh) {
		t.Fatalf("want refusal %q, got result %+v, error %v", zh, r.last, r.lastErr)
	}
	if r.u.win.Canvas().Overlays().Top() == nil {
		t.Error("the refusal was not shown in a dialog")
	}
	r.u.win.Canvas().Overlays().Top().Hide()
}

func eventTypes(t *testing.T, db string) []string {
	t.Helper()
	l, err := audit.Open(db, audit.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var types []string
	l.List(audit.Filter{}, func(e audit.Event) error { types = append(types, e.Type); return nil })
	return types
}

// TestReviewScreenTakesDraftThroughSecrecyReview drives the window of two
// installations: the drafter marks and submits, the reviewer sees it
// waiting, and approves with the checklist; the refusals show their words.
func TestReviewScreenTakesDraftThroughSecrecyReview(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	src := corpus(t, "000-plain.docx")
	zhang := newInstall(t, a, "张三", "drafter", "secrecy")
	li := newInstall(t, a, "李四", "secrecy")
	zpub := zhang.pubFile()
	li.use()
	if _, err := li.u.review.importKey("张三", zpub); err != nil {
		t.Fatal(err)
	}
	inbox := t.TempDir()

	// the drafter marks the draft into the shared folder and submits it
	r := zhang.use()
	f := openDraft(t, zhang.u, filepath.Base(src))
	f.attribute.SetSelected("主动公开")
	zhang.u.mark.markTo(filepath.Join(inbox, "通知.docx"))
	if f.last == nil || f.last.Err != nil {
		t.Fatalf("marking failed: %+v", f.last)
	}
	r.setFolder(inbox)
	line, _ := pick(t, r, "通知.docx")
	if !strings.Contains(line, "待送审") || r.buttons[review.ActionSubmit].Disabled() || !r.buttons[review.ActionSign].Disabled() {
		t.Fatalf("drafter sees %q, submit disabled=%v", line, r.buttons[review.ActionSubmit].Disabled())
	}
	r.act(review.ActionSubmit)
	if r.last == nil || filepath.Base(r.last.Output) != "通知-送审.docx" || r.last.Waits != review.RoleSecrecy {
		t.Fatalf("submit: %+v, %v", r.last, r.lastErr)
	}
	r.u.win.Canvas().Overlays().Top().Hide()

	// the drafter also holds the secrecy role, but may not review their own draft
	pick(t, r, "通知-送审.docx")
	if r.buttons[review.ActionApprove].Disabled() || len(r.checks.rows) == 0 {
		t.Fatal("approve not offered to a secrecy role holder")
	}
	test.Tap(r.checks.content.Objects[1].(*fyne.Container).Objects[1].(*widget.Button)) // 全部通过
	r.act(review.ActionApprove)
	refusedWith(t, r, review.ErrSelfApproval, "不能审查自己的送审")

	// the reviewer's inbox: the submitted copy waits here, the draft is superseded
	r = li.use()
	r.setFolder(inbox)
	line, imp := pick(t, r, "通知.docx")
	if !strings.Contains(line, "已有更新版本") || imp != widget.LowImportance {
		t.Errorf("superseded draft shown as %q (importance %v)", line, imp)
	}
	line, imp = pick(t, r, "通知-送审.docx")
	if !strings.HasPrefix(line, "▶") || !strings.Contains(line, "已送审，待保密审查") || imp != widget.HighImportance {
		t.Fatalf("waiting document shown as %q (importance %v)", line, imp)
	}
	if !strings.Contains(r.proposal.Text, "主动公开") || !r.alarm.Hidden {
		t.Errorf("proposal %q, alarm %q", r.proposal.Text, r.alarm.Text)
	}
	if card := r.trail.Objects[1].(*widget.Label); !strings.Contains(card.Text, "已知同事 张三") || card.Importance != widget.SuccessImportance {
		t.Errorf("submit step signature shown as %q", card.Text)
	}
	if r.buttons[review.ActionApprove].Disabled() || r.buttons[review.ActionReturn].Disabled() ||
		!r.buttons[review.ActionSubmit].Disabled() || !r.buttons[review.ActionSign].Disabled() {
		t.Error("the reviewer is offered the wrong steps")
	}

	r.act(review.ActionReturn) // no comment, no failed item
	refusedWith(t, r, review.ErrNeedsComment, "退回须写明意见")
	r.act(review.ActionApprove) // checklist not answered
	refusedWith(t, r, review.ErrChecklist, "逐项作答")
	for _, row := range r.checks.rows {
		row.answer.SetSelected(answerOK)
	}
	r.comment.SetText("同意")
	r.act(review.ActionApprove)
	if r.last == nil || filepath.Base(r.last.Output) != "通知-保密审查.docx" || r.last.State != review.StateSecrecyPassed {
		t.Fatalf("approve: %+v, %v", r.last, r.lastErr)
	}
	if _, err := os.Stat(r.last.Output); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"通知-退回.docx"} {
		if _, err := os.Stat(filepath.Join(inbox, name)); err == nil {
			t.Errorf("a refused step wrote %s", name)
		}
	}
	if got := strings.Join(eventTypes(t, li.u.dbPath), ","); got != audit.TypeReviewApprove {
		t.Errorf("reviewer's log holds %s", got)
	}
	if got := strings.Join(eventTypes(t, zhang.u.dbPath), ","); got != audit.TypeMark+","+audit.TypeReviewSubmit {
		t.Errorf("drafter's log holds %s", got)
	}
}

func TestReviewScreenShowsUntrustedTrailLoudly(t *testing.T) {
	s := review.Status{File: "x.docx", Trail: &review.Trail{Steps: []review.Step{{Seq: 1, Action: review.ActionSubmit, Actor: "甲"}}},
		Report: review.Report{Steps: []review.StepCheck{{Seq: 1, Status: review.SigInvalid}},
			Problems: []error{msg.New(review.ErrTrailTampered, "第 1 步：签名无效", "step 1: invalid")}}}
	if a := alarmText(s); !strings.Contains(a, "不予采信") || !strings.Contains(a, "签名无效") {
		t.Errorf("alarm %q", a)
	}
	sig := trailCards(s)[1].(*widget.Label)
	if sig.Importance != widget.DangerImportance || !strings.HasPrefix(sig.Text, "×") {
		t.Errorf("invalid signature shown as %q (importance %v)", sig.Text, sig.Importance)
	}
	set := settings.Default()
	set.Roles = []string{"drafter", "secrecy", "openness", "signer"}
	if got := review.Offers(s, set); len(got) != 1 || got[0].Action != review.ActionReturn {
		t.Errorf("offers on an untrusted trail: %+v, want only a return", got)
	}
	r := &reviewScreen{u: &ui{set: set}}
	if line, imp := r.itemText(s); imp != widget.DangerImportance || !strings.Contains(line, "只可退回拟稿人") {
		t.Errorf("queue line %q (importance %v)", line, imp)
	}
	if st := stateText(s, false); !strings.Contains(st, "只可退回拟稿人") {
		t.Errorf("state %q", st)
	}
}

// TestReviewScreenUntrustedOnlyReturns: a submission signed by a key the
// reviewer's keyring does not hold is red, not waiting, and the one step
// offered is the return, which starts a fresh trail.
func TestReviewScreenUntrustedOnlyReturns(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	src := corpus(t, "000-plain.docx")
	zhang := newInstall(t, a, "张三", "drafter")
	li := newInstall(t, a, "李四", "secrecy") // never imported 张三's key
	inbox := t.TempDir()
	r := zhang.use()
	f := openDraft(t, zhang.u, filepath.Base(src))
	f.attribute.SetSelected("主动公开")
	zhang.u.mark.markTo(filepath.Join(inbox, "通知.docx"))
	r.setFolder(inbox)
	pick(t, r, "通知.docx")
	r.act(review.ActionSubmit)
	if r.last == nil {
		t.Fatalf("submit: %v", r.lastErr)
	}
	r.u.win.Canvas().Overlays().Top().Hide()

	r = li.use()
	r.setFolder(inbox)
	line, imp := pick(t, r, "通知-送审.docx")
	if strings.HasPrefix(line, "▶") || imp != widget.DangerImportance {
		t.Fatalf("untrusted submission listed as %q (importance %v)", line, imp)
	}
	if r.alarm.Hidden || !strings.Contains(r.alarm.Text, "不在密钥环中") {
		t.Errorf("alarm %q", r.alarm.Text)
	}
	for action, b := range r.buttons {
		if b.Disabled() != (action != review.ActionReturn) {
			t.Errorf("%s enabled=%v", action, !b.Disabled())
		}
	}
	r.act(review.ActionReturn)
	if r.last == nil || !r.last.Reset || r.last.State != review.StateReturned {
		t.Fatalf("return: %+v, %v", r.last, r.lastErr)
	}
}
