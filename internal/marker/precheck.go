package marker

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/redact"
	"github.com/docattr/docattr/internal/scan"
	"github.com/docattr/docattr/internal/settings"
	"github.com/docattr/docattr/internal/usertext"
)

// Draft is what the precheck looks at: what a draft carries (its analysis
// and embedded record) and what the pre-disclosure check found in it.
type Draft struct {
	Analysis docx.Analysis
	Record   *docx.Record // nil when the draft was never marked
	Report   scan.Report
}

// Verdict is the engine's answer, before anything is written, to "may this
// request mark this draft, and what would it record?". Mark decides through
// the same code, so a door that shows a Verdict (the app's form) accepts and
// refuses exactly what Mark accepts and refuses, with the same words.
type Verdict struct {
	// Decision is the request's decision completed with what the draft
	// carries: a kept secrecy line's level and period, a period normalised
	// (5 → 5年).
	Decision attr.Decision
	// SecrecySet is whether the marking writes a secrecy line. A request
	// that sets the very line the draft already prints keeps it.
	SecrecySet bool
	// SecrecyFound is the secrecy mark the draft prints ("" for none).
	SecrecyFound string
	// Dated is the draft's 成文日期 (zero when it has none yet); secrecy
	// periods count from it.
	Dated time.Time
	// SecrecyUntil is the last day of secrecy (保密期限至), zero when there
	// is no level, no 成文日期 or the period is a 解密条件.
	SecrecyUntil time.Time
	// Previous is what the rules compare with: the embedded record's
	// attribute and the higher of its level and the printed one.
	Previous attr.Previous
	// Blocking are the block findings this marking leaves in the output
	// (a secrecy line the marking replaces or removes is not among them).
	Blocking []scan.Finding
	// NeedsAck is set when Blocking must be acknowledged: anything but
	// 不予公开 publishes the document.
	NeedsAck bool
	// Problems are the reasons Mark would refuse, each a *msg.Error, in a
	// stable order: the rules, then the header, then the findings.
	Problems []error
	// Err is Problems joined (what Mark returns), nil when accepted.
	Err error
	// Warnings are what a person should check afterwards (Chinese), as far
	// as they can be known before stamping.
	Warnings []string
}

// Precheck answers for one draft and one request without writing anything.
// The app calls it on every change of its form; Mark calls the same steps.
func Precheck(d Draft, req Request) Verdict {
	req = tidy(req)
	v := plan(d.Analysis, d.Record, req)
	v.face(withoutMasked(d.Report, req.Redact), d.Analysis, req.AcceptFindings)
	if len(req.Redact) > 0 {
		if err := redact.Check(d.Report, req.Redact); err != nil {
			v.setProblems(append(v.Problems, err))
		}
	}
	v.Warnings = append(warnings(d.Analysis, predictPlacement(d.Analysis), notePrinted(v.Decision, req), v.Decision.Secrecy, req.Machine), v.classificationWarnings()...)
	return v
}

// PrecheckFile opens path, checks it and returns the Verdict for req. The
// error is for a file that cannot be read at all.
func PrecheckFile(path string, req Request) (Verdict, error) {
	d, err := docx.Open(path)
	if err != nil {
		return Verdict{}, err
	}
	defer d.Close()
	return Precheck(Draft{Analysis: d.Analyze(), Record: d.Record(), Report: scan.Check(d)}, req), nil
}

// tidy trims the white space people leave around typed text, so that a
// reason typed in the app and one passed on the command line record alike.
func tidy(req Request) Request {
	d := &req.Decision
	d.Basis, d.Reason = strings.TrimSpace(d.Basis), strings.TrimSpace(d.Reason)
	d.Period, d.Interpretation = strings.TrimSpace(d.Period), strings.TrimSpace(d.Interpretation)
	c := &d.Classification
	c.Classifier, c.SecrecyBasis = strings.TrimSpace(c.Classifier), strings.TrimSpace(c.SecrecyBasis)
	c.Scope, c.DerivedFrom = strings.TrimSpace(c.Scope), strings.TrimSpace(c.DerivedFrom)
	req.AcceptFindings = strings.TrimSpace(req.AcceptFindings)
	return req
}

