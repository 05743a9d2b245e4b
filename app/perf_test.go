package app

// Helpers of the app benchmarks (bench_test.go): a UI-thread loop on the
// test driver, a 300-page draft with personal data, and a million-event
// audit log built once per test binary.

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/docattr/docattr/internal/auditgen"
	"github.com/docattr/docattr/internal/benchgen"
)

// TestMain removes the million-event log that the benchmarks share.
func TestMain(m *testing.M) {
	code := m.Run()
	if sharedDir != "" {
		os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}

// --- the UI thread -----------------------------------------------------

// The test driver runs fyne.Do at once on the calling goroutine, so a
// background read would hand its result over on its own goroutine, next to
// the benchmark touching the same widgets. uiLoop restores the real
// driver's threading: fyne.Do queues the function and the benchmark
// goroutine, playing the UI thread, runs the queue.
type uiLoop struct {
	fyne.App
	drv *loopDriver
}

type loopDriver struct {
	fyne.Driver
	q chan func()
}

func (a *uiLoop) Driver() fyne.Driver { return a.drv }

func (d *loopDriver) DoFromGoroutine(fn func(), wait bool) {
	if !wait {
		d.q <- fn
		return
	}
	done := make(chan struct{})
	d.q <- func() { fn(); close(done) }
	<-done
}

// installLoop makes a (a test app) current behind a uiLoop until the end of
// the benchmark.
func installLoop(tb testing.TB, a fyne.App) *uiLoop {
	l := &uiLoop{App: a, drv: &loopDriver{Driver: a.Driver(), q: make(chan func(), 1024)}}
	fyne.SetCurrentApp(l)
	tb.Cleanup(func() { fyne.SetCurrentApp(a) })
	return l
}

// until runs queued UI work until cond holds, failing after limit.
func (l *uiLoop) until(tb testing.TB, limit time.Duration, cond func() bool) {
	tb.Helper()
	deadline := time.NewTimer(limit)
	defer deadline.Stop()
	for !cond() {
		select {
		case fn := <-l.drv.q:
			fn()
		case <-deadline.C:
			tb.Fatalf("UI work did not finish within %v", limit)
		}
	}
}

// drain runs whatever UI work is queued now.
func (l *uiLoop) drain() {
	for {
		select {
		case fn := <-l.drv.q:
			fn()
		default:
			return
		}
	}
}

// --- a 300-page draft with personal data ---------------------------------

// piiEvery is how many paragraphs of the benchgen draft come between two
// inserted paragraphs with an ID number and a mobile number.
const piiEvery = 150

// piiParagraph is a contact line with a valid 身份证号 and a mobile number.
const piiParagraph = `<w:p><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLine="640" w:firstLineChars="200"/></w:pPr>` +
	`<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman"/><w:sz w:val="32"/></w:rPr>` +
	`<w:t>联系人：王某某，身份证号110105194901010021，联系电话138 0013 8000。</w:t></w:r></w:p>`

// writePIIDraft writes benchgen's 300-page draft with a 15 MB picture (the
// big draft of scripts/bench.sh) with a contact paragraph after every
// piiEvery paragraphs, so that the check has findings to list. It returns
// the path and the number of contact paragraphs.
func writePIIDraft(tb testing.TB, dir string) (string, int) {
	tb.Helper()
	var src bytes.Buffer
	if err := benchgen.Write(&src, benchgen.Options{Pages: 300, PictureBytes: 15 << 20, Seed: 1}); err != nil {
		tb.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(src.Bytes()), int64(src.Len()))
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(dir, "三百页草稿.docx")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	inserted := 0
	for _, zf := range zr.File {
		if zf.Name != "word/document.xml" {
			raw, err := zf.OpenRaw()
			if err != nil {
				tb.Fatal(err)
			}
			w, err := zw.CreateRaw(&zf.FileHeader)
			if err != nil {
				tb.Fatal(err)
			}
			if _, err := io.Copy(w, raw); err != nil {
				tb.Fatal(err)
			}
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			tb.Fatal(err)
		}
		xml, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		parts := strings.SplitAfter(string(xml), "</w:p>")
		var b strings.Builder
		for i, p := range parts {
			b.WriteString(p)
			// between two body paragraphs, never inside a table cell
			if i > 0 && i%piiEvery == 0 && i+1 < len(parts) && strings.HasPrefix(parts[i+1], "<w:p") {
				b.WriteString(piiParagraph)
				inserted++
			}
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate, Modified: zf.Modified})
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := io.WriteString(w, b.String()); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	if inserted == 0 {
		tb.Fatal("no contact paragraph inserted")
	}
	return path, inserted
}

// --- a million-event audit log --------------------------------------------

const (
	millionEvents = 1_000_000
)

var (
	sharedDir   string // removed by TestMain
	millionOnce sync.Once
	millionPath string
	millionErr  error
	millionTook time.Duration
)

// millionLog returns the path of an audit log with a million events, built
// once per test binary.
func millionLog(tb testing.TB) string {
	tb.Helper()
	millionOnce.Do(func() {
		start := time.Now()
		if sharedDir, millionErr = os.MkdirTemp("", "docattr-appbench-"); millionErr != nil {
			return
		}
		millionPath = filepath.Join(sharedDir, "audit.db")
		millionErr = buildLog(millionPath, millionEvents)
		millionTook = time.Since(start)
	})
	if millionErr != nil {
		tb.Fatal(millionErr)
	}
	return millionPath
}

// buildLog appends n events like the ones docattr writes (internal/auditgen,
// the generator scripts/bench_audit.sh uses too).
func buildLog(path string, n int) error { return auditgen.Build(path, n) }

// --- timings ----------------------------------------------------------------

// timings collects durations and reports them as metrics.
type timings []time.Duration

func (t timings) worst() time.Duration {
	var w time.Duration
	for _, d := range t {
		w = max(w, d)
	}
	return w
}

func (t timings) mean() time.Duration {
	if len(t) == 0 {
		return 0
	}
	var s time.Duration
	for _, d := range t {
		s += d
	}
	return s / time.Duration(len(t))
}

func (t timings) pct(p float64) time.Duration {
	if len(t) == 0 {
		return 0
	}
	s := append(timings(nil), t...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
