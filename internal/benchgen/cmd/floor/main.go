// Command floor is the benchmark reference of issue 16: the least a program
// can do to make docattr's edit, with the standard library only and no
// checks. It reads the draft (hashing it with SHA-256 as it reads), inflates
// word/document.xml, finds in one pass the paragraphs and their text,
// splices in a secrecy line before the first paragraph and the note after
// the last 成文日期 paragraph, adds a custom property part, deflates the
// edited parts (flate.BestSpeed, as docattr does), copies every other part
// raw, hashes the output as it writes it, fsyncs it and renames it into
// place. scripts/bench.sh times it beside `docattr mark`, which does all of
// that and also verifies every part, reads the rules and writes the audit
// log: marking should cost no more than this floor.
//
//	floor INPUT OUTPUT
//
// It prints the two SHA-256 sums. It is not a tool: it trusts its input.
package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

const (
	mainPart = "word/document.xml"
	secrecy  = `<w:p><w:r><w:rPr><w:rFonts w:ascii="黑体" w:eastAsia="黑体"/><w:sz w:val="32"/></w:rPr><w:t>秘密★1年</w:t></w:r></w:p>`
	note     = `<w:p><w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr><w:t>（此件公开发布）</w:t></w:r></w:p>`
	custom   = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
		`<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="docattr.attribute"><vt:lpwstr>public</vt:lpwstr></property></Properties>`
	customRel = `<Relationship Id="rIdFloor1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>`
	customCT  = `<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>`
)

var dateRe = regexp.MustCompile(`^(\d{4}|[〇零○一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$`)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: floor INPUT OUTPUT")
		os.Exit(2)
	}
	in, out, err := run(os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	fmt.Println(in, out)
}

func run(input, output string) (inSum, outSum string, err error) {
	h := sha256.New()
	data, err := readHashed(input, h)
	if err != nil {
		return "", "", err
	}
	inSum = hex.EncodeToString(h.Sum(nil))
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", "", err
	}
	replace := map[string][]byte{}
	for _, f := range z.File {
		switch f.Name {
		case mainPart:
			xml, err := inflate(f)
			if err != nil {
				return "", "", err
			}
			replace[f.Name] = edit(xml)
		case "_rels/.rels", "[Content_Types].xml":
			xml, err := inflate(f)
			if err != nil {
				return "", "", err
			}
			add := customRel
			if f.Name != "_rels/.rels" {
				add = customCT
			}
			end := bytes.LastIndex(xml, []byte("</"))
			replace[f.Name] = append(append(xml[:end:end], add...), xml[end:]...)
		}
	}
	if replace[mainPart] == nil {
		return "", "", errors.New("no " + mainPart)
	}
	tmp, err := os.CreateTemp(filepath.Dir(output), ".floor-*")
	if err != nil {
		return "", "", err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	oh := sha256.New()
	zw := zip.NewWriter(io.MultiWriter(tmp, oh))
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	for _, f := range z.File {
		if b, ok := replace[f.Name]; ok {
			err = writePart(zw, f.Name, b)
		} else {
			err = zw.Copy(f)
		}
		if err != nil {
			return "", "", err
		}
	}
	if err := writePart(zw, "docProps/custom.xml", []byte(custom)); err != nil {
		return "", "", err
	}
	if err := zw.Close(); err != nil {
		return "", "", err
	}
	if err := tmp.Sync(); err != nil {
		return "", "", err
	}
	if err := os.Rename(tmp.Name(), output); err != nil {
		return "", "", err
	}
	return inSum, hex.EncodeToString(oh.Sum(nil)), nil
}

func readHashed(name string, h io.Writer) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(int(st.Size()) + 512)
	_, err = buf.ReadFrom(io.TeeReader(f, h))
	return buf.Bytes(), err
}

func inflate(f *zip.File) ([]byte, error) {
	r, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	b := bytes.NewBuffer(make([]byte, 0, f.UncompressedSize64+1))
	_, err = b.ReadFrom(r)
	return b.Bytes(), err
}

// edit splices the secrecy line before the first paragraph and the note
// after the last paragraph whose text is a date (else the last one), found
// in one pass over the paragraphs' <w:t> text.
func edit(xml []byte) []byte {
	first, after := -1, -1
	lastEnd := -1
	var text strings.Builder
	for i := 0; ; {
		p := index(xml, i, "<w:p")
		if p < 0 {
			break
		}
		e := bytes.Index(xml[p:], []byte("</w:p>"))
		if e < 0 {
			break
		}
		e += p + len("</w:p>")
		if first < 0 {
			first = p
		}
		text.Reset()
		for body := xml[p:e]; ; {
			t := index(body, 0, "<w:t")
			if t < 0 {
				break
			}
			s := bytes.IndexByte(body[t:], '>') + t + 1
			c := bytes.Index(body[s:], []byte("</w:t>"))
			if c < 0 {
				break
			}
			text.Write(body[s : s+c])
			body = body[s+c:]
		}
		if dateRe.MatchString(strings.Join(strings.Fields(text.String()), "")) {
			after = e
		}
		lastEnd = e
		i = e
	}
	if first < 0 {
		return xml
	}
	if after < 0 {
		after = lastEnd
	}
	out := make([]byte, 0, len(xml)+len(secrecy)+len(note))
	out = append(out, xml[:first]...)
	out = append(out, secrecy...)
	out = append(out, xml[first:after]...)
	out = append(out, note...)
	return append(out, xml[after:]...)
}

// index is the offset of the first start tag named tag ("<w:p") in data
// from i on, or -1.
func index(data []byte, i int, tag string) int {
	for {
		j := bytes.Index(data[i:], []byte(tag))
		if j < 0 {
			return -1
		}
		j += i
		if k := j + len(tag); k < len(data) && (data[k] == '>' || data[k] == ' ') {
			return j
		}
		i = j + len(tag)
	}
}

func writePart(zw *zip.Writer, name string, data []byte) error {
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}
