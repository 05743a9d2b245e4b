package review

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInbox(t *testing.T) {
	dr, sec, _ := team(t)
	f1, _ := dr.step(t, draft(t, dr, withheldPolicy), dr.request(ActionSubmit, RoleDrafter))
	f2, _ := sec.step(t, f1, withChecklist(sec.request(ActionApprove, RoleSecrecy), Inspect(f1, nil, nil, Route{}).Proposal))
	box := t.TempDir()
	copyFile(t, f1, filepath.Join(box, "a-submitted.docx"))
	copyFile(t, f2, filepath.Join(box, "b-passed.docx"))
	copyFile(t, corpus(t, "000-plain.docx"), filepath.Join(box, "c-plain.docx"))
	copyFile(t, mutateTrail(t, f2, func(tr *Trail) { tr.Steps[1].Comment = "x" }), filepath.Join(box, "d-edited.docx"))
	os.WriteFile(filepath.Join(box, "e-broken.docx"), []byte("not a zip"), 0o644)
	os.WriteFile(filepath.Join(box, "~$lock.docx"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(box, "notes.txt"), []byte("x"), 0o644)
	os.Mkdir(filepath.Join(box, "sub.docx"), 0o755)

	items, err := Inbox(box, sec.keyring, sec.key.Public(), Route{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		state   State
		waits   string
		trusted bool
	}
	want := []row{
		{StateSubmitted, "", true}, // superseded by b-passed
		{StateSecrecyPassed, RoleOpenness, true},
		{StateDrafted, RoleDrafter, true},
		{StateSecrecyPassed, "", false},
		{"", "", false},
	}
	if len(items) != len(want) {
		t.Fatalf("%d items: %+v", len(items), items)
	}
	for i, it := range items {
		got := row{it.State, it.Waits, it.Trusted()}
		if got != want[i] {
			t.Errorf("%s: %+v, want %+v", filepath.Base(it.File), got, want[i])
		}
	}
	if filepath.Base(items[0].SupersededBy) != "b-passed.docx" || items[1].SupersededBy != "" {
		t.Errorf("superseded: %q %q", items[0].SupersededBy, items[1].SupersededBy)
	}
	if items[0].Title == "" || items[0].DocID == "" {
		t.Errorf("title/doc id missing: %+v", items[0])
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDefaultOutput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "通知-已标注.docx")
	cases := []struct{ in, action, role, want string }{
		{in, ActionSubmit, RoleDrafter, "通知-送审.docx"},
		{filepath.Join(dir, "通知-送审.docx"), ActionApprove, RoleSecrecy, "通知-保密审查.docx"},
		{filepath.Join(dir, "通知-保密审查.docx"), ActionApprove, RoleOpenness, "通知-公开审查.docx"},
		{filepath.Join(dir, "通知-公开审查.docx"), ActionSign, RoleSigner, "通知-签发.docx"},
		{filepath.Join(dir, "通知-送审(3).docx"), ActionReturn, RoleSecrecy, "通知-退回.docx"},
	}
	for _, c := range cases {
		if got := filepath.Base(DefaultOutput(c.in, c.action, c.role)); got != c.want {
			t.Errorf("%s %s: %s, want %s", filepath.Base(c.in), c.action, got, c.want)
		}
	}
	os.WriteFile(filepath.Join(dir, "通知-送审.docx"), nil, 0o644)
	if got := DefaultOutput(in, ActionSubmit, RoleDrafter); !strings.HasSuffix(got, "通知-送审(2).docx") {
		t.Errorf("existing output overwritten: %s", got)
	}
	// resubmitting 通知-送审.docx itself never targets the input
	if got := DefaultOutput(filepath.Join(dir, "通知-送审.docx"), ActionSubmit, RoleDrafter); strings.HasSuffix(got, "通知-送审.docx") {
		t.Errorf("default output is the input: %s", got)
	}
}
