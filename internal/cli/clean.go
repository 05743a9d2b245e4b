package cli

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/clean"
	"github.com/docattr/docattr/internal/settings"
)

func init() {
	register(command{name: "clean", summary: "清除批注、修订、隐藏文字和作者信息 / remove comments, revisions, hidden text, author names", run: runClean})
}

const cleanUsage = "clean FILE -o OUT [--overwrite] [--comments] [--metadata] [--hidden-text] [--accept-changes] [--actor NAME]"

// runClean is the command-line door onto clean.Run, which does the whole
// flow (temporary file, read-back check, audit event, rename).
func runClean(e *env, args []string) int {
	fs := newFlags(e, "clean", cleanUsage)
	out := fs.String("o", "", "输出文件（不能与输入相同）/ output file (not the input)")
	comments := fs.Bool("comments", false, "清除批注 / remove comments")
	metadata := fs.Bool("metadata", false, "清除作者、最后修改者、单位 / remove author, last-modified-by, company")
	hidden := fs.Bool("hidden-text", false, "删除隐藏文字 / remove hidden text")
	accept := fs.Bool("accept-changes", false, "接受全部修订并关闭修订跟踪 / accept all tracked changes, stop tracking")
	actor := fs.String("actor", "", "审计日志中的操作人 / actor name for the audit log")
	overwrite := fs.Bool("overwrite", false, "覆盖已存在的输出文件（否则另取新名，如 通知(2).docx）/ replace an existing output file (otherwise a new name is used)")
	files, code, ok := parseOrUsage(fs, args)
	if !ok {
		return code
	}
	in, log, a, code, ok := e.beginDerive(files, *out, *actor)
	if !ok {
		return code
	}
	defer log.Close()
	opts := clean.Options{Comments: *comments, Metadata: *metadata, HiddenText: *hidden, AcceptChanges: *accept}
	if !opts.Comments && !opts.Metadata && !opts.HiddenText && !opts.AcceptChanges {
		opts = clean.All()
	}
	opts.Overwrite = *overwrite
	res, err := clean.Run(log, in, *out, opts, a, Version)
	if err != nil {
		return e.fail(filepath.Base(in), err)
	}
	printCleanResult(e.stdout, res.Output, res.Result)
	return ExitOK
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

// beginDerive is the opening the single-file derivations (clean, redact)
// share at the door: one input, an -o output, and the log opened as the
// actor named (or the settings' / OS user). code is the exit code when !ok.
func (e *env) beginDerive(files []string, out, actor string) (string, *audit.Log, settings.Actor, int, bool) {
	if len(files) != 1 {
		return "", nil, settings.Actor{}, e.usageErr("需要且只能有一个输入文件", "exactly one input file expected"), false
	}
	if out == "" {
		return "", nil, settings.Actor{}, e.usageErr("需要用 -o 指定输出文件", "-o OUTPUT is required"), false
	}
	path, err := e.dbPath()
	if err != nil {
		return "", nil, settings.Actor{}, e.fail("审计日志 / audit log", err), false
	}
	a := settings.CurrentActor(e.settings, actor)
	log, err := audit.Open(path, audit.Options{Version: Version, Actor: a})
	if err != nil {
		return "", nil, settings.Actor{}, e.fail("", err), false
	}
	return files[0], log, a, 0, true
}
