package app

import (
	"testing"

	"fyne.io/fyne/v2/theme"
)

func TestAppearanceChoicesApplyAndPersist(t *testing.T) {
	u := newTestUI(t)
	base := u.app.Settings().Theme().Size(theme.SizeNameText)
	u.prefs.variant.SetSelected("深色")
	u.prefs.textSize.SetSelected("特大")
	th := u.app.Settings().Theme()
	if got := th.Size(theme.SizeNameText); got <= base {
		t.Errorf("特大 text size %v is not larger than %v", got, base)
	}
	dark := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark)
	if got := th.Color(theme.ColorNameBackground, theme.VariantLight); got != dark {
		t.Errorf("深色 chosen, background %v, want the dark one %v", got, dark)
	}
	// A new start reads the same choice.
	if got := themeFrom(u.app.Preferences()).Size(theme.SizeNameText); got != th.Size(theme.SizeNameText) {
		t.Errorf("the text size was not kept: %v", got)
	}
}

func TestLocalTime(t *testing.T) {
	if got := localTime("not a time"); got != "not a time" {
		t.Errorf("localTime kept %q", got)
	}
	got := localTime("2026-12-03T00:09:40Z")
	if len(got) != len("2026-12-03 00:09:40") || got[4] != '-' || got[10] != ' ' {
		t.Errorf("localTime = %q, want local 2006-01-02 15:04:05", got)
	}
}

// TestSignerBasisPicker: the signer chooses among the bases of the chosen
// attribute, as in the 标注 form; changing the attribute drops a basis
// that no longer fits.
func TestSignerBasisPicker(t *testing.T) {
	b := newBasisPicker()
	b.offer("withheld")
	if len(b.sel.Options) == 0 {
		t.Fatal("no basis offered for 不予公开")
	}
	b.sel.SetSelected(b.sel.Options[0])
	if b.help.Text == "" {
		t.Error("the chosen basis shows no article text")
	}
	b.offer("public")
	for _, o := range b.sel.Options {
		if o == b.sel.Selected && o != "" {
			return
		}
	}
	if b.sel.Selected != "" {
		t.Errorf("basis %q kept after switching to 主动公开 (offered %v)", b.sel.Selected, b.sel.Options)
	}
}
