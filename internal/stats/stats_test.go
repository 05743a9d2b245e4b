package stats

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/settings"
)

var (
	beijing  = time.FixedZone("CST", 8*3600)
	newYork  = time.FixedZone("EST", -5*3600)
	drafterZ = settings.Actor{Name: "张三"}
	drafterL = settings.Actor{Name: "李四"}
	drafterW = settings.Actor{Name: "王五"}
)

func at(y int, m time.Month, d, h, min int, loc *time.Location) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, loc)
}

func mark(doc, attribute, basis string, who settings.Actor, t time.Time) audit.Event {
	return audit.Event{Type: audit.TypeMark, DocID: doc, Attribute: attribute, Basis: basis, Actor: who, Time: t}
}

// yearLog is a log of 2026 with the hand counts written beside it. The
// events are appended out of time order on purpose (a clock set back).
func yearLog(t *testing.T) *audit.Log {
	t.Helper()
	l, err := audit.Open(filepath.Join(t.TempDir(), "audit.db"), audit.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	evs := []audit.Event{
		// A: public in March, re-marked withheld (第十五条) in May by 李四 → withheld, May, 李四.
		mark("A", "public", "", drafterZ, at(2026, 3, 5, 9, 0, beijing)),
		mark("A", "withheld", "条例第十五条", drafterL, at(2026, 5, 10, 9, 0, beijing)),
		// B: public in January; a later-appended event with an earlier time does not win.
		mark("B", "public", "", drafterZ, at(2026, 1, 15, 9, 0, beijing)),
		mark("B", "withheld", "条例第十四条", drafterL, at(2026, 1, 10, 9, 0, beijing)),
		// C: on request, January.
		mark("C", "on-request", "条例第二十七条", drafterZ, at(2026, 1, 20, 9, 0, beijing)),
		// D: 23:30 on 31 December in Beijing is still 2026 (15:30 UTC).
		mark("D", "withheld", "条例第十六条第二款", drafterZ, at(2026, 12, 31, 23, 30, beijing)),
		// E: 00:30 on 1 January 2027 in Beijing is 2026 in UTC but counts for 2027.
		mark("E", "withheld", "条例第十四条", drafterZ, at(2027, 1, 1, 0, 30, beijing)),
		// F: marked in 2025 (local), re-marked on request in February 2026 by 王五.
		mark("F", "public", "", drafterZ, at(2025, 12, 31, 23, 0, beijing)),
		mark("F", "on-request", "条例第十六条第一款", drafterW, at(2026, 2, 1, 10, 0, beijing)),
		// G: withheld on a ground the catalogue does not know.
		mark("G", "withheld", "某市保密规定", drafterL, at(2026, 7, 7, 9, 0, beijing)),
		// H: withheld, 行政执法案卷, in New York time (still July).
		mark("H", "withheld", "条例第十六条第二款（行政执法案卷）", drafterW, at(2026, 7, 8, 21, 0, newYork)),
		// Not marks: a clean, an export, and a lifecycle change of B.
		{Type: audit.TypeClean, DocID: "B", Actor: drafterZ, Time: at(2026, 1, 16, 9, 0, beijing)},
		{Type: audit.TypeExport, Actor: drafterZ, Time: at(2026, 6, 1, 9, 0, beijing)},
		{Type: audit.TypeLifecycle, DocID: "B", Actor: drafterZ, Time: at(2026, 9, 1, 9, 0, beijing),
			Details: map[string]string{"state": "repealed", "date": "2026-09-01"}},
	}
	evs = append(evs, signLatest(evs)...)
	for _, e := range evs { // one Append per event: times are the caller's
		if _, err := l.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

// signLatest returns a signature of each document's latest mark (by time)
// one minute after it, with the same decision.
func signLatest(evs []audit.Event) []audit.Event {
	latest := map[string]audit.Event{}
	var order []string
	for _, e := range evs {
		if e.Type != audit.TypeMark {
			continue
		}
		old, ok := latest[e.DocID]
		if !ok {
			order = append(order, e.DocID)
		}
		if !ok || e.Time.After(old.Time) {
			latest[e.DocID] = e
		}
	}
	var out []audit.Event
	for _, id := range order {
		m := latest[id]
		out = append(out, sign(id, m.Attribute, m.Basis, m.Time.Add(time.Minute)))
	}
	return out
}

func sign(doc, attribute, basis string, t time.Time) audit.Event {
	return audit.Event{Type: audit.TypeReviewSign, DocID: doc, Attribute: attribute, Basis: basis,
		Actor: settings.Actor{Name: "签发人"}, Time: t}
}

func values(t Table) map[string][]int {
	m := map[string][]int{}
	for _, r := range t.Rows {
		m[r.Label] = r.Values
	}
	return m
}

func TestReportMatchesHandCounts(t *testing.T) {
	l := yearLog(t)
	b := NewBuilder(2026)
	if err := b.AddLog(l, LocalSource); err != nil {
		t.Fatal(err)
	}
	r := b.Report()
	if r.Documents != 7 {
		t.Errorf("documents = %d, want 7 (A B C D F G H)", r.Documents)
	}
	checks := []struct {
		name  string
		table Table
		want  map[string][]int
	}{
		{"by attribute", r.ByAttribute, map[string][]int{"主动公开": {1}, "依申请公开": {2}, "不予公开": {4}}},
		{"by ground", r.ByGround, map[string][]int{
			"第十四条：依法确定为国家秘密": {0, 0, 0, 0}, "第十四条：法律、行政法规禁止公开": {0, 0, 0, 0},
			"第十四条：危及“三安全一稳定”": {0, 0, 0, 0}, "第十五条：保护第三方合法权益": {0, 0, 1, 1},
			"第十六条：内部事务信息": {0, 1, 0, 1}, "第十六条：过程性信息": {0, 0, 1, 1},
			"第十六条：行政执法案卷信息": {0, 0, 1, 1}, "第二十七条：依申请公开": {0, 1, 0, 1},
			"第三十七条：区分处理后公开": {0, 0, 0, 0}, NoGround: {0, 0, 1, 1}}},
		{"by month", r.ByMonth, map[string][]int{
			"1月": {1, 1, 0, 2}, "2月": {0, 1, 0, 1}, "3月": {0, 0, 0, 0}, "4月": {0, 0, 0, 0},
			"5月": {0, 0, 1, 1}, "6月": {0, 0, 0, 0}, "7月": {0, 0, 2, 2}, "8月": {0, 0, 0, 0},
			"9月": {0, 0, 0, 0}, "10月": {0, 0, 0, 0}, "11月": {0, 0, 0, 0}, "12月": {0, 0, 1, 1}}},
		{"by drafter", r.ByDrafter, map[string][]int{"张三": {1, 1, 1, 3}, "李四": {0, 0, 2, 2}, "王五": {0, 1, 1, 2}}},
		{"by source", r.BySource, map[string][]int{LocalSource: {1, 2, 4, 7}}},
		{"lifecycle", r.Lifecycle, map[string][]int{"已修改": {0}, "已废止": {1}, "已失效": {0}}},
	}
	for _, c := range checks {
		got := values(c.table)
		if len(got) != len(c.want) {
			t.Errorf("%s: rows %v, want %v", c.name, got, c.want)
		}
		for label, want := range c.want {
			if !slices.Equal(got[label], want) {
				t.Errorf("%s: %s = %v, want %v", c.name, label, got[label], want)
			}
		}
	}
	if got := r.ByAttribute.Totals(); !slices.Equal(got, []int{7}) {
		t.Errorf("attribute total %v, want [7]", got)
	}
	if got := r.ByGround.Totals(); !slices.Equal(got, []int{0, 2, 4, 6}) {
		t.Errorf("ground total %v, want [0 2 4 6] (every non-public document once)", got)
	}
	if r.ByDrafter.Rows[0].Label != "张三" {
		t.Errorf("drafters not sorted by count: %v", r.ByDrafter.Rows)
	}
	var months []string
	for _, row := range r.ByMonth.Rows {
		months = append(months, row.Label)
	}
	if len(months) != 12 || months[0] != "1月" || months[11] != "12月" {
		t.Errorf("months %v, want 1月…12月 in order", months)
	}
}

func TestDocumentsCountOnceAcrossSources(t *testing.T) {
	b := NewBuilder(2026)
	b.Add("甲局", sign("X", "public", "", at(2026, 4, 1, 9, 0, beijing)))
	b.Add("乙局", sign("X", "withheld", "条例第十四条", at(2026, 4, 2, 9, 0, beijing)))
	b.Add("乙局", sign("Y", "public", "", at(2026, 4, 3, 9, 0, beijing)))
	// Same instant at two sources: the larger source name wins, whatever the order.
	b.Add("丙局", sign("Z", "public", "", at(2026, 4, 4, 9, 0, beijing)))
	b.Add("甲局", sign("Z", "on-request", "条例第二十七条", at(2026, 4, 4, 9, 0, beijing)))
	r := b.Report()
	if r.Documents != 3 {
		t.Fatalf("documents = %d, want 3", r.Documents)
	}
	src := values(r.BySource)
	if !slices.Equal(src["乙局"], []int{1, 0, 1, 2}) {
		t.Errorf("乙局 = %v, want X withheld and Y public", src["乙局"])
	}
	wantZ := "甲局" // "甲" (U+7532) sorts after "丙" (U+4E19)
	if !slices.Equal(src[wantZ], []int{0, 1, 0, 1}) {
		t.Errorf("%s = %v, want Z on request; sources %v", wantZ, src[wantZ], src)
	}
	if !slices.Equal(r.Sources, []string{"乙局", "甲局"}) { // 丙局 decided nothing that counts
		t.Errorf("sources %v", r.Sources)
	}
}

func TestEmptyYearStillHasEveryRow(t *testing.T) {
	r := NewBuilder(2030).Report()
	if len(r.ByGround.Rows) != len(GroundRows()) || len(r.ByMonth.Rows) != 12 || r.Documents != 0 {
		t.Errorf("empty report: %d ground rows, %d months, %d documents", len(r.ByGround.Rows), len(r.ByMonth.Rows), r.Documents)
	}
	var buf bytes.Buffer
	if err := WriteText(&buf, r); err != nil || !strings.Contains(buf.String(), "依法确定为国家秘密") {
		t.Errorf("text: %v\n%s", err, buf.String())
	}
}

func report(t *testing.T) Report {
	b := NewBuilder(2026)
	if err := b.AddLog(yearLog(t), LocalSource); err != nil {
		t.Fatal(err)
	}
	return b.Report()
}

func TestTextIsAlignedByDisplayWidth(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteText(&buf, report(t)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"2026 年度公文公开属性统计", "保护第三方合法权益", "12月", "合计", Rule} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	// Every line of one table has the same display width.
	block := out[strings.Index(out, "六、按拟稿人"):]
	block = block[:strings.Index(block, "\n\n")]
	lines := strings.Split(block, "\n")[1:]
	for _, l := range lines[1:] {
		if displayWidth(l) != displayWidth(lines[0]) {
			t.Errorf("misaligned:\n%s", block)
			break
		}
	}
}

func TestCSVHasBOMAndParsesBack(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, report(t)); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("\uFEFF")) || !bytes.Contains(b, []byte("\r\n")) {
		t.Fatal("CSV lacks BOM or CRLF")
	}
	cr := csv.NewReader(bytes.NewReader(b[3:]))
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range recs {
		if len(r) == 5 && r[0] == "第十五条：保护第三方合法权益" && r[3] == "1" && r[4] == "1" {
			found = true
		}
	}
	if !found {
		t.Errorf("ground row not found in %v", recs)
	}
}

func TestDefuseKeepsFormulasText(t *testing.T) {
	for in, want := range map[string]string{"=SUM(A1)": "'=SUM(A1)", "@x": "'@x", "张三": "张三", "": ""} {
		if got := defuse(in); got != want {
			t.Errorf("defuse(%q) = %q, want %q", in, got, want)
		}
	}
}

// A drafter's name or a log's source that looks like an OOXML escape reads
// back as typed (excelize stores it unescaped; see package xstring).
func TestXLSXKeepsTextThatLooksLikeAnEscape(t *testing.T) {
	r := report(t)
	r.Sources = []string{"_x5BC6_处.db"}
	r.ByDrafter.Rows = append(r.ByDrafter.Rows, Row{Label: "_x0041_", Values: make([]int, len(r.ByDrafter.Header)-1)})
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if v, _ := x.GetCellValue(SummarySheet, "B6"); v != "_x5BC6_处.db" {
		t.Errorf("日志来源 reads %q", v)
	}
	rows, _ := x.GetRows("按拟稿人")
	if !slices.ContainsFunc(rows, func(row []string) bool { return len(row) > 0 && row[0] == "_x0041_" }) {
		t.Errorf("no row labelled _x0041_ in %q", rows)
	}
}

func TestXLSXHasSheetsAndMonthChart(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "stats.xlsx")
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, report(t)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	want := []string{SummarySheet, "按公开属性", "按依据", "按文件类型", "按月份", "按单位", "按拟稿人", "未签发", "规范性文件", "状态变更"}
	if got := x.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	if v, _ := x.GetCellValue("按月份", "E2"); v != "2" {
		t.Errorf("January total E2 = %q, want 2", v)
	}
	if v, _ := x.GetCellValue("按月份", "A13"); v != "12月" {
		t.Errorf("A13 = %q, want 12月", v)
	}
	if !hasChart(t, path) {
		t.Fatal("no chart part in the workbook")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil || testing.Short() {
		return
	}
	// LibreOffice opens it and writes it back with the chart intact.
	out := filepath.Join(dir, "lo")
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, path)
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	if bytes.Contains(b, []byte("could not be loaded")) {
		t.Skip("LibreOffice Calc not installed (apt-get install libreoffice-calc-nogui)")
	}
	back := filepath.Join(out, "stats.xlsx")
	if !hasChart(t, back) {
		t.Error("the chart did not survive LibreOffice")
	}
	y, err := excelize.OpenFile(back)
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	if v, _ := y.GetCellValue("按依据", "D5"); v != "1" {
		t.Errorf("after LibreOffice, 保护第三方合法权益 = %q, want 1", v)
	}
}

