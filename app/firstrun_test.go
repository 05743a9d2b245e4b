package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/settings"
)

// TestFirstRunAsksBeforeTheFirstMark: with no name set, 标注并保存 asks for
// 姓名、单位、角色 first; the answers are saved, audited and used as the
// actor, and then the save goes on.
func TestFirstRunAsksBeforeTheFirstMark(t *testing.T) {
	u := newTestUI(t)
	u.set.Name = ""
	f := openDraft(t, u, "000-plain.docx")
	f.setAttribute("public")
	u.mark.save()
	if u.setup == nil {
		t.Fatal("saving without a name did not ask who is working")
	}
	// An empty unit is refused and asked again.
	test.Type(u.setup.name, "王五")
	u.dialogKey(fyne.KeyReturn)
	if u.setup == nil || u.setup.problem.Text == "" {
		t.Fatal("a missing 单位 was accepted")
	}
	if u.setup.name.Text != "王五" {
		t.Errorf("asking again lost the name typed: %q", u.setup.name.Text)
	}
	test.Type(u.setup.unit, "市政府办公室")
	u.setup.roles["secrecy"].SetChecked(true)
	u.dialogKey(fyne.KeyReturn)
	if u.setup != nil {
		t.Fatalf("complete answers were refused: %q", u.setup.problem.Text)
	}
	saved, err := settings.Load()
	if err != nil {
		t.Fatal(err)
	}
	if saved.Name != "王五" || saved.Unit != "市政府办公室" || !saved.HasRole("secrecy") || !saved.HasRole("drafter") {
		t.Errorf("settings saved as %+v", saved)
	}
	if u.prefs.name.Text != "王五" {
		t.Errorf("设置 shows name %q", u.prefs.name.Text)
	}
	// The save went on: its dialog asks where to write.
	if len(u.dialogKeys) != 1 {
		t.Fatalf("after the setup %d dialogs are open, want the save dialog", len(u.dialogKeys))
	}
	var events []audit.Event
	l, err := audit.Open(u.dbPath, audit.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := l.List(audit.Filter{}, func(e audit.Event) error { events = append(events, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(events) == 0 || events[len(events)-1].Actor.Name != "王五" {
		t.Errorf("the setup was not audited as 王五: %+v", events)
	}
}

func TestOpensOnReviewWithoutDrafterRole(t *testing.T) {
	for _, c := range []struct {
		roles []string
		want  string
	}{
		{[]string{"drafter"}, "标注"},
		{[]string{"drafter", "signer"}, "标注"},
		{[]string{"secrecy"}, "审查"},
		{[]string{"openness", "signer"}, "审查"},
	} {
		u := newTestUIWith(t, func(s *settings.Settings) { s.Roles = c.roles })
		if got := u.tabs.Selected().Text; got != c.want {
			t.Errorf("roles %v: opens on %s, want %s", c.roles, got, c.want)
		}
	}
}
