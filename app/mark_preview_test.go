package app

import (
	"strings"
	"testing"
)

// stampLines are the preview's highlighted lines: the marks saving prints.
func stampLines(m *markScreen) []string {
	var out []string
	for _, l := range m.lines {
		if l.stamp {
			out = append(out, l.text)
		}
	}
	return out
}

func TestPreviewShowsMarksAsTheFormChanges(t *testing.T) {
	u := newTestUI(t)
	f := openDraft(t, u, "000-plain.docx")
	m := u.mark
	if got := stampLines(m); len(got) != 0 {
		t.Errorf("no attribute chosen, yet the preview shows marks %q", got)
	}
	f.setAttribute("public")
	got := strings.Join(stampLines(m), "")
	if !strings.Contains(got, "此件公开发布") {
		t.Fatalf("主动公开 chosen, preview marks %q lack the note", got)
	}
	// The note follows the 成文日期.
	date := m.cur.analysis.Date
	if date == nil {
		t.Fatal("corpus draft without 成文日期")
	}
	for i, l := range m.lines {
		if l.stamp {
			j := i - 1
			for j >= 0 && m.lines[j].para < 0 {
				j--
			}
			if j < 0 || m.cur.paras[m.lines[j].para].Index != date.Index {
				t.Errorf("the note is not shown after the 成文日期 %q", date.Text)
			}
			break
		}
	}
	f.secrecy.SetSelected("秘密")
	f.period.SetText("5年")
	lines := stampLines(m)
	if len(lines) < 2 || !strings.Contains(lines[0], "秘密") {
		t.Errorf("秘密 chosen, preview marks %q lack the secrecy line at the top", lines)
	}
	f.secrecy.SetSelected("无")
	for _, l := range stampLines(m) {
		if strings.Contains(l, "秘密") {
			t.Errorf("secrecy cleared, preview still shows %q", l)
		}
	}
}
