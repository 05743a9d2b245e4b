// Package marker runs the whole marking flow for one or many drafts: read,
// check, decide by the rules, stamp into a temporary file, record the events
// in the audit log, and only then move the outputs into place. The CLI and
// the app both mark through Mark, so they enforce the same rules.
//
// Ordering is the durability contract of the audit log: an output file
// becomes visible only after the transaction holding its event committed, so
// no marked file exists without its event. A batch commits one transaction
// per chunk of files, not one per file.
package marker

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/publish"
	"github.com/docattr/docattr/internal/scan"
	"github.com/docattr/docattr/internal/settings"
)

// Sentinel errors of the flow.
var (
	ErrBlocked = errors.New("blocking findings not acknowledged")
	// ErrHeaderSecrecy refuses to set a secrecy level on a draft whose
	// header already prints one: docattr does not edit headers, and a second
	// mark in the body would double it.
	ErrHeaderSecrecy = errors.New("secrecy mark in a header")
	ErrSameFile      = publish.ErrSameFile
	ErrOutputPath    = publish.ErrOutputPath
)

// Request is one marking decision applied to every job.
type Request struct {
	Decision attr.Decision
	// SecrecySet is set when the decision's secrecy level was chosen
	// explicitly; otherwise a secrecy line already in the draft is kept as
	// it is and recorded as found.
	SecrecySet bool
	// Style is settings.StyleNote or settings.StyleOption.
	Style string
	// Print lists the attributes whose mark is printed (nil = all).
	Print []string
	// Extras lists the extra attributes the settings enable (删减后公开);
	// an extra not listed is refused.
	Extras []string
	// DocTypes is the settings' list of document types (nil: the default).
	DocTypes []string
	// Machine is this computer's status for secret documents.
	Machine settings.Machine
	// InterpretationData, when not nil, is the 解读材料 itself, embedded in
	// the output (its name and SHA-256 are in Decision).
	InterpretationData []byte
	// AcceptFindings acknowledges blocking findings with a reason.
	AcceptFindings string
	// Redact lists finding kinds (redact.Kinds) to mask before deciding
	// and stamping (遮盖后主动公开): the output is the masked copy, the input
	// stays untouched, and the mark event lists what was masked.
	Redact  []string
	Actor   settings.Actor
	Version string
	// Overwrite lets an output replace an existing file; otherwise a
	// distinct name is used (通知-已标注(2).docx). Outputs of one run never
	// replace each other or an input.
	Overwrite bool

	// Catalog holds the 公开目录 fields the drafter gives (catalog.go).
	Catalog Catalog

	known *inputIDs // set by Mark: document ids of inputs marked before (rerun.go)
	// syncing, when set, is called as the output's bytes are all written
	// and its fsync begins: markChunk opens the log for the commit then
	// (early.go).
	syncing func()
}

// Job is one input and where its output goes.
type Job struct {
	Input, Output string
}

// Result is what happened to one job. Err is nil when the file was marked.
// Output is the file really written, which differs from the job's when
// that name was taken.
type Result struct {
	Job
	Err             error
	Placement       string // docx.PlacedAfterDate / PlacedAfterLast / PlacedNone
	SecrecyFound    string // secrecy line found in the draft
	SecrecyKept     bool   // the found line was left as it was
	SecrecyReplaced string
	Record          docx.Record
	Findings        []scan.Finding
	Warnings        []string // for people, Chinese
	Event           audit.Event
}

