package review

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/marker"
	"github.com/docattr/docattr/internal/settings"
)

func TestRefusals(t *testing.T) {
	dr, sec, sg := team(t)
	drafted := draft(t, dr, withheldDecision)
	submitted, _ := dr.step(t, drafted, dr.request(ActionSubmit, RoleDrafter))
	p := Inspect(submitted, nil, nil, Route{}).Proposal
	passed, _ := sec.step(t, submitted, withChecklist(sec.request(ActionApprove, RoleSecrecy), p))
	issued, _ := sg.step(t, passed, sg.request(ActionSign, RoleSigner))

	// one person holding every role, and a colleague with the drafter's name
	all := newInstallation(t, "张三", RoleDrafter, RoleSecrecy, RoleOpenness, RoleSigner)
	namesake := newInstallation(t, "张三", RoleSecrecy)
	namesake.trust(t, dr)
	sameKey := *dr
	sameKey.name, sameKey.settings.Roles = "另一个名字", []string{RoleSecrecy}

	with := func(r Request, f func(*Request)) Request { f(&r); return r }
	approve := withChecklist(sec.request(ActionApprove, RoleSecrecy), p)
	cases := []struct {
		name string
		by   *installation
		file string
		req  Request
		kind error
	}{
		{"role not held", dr, submitted, withChecklist(dr.request(ActionApprove, RoleSecrecy), p), ErrNotYourRole},
		{"drafter cannot approve", sec, submitted, sec.request(ActionApprove, RoleDrafter), ErrBadRequest},
		{"secrecy cannot sign", sec, passed, sec.request(ActionSign, RoleSecrecy), ErrBadRequest},
		{"unknown role", sec, submitted, sec.request(ActionApprove, "boss"), ErrBadRequest},
		{"self approval, same person", all, submittedBy(t, all), withChecklist(all.request(ActionApprove, RoleSecrecy), p), ErrSelfApproval},
		{"self approval, same name", namesake, submitted, withChecklist(namesake.request(ActionApprove, RoleSecrecy), p), ErrSelfApproval},
		{"self approval, same key", &sameKey, submitted, withChecklist(sameKey.request(ActionApprove, RoleSecrecy), p), ErrSelfApproval},
		{"self return", all, submittedBy(t, all), with(all.request(ActionReturn, RoleSecrecy), func(r *Request) { r.Comment = "x" }), ErrSelfApproval},
		{"approve before submit", sec, drafted, approve, ErrOutOfOrder},
		{"sign before secrecy review", sg, submitted, sg.request(ActionSign, RoleSigner), ErrOutOfOrder},
		{"openness before secrecy", sec, submitted, sec.request(ActionApprove, RoleOpenness), ErrOutOfOrder},
		{"secrecy twice", sec, passed, approve, ErrOutOfOrder},
		{"submit twice", dr, submitted, dr.request(ActionSubmit, RoleDrafter), ErrOutOfOrder},
		{"anything after issue", dr, issued, dr.request(ActionSubmit, RoleDrafter), ErrOutOfOrder},
		{"sign after issue", sg, issued, sg.request(ActionSign, RoleSigner), ErrOutOfOrder},
		{"checklist missing", sec, submitted, sec.request(ActionApprove, RoleSecrecy), ErrChecklist},
		{"checklist item failed", sec, submitted, with(approve, func(r *Request) {
			r.Checklist = append(AllOK(p)[1:], Answer{ID: "no_secret", Comment: "有密级"})
		}), ErrChecklist},
		{"failed item without comment", sec, submitted, with(approve, func(r *Request) { r.Checklist[0].OK = false }), ErrChecklist},
		{"unknown checklist item", sec, submitted, with(approve, func(r *Request) { r.Checklist = append(r.Checklist, Answer{ID: "x", OK: true}) }), ErrChecklist},
		{"repeated checklist item", sec, submitted, with(approve, func(r *Request) { r.Checklist = append(r.Checklist, r.Checklist[0]) }), ErrChecklist},
		{"secrecy checklist on openness", sec, passed, withChecklist(sec.request(ActionApprove, RoleOpenness), p), ErrChecklist},
		{"openness without its checklist", sec, passed, sec.request(ActionApprove, RoleOpenness), ErrChecklist},
		{"checklist on the signer", sg, passed, withChecklist(sg.request(ActionSign, RoleSigner), p), ErrBadRequest},
		{"return without comment", sec, submitted, sec.request(ActionReturn, RoleSecrecy), ErrNeedsComment},
		{"change by a reviewer", sec, submitted, with(approve, func(r *Request) { r.Change = &Change{Attribute: attr.Public} }), ErrBadRequest},
		{"no actor name", sec, submitted, with(approve, func(r *Request) { r.Actor = settings.Actor{} }), ErrBadRequest},
		{"no attribute yet", dr, corpus(t, "000-plain.docx"), dr.request(ActionSubmit, RoleDrafter), ErrNoProposal},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mustIs(t, c.by.try(t, c.file, c.req), c.kind)
		})
	}
	t.Run("output is the input", func(t *testing.T) {
		_, err := Apply(sec.log, submitted, submitted, approve)
		mustIs(t, err, ErrOutputSameAsIn)
	})
}

