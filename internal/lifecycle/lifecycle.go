package lifecycle

import (
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
	"github.com/docattr/docattr/internal/settings"
)

// Request is one lifecycle change of one document.
type Request struct {
	Input, Output string // Output "" means DefaultOutput(Input, State)
	State         string // id, tag or verb (ParseState)
	Date          time.Time
	Ref           string // replacing / amending / declaring document, optional
	Actor         settings.Actor
	Version       string
	// Withdraw removes the notice instead (one stamped in error); it needs
	// Reason, and State, Date and Ref are not used.
	Withdraw bool
	Reason   string
	// Overwrite lets the output replace an existing file; otherwise a
	// distinct name is used (Result.Output says which).
	Overwrite bool
	// Trust verifies the document's review trail: only a signed document
	// (已签发) gets a notice, unless Unsigned says why (recorded).
	Trust    Trust
	Unsigned string
	// Ground is the 解密依据 of a State Declassified (required), and
	// Classifier the 定密责任人 who approved it (recorded; a warning when
	// missing).
	Ground, Classifier string
	// Machine is this computer's status: the event records it, and its
	// QuietLog keeps a secret document's file name, reference and reasons
	// out of the event (as marker does).
	Machine settings.Machine
}

// withdrawn is the pseudo-state of a withdrawal: its tag names the output.
var withdrawn = State{ID: "withdrawn", Tag: "撤销状态标注", Verb: "撤销"}

// Result is what Apply did.
type Result struct {
	Output   string      // the file really written
	Notice   string      // the notice now printed
	Replaced string      // the notice it replaced, "" if none
	Record   docx.Record // the record now embedded
	// HadRecord is false when the document carried no docattr record: it
	// was not marked with docattr (a warning, not an error).
	HadRecord bool
	Warnings  []string // for people, Chinese
	Event     audit.Event
}

// DefaultOutput returns the output beside input named <stem>-<tag><ext>,
// e.g. 办法-已废止.docx. A tag an earlier change left on the stem is
// replaced rather than stacked (办法-已修改.docx → 办法-已废止.docx) unless
// that would name the input itself.
func DefaultOutput(input string, st State) string {
	dir, base := filepath.Dir(input), filepath.Base(input)
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	out := filepath.Join(dir, stem+"-"+st.Tag+ext)
	for _, s := range append(States(), declassify) {
		if trimmed, ok := strings.CutSuffix(stem, "-"+s.Tag); ok {
			if o := filepath.Join(dir, trimmed+"-"+st.Tag+ext); o != input {
				out = o
			}
			break
		}
	}
	return out
}

// Apply stamps the notice for req into a copy of req.Input, updates the
// embedded record, and records a "lifecycle" event in log before the copy
// appears at the output path. A notice from an earlier change is replaced;
// the disclosure and secrecy marks are left exactly as they are.
func Apply(log *audit.Log, req Request) (Result, error) {
	var res Result
	if err := req.checkText(); err != nil {
		return res, err
	}
	if !req.Withdraw {
		if st, err := ParseState(req.State); err == nil && st.ID == Declassified {
			return applyDeclassify(log, req)
		}
	}
	st, notice, ref, err := noticeFor(req)
	if err != nil {
		return res, err
	}
	res.Output, res.Notice = req.Output, notice
	if res.Output == "" {
		res.Output = DefaultOutput(req.Input, st)
	}
	job, err := publish.Begin(log, req.Actor, req.Input, res.Output, req.Overwrite)
	if err != nil {
		return res, err
	}
	defer job.Close()
	src, d := job.Input, job.Doc
	res.Output = job.Output
	head, err := log.Head()
	if err != nil {
		return res, err
	}
	a := d.Analyze()
	if a.Lifecycle != nil {
		res.Replaced = docx.Compact(a.Lifecycle.Text)
	} else if req.Withdraw {
		return res, msg.New(ErrNoNotice, "文件没有状态标注，无需撤销", "the document carries no lifecycle notice to withdraw")
	}
	if !req.Withdraw {
		if err := checkIssued(d, a, req); err != nil {
			return res, err
		}
	}
	rec, prevState := newRecord(d.Record(), st, req.Date, ref, head)
	res.Record, res.HadRecord = rec, d.Record() != nil
	if !req.Withdraw {
		res.Warnings = warnings(res, req.Date)
	}

	tmp, err := publish.Create(res.Output)
	if err != nil {
		return res, err
	}
	defer tmp.Abort()
	if _, err = d.Stamp(tmp, docx.StampOptions{Record: rec, KeepMarks: true, Lifecycle: &notice, Modified: time.Now()}); err != nil {
		return res, tmp.Failed(err)
	}
	outHash, err := tmp.Finish()
	if err != nil {
		return res, err
	}
	inHash, err := src.Sum()
	if err != nil {
		return res, err
	}
	ev := audit.Event{
		Type: audit.TypeLifecycle, Actor: req.Actor, DocID: rec.DocID, File: filepath.Base(req.Input),
		InputSHA256: inHash, OutputSHA256: outHash, Version: req.Version,
		Attribute: rec.Attribute, Secrecy: attr.SecrecyLine(rec.Secrecy, rec.Period),
		Details: map[string]string{"state": st.ID, "date": rec.LifecycleDate, "ref": ref, "reason": strings.TrimSpace(req.Reason),
			"notice": notice, "prev_state": prevState, "replaced_notice": res.Replaced, "output": res.Output,
			"unsigned": strings.TrimSpace(req.Unsigned)},
	}
	finishEvent(&ev, req, res.HadRecord, rec.Secrecy != "" && req.Machine.QuietLog,
		"ref", "reason", "unsigned", "notice", "replaced_notice", "output")
	res.Event, err = publish.Commit(log, tmp, ev)
	return res, err
}

