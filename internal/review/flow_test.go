package review

import (
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
)

// team is three installations that know each other's keys.
func team(t *testing.T) (drafter, secrecy, signer *installation) {
	drafter = newInstallation(t, "张三", RoleDrafter)
	secrecy = newInstallation(t, "李四", RoleSecrecy, RoleOpenness)
	signer = newInstallation(t, "王五", RoleSigner)
	drafter.trust(t, secrecy, signer)
	secrecy.trust(t, drafter, signer)
	signer.trust(t, drafter, secrecy)
	return
}

func withChecklist(r Request, p *Proposal) Request { r.Checklist = AllOK(p); return r }

func TestChainPublicDocument(t *testing.T) {
	dr, sec, sg := team(t)
	f0 := draft(t, dr, publicDecision)
	f1, r1 := dr.step(t, f0, dr.request(ActionSubmit, RoleDrafter))
	if r1.State != StateSubmitted || r1.Waits != RoleSecrecy || !strings.HasSuffix(f1, "通知-送审.docx") {
		t.Fatalf("submit: %+v → %s", r1.State, f1)
	}
	st := Inspect(f1, sec.keyring, sec.key.Public(), Route{})
	if !st.Trusted() || st.State != StateSubmitted || st.Report.Steps[0].Status != SigKnown || st.Report.Steps[0].KnownAs != "张三" {
		t.Fatalf("secrecy sees %+v", st.Report)
	}
	f2, r2 := sec.step(t, f1, withChecklist(sec.request(ActionApprove, RoleSecrecy), st.Proposal))
	if r2.State != StateSecrecyPassed || r2.Waits != RoleSigner {
		t.Fatalf("approve: %v waits %s", r2.State, r2.Waits)
	}
	f3, r3 := sg.step(t, f2, sg.request(ActionSign, RoleSigner))
	if r3.State != StateIssued || r3.Waits != "" || r3.Changed {
		t.Fatalf("sign: %+v", r3)
	}
	st = Inspect(f3, dr.keyring, dr.key.Public(), Route{})
	if !st.Trusted() || st.State != StateIssued {
		t.Fatalf("drafter sees %+v", st.Report)
	}
	want := []SigStatus{SigSelf, SigKnown, SigKnown}
	for i, c := range st.Report.Steps {
		if c.Status != want[i] {
			t.Errorf("step %d: %s, want %s", i+1, c.Status, want[i])
		}
	}
	if got := st.Trail.Steps[1].Checklist; len(got) != len(Applicable(st.Proposal)) {
		t.Errorf("checklist lost: %v", got)
	}
	d, err := docx.Open(f3)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if a := d.Analyze(); docx.Compact(a.NoteText) != "（此件公开发布）" {
		t.Errorf("issued document lacks the note: %q", a.NoteText)
	}
	if d.Record().MarkedBy != "王五" {
		t.Errorf("record marked by %q", d.Record().MarkedBy)
	}
	// each installation logged its own step, with the step hash
	ev := lastEvent(t, sg.log)
	if ev.Type != audit.TypeReviewSign || ev.Details["step_hash"] != r3.StepHash || ev.Details["role"] != RoleSigner {
		t.Errorf("sign event %+v", ev)
	}
	if ev := lastEvent(t, sec.log); ev.Type != audit.TypeReviewApprove || !strings.Contains(ev.Details["checklist"], "no_secret=ok") {
		t.Errorf("approve event %+v", ev)
	}
}

