package review

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/publish"
)

var eventType = map[string]string{
	ActionSubmit: audit.TypeReviewSubmit, ActionApprove: audit.TypeReviewApprove,
	ActionReturn: audit.TypeReviewReturn, ActionSign: audit.TypeReviewSign,
}

// write signs step onto t and writes the output in the audit ordering:
// synced temporary file, audit event, rename. A sign first stamps the final
// marks into a scratch copy so that the step's content hash is that of the
// issued text; the trail is then added without touching the marks again.
func write(log *audit.Log, in *publish.Input, d *docx.Document, rec *docx.Record, t *Trail, step Step, req Request, now time.Time, res *Result) error {
	src, newRec := d, *rec
	if step.Action == ActionSign {
		scratch, cleanup, err := stampFinal(d, rec, step, req, now, res.Output)
		if err != nil {
			return err
		}
		defer cleanup()
		src, newRec = scratch, *scratch.Record()
		if step.ContentSHA256, err = scratch.ContentDigest(); err != nil {
			return err
		}
	}
	t.appendSigned(step, req.Key)
	i := len(t.Steps) - 1
	res.Step, res.StepHash = t.Steps[i], t.StepHash(i)
	enc, err := Encode(t)
	if err != nil {
		return err
	}
	tmp, err := publish.Create(res.Output)
	if err != nil {
		return err
	}
	defer tmp.Abort()
	opts := docx.StampOptions{Record: newRec, KeepMarks: true, Trail: enc, Modified: now}
	if _, err := src.Stamp(tmp, opts); err != nil {
		return tmp.Failed(err)
	}
	outHash, err := tmp.Finish()
	if err != nil {
		return err
	}
	inHash, err := in.Sum()
	if err != nil {
		return err
	}
	ev := stepEvent(res, t, req, inHash, outHash)
	res.Event, err = publish.Commit(log, tmp, ev)
	return err
}

// stampFinal writes the document with the signer's decision and the final
// marks to an unpublished scratch output beside out and opens it. cleanup
// closes and discards it.
func stampFinal(d *docx.Document, rec *docx.Record, step Step, req Request, now time.Time, out string) (*docx.Document, func(), error) {
	dec := step.Decision
	r := *rec
	r.Attribute, r.Basis, r.Reason, r.Secrecy, r.Period = dec.Attribute, dec.Basis, dec.Reason, dec.Secrecy, dec.Period
	r.PolicyDoc, r.Interpretation = dec.PolicyDoc, dec.Interpretation
	r.Classifier, r.SecrecyBasis, r.Scope, r.DerivedFrom = dec.Classifier, dec.SecrecyBasis, dec.Scope, dec.DerivedFrom
	r.MarkedAt, r.MarkedBy, r.AuditHead = now.Format(time.RFC3339), step.Actor, step.AuditHead
	if r.FormatVersion == "" {
		r.FormatVersion = docx.RecordFormatVersion
	}
	opts := docx.StampOptions{Record: r, Modified: now}
	if dec.Secrecy != "" {
		line := attr.SecrecyLine(dec.Secrecy, dec.Period)
		opts.SecrecyLine = &line
	}
	if req.Settings.Prints(dec.Attribute) {
		opts.Note = attr.MarkText(dec.Attribute, req.Settings.Style)
	}
	f, err := publish.Create(out)
	if err != nil {
		return nil, nil, err
	}
	if _, err = d.Stamp(f, opts); err != nil {
		f.Abort()
		return nil, nil, fmt.Errorf("stamp final marks: %w", err)
	}
	scratch, err := docx.OpenReader(out, f, f.Size())
	if err != nil {
		f.Abort()
		return nil, nil, err
	}
	return scratch, func() { scratch.Close(); f.Abort() }, nil
}

// stepEvent is the audit event of the step just appended to t. Its details
// carry the step's chain hash, so the log and the file vouch for each other.
func stepEvent(res *Result, t *Trail, req Request, inHash, outHash string) audit.Event {
	s := res.Step
	p := current(t.Steps)
	if p == nil { // a reset: the fresh trail holds no submit
		p = &Proposal{}
	}
	ev := audit.Event{
		Type: eventType[s.Action], Actor: req.Actor, DocID: t.DocID, File: filepath.Base(res.Input),
		InputSHA256: inHash, OutputSHA256: outHash, Version: req.Version,
		Attribute: p.Attribute, Secrecy: attr.SecrecyLine(p.Secrecy, p.Period), Basis: p.Basis, Reason: p.Reason,
		Details: map[string]string{
			"role": s.Role, "decision": s.Action, "comment": s.Comment, "output": res.Output,
			"step": strconv.Itoa(s.Seq), "step_hash": res.StepHash, "fingerprint": keys.Fingerprint(req.Key.Public()),
			"prev": s.Prev, // the point of the chain decided on: see checkDecided
		},
	}
	if res.Reset {
		ev.Details["reset"] = "true"
	}
	if d := s.Decision; d != nil {
		ev.Attribute, ev.PrevAttribute = d.Attribute, p.Attribute
		ev.Secrecy, ev.PrevSecrecy = attr.SecrecyLine(d.Secrecy, d.Period), attr.SecrecyLine(p.Secrecy, p.Period)
		ev.Basis, ev.Reason = d.Basis, d.Reason
		if res.Changed {
			ev.Details["changed"] = "true"
		}
	}
	if len(s.Checklist) > 0 {
		var parts []string
		for _, a := range s.Checklist {
			v := "ok"
			if !a.OK {
				v = "failed"
			}
			if a.Comment != "" {
				v += ":" + a.Comment
			}
			parts = append(parts, a.ID+"="+v)
		}
		ev.Details["checklist"] = strings.Join(parts, "; ")
	}
	return ev
}