// finishEvent completes a lifecycle event's details: whether the file had
// a record, the kind of computer, and — when the log is kept quiet about
// secret documents — the file name and the named details replaced, as
// the marker keeps them; empty details are dropped.
func finishEvent(ev *audit.Event, req Request, hadRecord, quiet bool, secretKeys ...string) {
	if !hadRecord {
		ev.Details["no_record"] = "true"
	}
	ev.Details["machine"] = "ordinary"
	if req.Machine.Secret {
		ev.Details["machine"] = "secret"
	}
	if quiet {
		ev.File = "（涉密，已略去）"
		for _, k := range secretKeys {
			if ev.Details[k] != "" {
				ev.Details[k] = "（涉密，已略去）"
			}
		}
		ev.Details["quiet"] = "true"
	}
	for k, v := range ev.Details {
		if v == "" {
			delete(ev.Details, k)
		}
	}
}

// noticeFor returns the state, the notice text ("" to withdraw) and the
// cleaned reference of a request.
func noticeFor(req Request) (State, string, string, error) {
	if req.Withdraw {
		if strings.TrimSpace(req.Reason) == "" {
			return withdrawn, "", "", msg.New(ErrNeedsReason, "撤销状态标注须说明理由", "withdrawing a lifecycle notice needs a reason")
		}
		return withdrawn, "", "", nil
	}
	st, err := ParseState(req.State)
	if err != nil {
		return st, "", "", err
	}
	notice, err := LifecycleNotice(st.ID, FormatDate(req.Date), req.Ref)
	if err != nil {
		return st, "", "", err
	}
	ref, _ := cleanRef(req.Ref)
	return st, notice, ref, nil
}

// newRecord returns prev (or a fresh record for an unmarked document) with
// the lifecycle fields set; the marking fields are kept as they were.
func newRecord(prev *docx.Record, st State, date time.Time, ref string, head audit.Head) (docx.Record, string) {
	var rec docx.Record
	prevState := ""
	if prev != nil {
		rec, prevState = *prev, prev.Lifecycle
	}
	if rec.DocID == "" {
		rec.DocID = marker.NewDocID()
	}
	rec.Lifecycle, rec.LifecycleDate, rec.LifecycleRef = st.ID, date.Format(time.DateOnly), ref
	if st == withdrawn {
		rec.Lifecycle, rec.LifecycleDate, rec.LifecycleRef = "", "", ""
	}
	rec.AuditHead = fmt.Sprintf("%d:%s", head.Seq, head.Hash)
	rec.FormatVersion = docx.RecordFormatVersion
	return rec, prevState
}

func warnings(res Result, date time.Time) []string {
	var w []string
	if !res.HadRecord {
		w = append(w, "文件中没有 docattr 标注记录（可能不是用本工具标注发布的文件），已照常标注状态，请核对是否为已发布的原文")
	} else if a := res.Record.Attribute; a != attr.Public && a != attr.Redacted {
		name := a
		if x, ok := attr.Lookup(a); ok {
			name = x.Zh
		}
		w = append(w, "文件的公开属性为“"+name+"”而非主动公开，状态标注通常用于已主动公开的文件，请核对")
	}
	if date.After(time.Now()) {
		w = append(w, "日期晚于今天：通知写的是“本文件已于…”，请在该日期后发布此标注")
	}
	return w
}
