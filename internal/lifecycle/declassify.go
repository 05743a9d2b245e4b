package lifecycle

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/marker"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/publish"
	"github.com/docattr/docattr/internal/usertext"
)

// Declassifying an issued secret document (解密) is a lifecycle event of its
// own: no notice is printed at the top; the secrecy line is annotated where
// it stands, 秘密★1年（已于2027年3月1日解密）, so the original level stays
// visible (《国家秘密解密暂行办法》: the 解密 is marked at the original mark,
// which is not deleted). The record's level and period are cleared and the
// original kept in DeclassifiedFrom, so the document may then be assessed for
// disclosure again (marked anew, e.g. 主动公开): the annotated line is no
// longer a secrecy mark for the scan, the rules or a second marking.

// Declassified is the state of a 解密 event (Details["state"]).
const Declassified = "declassified" // 已解密

var declassify = State{ID: Declassified, Tag: "已解密", Verb: "解密"}

// Sentinels of a 解密.
var (
	// ErrNotSecret refuses to declassify a document that prints no secrecy
	// line in its body (none, already declassified, or only in a header).
	ErrNotSecret = errors.New("lifecycle: no secrecy line to declassify")
	// ErrNeedsGround refuses a 解密 without its ground.
	ErrNeedsGround = errors.New("lifecycle: declassifying needs a ground")
	// ErrOrdinaryMachine is marker's: a secret document on a computer not
	// approved for it, refused when the settings say so.
	ErrOrdinaryMachine = marker.ErrOrdinaryMachine
)

// DeclassifyGrounds are the usual grounds of a 解密 (《保守国家秘密法》, 解密
// 审核), offered to choose from; the ground is free text.
var DeclassifyGrounds = []string{
	"保密期限已满，自行解密",
	"保密事项范围调整，不再作为国家秘密",
	"公开后不会损害国家安全和利益，不需要继续保密",
}

// groundField is the ground as typed text (see usertext).
var groundField = usertext.Field{Zh: "解密依据", En: "the declassification ground", Max: usertext.MaxLong, Multiline: true}

// applyDeclassify is Apply for State Declassified.
func applyDeclassify(log *audit.Log, req Request) (Result, error) {
	var res Result
	if err := usertext.CheckAll(usertext.Pair{Field: groundField, Value: req.Ground},
		usertext.Pair{Field: usertext.Classifier, Value: req.Classifier}); err != nil {
		return res, err
	}
	ground := strings.TrimSpace(req.Ground)
	if ground == "" {
		return res, msg.New(ErrNeedsGround,
			"解密须写明依据（可选："+strings.Join(DeclassifyGrounds, "；")+"）",
			"declassifying needs its ground (--ground), e.g. the period has ended, the scope of secret matters changed, or disclosure would do no harm")
	}
	if req.Date.IsZero() {
		return res, msg.New(ErrDate, "须给出解密日期", "a declassification date is required")
	}
	out := req.Output
	if out == "" {
		out = DefaultOutput(req.Input, declassify)
	}
	job, err := publish.Begin(log, req.Actor, req.Input, out, req.Overwrite)
	if err != nil {
		return res, err
	}
	defer job.Close()
	res.Output, res.HadRecord = job.Output, job.Doc.Record() != nil
	d, a := job.Doc, job.Doc.Analyze()
	if err := declassifiable(a); err != nil {
		return res, err
	}
	if err := checkIssued(d, a, req); err != nil {
		return res, err
	}
	if !req.Machine.Secret && req.Machine.RefuseSecret {
		return res, msg.New(ErrOrdinaryMachine,
			"涉密文件不得在非涉密计算机上处理：解密标注前文件仍属国家秘密，本机未登记为涉密计算机，本单位设置不允许在本机处理；请在涉密计算机上办理解密标注",
			"state secrets may not be processed on an ordinary computer: the document is secret until the declassification is marked; use an approved computer")
	}
	head, err := log.Head()
	if err != nil {
		return res, err
	}
	note := docx.DeclassifiedNote(FormatDate(req.Date))
	res.Notice = a.SecrecyText + note
	res.Record = declassifiedRecord(d.Record(), a.SecrecyText, ground, req.Date, head)
	res.Warnings = declassifyWarnings(req, res)

	tmp, err := publish.Create(res.Output)
	if err != nil {
		return res, err
	}
	defer tmp.Abort()
	if _, err = d.Stamp(tmp, docx.StampOptions{Record: res.Record, KeepMarks: true, Declassify: note, Modified: time.Now()}); err != nil {
		return res, tmp.Failed(err)
	}
	outHash, err := tmp.Finish()
	if err != nil {
		return res, err
	}
	inHash, err := job.Input.Sum()
	if err != nil {
		return res, err
	}
	ev := audit.Event{
		Type: audit.TypeLifecycle, Actor: req.Actor, DocID: res.Record.DocID, File: filepath.Base(req.Input),
		InputSHA256: inHash, OutputSHA256: outHash, Version: req.Version,
		Attribute: res.Record.Attribute, PrevSecrecy: a.SecrecyText,
		Details: map[string]string{"state": Declassified, "date": res.Record.Declassified, "ground": ground,
			"declassified_from": a.SecrecyText, "line": res.Notice, "classifier": strings.TrimSpace(req.Classifier),
			"output": res.Output, "unsigned": strings.TrimSpace(req.Unsigned)},
	}
	// the document was secret until this event: quiet as the marker keeps it
	finishEvent(&ev, req, res.HadRecord, req.Machine.QuietLog, "ground", "unsigned", "output")
	res.Event, err = publish.Commit(log, tmp, ev)
	return res, err
}