// stampOne reads, checks and stamps one job (whose output is decided) into
// a finished publish.Output and returns it with the audit event that must
// commit before it is moved into place.
//
// The slow parts run side by side: the input is hashed while it is read and
// stamped, the pre-disclosure check runs while the stamped copy is written
// (a blocked document's copy is thrown away), and the output is hashed as
// it is written.
func stampOne(job Job, req Request, logHead func() (audit.Head, error), res *Result) (item publish.Item, err error) {
	// The budget holds from the read on, where the heap first grows.
	defer holdMemory(mainSize(job.Input))()
	// opc verifies every part on the other core meanwhile; Stamp waits for it.
	src, d, err := publish.OpenDocumentToWrite(job.Input)
	if err != nil {
		return item, err
	}
	defer src.Close()
	defer d.Close()
	var masked []audit.FindingRef
	nMasked := 0
	if len(req.Redact) > 0 {
		rd, refs, red, err := redactCopy(d, req.Redact)
		if err != nil {
			return item, err
		}
		defer rd.Close()
		d, masked, nMasked = rd, refs, len(red.Items)
	}
	d.PrepareLayout() // the page estimate Stamp needs, on the other core meanwhile
	prevRec := d.Record()
	// The id a rerun keeps is looked up in the log while the draft is
	// analysed, not after.
	id := req.known.idForLater(src, prevRec)
	defer id.wait()
	a := d.Analyze()
	req = tidy(req)
	v := plan(a, prevRec, req)
	res.SecrecyFound, res.SecrecyKept = v.SecrecyFound, v.SecrecyFound != "" && !v.SecrecySet
	if v.Err != nil {
		v.face(scan.Check(d), a, req.AcceptFindings) // refuse with every problem, as Precheck shows them
		return item, v.Err
	}
	dec, prev := v.Decision, v.Previous
	checked := make(chan scan.Report, 1)
	go func() { checked <- scan.Check(d) }()
	head, err := logHead()
	if err != nil {
		return item, err
	}
	rec := newRecord(dec, prevRec, req, head, id.wait())
	rec.SecrecyUntil = attr.ISODate(v.SecrecyUntil)
	opts := stampOptions(dec, v.SecrecySet, rec, req)
	out, sr, outSum, err := writeStamped(d, job, opts, req.syncing)
	report := <-checked
	if err != nil {
		return item, err
	}
	defer func() {
		if err != nil {
			out.Abort()
		}
	}()
	v.face(report, a, req.AcceptFindings)
	if v.Err != nil {
		return item, v.Err
	}
	for _, f := range report.Findings {
		if f.Severity != scan.Info || len(v.Blocking) > 0 {
			res.Findings = append(res.Findings, f)
		}
	}
	res.Placement, res.SecrecyReplaced, res.Record = sr.NotePlacement, sr.SecrecyReplaced, rec
	res.Warnings = append(warnings(a, sr.NotePlacement, opts.Note, dec.Secrecy, req.Machine), layoutWarnings(sr)...)
	inSum, err := src.Sum()
	if err != nil {
		return item, err
	}
	prevAttr := ""
	if prevRec != nil {
		prevAttr = prevRec.Attribute
	}
	ev := audit.Event{
		Type: audit.TypeMark, Actor: req.Actor, DocID: rec.DocID, File: filepath.Base(job.Input),
		InputSHA256: inSum, OutputSHA256: outSum, Version: req.Version,
		Attribute: dec.Attribute, PrevAttribute: prevAttr, Secrecy: attr.SecrecyLine(dec.Secrecy, dec.Period),
		PrevSecrecy: prev.Secrecy, Basis: dec.Basis, Reason: dec.Reason, Acknowledged: req.AcceptFindings,
		Details: map[string]string{"output": job.Output, "placement": sr.NotePlacement},
	}
	if a.Secrecy != nil {
		ev.Details["secrecy_found"] = a.SecrecyText
	}
	if a.Title != nil && strings.TrimSpace(a.Title.Text) != "" {
		ev.Details["title"] = strings.TrimSpace(a.Title.Text) // the exports' 标题 column
	}
	if rec.SecrecyUntil != "" {
		ev.Details["secrecy_until"] = rec.SecrecyUntil
	}
	if sr.SecrecyPlacement != "" {
		ev.Details["secrecy_placement"] = sr.SecrecyPlacement
	}
	for i, adj := range sr.Adjustments { // what was changed to keep the page count
		ev.Details["layout_"+strconv.Itoa(i+1)] = adj.Kind
	}
	if dec.PolicyDoc {
		ev.Details["policy_doc"] = "true"
		ev.Details["interpretation"] = dec.Interpretation
	}
	if dec.DocType != "" {
		ev.Details["doc_type"] = dec.DocType
	}
	if dec.InterpretationSHA256 != "" {
		ev.Details["interpretation"] = dec.Interpretation
		ev.Details["interpretation_sha256"] = dec.InterpretationSHA256
	}
	if req.InterpretationData != nil {
		ev.Details["interpretation_embedded"] = "true"
	}
	if !dec.Classification.Empty() {
		c := dec.Classification
		ev.Details["classifier"], ev.Details["secrecy_basis"] = c.Classifier, c.SecrecyBasis
		ev.Details["scope"], ev.Details["classification"] = c.Scope, c.Kind()
		if c.DerivedFrom != "" {
			ev.Details["derived_from"] = c.DerivedFrom
		}
	}
	res.Warnings = append(res.Warnings, v.classificationWarnings()...)
	ev.Details["machine"] = machineID(req.Machine)
	if !v.Dated.IsZero() {
		ev.Details["issue_date"] = attr.ISODate(v.Dated) // stats count a document in its 成文日期's year
	}
	if dec.Secrecy == "" { // a secret document is never in the 公开目录: its title stays out of the log
		req.Catalog.details(d, a, ev.Details)
	}
	if len(req.Redact) > 0 {
		redactDetails(&ev, req.Redact, nMasked, masked)
	}
	for _, f := range res.Findings {
		ev.Findings = append(ev.Findings, audit.FindingRef{Kind: f.Kind, Severity: string(f.Severity), Excerpt: f.Excerpt, Location: f.Location})
	}
	if dec.Secrecy != "" && req.Machine.QuietLog {
		quiet(&ev)
	}
	return publish.Item{Out: out, Event: ev}, nil
}

