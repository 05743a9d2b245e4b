package stats

import (
	"fmt"
	"io"

	"github.com/docattr/docattr/internal/xstring"
	"github.com/xuri/excelize/v2"
)

// SummarySheet is the first sheet of the XLSX report.
const SummarySheet = "说明"

// ChartCell is where the monthly chart is anchored on the 按月份 sheet.
const ChartCell = "H2"

// WriteXLSX writes the report as an Excel workbook: a 说明 sheet (year,
// rule, sources, total), then one sheet per table with a bold, frozen
// header row and numbers as numbers, and on the 按月份 sheet a stacked
// column chart of the monthly counts by attribute. It opens in Excel, WPS
// and LibreOffice.
func WriteXLSX(w io.Writer, r Report) error {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", SummarySheet); err != nil {
		return err
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := writeSummary(x, r, bold); err != nil {
		return err
	}
	for _, t := range r.Tables() {
		if err := writeTableSheet(x, t, bold); err != nil {
			return fmt.Errorf("sheet %s: %w", t.Name, err)
		}
	}
	if err := addMonthChart(x, r.ByMonth); err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	x.SetActiveSheet(0)
	_, err = x.WriteTo(w)
	return err
}

func writeSummary(x *excelize.File, r Report, bold int) error {
	rows := [][]any{
		{r.Heading()},
		{Rule},
		{"统计年度", r.Year},
		{"已签发文件数", r.Documents},
		{"未签发文件数", r.Unsigned},
		{"日志来源", r.SourcesText()},
	}
	for i, row := range rows {
		if err := setRow(x, SummarySheet, cell(1, i+1), row); err != nil {
			return err
		}
	}
	if err := x.SetCellStyle(SummarySheet, "A1", "A1", bold); err != nil {
		return err
	}
	return x.SetColWidth(SummarySheet, "A", "A", 14)
}

func writeTableSheet(x *excelize.File, t Table, bold int) error {
	if _, err := x.NewSheet(t.Name); err != nil {
		return err
	}
	header := make([]any, len(t.Header))
	for i, h := range t.Header {
		header[i] = h
	}
	if err := setRow(x, t.Name, "A1", header); err != nil {
		return err
	}
	last := cell(len(t.Header), 1)
	if err := x.SetCellStyle(t.Name, "A1", last, bold); err != nil {
		return err
	}
	n := 1
	put := func(label string, values []int) error {
		n++
		row := make([]any, 0, len(values)+1)
		row = append(row, label)
		for _, v := range values {
			row = append(row, v)
		}
		return setRow(x, t.Name, cell(1, n), row)
	}
	for _, r := range t.Rows {
		if err := put(r.Label, r.Values); err != nil {
			return err
		}
	}
	if t.Total {
		if err := put("合计", t.Totals()); err != nil {
			return err
		}
		if err := x.SetCellStyle(t.Name, cell(1, n), cell(len(t.Header), n), bold); err != nil {
			return err
		}
	}
	if err := x.SetColWidth(t.Name, "A", "A", 28); err != nil {
		return err
	}
	if col, _ := excelize.ColumnNumberToName(len(t.Header)); len(t.Header) > 1 {
		if err := x.SetColWidth(t.Name, "B", col, 12); err != nil {
			return err
		}
	}
	return x.SetPanes(t.Name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// setRow writes row from the cell at, its text escaped (see package
// xstring): excelize stores text as shared strings, unescaped.
func setRow(x *excelize.File, sheet, at string, row []any) error {
	for i, v := range row {
		if s, ok := v.(string); ok {
			row[i] = xstring.Escape(s)
		}
	}
	return x.SetSheetRow(sheet, at, &row)
}

// addMonthChart draws one series per attribute column of the month table
// (the last column, 合计, is left out: the stack shows it).
func addMonthChart(x *excelize.File, t Table) error {
	sheet := "'" + t.Name + "'!"
	var series []excelize.ChartSeries
	for c := 2; c < len(t.Header); c++ {
		series = append(series, excelize.ChartSeries{
			Name:       sheet + ref(c, 1),
			Categories: sheet + ref(1, 2) + ":" + ref(1, 13),
			Values:     sheet + ref(c, 2) + ":" + ref(c, 13),
		})
	}
	return x.AddChart(t.Name, ChartCell, &excelize.Chart{
		Type:      excelize.ColStacked,
		Series:    series,
		Title:     []excelize.RichTextRun{{Text: "各月标注文件数"}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 640, Height: 360},
		PlotArea:  excelize.ChartPlotArea{ShowVal: false},
	})
}

// cell returns the A1 name of column col, row row (both from 1).
func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// ref returns the absolute reference $A$1 of column col, row row.
func ref(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row, true)
	return name
}
