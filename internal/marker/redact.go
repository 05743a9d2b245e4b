package marker

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/redact"
	"github.com/docattr/docattr/internal/scan"
)

// redactCopy masks the kinds of req.Redact in d into memory (the draft
// file is never written) and returns the masked document, re-checked, for
// the flow to decide on and stamp: one action redacts, marks and publishes
// one file with one event. masked lists what was masked, as the event
// records it (kind, location with 已遮盖, masked form).
func redactCopy(d *docx.Document, kinds []string) (*docx.Document, []audit.FindingRef, redact.Result, error) {
	opts := redact.Options{Kinds: kinds}
	found, err := redact.Remaining(d, opts)
	if err != nil {
		return nil, nil, redact.Result{}, err
	}
	var buf bytes.Buffer
	res, err := redact.Redact(d, &buf, opts)
	if err != nil {
		if _, ok := err.(*msg.Error); ok {
			return nil, nil, res, err
		}
		return nil, nil, res, msg.Newf(redact.ErrRedact, err, "遮盖失败，未生成输出文件", "redaction failed, no output written")
	}
	r := bytes.NewReader(buf.Bytes())
	if err := redact.Verify(d.Path, r, r.Size(), opts); err != nil {
		return nil, nil, res, err
	}
	rd, err := docx.OpenReaderToWrite(d.Path, r, r.Size())
	if err != nil {
		return nil, nil, res, msg.Newf(redact.ErrIncomplete, err, "遮盖后的文件无法读取，未生成输出文件", "the redacted copy cannot be read back; no output written")
	}
	masked := redact.Refs(found)
	for i := range masked {
		masked[i].Location += "（已遮盖）"
	}
	return rd, masked, res, nil
}

// redactDetails records a redaction in the mark event: the kinds asked
// for, how many numbers were masked, and the masked items themselves.
func redactDetails(ev *audit.Event, kinds []string, n int, masked []audit.FindingRef) {
	ev.Details["redact_kinds"] = strings.Join(kinds, ",")
	ev.Details["masked"] = strconv.Itoa(n)
	ev.Findings = append(ev.Findings, masked...)
}

// withoutMasked leaves out of r the findings a request's redaction masks
// (those in embedded documents stay: they cannot be masked, and Mark
// refuses them).
func withoutMasked(r scan.Report, kinds []string) scan.Report {
	if len(kinds) == 0 {
		return r
	}
	out := r
	out.Findings = nil
	for _, f := range r.Findings {
		if slices.Contains(kinds, f.Kind) && !f.InEmbedded() {
			continue
		}
		out.Findings = append(out.Findings, f)
	}
	if out.Findings == nil {
		out.Findings = []scan.Finding{}
	}
	return out
}