func lastEvent(t *testing.T, l *audit.Log) audit.Event {
	t.Helper()
	h, err := l.Head()
	if err != nil {
		t.Fatal(err)
	}
	e, err := l.Get(h.Seq)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestWithheldPolicyNeedsOpennessReview(t *testing.T) {
	dr, sec, sg := team(t)
	f1, _ := dr.step(t, draft(t, dr, withheldPolicy), dr.request(ActionSubmit, RoleDrafter))
	p := Inspect(f1, nil, nil, Route{}).Proposal
	f2, r2 := sec.step(t, f1, withChecklist(sec.request(ActionApprove, RoleSecrecy), p))
	if r2.Waits != RoleOpenness {
		t.Fatalf("waits %s, want openness", r2.Waits)
	}
	mustIs(t, sg.try(t, f2, sg.request(ActionSign, RoleSigner)), ErrOutOfOrder)
	openness := sec.request(ActionApprove, RoleOpenness)
	openness.ConfirmAll = true
	f3, r3 := sec.step(t, f2, openness)
	if r3.State != StateOpennessPassed || r3.Waits != RoleSigner {
		t.Fatalf("openness: %v %s", r3.State, r3.Waits)
	}
	_, r4 := sg.step(t, f3, sg.request(ActionSign, RoleSigner))
	if r4.State != StateIssued {
		t.Fatal(r4.State)
	}
}

func TestOpenReviewForAll(t *testing.T) {
	dr, sec, sg := team(t)
	sg.settings.OpenReviewForAll = true
	f1, _ := dr.step(t, draft(t, dr, publicDecision), dr.request(ActionSubmit, RoleDrafter))
	f2, _ := sec.step(t, f1, withChecklist(sec.request(ActionApprove, RoleSecrecy), Inspect(f1, nil, nil, Route{}).Proposal))
	mustIs(t, sg.try(t, f2, sg.request(ActionSign, RoleSigner)), ErrOutOfOrder)
	if st := Inspect(f2, sg.keyring, sg.key.Public(), Route{ForAll: true}); st.Waits != RoleOpenness {
		t.Errorf("with OpenReviewForAll waits %s", st.Waits)
	}
}

func TestReturnAndResubmit(t *testing.T) {
	dr, sec, sg := team(t)
	f1, _ := dr.step(t, draft(t, dr, withheldDecision), dr.request(ActionSubmit, RoleDrafter))
	ret := sec.request(ActionReturn, RoleSecrecy)
	ret.Checklist = []Answer{{ID: "no_personal_data", Comment: "第三段含手机号"}}
	f2, r2 := sec.step(t, f1, ret)
	if r2.State != StateReturned || r2.Waits != RoleDrafter || !strings.HasSuffix(f2, "通知-退回.docx") {
		t.Fatalf("return: %v %s %s", r2.State, r2.Waits, f2)
	}
	mustIs(t, sg.try(t, f2, sg.request(ActionSign, RoleSigner)), ErrOutOfOrder)
	f3, r3 := dr.step(t, f2, dr.request(ActionSubmit, RoleDrafter))
	if r3.State != StateSubmitted || r3.Step.Seq != 3 {
		t.Fatalf("resubmit: %v seq %d", r3.State, r3.Step.Seq)
	}
	f4, _ := sec.step(t, f3, withChecklist(sec.request(ActionApprove, RoleSecrecy), r3.Step.Proposal))
	ret = sg.request(ActionReturn, RoleSigner)
	ret.Comment = "请补充依据"
	f5, r5 := sg.step(t, f4, ret)
	if r5.State != StateReturned {
		t.Fatal(r5.State)
	}
	if st := Inspect(f5, dr.keyring, dr.key.Public(), Route{}); !st.Trusted() || len(st.Trail.Steps) != 5 {
		t.Fatalf("history: %+v", st.Report)
	}
}

func TestSignerChangesAttribute(t *testing.T) {
	dr, sec, sg := team(t)
	f1, _ := dr.step(t, draft(t, dr, publicDecision), dr.request(ActionSubmit, RoleDrafter))
	f2, _ := sec.step(t, f1, withChecklist(sec.request(ActionApprove, RoleSecrecy), Inspect(f1, nil, nil, Route{}).Proposal))
	req := sg.request(ActionSign, RoleSigner)
	req.Change = &Change{Attribute: "不予公开", Basis: "条例第十六条第二款"}
	mustIs(t, sg.try(t, f2, req), attr.ErrNeedsReason)
	req.Change.Basis = "条例第十九条"
	req.Change.Reason = "涉及内部讨论"
	if err := sg.try(t, f2, req); err == nil {
		t.Fatal("a basis that does not support withheld was accepted")
	}
	req.Change.Basis = "条例第十六条第二款"
	f3, r3 := sg.step(t, f2, req)
	if !r3.Changed || r3.Step.Decision.Attribute != attr.Withheld || r3.Step.Decision.Reason != "涉及内部讨论" {
		t.Fatalf("decision %+v", r3.Step.Decision)
	}
	d, err := docx.Open(f3)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if d.Record().Attribute != attr.Withheld || docx.Compact(d.Analyze().NoteText) != "（此件不予公开）" {
		t.Errorf("issued as %s with note %q", d.Record().Attribute, d.Analyze().NoteText)
	}
	if ev := lastEvent(t, sg.log); ev.PrevAttribute != attr.Public || ev.Attribute != attr.Withheld || ev.Details["changed"] != "true" {
		t.Errorf("event %+v", ev)
	}
	if st := Inspect(f3, sg.keyring, sg.key.Public(), Route{}); !st.Trusted() {
		t.Errorf("issued file: %v", st.Report.Problems)
	}
}

func TestSignerChangeToWithheldPolicyNeedsOpenness(t *testing.T) {
	dr, sec, sg := team(t)
	f1, _ := dr.step(t, draft(t, dr, attr.Decision{Attribute: attr.Public, PolicyDoc: true}), dr.request(ActionSubmit, RoleDrafter))
	f2, _ := sec.step(t, f1, withChecklist(sec.request(ActionApprove, RoleSecrecy), Inspect(f1, nil, nil, Route{}).Proposal))
	req := sg.request(ActionSign, RoleSigner)
	req.Change = &Change{Attribute: attr.Withheld, Basis: "条例第十六条第二款", Reason: "尚在讨论"}
	mustIs(t, sg.try(t, f2, req), ErrNeedsOpenness)
}
