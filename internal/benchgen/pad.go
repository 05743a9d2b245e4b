package benchgen

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"
)

// Pad writes to out a copy of the real document in whose body is repeated
// until its text fills about pages pages of CharsPerPage characters: the
// big draft of a real producer (WPS, Word) with its own styles, pictures
// and markup, beside Write's generated one. Every part but
// word/document.xml is copied raw.
func Pad(in, out string, pages int) (err error) {
	z, err := zip.OpenReader(in)
	if err != nil {
		return err
	}
	defer z.Close()
	var main *zip.File
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			main = f
		}
	}
	if main == nil {
		return fmt.Errorf("benchgen: %s has no word/document.xml", in)
	}
	r, err := main.Open()
	if err != nil {
		return err
	}
	xml, err := io.ReadAll(r)
	r.Close()
	if err != nil {
		return err
	}
	padded, err := padBody(xml, pages)
	if err != nil {
		return fmt.Errorf("benchgen: %s: %w", in, err)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	zw := zip.NewWriter(f)
	for _, e := range z.File {
		if e != main {
			if err := zw.Copy(e); err != nil {
				return err
			}
			continue
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: e.Name, Method: zip.Deflate, Modified: e.Modified})
		if err != nil {
			return err
		}
		if _, err := fw.Write(padded); err != nil {
			return err
		}
	}
	return zw.Close()
}

// padBody repeats what the body holds before its final w:sectPr.
func padBody(xml []byte, pages int) ([]byte, error) {
	open := bytes.Index(xml, []byte("<w:body>"))
	end := bytes.LastIndex(xml, []byte("<w:sectPr"))
	if close := bytes.LastIndex(xml, []byte("</w:body>")); end < open || end < 0 {
		end = close
	}
	if open < 0 || end < open {
		return nil, errors.New("no w:body")
	}
	open += len("<w:body>")
	body := xml[open:end]
	n := textChars(body)
	if n == 0 {
		return nil, errors.New("no text in the body")
	}
	copies := max(1, (pages*CharsPerPage+n-1)/n)
	var b bytes.Buffer
	b.Grow(len(xml) + (copies-1)*len(body))
	b.Write(xml[:open])
	for range copies {
		b.Write(body)
	}
	b.Write(xml[end:])
	return b.Bytes(), nil
}

// textChars counts the characters outside tags.
func textChars(xml []byte) int {
	n, in := 0, false
	for len(xml) > 0 {
		c, size := utf8.DecodeRune(xml)
		switch {
		case c == '<':
			in = true
		case c == '>':
			in = false
		case !in && c > ' ':
			n++
		}
		xml = xml[size:]
	}
	return n
}