// submittedBy returns a withheld draft that inst marked and submitted.
func submittedBy(t *testing.T, inst *installation) string {
	t.Helper()
	f, _ := inst.step(t, draft(t, inst, withheldDecision), inst.request(ActionSubmit, RoleDrafter))
	return f
}

func TestTamperedTrailIsRefused(t *testing.T) {
	dr, sec, sg := team(t)
	f1, _ := dr.step(t, draft(t, dr, withheldDecision), dr.request(ActionSubmit, RoleDrafter))
	f2, _ := sec.step(t, f1, withChecklist(sec.request(ActionApprove, RoleSecrecy), Inspect(f1, nil, nil, Route{}).Proposal))
	edits := map[string]string{
		"comment edited": mutateTrail(t, f2, func(tr *Trail) { tr.Steps[1].Comment = "同意" }),
		"proposal edited": mutateTrail(t, f2, func(tr *Trail) {
			tr.Steps[0].Proposal.Attribute = attr.Public
		}),
		"step removed":   mutateTrail(t, f2, func(tr *Trail) { tr.Steps = tr.Steps[1:] }),
		"steps swapped":  mutateTrail(t, f2, func(tr *Trail) { tr.Steps[0], tr.Steps[1] = tr.Steps[1], tr.Steps[0] }),
		"doc id changed": mutateTrail(t, f2, func(tr *Trail) { tr.DocID = "00000000-0000-4000-8000-000000000000" }),
		"key swapped": mutateTrail(t, f2, func(tr *Trail) {
			tr.Steps[1].PublicKey = tr.Steps[0].PublicKey
		}),
		"bytes edited": rewriteTrail(t, f2, func(b []byte) []byte {
			return bytes.Replace(b, []byte(`"李四"`), []byte(`"赵六"`), 1)
		}),
		// docattr itself refuses to write a trail that is not XML, so the
		// damaged package is built with archive/zip.
		"not xml": replacePartRaw(t, f2, docx.TrailPart, []byte("<docattrTrail")),
	}
	for name, f := range edits {
		t.Run(name, func(t *testing.T) {
			st := Inspect(f, sg.keyring, sg.key.Public(), Route{})
			if st.Trusted() || st.Waits != "" {
				t.Fatalf("edited trail trusted: state %s waits %q", st.State, st.Waits)
			}
			err := sg.try(t, f, sg.request(ActionSign, RoleSigner))
			if err == nil {
				t.Fatal("signer accepted an edited trail")
			}
		})
	}
	st := Inspect(edits["comment edited"], sg.keyring, nil, Route{})
	if st.Report.Steps[1].Status != SigInvalid || st.Report.Steps[0].Status != SigKnown {
		t.Errorf("statuses %+v", st.Report.Steps)
	}
	mustIs(t, st.Report.Err(), ErrTrailTampered)
}