func hasChart(t *testing.T, path string) bool {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, "xl/charts/chart") && strings.HasSuffix(f.Name, ".xml") {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			rc.Close()
			return bytes.Contains(b.Bytes(), []byte("barChart"))
		}
	}
	return false
}

// A mark whose output could not be moved into place (a publish.failed
// event names it) does not count; the document counts by its mark before.
func TestUnpublishedMarkDoesNotCount(t *testing.T) {
	first := mark("d1", "public", "", drafterZ, at(2026, 3, 1, 10, 0, beijing))
	first.Hash = "h1"
	second := mark("d1", "withheld", "条例第十四条", drafterZ, at(2026, 5, 1, 10, 0, beijing))
	second.Hash = "h2"
	failed := audit.Event{Type: audit.TypePublishFailed, DocID: "d1", Time: at(2026, 5, 1, 10, 0, beijing),
		Details: map[string]string{"failed_hash": "h2", "failed_seq": "2"}}
	for _, order := range [][]audit.Event{{first, second, failed}, {failed, second, first}} {
		b := NewBuilder(2026)
		for _, e := range order {
			b.Add(LocalSource, e)
		}
		r := b.Report()
		if r.Unsigned != 1 || r.NotSigned.Rows[0].Values[0] != 1 {
			t.Errorf("got %d unsigned documents, %v; want the one public mark", r.Unsigned, r.NotSigned.Rows)
		}
	}
}
