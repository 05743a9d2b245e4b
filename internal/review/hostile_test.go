package review

import (
	"archive/zip"
	"bytes"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/marker"
	"github.com/docattr/docattr/internal/opc"
	"github.com/docattr/docattr/internal/settings"
)

// rezip copies the package at src entry by entry; edit may return new
// bytes for a part (nil keeps it raw) and add lists parts to append.
// badCRC names a part written stored with a wrong CRC-32.
func rezip(t *testing.T, src string, edit func(name string, data []byte) []byte, badCRC string, add map[string]string) string {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	write := func(name string, data []byte, bad bool) {
		crc := crc32.ChecksumIEEE(data)
		if bad {
			crc ^= 0x5a5a5a5a
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store, CRC32: crc,
			CompressedSize64: uint64(len(data)), UncompressedSize64: uint64(len(data))})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	for _, f := range zr.File {
		var data []byte
		if edit != nil || f.Name == badCRC {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, _ = io.ReadAll(rc)
			rc.Close()
		}
		if f.Name == badCRC {
			write(f.Name, data, true)
			continue
		}
		if edit != nil {
			if nd := edit(f.Name, data); nd != nil {
				write(f.Name, nd, false)
				continue
			}
		}
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range add {
		write(name, []byte(data), false)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "hostile.docx")
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// addToBody returns an edit that inserts a paragraph with text at the
// start of the body.
func addToBody(text string) func(string, []byte) []byte {
	return func(name string, data []byte) []byte {
		if name != "word/document.xml" {
			return nil
		}
		i := bytes.Index(data, []byte("<w:body>"))
		p := `<w:p><w:r><w:t>` + text + `</w:t></w:r></w:p>`
		return append(append(append([]byte{}, data[:i+8]...), p...), data[i+8:]...)
	}
}

// transplant writes other with the record and trail of signed: what an
// insider does to pass an unreviewed document off as reviewed.
func transplant(t *testing.T, signed, other string) string {
	t.Helper()
	s, err := docx.Open(signed)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	trail, err := s.Trail()
	if err != nil {
		t.Fatal(err)
	}
	d, err := docx.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var b bytes.Buffer
	if _, err := d.Stamp(&b, docx.StampOptions{Record: *s.Record(), KeepMarks: true, Trail: trail}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "transplant.docx")
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

func newKey(t *testing.T) *keys.Key {
	k, err := keys.LoadOrCreate(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestHostileTrailsAreUntrusted: every way an insider may dress a document
// up as reviewed makes it untrusted for the person who opens it next, and
// no step but a return is taken on it.
func TestHostileTrailsAreUntrusted(t *testing.T) {
	dr, sec, sg := team(t)
	f0 := draft(t, dr, publicDecision)
	f1, _ := dr.step(t, f0, dr.request(ActionSubmit, RoleDrafter))
	p := Inspect(f1, sec.keyring, sec.key.Public(), Route{}).Proposal
	f2, _ := sec.step(t, f1, withChecklist(sec.request(ActionApprove, RoleSecrecy), p))
	issued, _ := sg.step(t, f2, sg.request(ActionSign, RoleSigner))
	mallory := newKey(t)

	// a step signed by a stranger's key in the name of 李四, who is in the keyring
	foreign := mutateTrail(t, f1, func(tr *Trail) {
		tr.appendSigned(Step{Action: ActionApprove, Role: RoleSecrecy, Actor: "李四", Time: tr.Steps[0].Time,
			Checklist: AllOK(tr.Steps[0].Proposal), ContentSHA256: tr.Steps[0].ContentSHA256}, mallory)
	})
	// one key, held by the viewer's own installation, signing as three people
	threeFaced := func() string {
		tr := &Trail{Format: FormatV2, DocID: docIDOf(t, f0)}
		content := contentOf(t, f0)
		for _, s := range []Step{
			{Action: ActionSubmit, Role: RoleDrafter, Actor: "甲", Proposal: p},
			{Action: ActionApprove, Role: RoleSecrecy, Actor: "乙", Checklist: AllOK(p)},
		} {
			s.Time, s.ContentSHA256 = "2025-06-01T09:00:00+08:00", content
			tr.appendSigned(s, mallory)
		}
		enc, err := Encode(tr)
		if err != nil {
			t.Fatal(err)
		}
		return rewriteTrail(t, f0, func([]byte) []byte { return enc })
	}()
	legacy := mutateTrail(t, f1, func(tr *Trail) {
		tr.Format = FormatV1
		tr.Steps = nil
		tr.appendSigned(Step{Action: ActionSubmit, Role: RoleDrafter, Actor: "张三", Time: "2025-06-01T09:00:00+08:00",
			Proposal: p, ContentSHA256: "00"}, dr.key)
	})
	other := draft(t, dr, withheldDecision)
	cases := []struct {
		name   string
		file   string
		viewer *keys.Key
		kind   error
		sig    SigStatus // of the step at sigAt, when set
		sigAt  int
	}{
		{"foreign key in a colleague's name", foreign, sg.key, ErrTrailTampered, SigNameTaken, 1},
		{"one key as several people", threeFaced, mallory, ErrTrailTampered, SigSelf, 1},
		{"trail copied into another document", transplant(t, issued, other), sg.key, ErrContentChanged, SigSelf, 2},
		{"ID number added to the body after signing", rezip(t, issued, addToBody("身份证号 110101199003071234"), "", nil), sg.key, ErrContentChanged, "", 0},
		{"a part added after signing", rezip(t, issued, nil, "", map[string]string{"word/embeddings/extra.bin": "110101199003071234"}), sg.key, ErrContentChanged, "", 0},
		{"record changed after signing", remark(t, dr, issued), sg.key, ErrRecordChanged, "", 0},
		{"old format trail", legacy, dr.key, ErrLegacyTrail, "", 0},
		{"trail part with a bad CRC", rezip(t, issued, nil, docx.TrailPart, nil), sg.key, ErrBadTrail, "", 0},
		{"trail part that is not XML", replacePartRaw(t, issued, docx.TrailPart, []byte("<docattrTrail")), sg.key, ErrBadTrail, "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := Inspect(c.file, sg.keyring, c.viewer.Public(), Route{})
			if st.Trusted() || st.Waits != "" {
				t.Fatalf("trusted: state %s waits %q problems %v err %v", st.State, st.Waits, st.Report.Problems, st.Err)
			}
			got := st.Err
			if got == nil {
				got = st.Report.Err()
			}
			if !errors.Is(got, c.kind) && !(c.kind == ErrBadTrail && errors.Is(got, opc.ErrDamaged)) {
				t.Errorf("reason %v, want kind %v", got, c.kind)
			}
			if c.sig != "" && (len(st.Report.Steps) <= c.sigAt || st.Report.Steps[c.sigAt].Status != c.sig) {
				t.Errorf("step statuses %+v, want %s at %d", st.Report.Steps, c.sig, c.sigAt)
			}
			if offers := Offers(st, sg.settings); len(offers) > 1 || (len(offers) == 1 && offers[0].Action != ActionReturn) {
				t.Errorf("offers %+v on an untrusted document", offers)
			}
			if err := sg.try(t, c.file, sg.request(ActionSign, RoleSigner)); err == nil {
				t.Error("signed an untrusted document")
			}
		})
	}
}

func docIDOf(t *testing.T, f string) string {
	d, err := docx.Open(f)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	return d.Record().DocID
}

func contentOf(t *testing.T, f string) string {
	d, err := docx.Open(f)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	c, err := d.ContentDigest()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// remark writes f's record with the attribute changed, trail kept.
func remark(t *testing.T, in *installation, f string) string {
	out := filepath.Join(t.TempDir(), "remarked.docx")
	res := marker.Mark(in.log, []marker.Job{{Input: f, Output: out}}, marker.Request{
		Decision: attr.Decision{Attribute: attr.OnRequest, Basis: "条例第十五条", Reason: "含个人信息"},
		Style:    settings.StyleNote, Actor: settings.Actor{Name: in.name}}, nil)
	if res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	return out
}

// TestUntrustedReturnStartsAFreshTrail: the one remedy for an untrusted
// document is the return; the drafter gets it back with the reason and can
// resubmit, and the chain verifies again from there.
func TestUntrustedReturnStartsAFreshTrail(t *testing.T) {
	dr, sec, sg := team(t)
	f1, _ := dr.step(t, draft(t, dr, publicDecision), dr.request(ActionSubmit, RoleDrafter))
	cases := []struct{ name, file, why string }{
		{"content changed after submit", rezip(t, f1, addToBody("手机 13812345678"), "", nil), "不符"},
		{"trail part with a bad CRC", rezip(t, f1, nil, docx.TrailPart, nil), "无法读取"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := docx.Open(c.file)
			if err != nil {
				t.Skipf("a stricter opc refuses the package: %v", err)
			}
			d.Close()
			out, res := sec.step(t, c.file, sec.request(ActionReturn, RoleSecrecy))
			if !res.Reset || res.Step.Seq != 1 || !strings.Contains(res.Step.Comment, c.why) || res.Event.Details["reset"] != "true" {
				t.Fatalf("reset: %+v", res)
			}
			f3, r3 := dr.step(t, out, dr.request(ActionSubmit, RoleDrafter))
			if r3.Step.Seq != 2 || r3.State != StateSubmitted {
				t.Fatalf("resubmit: %+v", r3)
			}
			if st := Inspect(f3, sg.keyring, sg.key.Public(), Route{}); !st.Trusted() || st.Waits != RoleSecrecy {
				t.Fatalf("resubmitted copy: %v", st.Report.Problems)
			}
		})
	}
}

// TestDecisionOnASubmissionIsFinal: the same submitted file cannot be
// returned and then approved (or approved and then returned) — that would
// leave two live versions.
func TestDecisionOnASubmissionIsFinal(t *testing.T) {
	dr, sec, _ := team(t)
	cases := []struct{ first, then string }{
		{ActionReturn, ActionApprove},
		{ActionApprove, ActionReturn},
	}
	for _, c := range cases {
		t.Run(c.first+" then "+c.then, func(t *testing.T) {
			f1, _ := dr.step(t, draft(t, dr, publicDecision), dr.request(ActionSubmit, RoleDrafter))
			p := Inspect(f1, sec.keyring, sec.key.Public(), Route{}).Proposal
			req := func(action string) Request {
				r := sec.request(action, RoleSecrecy)
				if action == ActionApprove {
					r = withChecklist(r, p)
				} else {
					r.Comment = "请修改"
				}
				return r
			}
			sec.step(t, f1, req(c.first))
			err := sec.try(t, f1, req(c.then))
			mustIs(t, err, ErrAlreadyDecided)
			if c.first == ActionReturn && !strings.Contains(err.Error(), "此版本已退回，请处理拟稿人修改后的新版本") {
				t.Errorf("message %v", err)
			}
			sec.step(t, f1, req(c.first)) // the same decision again is no conflict
		})
	}
}

// TestInboxFlagsConflictingDecisions: two reviewers decide one submission
// two ways on two machines; the shared folder shows both as a conflict and
// neither as waiting.
func TestInboxFlagsConflictingDecisions(t *testing.T) {
	dr, sec, sg := team(t)
	sec2 := newInstallation(t, "孙八", RoleSecrecy)
	sec2.trust(t, dr)
	sg.trust(t, sec2)
	f1, _ := dr.step(t, draft(t, dr, publicDecision), dr.request(ActionSubmit, RoleDrafter))
	p := Inspect(f1, sec.keyring, sec.key.Public(), Route{}).Proposal
	approved, _ := sec.step(t, f1, withChecklist(sec.request(ActionApprove, RoleSecrecy), p))
	ret := sec2.request(ActionReturn, RoleSecrecy)
	ret.Comment = "第三段含手机号"
	returned, _ := sec2.step(t, f1, ret)
	items, err := Inbox(filepath.Dir(f1), sg.keyring, sg.key.Public(), Route{})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Status{}
	for _, it := range items {
		byName[filepath.Base(it.File)] = it
	}
	for _, f := range []string{approved, returned} {
		it := byName[filepath.Base(f)]
		if it.ConflictWith == "" || it.Waits != "" || !errors.Is(it.Conflict, ErrAlreadyDecided) {
			t.Errorf("%s: conflict %q waits %q", filepath.Base(f), it.ConflictWith, it.Waits)
		}
		if len(Offers(it, sg.settings)) != 0 {
			t.Errorf("%s: steps offered on a conflicting copy", filepath.Base(f))
		}
	}
	if it := byName[filepath.Base(f1)]; it.SupersededBy == "" || it.ConflictWith != "" {
		t.Errorf("the submitted copy: superseded %q conflict %q", it.SupersededBy, it.ConflictWith)
	}
}
