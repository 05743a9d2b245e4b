package redact

import (
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/publish"
	"github.com/docattr/docattr/internal/scan"
	"github.com/docattr/docattr/internal/settings"
	"github.com/docattr/docattr/internal/usertext"
)

// FlowResult is what Run did.
type FlowResult struct {
	Result
	// Output is the file really written: the one asked for, or a distinct
	// name when that exists and opts.Overwrite is not set.
	Input, Output string
	// Masked are the input's findings of the masked kinds as the event
	// records them: kind, location and masked excerpt, never a clear number.
	Masked []audit.FindingRef
	Event  audit.Event // the "redact" event
}

// Run is the whole redaction flow on a file, through the publish path:
// publish.Begin (actor, Guard.Target, OpenDocument), Create, Redact, Finish, re-check of the
// written copy (ErrIncomplete if a finding of the masked kinds remains),
// then Commit with an audit.TypeRedact event. The input is never written.
// Errors are *msg.Error values (kinds of this package and of publish) or
// the docx, I/O or audit error.
func Run(log *audit.Log, input, output string, opts Options, actor settings.Actor, version string) (FlowResult, error) {
	res := FlowResult{Input: input, Output: output}
	if err := usertext.Check(usertext.Actor, actor.Name); err != nil {
		return res, err // before the kinds, as it always was
	}
	if _, err := opts.kinds(); err != nil {
		return res, err
	}
	job, err := publish.Begin(log, actor, input, output, opts.Overwrite)
	if err != nil {
		return res, err
	}
	defer job.Close()
	out, src, d := job.Output, job.Input, job.Doc
	res.Output = out
	tmp, err := publish.Create(out)
	if err != nil {
		return res, err
	}
	defer tmp.Abort()
	found, _ := Remaining(d, opts)
	res.Masked = Refs(found)
	res.Result, err = Redact(d, tmp, opts)
	if err != nil {
		var m *msg.Error
		if errors.As(err, &m) {
			return res, err
		}
		return res, msg.Newf(ErrRedact, err, "遮盖失败，未生成输出文件", "redaction failed, no output written")
	}
	outHash, err := tmp.Finish()
	if err != nil {
		return res, err
	}
	if err := Verify(out, tmp, tmp.Size(), opts); err != nil {
		return res, err
	}
	inHash, err := src.Sum()
	if err != nil {
		return res, err
	}
	docID := ""
	if rec := d.Record(); rec != nil {
		docID = rec.DocID
	}
	ev := audit.Event{
		Type: audit.TypeRedact, Actor: actor, DocID: docID, File: filepath.Base(input),
		InputSHA256: inHash, OutputSHA256: outHash, Version: version,
		Details: Details(out, opts, res.Result), Findings: res.Masked,
	}
	res.Event, err = publish.Commit(log, tmp, ev)
	return res, err
}

// Refs turns findings into the event's list: kind, severity, location and
// the masked excerpt scan gives every personal number.
func Refs(found []scan.Finding) []audit.FindingRef {
	var out []audit.FindingRef
	for _, f := range found {
		out = append(out, audit.FindingRef{Kind: f.Kind, Severity: string(f.Severity), Excerpt: f.Excerpt, Location: f.Location})
	}
	return out
}

// Verify re-opens a redacted copy (name for messages, r its bytes) and
// fails with ErrIncomplete if a finding of the masked kinds remains.
func Verify(name string, r io.ReaderAt, size int64, opts Options) error {
	d, err := docx.OpenReader(name, r, size)
	if err != nil {
		return msg.Newf(ErrIncomplete, err, "遮盖后的文件无法读取，未生成输出文件", "the redacted file cannot be read back; no output written")
	}
	defer d.Close()
	left, err := Remaining(d, opts)
	if err != nil {
		return err
	}
	if len(left) > 0 {
		var zh, en []string
		for _, f := range left {
			kz, ke := scan.KindLabel(f.Kind)
			zh, en = append(zh, kz+"："+f.Location), append(en, ke+" at "+f.Location)
		}
		return msg.New(ErrIncomplete, "遮盖后仍有个人号码（"+strings.Join(zh, "，")+"），未生成输出文件",
			"personal numbers remain after masking ("+strings.Join(en, "; ")+"); no output written")
	}
	return nil
}

// Details are the event's details: the kinds asked for, how many numbers
// were masked and which parts changed.
func Details(out string, opts Options, res Result) map[string]string {
	ks := opts.Kinds
	if len(ks) == 0 {
		ks = Kinds
	}
	return map[string]string{
		"output": out, "kinds": strings.Join(ks, ","), "masked": strconv.Itoa(len(res.Items)),
		"changed_parts": strings.Join(res.ChangedParts, ","),
	}
}
