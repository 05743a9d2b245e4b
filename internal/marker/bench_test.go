package marker_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/benchgen"
	"github.com/docattr/docattr/internal/marker"
	"github.com/docattr/docattr/internal/settings"
)

const benchCorpus = "../../../shared/corpus/gongwen"

func benchRequest() marker.Request {
	return marker.Request{
		Decision: attr.Decision{Attribute: attr.Public},
		Style:    settings.StyleNote,
		Actor:    settings.Actor{Name: "bench", OSUser: "bench", Machine: "bench"},
		Version:  "bench",
	}
}

// BenchmarkMarkBig marks the big draft of issue 2 (about 300 pages with a
// 15 MB picture) the way `docattr mark -o` does, audit log and fsyncs
// included: what `docattr mark` costs minus the process start.
func BenchmarkMarkBig(b *testing.B) {
	benchMarkOne(b, func(in string) error { return benchgen.WriteDraft(in, 300, 15<<20) })
}

// BenchmarkMarkBatch20 marks 20 drafts in one Mark call, as
// `docattr mark --out-dir` does: read, check, stamp into synced temporary
// files, one audit transaction in a real bbolt log, rename. The drafts are
// copies of the corpus's *-plain.docx files, or generated 5-page drafts when
// the corpus is not there.
func BenchmarkMarkBatch20(b *testing.B) {
	dir := b.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	for _, d := range []string{in, out} {
		if err := os.Mkdir(d, 0o755); err != nil {
			b.Fatal(err)
		}
	}
	src, _ := filepath.Glob(filepath.Join(benchCorpus, "*-plain.docx"))
	sort.Strings(src)
	jobs := make([]marker.Job, 20)
	for i := range jobs {
		name := fmt.Sprintf("draft-%02d.docx", i+1)
		path := filepath.Join(in, name)
		if len(src) > 0 {
			data, err := os.ReadFile(src[i%len(src)])
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				b.Fatal(err)
			}
		} else if err := benchgen.WriteDraftOptions(path, benchgen.Options{Pages: 5, Seed: int64(i + 1)}); err != nil {
			b.Fatal(err)
		}
		jobs[i] = marker.Job{Input: path, Output: filepath.Join(out, name)}
	}
	log, err := audit.Open(filepath.Join(dir, "audit.db"), audit.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer log.Close()
	req := benchRequest()
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		for _, r := range marker.Mark(log, jobs, req, nil) {
			if r.Err != nil {
				b.Fatal(r.Input, r.Err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(jobs))/1e6, "ms/file")
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(b.N*len(jobs))/1e3, "cpu-ms/file")
}

// BenchmarkMarkReal marks a real corpus document padded to 300 pages (the
// "real draft" of make bench: 10 MB of document.xml), audit log included.
func BenchmarkMarkReal(b *testing.B) {
	benchMarkOne(b, func(in string) error {
		return benchgen.Pad("../../../shared/corpus/real/rail_notice_qinfang.docx", in, 300)
	})
}

// BenchmarkMarkSmall marks one small corpus draft (make bench's small draft).
func BenchmarkMarkSmall(b *testing.B) {
	benchMarkOne(b, func(in string) error {
		data, err := os.ReadFile(filepath.Join(benchCorpus, "000-plain.docx"))
		if err != nil {
			return err
		}
		return os.WriteFile(in, data, 0o644)
	})
}

// benchMarkOne marks the draft make writes, again and again, into one
// output (audit log and fsyncs included).
func benchMarkOne(b *testing.B, make func(in string) error) {
	dir := b.TempDir()
	in := filepath.Join(dir, "in.docx")
	if err := make(in); err != nil {
		b.Skip("no draft:", err)
	}
	if st, err := os.Stat(in); err == nil {
		b.SetBytes(st.Size())
	}
	log, err := audit.Open(filepath.Join(dir, "audit.db"), audit.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer log.Close()
	jobs := []marker.Job{{Input: in, Output: filepath.Join(dir, "out.docx")}}
	req := benchRequest()
	req.Overwrite = true
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		if r := marker.Mark(log, jobs, req, nil); r[0].Err != nil {
			b.Fatal(r[0].Err)
		}
	}
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(b.N)/1e3, "cpu-ms/op")
}

// BenchmarkMarkSmallFresh is BenchmarkMarkSmall as a one-draft command
// meets it: every run marks a draft whose template (styles part) this
// process has not seen, so neither the verified-part memory nor the style
// sheet cache helps, and the collector is paced as `docattr mark` paces it
// (marker.QuietGC). Process start and exit are not in it (make bench has
// them).
func BenchmarkMarkSmallFresh(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(benchCorpus, "000-plain.docx"))
	if err != nil {
		b.Skip("no corpus:", err)
	}
	dir := b.TempDir()
	log, err := audit.Open(filepath.Join(dir, "audit.db"), audit.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer log.Close()
	req := benchRequest()
	req.Overwrite = true
	in := filepath.Join(dir, "in.docx")
	b.ReportAllocs()
	cpu, n := time.Duration(0), 0
	for b.Loop() {
		b.StopTimer()
		if err := os.WriteFile(in, withStylesComment(b, data, n), 0o644); err != nil {
			b.Fatal(err)
		}
		n++
		restore := marker.QuietGC([]string{in})
		c := cpuTime()
		b.StartTimer()
		r := marker.Mark(log, []marker.Job{{Input: in, Output: filepath.Join(dir, "out.docx")}}, req, nil)
		b.StopTimer()
		cpu += cpuTime() - c
		restore()
		runtime.GC() // the garbage of this run is not the next one's
		b.StartTimer()
		if r[0].Err != nil {
			b.Fatal(r[0].Err)
		}
	}
	b.ReportMetric(float64(cpu.Microseconds())/float64(n)/1e3, "cpu-ms/op")
}

// withStylesComment returns the .docx data with a comment naming n after
// the root element of word/styles.xml: the same template, other bytes.
func withStylesComment(b *testing.B, data []byte, n int) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		b.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name != "word/styles.xml" {
			if err := zw.Copy(f); err != nil {
				b.Fatal(err)
			}
			continue
		}
		rc, err := f.Open()
		if err != nil {
			b.Fatal(err)
		}
		part, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			b.Fatal(err)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(w, "%s<!-- %d -->", part, n)
	}
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
	return out.Bytes()
}
