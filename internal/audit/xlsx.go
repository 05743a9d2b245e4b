package audit

import (
	"archive/zip"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/docattr/docattr/internal/msg"
)

// SheetName is the name of the XLSX export's only sheet.
const SheetName = "审计日志"

// maxXLSXRows is Excel's row limit minus the header row.
const maxXLSXRows = 1048576 - 1

// maxCellChars is Excel's limit on the text of one cell.
const maxCellChars = 32767

// WriteXLSX streams the events matching f to w as an Excel workbook with one
// sheet, 审计日志: a frozen Chinese header row, column widths set, seq as a
// number and the time as a real date cell showing the event's local time.
// Rows go through excelize's StreamWriter (spilled to a temporary file past
// 16 MB) and the zip is written straight to w rather than built in memory.
// More events than one sheet holds give an ErrInvalid error: export CSV or
// JSONL, or narrow the dates.
func WriteXLSX(l *Log, w io.Writer, f Filter) (int, error) { return writeXLSX(l, w, f, nil) }

// writeXLSX is WriteXLSX calling tick (when not nil) after each row.
func writeXLSX(l *Log, w io.Writer, f Filter, tick func() error) (int, error) {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", SheetName); err != nil {
		return 0, err
	}
	sw, err := x.NewStreamWriter(SheetName)
	if err != nil {
		return 0, err
	}
	for i, wd := range columnWidths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return 0, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return 0, err
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return 0, err
	}
	dateFmt := "yyyy-mm-dd hh:mm:ss"
	dateStyle, err := x.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return 0, err
	}
	head := make([]any, len(Header))
	for i, h := range Header {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return 0, err
	}
	n := 0
	cells := make([]string, 0, len(Header))
	vals := make([]any, len(Header))
	err = l.List(f, func(e Event) error {
		if n == maxXLSXRows {
			return msg.New(ErrInvalid, "事件超过一个 Excel 工作表的容量，请缩小日期范围或导出为 CSV/JSONL",
				"too many events for one Excel sheet; narrow the dates or export CSV/JSONL")
		}
		n++
		cells = row(cells[:0], &e)
		for i, c := range cells {
			vals[i] = clip(c)
		}
		vals[0] = e.Seq
		// excelize writes a time's wall clock in its own zone: the
		// event's local time, as the people who acted saw it.
		vals[1] = excelize.Cell{StyleID: dateStyle, Value: e.LocalTime().Round(time.Second)}
		cell, err := excelize.CoordinatesToCellName(1, n+1)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, vals); err != nil {
			return err
		}
		return tickOK(tick)
	})
	if err != nil {
		return n, err
	}
	if err := sw.Flush(); err != nil {
		return n, err
	}
	// Write the zip straight to w: File.Write would first build the whole
	// workbook in a bytes.Buffer.
	x.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	if _, err := x.WriteTo(io.Discard); err != nil {
		return n, err
	}
	return n, nil
}

// clip shortens s to Excel's cell limit; the JSONL export keeps everything.
func clip(s string) string {
	if len(s) <= maxCellChars {
		return s // fewer bytes than the limit: fewer characters too
	}
	r := []rune(s)
	if len(r) <= maxCellChars {
		return s
	}
	return string(r[:maxCellChars-1]) + "…"
}
