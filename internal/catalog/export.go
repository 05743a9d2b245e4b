package catalog

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/docattr/docattr/internal/xstring"
	"github.com/xuri/excelize/v2"
)

// Export formats.
const (
	FormatCSV  = "csv"
	FormatXLSX = "xlsx"
)

// SheetName is the XLSX sheet holding the catalog.
const SheetName = "公开目录"

// defuse keeps a cell that a spreadsheet would read as a formula as text:
// titles and numbers come from drafts.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteCSV writes entries as UTF-8 CSV with a BOM (Excel and WPS open it
// as Chinese), header first.
func WriteCSV(w io.Writer, entries []Entry) error {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	cw := csv.NewWriter(&buf)
	cw.UseCRLF = true
	cw.Write(Header)
	for _, e := range entries {
		cells := e.Cells()
		for i := range cells {
			cells[i] = defuse(cells[i])
		}
		cw.Write(cells)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// WriteXLSX writes entries to one sheet, header first, every cell text.
func WriteXLSX(w io.Writer, entries []Entry) error {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", SheetName); err != nil {
		return err
	}
	rows := [][]string{Header}
	for _, e := range entries {
		rows = append(rows, e.Cells())
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := x.SetCellStr(SheetName, cell, xstring.Escape(v)); err != nil {
				return fmt.Errorf("cell %s: %w", cell, err)
			}
		}
	}
	widths := []float64{26, 22, 50, 12, 20, 14, 12, 8, 40, 38}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		x.SetColWidth(SheetName, col, col, wd)
	}
	return x.Write(w)
}
