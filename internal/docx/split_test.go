package docx

import (
	"bytes"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// mainParts returns the main parts of the corpus documents docattr reads.
func mainParts(t testing.TB) map[string][]byte {
	t.Helper()
	files := corpusFiles(t)
	real, _ := filepath.Glob(filepath.Join(corpusDir, "real", "*.docx"))
	out := map[string][]byte{}
	for _, f := range append(files, real...) {
		d, err := Open(f)
		if err != nil {
			continue
		}
		out[filepath.Base(f)] = d.Main()
		d.Close()
	}
	if len(out) == 0 {
		t.Skip("no readable corpus documents")
	}
	return out
}

// starts returns up to n places a markup token may start, spread over
// data, and the paragraph starts among them.
func starts(data []byte, n int) []int {
	var all []int
	for i, c := range data {
		if c == '<' {
			all = append(all, i)
		}
	}
	var out []int
	for k := 1; k <= n && len(all) > 0; k++ {
		out = append(out, all[k*len(all)/(n+1)])
	}
	for k, at := 0, splitCandidate(data, 0); at > 0 && k < n; k, at = k+1, splitCandidate(data, at+1) {
		out = append(out, at)
	}
	return out
}

// sameRead fails the test unless the two-core read from at gives what one
// pass gives: the same paragraphs, blocks, page and fault, and a proof.
func sameRead(t *testing.T, name string, data []byte, at int) {
	t.Helper()
	want, werr := readMainOnce(data, "word/document.xml")
	got, done, err := readMainSplit(data, "word/document.xml", at)
	if !done {
		return // left to one pass: nothing to compare
	}
	if fmt.Sprint(err) != fmt.Sprint(werr) {
		t.Fatalf("%s split at %d: error %v, one pass %v", name, at, err, werr)
	}
	if werr != nil {
		return
	}
	if !reflect.DeepEqual(got.text, want.text) {
		t.Fatalf("%s split at %d: paragraphs differ from one pass", name, at)
	}
	if !reflect.DeepEqual(got.blocks, want.blocks) || got.geom != want.geom {
		t.Fatalf("%s split at %d: page blocks differ from one pass", name, at)
	}
	if got.proof == nil {
		t.Fatalf("%s split at %d: no proof of the check", name, at)
	}
	// The proof resumes a check of an edited copy as one pass's does.
	for _, edit := range [][]byte{[]byte("<w:p/>"), []byte("<w:p>"), []byte("\x01")} {
		end := bytes.LastIndex(data, []byte("</w:body>"))
		if end < 0 {
			break
		}
		ed := append(append(append([]byte{}, data[:end]...), edit...), data[end:]...)
		if g, w := got.proof.CheckEdited(ed), want.proof.CheckEdited(ed); fmt.Sprint(g) != fmt.Sprint(w) {
			t.Fatalf("%s split at %d: edited copy %q checks %v, one pass %v", name, at, edit, g, w)
		}
	}
}

func TestReadMainSplitMatchesOnePass(t *testing.T) {
	for name, data := range mainParts(t) {
		for _, at := range starts(data, 12) {
			sameRead(t, name, data, at)
		}
	}
}

// TestReadMainSplitFaults puts a fault before or after the place the
// second reader starts: the part's error is the one a single pass meets
// first (characters before markup), wherever the halves meet.
func TestReadMainSplitFaults(t *testing.T) {
	parts := mainParts(t)
	data := parts["rail_notice_qinfang.docx"]
	if data == nil {
		t.Skip("rail_notice_qinfang.docx not in the corpus")
	}
	mid := splitCandidate(data, len(data)/2)
	early, late := splitCandidate(data, len(data)/4), splitCandidate(data, 3*len(data)/4)
	insert := func(at int, s string, more ...any) []byte {
		out := append(append(append([]byte{}, data[:at]...), s...), data[at:]...)
		if len(more) == 2 { // a second insertion, later in the original
			at2 := more[0].(int) + len(s)
			out = append(append(append([]byte{}, out[:at2]...), more[1].(string)...), out[at2:]...)
		}
		return out
	}
	cases := map[string][]byte{
		"bad character after":       insert(late, "\x01"),
		"bad character before":      insert(early, "\x01"),
		"bad character before body": insert(bytes.Index(data, []byte("<w:body")), "\x01"),
		"stray end tag after":       insert(late, "</w:tc>"),
		"stray end tag before":      insert(early, "</w:tc>"),
		"undeclared prefix after":   insert(late, "<q:x/>"),
		"markup before, char after": insert(early, "</w:x>", late, "\x02"),
		"truncated":                 data[:late],
		"second root":               append(append([]byte{}, data...), "<w:document/>"...),
		"text after root":           append(append([]byte{}, data...), "x"...),
		"duplicate attribute after": insert(late, `<w:p w:a="1" w:a="2"/>`),
		"bad utf-8 after":           insert(late, "\xe4\xb8"),
	}
	for name, bad := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := readMainOnce(bad, "word/document.xml"); err == nil {
				t.Fatal("one pass found no fault")
			}
			for _, at := range []int{mid, splitCandidate(bad, len(bad)/2), early, late} {
				if at > 0 && at < len(bad) {
					sameRead(t, name, bad, at)
				}
			}
		})
	}
}

