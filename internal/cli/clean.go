package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/docattr/docattr/internal/atomicfile"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/clean"
	"github.com/docattr/docattr/internal/digest"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/settings"
)

func init() {
	register(command{name: "clean", summary: "清除批注、修订、隐藏文字和作者信息 / remove comments, revisions, hidden text, author names", run: runClean})
}

// Errors of the clean command (kinds of the *msg.Error it prints).
var (
	errCleanSameFile   = errors.New("output is the input")
	errCleanIncomplete = errors.New("cleaned file still holds hidden data")
)

const cleanUsage = "clean FILE -o OUT [--comments] [--metadata] [--hidden-text] [--accept-changes] [--actor NAME]"

func runClean(e *env, args []string) int {
	fs := newFlags(e, "clean", cleanUsage)
	out := fs.String("o", "", "输出文件（不能与输入相同）/ output file (not the input)")
	comments := fs.Bool("comments", false, "清除批注 / remove comments")
	metadata := fs.Bool("metadata", false, "清除作者、最后修改者、单位 / remove author, last-modified-by, company")
	hidden := fs.Bool("hidden-text", false, "删除隐藏文字 / remove hidden text")
	accept := fs.Bool("accept-changes", false, "接受全部修订并关闭修订跟踪 / accept all tracked changes, stop tracking")
	actor := fs.String("actor", "", "审计日志中的操作人 / actor name for the audit log")
	files, code, ok := parseOrUsage(fs, args)
	if !ok {
		return code
	}
	if len(files) != 1 {
		return e.usageErr("需要且只能有一个输入文件", "exactly one input file expected")
	}
	if *out == "" {
		return e.usageErr("需要用 -o 指定输出文件", "-o OUTPUT is required")
	}
	opts := clean.Options{Comments: *comments, Metadata: *metadata, HiddenText: *hidden, AcceptChanges: *accept}
	if !opts.Comments && !opts.Metadata && !opts.HiddenText && !opts.AcceptChanges {
		opts = clean.All()
	}
	in := files[0]
	if err := checkNotSame(in, *out); err != nil {
		return e.fail("", err)
	}
	res, err := e.cleanFile(in, *out, opts, settings.CurrentActor(e.settings, *actor))
	if err != nil {
		return e.fail(filepath.Base(in), err)
	}
	printCleanResult(e.stdout, *out, res)
	return ExitOK
}

// checkNotSame refuses an output that is the input, by name or by file.
func checkNotSame(in, out string) error {
	refuse := msg.New(errCleanSameFile, "输出文件不能与输入文件相同，原文件不会被修改", "the output must not be the input: the original is never modified")
	ai, err1 := filepath.Abs(in)
	ao, err2 := filepath.Abs(out)
	if err1 == nil && err2 == nil && ai == ao {
		return refuse
	}
	si, err1 := os.Stat(in)
	so, err2 := os.Stat(out)
	if err1 == nil && err2 == nil && os.SameFile(si, so) {
		return refuse
	}
	return nil
}

// cleanFile cleans in into a synced temporary file, re-checks it, records
// the audit event and only then renames it to out: no cleaned file exists
// without its event, and the input is never written.
func (e *env) cleanFile(in, out string, opts clean.Options, actor settings.Actor) (clean.Result, error) {
	d, err := docx.Open(in)
	if err != nil {
		return clean.Result{}, err
	}
	defer d.Close()
	before := clean.Remaining(d, opts)
	inHash, err := digest.File(in)
	if err != nil {
		return clean.Result{}, err
	}
	tmp, err := atomicfile.Create(out)
	if err != nil {
		return clean.Result{}, msg.Newf(nil, err, "无法创建输出文件 "+out, "cannot create the output file "+out)
	}
	defer tmp.Abort()
	h := sha256.New()
	res, err := clean.Clean(d, io.MultiWriter(tmp, h), opts)
	if err == nil {
		err = tmp.Sync()
	}
	if err != nil {
		return res, msg.Newf(clean.ErrClean, err, "清除失败，未生成输出文件", "cleaning failed, no output written")
	}
	if err := verifyCleaned(tmp.Name(), opts); err != nil {
		return res, err
	}
	dbPath, err := e.dbPath()
	if err != nil {
		return res, err
	}
	log, err := audit.Open(dbPath, audit.Options{Version: Version, Actor: actor})
	if err != nil {
		return res, err
	}
	defer log.Close()
	docID := ""
	if rec := d.Record(); rec != nil {
		docID = rec.DocID
	}
	ev := audit.Event{
		Type: audit.TypeClean, Actor: actor, DocID: docID, File: filepath.Base(in),
		InputSHA256: inHash, OutputSHA256: hex.EncodeToString(h.Sum(nil)), Version: Version,
		Details: cleanDetails(out, opts, res),
	}
	for _, f := range before {
		ev.Findings = append(ev.Findings, audit.FindingRef{Kind: f.Kind, Severity: string(f.Severity), Excerpt: f.Excerpt, Location: f.Location})
	}
	if _, err := log.Append(ev); err != nil {
		return res, err
	}
	if err := tmp.Commit(); err != nil {
		return res, msg.Newf(nil, err, "审计事件已记录，但无法写入输出文件 "+out, "the audit event was recorded but the output could not be renamed into "+out)
	}
	return res, nil
}

// verifyCleaned re-opens the cleaned package and fails if anything that
// was to be removed is still there.
func verifyCleaned(path string, opts clean.Options) error {
	d, err := docx.Open(path)
	if err != nil {
		return msg.Newf(errCleanIncomplete, err, "清除后的文件无法读取，未生成输出文件", "the cleaned file cannot be read back; no output written")
	}
	defer d.Close()
	if left := clean.Remaining(d, opts); len(left) > 0 {
		var kinds []string
		for _, f := range left {
			kinds = append(kinds, f.Kind+"@"+f.Location)
		}
		return msg.New(errCleanIncomplete, "清除后仍有隐藏信息（"+strings.Join(kinds, "，")+"），未生成输出文件",
			"hidden data remains after cleaning ("+strings.Join(kinds, ", ")+"); no output written")
	}
	return nil
}

func cleanDetails(out string, opts clean.Options, res clean.Result) map[string]string {
	var what []string
	for _, o := range []struct {
		on   bool
		name string
	}{{opts.Comments, "comments"}, {opts.Metadata, "metadata"}, {opts.HiddenText, "hidden-text"}, {opts.AcceptChanges, "accept-changes"}} {
		if o.on {
			what = append(what, o.name)
		}
	}
	d := map[string]string{
		"output": out, "options": strings.Join(what, ","),
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

func printCleanResult(w io.Writer, out string, r clean.Result) {
	fmt.Fprintf(w, "已清除：批注 %d 条，修订 %d 处，隐藏文字 %d 处，文档属性 %d 项；已写入 %s\n",
		r.Comments, r.ChangesAccepted, r.HiddenRuns, len(r.Metadata), out)
	fmt.Fprintf(w, "cleaned: %d comments, %d revisions, %d hidden runs, %d properties; written to %s\n",
		r.Comments, r.ChangesAccepted, r.HiddenRuns, len(r.Metadata), out)
	if r.TrackingOff {
		fmt.Fprintln(w, "已关闭修订跟踪 / change tracking switched off")
	}
}