// plan is the half of the precheck that needs no scan: it completes the
// decision from what the draft carries and applies the rules. Mark runs it
// before stamping and runs face once the check has finished alongside.
func plan(a docx.Analysis, rec *docx.Record, req Request) Verdict {
	v := Verdict{Decision: req.Decision, SecrecySet: req.SecrecySet}
	if rec != nil {
		v.Previous = attr.Previous{Attribute: rec.Attribute, Secrecy: rec.Secrecy}
	}
	foundLevel, foundPeriod := "", ""
	if a.Secrecy != nil {
		v.SecrecyFound = a.SecrecyText
		foundLevel, foundPeriod = attr.ParseSecrecyLine(a.SecrecyText)
		if attr.LevelRank(foundLevel) > attr.LevelRank(v.Previous.Secrecy) {
			v.Previous.Secrecy = foundLevel
		}
	}
	// Setting what is already printed is keeping it: the app's form always
	// holds a level, the CLI only with --secrecy, and both must mean the
	// same. Keeping also leaves a header's mark alone instead of refusing,
	// and a printed period the rules would not accept today is not ours to
	// judge unless it is changed.
	var problems []error
	if err := req.checkText(); err != nil {
		// Mark refuses it before reading; the form must say so too.
		problems = append(problems, err)
	}
	if v.SecrecySet && v.Decision.Secrecy == foundLevel && v.Decision.Period == foundPeriod {
		v.SecrecySet = false
	}
	v.Dated = DocDate(a)
	// A period usertext refuses is reported once, by checkText.
	if v.SecrecySet && (v.Decision.Secrecy == "" || attr.LevelRank(v.Decision.Secrecy) > 0) &&
		usertext.Check(usertext.Period, v.Decision.Period) == nil {
		p, until, err := attr.ParsePeriodFrom(v.Decision.Secrecy, v.Decision.Period, v.Dated)
		if err != nil {
			problems = append(problems, err)
		} else {
			v.Decision.Period, v.SecrecyUntil = p, until
		}
	}
	if v.SecrecySet && v.Decision.Secrecy == foundLevel && v.Decision.Period == foundPeriod {
		v.SecrecySet = false
	}
	if !v.SecrecySet {
		v.Decision.Secrecy, v.Decision.Period = foundLevel, foundPeriod
		// A kept level keeps its 定密 record.
		v.Decision.Classification = attr.Classification{}
		if rec != nil && foundLevel != "" {
			v.Decision.Classification = attr.Classification{Classifier: rec.Classifier, SecrecyBasis: rec.SecrecyBasis,
				Scope: rec.Scope, DerivedFrom: rec.DerivedFrom}
		}
		// A kept line is not judged again, but its end is still worth
		// recording when it can be read.
		_, v.SecrecyUntil, _ = attr.ParsePeriodFrom(foundLevel, foundPeriod, v.Dated)
	}
	problems = append(flatten(attr.Validate(v.Decision, v.Previous)), problems...)
	if err := attr.CheckEnabled(v.Decision.Attribute, req.Extras); err != nil {
		problems = append([]error{err}, problems...)
	}
	if err := attr.CheckDocType(v.Decision.DocType, docTypes(req)); err != nil {
		problems = append(problems, err)
	}
	if err := machineCheck(req.Machine, foundLevel, v.Decision.Secrecy, v.SecrecySet); err != nil {
		problems = append([]error{err}, problems...)
	}
	if v.SecrecySet && a.SecrecyInHeader {
		problems = append(problems, msg.New(ErrHeaderSecrecy,
			fmt.Sprintf("页眉中已有密级标志“%s”：请先在 Word/WPS 中删除页眉里的密级标志再设置密级，或保留原密级标注", a.SecrecyText),
			fmt.Sprintf("a header already prints the secrecy mark %q: remove it in Word/WPS before setting a level, or keep that level (mark without --secrecy)", a.SecrecyText)))
	}
	v.setProblems(problems)
	return v
}

// face is the other half: which block findings this marking leaves in the
// output, and whether they stop it.
func (v *Verdict) face(r scan.Report, a docx.Analysis, ack string) {
	v.Blocking = nil
	for _, f := range r.Blocking() {
		// A secrecy line this marking replaces or removes is dealt with by
		// the decision (and a lowered level by its reason).
		if v.SecrecySet && f.Kind == scan.KindSecrecyMark && a.Secrecy != nil && !a.SecrecyInHeader &&
			f.Part == a.Secrecy.Part && f.Para == a.Secrecy.Index {
			continue
		}
		v.Blocking = append(v.Blocking, f)
	}
	v.NeedsAck = len(v.Blocking) > 0 && v.Decision.Attribute != attr.Withheld
	if v.NeedsAck && strings.TrimSpace(ack) == "" {
		v.setProblems(append(v.Problems, blockedError(v.Blocking)))
	}
}

