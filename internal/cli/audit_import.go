package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"text/tabwriter"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/imported"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/stats"
)

// ImportEventType is the type of the local audit event that records an
// import of another installation's log.
const ImportEventType = "import"

const auditImportUsage = `audit import FILE.jsonl... [--source NAME] [--checkpoint FILE] [--allow-gaps]
核对其他单位的 JSONL 导出并只读保存，供 stats/audit list --include-imported 使用
verifies other installations' JSONL exports and keeps them read-only for --include-imported`

// auditImport is "docattr audit import": verify each export, refuse it
// whole if anything is wrong, and store it beside the local log, recording
// the import in the local log first.
func auditImport(e *env, args []string) int {
	fs := newFlags(e, "audit import", auditImportUsage)
	source := fs.String("source", "", "来源名称（单位），默认为其密钥指纹 / source name; default: its key fingerprint")
	cp := fs.String("checkpoint", "", "对方签名的检查点文件（仅限一个导出文件） / checkpoint signed by the source (one export only)")
	gaps := fs.Bool("allow-gaps", false, "接受筛选导出（序号有间隔） / accept a filtered export with missing seqs")
	files, code, ok := parseOrUsage(fs, args)
	if !ok {
		return code
	}
	if len(files) == 0 {
		return e.usageErr("请给出要导入的 JSONL 导出文件", "give the JSONL exports to import")
	}
	if *cp != "" && len(files) > 1 {
		return e.usageErr("--checkpoint 只能配一个导出文件", "--checkpoint goes with one export")
	}
	if *source != "" && !imported.ValidSourceName(*source) {
		return e.usageErr("--source 名称无效（1–100 个字符，不含控制字符）", "invalid --source name (1–100 characters, no control characters)")
	}
	log, err := e.openAudit(false)
	if err != nil {
		return e.fail("", err)
	}
	defer log.Close()
	path, err := e.dbPath()
	if err != nil {
		return e.fail("", err)
	}
	store, err := imported.Open(imported.PathFor(path), imported.Options{})
	if err != nil {
		return e.fail("", err)
	}
	defer store.Close()
	failed := 0
	for _, f := range files {
		req := imported.Request{Path: f, Source: *source, Checkpoint: *cp, AllowGaps: *gaps}
		if err := e.importOne(log, store, req); err != nil {
			failed++
			fmt.Fprintf(e.stderr, "未导入 / refused: %s\n  %s\n", f, msg.Both(err))
		}
	}
	if failed > 0 {
		fmt.Fprintf(e.stderr, "%d 个文件未导入 / %d exports refused\n", failed, failed)
		return ExitFailure
	}
	return ExitOK
}

func (e *env) importOne(log *audit.Log, store *imported.Store, req imported.Request) error {
	x, err := imported.ReadExport(req)
	if err != nil {
		return err
	}
	if x.Source == stats.LocalSource || x.Source == e.localSource() {
		return msg.New(imported.ErrNoSource, "来源名称 "+x.Source+" 与本机统计用的名称相同，请用 --source 另取名称",
			"source name "+x.Source+" is this installation's own name; choose another with --source")
	}
	if own, err := isOwnLog(log, x); err != nil {
		return err
	} else if own {
		return msg.New(imported.ErrConflict, "这是本机审计日志的导出，无需导入（否则会重复统计）",
			"this is an export of this installation's own log; importing it would count it twice")
	}
	abs, _ := filepath.Abs(req.Path)
	res, err := store.Import(x, func(r imported.Result) error {
		details := map[string]string{
			"source": r.Source.Name, "added": strconv.Itoa(r.Added), "duplicates": strconv.Itoa(r.Duplicates),
			"first_seq": strconv.FormatUint(r.FirstNew, 10), "last_seq": strconv.FormatUint(r.LastNew, 10),
			"segment": x.Report.Segment(),
		}
		if x.Fingerprint != "" {
			details["fingerprint"] = x.Fingerprint
		}
		if x.Checkpointed {
			details["checkpoint"] = "verified"
		}
		_, err := log.Append(audit.Event{Type: ImportEventType, Actor: log.Actor(), File: abs, InputSHA256: x.SHA256, Details: details})
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已导入 / imported: %s → 来源 / source %s\n  新增 %d 条，已有 %d 条 / %d added, %d already held; %s\n",
		req.Path, res.Source.Name, res.Added, res.Duplicates, res.Added, res.Duplicates, x.Report.Segment())
	if x.Checkpointed {
		fmt.Fprintf(e.stdout, "  检查点签名有效 / checkpoint valid, key %s\n", x.Fingerprint)
	} else if x.Fingerprint == "" {
		fmt.Fprintf(e.stdout, "  注意：未附检查点，无法确认导出文件未被整体重写 / note: no checkpoint, so a wholesale rewrite cannot be ruled out\n")
	}
	return nil
}

// isOwnLog reports whether the export's first event is, byte for byte, the
// event the local log holds at that seq: the export came from this log.
func isOwnLog(log *audit.Log, x *imported.Export) (bool, error) {
	first := x.Events[0]
	ev, err := log.Get(first.Seq)
	if errors.Is(err, audit.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return ev.Hash == first.Hash, nil
}

// auditListImported prints the imported events matching f after the local
// ones: a table with a source column, or with asJSON one object per line,
// {"source": …, "event": …}. For "audit list --include-imported".
func auditListImported(e *env, f audit.Filter, asJSON bool) int {
	var (
		n   int
		err error
	)
	if asJSON {
		enc := json.NewEncoder(e.jsonOut)
		enc.SetEscapeHTML(false)
		err = e.eachImported(f, func(src string, ev audit.Event) error {
			n++
			return enc.Encode(struct {
				Source string      `json:"source"`
				Event  audit.Event `json:"event"`
			}{src, ev})
		})
	} else {
		fmt.Fprintln(e.stdout, "\n已导入的日志 / imported logs")
		n, err = writeImportedTable(e, e.stdout, f)
	}
	if err != nil {
		return e.fail("", err)
	}
	if !asJSON {
		fmt.Fprintf(e.stdout, "共 %d 条 / %d imported events\n", n, n)
	}
	return ExitOK
}

func writeImportedTable(e *env, w io.Writer, f audit.Filter) (int, error) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "来源\t序号\t时间\t类型\t操作人\t文档编号\t公开属性\t文件")
	n := 0
	err := e.eachImported(f, func(src string, ev audit.Event) error {
		n++
		_, err := fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", oneLine(src), ev.Seq, ev.LocalTime().Format("2006-01-02 15:04:05"),
			ev.Type, oneLine(ev.Actor.Name), oneLine(ev.DocID), oneLine(ev.Attribute), oneLine(baseName(ev.File)))
		return err
	})
	tw.Flush()
	return n, err
}
