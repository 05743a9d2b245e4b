package app

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/marker"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/scan"
)

// skippedFormats are the word-processor formats a folder of drafts often
// holds that docattr cannot read: they are listed before a batch, never
// dropped silently.
var skippedFormats = map[string]bool{".doc": true, ".wps": true, ".odt": true, ".rtf": true, ".dot": true}

// skippedHint says what to do with a skipped draft.
const skippedHint = "需用 Word/WPS 另存为 .docx"

// listFolder returns the Word drafts directly in dir (as drafts does) and
// the drafts in formats docattr cannot read.
func listFolder(dir string) (files, skipped []string, err error) {
	if files, err = drafts(dir); err != nil {
		return nil, nil, err
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, msg.Newf(nil, err, "无法读取文件夹 "+dir, "cannot read folder "+dir)
	}
	for _, e := range ents {
		name := e.Name()
		if !e.IsDir() && !strings.HasPrefix(name, "~$") && skippedFormats[strings.ToLower(filepath.Ext(name))] {
			skipped = append(skipped, filepath.Join(dir, name))
		}
	}
	sort.Strings(skipped)
	return files, skipped, nil
}

// plannedFile is what the pre-listing knows of one draft before marking.
type plannedFile struct {
	path     string
	findings []scan.Finding
	verdict  marker.Verdict
	err      error // the file cannot be read at all
}

// batchPlan is the list shown before a batch starts.
type batchPlan struct {
	files    []plannedFile
	skipped  []string
	existing []string // output names that already exist
}

// planBatch checks every draft against req without writing anything.
func planBatch(files, skipped []string, req marker.Request, outputDir string) batchPlan {
	p := batchPlan{skipped: skipped}
	for _, in := range files {
		pf := plannedFile{path: in}
		if d, err := docx.Open(in); err != nil {
			pf.err = err
		} else {
			rep := scan.Check(d)
			pf.findings = rep.Findings
			pf.verdict = marker.Precheck(marker.Draft{Analysis: d.Analyze(), Record: d.Record(), Report: rep}, req)
			d.Close()
		}
		p.files = append(p.files, pf)
		if out := marker.DefaultOutput(in, outputDir); exists(out) {
			p.existing = append(p.existing, filepath.Base(out))
		}
	}
	return p
}

// findingsSummary says a draft's findings in words, grouped by kind:
// "须处理：身份证号 2 处；注意：过程稿标识 1 处".
func findingsSummary(fs []scan.Finding) string {
	type key struct{ sev, kind string }
	counts := map[key]int{}
	var order []key
	for _, f := range fs {
		sev, _ := scan.SeverityLabel(f.Severity)
		kind, _ := scan.KindLabel(f.Kind)
		k := key{sev, kind}
		if counts[k] == 0 {
			order = append(order, k)
		}
		counts[k]++
	}
	parts := make([]string, len(order))
	for i, k := range order {
		parts[i] = fmt.Sprintf("%s：%s %d 处", k.sev, k.kind, counts[k])
	}
	return strings.Join(parts, "；")
}

// text is the plan for people: every draft with its findings and what will
// happen to it, then the skipped files.
func (p batchPlan) text() string {
	var b strings.Builder
	refused := 0
	for _, f := range p.files {
		fmt.Fprintf(&b, "• %s：", filepath.Base(f.path))
		switch {
		case f.err != nil:
			refused++
			b.WriteString("无法读取，将跳过（" + msg.Zh(f.err) + "）")
		case len(f.findings) == 0:
			b.WriteString("无检查发现")
		default:
			b.WriteString(findingsSummary(f.findings))
		}
		if f.err == nil && f.verdict.Err != nil {
			refused++
			b.WriteString("\n    将被拒绝：" + msg.Zh(f.verdict.Err))
		}
		for _, w := range f.verdict.Warnings {
			b.WriteString("\n    提醒：" + w)
		}
		b.WriteString("\n")
	}
	for _, s := range p.skipped {
		fmt.Fprintf(&b, "• %s：不能处理，%s\n", filepath.Base(s), skippedHint)
	}
	head := fmt.Sprintf("共 %d 份草稿，预计可标注 %d 份、拒绝 %d 份", len(p.files), len(p.files)-refused, refused)
	if len(p.skipped) > 0 {
		head += fmt.Sprintf("；另有 %d 份不是 .docx，不处理", len(p.skipped))
	}
	if len(p.existing) > 0 {
		head += fmt.Sprintf("；%d 个输出文件已存在，开始后会询问是否替换", len(p.existing))
	}
	return head + "。\n\n" + b.String()
}

// showPlan lists the plan and starts the batch only when the user
// confirms; b.planConfirm is that start, for tests.
func (b *batchScreen) showPlan(p batchPlan, start func()) {
	b.planText = p.text()
	b.planConfirm = func() {
		b.planConfirm = nil
		start()
	}
	if len(p.files) == 0 {
		b.planConfirm = nil
		b.u.showText(tr("出错了"), "文件夹中没有可处理的 .docx 草稿。\n\n"+b.planText)
		return
	}
	l := widget.NewLabel(b.planText)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("开始批量标注前请核对", "开始标注", tr("取消"), container.NewVScroll(l), func(ok bool) {
		if ok && b.planConfirm != nil {
			b.planConfirm()
		}
		b.planConfirm = nil
	}, b.u.win)
	b.u.keyedConfirm(d)
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}