// TestReadMainSplitInsideStructures starts the second reader inside
// tables, text boxes, content controls and alternate content, where the
// guess is wrong: the result is still one pass's.
func TestReadMainSplitInsideStructures(t *testing.T) {
	p := func(s string) string { return `<w:p><w:r><w:t>` + s + `</w:t></w:r></w:p>` }
	var body strings.Builder
	for i := range 40 {
		body.WriteString(p(fmt.Sprint("段落", i)))
		switch i % 8 {
		case 1:
			body.WriteString(`<w:tbl><w:tr><w:tc>` + p("单元格一") + p("单元格二") + `</w:tc></w:tr></w:tbl>`)
		case 3:
			body.WriteString(`<w:sdt><w:sdtContent>` + p("控件") + p("控件二") + `</w:sdtContent></w:sdt>`)
		case 5:
			body.WriteString(`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>` +
				p("文本框") + p("文本框二") + `</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback>` +
				`<w:pict><v:textbox><w:txbxContent>` + p("文本框") + `</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`)
		case 6:
			body.WriteString(`<w:p/>` + `<w:bookmarkStart w:id="9" w:name="x"/>`)
		case 7:
			body.WriteString(`<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:pPr></w:p>`)
		}
	}
	doc := []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="` + NSW + `" xmlns:mc="` + nsMC + `" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml">` +
		`<w:body>` + body.String() + `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`)
	n := 0
	for i, c := range doc {
		if c == '<' && i > 0 {
			sameRead(t, "generated", doc, i)
			n++
		}
	}
	if n < 500 {
		t.Fatalf("only %d starts tried", n)
	}
}

// FuzzReadMainSplit checks that reading on two cores gives what one pass
// gives, fault included, for any part and any place the halves meet.
func FuzzReadMainSplit(f *testing.F) {
	f.Add([]byte(`<w:document xmlns:w="`+NSW+`"><w:body><w:p><w:r><w:t>一</w:t></w:r></w:p><w:p><w:r><w:t>二</w:t></w:r></w:p></w:body></w:document>`), uint16(90))
	f.Add([]byte(`<w:document xmlns:w="`+NSW+`"><w:body><w:tbl><w:tr><w:tc><w:p/><w:p/></w:tc></w:tr></w:tbl><w:p/></w:body></w:document>`), uint16(120))
	f.Fuzz(func(t *testing.T, data []byte, at uint16) {
		if len(data) == 0 {
			return
		}
		i := bytes.IndexByte(data[int(at)%len(data):], '<')
		if i < 0 {
			return
		}
		sameRead(t, "fuzz", data, int(at)%len(data)+i)
	})
}
