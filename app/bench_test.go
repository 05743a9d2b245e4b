package app

// Benchmarks of issue 6's speed targets (docs/benchmarks.md, "The app"):
//
//	go test -run '^$' -bench . -benchtime 3x ./app
//
// Each drives the real screens on Fyne's test driver; the custom metrics
// (ms) are the numbers that matter, ns/op is one whole session.

import (
	"fmt"
	"image"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/scan"
	"github.com/docattr/docattr/internal/settings"
)

// newBenchUI builds the window like Run does, on a test app whose fyne.Do
// is a real UI-thread queue (uiLoop), with background work off the UI
// thread as in the app (ui.sync is false).
func newBenchUI(b *testing.B, size fyne.Size, dbPath string) (*ui, *uiLoop, fyne.Window) {
	home := b.TempDir()
	b.Setenv("DOCATTR_HOME", home)
	b.Setenv("DOCATTR_DB", "")
	a := test.NewTempApp(b)
	a.Settings().SetTheme(newTheme())
	loop := installLoop(b, a)
	w := test.NewWindow(nil)
	b.Cleanup(w.Close)
	set := settings.Default()
	set.Name = "测试员"
	if dbPath == "" {
		dbPath = filepath.Join(home, "audit.db")
	}
	u := &ui{app: loop, win: w, set: set, dbPath: dbPath}
	buildUI(u)
	w.Resize(size)
	return u, loop, w
}

// texts returns the visible texts drawn for o, through the widgets'
// renderers: each label's text, and each line of text (canvas.Text) not in
// a label.
func texts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *canvas.Text:
			out = append(out, v.Text)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// BenchmarkOpenCheck300Pages opens a 300-page draft (15 MB picture, some
// ID and mobile numbers) through ui.open, the door every way of opening
// takes, and waits for the real completion: the background read and check,
// then the UI-thread part that fills the findings list, the description,
// the suggestion, the form and the preview of every paragraph. Target:
// findings shown within 300 ms.
func BenchmarkOpenCheck300Pages(b *testing.B) {
	u, loop, _ := newBenchUI(b, fyne.NewSize(1200, 780), "")
	path, contacts := writePIIDraft(b, b.TempDir())
	var open timings
	for b.Loop() {
		prev := u.mark.cur
		start := time.Now()
		u.open(path)
		loop.until(b, time.Minute, func() bool { return u.mark.cur != prev })
		open = append(open, time.Since(start))

		b.StopTimer()
		cur := u.mark.cur
		if cur.path != path {
			b.Fatalf("shown draft %q", cur.path)
		}
		if ids := cur.report.Count(scan.KindIDCard); ids != contacts || cur.report.Count(scan.KindMobile) != contacts {
			b.Fatalf("%d ID and %d mobile findings, want %d each", ids, cur.report.Count(scan.KindMobile), contacts)
		}
		if u.mark.findings.Length() != len(cur.report.Findings) {
			b.Fatalf("findings list has %d rows for %d findings", u.mark.findings.Length(), len(cur.report.Findings))
		}
		want, shown := findingText(cur.report.Findings[0]), false
		for _, t := range texts(u.mark.findings) {
			shown = shown || t == want
		}
		if !shown {
			b.Fatalf("the first finding %q is not drawn in the list", want)
		}
		b.StartTimer()
	}
	b.ReportMetric(ms(open.mean()), "ms/open")
	b.ReportMetric(ms(open.worst()), "worst-ms/open")
	b.ReportMetric(float64(len(u.mark.cur.report.Findings)), "findings")
	b.ReportMetric(float64(len(u.mark.cur.paras)), "paragraphs")
}

