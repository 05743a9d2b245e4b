package stats

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Output formats.
const (
	FormatText = "text" // aligned Chinese tables for the terminal
	FormatCSV  = "csv"  // UTF-8 with BOM, one block per table, opens in Excel and WPS
	FormatXLSX = "xlsx" // a sheet per table and a column chart of the months
)

// Rule states the counting rule for people, printed with every report.
const Rule = "统计口径：每份文件（按文档编号）只计一次，以签发人的决定为准（未签发的另列）；年度、月份按成文日期计（无成文日期的按签发或标注日期）。依申请公开答复、不予公开答复等按申请统计的数字不在本表。"

// Heading returns the report's title line.
func (r Report) Heading() string {
	return fmt.Sprintf("%d 年度公文公开属性统计", r.Year)
}

// SourcesText lists the sources for people.
func (r Report) SourcesText() string {
	if len(r.Sources) == 0 {
		return "（无）"
	}
	return strings.Join(r.Sources, "、")
}

// WriteText writes the report as aligned tables. Columns are aligned by
// display width (a Chinese character is two columns wide).
func WriteText(w io.Writer, r Report) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s / disclosure statistics %d\n", r.Heading(), r.Year)
	fmt.Fprintf(bw, "%s\n", Rule)
	fmt.Fprintf(bw, "已签发文件 / signed documents: %d    未签发 / never signed: %d    日志来源 / sources: %s\n", r.Documents, r.Unsigned, r.SourcesText())
	for _, t := range r.Tables() {
		fmt.Fprintf(bw, "\n%s\n", t.Title)
		writeAligned(bw, textCells(t))
	}
	return bw.Flush()
}

// textCells returns t as rows of strings, header first, total last.
func textCells(t Table) [][]string {
	rows := [][]string{t.Header}
	for _, r := range t.Rows {
		rows = append(rows, append([]string{r.Label}, itoa(r.Values)...))
	}
	if t.Total {
		rows = append(rows, append([]string{"合计"}, itoa(t.Totals())...))
	}
	return rows
}

func itoa(v []int) []string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return s
}

// writeAligned writes cells with the first column left-aligned and the
// others right-aligned, two spaces apart, indented by two.
func writeAligned(w *bufio.Writer, rows [][]string) {
	var width []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], displayWidth(c))
		}
	}
	for _, r := range rows {
		w.WriteString(" ")
		for i, c := range r {
			pad := strings.Repeat(" ", width[i]-displayWidth(c))
			w.WriteString("  ")
			if i == 0 {
				w.WriteString(oneLine(c) + pad)
			} else {
				w.WriteString(pad + oneLine(c))
			}
		}
		w.WriteString("\n")
	}
}

// displayWidth is the number of terminal columns s takes: East Asian wide
// and full-width characters count two.
func displayWidth(s string) int {
	n := 0
	for _, r := range oneLine(s) {
		if isWide(r) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x1100 && r <= 0x115F) || (r >= 0x2E80 && r <= 0xA4CF) ||
		(r >= 0xAC00 && r <= 0xD7A3) || (r >= 0xF900 && r <= 0xFAFF) || (r >= 0xFE30 && r <= 0xFE4F) ||
		(r >= 0xFF00 && r <= 0xFF60) || (r >= 0xFFE0 && r <= 0xFFE6) || r >= 0x20000
}

// oneLine keeps a row on one line whatever a name holds.
func oneLine(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// WriteCSV writes the report as CSV: UTF-8 with a byte order mark (Excel
// and WPS need it to read Chinese), CRLF line ends, each table as a title
// row, a header row, the rows and a total row, tables separated by an
// empty row. Names that start like a formula are defused.
func WriteCSV(w io.Writer, r Report) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("\uFEFF")
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	write := func(rec ...string) {
		for i := range rec {
			rec[i] = defuse(rec[i])
		}
		_ = cw.Write(rec)
	}
	write(r.Heading())
	write(Rule)
	write("已签发文件数", strconv.Itoa(r.Documents))
	write("未签发文件数", strconv.Itoa(r.Unsigned))
	write("日志来源", r.SourcesText())
	for _, t := range r.Tables() {
		write()
		write(t.Title)
		for _, row := range textCells(t) {
			write(row...)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// defuse keeps a spreadsheet from running a cell as a formula (CSV
// injection): a drafter named "=HYPERLINK(…)" stays text.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