func (v *Verdict) setProblems(p []error) {
	v.Problems = p
	v.Err = errors.Join(p...)
}

// blockedError refuses to publish a document with block findings that were
// not acknowledged, naming their kinds.
func blockedError(blocking []scan.Finding) error {
	seen := map[string]bool{}
	var zh, en []string
	for _, f := range blocking {
		if !seen[f.Kind] {
			seen[f.Kind] = true
			z, e := scan.KindLabel(f.Kind)
			zh, en = append(zh, z), append(en, e)
		}
	}
	return msg.New(ErrBlocked,
		fmt.Sprintf("发现 %d 处须处理的内容（%s）：请处理后再标注，或写明确认说明（理由）后标注", len(blocking), strings.Join(zh, "、")),
		fmt.Sprintf("%d blocking findings (%s): fix them, or acknowledge them with a reason (--accept-findings \"reason\")", len(blocking), strings.Join(en, ", ")))
}

// flatten lists the errors a join holds, so that each rule's message is
// one problem.
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		if _, isMsg := err.(*msg.Error); !isMsg {
			return j.Unwrap()
		}
	}
	return []error{err}
}

// DocDate is the draft's 成文日期, zero for none or a placeholder.
func DocDate(a docx.Analysis) time.Time {
	if a.Date == nil || a.DatePlaceholder {
		return time.Time{}
	}
	text := strings.TrimRight(a.Date.Text, "\n")
	if i := strings.LastIndex(text, "\n"); i >= 0 {
		text = text[i+1:]
	}
	t, _ := attr.ParseDocDate(text)
	return t
}

// WarnNoSerial is the warning for a 绝密 or 机密 draft that prints no 份号.
func WarnNoSerial(level string) string {
	return level + "公文应当标注份号（《党政机关公文处理工作条例》第九条）：请在版头第一行加注6位份号"
}

// notePrinted is the disclosure mark this request prints, "" for none.
func notePrinted(dec attr.Decision, req Request) string {
	if req.Print == nil || slices.Contains(req.Print, dec.Attribute) {
		return attr.MarkText(dec.Attribute, req.Style)
	}
	return ""
}

// predictPlacement is where docx.Stamp will put the note.
func predictPlacement(a docx.Analysis) string {
	if a.Date != nil {
		return docx.PlacedAfterDate
	}
	return docx.PlacedAfterLast
}

// warnings are what a person should check in the marked copy.
func warnings(a docx.Analysis, placement, note, level string, m settings.Machine) []string {
	var w []string
	if level != "" && !m.Secret && !m.RefuseSecret {
		w = append(w, WarnOrdinaryMachine)
	}
	if (level == "绝密" || level == "机密") && a.Serial == nil {
		w = append(w, WarnNoSerial(level))
	}
	if note != "" {
		switch placement {
		case docx.PlacedAfterLast:
			w = append(w, "未找到成文日期，公开属性标注已放在正文最后一段之后，请核对位置")
		case docx.PlacedBeforeBanji:
			w = append(w, "未找到成文日期，公开属性标注已放在版记（抄送、印发）之前，请核对位置")
		case docx.PlacedBeforeAttachments:
			w = append(w, "未找到成文日期，公开属性标注已放在附件之前，请核对位置")
		}
	}
	if a.DatePlaceholder && note != "" {
		w = append(w, "成文日期尚为“年　月　日”占位，签发后请补全日期")
	}
	if a.SecrecyInHeader {
		w = append(w, "页眉中有密级标志（"+a.SecrecyText+"），docattr 不修改页眉，请人工核对")
	}
	return w
}

// classificationWarnings names the parts of the 定密 record a level change
// leaves out. Setting, raising, lowering or removing a level is 定密 work:
// the record says who did it, on what ground and for whom; the review chain
// then asks the 定密责任人 to sign.
func (v Verdict) classificationWarnings() []string {
	if !v.SecrecySet {
		return nil
	}
	c := v.Decision.Classification
	var missing []string
	if c.Classifier == "" {
		missing = append(missing, "定密责任人（--classifier）")
	}
	if c.SecrecyBasis == "" {
		missing = append(missing, "定密依据（--secrecy-basis）")
	}
	if v.Decision.Secrecy != "" && c.Scope == "" {
		missing = append(missing, "知悉范围（--scope）")
	}
	if len(missing) == 0 {
		return nil
	}
	return []string{"变更密级未记录" + strings.Join(missing, "、") + "：定密须由定密责任人依保密事项范围作出，送审时须经定密责任人审核"}
}
