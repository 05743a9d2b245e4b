package cli

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/docattr/docattr/internal/atomicfile"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/imported"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/publish"
	"github.com/docattr/docattr/internal/stats"
)

func init() {
	register(command{name: "stats", summary: "公文公开属性认定情况与规范性文件统计 / yearly counts of disclosure decisions", run: runStats})
}

const statsUsage = `stats --year YYYY [--format text|csv|xlsx] [-o FILE] [--include-imported]
每份文件只计一次，以签发人的决定为准（未签发的另列），按成文日期的年度计 /
each document counts once, by the signer's decision (never-signed ones apart), in its 成文日期's year`

func runStats(e *env, args []string) int {
	fs := newFlags(e, "stats", statsUsage)
	yearFlag := fs.String("year", "", "统计年度 / year, e.g. 2026")
	format := fs.String("format", "", "text、csv 或 xlsx（省略时按 -o 的扩展名，否则 text） / text, csv or xlsx (default: from -o, else text)")
	out := fs.String("o", "", "输出文件（xlsx 必须给出） / output file (required for xlsx)")
	withImported := fs.Bool("include-imported", false, "包括已导入的其他单位日志 / include imported logs of other installations")
	pos, code, ok := parseOrUsage(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return e.usageErr("多余的参数 "+strings.Join(pos, " "), "unexpected arguments "+strings.Join(pos, " "))
	}
	year, err := strconv.Atoi(*yearFlag)
	if err != nil || year < 1949 || year > 2999 {
		return e.usageErr("--year 应为四位年份，如 2026", "--year must be a year such as 2026")
	}
	if *format == "" {
		*format = stats.FormatText
		if ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), "."); ext == stats.FormatCSV || ext == stats.FormatXLSX {
			*format = ext
		}
	}
	switch *format {
	case stats.FormatText, stats.FormatCSV:
	case stats.FormatXLSX:
		if *out == "" {
			return e.usageErr("xlsx 格式需要 -o 文件", "xlsx needs -o FILE")
		}
	default:
		return e.usageErr("--format 应为 text、csv 或 xlsx", "--format must be text, csv or xlsx")
	}
	r, err := e.buildStats(year, *withImported)
	if err != nil {
		return e.fail("", err)
	}
	if r.Documents == 0 && r.Unsigned > 0 {
		fmt.Fprintf(e.stderr, "注意 / note: %d 份文件没有签发记录，另列为“未签发”；签发记在签发人的日志中，请用 audit import 导入并加 --include-imported / %d documents have no signature: import the signer's log (audit import) and add --include-imported\n", r.Unsigned, r.Unsigned)
	}
	var buf bytes.Buffer
	switch *format {
	case stats.FormatText:
		err = stats.WriteText(&buf, r)
	case stats.FormatCSV:
		err = stats.WriteCSV(&buf, r)
	default:
		err = stats.WriteXLSX(&buf, r)
	}
	if err != nil {
		return e.fail("", msg.Newf(nil, err, "生成统计表失败", "writing the statistics failed"))
	}
	if *out == "" {
		if *format == stats.FormatText {
			e.stdout.Write(buf.Bytes())
		} else {
			e.rawOut.Write(buf.Bytes())
		}
		return ExitOK
	}
	// The tables name drafters: private to the user, like the log exports.
	if err := publish.NewGuard(e.dbFlagPath()).CheckLogOutput(*out); err != nil {
		return e.fail("", err)
	}
	if err := atomicfile.WriteFile(*out, buf.Bytes(), 0o600); err != nil {
		return e.fail("", msg.Newf(nil, err, "无法写入 "+*out, "cannot write "+*out))
	}
	fmt.Fprintf(e.stdout, "已写入 %d 年度统计 / statistics for %d written: %s（%d 份文件 / documents）\n", year, year, *out, r.Documents)
	return ExitOK
}

// buildStats counts year from the local log (read-only; a missing log
// counts as empty) and, when asked, the imported logs.
func (e *env) buildStats(year int, withImported bool) (stats.Report, error) {
	b := stats.NewBuilder(year)
	if err := e.feedView(withImported, stats.YearFilter(year), b.AddLog, b.Add); err != nil {
		return stats.Report{}, err
	}
	return b.Report(), nil
}

// localSource names this installation's events in the by-unit table.
func (e *env) localSource() string {
	if u := strings.TrimSpace(e.settings.Unit); u != "" {
		return u
	}
	return stats.LocalSource
}

// feedView gives a view's builder (stats, catalog, due) its events: under
// `docattr office` every desk's from the office database; else this desk's
// log, read-only (a missing log counts as empty), and, when withImported,
// the imported logs matching f.
func (e *env) feedView(withImported bool, f audit.Filter, addLog func(*audit.Log, string) error, add func(string, audit.Event)) error {
	if e.office != nil { // docattr office …: the office database, not this desk's logs
		return e.office.feed(add)
	}
	l, err := e.openAudit(true)
	switch {
	case errors.Is(err, audit.ErrNotFound):
	case err != nil:
		return err
	default:
		err = addLog(l, e.localSource())
		l.Close()
		if err != nil {
			return err
		}
	}
	if !withImported {
		return nil
	}
	return e.eachImported(f, func(src string, ev audit.Event) error { add(src, ev); return nil })
}

// eachImported calls fn for every imported event matching f; no store yet
// means no events.
func (e *env) eachImported(f audit.Filter, fn func(source string, ev audit.Event) error) error {
	path, err := e.dbPath()
	if err != nil {
		return err
	}
	s, err := imported.Open(imported.PathFor(path), imported.Options{ReadOnly: true})
	if errors.Is(err, imported.ErrNoStore) {
		return nil
	}
	if err != nil {
		return err
	}
	defer s.Close()
	return s.List(f, fn)
}

// dbFlagPath is the audit log path for guarding outputs ("" when unknown).
func (e *env) dbFlagPath() string {
	p, _ := e.dbPath()
	return p
}
