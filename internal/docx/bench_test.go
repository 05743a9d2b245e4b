package docx_test

// Benchmarks of the engine on its own (no process start, no fsync, no audit
// log): scripts/bench.sh runs them with -benchmem and docs/benchmarks.md
// explains the numbers. MB/s is of the whole .docx file.

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/benchgen"
	"github.com/docattr/docattr/internal/docx"
)

// The big draft of issue 2: about 300 pages with a 15 MB picture.
const (
	benchPages   = 300
	benchPicture = 15 << 20
)

var benchDraft = sync.OnceValues(func() ([]byte, error) {
	var buf bytes.Buffer
	err := benchgen.Write(&buf, benchgen.Options{Pages: benchPages, PictureBytes: benchPicture, Seed: 1})
	return buf.Bytes(), err
})

// bigDraft writes the big draft into a temporary folder and returns its path.
func bigDraft(b *testing.B) (string, int64) {
	b.Helper()
	data, err := benchDraft()
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "big.docx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	return path, int64(len(data))
}

func benchOptions() docx.StampOptions {
	line := "秘密★1年"
	return docx.StampOptions{
		Record:      docx.Record{Attribute: "public", DocID: "00000000-0000-4000-8000-000000000000", FormatVersion: docx.RecordFormatVersion},
		SecrecyLine: &line,
		Note:        "（此件公开发布）",
		Modified:    time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC),
	}
}

// BenchmarkOpen: open the big draft and read all its text.
func BenchmarkOpen(b *testing.B) {
	path, size := bigDraft(b)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		d, err := docx.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		d.Close()
	}
}

// BenchmarkStamp: stamp an opened big draft (analysis, splicing, writing
// the package with every other part copied raw) into io.Discard.
func BenchmarkStamp(b *testing.B) {
	path, size := bigDraft(b)
	d, err := docx.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	opts := benchOptions()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.Stamp(io.Discard, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenStampFile: the engine's whole edit of the big draft, from
// file to file (no fsync).
func BenchmarkOpenStampFile(b *testing.B) {
	path, size := bigDraft(b)
	out := filepath.Join(filepath.Dir(path), "out.docx")
	opts := benchOptions()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		d, err := docx.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		f, err := os.Create(out)
		if err != nil {
			b.Fatal(err)
		}
		_, err = d.Stamp(f, opts)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		d.Close()
		if err != nil {
			b.Fatal(err)
		}
	}
}

const benchCorpus = "../../../shared/corpus/gongwen"

// BenchmarkStampCorpus: open and stamp every .docx of the 公文 corpus into
// io.Discard, once per iteration.
func BenchmarkStampCorpus(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(benchCorpus, "*.docx"))
	var docs []string
	var size int64
	for _, f := range files {
		d, err := docx.Open(f)
		if err != nil {
			continue // refused on purpose (not every corpus file is markable)
		}
		d.Close()
		st, err := os.Stat(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, f)
		size += st.Size()
	}
	if len(docs) == 0 {
		b.Skip("no corpus at " + benchCorpus)
	}
	opts := benchOptions()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range docs {
			d, err := docx.Open(f)
			if err != nil {
				b.Fatal(err)
			}
			_, err = d.Stamp(io.Discard, opts)
			d.Close()
			if err != nil {
				b.Fatal(f, err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs))/1e6, "ms/file")
}

// BenchmarkOpenToWrite: open the big draft for marking (the main part read
// and checked in one pass; the other parts verified on the other core).
func BenchmarkOpenToWrite(b *testing.B) {
	path, size := bigDraft(b)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		d, err := docx.OpenToWrite(path)
		if err != nil {
			b.Fatal(err)
		}
		d.Close()
	}
}
