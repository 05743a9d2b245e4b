package audit

import (
	"archive/zip"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/parflate"
)

// SheetName is the name of the XLSX export's first sheet, the one for
// people; TechSheetName holds hashes, paths and machines.
const (
	SheetName     = "审计日志"
	TechSheetName = "技术信息"
)

// headerRow is the row of the column headings on the first sheet, below
// the title block; it is repeated on every printed page.
const headerRow = 8

// maxXLSXRows is Excel's row limit minus the title block and header row.
const maxXLSXRows = 1048576 - headerRow

// maxCellChars is Excel's limit on the text of one cell.
const maxCellChars = 32767

// titleBlock is what the first sheet says above the table: who exported
// what, from where, when.
type titleBlock struct {
	Unit, Period, Filter, Exporter, Time string
}

func newTitleBlock(l *Log, f Filter, unit string) titleBlock {
	return titleBlock{Unit: unit, Period: periodText(f), Filter: filterText(f),
		Exporter: l.actor.Name, Time: l.now().Local().Format(TimeLayout)}
}

func (t titleBlock) lines() [][2]string {
	return [][2]string{{"单位", t.Unit}, {"期间", t.Period}, {"筛选条件", t.Filter}, {"导出人", t.Exporter}, {"导出时间", t.Time}}
}

// periodText says the filter's days in words: "2026年12月1日至2026年12月3日".
func periodText(f Filter) string {
	day := func(t time.Time) string { return t.Format("2006年1月2日") }
	switch {
	case f.From.IsZero() && f.To.IsZero():
		return "全部"
	case f.To.IsZero():
		return day(f.From) + "起"
	case f.From.IsZero():
		return "至" + day(f.To)
	}
	return day(f.From) + "至" + day(f.To)
}

// filterText says the filter's other conditions in words, or 无.
func filterText(f Filter) string {
	var parts []string
	for _, c := range [][2]string{{"操作人", f.Actor}, {"文档编号", f.DocID},
		{"公开属性", AttributeLabel(f.Attribute)}, {"事件", TypeLabel(f.Type)}} {
		if c[1] != "" {
			parts = append(parts, c[0]+"："+c[1])
		}
	}
	if len(parts) == 0 {
		return "无"
	}
	return strings.Join(parts, "；")
}

// WriteXLSX streams the events matching f to w as an Excel workbook: sheet
// 审计日志 with a title block, the columns a reader needs, Chinese values,
// a frozen heading row repeated on every printed page and a landscape
// fit-to-width page setup; sheet 技术信息 with hashes, paths and machines.
// Times are real date cells showing the event's local time. Rows go
// through excelize's StreamWriter (spilled to a temporary file past 16 MB)
// and the zip is written straight to w rather than built in memory. More
// events than one sheet holds give an ErrInvalid error: export CSV or
// JSONL, or narrow the dates.
func WriteXLSX(l *Log, w io.Writer, f Filter) (int, error) {
	return writeXLSX(l, w, f, newTitleBlock(l, f, ""), nil)
}

// writeXLSX is WriteXLSX calling tick (when not nil) after each row.
func writeXLSX(l *Log, w io.Writer, f Filter, title titleBlock, tick func() error) (int, error) {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", SheetName); err != nil {
		return 0, err
	}
	if _, err := x.NewSheet(TechSheetName); err != nil {
		return 0, err
	}
	if err := printSetup(x); err != nil {
		return 0, err
	}
	st, err := newStyles(x)
	if err != nil {
		return 0, err
	}
	people, err := newSheet(x, SheetName, peopleColumns, headerRow, st)
	if err != nil {
		return 0, err
	}
	if err := writeTitle(people, title, st); err != nil {
		return 0, err
	}
	tech, err := newSheet(x, TechSheetName, techColumns, 1, st)
	if err != nil {
		return 0, err
	}
	n := 0
	techRows := newBeside(tech, 2)
	err = l.List(f, func(e Event) error {
		if n == maxXLSXRows {
			return msg.New(ErrInvalid, "事件超过一个 Excel 工作表的容量，请缩小日期范围或导出为 CSV/JSONL",
				"too many events for one Excel sheet; narrow the dates or export CSV/JSONL")
		}
		n++
		if err := people.row(headerRow+n, &e); err != nil {
			return err
		}
		techRows.add(&e)
		return tickOK(tick)
	})
	if terr := techRows.finish(); err == nil {
		err = terr
	}
	if err != nil {
		return n, err
	}
	for _, s := range []*sheet{people, tech} {
		if err := s.sw.Flush(); err != nil {
			return n, err
		}
	}
	// Write the zip straight to w: File.Write would first build the whole
	// workbook in a bytes.Buffer.
	x.SetZipWriter(func(io.Writer) excelize.ZipWriter { return fastZip(w) })
	if _, err := x.WriteTo(io.Discard); err != nil {
		return n, err
	}
	return n, nil
}

