package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/publish"
	"github.com/docattr/docattr/internal/settings"
)

func init() {
	register(command{name: "audit", summary: "审计日志：list/verify/checkpoint/export / audit log", run: runAudit})
}

const auditUsage = `用法 / usage:
  docattr [--db FILE] audit list [--from DATE] [--to DATE] [--actor NAME] [--doc ID] [--type T] [--limit N] [--json] [--include-imported]
  docattr [--db FILE] audit verify [--checkpoint FILE] [--export FILE.jsonl]
  docattr [--db FILE] audit checkpoint -o FILE
  docattr [--db FILE] audit renew-key
  docattr [--db FILE] audit export --format csv|xlsx|jsonl [--from DATE] [--to DATE] [--actor NAME] [--doc ID] -o FILE
  docattr [--db FILE] audit import FILE.jsonl... [--source NAME] [--checkpoint FILE] [--allow-gaps]
DATE 为 YYYY-MM-DD（本地日期，含当天） / DATE is YYYY-MM-DD (local, inclusive)`

func runAudit(e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, auditUsage)
		return ExitUsage
	}
	switch args[0] {
	case "list":
		return auditList(e, args[1:])
	case "verify":
		return auditVerify(e, args[1:])
	case "checkpoint":
		return auditCheckpoint(e, args[1:])
	case "renew-key":
		return auditRenewKey(e, args[1:])
	case "export":
		return auditExport(e, args[1:])
	case "import":
		return auditImport(e, args[1:])
	case "help", "-h", "--help":
		fmt.Fprintln(e.stdout, auditUsage)
		return ExitOK
	}
	fmt.Fprintf(e.stderr, "未知的 audit 子命令 %q / unknown audit subcommand %q\n%s\n", args[0], args[0], auditUsage)
	return ExitUsage
}

// filterFlags are the selection flags list and export share.
type filterFlags struct {
	from, to, actor, doc, typ string
}

func (ff *filterFlags) register(fs interface {
	StringVar(p *string, name, value, usage string)
}) {
	fs.StringVar(&ff.from, "from", "", "起始日期，如 2026-12-3 / first day")
	fs.StringVar(&ff.to, "to", "", "截止日期（含），如 2026-12-3 / last day (inclusive)")
	fs.StringVar(&ff.actor, "actor", "", "操作人姓名 / actor name")
	fs.StringVar(&ff.doc, "doc", "", "文档编号 / document id")
	fs.StringVar(&ff.typ, "type", "", "事件类型，如 mark / event type, e.g. mark")
}

// filter turns the flags into an audit.Filter; dates are local days. The
// error is a bilingual usage message.
func (ff *filterFlags) filter() (audit.Filter, *msg.Error) {
	f := audit.Filter{Actor: ff.actor, DocID: ff.doc, Type: ff.typ}
	for _, d := range []struct {
		s   string
		dst *time.Time
	}{{ff.from, &f.From}, {ff.to, &f.To}} {
		if d.s == "" {
			continue
		}
		t, err := audit.ParseDay(d.s, time.Local)
		if err != nil {
			return f, err.(*msg.Error)
		}
		*d.dst = t
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return f, msg.New(nil, "--to 早于 --from", "--to is before --from")
	}
	return f, nil
}

// openAudit opens the log for the audit subcommands. Reading commands open
// it read-only so that they never create a log where there was none. A
// locked log fails after audit.DefaultTimeout with a message saying so.
func (e *env) openAudit(readOnly bool) (*audit.Log, error) {
	path, err := e.dbPath()
	if err != nil {
		return nil, err
	}
	return audit.Open(path, audit.Options{ReadOnly: readOnly, Version: Version, Actor: settings.CurrentActor(e.settings, "")})
}

