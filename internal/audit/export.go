package audit

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/docattr/docattr/internal/atomicfile"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/writebehind"
)

// Export formats.
const (
	FormatCSV   = "csv"   // UTF-8 with BOM, Chinese header row; opens in Excel and WPS
	FormatXLSX  = "xlsx"  // sheets 审计日志 (title block, print setup) and 技术信息; real date cells
	FormatJSONL = "jsonl" // one stored record per line; VerifyExport checks it alone
)

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
func WriteCSV(l *Log, w io.Writer, f Filter) (int, error) { return writeCSV(l, w, f, nil) }

// writeCSV is WriteCSV calling tick (when not nil) after each event; an
// error from tick stops the export with that error.
func writeCSV(l *Log, w io.Writer, f Filter, tick func() error) (int, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString("\uFEFF"); err != nil {
		return 0, err
	}
	line := appendCSVRow(nil, Header)
	if _, err := bw.Write(line); err != nil {
		return 0, err
	}
	n := 0
	row := make([]string, 0, len(Header))
	err := l.List(f, func(e Event) error {
		row = cells(row[:0], csvColumns, &e)
		for i := range row {
			if i > 0 { // the seq column is a number
				row[i] = defuse(row[i])
			}
		}
		n++
		line = appendCSVRow(line[:0], row)
		if _, err := bw.Write(line); err != nil {
			return err
		}
		return tickOK(tick)
	})
	if err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// WriteJSONL streams the events matching f to w, one stored record per
// line, byte for byte as the log holds them (so a damaged record stays
// damaged in the export and VerifyExport sees it).
func WriteJSONL(l *Log, w io.Writer, f Filter) (int, error) { return writeJSONL(l, w, f, nil) }

// writeJSONL is WriteJSONL with writeCSV's tick.
func writeJSONL(l *Log, w io.Writer, f Filter, tick func() error) (int, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	n := 0
	err := l.scan(f, false, func(_ *Event, rec []byte) error {
		n++
		if _, err := bw.Write(rec); err != nil {
			return err
		}
		if err := bw.WriteByte('\n'); err != nil {
			return err
		}
		return tickOK(tick)
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

// ExportOptions let a caller watch and stop an export (ExportWith).
type ExportOptions struct {
	// Progress, when not nil, is called on the exporting goroutine with the
	// events written so far and the number matching the filter (from
	// Count): once with done 0 before the first event, then about every
	// hundredth of total, and once at the end. It must not call into the
	// log. The XLSX writer reports only the start and the end.
	Progress func(done, total int)
	// Cancel, when closed, stops the export between two events: the
	// temporary file is removed, no file appears, no event is recorded and
	// ExportWith returns an error of kind ErrCanceled.
	Cancel <-chan struct{}
	// Unit is the office named in the XLSX title block (单位); empty
	// leaves that line blank.
	Unit string
}

// ErrCanceled is the kind of the error ExportWith returns when
// ExportOptions.Cancel was closed before the export finished.
var ErrCanceled = errors.New("audit: export canceled")

func canceledErr() error {
	return msg.New(ErrCanceled, "导出已取消，未生成文件，也未记入审计日志", "export canceled: no file written and nothing recorded")
}

// Export writes the events matching f to path in format (FormatCSV,
// FormatXLSX or FormatJSONL), atomically and with mode 0600 (the log names
// people), records an "export" event naming the file and its SHA-256, and
// only then renames the file into place. It is ExportWith without options.
func Export(l *Log, path, format string, f Filter) (ExportResult, error) {
	return ExportWith(l, path, format, f, ExportOptions{})
}

// ExportWith is Export reporting progress to opts.Progress and stopping
// when opts.Cancel is closed; a canceled export leaves no file and no
// event behind and returns an error of kind ErrCanceled.
func ExportWith(l *Log, path, format string, f Filter, opts ExportOptions) (ExportResult, error) {
	var write func(*Log, io.Writer, Filter, func() error) (int, error)
	switch format {
	case FormatCSV:
		write = writeCSV
	case FormatXLSX:
		title := newTitleBlock(l, f, opts.Unit)
		write = func(l *Log, w io.Writer, f Filter, tick func() error) (int, error) {
			return writeXLSX(l, w, f, title, tick)
		}
	case FormatJSONL:
		write = writeJSONL
	default:
		return ExportResult{}, msg.New(ErrInvalid, "不支持的导出格式："+format+"（可用 csv、xlsx、jsonl）",
			"unsupported export format: "+format+" (use csv, xlsx or jsonl)")
	}
	tick, finish, err := opts.ticker(l, f)
	if err != nil {
		return ExportResult{}, exportErr(err)
	}
	out, err := atomicfile.Create(path)
	if err != nil {
		return ExportResult{}, msg.Newf(nil, err, "无法创建导出文件", "cannot create the export file")
	}
	defer out.Abort()
	out.Perm = 0o600
	out.Direct = true
	h := sha256.New()
	// The file and the hash take the bytes on another goroutine while the
	// next rows are formatted.
	wb := writebehind.New(io.MultiWriter(out, h))
	n, err := write(l, wb, f, tick)
	if cerr := wb.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return ExportResult{}, exportErr(err)
	}
	if err := out.Sync(); err != nil {
		return ExportResult{}, exportErr(err)
	}
	if opts.canceled() { // the last chance: after this the event is recorded
		return ExportResult{}, canceledErr()
	}
	finish(n)
	res := ExportResult{Path: path, Format: format, Events: n, SHA256: hex.EncodeToString(h.Sum(nil))}
	evs, err := l.Append(Event{Type: TypeExport, Actor: l.actor, File: absPath(path), OutputSHA256: res.SHA256, Details: exportDetails(format, n, f)})
	if err != nil {
		return ExportResult{}, err
	}
	res.Event = evs[0]
	if err := out.Commit(); err != nil {
		return ExportResult{}, exportErr(err)
	}
	return res, nil
}

// ticker returns the per-event hook for the writers (nil when there is
// nothing to watch) and the call that reports the end.
func (o ExportOptions) ticker(l *Log, f Filter) (tick func() error, finish func(done int), err error) {
	finish = func(int) {}
	if o.Progress == nil && o.Cancel == nil {
		return nil, finish, nil
	}
	total := 0
	if o.Progress != nil {
		if total, err = l.Count(f); err != nil {
			return nil, finish, err
		}
		o.Progress(0, total)
		finish = func(done int) { o.Progress(done, total) }
	}
	step := max(1, total/100)
	done := 0
	tick = func() error {
		if o.canceled() {
			return canceledErr()
		}
		if done++; o.Progress != nil && done%step == 0 && done < total {
			o.Progress(done, total)
		}
		return nil
	}
	return tick, finish, nil
}

func (o ExportOptions) canceled() bool {
	select {
	case <-o.Cancel:
		return true
	default:
		return false // a nil channel never closes
	}
}

func tickOK(tick func() error) error {
	if tick == nil {
		return nil
	}
	return tick()
}

func absPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return abs
}

// exportDetails are the export event's details: format, count, filter.
func exportDetails(format string, n int, f Filter) map[string]string {
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
	return details
}

func exportErr(err error) error {
	if _, ok := err.(*msg.Error); ok {
		return err
	}
	return msg.Newf(nil, err, "导出审计日志失败", "exporting the audit log failed")
}
