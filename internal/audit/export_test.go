package audit

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func exportLog(t testing.TB) *Log {
	l := openTemp(t)
	l.actor = zhang
	e := sample("国办发〔2025〕1号", zhang, time.Date(2025, 3, 9, 10, 30, 15, 0, cst))
	e.File = "=HYPERLINK(\"x\").docx" // must stay text in a spreadsheet
	e.Reason = "含逗号,引号\"和\n换行"
	mustAppend(t, l, e, sample("B", li, time.Date(2025, 3, 10, 8, 0, 0, 0, cst)), Event{Type: TypeReviewApprove, DocID: "B", Actor: li})
	return l
}

func TestExportCSVHasBOMChineseHeaderAndParsesBack(t *testing.T) {
	l := exportLog(t)
	path := filepath.Join(t.TempDir(), "audit.csv")
	res, err := Export(l, path, FormatCSV, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Fatal("CSV does not start with a UTF-8 BOM")
	}
	rows, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if res.Events != 3 || len(rows) != 4 {
		t.Fatalf("%d events reported, %d rows read", res.Events, len(rows))
	}
	if strings.Join(rows[0], ",") != strings.Join(Header, ",") || rows[0][0] != "序号" || rows[0][len(Header)-1] != "详情" {
		t.Fatalf("header = %v", rows[0])
	}
	col := func(name string) string {
		i := slices.Index(rows[0], name)
		if i < 0 {
			t.Fatalf("no column %s in %v", name, rows[0])
		}
		return rows[1][i]
	}
	for name, want := range map[string]string{
		"序号": "1", "时间": "2025-03-09 10:30:15", "时区": "UTC+08:00",
		"事件": "标注", "文件": `'=HYPERLINK("x").docx`, "公开属性": "主动公开",
		"理由": "含逗号,引号\"和\n换行", "详情": "意见=首次标注; 角色=drafter",
		"发现": "high idcard：1101…（正文第3段）", "输入SHA256": "aa",
	} {
		if got := col(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if st, _ := os.Stat(path); runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("export mode = %v, want 0600", st.Mode().Perm())
	}
	// The export is recorded after the fact, with the file's hash.
	ev, err := l.Get(4)
	if err != nil || ev.Type != TypeExport || ev.OutputSHA256 != res.SHA256 || ev.Details["events"] != "3" || ev.Actor != zhang {
		t.Fatalf("export event = %+v, %v", ev, err)
	}
}

func TestExportXLSXHasChineseHeaderFrozenPaneAndDates(t *testing.T) {
	l := exportLog(t)
	_, x := exportedXLSX(t, l, Filter{DocID: "国办发〔2025〕1号"})
	if sheets := x.GetSheetList(); len(sheets) != 2 || sheets[0] != SheetName || sheets[1] != TechSheetName {
		t.Fatalf("sheets = %v", sheets)
	}
	rows, err := x.GetRows(SheetName)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != headerRow+1 || rows[headerRow-1][0] != "序号" || rows[headerRow-1][1] != "时间" || len(rows[headerRow-1]) != len(peopleColumns) {
		t.Fatalf("rows = %v", rows)
	}
	panes, err := x.GetPanes(SheetName)
	if err != nil || !panes.Freeze || panes.YSplit != headerRow || panes.TopLeftCell != "A9" {
		t.Fatalf("panes = %+v, %v", panes, err)
	}
	if typ, _ := x.GetCellType(SheetName, "B9"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Fatalf("time cell type = %v, want a number", typ)
	}
	raw, _ := x.GetCellValue(SheetName, "B9", excelize.Options{RawCellValue: true})
	shown, _ := x.GetCellValue(SheetName, "B9")
	if !strings.HasPrefix(raw, "45725.43") || shown != "2025-03-09 10:30:15" {
		t.Fatalf("time cell raw %q shown %q, want Excel serial 45725.43… shown as local time", raw, shown)
	}
	if w, _ := x.GetColWidth(SheetName, "E"); w != 30 {
		t.Fatalf("file name column width = %v", w)
	}
	if v, _ := x.GetCellValue(SheetName, "E9"); v != `=HYPERLINK("x").docx` {
		t.Fatalf("file name cell = %q (XLSX writes text cells, no apostrophe needed)", v)
	}
	if f, _ := x.GetCellFormula(SheetName, "E9"); f != "" {
		t.Fatalf("file name became a formula: %q", f)
	}
	tech, err := x.GetRows(TechSheetName)
	if err != nil || len(tech) != 2 || !slices.Contains(tech[0], "哈希") || slices.Contains(rows[headerRow-1], "哈希") {
		t.Fatalf("技术信息 rows = %v, %v (hashes belong there, not on the first sheet)", tech, err)
	}
}

func TestExportJSONLVerifiesAndDetectsAnEditedLine(t *testing.T) {
	l := exportLog(t)
	dir := t.TempDir()
	full, filtered := filepath.Join(dir, "all.jsonl"), filepath.Join(dir, "b.jsonl")
	if _, err := Export(l, full, FormatJSONL, Filter{}); err != nil {
		t.Fatal(err)
	}
	if _, err := Export(l, filtered, FormatJSONL, Filter{Actor: "李四"}); err != nil {
		t.Fatal(err)
	}
	rep, err := VerifyExport(full)
	if err != nil || !rep.OK || rep.Events != 3 || !rep.FromGenesis || rep.Gaps != 0 || rep.LastSeq != 3 {
		t.Fatalf("full export: %+v %v", rep, err)
	}
	rep, err = VerifyExport(filtered)
	if err != nil || !rep.OK || rep.Events != 2 || rep.FirstSeq != 2 || rep.LastSeq != 3 || rep.FromGenesis {
		t.Fatalf("segment export: %+v %v", rep, err)
	}
	if !strings.Contains(rep.Segment(), "2–3") {
		t.Fatalf("segment description %q", rep.Segment())
	}
	b, _ := os.ReadFile(full)
	lines := strings.SplitAfter(string(b), "\n")
	edits := map[string]string{
		"changed attribute": strings.Replace(string(b), `"attribute":"public"`, `"attribute":"withheld"`, 1),
		"swapped lines":     lines[1] + lines[0] + lines[2],
		"blank line":        lines[0] + "\n" + lines[1],
		"truncated line":    lines[0][:40] + "\n",
	}
	for name, s := range edits {
		rep, err := VerifyExportReader(strings.NewReader(s))
		if err != nil || rep.OK || rep.Line == 0 || !strings.Contains(rep.Problem, " / ") {
			t.Errorf("%s: %+v %v", name, rep, err)
		}
	}
	// A dropped line looks like a filtered export: it verifies, but as a
	// segment with a gap, never as complete.
	if rep, _ := VerifyExportReader(strings.NewReader(lines[0] + lines[2])); !rep.OK || rep.Gaps != 1 || !strings.Contains(rep.Segment(), "1 gaps") {
		t.Errorf("dropped line: %+v", rep)
	}
	if rep, _ := VerifyExportReader(strings.NewReader(lines[1])); !rep.OK || rep.FromGenesis {
		t.Errorf("a segment starting at 2 should verify as a segment: %+v", rep)
	}
}

func TestCheckpointAgainstExport(t *testing.T) {
	l := exportLog(t)
	dir := t.TempDir()
	cp, jl := filepath.Join(dir, "cp.json"), filepath.Join(dir, "all.jsonl")
	if _, err := WriteCheckpoint(l, testKey(t), cp); err != nil {
		t.Fatal(err)
	}
	if _, err := Export(l, jl, FormatJSONL, Filter{}); err != nil {
		t.Fatal(err)
	}
	if rep, err := VerifyCheckpointExport(jl, cp); err != nil || !rep.OK {
		t.Fatalf("matching export: %+v %v", rep, err)
	}
	short := filepath.Join(dir, "short.jsonl")
	if _, err := Export(l, short, FormatJSONL, Filter{Limit: 2}); err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyCheckpointExport(short, cp); !errors.Is(err, ErrNotFound) {
		t.Fatalf("export without the checkpoint's event: %v", err)
	}
	gappy := filepath.Join(dir, "gappy.jsonl")
	b, _ := os.ReadFile(jl)
	lines := strings.SplitAfter(string(b), "\n")
	os.WriteFile(gappy, []byte(lines[0]+lines[2]), 0o600)
	if _, err := VerifyCheckpointExport(gappy, cp); !errors.Is(err, ErrInvalid) {
		t.Fatalf("export with a gap before the checkpoint: %v", err)
	}
}

func TestExportRejectsUnknownFormatAndLeavesNoFile(t *testing.T) {
	l := exportLog(t)
	path := filepath.Join(t.TempDir(), "x.pdf")
	if _, err := Export(l, path, "pdf", Filter{}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a file was left behind")
	}
	if h, _ := l.Head(); h.Seq != 3 {
		t.Fatalf("a failed export was recorded: head %d", h.Seq)
	}
}

// FuzzVerifyExport: any input gives a report, never a panic, and a report
// that says OK means every line re-encodes to itself.
func FuzzVerifyExport(f *testing.F) {
	e := goldenEvent
	rec, _ := seal(nil, &e)
	f.Add(append(rec, '\n'))
	f.Add([]byte("{}\n\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := VerifyExportReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if rep.OK && rep.Events != bytes.Count(bytes.TrimRight(data, "\n"), []byte("\n"))+1 && len(bytes.TrimSpace(data)) > 0 {
			t.Fatalf("OK report with %d events for %d lines", rep.Events, bytes.Count(data, []byte("\n")))
		}
	})
}