func auditList(e *env, args []string) int {
	fs := newFlags(e, "audit list", "audit list [--from DATE] [--to DATE] [--actor NAME] [--doc ID] [--type T] [--limit N] [--json]")
	var ff filterFlags
	ff.register(fs)
	limit := fs.Int("limit", 0, "最多显示条数 / at most N events")
	asJSON := fs.Bool("json", false, "每行一个 JSON 事件（与 jsonl 导出相同） / one JSON event per line (as the jsonl export)")
	withImported := fs.Bool("include-imported", false, "包括已导入的其他单位日志 / include imported logs of other installations")
	pos, code, ok := parseOrUsage(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return e.usageErr("多余的参数 "+strings.Join(pos, " "), "unexpected arguments "+strings.Join(pos, " "))
	}
	f, ferr := ff.filter()
	if ferr != nil {
		return e.usageErr(ferr.Zh, ferr.En)
	}
	if *limit < 0 {
		return e.usageErr("--limit 不能为负数", "--limit must not be negative")
	}
	f.Limit = *limit
	l, err := e.openAudit(true)
	done := func() int {
		if *withImported {
			return auditListImported(e, f, *asJSON)
		}
		return ExitOK
	}
	if errors.Is(err, audit.ErrNotFound) {
		fmt.Fprintf(e.stdout, "审计日志尚无记录 / the audit log has no events yet\n")
		return done()
	}
	if err != nil {
		return e.fail("", err)
	}
	defer l.Close()
	if *asJSON {
		if _, err := audit.WriteJSONL(l, e.rawOut, f); err != nil {
			return e.fail("", err)
		}
		return done()
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "序号\t时间\t类型\t操作人\t文档编号\t公开属性\t文件")
	n := 0
	err = l.List(f, func(ev audit.Event) error {
		n++
		_, err := fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", ev.Seq, ev.LocalTime().Format("2006-01-02 15:04:05"),
			ev.Type, oneLine(ev.Actor.Name), oneLine(ev.DocID), oneLine(ev.Attribute), oneLine(baseName(ev.File)))
		return err
	})
	tw.Flush()
	if err != nil {
		return e.fail("", err)
	}
	fmt.Fprintf(e.stdout, "共 %d 条 / %d events\n", n, n)
	return done()
}

// baseName is filepath.Base without its "." for an empty path.
func baseName(p string) string {
	if p == "" {
		return ""
	}
	return filepath.Base(p)
}

// oneLine keeps a table row on one line whatever a field holds, with
// control characters made visible.
func oneLine(s string) string {
	return term(strings.NewReplacer("\n", " ", "\r", " ", "\t", " ").Replace(s))
}

func auditVerify(e *env, args []string) int {
	fs := newFlags(e, "audit verify", "audit verify [--checkpoint FILE] [--export FILE.jsonl]")
	cpPath := fs.String("checkpoint", "", "同时核对签名检查点 / also check a signed checkpoint")
	exportPath := fs.String("export", "", "核对 JSONL 导出文件（不读取日志） / verify a JSONL export instead of the log")
	pos, code, ok := parseOrUsage(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return e.usageErr("多余的参数 "+strings.Join(pos, " "), "unexpected arguments "+strings.Join(pos, " "))
	}
	if *exportPath != "" {
		return verifyExportFile(e, *exportPath, *cpPath)
	}
	l, err := e.openAudit(true)
	if err != nil {
		return e.fail("", err)
	}
	defer l.Close()
	rep, err := l.Verify()
	if err != nil {
		return e.fail("", err)
	}
	if !rep.OK {
		fmt.Fprintf(e.stderr, "审计日志已被改动：第 %d 条起不可信 / audit log tampered: first bad event %d\n  %s\n",
			rep.FirstBad, rep.FirstBad, rep.Problem)
		if rep.Problems > 1 {
			fmt.Fprintf(e.stderr, "  共发现 %d 处问题 / %d problems found\n", rep.Problems, rep.Problems)
		}
		return ExitFailure
	}
	e.warnKeyChanged(l)
	// The summary says "intact" only after every requested check passed.
	var cpLine string
	if *cpPath != "" {
		if err := audit.VerifyCheckpoint(l, *cpPath); err != nil {
			return e.fail("检查点 / checkpoint", err)
		}
		c, _ := audit.ReadCheckpoint(*cpPath)
		zh, en, err := checkpointSigner(c)
		if err != nil {
			return e.fail("检查点 / checkpoint", err)
		}
		cpLine = fmt.Sprintf("检查点有效 / checkpoint valid: event %d %s, signed %s\n  %s / %s\n",
			c.Seq, c.Hash, c.Time.Local().Format(time.DateTime), zh, en)
	}
	fmt.Fprintf(e.stdout, "审计日志完好 / audit log intact: %d events, head %d %s\n", rep.Events, rep.Head.Seq, rep.Head.Hash)
	fmt.Fprint(e.stdout, cpLine)
	return ExitOK
}