// printSetup makes the first sheet print on landscape pages one page wide,
// the heading row on each. It must run before the stream writer opens the
// sheet, which keeps these settings.
func printSetup(x *excelize.File) error {
	landscape, one, tall := "landscape", 1, 0
	if err := x.SetPageLayout(SheetName, &excelize.PageLayoutOptions{
		Orientation: &landscape, FitToWidth: &one, FitToHeight: &tall}); err != nil {
		return err
	}
	fit := true
	if err := x.SetSheetProps(SheetName, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return x.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: SheetName,
		RefersTo: "'" + SheetName + "'!$" + itoa(headerRow) + ":$" + itoa(headerRow)})
}

type styles struct{ title, bold, date int }

func newStyles(x *excelize.File) (styles, error) {
	var s styles
	var err error
	if s.title, err = x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}}); err != nil {
		return s, err
	}
	if s.bold, err = x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return s, err
	}
	dateFmt := "yyyy-mm-dd hh:mm:ss"
	s.date, err = x.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	return s, err
}

// sheet is one streamed sheet and its columns.
type sheet struct {
	sw    *excelize.StreamWriter
	cols  []column
	st    styles
	texts []string
	vals  []any
}

// newSheet opens name for streaming with cols' widths and headings at row
// head, frozen below it.
func newSheet(x *excelize.File, name string, cols []column, head int, st styles) (*sheet, error) {
	sw, err := x.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return nil, err
		}
	}
	first := "A" + itoa(head+1)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: head, TopLeftCell: first, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: first, ActiveCell: first, Pane: "bottomLeft"}}}); err != nil {
		return nil, err
	}
	s := &sheet{sw: sw, cols: cols, st: st, vals: make([]any, len(cols))}
	if head > 1 {
		return s, nil // the title block comes first; writeTitle writes the heading
	}
	return s, s.heading(head)
}

func (s *sheet) heading(rowNum int) error {
	head := make([]any, len(s.cols))
	for i, c := range s.cols {
		head[i] = excelize.Cell{StyleID: s.st.bold, Value: c.name}
	}
	return s.sw.SetRow("A"+itoa(rowNum), head)
}

// writeTitle writes the title block above the first sheet's heading row.
func writeTitle(s *sheet, t titleBlock, st styles) error {
	if err := s.sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: "审计日志导出"}}); err != nil {
		return err
	}
	for i, l := range t.lines() {
		if err := s.sw.SetRow("A"+itoa(i+2), []any{excelize.Cell{StyleID: st.bold, Value: l[0]}, l[1]}); err != nil {
			return err
		}
	}
	return s.heading(headerRow)
}

// row writes e as row rowNum: seq a number, time a date cell, text clipped.
func (s *sheet) row(rowNum int, e *Event) error {
	s.texts = cells(s.texts[:0], s.cols, e)
	for i, c := range s.texts {
		s.vals[i] = clip(c)
		if c == "" {
			s.vals[i] = nil // no cell at all: most events leave most columns empty
		}
	}
	s.vals[0] = e.Seq
	// excelize writes a time's wall clock in its own zone: the event's
	// local time, as the people who acted saw it; the CSV shows the same.
	t := EventTime(e)
	s.vals[1] = excelize.Cell{StyleID: s.st.date, Value: t}
	if serial, ok := excelSerial(t); ok {
		s.vals[1] = excelize.Cell{StyleID: s.st.date, Value: serial}
	}
	return s.sw.SetRow("A"+itoa(rowNum), s.vals)
}

// The 1900 date system as excelize v2 counts it (date.go: timeToExcelTime).
var (
	excelEpoch      = time.Date(1899, time.December, 31, 0, 0, 0, 0, time.UTC)
	excelFastFrom   = time.Date(1901, time.January, 1, 0, 0, 0, 0, time.UTC)
	excelFastBefore = time.Date(2180, time.January, 1, 0, 0, 0, 0, time.UTC) // excelize's sum runs in 290-year steps
)

// excelSerial returns the number excelize's StreamWriter stores for a time
// cell showing t's wall clock (days since excelEpoch, plus Excel's 29
// February 1900), so that the row can pass the number instead: given a
// time.Time, excelize formats it and then runs its numeric-string check
// on the result, a sixth of a million-row export. False outside 1901–2179,
// where the time goes to excelize as it is.
func excelSerial(t time.Time) (float64, bool) {
	_, off := t.Zone()
	wall := t.Add(time.Duration(off) * time.Second)
	if wall.Before(excelFastFrom) || !wall.Before(excelFastBefore) {
		return 0, false
	}
	const day = 24 * time.Hour
	diff := wall.Sub(excelEpoch)
	rem := diff % day
	return float64(diff-rem)/float64(day) + float64(rem)/float64(day) + 1, true
}

func itoa(n int) string { return strconv.Itoa(n) }

// fastZip returns a zip writer to w that deflates at flate.BestSpeed, on
// every core: the sheets of a large export are repetitive XML that the
// fastest level still shrinks about tenfold, at a third of the default
// level's time, and excelize deflates them only after the last row.
func fastZip(w io.Writer) *zip.Writer {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return parflate.NewWriter(out), nil
	})
	return zw
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
