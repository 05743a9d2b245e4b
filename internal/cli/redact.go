package cli

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/docattr/docattr/internal/redact"
	"github.com/docattr/docattr/internal/scan"
)

func init() {
	register(command{name: "redact", summary: "遮盖身份证号、手机号码、银行卡号 / mask ID, mobile and bank card numbers", run: runRedact})
}

const redactUsage = "redact FILE -o OUT [--kinds id_card,mobile,bank_card] [--overwrite] [--actor NAME]"

// runRedact is the command-line door onto redact.Run, which does the whole
// flow (temporary file, re-check, audit event, rename).
func runRedact(e *env, args []string) int {
	fs := newFlags(e, "redact", redactUsage)
	out := fs.String("o", "", "输出文件（不能与输入相同）/ output file (not the input)")
	kinds := fs.String("kinds", "", "要遮盖的类型，逗号分隔（默认全部）/ kinds to mask, comma-separated (default all): id_card,mobile,bank_card")
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
	opts := redact.Options{Kinds: splitList(*kinds), Overwrite: *overwrite}
	res, err := redact.Run(log, in, *out, opts, a, Version)
	if err != nil {
		return e.fail(filepath.Base(in), err)
	}
	printRedactResult(e.stdout, res)
	return ExitOK
}

func printRedactResult(w io.Writer, res redact.FlowResult) {
	for _, f := range res.Masked {
		zh, en := scan.KindLabel(f.Kind)
		fmt.Fprintf(w, "已遮盖 / masked: %s / %s  %s  %s\n", zh, en, f.Location, f.Excerpt)
	}
	fmt.Fprintf(w, "已遮盖 %d 处；已写入 %s\n", len(res.Items), res.Output)
	fmt.Fprintf(w, "masked %d numbers; written to %s\n", len(res.Items), res.Output)
}