// declassifiable refuses a document with no secrecy line docattr can
// annotate.
func declassifiable(a docx.Analysis) error {
	switch {
	case a.Secrecy == nil && a.Declassified != nil:
		return msg.New(ErrNotSecret,
			fmt.Sprintf("文件的密级标志已标注解密（%s）：无需再次解密", docx.Compact(a.Declassified.Text)),
			fmt.Sprintf("the secrecy mark is already annotated as declassified (%s)", docx.Compact(a.Declassified.Text)))
	case a.Secrecy == nil:
		return msg.New(ErrNotSecret, "文件没有密级标志，无需解密：解密只用于印有密级标志（如 秘密★1年）的已签发文件",
			"the document prints no secrecy mark: only a document that prints one (秘密★1年) can be declassified")
	case a.SecrecyInHeader:
		return msg.New(ErrNotSecret,
			fmt.Sprintf("密级标志“%s”在页眉中，本工具不修改页眉：请在 Word/WPS 中于页眉的密级标志旁注明解密日期，或把密级标志移到正文第一行后再解密", a.SecrecyText),
			fmt.Sprintf("the secrecy mark %q is in a header, which docattr does not edit: annotate it in Word/WPS, or move it to the first line of the body", a.SecrecyText))
	}
	return nil
}

// declassifiedRecord returns prev (or a fresh record) with the level gone
// and the 解密 recorded; the disclosure decision is kept as it was, to be
// assessed again.
func declassifiedRecord(prev *docx.Record, from, ground string, date time.Time, head audit.Head) docx.Record {
	var rec docx.Record
	if prev != nil {
		rec = *prev
	}
	if rec.DocID == "" {
		rec.DocID = marker.NewDocID()
	}
	rec.Secrecy, rec.Period, rec.SecrecyUntil = "", "", ""
	rec.Classifier, rec.SecrecyBasis, rec.Scope, rec.DerivedFrom = "", "", "", ""
	rec.Declassified, rec.DeclassifiedFrom, rec.DeclassifyGround = date.Format(time.DateOnly), from, ground
	rec.AuditHead = fmt.Sprintf("%d:%s", head.Seq, head.Hash)
	rec.FormatVersion = docx.RecordFormatVersion
	return rec
}

func declassifyWarnings(req Request, res Result) []string {
	var w []string
	if !req.Machine.Secret {
		w = append(w, marker.WarnOrdinaryMachine)
	}
	if !res.HadRecord {
		w = append(w, "文件中没有 docattr 标注记录（可能不是用本工具标注发布的文件），已照常标注解密，请核对是否为已签发的原文")
	}
	if strings.TrimSpace(req.Classifier) == "" {
		w = append(w, "解密未记录定密责任人：解密应由定密责任人审核批准，请写明审核人")
	}
	if a := res.Record.Attribute; a == attr.Withheld || a == "" {
		w = append(w, "解密后文件的公开属性仍为不予公开：请重新审查公开属性（主动公开、依申请公开或不予公开）并重新标注")
	}
	if req.Date.After(time.Now()) {
		w = append(w, "日期晚于今天：标注写的是“已于…解密”，请在该日期后发布此标注")
	}
	return w
}