// BenchmarkLogScrollMillion opens the 日志 screen on a log of a million
// events and scrolls it the way a person does: page by page at the top, in
// the middle and at the end, and by random jumps over the whole range. The
// table is in a maximised window (1920×1080) and asks for its cells itself
// (widget.Table calling the screen's UpdateCell); a step ends when every
// visible row shows its event, including the background page reads and
// the redraw they trigger. Steps served from the page cache are "warm",
// steps that had to read a page are "cold". Targets: warm ≤ 16 ms, cold ≤
// 50 ms, worst case; the first page of the screen quickly.
func BenchmarkLogScrollMillion(b *testing.B) {
	db := millionLog(b)
	b.Logf("million-event log: built in %v (once per test binary)", millionTook.Round(time.Millisecond))
	u, loop, _ := newBenchUI(b, fyne.NewSize(1920, 1080), db)
	l := u.log
	const (
		head      = millionEvents
		seqSteps  = 40 // pages down from each of three places
		jumpSteps = 60 // random jumps
	)

	// Which rows did the table ask for since the last reset? Selecting the
	// tab redraws the rows of the last session before it reloads (a new
	// l.gen): those do not count.
	minRow, maxRow := -1, -1
	gen := l.gen
	orig := l.table.UpdateCell
	l.table.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		orig(id, o)
		if l.gen != gen {
			gen, minRow, maxRow = l.gen, -1, -1
		}
		if minRow < 0 || id.Row < minRow {
			minRow = id.Row
		}
		maxRow = max(maxRow, id.Row)
	}
	cached := func() bool {
		for p := minRow / pageSize; p <= maxRow/pageSize; p++ {
			if _, ok := l.pages[p]; !ok {
				return false
			}
		}
		return true
	}
	// check verifies, outside the timings, that the visible rows show the
	// right events and no cell shows … any more.
	check := func() {
		if minRow < 0 {
			b.Fatal("the table asked for no cell")
		}
		for r := minRow; r <= maxRow; r++ {
			if e := l.eventAt(r); e == nil || e.Seq != uint64(head-r) {
				b.Fatalf("row %d shows %+v, want event %d", r, e, head-r)
			}
		}
		for _, t := range texts(l.table) {
			if t == "…" {
				b.Fatalf("a cell still shows … (rows %d–%d)", minRow, maxRow)
			}
		}
	}

	var open, warm, cold, jumps timings
	rows := 0
	rng := rand.New(rand.NewPCG(6, 6))
	// step scrolls to row and waits until every visible row is drawn.
	step := func(row int, isJump bool) {
		minRow, maxRow = -1, -1
		start := time.Now()
		l.table.ScrollTo(widget.TableCellID{Row: row, Col: 0})
		hit := cached()
		loop.until(b, time.Minute, cached)
		loop.drain() // a page read that completes now redraws
		took := time.Since(start)
		b.StopTimer()
		check()
		rows = max(rows, maxRow-minRow+1)
		b.StartTimer()
		switch {
		case hit:
			warm = append(warm, took)
		default:
			cold = append(cold, took)
		}
		if isJump {
			jumps = append(jumps, took)
		}
	}

	for b.Loop() {
		u.tabs.SelectIndex(0)
		loop.drain()
		l.status.SetText("")
		minRow, maxRow = -1, -1
		start := time.Now()
		u.tabs.SelectIndex(2) // the tab reloads on selection: count, first page
		loop.until(b, time.Minute, func() bool { return strings.HasPrefix(l.status.Text, "共 ") })
		loop.until(b, time.Minute, cached)
		open = append(open, time.Since(start))
		if l.total != head {
			b.Fatalf("the table shows %d rows, want %d", l.total, head)
		}
		b.StopTimer()
		check()
		b.StartTimer()
		page := maxRow - minRow // rows that move per page down
		// Page down from the top, the middle and near the end.
		for _, from := range []int{0, head / 2, head - seqSteps*page} {
			step(from, true)
			for i := 0; i < seqSteps; i++ {
				step(min(head-1, maxRow+page), false)
			}
		}
		// Random jumps over the whole range, the ends included.
		step(head-1, true)
		step(0, true)
		for i := 0; i < jumpSteps; i++ {
			step(rng.IntN(head), true)
		}
	}
	b.ReportMetric(ms(open.mean()), "ms/open-screen")
	b.ReportMetric(float64(rows), "rows/page")
	b.ReportMetric(ms(warm.mean()), "warm-mean-ms/page")
	b.ReportMetric(ms(warm.worst()), "warm-worst-ms/page")
	b.ReportMetric(ms(cold.mean()), "cold-mean-ms/page")
	b.ReportMetric(ms(cold.worst()), "cold-worst-ms/page")
	b.ReportMetric(ms(jumps.pct(0.99)), "jump-p99-ms")
	b.Logf("%d warm steps: mean %.2f ms, p99 %.2f ms, worst %.2f ms; %d cold steps: mean %.2f ms, p99 %.2f ms, worst %.2f ms; %d jumps: mean %.2f ms, worst %.2f ms",
		len(warm), ms(warm.mean()), ms(warm.pct(0.99)), ms(warm.worst()),
		len(cold), ms(cold.mean()), ms(cold.pct(0.99)), ms(cold.worst()),
		len(jumps), ms(jumps.mean()), ms(jumps.worst()))
}

// BenchmarkStartup does what Run does before ShowAndRun — the app, the
// theme, the settings, the window with every screen (buildUI), its size —
// and renders the first frame with the test driver's software painter.
// Target: under 2 s. "first-ms" is the first start in the process (fonts
// and theme resources not yet parsed); the real binary's start under Xvfb
// is measured by scripts/screenshot.sh.
func BenchmarkStartup(b *testing.B) {
	b.Setenv("DOCATTR_HOME", b.TempDir())
	b.Setenv("DOCATTR_DB", "")
	defer func(l string) { lang = l }(lang)
	b.Cleanup(func() { test.NewApp() })
	var all timings
	for b.Loop() {
		start := time.Now()
		a := test.NewApp()
		a.Settings().SetTheme(newTheme())
		a.SetIcon(iconResource)
		set, err := settings.Load()
		if err != nil {
			b.Fatal(err)
		}
		lang = set.Language
		w := a.NewWindow(tr("公文公开属性助手"))
		u := newUI(a, w, set)
		w.Resize(fyne.NewSize(1200, 780))
		img := w.Canvas().Capture()
		all = append(all, time.Since(start))

		b.StopTimer()
		if u.log == nil || u.review == nil || u.prefs == nil || u.batch == nil {
			b.Fatal("a screen is missing")
		}
		if colours(img) < 3 {
			b.Fatal("the first frame is blank")
		}
		w.Close()
		b.StartTimer()
	}
	b.ReportMetric(ms(all[0]), "first-ms")
	b.ReportMetric(ms(all.mean()), "ms/start")
	b.ReportMetric(ms(all.worst()), "worst-ms/start")
}

// colours counts the distinct colours of a sample of img's pixels.
func colours(img image.Image) int {
	seen := map[string]bool{}
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y += 7 {
		for x := r.Min.X; x < r.Max.X; x += 7 {
			seen[fmt.Sprint(img.At(x, y).RGBA())] = true
		}
	}
	return len(seen)
}
