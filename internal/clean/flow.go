package clean

import (
	"errors"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/publish"
	"github.com/docattr/docattr/internal/settings"
)

// Errors of Run (kinds of the *msg.Error values it returns).
var (
	// ErrSameFile refuses an output that is the input, by name or by file
	// (a link to it counts).
	ErrSameFile = publish.ErrSameFile
	// ErrIncomplete means the cleaned file, read back, still holds what was
	// to be removed (or cannot be read back); nothing is written.
	ErrIncomplete = errors.New("clean: cleaned file still holds hidden data")
)

// FlowResult is what Run did.
type FlowResult struct {
	Result
	// Output is the file really written: the one asked for, or a distinct
	// name when that exists and opts.Overwrite is not set.
	Input, Output string
	// Removed are the findings of the cleaned kinds the input had, as the
	// audit event records them.
	Removed []audit.FindingRef
	Event   audit.Event // the "clean" event
}

// Run is the whole clean flow on a file, through the publish path: it
// cleans input into a temporary output, reads that back and refuses it if
// anything opts asked for remains, appends a "clean" event
// (audit.TypeClean) to log, and only then moves the file to output. No
// cleaned file exists without its event, and input is never written: an
// output that is the input is refused with ErrSameFile. version is written
// into the event. Errors are *msg.Error values (kinds ErrSameFile,
// ErrIncomplete, ErrClean, publish sentinels) or the docx, I/O or audit
// error.
func Run(log *audit.Log, input, output string, opts Options, actor settings.Actor, version string) (FlowResult, error) {
	res := FlowResult{Input: input, Output: output}
	job, err := publish.Begin(log, actor, input, output, opts.Overwrite)
	if err != nil {
		return res, err
	}
	defer job.Close()
	out, src, d := job.Output, job.Input, job.Doc
	res.Output = out
	for _, f := range Remaining(d, opts) {
		res.Removed = append(res.Removed, audit.FindingRef{Kind: f.Kind, Severity: string(f.Severity), Excerpt: f.Excerpt, Location: f.Location})
	}
	tmp, err := publish.Create(out)
	if err != nil {
		return res, err
	}
	defer tmp.Abort()
	res.Result, err = Clean(d, tmp, opts)
	if err != nil {
		return res, msg.Newf(ErrClean, err, "清除失败，未生成输出文件", "cleaning failed, no output written")
	}
	outHash, err := tmp.Finish()
	if err != nil {
		return res, err
	}
	if err := verifyCleaned(out, tmp, opts); err != nil {
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
		Type: audit.TypeClean, Actor: actor, DocID: docID, File: filepath.Base(input),
		InputSHA256: inHash, OutputSHA256: outHash, Version: version,
		Details: details(out, opts, res.Result), Findings: res.Removed,
	}
	res.Event, err = publish.Commit(log, tmp, ev)
	return res, err
}

// verifyCleaned re-opens the cleaned package and fails if anything that
// was to be removed is still there.
func verifyCleaned(path string, out *publish.Output, opts Options) error {
	d, err := docx.OpenReader(path, out, out.Size())
	if err != nil {
		return msg.Newf(ErrIncomplete, err, "清除后的文件无法读取，未生成输出文件", "the cleaned file cannot be read back; no output written")
	}
	defer d.Close()
	if left := Remaining(d, opts); len(left) > 0 {
		var kinds []string
		for _, f := range left {
			kinds = append(kinds, f.Kind+"@"+f.Location)
		}
		return msg.New(ErrIncomplete, "清除后仍有隐藏信息（"+strings.Join(kinds, "，")+"），未生成输出文件",
			"hidden data remains after cleaning ("+strings.Join(kinds, ", ")+"); no output written")
	}
	return nil
}

// OptionNames lists the selected options by their command-line names
// (comments, metadata, hidden-text, accept-changes); none selected means all.
func OptionNames(opts Options) []string {
	if opts.none() {
		opts = All()
	}
	var what []string
	for _, o := range []struct {
		on   bool
		name string
	}{{opts.Comments, "comments"}, {opts.Metadata, "metadata"}, {opts.HiddenText, "hidden-text"}, {opts.AcceptChanges, "accept-changes"}} {
		if o.on {
			what = append(what, o.name)
		}
	}
	return what
}

// details are the event's details: what was asked for and what changed.
func details(out string, opts Options, res Result) map[string]string {
	d := map[string]string{
		"output": out, "options": strings.Join(OptionNames(opts), ","),
		"comments": strconv.Itoa(res.Comments), "comment_markers": strconv.Itoa(res.CommentMarkers),
		"hidden_runs": strconv.Itoa(res.HiddenRuns), "changes_accepted": strconv.Itoa(res.ChangesAccepted),
		"metadata": strings.Join(res.Metadata, ","), "removed_parts": strings.Join(res.RemovedParts, ","),
		"changed_parts": strings.Join(res.ChangedParts, ","),
	}
	if res.TrackingOff {
		d["tracking_off"] = "true"
	}
	return d
}