// warnKeyChanged warns when the installation key on disk is not the key
// the log last recorded (audit verify opens the log read-only, so it only
// reports; the next command that writes records the change).
func (e *env) warnKeyChanged(l *audit.Log) {
	dir, err := settings.DataDir()
	if err != nil {
		return
	}
	k, err := keys.Load(dir)
	if err != nil {
		return
	}
	if recorded, _, err := l.RecordedKey(); err == nil && recorded != "" && recorded != k.Fingerprint() {
		w := audit.KeyNote{Changed: true, Previous: recorded}.Warning(k)
		fmt.Fprintf(e.stderr, "警告 / warning: %s\n", msg.Both(w))
	}
}

func verifyExportFile(e *env, exportPath, cpPath string) int {
	var (
		rep audit.ExportReport
		err error
	)
	if cpPath != "" {
		rep, err = audit.VerifyCheckpointExport(exportPath, cpPath)
	} else {
		rep, err = audit.VerifyExport(exportPath)
	}
	if err != nil && cpPath != "" {
		return e.fail("检查点 / checkpoint", err)
	}
	if err != nil {
		return e.fail("", err)
	}
	if !rep.OK {
		fmt.Fprintf(e.stderr, "导出文件已被改动：第 %d 行 / export tampered: line %d", rep.Line, rep.Line)
		if rep.FirstBad != 0 {
			fmt.Fprintf(e.stderr, "（第 %d 条 / event %d）", rep.FirstBad, rep.FirstBad)
		}
		fmt.Fprintf(e.stderr, "\n  %s\n", rep.Problem)
		return ExitFailure
	}
	var cpLine string
	if cpPath != "" {
		c, _ := audit.ReadCheckpoint(cpPath)
		zh, en, err := checkpointSigner(c)
		if err != nil {
			return e.fail("检查点 / checkpoint", err)
		}
		cpLine = fmt.Sprintf("检查点有效 / checkpoint valid: event %d\n  %s / %s\n", c.Seq, zh, en)
	}
	fmt.Fprintf(e.stdout, "导出文件完好 / export intact: %s\n", rep.Segment())
	fmt.Fprint(e.stdout, cpLine)
	return ExitOK
}

