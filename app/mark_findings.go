package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/scan"
)

// findingCount is the length of the findings list.
func (m *markScreen) findingCount() int {
	if m.cur == nil {
		return 0
	}
	return len(m.cur.report.Findings)
}

// findingText is one line of the findings list; the excerpt comes masked
// from the engine.
func findingText(f scan.Finding) string {
	kind, _ := scan.KindLabel(f.Kind)
	sev, _ := scan.SeverityLabel(f.Severity)
	s := "【" + sev + "】" + kind + "  " + f.Location + "：" + f.Excerpt
	if f.Message != "" {
		s += "（" + f.Message + "）"
	}
	return s
}

func (m *markScreen) updateFinding(id widget.ListItemID, o fyne.CanvasObject) {
	if m.cur == nil || id >= len(m.cur.report.Findings) {
		return
	}
	f := m.cur.report.Findings[id]
	l := o.(*widget.Label)
	text, imp := findingText(f), widget.MediumImportance
	switch f.Severity {
	case scan.Block:
		imp = widget.DangerImportance
	case scan.Warn:
		imp = widget.WarningImportance
	}
	// One refresh, and none for a row that shows the same already: each
	// shapes the text again for the ellipsis.
	if l.Text != text || l.Importance != imp {
		l.Text, l.Importance = text, imp
		l.Refresh()
	}
}

// showFinding scrolls the preview to the finding's paragraph and marks it.
func (m *markScreen) showFinding(id widget.ListItemID) {
	if m.cur == nil || id >= len(m.cur.report.Findings) {
		return
	}
	f := m.cur.report.Findings[id]
	m.form.red.pick(f)
	target := -1
	for i, p := range m.cur.paras {
		hit := p.Part == f.Part && p.Index == f.Para
		if hit && target < 0 {
			target = i
		}
		m.marked[i] = hit
	}
	m.preview.Refresh()
	if target >= 0 {
		m.scrollToLine(m.paraLine[target])
	}
}
