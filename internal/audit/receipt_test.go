package audit

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// receiptText reads back the text of each paragraph of a receipt DOCX.
func receiptText(t *testing.T, path string) []string {
	t.Helper()
	doc, err := readZipPart(path, "word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	var paras []string
	d := xml.NewDecoder(bytes.NewReader(doc))
	inText := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml does not parse: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local == "p" {
				paras = append(paras, "")
			}
			inText = tok.Name.Local == "t"
		case xml.EndElement:
			inText = false
		case xml.CharData:
			if inText {
				paras[len(paras)-1] += string(tok)
			}
		}
	}
	return paras
}

func TestReceiptSaysWhatAPersonCompares(t *testing.T) {
	_, cpPath, c := checkpointed(t)
	path := ReceiptPath(cpPath)
	if filepath.Base(path) != "head.checkpoint-回执.docx" {
		t.Fatalf("receipt path %q", path)
	}
	if err := WriteReceipt(path, c, "某某市人民政府办公室 <&>"); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(receiptText(t, path), "\n")
	g := GroupHex(c.Hash)
	if len(strings.Fields(g)) != 16 || strings.ReplaceAll(g, " ", "") != c.Hash {
		t.Fatalf("GroupHex(%q) = %q", c.Hash, g)
	}
	half := strings.Fields(g)
	for _, want := range []string{"审计日志检查点回执", "某某市人民政府办公室 <&>", "审计日志第 10 条事件",
		strings.Join(half[:8], " "), strings.Join(half[8:], " "), c.Fingerprint(),
		c.Time.Local().Format("2006年1月2日 15:04:05"), "经办人签名", "日期："} {
		if !strings.Contains(text, want) {
			t.Errorf("receipt lacks %q:\n%s", want, text)
		}
	}
	if c.Fingerprint() == "" {
		t.Fatal("checkpoint has no fingerprint")
	}
}

func TestGroupHexKeepsAShortTail(t *testing.T) {
	if got := GroupHex("abcdef"); got != "abcd ef" {
		t.Errorf("got %q", got)
	}
}

// readZipPart returns the uncompressed bytes of the part named name.
func readZipPart(path, name string) ([]byte, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == name {
			r, err := f.Open()
			if err != nil {
				return nil, err
			}
			defer r.Close()
			return io.ReadAll(r)
		}
	}
	return nil, fmt.Errorf("%s: no part %s", path, name)
}
