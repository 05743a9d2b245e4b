package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"
)

const (
	relAFChunk = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
	rNS        = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	docHeadR   = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` + rNS + `><w:body>`
)

// zipParts returns a package holding parts as zip bytes.
func zipParts(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels"} {
		w, _ := zw.Create(name)
		w.Write([]byte(parts[name]))
	}
	for name, data := range parts {
		if name == "[Content_Types].xml" || name == "_rels/.rels" {
			continue
		}
		w, _ := zw.Create(name)
		w.Write([]byte(data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// chunkDoc returns the parts of a document whose body is text and an
// altChunk for each relationship target (relationship ids rIdC1, rIdC2, …).
func chunkDoc(text string, targets []string, extra map[string]string) map[string]string {
	var chunks, rels strings.Builder
	for i, target := range targets {
		id := "rIdC" + string(rune('1'+i))
		chunks.WriteString(`<w:altChunk r:id="` + id + `"/>`)
		mode := ""
		if strings.HasPrefix(target, "http") {
			mode = ` TargetMode="External"`
		}
		rels.WriteString(`<Relationship Id="` + id + `" Type="` + relAFChunk + `" Target="` + target + `"` + mode + `/>`)
	}
	parts := map[string]string{
		"[Content_Types].xml":          strings.Replace(ctypes, "%s", `<Default Extension="docx" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document"/><Default Extension="htm" ContentType="text/html"/>`, 1),
		"_rels/.rels":                  strings.Replace(rootRels, "%s", "", 1),
		"word/document.xml":            docHeadR + para(text) + chunks.String() + docTail,
		"word/_rels/document.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() + `</Relationships>`,
	}
	for k, v := range extra {
		parts[k] = v
	}
	return parts
}

