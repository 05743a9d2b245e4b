package cli

import (
	"fmt"
	"strings"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/opc"
	"github.com/docattr/docattr/internal/scan"
)

func init() {
	register(command{name: "inspect", summary: "查看文档的标注、成文日期和风险 / show marks, date and findings", run: runInspect})
}

// Inspection is what `inspect --json` prints; other tools read these names.
type Inspection struct {
	File            string           `json:"file"`
	Format          string           `json:"format"`
	Title           *string          `json:"title"`
	DateParagraph   *string          `json:"date_paragraph"`
	DatePlaceholder bool             `json:"date_placeholder"`
	NotePlacement   string           `json:"note_placement"` // where a note would go
	NotePlaceWhy    string           `json:"note_placement_why"`
	ExistingSecrecy *string          `json:"existing_secrecy"`
	SecrecyInHeader bool             `json:"existing_secrecy_in_header"`
	Declassified    *string          `json:"declassified_secrecy"` // a line annotated 已解密: no mark in force
	ExistingSerial  *string          `json:"existing_serial"`
	ExistingNote    *string          `json:"existing_note"`
	Record          *docx.Record     `json:"record"`
	TrackedChanges  bool             `json:"tracked_changes"`
	Comments        int              `json:"comments"`
	Paragraphs      []docx.Paragraph `json:"paragraphs"`
	Findings        []scan.Finding   `json:"findings"`
	Suggestion      scan.Suggestion  `json:"suggestion"`
}

// Inspect reads a document and builds its inspection.
func Inspect(path string) (*Inspection, error) {
	d, err := docx.Open(path)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	a := d.Analyze()
	report := scan.Check(d)
	in := &Inspection{File: path, Format: string(d.Pkg.Format), Record: d.Record(), TrackedChanges: d.Tracked,
		Comments: d.CommentCount, Paragraphs: d.Paragraphs, Findings: report.Findings, Suggestion: report.Suggestion}
	text := func(p *docx.Paragraph) *string {
		if p == nil {
			return nil
		}
		s := strings.TrimSpace(p.Text)
		return &s
	}
	in.Title, in.DateParagraph, in.ExistingSerial = text(a.Title), text(a.Date), text(a.Serial)
	in.DatePlaceholder, in.SecrecyInHeader = a.DatePlaceholder, a.SecrecyInHeader
	var why, whyEn string
	in.NotePlacement, why, whyEn = d.NotePlan()
	in.NotePlaceWhy = why + " / " + whyEn
	if a.Secrecy != nil {
		in.ExistingSecrecy = &a.SecrecyText
	}
	if a.Declassified != nil {
		s := docx.Compact(a.Declassified.Text)
		in.Declassified = &s
	}
	if a.NoteText != "" {
		in.ExistingNote = &a.NoteText
	}
	if in.Findings == nil {
		in.Findings = []scan.Finding{}
	}
	if in.Paragraphs == nil {
		in.Paragraphs = []docx.Paragraph{}
	}
	return in, nil
}

func runInspect(e *env, args []string) int {
	fs := newFlags(e, "inspect", "inspect FILE [--json]")
	asJSON := fs.Bool("json", false, "输出 JSON / print JSON")
	files, code, ok := parseOrUsage(fs, args)
	if !ok {
		return code
	}
	if len(files) != 1 {
		return e.usageErr("请给出一个文件", "give exactly one file")
	}
	in, err := Inspect(files[0])
	if err != nil {
		if *asJSON {
			format, _ := opc.Sniff(files[0])
			_ = e.writeJSON(map[string]any{"file": files[0], "format": format, "error": map[string]string{"zh": msg.Zh(err), "en": msg.En(err)}})
		}
		return e.fail(files[0], err)
	}
	if *asJSON {
		if err := e.writeJSON(in); err != nil {
			return e.fail("", err)
		}
		return ExitOK
	}
	printInspection(e, in)
	return ExitOK
}

func printInspection(e *env, in *Inspection) {
	w := e.stdout
	or := func(p *string, none string) string {
		if p == nil {
			return none
		}
		return term(*p)
	}
	fmt.Fprintf(w, "文件 / file:        %s (%s)\n", term(in.File), in.Format)
	fmt.Fprintf(w, "标题 / title:       %s\n", or(in.Title, "（未识别 / not found）"))
	date := or(in.DateParagraph, "（无 / none）")
	if in.DatePlaceholder {
		date += "（占位 / placeholder）"
	}
	fmt.Fprintf(w, "成文日期 / date:    %s\n", date)
	if in.DateParagraph == nil {
		fmt.Fprintln(w, "  "+in.NotePlaceWhy)
	}
	sec := or(in.ExistingSecrecy, "（无 / none）")
	if in.SecrecyInHeader {
		sec += "（在页眉 / in header）"
	}
	if in.Declassified != nil {
		sec = "（已解密 / declassified）" + term(*in.Declassified)
	}
	fmt.Fprintf(w, "密级 / secrecy:     %s\n", sec)
	fmt.Fprintf(w, "公开标注 / note:    %s\n", or(in.ExistingNote, "（无 / none）"))
	if r := in.Record; r != nil {
		fmt.Fprintf(w, "已有记录 / record:  %s 依据=%s 理由=%s 密级=%s 编号=%s 标注人=%s 时间=%s\n",
			term(r.Attribute), term(r.Basis), term(r.Reason), term(r.Secrecy+r.Period), term(r.DocID), term(r.MarkedBy), term(r.MarkedAt))
		if until, ok := attr.ParseISODate(r.SecrecyUntil); ok {
			fmt.Fprintf(w, "  保密期限至 %s / secret until %s\n", attr.ChineseDate(until), r.SecrecyUntil)
		}
		if r.Declassified != "" {
			fmt.Fprintf(w, "  已解密 / declassified: %s，原密级 / was %s，依据 / ground: %s\n", r.Declassified, term(r.DeclassifiedFrom), term(r.DeclassifyGround))
		}
		if c := r.ClassificationOf().Text(); c != "" {
			fmt.Fprintf(w, "  定密 / classification: %s\n", term(c))
		}
	} else {
		fmt.Fprintln(w, "已有记录 / record:  （无 / none）")
	}
	fmt.Fprintf(w, "段落 / paragraphs:  %d；修订 / tracked changes: %v；批注 / comments: %d\n", len(in.Paragraphs), in.TrackedChanges, in.Comments)
	if len(in.Findings) == 0 {
		fmt.Fprintln(w, "风险 / findings:    无 / none")
	} else {
		fmt.Fprintf(w, "风险 / findings:    %d\n", len(in.Findings))
		for _, f := range in.Findings {
			zh, en := scan.KindLabel(f.Kind)
			fmt.Fprintf(w, "  [%s] %s / %s  %-12s %s %s\n", f.Severity, zh, en, f.Location, term(f.Excerpt), term(f.Message))
		}
	}
	fmt.Fprintf(w, "建议 / suggestion:  %s %s\n", in.Suggestion.Attribute, in.Suggestion.Basis)
	if ks := in.Suggestion.Redact; len(ks) > 0 {
		fmt.Fprintf(w, "  遮盖后主动公开 / public after masking: docattr mark FILE --attr public --redact %s\n", strings.Join(ks, ","))
	}
	for _, r := range in.Suggestion.Reasons {
		fmt.Fprintf(w, "  - %s\n", r)
	}
}
