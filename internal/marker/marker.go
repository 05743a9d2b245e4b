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

	"github.com/docattr/docattr/internal/atomicfile"
	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/digest"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/msg"
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
	ErrSameFile      = atomicfile.ErrSameFile
	ErrOutputPath    = atomicfile.ErrOutputPath
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
	// AcceptFindings acknowledges blocking findings with a reason.
	AcceptFindings string
	Actor          settings.Actor
	Version        string
}

// Job is one input and where its output goes.
type Job struct {
	Input, Output string
}

// Result is what happened to one job. Err is nil when the file was marked.
type Result struct {
	Job
	Err             error
	Placement       string // docx.PlacedAfterDate / PlacedAfterLast / PlacedNone
	SecrecyFound    string // secrecy line found in the draft
	SecrecyReplaced string
	Record          docx.Record
	Findings        []scan.Finding
	Warnings        []string // for people, Chinese
	Event           audit.Event
}

// chunk is how many files share one audit transaction.
const chunk = 64

// Mark marks every job and returns one result per job, in order. progress,
// if not nil, is called after each file.
func Mark(log *audit.Log, jobs []Job, req Request, progress func(done, total int)) []Result {
	results := make([]Result, len(jobs))
	done := 0
	for start := 0; start < len(jobs); start += chunk {
		end := min(start+chunk, len(jobs))
		markChunk(log, jobs[start:end], req, results[start:end], func() {
			done++
			if progress != nil {
				progress(done, len(jobs))
			}
		})
	}
	return results
}

type pending struct {
	res *Result
	tmp *atomicfile.File
}

func markChunk(log *audit.Log, jobs []Job, req Request, results []Result, tick func()) {
	head, err := log.Head()
	if err != nil {
		for i := range jobs {
			results[i] = Result{Job: jobs[i], Err: err}
			tick()
		}
		return
	}
	var ready []pending
	var events []audit.Event
	for i, job := range jobs {
		results[i].Job = job
		tmp, ev, err := stampOne(job, req, head, &results[i], log.Path())
		if err != nil {
			results[i].Err = err
			tick()
			continue
		}
		ready = append(ready, pending{&results[i], tmp})
		events = append(events, ev)
	}
	if len(events) > 0 {
		acked, err := log.Append(events...)
		for i, p := range ready {
			if err != nil {
				p.tmp.Abort()
				p.res.Err = fmt.Errorf("record audit event: %w", err)
				continue
			}
			p.res.Event = acked[i]
			if cerr := p.tmp.Commit(); cerr != nil {
				p.res.Err = cerr
			}
		}
	}
	for range ready {
		tick()
	}
}

