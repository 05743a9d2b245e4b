package audit

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/docattr/docattr/internal/atomicfile"
	"github.com/docattr/docattr/internal/msg"
)

// Export formats.
const (
	FormatCSV   = "csv"   // UTF-8 with BOM, Chinese header row; opens in Excel and WPS
	FormatXLSX  = "xlsx"  // one sheet 审计日志, frozen header, real date cells
	FormatJSONL = "jsonl" // one stored record per line; VerifyExport checks it alone
)

// Header is the Chinese header row of the CSV and XLSX exports, one entry
// per column.
var Header = []string{
	"序号", "时间", "时区", "类型", "操作人", "系统用户", "计算机", "文档编号", "文件名",
	"公开属性", "原公开属性", "密级", "原密级", "依据", "理由", "确认说明", "发现",
	"输入SHA256", "输出SHA256", "版本", "前一哈希", "哈希", "详情",
}

// columnWidths are the XLSX column widths in characters, matching Header.
var columnWidths = []float64{8, 20, 10, 14, 12, 12, 14, 20, 40, 12, 12, 14, 14, 30, 40, 30, 40, 20, 20, 10, 20, 20, 40}

// typeNames are the Chinese names of the event types, for people.
var typeNames = map[string]string{
	TypeMark: "标注", TypeClean: "清理隐藏信息", TypeReviewSubmit: "提交审核", TypeReviewApprove: "审核通过",
	TypeReviewReturn: "退回", TypeReviewSign: "签发", TypeLifecycle: "状态变更", TypeExport: "导出",
	TypeCheckpoint: "检查点", TypeSettings: "设置",
}

// TypeName returns "中文名（type）" for a known type, else the type itself.
func TypeName(t string) string {
	if n, ok := typeNames[t]; ok {
		return n + "（" + t + "）"
	}
	return t
}

// timeLayout is how CSV writes an event's local time; the zone is a column
// of its own.
const timeLayout = "2006-01-02 15:04:05"

// zoneName formats an offset in minutes as UTC+08:00.
func zoneName(minutes int) string {
	sign := '+'
	if minutes < 0 {
		sign, minutes = '-', -minutes
	}
	return fmt.Sprintf("UTC%c%02d:%02d", sign, minutes/60, minutes%60)
}

// row appends e's cells as text, in Header order, to dst.
func row(dst []string, e *Event) []string {
	return append(dst,
		strconv.FormatUint(e.Seq, 10), e.LocalTime().Format(timeLayout), zoneName(e.TZOffset),
		TypeName(e.Type), e.Actor.Name, e.Actor.OSUser, e.Actor.Machine, e.DocID, e.File,
		e.Attribute, e.PrevAttribute, e.Secrecy, e.PrevSecrecy, e.Basis, e.Reason, e.Acknowledged,
		findingsText(e.Findings), e.InputSHA256, e.OutputSHA256, e.Version, e.PrevHash, e.Hash,
		detailsText(e.Details))
}

func findingsText(fs []FindingRef) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		s := f.Severity + " " + f.Kind + "：" + f.Excerpt
		if f.Location != "" {
			s += "（" + f.Location + "）"
		}
		parts[i] = strings.TrimSpace(s)
	}
	return strings.Join(parts, "；")
}

func detailsText(d map[string]string) string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + d[k]
	}
	return strings.Join(parts, "; ")
}

// defuse keeps a spreadsheet from running a cell as a formula (CSV
// injection): a file named "=HYPERLINK(…)" must stay text in Excel. Cells
// starting with = + - @ or a control character get a leading apostrophe,
// which Excel and WPS hide.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteCSV streams the events matching f to w as CSV (UTF-8 with BOM,
// Chinese header) and returns how many it wrote. Memory use does not grow
// with the number of events.
func WriteCSV(l *Log, w io.Writer, f Filter) (int, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString("\uFEFF"); err != nil {
		return 0, err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true // what Excel writes and expects
	if err := cw.Write(Header); err != nil {
		return 0, err
	}
	n := 0
	cells := make([]string, 0, len(Header))
	err := l.List(f, func(e Event) error {
		cells = row(cells[:0], &e)
		for i := range cells {
			if i > 0 { // the seq column is a number
				cells[i] = defuse(cells[i])
			}
		}
		n++
		return cw.Write(cells)
	})
	if err != nil {
		return n, err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// WriteJSONL streams the events matching f to w, one stored record per
// line, byte for byte as the log holds them (so a damaged record stays
// damaged in the export and VerifyExport sees it).
func WriteJSONL(l *Log, w io.Writer, f Filter) (int, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	n := 0
	err := l.scan(f, false, func(_ *Event, rec []byte) error {
		n++
		if _, err := bw.Write(rec); err != nil {
			return err
		}
		return bw.WriteByte('\n')
	})
	if err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// ExportResult describes a finished export.
type ExportResult struct {
	Path   string
	Format string
	Events int    // events written
	SHA256 string // of the exported file, hex
	Event  Event  // the "export" event recording it
}

// Export writes the events matching f to path in format (FormatCSV,
// FormatXLSX or FormatJSONL), atomically and with mode 0600 (the log names
// people), records an "export" event naming the file and its SHA-256, and
// only then renames the file into place.
func Export(l *Log, path, format string, f Filter) (ExportResult, error) {
	var write func(*Log, io.Writer, Filter) (int, error)
	switch format {
	case FormatCSV:
		write = WriteCSV
	case FormatXLSX:
		write = WriteXLSX
	case FormatJSONL:
		write = WriteJSONL
	default:
		return ExportResult{}, msg.New(ErrInvalid, "不支持的导出格式："+format+"（可用 csv、xlsx、jsonl）",
			"unsupported export format: "+format+" (use csv, xlsx or jsonl)")
	}
	out, err := atomicfile.Create(path)
	if err != nil {
		return ExportResult{}, msg.Newf(nil, err, "无法创建导出文件", "cannot create the export file")
	}
	defer out.Abort()
	out.Perm = 0o600
	h := sha256.New()
	n, err := write(l, io.MultiWriter(out, h), f)
	if err != nil {
		return ExportResult{}, exportErr(err)
	}
	if err := out.Sync(); err != nil {
		return ExportResult{}, exportErr(err)
	}
	res := ExportResult{Path: path, Format: format, Events: n, SHA256: hex.EncodeToString(h.Sum(nil))}
	abs, _ := filepath.Abs(path)
	details := map[string]string{"format": format, "events": strconv.Itoa(n)}
	for k, v := range map[string]string{"filter_actor": f.Actor, "filter_doc": f.DocID,
		"filter_attribute": f.Attribute, "filter_type": f.Type} {
		if v != "" {
			details[k] = v
		}
	}
	if !f.From.IsZero() {
		details["filter_from"] = f.From.Format(time.DateOnly)
	}
	if !f.To.IsZero() {
		details["filter_to"] = f.To.Format(time.DateOnly)
	}
	evs, err := l.Append(Event{Type: TypeExport, Actor: l.actor, File: abs, OutputSHA256: res.SHA256, Details: details})
	if err != nil {
		return ExportResult{}, err
	}
	res.Event = evs[0]
	if err := out.Commit(); err != nil {
		return ExportResult{}, exportErr(err)
	}
	return res, nil
}

func exportErr(err error) error {
	if _, ok := err.(*msg.Error); ok {
		return err
	}
	return msg.Newf(nil, err, "导出审计日志失败", "exporting the audit log failed")
}
