package xmltok

import (
	"archive/zip"
	"bytes"
	"io"
	"path/filepath"
	"testing"
)

// passedOn scans base with a checked scanner that records a checkpoint
// every `every` bytes and returns its proof (nil when base fails).
func passedOn(t testing.TB, base []byte, every int) *Passed {
	s, err := NewChecked(base, every)
	if err != nil {
		return nil
	}
	if s.drain() != nil {
		if s.Passed() != nil {
			t.Fatal("a scanner that met a fault gave a proof")
		}
		return nil
	}
	return s.Passed()
}

// TestCheckEditedAgrees: for edits anywhere in a document, CheckEdited
// gives Check's verdict on the edited copy.
func TestCheckEditedAgrees(t *testing.T) {
	base := []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<w:document xmlns:w="urn:w"><w:body><w:p><w:r><w:t>一</w:t></w:r></w:p><w:p><w:r><w:t>二&amp;</w:t></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl><w:p><w:r><w:t>2026年1月2日</w:t></w:r></w:p><w:sectPr/></w:body></w:document>`)
	p := passedOn(t, base, 8)
	if p == nil || len(p.cps) < 5 {
		t.Fatalf("no proof or too few checkpoints on a valid document: %v", p)
	}
	at := func(s string) int { return bytes.Index(base, []byte(s)) }
	edit := func(pos, end int, ins string) []byte {
		return append(append(append([]byte{}, base[:pos]...), ins...), base[end:]...)
	}
	cases := []struct {
		name string
		data []byte
		ok   bool
	}{
		{"unchanged", base, true},
		{"paragraph after the date", edit(at("<w:sectPr/>"), at("<w:sectPr/>"), `<w:p><w:r><w:t>（此件公开发布）</w:t></w:r></w:p>`), true},
		{"paragraph at the top", edit(at("<w:p>"), at("<w:p>"), `<w:p><w:r><w:t>秘密★1年</w:t></w:r></w:p>`), true},
		{"unclosed paragraph", edit(at("<w:sectPr/>"), at("<w:sectPr/>"), `<w:p><w:r>`), false},
		{"stray end tag", edit(at("<w:sectPr/>"), at("<w:sectPr/>"), `</w:p>`), false},
		{"undeclared prefix", edit(at("<w:sectPr/>"), at("<w:sectPr/>"), `<x:p/>`), false},
		{"control character", edit(at("<w:sectPr/>"), at("<w:sectPr/>"), "<w:p>\x01</w:p>"), false},
		{"bad entity", edit(at("<w:sectPr/>"), at("<w:sectPr/>"), "<w:p>&nope;</w:p>"), false},
		{"text split", edit(at("二")+3, at("二")+3, "三"), true},
		{"entity cut", edit(at("&amp;")+2, at("&amp;")+2, "<w:br/>"), false},
		{"end tag renamed", edit(at("</w:body>"), at("</w:body>")+len("</w:body>"), "</w:bodx>"), false},
		{"second root", append(append([]byte{}, base...), "<a/>"...), false},
		{"declaration moved", edit(0, at("<w:document"), ""), true},
		{"truncated", base[:len(base)-5], false},
		{"empty", nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Check(c.data) == nil; got != c.ok {
				t.Fatalf("Check: %v, want %v", got, c.ok)
			}
			if got := p.CheckEdited(c.data) == nil; got != c.ok {
				t.Fatalf("CheckEdited: %v, want %v", got, c.ok)
			}
		})
	}
}

// TestPassedOnlyAfterTheEnd: no proof before the scan ended, nor after a
// fault, nor from a scanner that records no checkpoints.
func TestPassedOnlyAfterTheEnd(t *testing.T) {
	s, err := NewChecked([]byte(`<a><b/></a>`), 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Next(); err != nil || s.Passed() != nil {
		t.Fatalf("proof before the end: %v", err)
	}
	if passedOn(t, []byte(`<a><b></a>`), 1) != nil {
		t.Fatal("proof for a malformed document")
	}
	s, _ = NewChecked([]byte(`<a/>`), 0)
	if s.drain() != nil || s.Passed() != nil {
		t.Fatal("proof without checkpoints")
	}
	if _, err := NewChecked([]byte("<a>\xff</a>"), 1); err == nil {
		t.Fatal("invalid UTF-8 passed")
	}
}

// TestCheckEditedCorpus: real document.xml parts, edited near the end and
// at the start as marking does, get Check's verdict.
func TestCheckEditedCorpus(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpus/real/*.docx")
	gw, _ := filepath.Glob("../../../shared/corpus/gongwen/*.docx")
	if files = append(files, gw...); len(files) == 0 {
		t.Skip("no corpus")
	}
	checked := 0
	for _, f := range files {
		base := mainPart(t, f)
		p := passedOn(t, base, 64)
		if p == nil {
			continue
		}
		checked++
		for _, pos := range []int{0, len(base) / 3, len(base) - len(base)/50} {
			i := bytes.IndexByte(base[pos:], '<')
			if i < 0 {
				continue
			}
			for _, ins := range []string{`<x/>`, `</x>`, `<x>`, "text", "\x00"} {
				data := append(append(append([]byte{}, base[:pos+i]...), ins...), base[pos+i:]...)
				if (Check(data) == nil) != (p.CheckEdited(data) == nil) {
					t.Fatalf("%s: insert %q at %d: CheckEdited disagrees with Check", f, ins, pos+i)
				}
			}
		}
	}
	if checked < len(files)/2 {
		t.Fatalf("only %d of %d corpus documents passed Check", checked, len(files))
	}
}

// FuzzCheckEdited: CheckEdited of any edit of a document that passed
// agrees with Check of the edited copy.
func FuzzCheckEdited(f *testing.F) {
	f.Add([]byte(`<a xmlns:p="u"><p:b x="1">t</p:b><c/><!-- k --><d>&amp;</d></a>`), uint16(20), uint16(3), []byte(`<e/>`))
	f.Add([]byte(`<?xml version="1.0"?><a><b/><b/><b/></a>`), uint16(30), uint16(0), []byte(`</a><a>`))
	f.Add([]byte(`<a><b>中文</b><b/></a>`), uint16(9), uint16(1), []byte("\xe4"))
	f.Fuzz(func(t *testing.T, base []byte, at, cut uint16, ins []byte) {
		p := passedOn(t, base, 4)
		if p == nil {
			return
		}
		pos := int(at) % (len(base) + 1)
		end := min(len(base), pos+int(cut)%8)
		data := append(append(append([]byte{}, base[:pos]...), ins...), base[end:]...)
		want, got := Check(data), p.CheckEdited(data)
		if (want == nil) != (got == nil) {
			t.Fatalf("Check: %v, CheckEdited: %v", want, got)
		}
		// The prefix as a writer streams it: equal bytes, other memory.
		if got := p.CheckTail(append([]byte{}, data[:pos]...), data[pos:]); (want == nil) != (got == nil) {
			t.Fatalf("Check: %v, CheckTail: %v", want, got)
		}
	})
}

// mainPart returns a .docx file's word/document.xml (nil when it has none).
func mainPart(t *testing.T, path string) []byte {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			b, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	return nil
}

func TestCommonPrefix(t *testing.T) {
	long := bytes.Repeat([]byte("x"), 10000)
	cases := []struct {
		a, b []byte
		want int
	}{
		{nil, nil, 0},
		{[]byte("abc"), []byte("abd"), 2},
		{[]byte("abc"), []byte("ab"), 2},
		{long, append(append([]byte{}, long[:9000]...), 'y'), 9000},
		{long, long, 10000},
	}
	for _, c := range cases {
		if got := CommonPrefix(c.a, c.b); got != c.want {
			t.Errorf("CommonPrefix(%d bytes, %d bytes) = %d, want %d", len(c.a), len(c.b), got, c.want)
		}
	}
}