// stampOne reads, checks and stamps one job into a synced temporary file
// and returns the audit event that must commit before the rename.
//
// The slow parts run side by side: the input is hashed while it is read and
// stamped, the pre-disclosure check runs while the stamped copy is written
// (a blocked document's copy is thrown away), and the output is hashed
// while it is fsynced.
func stampOne(job Job, req Request, head audit.Head, res *Result, protected ...string) (*atomicfile.File, audit.Event, error) {
	if err := checkOutput(job, protected...); err != nil {
		return nil, audit.Event{}, err
	}
	var in hashResult
	inHashed := make(chan struct{})
	go func() { in = hashFile(job.Input); close(inHashed) }()
	defer func() { <-inHashed }() // never leave the goroutine behind
	d, err := docx.Open(job.Input)
	if err != nil {
		return nil, audit.Event{}, err
	}
	defer d.Close()
	a := d.Analyze()
	dec, prev, prevRec := decide(a, d.Record(), req, res)
	if err := attr.Validate(dec, prev); err != nil {
		return nil, audit.Event{}, err
	}
	if req.SecrecySet && a.SecrecyInHeader {
		return nil, audit.Event{}, msg.New(ErrHeaderSecrecy,
			fmt.Sprintf("页眉中已有密级标志“%s”：请先在 Word/WPS 中删除页眉里的密级标志再设置密级，或不带 --secrecy 标注以保留原标志", a.SecrecyText),
			fmt.Sprintf("a header already prints the secrecy mark %q: remove it in Word/WPS before setting a level, or mark without --secrecy to keep it", a.SecrecyText))
	}
	checked := make(chan scan.Report, 1)
	go func() { checked <- scan.Check(d) }()
	rec := newRecord(dec, prevRec, req, head)
	opts := stampOptions(dec, rec, req)
	tmp, sr, outSum, err := writeStamped(d, job, opts)
	report := <-checked
	if err != nil {
		return nil, audit.Event{}, err
	}
	blocking := blockingFindings(report, a, req)
	if err := refuseBlocked(blocking, dec, req); err != nil {
		tmp.Abort()
		return nil, audit.Event{}, err
	}
	for _, f := range report.Findings {
		if f.Severity != scan.Info || len(blocking) > 0 {
			res.Findings = append(res.Findings, f)
		}
	}
	res.Placement, res.SecrecyReplaced, res.Record = sr.NotePlacement, sr.SecrecyReplaced, rec
	res.Warnings = warnings(a, sr, opts)
	<-inHashed
	if in.err != nil {
		tmp.Abort()
		return nil, audit.Event{}, in.err
	}
	prevAttr := ""
	if prevRec != nil {
		prevAttr = prevRec.Attribute
	}
	ev := audit.Event{
		Type: audit.TypeMark, Actor: req.Actor, DocID: rec.DocID, File: filepath.Base(job.Input),
		InputSHA256: in.sum, OutputSHA256: outSum, Version: req.Version,
		Attribute: dec.Attribute, PrevAttribute: prevAttr, Secrecy: attr.SecrecyLine(dec.Secrecy, dec.Period),
		PrevSecrecy: prev.Secrecy, Basis: dec.Basis, Reason: dec.Reason, Acknowledged: req.AcceptFindings,
		Details: map[string]string{"output": job.Output, "placement": sr.NotePlacement},
	}
	if a.Secrecy != nil {
		ev.Details["secrecy_found"] = a.SecrecyText
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
	for _, f := range res.Findings {
		ev.Findings = append(ev.Findings, audit.FindingRef{Kind: f.Kind, Severity: string(f.Severity), Excerpt: f.Excerpt, Location: f.Location})
	}
	return tmp, ev, nil
}

// decide completes the request's decision with what the draft carries: a
// secrecy line found in the draft is kept unless the level was chosen, and
// counts as the previous level for the downgrade rule.
func decide(a docx.Analysis, prevRec *docx.Record, req Request, res *Result) (attr.Decision, attr.Previous, *docx.Record) {
	dec := req.Decision
	var prev attr.Previous
	if prevRec != nil {
		prev = attr.Previous{Attribute: prevRec.Attribute, Secrecy: prevRec.Secrecy}
	}
	if a.Secrecy != nil {
		res.SecrecyFound = a.SecrecyText
		level, period := attr.ParseSecrecyLine(a.SecrecyText)
		if attr.LevelRank(level) > attr.LevelRank(prev.Secrecy) {
			prev.Secrecy = level
		}
		if !req.SecrecySet {
			dec.Secrecy, dec.Period = level, period
		}
	}
	return dec, prev, prevRec
}

func stampOptions(dec attr.Decision, rec docx.Record, req Request) docx.StampOptions {
	opts := docx.StampOptions{Record: rec, Modified: time.Now()}
	if req.SecrecySet {
		line := attr.SecrecyLine(dec.Secrecy, dec.Period)
		opts.SecrecyLine = &line
	}
	if req.Print == nil || contains(req.Print, dec.Attribute) {
		opts.Note = attr.MarkText(dec.Attribute, req.Style)
	}
	return opts
}

// refuseBlocked refuses to publish a document with blocking findings unless
// they were acknowledged; withholding it publishes nothing.
func refuseBlocked(blocking []scan.Finding, dec attr.Decision, req Request) error {
	if len(blocking) == 0 || dec.Attribute == attr.Withheld || strings.TrimSpace(req.AcceptFindings) != "" {
		return nil
	}
	kinds := map[string]bool{}
	var list []string
	for _, f := range blocking {
		if !kinds[f.Kind] {
			kinds[f.Kind] = true
			list = append(list, f.Kind)
		}
	}
	return msg.New(ErrBlocked,
		fmt.Sprintf("发现 %d 处不宜公开的内容（%s），请处理后再标注，或以 --accept-findings \"理由\" 确认", len(blocking), strings.Join(list, ", ")),
		fmt.Sprintf("%d blocking findings (%s): fix them or pass --accept-findings \"reason\"", len(blocking), strings.Join(list, ", ")))
}

// writeStamped stamps d into a temporary file beside the output, then syncs
// it while hashing what was written.
func writeStamped(d *docx.Document, job Job, opts docx.StampOptions) (*atomicfile.File, docx.StampResult, string, error) {
	tmp, err := atomicfile.Create(job.Output)
	if err != nil {
		return nil, docx.StampResult{}, "", err
	}
	sr, err := d.Stamp(tmp, opts)
	if err != nil {
		tmp.Abort()
		return nil, sr, "", fmt.Errorf("stamp %s: %w", filepath.Base(job.Input), err)
	}
	outHash := make(chan hashResult, 1)
	go func() { outHash <- hashFile(tmp.Name()) }()
	err = tmp.Sync()
	out := <-outHash
	if err == nil {
		err = out.err
	}
	if err != nil {
		tmp.Abort()
		return nil, sr, "", err
	}
	return tmp, sr, out.sum, nil
}

// blockingFindings leaves out a secrecy line that this very marking replaces
// or removes: the decision already deals with it.
func blockingFindings(r scan.Report, a docx.Analysis, req Request) []scan.Finding {
	var out []scan.Finding
	for _, f := range r.Blocking() {
		if req.SecrecySet && f.Kind == "secrecy_mark" && a.Secrecy != nil && !a.SecrecyInHeader &&
			f.Part == a.Secrecy.Part && f.Para == a.Secrecy.Index {
			continue
		}
		out = append(out, f)
	}
	return out
}

func newRecord(dec attr.Decision, prev *docx.Record, req Request, head audit.Head) docx.Record {
	rec := docx.Record{
		Attribute: dec.Attribute, Basis: dec.Basis, Reason: dec.Reason, Secrecy: dec.Secrecy, Period: dec.Period,
		PolicyDoc: dec.PolicyDoc, Interpretation: dec.Interpretation, MarkedAt: time.Now().Format(time.RFC3339),
		MarkedBy: req.Actor.Name, AuditHead: fmt.Sprintf("%d:%s", head.Seq, head.Hash),
		Acknowledged: req.AcceptFindings, FormatVersion: docx.RecordFormatVersion,
	}
	if prev != nil && prev.DocID != "" {
		rec.DocID = prev.DocID
		rec.Lifecycle, rec.LifecycleDate, rec.LifecycleRef = prev.Lifecycle, prev.LifecycleDate, prev.LifecycleRef
	} else {
		rec.DocID = NewDocID()
	}
	return rec
}

func warnings(a docx.Analysis, sr docx.StampResult, opts docx.StampOptions) []string {
	var w []string
	switch {
	case opts.Note == "":
	case sr.NotePlacement == docx.PlacedAfterLast:
		w = append(w, "未找到成文日期，公开属性标注已放在正文最后一段之后，请核对位置")
	case sr.NotePlacement == docx.PlacedBeforeBanji:
		w = append(w, "未找到成文日期，公开属性标注已放在版记（抄送、印发）之前，请核对位置")
	case sr.NotePlacement == docx.PlacedBeforeAttachments:
		w = append(w, "未找到成文日期，公开属性标注已放在附件之前，请核对位置")
	}
	for _, adj := range sr.Adjustments {
		if adj.Kind != docx.AdjustFilledLine { // filling left room changes nothing a reader sees
			w = append(w, "版面调整："+adj.Zh)
		}
	}
	if a.DatePlaceholder && opts.Note != "" {
		w = append(w, "成文日期尚为“年　月　日”占位，签发后请补全日期")
	}
	if a.SecrecyInHeader {
		w = append(w, "页眉中有密级标志（"+a.SecrecyText+"），docattr 不修改页眉，请人工核对")
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

type hashResult struct {
	sum string
	err error
}

func hashFile(path string) hashResult {
	sum, err := digest.File(path)
	return hashResult{sum, err}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
