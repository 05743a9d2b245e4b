package docx

import (
	"strings"
	"sync"

	"github.com/docattr/docattr/internal/opc"
	"github.com/docattr/docattr/internal/xmltok"
)

// sheet is what the styles part says that reading and stamping use: the
// paragraph styles' alignment, size and colour for the recognisers, and
// their line formats for the page estimate. The part is read and walked
// once per document for both.
type sheet struct {
	lines   styleSheet
	formats map[string]styleFormat // the key "" holds the document defaults
}

// styles returns the document's sheet; a missing or unreadable styles part
// gives an empty one (the paragraphs' own formatting and Word's defaults).
func (d *Document) styles() *sheet {
	d.stylesOnce.Do(func() {
		name := d.stylesAt
		dg, ok := d.Pkg.PartDigest(name)
		if ok {
			if sh := sheets.get(dg); sh != nil {
				d.sheet = sh
				return
			}
		}
		var data []byte
		mine := false
		if name != "" {
			data, mine, _ = d.Pkg.ReadToCheck(name) // readSheet only reads it
		}
		var proof *xmltok.Passed
		d.sheet, proof = readSheetChecking(data, mine)
		d.Pkg.Checked(name, proof)
		if ok && data != nil {
			sheets.put(dg, d.sheet)
		}
	})
	return d.sheet
}

// stylesPart returns the styles part of the document (nil when absent).
func (d *Document) stylesPart() []byte {
	name := d.stylesAt
	if name == "" {
		return nil
	}
	data, err := d.Pkg.Read(name)
	if err != nil {
		return nil
	}
	return data
}

// stylesName is the name of the main part's styles part, "" when none.
func (d *Document) stylesName() string {
	rels, err := d.Pkg.Rels(d.Pkg.Main)
	if err != nil {
		return ""
	}
	for _, r := range rels {
		if !r.External && strings.HasSuffix(r.Type, "/styles") && d.Pkg.Has(r.Target) {
			return r.Target
		}
	}
	return ""
}

// sheets remembers the sheets of styles parts read in this process by the
// parts' digests: the drafts of a batch made from one template share
// theirs. A sheet is never changed once read.
var sheets = sheetCache{m: map[opc.Digest]*sheet{}}

type sheetCache struct {
	sync.Mutex
	m map[opc.Digest]*sheet
}

func (c *sheetCache) get(d opc.Digest) *sheet {
	c.Lock()
	defer c.Unlock()
	return c.m[d]
}

func (c *sheetCache) put(d opc.Digest, sh *sheet) {
	c.Lock()
	defer c.Unlock()
	if len(c.m) >= 64 {
		clear(c.m)
	}
	c.m[d] = sh
}

// readSheet walks the styles part once. Table, character and numbering
// styles, latent styles and table properties say nothing either reader
// needs, and they are most of a Word template's styles part, so they are
// skipped whole.
func readSheet(data []byte) *sheet {
	sh, _ := readSheetChecking(data, false)
	return sh
}

// readSheetChecking is readSheet that, when check is set, also checks the
// whole part as xmltok.Check would and returns the proof when it passed
// (nil otherwise: a damaged part gives the sheet read up to the fault, and
// the package's verification reports it).
func readSheetChecking(data []byte, check bool) (*sheet, *xmltok.Passed) {
	lr := lineReader{ss: styleSheet{styles: map[string]lineFormat{}, basedOn: map[string]string{}}}
	fr := formatReader{out: map[string]styleFormat{}}
	var proof *xmltok.Passed
	if data != nil {
		var s *xmltok.Scanner
		if check {
			// One resume point: the proof is wanted, not CheckEdited.
			s, _ = xmltok.NewChecked(data, len(data)+1)
		}
		if s == nil {
			s = xmltok.New(data)
		}
		walkStyles(s, &lr, &fr)
		proof = s.Passed()
	}
	return &sheet{lines: lr.ss, formats: fr.resolve()}, proof
}

func walkStyles(s *xmltok.Scanner, lr *lineReader, fr *formatReader) {
	for {
		t, err := s.Next()
		if err != nil {
			return
		}
		if (t.Kind != xmltok.StartTag && t.Kind != xmltok.EndTag) || (t.Space != NSW && t.Space != nsWStrict) {
			continue
		}
		local := string(t.Local)
		if t.Kind == xmltok.StartTag && skipStyle(s, &t, local) {
			if _, err := s.Skip(&t); err != nil {
				return
			}
			continue
		}
		lr.token(s, &t, local)
		fr.token(s, &t, local)
	}
}

// skipStyle reports whether the element t starts holds nothing of a sheet.
func skipStyle(s *xmltok.Scanner, t *xmltok.Token, local string) bool {
	switch local {
	case "latentStyles", "tblPr", "tblStylePr", "trPr", "tcPr":
		return true
	case "style":
		typ, _ := s.AttrValue(t, t.Space, "type")
		return typ != "paragraph" && typ != ""
	}
	return false
}