func TestForgedStepByValidKey(t *testing.T) {
	// A correctly signed step that breaks the rules (the drafter approving
	// their own proposal with a hand-made trail) is still caught.
	dr, _, sg := team(t)
	f1, _ := dr.step(t, draft(t, dr, withheldDecision), dr.request(ActionSubmit, RoleDrafter))
	forged := mutateTrail(t, f1, func(tr *Trail) {
		tr.appendSigned(Step{Action: ActionApprove, Role: RoleSecrecy, Actor: "李四", Time: tr.Steps[0].Time,
			Checklist: AllOK(tr.Steps[0].Proposal), ContentSHA256: tr.Steps[0].ContentSHA256}, dr.key)
	})
	st := Inspect(forged, sg.keyring, nil, Route{})
	if st.Trusted() {
		t.Fatal("self-approval by the drafter's key was trusted")
	}
	if st.Report.Steps[1].Status != SigNameMismatch {
		t.Errorf("status %s", st.Report.Steps[1].Status)
	}
}

func TestUnknownKeyIsUntrustedButCanBeReturned(t *testing.T) {
	dr := newInstallation(t, "张三", RoleDrafter)
	sec := newInstallation(t, "李四", RoleSecrecy) // empty keyring
	f1, _ := dr.step(t, draft(t, dr, withheldDecision), dr.request(ActionSubmit, RoleDrafter))
	st := Inspect(f1, sec.keyring, sec.key.Public(), Route{})
	if st.Trusted() || st.Waits != "" || st.Report.Steps[0].Status != SigUnknown {
		t.Fatalf("%+v", st.Report)
	}
	mustIs(t, st.Report.Err(), ErrUnknownKey)
	mustIs(t, sec.try(t, f1, withChecklist(sec.request(ActionApprove, RoleSecrecy), st.Proposal)), ErrUnknownKey)
	ret := sec.request(ActionReturn, RoleSecrecy)
	out, res := sec.step(t, f1, ret)
	if !res.Reset || res.State != StateReturned || res.Step.Seq != 1 || !strings.Contains(res.Step.Comment, "原审查记录不可信") {
		t.Fatalf("reset return: %+v", res)
	}
	if st := Inspect(out, sec.keyring, sec.key.Public(), Route{}); !st.Trusted() || st.State != StateReturned || st.Waits != RoleDrafter {
		t.Fatalf("returned copy: %v %v", st.State, st.Report.Problems)
	}
}

func TestChangesAfterSubmitNeedResubmission(t *testing.T) {
	dr, sec, _ := team(t)
	f1, _ := dr.step(t, draft(t, dr, withheldDecision), dr.request(ActionSubmit, RoleDrafter))
	p := Inspect(f1, nil, nil, Route{}).Proposal

	// the drafter re-marks the submitted file with another attribute
	remarked := filepath.Join(t.TempDir(), "remarked.docx")
	res := marker.Mark(dr.log, []marker.Job{{Input: f1, Output: remarked}}, marker.Request{
		Decision: attr.Decision{Attribute: attr.OnRequest, Basis: "条例第十五条", Reason: "含个人信息"},
		Style:    settings.StyleNote, Actor: settings.Actor{Name: "张三"}}, nil)
	if res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	if st := Inspect(remarked, sec.keyring, sec.key.Public(), Route{}); st.Trusted() || !errors.Is(st.Report.Err(), ErrRecordChanged) {
		t.Errorf("a changed record is trusted: %v", st.Report.Problems)
	}
	mustIs(t, sec.try(t, remarked, withChecklist(sec.request(ActionApprove, RoleSecrecy), p)), ErrRecordChanged)
	ret := sec.request(ActionReturn, RoleSecrecy)
	ret.Comment = "属性已改，请重新送审"
	returned, _ := sec.step(t, remarked, ret)
	_, re := dr.step(t, returned, dr.request(ActionSubmit, RoleDrafter))
	if re.Step.Proposal.Attribute != attr.OnRequest {
		t.Errorf("resubmitted proposal %+v", re.Step.Proposal)
	}

	// the text is edited but the record kept: stamp a note by hand
	d, err := docx.Open(f1)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := d.Stamp(&b, docx.StampOptions{Record: *d.Record(), Note: "（此件公开发布）"}); err != nil {
		t.Fatal(err)
	}
	d.Close()
	edited := filepath.Join(t.TempDir(), "edited.docx")
	if err := os.WriteFile(edited, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	mustIs(t, sec.try(t, edited, withChecklist(sec.request(ActionApprove, RoleSecrecy), p)), ErrContentChanged)
	ret = sec.request(ActionReturn, RoleSecrecy)
	ret.Comment = "正文已改动，请重新送审"
	sec.step(t, edited, ret) // returning is still possible
}
