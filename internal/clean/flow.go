package clean

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/docattr/docattr/internal/atomicfile"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/digest"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/settings"
	"github.com/docattr/docattr/internal/usertext"
)

// Errors of Run (kinds of the *msg.Error values it returns).
var (
	// ErrSameFile refuses an output that is the input, by name or by file
	// (a link to it counts).
	ErrSameFile = atomicfile.ErrSameFile
	// ErrIncomplete means the cleaned file, read back, still holds what was
	// to be removed (or cannot be read back); nothing is written.
	ErrIncomplete = errors.New("clean: cleaned file still holds hidden data")
)

// FlowResult is what Run did.
type FlowResult struct {
	Result
	Input, Output string
	// Removed are the findings of the cleaned kinds the input had, as the
	// audit event records them.
	Removed []audit.FindingRef
	Event   audit.Event // the "clean" event
}

// Run is the whole clean flow on a file: it cleans input into a synced
// temporary file beside output, reads that file back and refuses it if
// anything opts asked for remains, appends a "clean" event (audit.TypeClean)
// to log, and only then renames the file to output. No cleaned file exists
// without its event, and input is never written: an output that is the
// input is refused with ErrSameFile. version is written into the event.
// Errors are *msg.Error values (kinds ErrSameFile, ErrIncomplete, ErrClean)
// or the docx, I/O or audit error.
func Run(log *audit.Log, input, output string, opts Options, actor settings.Actor, version string) (FlowResult, error) {
	res := FlowResult{Input: input, Output: output}
	if err := usertext.Check(usertext.Actor, actor.Name); err != nil {
		return res, err
	}
	if err := atomicfile.CheckTarget(input, output, log.Path()); err != nil {
		return res, err
	}
	d, err := docx.Open(input)
	if err != nil {
		return res, err
	}
	defer d.Close()
	for _, f := range Remaining(d, opts) {
		res.Removed = append(res.Removed, audit.FindingRef{Kind: f.Kind, Severity: string(f.Severity), Excerpt: f.Excerpt, Location: f.Location})
	}
	inHash, err := digest.File(input)
	if err != nil {
		return res, err
	}
	tmp, err := atomicfile.Create(output)
	if err != nil {
		return res, msg.Newf(nil, err, "无法创建输出文件 "+output, "cannot create the output file "+output)
	}
	defer tmp.Abort()
	h := sha256.New()
	res.Result, err = Clean(d, io.MultiWriter(tmp, h), opts)
	if err == nil {
		err = tmp.Sync()
	}
	if err != nil {
		return res, msg.Newf(ErrClean, err, "清除失败，未生成输出文件", "cleaning failed, no output written")
	}
	if err := verifyCleaned(tmp.Name(), opts); err != nil {
		return res, err
	}
	docID := ""
	if rec := d.Record(); rec != nil {
		docID = rec.DocID
	}
	ev := audit.Event{
		Type: audit.TypeClean, Actor: actor, DocID: docID, File: filepath.Base(input),
		InputSHA256: inHash, OutputSHA256: hex.EncodeToString(h.Sum(nil)), Version: version,
		Details: details(output, opts, res.Result), Findings: res.Removed,
	}
	evs, err := log.Append(ev)
	if err != nil {
		return res, err
	}
	res.Event = evs[0]
	if err := tmp.Commit(); err != nil {
		return res, msg.Newf(nil, err, "审计事件已记录，但无法写入输出文件 "+output, "the audit event was recorded but the output could not be renamed into "+output)
	}
	return res, nil
}

// verifyCleaned re-opens the cleaned package and fails if anything that
// was to be removed is still there.
func verifyCleaned(path string, opts Options) error {
	d, err := docx.Open(path)
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