func TestChunks(t *testing.T) {
	inner := zipParts(t, chunkDoc("内层", nil, nil))
	nest := func(depth int) []byte { // a chunk in a chunk … depth times
		b := inner
		for i := 0; i < depth; i++ {
			b = zipParts(t, chunkDoc("层", []string{"a.docx"}, map[string]string{"word/a.docx": string(b)}))
		}
		return b
	}
	tests := []struct {
		name  string
		parts map[string]string
		want  string // part:format:text-or-ERR per chunk, then the Embedded paragraphs
		err   string // what the error says
	}{
		{"Word document", chunkDoc("正文", []string{"a.docx"}, map[string]string{"word/a.docx": string(inner)}),
			"word/a.docx:docx:内层", ""},
		{"HTML", chunkDoc("正文", []string{"a.htm"}, map[string]string{"word/a.htm": "<p>甲</p><p>乙</p>"}),
			"word/a.htm:html: | word/a.htm:0:甲 word/a.htm:1:乙 word/a.htm:2:", ""},
		{"same target twice is read once", chunkDoc("正文", []string{"a.htm", "a.htm"}, map[string]string{"word/a.htm": "<p>甲</p>"}),
			"word/a.htm:html: | word/a.htm:0:甲 word/a.htm:1:", ""},
		{"the main part itself is not read again", chunkDoc("正文", []string{"document.xml"}, nil), "", ""},
		{"missing part", chunkDoc("正文", []string{"gone.docx"}, nil), "word/gone.docx::ERR", "部件不存在"},
		{"external target", chunkDoc("正文", []string{"http://example.com/a.docx"}, nil), "http://example.com/a.docx::ERR", "指向文档外部"},
		{"encrypted or legacy document", chunkDoc("正文", []string{"a.docx"}, map[string]string{"word/a.docx": "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + strings.Repeat("\x00", 600)}),
			"word/a.docx::ERR", "格式无法识别"},
		{"damaged Word document", chunkDoc("正文", []string{"a.docx"}, map[string]string{"word/a.docx": "PK\x03\x04\x00\x00"}),
			"word/a.docx:docx:ERR", "嵌入的 Word 文档无法打开：文档已损坏"},
		{"nested three deep is read", chunkDoc("正文", []string{"a.docx"}, map[string]string{"word/a.docx": string(nest(2))}),
			"word/a.docx:docx:层", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := openDoc(t, tc.parts)
			var got []string
			for _, c := range d.Chunks {
				s := c.Part + ":" + string(c.Format) + ":"
				switch {
				case c.Err != nil:
					if !errors.Is(c.Err, ErrChunkUnreadable) || !strings.Contains(c.Err.Zh, "嵌入内容无法检查") || c.Err.En == "" {
						t.Errorf("error %v", c.Err)
					}
					s += "ERR"
					if !strings.Contains(c.Err.Zh, tc.err) {
						t.Errorf("error %q does not say %q", c.Err.Zh, tc.err)
					}
				case c.Doc != nil:
					s += c.Doc.Paragraphs[0].Text
				}
				got = append(got, s)
			}
			var emb []string
			for _, p := range d.Paragraphs {
				if p.Where == Embedded {
					emb = append(emb, p.Part+":"+string(rune('0'+p.Index))+":"+p.Text)
				}
			}
			g := strings.Join(got, " ")
			if len(emb) > 0 {
				g += " | " + strings.Join(emb, " ")
			}
			if g != tc.want {
				t.Errorf("chunks\n got %q\nwant %q", g, tc.want)
			}
		})
	}
}

// TestChunkDepthLimit: the fourth level of embedding is not opened but
// reported as unreadable at the level that holds it.
func TestChunkDepthLimit(t *testing.T) {
	b := zipParts(t, chunkDoc("最内层", nil, nil))
	for i := 0; i < maxChunkDepth+1; i++ {
		b = zipParts(t, chunkDoc("层", []string{"a.docx"}, map[string]string{"word/a.docx": string(b)}))
	}
	d := openDoc(t, chunkDoc("正文", []string{"a.docx"}, map[string]string{"word/a.docx": string(b)}))
	depth := 0
	for c := d.Chunks[0]; ; depth++ {
		if c.Err != nil {
			if !strings.Contains(c.Err.Zh, "嵌套层数过多") {
				t.Errorf("level %d: %v", depth, c.Err)
			}
			break
		}
		if c.Doc == nil || len(c.Doc.Chunks) != 1 {
			t.Fatalf("level %d: no chunk", depth)
		}
		c = c.Doc.Chunks[0]
	}
	if depth != maxChunkDepth {
		t.Errorf("refused at level %d, want %d", depth, maxChunkDepth)
	}
}

// TestChunkInHeader: an altChunk in a header is found through the header's
// own relationships.
func TestChunkInHeader(t *testing.T) {
	parts := chunkDoc("正文", nil, map[string]string{
		"word/header1.xml":            `<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` + rNS + `><w:altChunk r:id="rIdH"/></w:hdr>`,
		"word/_rels/header1.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdH" Type="` + relAFChunk + `" Target="h.htm"/></Relationships>`,
		"word/h.htm":                  "<p>秘密★1年</p>",
		"word/_rels/document.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>`,
	})
	d := openDoc(t, parts)
	if len(d.Chunks) != 1 || d.Chunks[0].Source != "word/header1.xml" || d.Chunks[0].Part != "word/h.htm" || d.Chunks[0].Err != nil {
		t.Fatalf("chunks %+v", d.Chunks)
	}
	last := d.Paragraphs[len(d.Paragraphs)-2]
	if last.Where != Embedded || last.Text != "秘密★1年" || last.Location() != "嵌入内容第1段" {
		t.Errorf("paragraph %+v", last)
	}
}

// TestChunkZipBomb: an embedded Word document is opened within the same
// zip-bomb limits as the main one; a bomb is unreadable, not decompressed.
func TestChunkZipBomb(t *testing.T) {
	inner := chunkDoc("内层", nil, map[string]string{"word/media/zero.bin": strings.Repeat("\x00", 5<<20)})
	bomb := zipParts(t, inner)
	if len(bomb) > 64<<10 {
		t.Fatalf("bomb is %d bytes", len(bomb))
	}
	d := openDoc(t, chunkDoc("正文", []string{"a.docx"}, map[string]string{"word/a.docx": string(bomb)}))
	if len(d.Chunks) != 1 || d.Chunks[0].Err == nil || !strings.Contains(d.Chunks[0].Err.Zh, "安全限制") {
		t.Fatalf("chunks %+v", d.Chunks)
	}
}