func auditCheckpoint(e *env, args []string) int {
	fs := newFlags(e, "audit checkpoint", "audit checkpoint -o FILE [--receipt FILE.docx]")
	out := fs.String("o", "", "检查点文件 / checkpoint file to write")
	receipt := fs.String("receipt", "", "可打印的回执（默认：检查点文件名加“-回执.docx”） / printable receipt (default: beside the checkpoint)")
	pos, code, ok := parseOrUsage(fs, args)
	if !ok {
		return code
	}
	if *out == "" || len(pos) > 0 {
		return e.usageErr("需要且只需要 -o FILE", "needs -o FILE and nothing else")
	}
	// Signing a damaged log would vouch for the damage.
	l, err := e.openIntactAudit("拒绝签署检查点", "refusing to sign a checkpoint")
	if err != nil {
		return e.fail("", err)
	}
	defer l.Close()
	if *receipt == "" {
		*receipt = audit.ReceiptPath(*out)
	}
	for _, p := range []string{*out, *receipt} {
		if err := publish.NewGuard(l.Path()).CheckLogOutput(p); err != nil {
			return e.fail("", err)
		}
	}
	key, err := e.loadKeyFor(l)
	if err != nil {
		return e.fail("", err)
	}
	c, err := audit.WriteCheckpoint(l, key, *out)
	if err != nil {
		return e.fail("", err)
	}
	fmt.Fprintf(e.stdout, "已写入检查点 / checkpoint written: %s\n  event %d %s\n  密钥指纹 / key fingerprint %s\n",
		*out, c.Seq, c.Hash, key.Fingerprint())
	// The checkpoint and its event stand; a receipt that fails is said,
	// and can be made again from the checkpoint file.
	if err := audit.WriteReceipt(*receipt, c, e.settings.Unit); err != nil {
		return e.fail("", err)
	}
	fmt.Fprintf(e.stdout, "可打印的回执 / printable receipt: %s\n", *receipt)
	return ExitOK
}

func auditExport(e *env, args []string) int {
	fs := newFlags(e, "audit export", "audit export --format csv|xlsx|jsonl [--from DATE] [--to DATE] [--actor NAME] [--doc ID] -o FILE")
	var ff filterFlags
	ff.register(fs)
	format := fs.String("format", "", "csv、xlsx 或 jsonl（省略时按文件扩展名） / csv, xlsx or jsonl (default: from the file extension)")
	out := fs.String("o", "", "导出文件 / output file")
	pos, code, ok := parseOrUsage(fs, args)
	if !ok {
		return code
	}
	if *out == "" || len(pos) > 0 {
		return e.usageErr("需要且只需要 -o FILE", "needs -o FILE and nothing else")
	}
	if *format == "" {
		*format = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	}
	switch *format {
	case audit.FormatCSV, audit.FormatXLSX, audit.FormatJSONL:
	default:
		return e.usageErr("--format 应为 csv、xlsx 或 jsonl", "--format must be csv, xlsx or jsonl")
	}
	f, ferr := ff.filter()
	if ferr != nil {
		return e.usageErr(ferr.Zh, ferr.En)
	}
	l, err := e.openAudit(false)
	if err != nil {
		return e.fail("", err)
	}
	defer l.Close()
	if err := publish.NewGuard(l.Path()).CheckLogOutput(*out); err != nil {
		return e.fail("", err)
	}
	if *format != audit.FormatXLSX {
		defer streamingGC()()
	}
	res, err := audit.ExportWith(l, *out, *format, f, audit.ExportOptions{Unit: e.settings.Unit})
	if err != nil {
		return e.fail("", err)
	}
	fmt.Fprintf(e.stdout, "已导出 %d 条事件 / exported %d events: %s\n  SHA-256 %s（已记入审计日志第 %d 条 / recorded as event %d）\n",
		res.Events, res.Events, res.Path, res.SHA256, res.Event.Seq, res.Event.Seq)
	return ExitOK
}

// openIntactAudit opens the log for writing and refuses, saying what it
// will not do (refusing: 中文, English), when the chain does not verify:
// a signature made over a damaged log would vouch for the damage.
func (e *env) openIntactAudit(refusingZh, refusingEn string) (*audit.Log, error) {
	l, err := e.openAudit(false)
	if err != nil {
		return nil, err
	}
	if rep, err := l.Verify(); err != nil || !rep.OK {
		l.Close()
		if err == nil {
			err = msg.New(audit.ErrTampered, "审计日志已被改动，"+refusingZh+"："+rep.Problem,
				"the audit log is damaged; "+refusingEn)
		}
		return nil, err
	}
	return l, nil
}