func stampOptions(dec attr.Decision, secrecySet bool, rec docx.Record, req Request) docx.StampOptions {
	opts := docx.StampOptions{Record: rec, Modified: time.Now(), Note: notePrinted(dec, req), Interpretation: req.InterpretationData}
	if secrecySet {
		line := attr.SecrecyLine(dec.Secrecy, dec.Period)
		opts.SecrecyLine = &line
	}
	return opts
}

// writeStamped stamps d into a publish.Output for the job's output and
// finishes it (sync and hash); syncing (when not nil) is called as the
// sync begins.
func writeStamped(d *docx.Document, job Job, opts docx.StampOptions, syncing func()) (*publish.Output, docx.StampResult, string, error) {
	out, err := publish.Create(job.Output)
	if err != nil {
		return nil, docx.StampResult{}, "", err
	}
	sr, err := d.Stamp(out, opts)
	if err != nil {
		out.Abort()
		return nil, sr, "", out.Failed(err)
	}
	if syncing != nil {
		syncing()
	}
	sum, err := out.Finish()
	if err != nil {
		out.Abort()
		return nil, sr, "", err
	}
	return out, sr, sum, nil
}

// newRecord is the record a mark writes; docID is the draft's own id, or
// the one a rerun keeps, or a fresh one (idForLater).
func newRecord(dec attr.Decision, prev *docx.Record, req Request, head audit.Head, docID string) docx.Record {
	rec := docx.Record{
		Attribute: dec.Attribute, Basis: dec.Basis, Reason: dec.Reason, Secrecy: dec.Secrecy, Period: dec.Period,
		PolicyDoc: dec.PolicyDoc, Interpretation: dec.Interpretation, MarkedAt: time.Now().Format(time.RFC3339),
		DocType: dec.DocType, InterpSHA256: dec.InterpretationSHA256,
		Classifier: dec.Classifier, SecrecyBasis: dec.SecrecyBasis, Scope: dec.Scope, DerivedFrom: dec.DerivedFrom,
		MarkedBy: req.Actor.Name, AuditHead: fmt.Sprintf("%d:%s", head.Seq, head.Hash),
		Acknowledged: req.AcceptFindings, FormatVersion: docx.RecordFormatVersion, DocID: docID,
	}
	if prev != nil && prev.DocID != "" {
		rec.Lifecycle, rec.LifecycleDate, rec.LifecycleRef = prev.Lifecycle, prev.LifecycleDate, prev.LifecycleRef
		if dec.Secrecy == "" { // a declassified document stays so until a new level is set
			rec.Declassified, rec.DeclassifiedFrom, rec.DeclassifyGround = prev.Declassified, prev.DeclassifiedFrom, prev.DeclassifyGround
		}
	}
	return rec
}

// layoutWarnings say what was changed on the page to keep its count.
func layoutWarnings(sr docx.StampResult) []string {
	var w []string
	for _, adj := range sr.Adjustments {
		if adj.Kind != docx.AdjustFilledLine { // filling left room changes nothing a reader sees
			w = append(w, "版面调整："+adj.Zh)
		}
	}
	return w
}

// NewDocID returns a random document id (UUID version 4).
func NewDocID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	x := hex.EncodeToString(b[:])
	return x[:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:]
}