// benchLog builds a log of n events once per benchmark binary and size.
var benchLogs = map[int]*Log{}

func benchLog(b *testing.B, n int) *Log {
	if l, ok := benchLogs[n]; ok {
		return l
	}
	dir, err := os.MkdirTemp("", "docattr-bench")
	if err != nil {
		b.Fatal(err)
	}
	l, err := Open(filepath.Join(dir, "audit.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	batch := make([]Event, 0, 2000)
	for i := 0; i < n; i++ {
		batch = append(batch, sample(fmt.Sprintf("doc-%d", i%1000), zhang, time.Time{}))
		if len(batch) == cap(batch) || i == n-1 {
			if _, err := l.Append(batch...); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	benchLogs[n] = l
	return l
}

func benchExport(b *testing.B, write func(*Log, io.Writer, Filter) (int, error)) {
	l := benchLog(b, 100_000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if n, err := write(l, io.Discard, Filter{}); err != nil || n != 100_000 {
			b.Fatal(n, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100_000, "ns/event")
}

func BenchmarkExportJSONL(b *testing.B) { benchExport(b, WriteJSONL) }
func BenchmarkExportCSV(b *testing.B)   { benchExport(b, WriteCSV) }
func BenchmarkExportXLSX(b *testing.B)  { benchExport(b, WriteXLSX) }

// peakHeap samples HeapInuse while an export runs.
type peakHeap struct {
	w     io.Writer
	n     int
	peak  uint64
	stats runtime.MemStats
}

func (p *peakHeap) Write(b []byte) (int, error) {
	if p.n++; p.n%64 == 0 {
		runtime.ReadMemStats(&p.stats)
		p.peak = max(p.peak, p.stats.HeapInuse)
	}
	return p.w.Write(b)
}

// BenchmarkExportMemoryFlat exports 200k events and reports the peak heap
// in use while doing so; it fails above heapTargetMB, whatever the number
// of events, which is what "memory stays flat" means for a million.
func BenchmarkExportMemoryFlat(b *testing.B) {
	const heapTargetMB = 64
	l := benchLog(b, 200_000)
	for _, format := range []struct {
		name  string
		write func(*Log, io.Writer, Filter) (int, error)
	}{{"jsonl", WriteJSONL}, {"csv", WriteCSV}, {"xlsx", WriteXLSX}} {
		b.Run(format.name, func(b *testing.B) {
			for b.Loop() {
				runtime.GC()
				p := &peakHeap{w: io.Discard}
				if _, err := format.write(l, p, Filter{}); err != nil {
					b.Fatal(err)
				}
				mb := float64(p.peak) / (1 << 20)
				b.ReportMetric(mb, "peak-heap-MB")
				if mb > heapTargetMB {
					b.Errorf("peak heap %.1f MB exporting 200k events, target %d MB", mb, heapTargetMB)
				}
			}
		})
	}
}

// TestExportXLSXIsFitForPeople: re-read with excelize, the first sheet has
// the title block, Chinese values and a landscape fit-to-width print setup
// repeating the heading row; the CSV shows the same times to the second.
func TestExportXLSXIsFitForPeople(t *testing.T) {
	l := openTemp(t)
	l.actor = zhang
	e := sample("D1", zhang, time.Date(2026, 12, 3, 9, 15, 42, 700_000_000, cst)) // .7 s once rounded up in XLSX
	e.Findings = []FindingRef{{Kind: "id_card", Severity: "block", Excerpt: "1101**********0043", Location: "正文第2段"}}
	e.Attribute, e.Secrecy = "on-request", "秘密★5年"
	e.Details["title"] = "关于做好2026年冬季供暖工作的通知"
	mustAppend(t, l, e)
	dir := t.TempDir()
	f := Filter{From: time.Date(2026, 12, 1, 0, 0, 0, 0, cst), To: time.Date(2026, 12, 31, 0, 0, 0, 0, cst), Attribute: "on-request"}
	if _, err := ExportWith(l, filepath.Join(dir, "a.xlsx"), FormatXLSX, f, ExportOptions{Unit: "某某市人民政府办公室"}); err != nil {
		t.Fatal(err)
	}
	if _, err := Export(l, filepath.Join(dir, "a.csv"), FormatCSV, f); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(filepath.Join(dir, "a.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ := x.GetRows(SheetName)
	title := map[string]string{}
	for _, r := range rows[1:6] {
		if len(r) == 2 {
			title[r[0]] = r[1]
		}
	}
	for k, want := range map[string]string{"单位": "某某市人民政府办公室", "期间": "2026年12月1日至2026年12月31日",
		"筛选条件": "公开属性：依申请公开", "导出人": zhang.Name} {
		if title[k] != want {
			t.Errorf("title %s = %q, want %q (rows %v)", k, title[k], want, rows[:6])
		}
	}
	if _, err := time.Parse(TimeLayout, title["导出时间"]); err != nil {
		t.Errorf("导出时间 %q: %v", title["导出时间"], err)
	}
	data := strings.Join(rows[headerRow], "|")
	for _, want := range []string{"依申请公开", "标注", "须处理 身份证号：1101**********0043（正文第2段）", "秘密★5年", "D1.docx", "关于做好2026年冬季供暖工作的通知"} {
		if !strings.Contains(data, want) {
			t.Errorf("first sheet row %q lacks %q", data, want)
		}
	}
	for _, code := range []string{"on-request", "id_card", "block", "mark"} {
		if strings.Contains(data, code) {
			t.Errorf("first sheet row %q shows the internal code %q", data, code)
		}
	}
	pl, err := x.GetPageLayout(SheetName)
	if err != nil || pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 ||
		pl.FitToHeight == nil || *pl.FitToHeight != 0 {
		t.Errorf("page layout = %+v, %v", pl, err)
	}
	if p, _ := x.GetSheetProps(SheetName); p.FitToPage == nil || !*p.FitToPage {
		t.Errorf("sheet props FitToPage = %v", p.FitToPage)
	}
	titles := ""
	for _, d := range x.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" && d.Scope == SheetName {
			titles = d.RefersTo
		}
	}
	if titles != "'审计日志'!$8:$8" {
		t.Errorf("print titles = %q", titles)
	}
	shown, _ := x.GetCellValue(SheetName, "B9")
	b, _ := os.ReadFile(filepath.Join(dir, "a.csv"))
	csvRows, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil || len(csvRows) != 2 {
		t.Fatalf("csv rows %v, %v", csvRows, err)
	}
	if shown != "2026-12-03 09:15:42" || csvRows[1][1] != shown {
		t.Errorf("XLSX time %q, CSV time %q: want both 2026-12-03 09:15:42", shown, csvRows[1][1])
	}
	if got := strings.Join(csvRows[1][:len(peopleColumns)], "|"); got != data {
		t.Errorf("CSV people columns %q differ from XLSX %q", got, data)
	}
}

// The 技术信息 sheet is written beside the first one, in batches: both
// sheets still hold every event in order, row for row, including times
// excelize is given as times (outside 1901–2179) rather than as numbers.
func TestExportXLSXSheetsAgreeRowByRow(t *testing.T) {
	l := openTemp(t)
	l.actor = zhang
	const n = 2*besideBatch + 77
	evs := make([]Event, n)
	for i := range evs {
		at := time.Date(2025, 1, 1, 0, 0, 0, 0, cst).Add(time.Duration(i) * time.Minute)
		switch i {
		case 5:
			at = time.Date(1899, 6, 1, 12, 0, 0, 0, time.UTC)
		case besideBatch + 3:
			at = time.Date(2190, 1, 1, 12, 0, 0, 0, time.UTC)
		}
		evs[i] = sample(fmt.Sprintf("D%d", i), zhang, at)
	}
	mustAppend(t, l, evs...)
	_, x := exportedXLSX(t, l, Filter{})
	for i := 1; i <= n; i++ {
		pRow, tRow := strconv.Itoa(headerRow+i), strconv.Itoa(1+i)
		pSeq, _ := x.GetCellValue(SheetName, "A"+pRow)
		tSeq, _ := x.GetCellValue(TechSheetName, "A"+tRow)
		pTime, _ := x.GetCellValue(SheetName, "B"+pRow, excelize.Options{RawCellValue: true})
		tTime, _ := x.GetCellValue(TechSheetName, "B"+tRow, excelize.Options{RawCellValue: true})
		if pSeq != strconv.Itoa(i) || tSeq != pSeq || pTime == "" || tTime != pTime {
			t.Fatalf("row of event %d: 审计日志 seq %q time %q, 技术信息 seq %q time %q", i, pSeq, pTime, tSeq, tTime)
		}
	}
	if last, _ := x.GetCellValue(TechSheetName, "A"+strconv.Itoa(n+2)); last != "" {
		t.Fatalf("技术信息 has a row after the last event: %q", last)
	}
}

// exportedXLSX exports l's events that f selects as a workbook and opens
// it; it is closed when the test ends.
func exportedXLSX(t *testing.T, l *Log, f Filter) (string, *excelize.File) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.xlsx")
	if _, err := Export(l, path, FormatXLSX, f); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return path, x
}
